//! The records as written: every field optional and spanned, so that the
//! model can report every missing field, bad value and unknown key of a
//! file with its line and column, not only the first.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use std::marker::PhantomData;

/// Declares a record whose fields are all optional and whose unknown keys
/// are collected (with their spans) instead of aborting the file.
macro_rules! raw_record {
    ($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Default)]
        pub struct $name {
            $(pub $field: Option<$ty>,)*
            pub unknown: Vec<Spanned<String>>,
        }

        impl $name {
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a mapping of fields (`name: value` lines)")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut rec = $name::default();
                        while let Some(key) = map.next_key::<Spanned<String>>()? {
                            match key.value.as_str() {
                                $(stringify!($field) => rec.$field = Some(map.next_value()?),)*
                                _ => {
                                    map.next_value::<IgnoredAny>()?;
                                    rec.unknown.push(key);
                                }
                            }
                        }
                        Ok(rec)
                    }
                }
                d.deserialize_map(V)
            }
        }
    };
}

pub type Text = Spanned<String>;

raw_record!(
    /// `content/site.yaml`.
    RawSite {
        title: Text,
        subtitle: Text,
        description: Text,
        base_url: Text,
        language: Text,
        theme: Text,
        author: Text,
        unsafe_html: Spanned<bool>,
    }
);

raw_record!(RawLink {
    url: Text,
    label: Text
});
raw_record!(RawRelation {
    actor: Text,
    label: Text
});

raw_record!(RawActor {
    id: Text,
    name: Text,
    kind: Text,
    role: Text,
    aliases: Vec<Text>,
    country: Text,
    summary: Text,
    links: Vec<Spanned<RawLink>>,
    relations: Vec<Spanned<RawRelation>>,
});

raw_record!(RawEvent {
    id: Text,
    date: Spanned<DateInput>,
    end: Spanned<DateInput>,
    approximate: Spanned<bool>,
    title: Text,
    summary: Text,
    actors: Vec<Text>,
    sources: Vec<Text>,
    articles: Vec<Text>,
    status: Text,
    place: Text,
    tags: Vec<Text>,
});

raw_record!(RawSource {
    id: Text,
    name: Text,
    kind: Text,
    url: Text,
    aliases: Vec<Text>,
    description: Text,
    archive_url: Text,
});

raw_record!(
    /// Front matter of a `.md` article, or the sidecar of a `.txt` one.
    RawArticleMeta {
        title: Text,
        date: Spanned<DateInput>,
        slug: Text,
        url: Text,
        byline: Text,
        kicker: Text,
        sources: Vec<Text>,
        actors: Vec<Text>,
        summary: Text,
        tags: Vec<Text>,
        draft: Spanned<bool>,
    }
);

/// A date as written: an unquoted year is a YAML integer, the rest strings.
#[derive(Debug, Clone)]
pub struct DateInput(pub String);

impl<'de> Deserialize<'de> for DateInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date: YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateInput, E> {
                Ok(DateInput(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateInput, E> {
                Ok(DateInput(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateInput, E> {
                Ok(DateInput(v.to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A data file holds one record or a list of records. `One` holds a bare
/// record (saphyr cannot span a record read through a map adapter); the
/// outer `Spanned` of the document gives its position instead.
#[derive(Debug)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<Spanned<T>>),
}

/// One located record per entry of a data file.
pub fn records<T>(doc: Spanned<OneOrMany<T>>) -> Vec<Spanned<T>> {
    match doc.value {
        OneOrMany::One(v) => vec![Spanned::new(v, doc.referenced, doc.defined)],
        OneOrMany::Many(v) => v,
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Dispatch on the node kind and keep reading from the YAML parser
        // itself (no untagged buffering), so spans survive.
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("one record (a mapping) or a list of records")
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(m)).map(OneOrMany::One)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, s: A) -> Result<Self::Value, A::Error> {
                Vec::<Spanned<T>>::deserialize(SeqAccessDeserializer::new(s)).map(OneOrMany::Many)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}
