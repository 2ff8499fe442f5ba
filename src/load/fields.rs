//! Records as written, in no format's terms: every field optional and
//! carrying dossier's own [`Span`], so that validation can report every
//! missing field, bad value and unknown key of a file with its line and
//! column, and never sees a parser's types. The loaders (YAML, CSV) fill
//! these, so validation cannot tell the formats apart.
//!
//! A file that does not read straight into its records is read again as a
//! tree of [`Node`]s, which [`FromNode`] walks to report every bad value in
//! it (not only the first) and to keep the records that are sound.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// Where a value was written: the file (an index into `Loaded::files`),
/// and its 1-based line and column in that file as a whole (a front
/// matter's offset already added). Line 0 means "somewhere in the file":
/// the message then names the file alone.
///
/// Held as `u32`s (12 bytes, not 24): every field of every record loaded
/// carries one, and at 50,000 articles and 100,000 events they were tens
/// of megabytes of the peak (issue 18). No file is read past
/// [`MAX_FILE_BYTES`](super::limits::MAX_FILE_BYTES) (64 MiB), so its
/// lines and columns fit; nor are there 4 billion files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: u32,
    pub line: u32,
    pub column: u32,
}

/// `n` as a span's number: saturating, where the limits above make it
/// exact.
const fn narrow(n: usize) -> u32 {
    if n > u32::MAX as usize {
        u32::MAX
    } else {
        n as u32
    }
}

impl Span {
    /// The place at 1-based `line` and `column` of file `file`.
    pub const fn new(file: usize, line: usize, column: usize) -> Span {
        Span {
            file: narrow(file),
            line: narrow(line),
            column: narrow(column),
        }
    }

    /// The whole of file `file`, with no line to point at.
    pub const fn whole_file(file: usize) -> Span {
        Span::new(file, 0, 0)
    }

    /// The index of its file in `Loaded::files`.
    pub const fn file(self) -> usize {
        self.file as usize
    }

    /// Its 1-based line (0: none).
    pub const fn line(self) -> usize {
        self.line as usize
    }

    /// Its 1-based column, in characters.
    pub const fn column(self) -> usize {
        self.column as usize
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

impl<T> Field<T> {
    /// A value dossier writes itself (the CSV exports), from no file.
    pub fn unplaced(value: T) -> Self {
        Field {
            value,
            span: Span::default(),
        }
    }
}

/// An optional text as a field dossier writes; `None` when absent or empty.
pub fn written(value: Option<&str>) -> Option<Text> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| Field::unplaced(v.to_owned()))
}

/// A list as a field dossier writes; `None` when empty.
pub fn written_list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Option<Vec<Text>> {
    let list: Vec<Text> = items
        .into_iter()
        .map(|s| Field::unplaced(s.as_ref().to_owned()))
        .collect();
    (!list.is_empty()).then_some(list)
}

/// Puts spans read relative to a piece of text (a data file, a front
/// matter block) into the file: sets the file index, and moves known
/// lines down by `line_offset` (the lines before a front matter's YAML).
pub trait Place {
    fn place(&mut self, file: usize, line_offset: usize);
}

