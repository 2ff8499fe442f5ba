//! The YAML loader: data files, sidecars and front matter parsed with
//! serde-saphyr under budgets, and its spans turned into dossier's own
//! ([`Span`]) as they are read. Nothing past this module sees saphyr's
//! types.

use super::SourceFile;
use super::fields::{Field, Place, Span};
use crate::diag::Diagnostic;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// The position saphyr read, in the YAML text itself (file 0, no offset:
/// [`Place`] sets both once the file is known).
fn span_of(loc: &serde_saphyr::Location) -> Span {
    Span {
        file: 0,
        line: loc.line() as usize,
        column: loc.column() as usize,
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(Field {
            span: span_of(&s.referenced),
            value: s.value,
        })
    }
}

/// A data file holds one record or a list of records. `One` holds a bare
/// record (saphyr cannot span a record read through a map adapter); the
/// outer span of the document gives its position instead.
enum OneOrMany<T> {
    One(T),
    Many(Vec<Field<T>>),
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
                Vec::<Field<T>>::deserialize(SeqAccessDeserializer::new(s)).map(OneOrMany::Many)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// The records of a data file (one record, or a list), each located in
/// file `file`. An empty file holds none.
pub fn records<T: DeserializeOwned + Place>(
    source: &SourceFile,
    file: usize,
) -> Result<Vec<Field<T>>, Diagnostic> {
    let doc = parse::<Option<Field<OneOrMany<T>>>>(source, &source.text)?;
    let mut records = match doc {
        None => Vec::new(),
        Some(Field {
            value: OneOrMany::One(v),
            span,
        }) => vec![Field { value: v, span }],
        Some(Field {
            value: OneOrMany::Many(v),
            ..
        }) => v,
    };
    records.place(file, source.yaml_line_offset);
    Ok(records)
}

/// One record (site.yaml, a sidecar, a front matter) from `yaml`, a part
/// of `source`'s text, located in file `file`; `None` for an empty one.
pub fn record<T: DeserializeOwned + Place>(
    source: &SourceFile,
    yaml: &str,
    file: usize,
) -> Result<Option<Field<T>>, Diagnostic> {
    let mut r = parse::<Option<Field<T>>>(source, yaml)?;
    r.place(file, source.yaml_line_offset);
    Ok(r)
}

/// Parses YAML, turning a parse error into a diagnostic at the file's line.
fn parse<T: DeserializeOwned>(file: &SourceFile, yaml: &str) -> Result<T, Diagnostic> {
    // Budgets bound time and memory on hostile input (alias bombs, deep nesting).
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_nodes: 2_000_000,
            max_aliases: 1_000,
            max_total_scalar_bytes: 64 << 20,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! { max_total_replayed_events: 100_000 },
    };
    serde_saphyr::from_str_with_options::<T>(yaml, options).map_err(|e| diagnostic(file, &e))
}

fn diagnostic(file: &SourceFile, e: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};
    let mut inner = e;
    while let serde_saphyr::Error::WithSnippet { error, .. }
    | serde_saphyr::Error::AliasError { error, .. } = inner
    {
        inner = error;
    }
    let message = DefaultMessageFormatter.format_message(inner).into_owned();
    let message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    let message = message.replace("; use Option<String>", "");
    // The parser's words name its state; say what the author should write.
    let message = match message.as_str() {
        "expected sequence start" => {
            "expected a list here, such as `[a, b]` or one `- item` per line".to_owned()
        }
        "expected mapping start" => "expected a record here: `field: value` lines".to_owned(),
        "cannot deserialize null into string" => {
            "this field is empty: give it a value or remove the line".to_owned()
        }
        _ => message,
    };
    let d = match e.location() {
        Some(l) if l.line() > 0 => Diagnostic::at(
            file.path.clone(),
            &file.text,
            l.line() as usize + file.yaml_line_offset,
            l.column() as usize,
            message,
        ),
        _ => Diagnostic::new(file.path.clone(), message),
    };
    let hint = if d.message.contains("budget")
        || d.message.contains("depth")
        || d.message.contains("alias")
    {
        Some("the file is nested too deeply or expands too many aliases to be content".to_owned())
    } else {
        None
    };
    d.maybe_hint(hint)
}
