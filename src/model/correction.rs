//! Corrections (content format 1.1): any record may carry `corrections`,
//! a list of `{date, note}` saying what was wrong and what is right. The
//! record's page (or entry) shows them with their dates, newest first;
//! `corrections/` and `corrections.xml` list every one of them.

use super::validate::Ctx;
use super::{Date, RichText};
use crate::kinds::{Actor, Article, Event, Ix, Kind, KindInfo, Ref, Source, Statement};
use crate::load::fields::{DateInput, Field, Text};

crate::record_fields!(
    /// An entry of a record's `corrections`, as written.
    CorrectionFields {
        date: Field<DateInput>,
        note: Text,
    }
);

/// A record's `corrections` as written.
pub type CorrectionList = Option<Vec<Field<CorrectionFields>>>;

/// Corrections are written in YAML only (content format, "Corrections"):
/// a CSV data file has no `corrections` column (a header naming it is an
/// error that says so), and the CSV exports leave them out.
impl crate::load::csv::Cell for Vec<Field<CorrectionFields>> {
    const IN_CSV: bool = false;

    fn read(_: &str, _: crate::load::fields::Span) -> Result<Self, String> {
        Err("corrections are written in YAML, not in a CSV cell".into())
    }

    fn write(&self, _: &mut String) {}
}

/// A validated correction.
#[derive(Debug, Clone)]
pub struct Correction {
    /// When the record was corrected.
    pub date: Date,
    /// What was wrong and what is right (Markdown; no mentions are linked
    /// in it: it talks about the record, not about the actors).
    pub note: RichText,
}

impl Ctx<'_> {
    /// Validates a record's `corrections` and returns them newest first
    /// (ties in the order written). `not_before` is the record's own date
    /// with what to call it ("the article's date"): a correction surely
    /// earlier than it is an error at the correction's date.
    pub(crate) fn corrections(
        &mut self,
        list: &CorrectionList,
        not_before: Option<(Date, &str)>,
    ) -> Vec<Correction> {
        let mut out: Vec<(Correction, usize)> = Vec::new();
        for (order, c) in list.iter().flatten().enumerate() {
            let (r, at) = (&c.value, c.span);
            self.unknown_fields(&r.unknown, CorrectionFields::FIELDS, "a correction");
            let date = match &r.date {
                Some(d) => self.date(d),
                None if self.lack_reported(at, "date") => None,
                None => {
                    self.err(at, "a correction is missing the required field `date`")
                        .hint =
                        Some("say when the record was corrected: `date: 2021-07-25`".into());
                    None
                }
            };
            let note = self
                .required(at, r.note.as_ref(), "note", "a correction")
                .map(|n| self.markdown_field(n));
            if let (Some(d), Some((own, what)), Some(field)) = (date, not_before, &r.date)
                && d.before(&own)
            {
                self.err(
                    field.span,
                    format!(
                        "this correction is dated {}, before {what} ({})",
                        d.iso(),
                        own.iso()
                    ),
                )
                .hint = Some("a correction comes after what it corrects: check both dates".into());
            }
            if let (Some(date), Some(note)) = (date, note) {
                out.push((Correction { date, note }, order));
            }
        }
        super::date::sort_by_date(out, |c| &c.date, super::date::Order::NewestFirst)
    }
}

/// Corrections as open data (`data/*.json`): each `{date, note}`, the
/// date as written and the note as plain text, newest first.
pub fn data(corrections: &[Correction]) -> serde_json::Value {
    corrections
        .iter()
        .map(|c| serde_json::json!({"date": c.date, "note": c.note.plain()}))
        .collect()
}

/// A correction with the record it corrects, as the corrections page and
/// feed list it.
#[derive(Debug, Clone)]
pub struct Corrected<'s> {
    /// The corrected record's kind.
    pub kind: KindInfo,
    /// The corrected record.
    pub record: Ref,
    pub correction: &'s Correction,
    /// Its id on the corrections page, unique there and the same from one
    /// build to the next while the record's key and the correction's date
    /// stay: `correction-<kind>-<key>-<date>`, then `-2`, `-3`… for
    /// another correction of the record on the same date.
    pub anchor: String,
}

/// How long `corrections`' notes are as written, in bytes: what they
/// weigh where a list shows them (`render::paginate::text_bytes`).
pub fn written_len(corrections: &[Correction]) -> usize {
    corrections.iter().map(|c| c.note.written_len()).sum()
}

macro_rules! every_correction {
    (all { $($p:ident: $t:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        /// Every correction of every record, newest first; ties in the
        /// order of the list of kinds, then of the records, then as the
        /// record lists them.
        pub fn all(records: crate::model::Records<'_>) -> Vec<Corrected<'_>> {
            let mut out = Vec::new();
            $(
                for (i, r) in records.$p.iter().enumerate() {
                    let i = Ix::new(i);
                    // The record keeps its corrections newest first; anchors
                    // count from the oldest, so a new one changes no other.
                    let mut per_date: std::collections::HashMap<String, usize> =
                        std::collections::HashMap::new();
                    let mut anchors: Vec<String> = r
                        .corrections()
                        .iter()
                        .rev()
                        .map(|c| {
                            let date = c.date.iso();
                            let anchor = format!("correction-{}-{}-{date}", <$t as Kind>::INFO.name, r.key());
                            let n = per_date.entry(date).or_insert(0);
                            *n += 1;
                            if *n == 1 { anchor } else { format!("{anchor}-{n}") }
                        })
                        .collect();
                    anchors.reverse();
                    for (c, anchor) in r.corrections().iter().zip(anchors) {
                        out.push(Corrected {
                            kind: <$t as Kind>::INFO,
                            record: Ref::$t(i),
                            correction: c,
                            anchor,
                        });
                    }
                }
            )*
            // A stable sort keeps the ties in the order above.
            out.sort_by(|a, b| b.correction.date.key().cmp(&a.correction.date.key()));
            out
        }
    };
}
crate::with_kinds!(every_correction);