impl<T: Place> Place for Field<T> {
    fn place(&mut self, file: usize, line_offset: usize) {
        // Every span of a value is in one file (placed together, or all
        // local to the text parsed), so a value already in `file` with no
        // lines to move is placed: records lent back by `dossier serve`'s
        // cache are, and placing 20,000 events again was a tenth of a
        // rebuild's loading (issue 18).
        if self.span.file() == file && line_offset == 0 {
            return;
        }
        self.span.file = narrow(file);
        if self.span.line > 0 {
            self.span.line = narrow(self.span.line() + line_offset);
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

/// A value as written, in no format's terms: what a loader hands to
/// [`FromNode`] when a file did not read straight into its records.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts (spans local to the text read, as for fields).
    pub span: Span,
    pub value: NodeValue,
}

/// What a [`Node`] holds.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// One value written alone: its text (character for character when it
    /// is a number or a word such as `yes`), and its truth when it reads
    /// as true or false.
    Scalar {
        text: String,
        truth: Option<bool>,
    },
    /// Nothing written (`field:` alone, `~`, `null`).
    Empty,
    List(Vec<Node>),
    /// Fields, in the order written, repeated keys included.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The text of the scalar that `key` holds in this mapping, if any:
    /// the id of a record that does not load, so that nothing refers to
    /// it as unknown.
    pub fn text_of(&self, key: &str) -> Option<&str> {
        let NodeValue::Map(entries) = &self.value else {
            return None;
        };
        entries
            .iter()
            .find_map(|(k, v)| match (&k.value, &v.value) {
                (NodeValue::Scalar { text: k, .. }, NodeValue::Scalar { text, .. }) if k == key => {
                    Some(text.as_str())
                }
                _ => None,
            })
    }

    /// How a message names what the node holds.
    fn found(&self) -> &'static str {
        match self.value {
            NodeValue::Scalar { .. } => "a single value",
            NodeValue::Empty => "nothing",
            NodeValue::List(_) => "a list",
            NodeValue::Map(_) => "fields (`name: value` lines)",
        }
    }
}

/// A value that is not what its field takes: where it is, what is wrong,
/// and what to write instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
    /// A line the message names besides its own (where a field was first
    /// given), in the same lines as `span`: said as "(first on line N)"
    /// once both are lines of the file (a front matter's YAML starts
    /// below its `---`), by [`Problem::said`].
    pub first_on: Option<usize>,
}

impl Problem {
    fn new(span: Span, message: String, hint: impl Into<Option<String>>) -> Self {
        Problem {
            span,
            message,
            hint: hint.into(),
            first_on: None,
        }
    }

    /// The message, naming [`Problem::first_on`] as a line of the file
    /// whose YAML starts `offset` lines down.
    pub fn said(&self, offset: usize) -> String {
        match self.first_on {
            Some(line) => format!("{} (first on line {})", self.message, line + offset),
            None => self.message.clone(),
        }
    }
}

/// A field's value read from a [`Node`], every problem in it collected in
/// `problems` rather than stopping at the first. `key` is the field's
/// name, for messages. `None` when the value is unusable: the record it
/// belongs to does not load (content format 1.1, "Errors").
pub trait FromNode: Sized {
    fn from_node(node: Node, key: &str, problems: &mut Vec<Problem>) -> Option<Self>;
}

/// A record that can be read without the fields that could not be
/// (`record_fields!`): so that its other fields are still checked, and
/// every problem of the record is reported in one run (content format
/// 1.1, "Errors"), not the next one after the first is fixed.
pub trait PartlyRead {
    /// Marks the record as read without the fields `unread` (as written):
    /// it is checked, but that those are missing is not said, and it is
    /// never published (a field that could not be read is an error).
    fn mark_partly_read(&mut self, unread: Vec<String>);
    /// The fields it was read without; empty when it was read whole.
    fn unread(&self) -> &[String];
    fn is_partly_read(&self) -> bool {
        !self.unread().is_empty()
    }
}

/// `field:` with nothing after it.
fn empty(node: &Node, key: &str, problems: &mut Vec<Problem>) {
    problems.push(Problem::new(
        node.span,
        format!("`{key}` is empty: give it a value or remove the line"),
        None,
    ));
}

impl FromNode for String {
    fn from_node(node: Node, key: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        match node.value {
            NodeValue::Scalar { text, .. } => return Some(text),
            NodeValue::Empty => empty(&node, key, problems),
            NodeValue::List(_) | NodeValue::Map(_) => problems.push(Problem::new(
                node.span,
                format!("`{key}` takes one text here, not {}", node.found()),
                "write the text on the line of the field; put it in quotes if it starts with `[`, `{`, `-` or contains `: `".to_owned(),
            )),
        }
        None
    }
}

