//! Records as written, in no format's terms: every field optional and
//! carrying dossier's own [`Span`], so that validation can report every
//! missing field, bad value and unknown key of a file with its line and
//! column, and never sees a parser's types. A loader (YAML today) fills
//! these; a second input format is one more loader producing the same
//! structs.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// Where a value was written: the file (an index into `Loaded::files`),
/// and its 1-based line and column in that file as a whole (a front
/// matter's offset already added). Line 0 means "somewhere in the file":
/// the message then names the file alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub file: usize,
    pub line: usize,
    pub column: usize,
}

impl Span {
    /// The whole of file `file`, with no line to point at.
    pub const fn whole_file(file: usize) -> Span {
        Span {
            file,
            line: 0,
            column: 0,
        }
    }
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    pub value: T,
    pub span: Span,
}

/// A text field as written (untrimmed).
pub type Text = Field<String>;

/// Puts spans read relative to a piece of text (a data file, a front
/// matter block) into the file: sets the file index, and moves known
/// lines down by `line_offset` (the lines before a front matter's YAML).
pub trait Place {
    fn place(&mut self, file: usize, line_offset: usize);
}

impl<T: Place> Place for Field<T> {
    fn place(&mut self, file: usize, line_offset: usize) {
        self.span.file = file;
        if self.span.line > 0 {
            self.span.line += line_offset;
        }
        self.value.place(file, line_offset);
    }
}

impl<T: Place> Place for Vec<T> {
    fn place(&mut self, file: usize, line_offset: usize) {
        for v in self {
            v.place(file, line_offset);
        }
    }
}

impl<T: Place> Place for Option<T> {
    fn place(&mut self, file: usize, line_offset: usize) {
        if let Some(v) = self {
            v.place(file, line_offset);
        }
    }
}

impl<T: Place> Place for Box<T> {
    fn place(&mut self, file: usize, line_offset: usize) {
        (**self).place(file, line_offset);
    }
}

impl Place for String {
    fn place(&mut self, _: usize, _: usize) {}
}

impl Place for bool {
    fn place(&mut self, _: usize, _: usize) {}
}

/// A date as written, character for character: read as text whatever
/// YAML would make of it, so that an unquoted `0750` stays the year 750
/// (not the number 750.0) and a bad value is quoted as the author wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct DateInput(pub String);

impl Place for DateInput {
    fn place(&mut self, _: usize, _: usize) {}
}

impl<'de> Deserialize<'de> for DateInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date: YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateInput, E> {
                Ok(DateInput(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateInput, E> {
                Ok(DateInput(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateInput, E> {
                Ok(DateInput(v.to_string()))
            }
        }
        // As text: a YAML parser hands a plain scalar to a text field as
        // written (`0750`, `602`, `2021.5`), where inferring its type
        // would turn `0750` into a float.
        d.deserialize_str(V)
    }
}

/// Declares the fields of a record as written: a struct whose fields are
/// all `Option<Field<…>>`, whose unknown keys are collected with their
/// spans instead of aborting the file, and whose `FIELDS` list feeds the
/// "did you mean" hints. Used once per record kind, in the kind's file.
#[macro_export]
macro_rules! record_fields {
    ($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Default, Clone)]
        pub struct $name {
            $(pub $field: Option<$ty>,)*
            /// Keys that are not fields of this record, as written.
            pub unknown: Vec<$crate::load::fields::Text>,
        }

        impl $name {
            /// The field names, in the order the content format lists them.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
        }

        impl $crate::load::fields::Place for $name {
            fn place(&mut self, file: usize, line_offset: usize) {
                $(self.$field.place(file, line_offset);)*
                self.unknown.place(file, line_offset);
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a mapping of fields (`name: value` lines)")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut rec = $name::default();
                        while let Some(key) = map.next_key::<$crate::load::fields::Text>()? {
                            match key.value.as_str() {
                                $(stringify!($field) => rec.$field = Some(map.next_value()?),)*
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
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

crate::record_fields!(
    /// `content/site.yaml`: not a record kind, but read the same way.
    SiteFields {
        title: Text,
        subtitle: Text,
        description: Text,
        base_url: Text,
        language: Text,
        theme: Text,
        author: Text,
        unsafe_html: Field<bool>,
        mention_links: Text,
    }
);
