//! TimelineJS sheets as they are: an events CSV whose header is the
//! spreadsheet template of Knight Lab's TimelineJS3 is read as events
//! (content format, "Data files"). Each row becomes the same
//! `EventFields` a YAML record fills, so that nothing after loading knows
//! where an event came from, except that its id was made here (the model
//! gives a made id `-2`, `-3`… where it clashes).
//!
//! Kept: the date at the precision of the cells given, the end date,
//! `Headline` (as text), `Text` (its HTML reduced to Markdown), `Media` (a
//! link under the summary), `Group` (a tag), and a `title` row's `Text`
//! (the home page's introduction when `site.yaml` has none). Not kept,
//! and said once per file: era rows, `Time`, `End Time`, `Display Date`
//! (dossier writes dates at their precision), `Media Credit`, `Media
//! Caption`, `Media Thumbnail`, `Alt Text` and `Background`.

use super::csv::{Rows, Sheet};
use super::fields::{DateInput, Field, PartlyRead, Span};
use super::html;
use crate::diag::did_you_mean;
use crate::kinds::event::EventFields;

/// The events sheet of TimelineJS3's template, for `Kind::SHEET`.
pub const SHEET: Sheet<EventFields> = Sheet { is, read };

/// The template's columns, as its header row names them (`Alt Text` came
/// with later versions of the template).
const COLUMNS: &[&str] = &[
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
    "Alt Text",
];

/// Columns read into events (the others are ignored, and said so).
const KEPT: &[&str] = &[
    "Year",
    "Month",
    "Day",
    "End Year",
    "End Month",
    "End Day",
    "Headline",
    "Text",
    "Media",
    "Type",
    "Group",
];

/// How long a made id may be (content format: "cut before 80
/// characters", as a slug made from a file name).
const MAX_ID: usize = crate::model::slug::MAX_FILE_SLUG;

/// A header is TimelineJS's when it names both `Year` and `Headline` (no
/// field of an event is called either).
fn is(header: &[&str]) -> bool {
    let has = |name: &str| header.iter().any(|h| h.eq_ignore_ascii_case(name));
    has("Year") && has("Headline")
}

/// Where each of the template's columns is in the file.
struct Layout(Vec<Option<&'static str>>);

impl Layout {
    fn find(&self, column: &str) -> Option<usize> {
        self.0.iter().position(|c| *c == Some(column))
    }
}

/// The cell of `column` in the current row, if it is not blank.
fn cell(rows: &Rows<'_>, layout: &Layout, column: &str) -> Option<(String, Span)> {
    let i = layout.find(column)?;
    rows.cell(i).map(|c| (c.into_owned(), rows.cell_span(i)))
}

fn read(rows: &mut Rows<'_>) -> Vec<Field<EventFields>> {
    let layout = header(rows);
    let mut out = Vec::new();
    // Columns with content that is not kept, in the header's order.
    let mut ignored = vec![false; layout.0.len()];
    let (mut eras, mut titles) = (0usize, 0usize);
    while rows.next_row() {
        if rows.is_blank() {
            continue;
        }
        for (i, col) in layout.0.iter().enumerate() {
            if col.is_some_and(|c| !KEPT.contains(&c)) && rows.cell(i).is_some() {
                ignored[i] = true;
            }
        }
        let kind = cell(rows, &layout, "Type").map(|(t, _)| t.trim().to_lowercase());
        match kind.as_deref() {
            Some("era") => {
                eras += 1;
                continue;
            }
            Some("title") => {
                titles += 1;
                if titles == 1
                    && let Some((text, span)) = cell(rows, &layout, "Text")
                {
                    let md = html::to_markdown(&text);
                    if !md.is_empty() {
                        rows.file.intro = Some((md, span.line(), span.column()));
                    }
                }
                continue;
            }
            _ => {}
        }
        if let Some(e) = event(rows, &layout, &mut ignored) {
            out.push(Field {
                value: e,
                span: rows.span(),
            });
        }
    }
    note(rows, &layout, &ignored, eras, titles.saturating_sub(1));
    out
}

/// Reads the header: every cell a column of the template (ignoring case
/// and surrounding spaces), or empty.
fn header(rows: &mut Rows<'_>) -> Layout {
    let names: Vec<String> = rows.trimmed().into_iter().map(str::to_owned).collect();
    let mut layout = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            layout.push(None);
            continue;
        }
        let column = COLUMNS
            .iter()
            .find(|c| c.eq_ignore_ascii_case(name))
            .copied();
        match column {
            Some(c) if layout.contains(&Some(c)) => {
                let span = rows.cell_span(i);
                rows.err(
                    span,
                    format!("the column `{c}` is named twice in the header row"),
                    Some("keep one of the two columns".into()),
                );
                layout.push(None);
            }
            Some(c) => layout.push(Some(c)),
            None => {
                let span = rows.cell_span(i);
                let hint = did_you_mean(name, COLUMNS.iter().copied()).unwrap_or_else(|| {
                    format!("a TimelineJS sheet's columns are: {}", COLUMNS.join(", "))
                });
                rows.err(
                    span,
                    format!("unknown column `{name}` in a TimelineJS sheet's header row"),
                    Some(hint),
                );
                layout.push(None);
            }
        }
    }
    Layout(layout)
}

