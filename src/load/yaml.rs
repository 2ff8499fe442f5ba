//! The YAML loader: data files, sidecars and front matter parsed with
//! serde-saphyr under budgets, and its spans turned into dossier's own
//! ([`Span`]) as they are read. Nothing past this module sees saphyr's
//! types.
//!
//! A file is read straight into its records first. When that fails, it is
//! read again as a tree of [`Node`]s that accepts any value, and walked
//! ([`FromNode`]) to report every bad value in it, not only the first, and
//! to keep the records that are sound (content format 1.1, "Errors"). A
//! file that is not YAML at all is reported once, in dossier's words where
//! [`super::rephrase`] has them; a file that reaches one of the limits
//! ([`super::limits`]) is told which.

use super::SourceFile;
use super::fields::{Field, FromNode, Node, NodeValue, PartlyRead, Place, Problem, Span};
use super::rephrase;
use crate::diag::Diagnostic;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use std::marker::PhantomData;

/// The position saphyr read, in the YAML text itself (file 0, no offset:
/// [`Place`] sets both once the file is known).
fn span_of(loc: &serde_saphyr::Location) -> Span {
    Span::new(0, loc.line() as usize, loc.column() as usize)
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
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

/// What a YAML text gave: the records that loaded, every problem found in
/// it, and the keys of the records written in it that did not load (their
/// `id`, a front matter's `slug`), so that nothing refers to them as
/// unknown.
#[derive(Debug)]
pub struct Read<T> {
    pub records: Vec<Field<T>>,
    pub problems: Vec<Diagnostic>,
    pub unloaded: Vec<String>,
}

impl<T: PartlyRead> Read<T> {
    /// Whether the record read (front matter, a sidecar) goes on to be
    /// checked: it read without a problem, or it was read in part, and
    /// its problems go with it, so that it is never published.
    pub fn goes_on(&self) -> bool {
        self.problems.is_empty()
            || self
                .records
                .last()
                .is_some_and(|r| r.value.is_partly_read())
    }
}

/// The records of a data file (one record, or a list), each located in
/// file `file`. An empty file holds none.
pub fn records<T: DeserializeOwned + Place + FromNode + PartlyRead + Send>(
    source: &SourceFile,
    file: usize,
) -> Read<T> {
    let parts = rayon::current_num_threads().min(source.text.len() / MIN_PART_BYTES);
    let mut read = match in_parts::<T>(&source.text, parts) {
        Some(records) => Read {
            records,
            problems: Vec::new(),
            unloaded: Vec::new(),
        },
        None => whole_list(source),
    };
    read.records.place(file, source.yaml_line_offset);
    read
}

/// The records of `source` read whole, one record or a list; when it does
/// not read straight into them, read again to report every problem and
/// keep the records that are sound ([`loose`]).
fn whole_list<T: DeserializeOwned + FromNode + PartlyRead>(source: &SourceFile) -> Read<T> {
    match strict::<Option<Field<OneOrMany<T>>>>(&source.text) {
        Ok(doc) => Read {
            records: match doc {
                None => Vec::new(),
                Some(Field {
                    value: OneOrMany::One(v),
                    span,
                }) => vec![Field { value: v, span }],
                Some(Field {
                    value: OneOrMany::Many(v),
                    ..
                }) => v,
            },
            problems: Vec::new(),
            unloaded: Vec::new(),
        },
        Err(e) => loose(source, &source.text, "id", &e, |node, read, problems| {
            match node.value {
                NodeValue::Empty => {}
                NodeValue::Map(_) => keep_partly(node, "id", read, problems),
                NodeValue::List(items) => {
                    for item in items {
                        keep_partly(item, "id", read, problems);
                    }
                }
                NodeValue::Scalar { .. } => problems.push(Problem {
                    span: node.span,
                    message: "expected one record (`field: value` lines) or a list of records (each starting with `- `)".to_owned(),
                    hint: None,
                    first_on: None,
                }),
            }
        }),
    }
}

/// The least a part of a long list of records ([`in_parts`]) holds, in
/// bytes: below it a file is read whole, as splitting would save nothing.
const MIN_PART_BYTES: usize = 512 * 1024;

/// The records of `yaml`, a list of records, read in `parts` parts at
/// once, each placed at its lines in `yaml`: what reading it whole would
/// give, or `None` when it cannot be read so (then it is read whole, which
/// reports its problems).
///
/// A spreadsheet exported as YAML is one long list (100,000 events, 21 MB,
/// took a second to read on one core, as long as all the articles on the
/// other). It is cut only before a line that starts a record of the list
/// (`- ` at the start of a line), and only when the text's first value
/// starts that way and no line starts a new document or a directive
/// (`---`, `...`, `%`). A cut that falls inside a quoted text or a flow
/// list leaves the part before it unreadable (an unclosed quote or
/// bracket); inside any other value it cannot fall, as YAML indents their
/// lines under the list's. Each part is read under its share of the
/// budgets that add up over a text (values, parser events, bytes;
/// [`super::limits::YAML`]), so that the parts together never read more
/// than the whole file could; a part that defines an anchor, refers to
/// one or merges a mapping (`<<`) is read whole, as the budgets on those
/// do not add up (the share of aliases to anchors, among others). Any
/// part that fails sends the file back to be read whole.
fn in_parts<T: DeserializeOwned + Place + Send>(yaml: &str, parts: usize) -> Option<Vec<Field<T>>> {
    use rayon::prelude::*;
    if parts < 2 {
        return None;
    }
    let first = yaml
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let starts_record = |l: &str| l == "-" || l.starts_with("- ") || l.starts_with("-\t");
    if !starts_record(first.trim_end_matches('\r'))
        || yaml
            .lines()
            .any(|l| l.starts_with("---") || l.starts_with("...") || l.starts_with('%'))
    {
        return None;
    }
    // Each cut: the byte where a record's line starts, at or after an
    // even share of the text.
    let mut cuts = vec![0];
    for k in 1..parts {
        let from = (yaml.len() * k / parts).max(*cuts.last()? + 1);
        // Bytes, not characters: `from` may fall inside a character, and
        // the byte after a line break never does.
        let Some(at) = yaml.as_bytes().get(from..).and_then(|rest| {
            memchr::memmem::find_iter(rest, b"\n-")
                .map(|i| from + i + 1)
                .find(|&at| {
                    let line = yaml[at..].split('\n').next().unwrap_or("");
                    starts_record(line.trim_end_matches('\r'))
                })
        }) else {
            break;
        };
        cuts.push(at);
    }
    cuts.push(yaml.len());
    cuts.dedup();
    if cuts.len() < 3 {
        return None;
    }
    let share = cuts.len() - 1;
    let limits = super::limits::YAML.shared_by(share);
    // The lines before each part, counted once over the text.
    let lines_before: Vec<usize> = cuts
        .windows(2)
        .scan(0, |lines, w| {
            let before = *lines;
            *lines += memchr::memchr_iter(b'\n', &yaml.as_bytes()[w[0]..w[1]]).count();
            Some(before)
        })
        .collect();
    let read: Vec<Option<Vec<Field<T>>>> = cuts
        .par_windows(2)
        .zip(lines_before)
        .map(|(w, lines_before)| {
            let part = &yaml[w[0]..w[1]];
            let report = std::rc::Rc::new(std::cell::Cell::new(None));
            let told = std::rc::Rc::clone(&report);
            let options = super::limits::yaml_options(&limits).with_budget_report(
                move |r: serde_saphyr::budget::BudgetReport| {
                    told.set(Some((r.anchors, r.aliases, r.merge_keys)))
                },
            );
            let read = serde_saphyr::from_str_with_options::<Option<Field<OneOrMany<T>>>>(
                &printable(part),
                options,
            );
            match (read, report.take()) {
                (
                    Ok(Some(Field {
                        value: OneOrMany::Many(mut records),
                        ..
                    })),
                    Some((0, 0, 0)),
                ) => {
                    records.place(0, lines_before);
                    Some(records)
                }
                _ => None,
            }
        })
        .collect();
    let mut all = Vec::new();
    for part in read {
        all.append(&mut part?);
    }
    Some(all)
}

/// One record (site.yaml, a sidecar, a front matter) from `yaml`, a part
/// of `source`'s text, located in file `file`: no record for an empty
/// one. `key` is the field others refer to it by (`slug`), for
/// [`Read::unloaded`].
pub fn record<T: DeserializeOwned + Place + FromNode + PartlyRead>(
    source: &SourceFile,
    yaml: &str,
    file: usize,
    key: &str,
) -> Read<T> {
    let mut read = match strict::<Option<Field<T>>>(yaml) {
        Ok(r) => Read {
            records: r.into_iter().collect(),
            problems: Vec::new(),
            unloaded: Vec::new(),
        },
        Err(e) => loose(source, yaml, key, &e, |node, read, problems| {
            if node.value != NodeValue::Empty {
                keep_partly(node, key, read, problems);
            }
        }),
    };
    read.records.place(file, source.yaml_line_offset);
    read
}

/// Adds the record `node` holds to `read` when it is sound; otherwise
/// notes its key as written, if it has one.
fn keep<T: FromNode>(node: Node, key: &str, read: &mut Read<T>, problems: &mut Vec<Problem>) {
    let span = node.span;
    let written = node.text_of(key).map(str::to_owned);
    match T::from_node(node, "", problems) {
        Some(value) => read.records.push(Field { value, span }),
        None => read.unloaded.extend(written),
    }
}

/// [`keep`], for a record of a data file, front matter, a sidecar or
/// `site.yaml`: one that is not sound is kept
/// too, read without the fields that cannot be read on their own, and
/// marked ([`PartlyRead`]) so that its other fields are checked in the
/// same run and it is never published. (A record with `tags: money`
/// reported only that; its bad date, status and unknown actor came one
/// `check` later each.)
fn keep_partly<T: FromNode + PartlyRead>(
    node: Node,
    key: &str,
    read: &mut Read<T>,
    problems: &mut Vec<Problem>,
) {
    let copy = matches!(node.value, NodeValue::Map(_)).then(|| node.clone());
    let kept = read.records.len();
    keep(node, key, read, problems);
    if read.records.len() > kept {
        return;
    }
    let Some(Node {
        span,
        value: NodeValue::Map(entries),
    }) = copy
    else {
        return;
    };
    // What each field reads to alone was reported by `keep` already.
    let alone = |entry: &(Node, Node)| {
        let node = Node {
            span,
            value: NodeValue::Map(vec![entry.clone()]),
        };
        T::from_node(node, "", &mut Vec::new()).is_some()
    };
    let (sound, unsound): (Vec<_>, Vec<_>) = entries.into_iter().partition(alone);
    let unread: Vec<String> = (unsound.iter())
        .filter_map(|(k, _)| match &k.value {
            NodeValue::Scalar { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    let node = Node {
        span,
        value: NodeValue::Map(sound),
    };
    if let Some(mut value) = T::from_node(node, "", &mut Vec::new()) {
        // A record whose unsound keys were no field names (`[a]: x`) is
        // still marked: it is never published.
        let unread = if unread.is_empty() {
            vec![String::new()]
        } else {
            unread
        };
        value.mark_partly_read(unread);
        read.records.push(Field { value, span });
    }
}

/// The budgets that bound time and memory on hostile input (alias bombs,
/// deep nesting), for both readings of a file ([`super::limits::YAML`]).
fn options() -> serde_saphyr::Options {
    super::limits::yaml_options(&super::limits::YAML)
}

/// Reads `yaml` straight into `T`: the way every sound file is read.
fn strict<T: DeserializeOwned>(yaml: &str) -> Result<T, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options::<T>(&printable(yaml), options())
}

/// Whether YAML refuses `b` as a character of its own: the C0 controls
/// but tab and line ends, and DEL (YAML 1.2, `c-printable`).
fn refused(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f
}

/// Whether the two bytes `pair` are a C1 control that YAML refuses
/// (U+0080 to U+009F but U+0085, next-line, which YAML reads as a
/// character: YAML 1.2, `c-printable`). In UTF-8 each is 0xC2 and a
/// byte from 0x80 to 0x9F.
fn refused_c1(pair: &[u8]) -> bool {
    matches!(pair, [0xC2, b, ..] if (0x80..=0x9F).contains(b) && *b != 0x85)
}

/// `yaml` with each character YAML refuses read as a space, so that every
/// line and column stays where it is: a C0 control ([`refused`]) as a
/// space, byte for byte; a C1 control ([`refused_c1`]) as a no-break
/// space (U+00A0, 0xC2 0xA0: two bytes for two, one character for one).
/// Such characters come with copy pasted from word processors (Word's line
/// break is U+000B) and with text converted from Windows-1252 as if it
/// were Latin-1 (its `’` becomes U+0092); pages leave them out wherever
/// they are shown (`docs/decisions.md`, "Invisible characters"), and YAML
/// refused the whole file at the first, quoted or not, showing it as
/// nothing.
fn printable(yaml: &str) -> std::borrow::Cow<'_, str> {
    let bytes = yaml.as_bytes();
    let c1 = || memchr::memchr_iter(0xC2, bytes).any(|i| refused_c1(&bytes[i..]));
    if !bytes.iter().copied().any(refused) && !c1() {
        return std::borrow::Cow::Borrowed(yaml);
    }
    let mut spaced: Vec<u8> = bytes
        .iter()
        .map(|&b| if refused(b) { b' ' } else { b })
        .collect();
    for i in memchr::memchr_iter(0xC2, bytes) {
        if refused_c1(&bytes[i..]) {
            spaced[i + 1] = 0xA0;
        }
    }
    // ASCII bytes were swapped for ASCII bytes, and a character's second
    // byte for another of the same lead byte: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(spaced).expect("swaps keep UTF-8 valid"))
}

/// Reads `yaml` (which did not read straight into its records, failing
/// with `first`) again as a tree of nodes, and hands the tree to `walk`,
/// which keeps the sound records and collects the problems. A text that
/// is not YAML at all gives its one syntax error, and the keys that its
/// lines appear to give (`id: …`) as unloaded.
fn loose<T>(
    source: &SourceFile,
    yaml: &str,
    key: &str,
    first: &serde_saphyr::Error,
    walk: impl FnOnce(Node, &mut Read<T>, &mut Vec<Problem>),
) -> Read<T> {
    let mut read = Read {
        records: Vec::new(),
        problems: Vec::new(),
        unloaded: Vec::new(),
    };
    match loose_parse(yaml) {
        Err(e) => {
            read.problems.push(diagnostic(source, yaml, &e));
            read.unloaded = written_keys(yaml, key);
        }
        Ok(tree) => {
            let mut problems = Vec::new();
            if let Some(tree) = tree {
                walk(node(tree, yaml), &mut read, &mut problems);
            }
            if problems.is_empty() {
                // The walk found nothing the parser did: say what it said,
                // and keep none of the file.
                read.problems.push(diagnostic(source, yaml, first));
                read.records.clear();
                read.unloaded = written_keys(yaml, key);
            }
            for p in problems {
                let line = p.span.line() + source.yaml_line_offset;
                let d = source.at(line, p.span.column(), p.said(source.yaml_line_offset));
                read.problems.push(d.maybe_hint(p.hint));
            }
        }
    }
    read
}

/// The second reading of a text: any value accepted as it is (repeated
/// keys and numbers with leading zeros are the walk's to judge, in
/// dossier's words), under the same budgets.
fn loose_parse(yaml: &str) -> Result<Option<Spanned<Loose>>, serde_saphyr::Error> {
    let mut options = options();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options.leading_zero_numbers_as_strings = true;
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    serde_saphyr::from_str_with_options::<Option<Spanned<Loose>>>(&printable(yaml), options)
}

/// A node as saphyr reads it, before its text is taken from the source.
enum Loose {
    Str(String),
    /// A number: its text is taken from the source (`1.50`, `0x1F`), this
    /// one only when the source has none.
    Num(String),
    Bool(bool),
    Null,
    Seq(Vec<Spanned<Loose>>),
    Map(Vec<(Spanned<Loose>, Spanned<Loose>)>),
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Loose;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Loose, E> {
                Ok(Loose::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Loose, E> {
                Ok(Loose::Str(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Loose, E> {
                Ok(Loose::Num(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Loose, E> {
                Ok(Loose::Num(v.to_string()))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Loose, E> {
                Ok(Loose::Num(v.to_string()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Loose, E> {
                Ok(Loose::Num(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Loose, E> {
                Ok(Loose::Num(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Loose, E> {
                Ok(Loose::Bool(v))
            }
            fn visit_unit<E>(self) -> Result<Loose, E> {
                Ok(Loose::Null)
            }
            fn visit_none<E>(self) -> Result<Loose, E> {
                Ok(Loose::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
                Loose::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Loose, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = s.next_element()? {
                    items.push(item);
                }
                Ok(Loose::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Loose, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = m.next_key()? {
                    entries.push((key, m.next_value()?));
                }
                Ok(Loose::Map(entries))
            }
        }
        d.deserialize_any(V)
    }
}

/// A saphyr node as a [`Node`]: a number or a truth value with its text
/// as written in `yaml` (where it is defined, for an alias).
fn node(s: Spanned<Loose>, yaml: &str) -> Node {
    let written = || {
        let span = s.defined.span();
        let start = span.byte_offset()? as usize;
        yaml.get(start..start + span.byte_len()? as usize)
            .map(str::to_owned)
    };
    let value = match s.value {
        Loose::Str(text) => NodeValue::Scalar { text, truth: None },
        Loose::Num(text) => NodeValue::Scalar {
            text: written().unwrap_or(text),
            truth: None,
        },
        Loose::Bool(b) => NodeValue::Scalar {
            text: written().unwrap_or_else(|| b.to_string()),
            truth: Some(b),
        },
        Loose::Null => NodeValue::Empty,
        Loose::Seq(items) => NodeValue::List(items.into_iter().map(|i| node(i, yaml)).collect()),
        Loose::Map(entries) => NodeValue::Map(
            entries
                .into_iter()
                .map(|(k, v)| (node(k, yaml), node(v, yaml)))
                .collect(),
        ),
    };
    Node {
        span: span_of(&s.referenced),
        value,
    }
}

/// The values that lines of `yaml` give `key` (`id: x`, `- id: "x"`,
/// `{id: x, …}`): the keys of records in a text that is not YAML, read
/// as well as its lines allow.
pub fn written_keys(yaml: &str, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in yaml.lines() {
        let body = line.trim_start_matches([' ', '\t', '-']);
        // A key starts the line (after any `- `), or follows a flow
        // mapping's `{` or `,`.
        let flow = body
            .char_indices()
            .filter(|&(_, c)| c == '{' || c == ',')
            .map(|(i, _)| body[i + 1..].trim_start());
        for s in std::iter::once(body).chain(flow) {
            let Some(value) = s.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else {
                continue;
            };
            if !(value.is_empty() || value.starts_with([' ', '\t'])) {
                continue;
            }
            let value = value.trim_start();
            let value = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split([',', '}', '#']).next().unwrap_or("").trim_end(),
            };
            if !value.is_empty() {
                out.push(value.to_owned());
            }
        }
    }
    out
}

/// The parser's own words for `e`, whatever wraps it.
fn parser_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};
    let mut inner = e;
    while let serde_saphyr::Error::WithSnippet { error, .. }
    | serde_saphyr::Error::AliasError { error, .. } = inner
    {
        inner = error;
    }
    let message = DefaultMessageFormatter.format_message(inner).into_owned();
    let message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    message.replace("; use Option<String>", "")
}

/// A parse error as a diagnostic at the file's line: in dossier's words
/// where [`super::rephrase`] has them, the parser's otherwise.
fn diagnostic(file: &SourceFile, yaml: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let message = parser_message(e);
    let limit = super::limits::yaml_said(e, &message, &super::limits::YAML);
    let (line, column) = match e.location() {
        Some(l) if l.line() > 0 => (l.line() as usize, l.column() as usize),
        _ => {
            return match limit {
                Some((message, hint)) => {
                    Diagnostic::new(file.path.clone(), message).with_hint(hint)
                }
                None => Diagnostic::new(file.path.clone(), message),
            };
        }
    };
    let said = match limit {
        Some((message, hint)) => rephrase::Said {
            line,
            column,
            message,
            hint: Some(hint),
        },
        None => rephrase::rephrase(yaml, line, column, &message).unwrap_or(rephrase::Said {
            line,
            column,
            message,
            hint: None,
        }),
    };
    file.at(said.line + file.yaml_line_offset, said.column, said.message)
        .maybe_hint(said.hint)
}

/// The parse error of a text that is not YAML at all, as the second
/// reading of a file meets it: its 1-based line, column and message.
#[cfg(test)]
pub(super) fn syntax_error(yaml: &str) -> Option<(usize, usize, String)> {
    let e = loose_parse(yaml).err()?;
    let l = e.location()?;
    Some((l.line() as usize, l.column() as usize, parser_message(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever the text, reading it never panics, and a file that
        /// does not read straight into its records always says why.
        #[test]
        fn every_failure_is_reported(text in "([a-z]{1,3}|id|name|aliases|links|url|: |:|- |-|\t| |  |\n|\"|'|\\[|\\]|\\{|\\}|#|@|\\*|&a|,|---|\\?|0750|~|\\|){0,40}") {
            let source = SourceFile::new("x.yaml".into(), text.clone());
            let read = records::<crate::kinds::actor::ActorFields>(&source, 0);
            let strict_failed = strict::<Option<Field<OneOrMany<crate::kinds::actor::ActorFields>>>>(&text).is_err();
            proptest::prop_assert_eq!(strict_failed, !read.problems.is_empty(), "{:?}", read.problems);
            let one = record::<crate::kinds::article::ArticleFields>(&source, &text, 0, "slug");
            proptest::prop_assert!(one.records.len() <= 1);
        }
    }

    type Events = Option<Field<OneOrMany<crate::kinds::event::EventFields>>>;

    /// The records of `text` read whole, as [`in_parts`] would give them.
    fn whole(text: &str) -> Option<String> {
        match strict::<Events>(text) {
            Ok(Some(Field {
                value: OneOrMany::Many(v),
                ..
            })) => Some(format!("{v:?}")),
            _ => None,
        }
    }

    /// One record of a list, written in one of the ways that a cut could
    /// fall badly in: a quoted text or a flow list going on at the start
    /// of a line, a block text, an anchor, an alias of an earlier record's
    /// anchor, comments and blank lines.
    fn listed(i: usize, way: u8) -> String {
        let mut r = format!("- id: e{i}\n");
        r += match way {
            0 => "  title: Plain\n",
            1 => "  title: \"Quoted and\n- going on\"\n",
            2 => "  summary: |\n    one\n    - not a record\n",
            3 => "  place: &p Paris\n",
            4 => "  place: *p\n",
            5 => "# a comment\n\n  title: 'single\n- quoted'\n",
            // Not YAML (`- ` inside a flow list): read whole, and failing.
            6 => "  actors: [a,\n- b]\n",
            _ => "  actors:\n  - a\n  - b\n",
        };
        r
    }

    proptest::proptest! {
        /// Read in parts, a list gives what it gives read whole, spans and
        /// all, or is sent back to be read whole.
        #[test]
        fn a_list_read_in_parts_is_the_list_read_whole(
            ways in proptest::collection::vec(0u8..8, 1..24),
            parts in 2usize..5,
            crlf in proptest::bool::ANY,
        ) {
            let mut text: String = ways.iter().enumerate().map(|(i, &w)| listed(i, w)).collect();
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if let Some(records) = in_parts::<crate::kinds::event::EventFields>(&text, parts) {
                proptest::prop_assert_eq!(Some(format!("{records:?}")), whole(&text));
            }
        }
    }

    #[test]
    fn a_plain_list_is_read_in_parts_and_a_cut_in_a_quote_is_not() {
        let plain: String = (0..40).map(|i| listed(i, (i % 3 * 2) as u8 % 4)).collect();
        let records = in_parts::<crate::kinds::event::EventFields>(&plain, 3)
            .expect("a list of plain records is read in parts");
        assert_eq!(Some(format!("{records:?}")), whole(&plain));
        // Every record quotes on across a line that starts like a record:
        // some cut falls inside a quote, and the file goes back whole.
        let quoted: String = (0..40).map(|i| listed(i, 1)).collect();
        assert!(whole(&quoted).is_some());
        assert!(in_parts::<crate::kinds::event::EventFields>(&quoted, 3).is_none());
        // Text in other scripts: the share of the text may fall inside a
        // character; cuts are still made, at records.
        let cyrillic: String = (0..40)
            .map(|i| format!("- id: e{i}\n  title: Событие номер {i} в расследовании\n"))
            .collect();
        for parts in 2..6 {
            let records = in_parts::<crate::kinds::event::EventFields>(&cyrillic, parts)
                .expect("text in Cyrillic is read in parts");
            assert_eq!(Some(format!("{records:?}")), whole(&cyrillic));
        }
        // Anchors: each part within the budget for them, the whole maybe
        // not; such a list is read whole.
        let anchored: String = (0..40).map(|i| listed(i, 3)).collect();
        assert!(whole(&anchored).is_some());
        assert!(in_parts::<crate::kinds::event::EventFields>(&anchored, 2).is_none());
        // Not a list, or a second document: read whole.
        assert!(in_parts::<crate::kinds::event::EventFields>("id: e1\ntitle: A\n", 2).is_none());
        let documents = format!("{plain}---\n{plain}");
        assert!(in_parts::<crate::kinds::event::EventFields>(&documents, 2).is_none());
    }

    #[test]
    fn keys_are_read_from_lines_that_are_not_yaml() {
        let text = "- id: one\n  name: \"x\n- id: 'two' # c\n-  {id: three, name: y}\nnot-id: four\n  id:\n";
        assert_eq!(written_keys(text, "id"), ["one", "two", "three"]);
        assert_eq!(written_keys("slug: a-b\n", "slug"), ["a-b"]);
    }
}