impl FromNode for bool {
    fn from_node(node: Node, key: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        match &node.value {
            NodeValue::Scalar {
                truth: Some(truth), ..
            } => return Some(*truth),
            NodeValue::Empty => empty(&node, key, problems),
            NodeValue::Scalar { text, .. } => problems.push(Problem::new(
                node.span,
                format!("`{text}` is not true or false"),
                format!("write `{key}: true` or `{key}: false`"),
            )),
            _ => problems.push(Problem::new(
                node.span,
                format!("`{key}` is true or false, not {}", node.found()),
                format!("write `{key}: true` or `{key}: false`"),
            )),
        }
        None
    }
}

impl FromNode for DateInput {
    fn from_node(node: Node, key: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        match node.value {
            NodeValue::Scalar { text, .. } => return Some(DateInput(text)),
            NodeValue::Empty => empty(&node, key, problems),
            _ => problems.push(Problem::new(
                node.span,
                format!("`{key}` takes one date, not {}", node.found()),
                "write YYYY, YYYY-MM or YYYY-MM-DD on the line of the field".to_owned(),
            )),
        }
        None
    }
}

impl<T: FromNode> FromNode for Field<T> {
    fn from_node(node: Node, key: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let span = node.span;
        T::from_node(node, key, problems).map(|value| Field { value, span })
    }
}

impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(node: Node, key: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let hint = match &node.value {
            NodeValue::List(_) => None,
            NodeValue::Scalar { text, .. } => Some(format!("write `{key}: [{text}]`")),
            _ => Some("write `[a, b]`, or one `- item` per line below the field".to_owned()),
        };
        let NodeValue::List(items) = node.value else {
            problems.push(Problem::new(
                node.span,
                "expected a list here, such as `[a, b]` or one `- item` per line".to_owned(),
                hint,
            ));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut sound = true;
        for item in items {
            match T::from_node(item, key, problems) {
                Some(v) => out.push(v),
                None => sound = false,
            }
        }
        sound.then_some(out)
    }
}