/// One event row as an event's fields (problems with its cells reported).
fn event(rows: &mut Rows<'_>, layout: &Layout, ignored: &mut [bool]) -> Option<EventFields> {
    let text = |value: String, span: Span| Field { value, span };
    let start = date(rows, layout, ["Year", "Month", "Day"]);
    let end = match cell(rows, layout, "End Year") {
        Some(_) => date(rows, layout, ["End Year", "End Month", "End Day"]),
        None => {
            // TimelineJS reads no end without an End Year; neither does dossier.
            for c in ["End Month", "End Day"] {
                if let (Some(i), Some(_)) = (layout.find(c), cell(rows, layout, c)) {
                    ignored[i] = true;
                }
            }
            Ok(None)
        }
    };
    let headline = cell(rows, layout, "Headline").map(|(h, span)| (html::to_text(&h), span));
    let title = headline.clone().filter(|(h, _)| !h.is_empty());
    // The id is made from the headline: a row without one said "missing
    // the required field `id`" at column 1 of a sheet that has no `id`
    // column, then that it lacks a title. It is said once, at the cell;
    // the rest of the row is still checked, and it is never published.
    let mut unread = Vec::new();
    if title.is_none() {
        let span = layout
            .find("Headline")
            .map_or_else(|| rows.span(), |i| rows.cell_span(i));
        rows.err(
            span,
            "this row of a TimelineJS sheet has no `Headline`: every event needs a title, which also makes its id",
            Some("give the event's headline".into()),
        );
        unread = vec!["id".to_owned(), "title".to_owned()];
    }
    let mut summary = Vec::new();
    let mut summary_span = None;
    if let Some((t, span)) = cell(rows, layout, "Text") {
        let md = html::to_markdown(&t);
        if !md.is_empty() {
            summary.push(md);
            summary_span = Some(span);
        }
    }
    // The media's address is checked here, at its own cell: in the
    // summary, with the `Text` cell's place, a bad one was reported at
    // the `Text` column.
    let media = cell(rows, layout, "Media");
    let refused = media.as_ref().and_then(|(m, span)| {
        // Two addresses, or words beside an address, in one cell were
        // made one link that led nowhere (two addresses, without a word),
        // or refused as a link scheme (`Photo: https://…`); TimelineJS
        // shows one medium, named by one address.
        if let Some(beside) = html::beside_address(m) {
            // A caption may be long: enough of it to find it by.
            let word = crate::model::text::shorten(beside, 40);
            return Some((
                *span,
                format!("`Media` holds `{word}` beside its address: TimelineJS shows one medium per event, named by one address"),
                "keep one address in `Media`; link the others, or write the words, in `Text` (a space within an address is written `%20`)",
            ));
        }
        let url = html::media_url(m)?;
        let message = crate::model::text::url_problem(&url)?;
        Some((
            *span,
            format!("`Media`: {message}"),
            "give the media's whole address, starting with https://",
        ))
    });
    if let Some((span, message, hint)) = refused {
        rows.err(span, message, Some(hint.into()));
    } else if let Some((m, span)) = media {
        let md = html::media(&m);
        if !md.is_empty() {
            // Behind the text, the link is said at its own cell.
            if let Some(text) = summary_span {
                let from = summary.iter().map(|s| s.len() + 2).sum();
                rows.file.media.push((text, from, span));
            }
            summary.push(md);
            summary_span.get_or_insert(span);
        }
    }
    let (Ok(start), Ok(end)) = (start, end) else {
        return None;
    };
    let Some(start) = start else {
        let span = layout
            .find("Year")
            .map_or_else(|| rows.span(), |i| rows.cell_span(i));
        rows.err(
            span,
            "this row of a TimelineJS sheet has no `Year`: every event needs a date",
            Some("give the year (and the month and day where known)".into()),
        );
        return None;
    };
    let id = title.as_ref().map(|(h, span)| {
        let year = &start.value.0[..4];
        let slug = crate::model::slug::slugify(h);
        let id = if slug.is_empty() {
            year.to_owned()
        } else {
            format!("{year}-{slug}")
        };
        text(crate::model::slug::cut(&id, MAX_ID).to_owned(), *span)
    });
    let mut fields = EventFields {
        id,
        date: Some(start),
        end,
        title: title.map(|(h, span)| text(h, span)),
        summary: summary_span.map(|span| text(summary.join("\n\n"), span)),
        tags: cell(rows, layout, "Group").map(|(g, span)| vec![text(g.trim().to_owned(), span)]),
        ..EventFields::default()
    };
    if !unread.is_empty() {
        fields.mark_partly_read(unread);
    }
    Some(fields)
}