/// The fields of a record read from `node`: each key with its value, a
/// repeated key reported (and left out), and whether every key was sound.
/// `None` when the node is not a mapping at all. `key` names the field
/// holding the record (empty for a record on its own); `fields` lists the
/// record's fields for the hint.
pub fn record_entries(
    node: Node,
    key: &str,
    fields: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<(Vec<(Text, Node)>, bool)> {
    let entries = match node.value {
        NodeValue::Map(entries) => entries,
        _ => {
            let whose = if key.is_empty() {
                String::new()
            } else {
                format!(" of `{key}`")
            };
            problems.push(Problem::new(
                node.span,
                format!(
                    "expected a record here: `field: value` lines, not {}",
                    node.found()
                ),
                format!("the fields{whose} are: {}", fields.join(", ")),
            ));
            return None;
        }
    };
    let mut out: Vec<(Text, Node)> = Vec::with_capacity(entries.len());
    let mut sound = true;
    for (k, value) in entries {
        let name = match k.value {
            NodeValue::Scalar { text, .. } => text,
            _ => {
                problems.push(Problem::new(
                    k.span,
                    format!("a field's name is a word before `:`, not {}", k.found()),
                    "put the value after the field's name, on its line".to_owned(),
                ));
                sound = false;
                continue;
            }
        };
        if let Some((first, _)) = out.iter().find(|(f, _)| f.value == name) {
            let mut twice = Problem::new(
                k.span,
                format!("`{name}` is given twice in this record"),
                "keep one of the two".to_owned(),
            );
            twice.first_on = Some(first.span.line());
            problems.push(twice);
            sound = false;
            continue;
        }
        // Nothing after `field:` is pointed at by the field's name.
        let mut value = value;
        if value.value == NodeValue::Empty {
            value.span = k.span;
        }
        out.push((
            Field {
                value: name,
                span: k.span,
            },
            value,
        ));
    }
    Some((out, sound))
}

/// Declares the fields of a record as written: a struct whose fields are
/// all `Option<Field<…>>`, whose unknown keys are collected with their
/// spans instead of aborting the file, and whose `FIELDS` list feeds the
/// "did you mean" hints. Used once per record kind, in the kind's file.
///
/// Every field's type reads from YAML (serde) and from a CSV cell
/// ([`crate::load::csv::Cell`]), so a kind's records can be written in
/// either format with nothing more than this declaration.
#[macro_export]
macro_rules! record_fields {
    ($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Default, Clone)]
        pub struct $name {
            $(pub $field: Option<$ty>,)*
            /// Keys that are not fields of this record, as written.
            pub unknown: Vec<$crate::load::fields::Text>,
            /// The fields that could not be read, which it was read
            /// without ([`$crate::load::fields::PartlyRead`]).
            pub unread: Vec<String>,
        }

        impl $crate::load::fields::PartlyRead for $name {
            fn mark_partly_read(&mut self, unread: Vec<String>) {
                self.unread = unread;
            }
            fn unread(&self) -> &[String] {
                &self.unread
            }
        }

        impl $name {
            /// The field names, in the order the content format lists them.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The texts written in the field `name` (one for a text, each
            /// item of a list of texts), whether or not the record passes
            /// its checks: what others refer to it by (`id`), what it is
            /// listed under (`tags`). Empty for a field it does not have.
            pub fn as_written(&self, name: &str) -> Vec<&str> {
                use $crate::load::fields::Text;
                $(
                    if stringify!($field) == name {
                        let any: &dyn std::any::Any = &self.$field;
                        if let Some(Some(t)) = any.downcast_ref::<Option<Text>>() {
                            return vec![t.value.as_str()];
                        }
                        if let Some(Some(list)) = any.downcast_ref::<Option<Vec<Text>>>() {
                            return list.iter().map(|t| t.value.as_str()).collect();
                        }
                    }
                )*
                Vec::new()
            }
        }

        impl $crate::load::fields::FromNode for $name {
            fn from_node(
                node: $crate::load::fields::Node,
                key: &str,
                problems: &mut Vec<$crate::load::fields::Problem>,
            ) -> Option<Self> {
                let (entries, mut sound) =
                    $crate::load::fields::record_entries(node, key, Self::FIELDS, problems)?;
                let mut rec = $name::default();
                for (name, value) in entries {
                    match name.value.as_str() {
                        $(stringify!($field) => {
                            match $crate::load::fields::FromNode::from_node(value, stringify!($field), problems) {
                                Some(v) => rec.$field = Some(v),
                                None => sound = false,
                            }
                        })*
                        _ => rec.unknown.push(name),
                    }
                }
                sound.then_some(rec)
            }
        }

        impl $crate::load::csv::CsvRecord for $name {
            const IN_CSV: &'static [bool] = &[$(<$ty as $crate::load::csv::Cell>::IN_CSV),*];

            fn set_cell(
                &mut self,
                field: &str,
                cell: &str,
                span: $crate::load::fields::Span,
            ) -> Result<(), String> {
                match field {
                    $(stringify!($field) => self.$field = Some(<$ty as $crate::load::csv::Cell>::read(cell, span)?),)*
                    _ => {}
                }
                Ok(())
            }

            fn write_cell(&self, field: &str, out: &mut String) {
                match field {
                    $(stringify!($field) => if let Some(v) = &self.$field {
                        <$ty as $crate::load::csv::Cell>::write(v, out)
                    },)*
                    _ => {}
                }
            }

            fn fields() -> &'static [&'static str] {
                Self::FIELDS
            }
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
        search: Field<bool>,
        boilerplate: Vec<Text>,
    }
);