/// A date from a year, month and day column, at the precision of the
/// cells given. `Ok(None)` without a year; `Err` once reported.
fn date(
    rows: &mut Rows<'_>,
    layout: &Layout,
    [y, m, d]: [&str; 3],
) -> Result<Option<Field<DateInput>>, ()> {
    let Some((year, mut span)) = cell(rows, layout, y) else {
        return Ok(None);
    };
    let bad = |rows: &mut Rows<'_>, span: Span, message: String, hint: &str| {
        rows.err(span, message, Some(hint.to_owned()));
        Err(())
    };
    let year = year.trim();
    let y_num = match year.parse::<i64>() {
        Ok(n) if (1..=9999).contains(&n) => n,
        Ok(n) if n < 1 => {
            return bad(
                rows,
                span,
                format!("`{year}`: dossier's dates start at the year 1"),
                "an event before the common era cannot be shown; leave it out of the sheet",
            );
        }
        _ => {
            return bad(
                rows,
                span,
                format!("`{year}` is not a year"),
                "write the year in digits, such as 2021 or 602",
            );
        }
    };
    let mut iso = format!("{y_num:04}");
    let month = cell(rows, layout, m);
    if let Some((month, s)) = &month {
        match month.trim().parse::<u8>() {
            Ok(n) if (1..=12).contains(&n) => iso.push_str(&format!("-{n:02}")),
            _ => {
                return bad(
                    rows,
                    *s,
                    format!("`{}` is not a month", month.trim()),
                    "write the month as a number from 1 to 12",
                );
            }
        }
        span = *s;
    }
    if let Some((day, s)) = cell(rows, layout, d) {
        if month.is_none() {
            return bad(
                rows,
                s,
                format!("a `{d}` without a `{m}`"),
                "give the month too, or leave the day out",
            );
        }
        match day.trim().parse::<u8>() {
            Ok(n) if (1..=31).contains(&n) => iso.push_str(&format!("-{n:02}")),
            _ => {
                return bad(
                    rows,
                    s,
                    format!("`{}` is not a day of the month", day.trim()),
                    "write the day as a number from 1 to 31",
                );
            }
        }
        span = s;
    }
    Ok(Some(Field {
        value: DateInput(iso),
        span,
    }))
}

/// Says, once for the file, what it holds that dossier does not keep.
fn note(rows: &mut Rows<'_>, layout: &Layout, ignored: &[bool], eras: usize, titles: usize) {
    let columns: Vec<&str> = layout
        .0
        .iter()
        .zip(ignored)
        .filter(|(_, i)| **i)
        .filter_map(|(c, _)| *c)
        .collect();
    let mut parts = Vec::new();
    if !columns.is_empty() {
        let plural = if columns.len() == 1 {
            "column"
        } else {
            "columns"
        };
        let mut list: Vec<String> = columns.iter().map(|c| format!("`{c}`")).collect();
        let last = list.pop().unwrap_or_default();
        let list = if list.is_empty() {
            last
        } else {
            format!("{} and {last}", list.join(", "))
        };
        parts.push(format!("the {plural} {list}"));
    }
    if eras > 0 {
        parts.push(crate::diag::plural(eras, "era row"));
    }
    if titles > 0 {
        parts.push(format!(
            "{} after the first",
            crate::diag::plural(titles, "title row")
        ));
    }
    if parts.is_empty() {
        return;
    }
    let at = layout
        .0
        .iter()
        .zip(ignored)
        .position(|(_, i)| *i)
        .unwrap_or(0);
    let header_line = rows.first_line();
    let span = Span::new(0, header_line, at + 1);
    let d = rows
        .at(
            span,
            format!("not kept from this TimelineJS sheet: {}", parts.join("; ")),
        )
        .with_hint(
            "dossier shows each date at its precision, links the media and has no eras; see README, \"TimelineJS sheets\"",
        )
        .warning();
    rows.file.notes.push(d);
}
