//! The CSV loader: data files kept in spreadsheets (content format, "Data
//! files", 1.1). RFC 4180 is read by the `csv` crate; every cell becomes a
//! [`super::fields`] value with its own [`Span`] (the line the cell starts
//! on, and its 1-based position in its row), so validation cannot tell a
//! record written in CSV from one written in YAML.
//!
//! Which columns a kind's file takes comes from the kind's
//! `record_fields!` declaration alone: each field's type says how it is
//! written in a cell ([`Cell`]). A header in another tool's template (an
//! events sheet in TimelineJS's columns) is read by that template's reader
//! instead ([`Sheet`], named by the kind: `Kind::SHEET`).

use super::SourceFile;
use super::fields::{DateInput, Field, PartlyRead, Span, Text};
use crate::diag::{Diagnostic, closest, did_you_mean_hint, line_col};
use std::borrow::Cow;

/// How many values one CSV file may hold: [`super::limits::MAX_CSV_VALUES`].
pub const MAX_VALUES: usize = super::limits::MAX_CSV_VALUES;

/// A header with more columns than this is no data file's (every column
/// names one field, once).
const MAX_COLUMNS: usize = 1_000;

/// How a field of a record is written in one CSV cell. Implemented for
/// every type a `record_fields!` declaration uses; a type with no CSV form
/// (a field written only in YAML) says so with `IN_CSV = false`, and its
/// column is then refused in a header and left out of the CSV exports.
pub trait Cell: Sized {
    /// Whether CSV data files have a column for a field of this type.
    const IN_CSV: bool = true;

    /// The value of a cell that is not blank, every part of it at `span`
    /// (line breaks in it already LF). An error is a message about the
    /// cell, said at its place.
    fn read(cell: &str, span: Span) -> Result<Self, String>;

    /// Appends the value as a cell's text (the inverse of [`Cell::read`]).
    fn write(&self, out: &mut String);
}

/// A record's fields as CSV columns. Implemented by `record_fields!` for
/// every record, from its field list: nothing here is written by hand.
pub trait CsvRecord: Default {
    /// For each field, in `fields()` order: whether it has a column.
    const IN_CSV: &'static [bool];

    /// The field names, in the content format's order.
    fn fields() -> &'static [&'static str];

    /// Sets `field` (one of [`CsvRecord::fields`]) from a cell.
    fn set_cell(&mut self, field: &str, cell: &str, span: Span) -> Result<(), String>;

    /// Appends the cell of `field`; nothing when the field is absent.
    fn write_cell(&self, field: &str, out: &mut String);

    /// The columns a CSV data file of this record takes, in order.
    fn columns() -> Vec<&'static str> {
        Self::fields()
            .iter()
            .zip(Self::IN_CSV)
            .filter(|(_, in_csv)| **in_csv)
            .map(|(f, _)| *f)
            .collect()
    }
}

impl Cell for Text {
    fn read(cell: &str, span: Span) -> Result<Self, String> {
        Ok(Field {
            value: cell.to_owned(),
            span,
        })
    }
    fn write(&self, out: &mut String) {
        out.push_str(&self.value);
    }
}

impl Cell for Field<bool> {
    fn read(cell: &str, span: Span) -> Result<Self, String> {
        let value = match cell.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => true,
            "false" | "no" => false,
            _ => {
                return Err(format!(
                    "`{}` is not true or false: write `true` or `false` (or `yes` or `no`)",
                    cell.trim()
                ));
            }
        };
        Ok(Field { value, span })
    }
    fn write(&self, out: &mut String) {
        out.push_str(if self.value { "true" } else { "false" });
    }
}

impl Cell for Field<DateInput> {
    fn read(cell: &str, span: Span) -> Result<Self, String> {
        // A spreadsheet shows a date in its own way and may save it so,
        // with its day and month in digits (`05/03/2021`, `05.03.2021`),
        // either of which may be the day. Other ways (`5 Mar. 2021`) are
        // the model's to read, which offers the date meant.
        let digits = |c: char| c.is_ascii_digit() || c.is_whitespace();
        if cell.contains('/') || (cell.contains('.') && cell.chars().all(|c| digits(c) || c == '.'))
        {
            return Err(format!(
                "`{}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a spreadsheet may have rewritten it: format the column as text)",
                cell.trim()
            ));
        }
        Ok(Field {
            value: DateInput(cell.trim().to_owned()),
            span,
        })
    }
    fn write(&self, out: &mut String) {
        out.push_str(&self.value.0);
    }
}

/// A list field: its items in one cell, separated by `;`.
impl Cell for Vec<Text> {
    fn read(cell: &str, span: Span) -> Result<Self, String> {
        Ok(list_items(cell)
            .map(|item| Field {
                value: item.to_owned(),
                span,
            })
            .collect())
    }
    fn write(&self, out: &mut String) {
        write_list(out, self.iter().map(|t| Cow::Borrowed(t.value.trim())));
    }
}

/// The items of a list cell: split at `;`, each trimmed, blanks left out.
pub fn list_items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// A text field's value trimmed, or `""` when it is absent.
pub fn trimmed(t: &Option<Text>) -> &str {
    t.as_ref().map_or("", |t| t.value.trim())
}

/// Appends `items` as one list cell: `a; b; c`.
pub fn write_list<'a>(out: &mut String, items: impl Iterator<Item = Cow<'a, str>>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&item);
    }
}

/// Another tool's spreadsheet template that a kind's CSV files may be in,
/// told apart by the header row (see `Kind::SHEET`).
pub struct Sheet<T> {
    /// Whether a header row (cells trimmed) is this template's.
    pub is: fn(&[&str]) -> bool,
    /// Reads the rows after the header.
    pub read: fn(&mut Rows<'_>) -> Vec<Field<T>>,
}

/// What a CSV file told beyond its records, kept with the file
/// (`SourceFile::csv`) for messages and for the model.
#[derive(Debug, Default)]
pub struct CsvFile {
    /// Whether records of the file may have been lost, said in an error:
    /// a quoted cell not read as written (never closed, the rest of the
    /// file read into it; text after its closing quote, the rows between
    /// joined into it), or a first row naming no column. Any record of
    /// the file's kind may have been among them, so a reference to one is
    /// not said to be unknown.
    pub cut_short: bool,
    /// The line and byte offset at which each row starts, in order: what
    /// puts a message's caret under the first character of its cell.
    rows: Vec<(u32, u32)>,
    /// Whether the file is an events sheet in TimelineJS's template (its
    /// records' ids were made from dates and headlines).
    pub timeline: bool,
    /// A TimelineJS title row's text, as Markdown, with the line and
    /// column of its cell: the home page's introduction when `site.yaml`
    /// has none.
    pub intro: Option<(String, usize, usize)>,
    /// The fields its header names by a misspelling (`titel` for
    /// `title`), reported there: that its rows lack them is not said.
    pub meant: Vec<&'static str>,
    /// What the file holds that dossier does not keep (a TimelineJS
    /// sheet's era rows and other columns): warnings, one per file, each a
    /// finished message with a place.
    pub notes: Vec<Diagnostic>,
    /// Where a TimelineJS row's `Media` link stands in the event summary
    /// made from its `Text` and `Media` cells: the summary's place (the
    /// `Text` cell), the byte at which the link starts in it, and the
    /// `Media` cell's place, so that a link the model finds wrong is said
    /// at the cell it was written in.
    pub media: Vec<(Span, usize, Span)>,
}

impl CsvFile {
    /// The place of what starts at byte `offset` of the value of the field
    /// at `span`: the `Media` cell for a TimelineJS summary's media link,
    /// else `span`.
    pub fn place_in(&self, span: Span, offset: usize) -> Span {
        match self.media.iter().find(|(at, _, _)| *at == span) {
            Some(&(_, from, media)) if offset >= from => media,
            _ => span,
        }
    }

    /// The character column, in its line of `text`, at which cell `cell`
    /// (1-based) of the row holding line `line` starts.
    pub fn caret(&self, text: &str, line: usize, cell: usize) -> Option<usize> {
        let k = self
            .rows
            .partition_point(|&(l, _)| l as usize <= line)
            .checked_sub(1)?;
        let start = cell_start(text, self.rows[k].1 as usize, cell)?;
        Some(crate::diag::column_at(text, start))
    }
}

/// The byte at which cell `cell` (1-based) of the row starting at byte
/// `start` begins, reading quotes as RFC 4180 (and the `csv` crate) does:
/// a cell that opens with `"` runs to the next lone `"`, doubled quotes
/// inside it being one; anything after that, up to a comma, belongs to it.
fn cell_start(text: &str, start: usize, cell: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = start;
    for _ in 1..cell {
        if b.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match b.get(i)? {
                    b'"' if b.get(i + 1) == Some(&b'"') => i += 2,
                    b'"' => {
                        i += 1;
                        break;
                    }
                    _ => i += 1,
                }
            }
        }
        loop {
            match b.get(i)? {
                b',' => {
                    i += 1;
                    break;
                }
                b'\n' | b'\r' => return None,
                _ => i += 1,
            }
        }
    }
    Some(i)
}

/// A quoted cell the `csv` crate reads without a word, but not as it was
/// meant (RFC 4180, section 2: a quoted cell's quote closes it, and only a
/// comma or the line's end may follow).
#[derive(Debug, PartialEq, Eq)]
enum QuoteProblem {
    /// Its quote is never closed: the rest of the file was read as the
    /// cell.
    Unclosed,
    /// Text follows its closing quote (byte `close`): the quote was meant
    /// as a character, and what follows is joined to the cell, with every
    /// line in between when it closes on a later line.
    TextAfter { close: usize },
}

/// The first quoted cell of the row from byte `start` to `end` that is
/// not read as meant: what is wrong, the byte of its opening quote and
/// the cell's number in its row (the row's first line's count).
fn quote_problem(text: &str, start: usize, end: usize) -> Option<(QuoteProblem, usize, usize)> {
    let b = &text.as_bytes()[..end.min(text.len())];
    let mut i = start;
    let mut at_cell_start = true;
    let mut cell = 1;
    while i < b.len() {
        match b[i] {
            b'"' if at_cell_start => {
                let open = i;
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Some((QuoteProblem::Unclosed, open, cell)),
                        Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                if !matches!(b.get(i), None | Some(b',' | b'\n' | b'\r')) {
                    let problem = QuoteProblem::TextAfter { close: i - 1 };
                    return Some((problem, open, cell));
                }
                at_cell_start = false;
            }
            b',' => {
                at_cell_start = true;
                cell += 1;
                i += 1;
            }
            b'\n' | b'\r' => {
                at_cell_start = true;
                cell = 1;
                i += 1;
            }
            _ => {
                at_cell_start = false;
                i += 1;
            }
        }
    }
    None
}

/// The rows of a CSV file in order, each with where it and its cells
/// start, and every problem found on the way.
pub struct Rows<'a> {
    source: &'a SourceFile,
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
    /// The line each cell of the current row starts on.
    lines: Vec<usize>,
    /// Values read so far (see [`MAX_VALUES`]).
    values: usize,
    /// Set once the budget is spent: no row is read after it.
    spent: bool,
    pub(crate) file: CsvFile,
    pub(crate) diags: Vec<Diagnostic>,
}

impl<'a> Rows<'a> {
    fn new(source: &'a SourceFile) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(source.text.as_bytes());
        Rows {
            source,
            reader,
            record: csv::StringRecord::new(),
            lines: Vec::new(),
            values: 0,
            spent: false,
            file: CsvFile::default(),
            diags: Vec::new(),
        }
    }

    /// Reads the next row; false at the end of the file (or of what the
    /// budget lets be read).
    pub fn next_row(&mut self) -> bool {
        loop {
            if self.spent {
                return false;
            }
            match self.read_row() {
                Some(true) => return true,
                Some(false) => return false,
                // A row not read as meant, said: the next one.
                None => {}
            }
        }
    }

    /// Reads the next row: `Some(true)` when there is one to read,
    /// `Some(false)` at the end, `None` when the row was not read as
    /// written (and that was said).
    fn read_row(&mut self) -> Option<bool> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return Some(false),
            Err(e) => {
                // Input is UTF-8 text already, so this is rare: say where
                // and stop reading the file.
                let (line, column) = e
                    .position()
                    .map(|p| line_col(&self.source.text, p.byte() as usize))
                    .unwrap_or((0, 0));
                let mut d = self
                    .source
                    .at(line, column, format!("this CSV cannot be read: {e}"));
                if line == 0 {
                    d.line = None;
                }
                self.diags.push(d);
                self.spent = true;
                return Some(false);
            }
        }
        let (mut line, mut byte) = self
            .record
            .position()
            .map(|p| (p.line() as usize, p.byte() as usize))
            .unwrap_or((1, 0));
        // The position is where reading resumed: blank lines before the
        // row (which the `csv` crate skips) come first.
        let bytes = self.source.text.as_bytes();
        while let Some(b @ (b'\n' | b'\r')) = bytes.get(byte) {
            line += usize::from(*b == b'\n');
            byte += 1;
        }
        // A quoted cell not read as meant (never closed, or text after
        // its closing quote) joined what follows into this row: it is
        // said once, and the row is not read (its cells are not what was
        // meant, and "missing title" and the like only followed from it).
        // Past a header so read, or a quote never closed, nothing is.
        let end = self.reader.position().byte() as usize;
        if let Some((problem, d)) = self.quote_problem_in(byte, end) {
            self.diags.push(d);
            self.file.cut_short = true;
            if problem == QuoteProblem::Unclosed || self.file.rows.is_empty() {
                self.spent = true;
                return Some(false);
            }
            return None;
        }
        self.file.rows.push((line as u32, byte as u32));
        self.lines.clear();
        let mut at = line;
        for cell in self.record.iter() {
            self.lines.push(at);
            at += memchr::memchr_iter(b'\n', cell.as_bytes()).count();
            if !cell.trim().is_empty() {
                self.values += 1 + memchr::memchr_iter(b';', cell.as_bytes()).count();
            }
        }
        if self.values > MAX_VALUES {
            let (message, hint) = super::limits::too_many_cells();
            let d = self.at(Span::new(0, line, 1), message);
            self.diags.push(d.with_hint(hint));
            self.spent = true;
            return Some(false);
        }
        Some(true)
    }

    /// The first quoted cell of the row from `byte` to `end` that the
    /// `csv` crate did not read as written ([`QuoteProblem`]), as an error
    /// at its opening quote.
    fn quote_problem_in(&self, byte: usize, end: usize) -> Option<(QuoteProblem, Diagnostic)> {
        let text = &self.source.text;
        let (problem, open, cell) = quote_problem(text, byte, end)?;
        let (line, caret) = line_col(text, open);
        let (message, hint) = match problem {
            QuoteProblem::Unclosed => (
                "this quoted cell is never closed: the rest of the file was read as part of it"
                    .to_owned(),
                "end the cell with `\"`; a quote inside a cell is written `\"\"`",
            ),
            QuoteProblem::TextAfter { close } => {
                let after = text[close + 1..]
                    .split([',', '\n', '\r'])
                    .next()
                    .unwrap_or("");
                // Enough to find it by: a few words.
                let after = crate::model::text::shorten(after, 24);
                let after = crate::diag::visible(&after);
                let (close_line, _) = line_col(text, close);
                let message = if close_line == line {
                    format!(
                        "the quote closing this cell is followed by `{after}`: a quote inside it was read as its end"
                    )
                } else {
                    let lines = match close_line - line {
                        1 => format!("line {close_line} was"),
                        _ => format!("lines {} to {close_line} were", line + 1),
                    };
                    format!(
                        "the quote opening this cell is closed only on line {close_line}, followed by `{after}`: {lines} read as part of this cell"
                    )
                };
                (
                    message,
                    "a quote inside a cell is written `\"\"`, in a cell quoted whole: `\"a 5\"\" screen\"`",
                )
            }
        };
        let d = self.source.at(line, cell, message).with_hint(hint);
        Some((problem, d.with_caret(Some(caret))))
    }

    /// The line the current row starts on.
    pub fn line(&self) -> usize {
        self.lines
            .first()
            .copied()
            .unwrap_or_else(|| self.file.rows.last().map_or(1, |&(l, _)| l as usize))
    }

    /// The line the first row (the header) starts on.
    pub fn first_line(&self) -> usize {
        self.file.rows.first().map_or(1, |&(l, _)| l as usize)
    }

    /// The current row's span: its line, its first cell.
    pub fn span(&self) -> Span {
        Span::new(0, self.line(), 1)
    }

    /// How many cells the current row has.
    pub fn cells(&self) -> usize {
        self.record.len()
    }

    /// Whether every cell of the current row is blank.
    pub fn is_blank(&self) -> bool {
        self.record.iter().all(|c| c.trim().is_empty())
    }

    /// The span of cell `i` (0-based) of the current row.
    pub fn cell_span(&self, i: usize) -> Span {
        Span::new(
            0,
            self.lines.get(i).copied().unwrap_or_else(|| self.line()),
            i + 1,
        )
    }

    /// Cell `i` (0-based) of the current row, line breaks as LF, or `None`
    /// when it is blank or missing (an empty cell is an absent field).
    pub fn cell(&self, i: usize) -> Option<Cow<'_, str>> {
        let c = self.record.get(i)?;
        if c.trim().is_empty() {
            return None;
        }
        Some(if c.contains('\r') {
            Cow::Owned(c.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(c)
        })
    }

    /// The cells of the current row, trimmed (for a header).
    pub fn trimmed(&self) -> Vec<&str> {
        self.record.iter().map(str::trim).collect()
    }

    /// A message at `span` of this file, the caret under its cell.
    pub fn at(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.source
            .at(span.line(), span.column(), message)
            .with_caret(
                self.file
                    .caret(&self.source.text, span.line(), span.column()),
            )
    }

    /// Reports `message` at `span`.
    pub fn err(&mut self, span: Span, message: impl Into<String>, hint: Option<String>) {
        let d = self.at(span, message).maybe_hint(hint);
        self.diags.push(d);
    }
}

/// What reading a CSV data file gave.
pub struct Read<T> {
    /// The records of the rows that read without a problem.
    pub records: Vec<Field<T>>,
    /// What the file told besides its records.
    pub file: CsvFile,
    /// Every problem found.
    pub problems: Vec<Diagnostic>,
    /// The ids of the rows that did not load (a problem in one of their
    /// cells): references to them are no second error.
    pub unloaded: Vec<String>,
}

/// The records of a CSV data file of records `T` (see the module's doc). A
/// row with a problem in a cell is reported and left out whole, as a YAML
/// record with a bad value is, so that nothing follows from its missing
/// field. `sheet` is the kind's other template, if it has one. Spans name
/// file 0 (placed later).
pub fn records<T: CsvRecord + PartlyRead>(
    source: &SourceFile,
    sheet: Option<&Sheet<T>>,
) -> Read<T> {
    let mut rows = Rows::new(source);
    let mut out = Vec::new();
    let mut unloaded = Vec::new();
    let done = |rows: Rows<'_>, records, unloaded| Read {
        records,
        file: rows.file,
        problems: rows.diags,
        unloaded,
    };
    if !rows.next_row() {
        return done(rows, out, unloaded);
    }
    if let Some(sheet) = sheet.filter(|s| (s.is)(&rows.trimmed())) {
        rows.file.timeline = true;
        let out = (sheet.read)(&mut rows);
        return done(rows, out, unloaded);
    }
    if let Some((separator, id_at)) = separated_otherwise::<T>(&mut rows) {
        // Its records are written: references to them are not unknown.
        while rows.next_row() {
            let id = id_at.and_then(|k| {
                let cell = rows.cell(0)?;
                let id = cell.split(separator).nth(k)?.trim();
                (!id.is_empty()).then(|| id.to_owned())
            });
            unloaded.extend(id);
        }
        return done(rows, out, unloaded);
    }
    let Some(columns) = header::<T>(&mut rows) else {
        return done(rows, out, unloaded);
    };
    let id_column = columns
        .iter()
        .position(|c| matches!(c, Column::Field("id")));
    // Columns without a name whose first cell was reported.
    let mut nameless_reported = std::collections::HashSet::new();
    while rows.next_row() {
        if rows.is_blank() {
            continue;
        }
        let mut record = T::default();
        let mut unread: Vec<String> = Vec::new();
        let problems_before = rows.diags.len();
        for i in 0..rows.cells() {
            let Some(cell) = rows.cell(i) else {
                continue;
            };
            let span = rows.cell_span(i);
            match columns.get(i) {
                Some(Column::Field(field)) => {
                    if let Err(message) = record.set_cell(field, &cell, span) {
                        rows.err(span, message, None);
                        unread.push((*field).to_owned());
                    }
                }
                Some(Column::Unknown) => {}
                Some(Column::Nameless) => {
                    if nameless_reported.insert(i) {
                        rows.err(
                            span,
                            format!("this cell is in column {} of its row, which has no name in the header row", i + 1),
                            Some("name the column after a field, or empty it".into()),
                        );
                    }
                }
                None => {
                    rows.err(
                        span,
                        format!(
                            "this row has more cells than the header names: cell {} is past the last column ({})",
                            i + 1,
                            columns.len()
                        ),
                        Some("name the column in the header row, or empty the cell".into()),
                    );
                    break;
                }
            }
        }
        if rows.diags.len() > problems_before {
            if let Some(id) = id_column.and_then(|i| rows.cell(i)) {
                unloaded.push(id.trim().to_owned());
            }
            // Its other cells are still checked, in the same run; that
            // the fields of its bad cells are missing is not said, and it
            // is never published (`fields::PartlyRead`).
            if unread.is_empty() {
                unread.push(String::new());
            }
            record.mark_partly_read(std::mem::take(&mut unread));
        }
        out.push(Field {
            value: record,
            span: rows.span(),
        });
    }
    done(rows, out, unloaded)
}

/// What a header cell names.
enum Column {
    Field(&'static str),
    /// Reported at the header: its cells are not read.
    Unknown,
    /// An empty header cell: its column must be empty too.
    Nameless,
}

/// Whether the header row names the columns with `;` between them (as
/// Excel saves "CSV" where the decimal mark is a comma) or tabs (Excel's
/// "Text (Tab delimited)", a copy from a spreadsheet): then it is
/// reported once, at the header, and no row is read, as every field of
/// every row would be reported missing. `Some` with the separator, and
/// where `id` is among the names, if it is.
fn separated_otherwise<T: CsvRecord>(rows: &mut Rows<'_>) -> Option<(char, Option<usize>)> {
    let cells = rows.trimmed();
    let [only] = cells.as_slice() else {
        return None;
    };
    let columns = T::columns();
    let (separator, names) = [';', '\t'].into_iter().find_map(|separator| {
        let names: Vec<String> = (only.split(separator))
            .map(|n| n.trim().to_lowercase())
            .collect();
        (names.len() >= 2 && names.iter().all(|n| columns.contains(&n.as_str())))
            .then_some((separator, names))
    })?;
    let (shown, hint) = match separator {
        ';' => (
            "`;`",
            "save it again as CSV with commas (Excel: \"CSV UTF-8 (Comma delimited)\"; LibreOffice: field delimiter `,`)",
        ),
        _ => (
            "tabs",
            "save it again as CSV with commas (Excel: \"CSV UTF-8 (Comma delimited)\", not \"Text (Tab delimited)\"; LibreOffice: field delimiter `,`)",
        ),
    };
    let span = rows.span();
    rows.err(
        span,
        format!("the columns of this file are separated by {shown}: a CSV data file's are separated by commas"),
        Some(hint.into()),
    );
    Some((separator, names.iter().position(|n| n == "id")))
}

/// Reads the header row of a data file of `T`: each cell names a column
/// (ignoring case and surrounding spaces). Unknown and repeated names are
/// reported at their cell; `None` when the header cannot be a data file's.
fn header<T: CsvRecord>(rows: &mut Rows<'_>) -> Option<Vec<Column>> {
    let names: Vec<String> = rows.trimmed().into_iter().map(str::to_owned).collect();
    // A row of empty cells above the header (`,,`, as a spreadsheet saves
    // an empty first row): one message, not a "no name" for each column
    // and a "missing" for each field of each row. No row is read; any
    // record of the kind may be among them.
    if names.iter().all(String::is_empty) {
        let span = rows.span();
        rows.err(
            span,
            "the first row names no column: a data file's first row names its fields (`id`, `name`, …)",
            Some("delete the empty rows above the row of column names".into()),
        );
        rows.file.cut_short = true;
        return None;
    }
    if names.len() > MAX_COLUMNS {
        let span = rows.span();
        rows.err(
            span,
            format!(
                "the header row has {} columns; a data file's columns each name a field, once",
                names.len()
            ),
            Some("is this the right file? its first row must name the fields".into()),
        );
        return None;
    }
    let columns = T::columns();
    let mut out = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let span = rows.cell_span(i);
        let lower = name.to_lowercase();
        if name.is_empty() {
            out.push(Column::Nameless);
        } else if let Some(&field) = columns.iter().find(|c| **c == lower) {
            if out
                .iter()
                .any(|c| matches!(c, Column::Field(f) if *f == field))
            {
                rows.err(
                    span,
                    format!("the column `{field}` is named twice in the header row"),
                    Some("keep one of the two columns".into()),
                );
                out.push(Column::Unknown);
            } else {
                out.push(Column::Field(field));
            }
        } else if T::fields().contains(&lower.as_str()) {
            rows.err(
                span,
                format!("`{name}` cannot be written in a CSV data file"),
                Some(format!(
                    "write the records that have `{lower}` in a YAML data file"
                )),
            );
            out.push(Column::Unknown);
        } else {
            // "did you mean `title`?": that its rows lack `title` only
            // follows from this, and is not said of each.
            let meant = closest(&lower, columns.iter().copied());
            rows.file.meant.extend(meant);
            let hint = meant.map_or_else(
                || format!("the columns are: {}", columns.join(", ")),
                did_you_mean_hint,
            );
            rows.err(
                span,
                format!("unknown column `{name}` in the header row"),
                Some(hint),
            );
            out.push(Column::Unknown);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/events.csv".into(), text.into())
    }

    #[test]
    fn cells_are_found_past_quotes() {
        let text = "a,\"b,\"\"c\"\"\nd\",e\n";
        assert_eq!(cell_start(text, 0, 1), Some(0));
        assert_eq!(cell_start(text, 0, 2), Some(2));
        assert_eq!(cell_start(text, 0, 3), Some(14));
        assert_eq!(cell_start(text, 0, 4), None);
    }

    #[test]
    fn an_unclosed_quote_is_found() {
        let unclosed = |t: &str| quote_problem(t, 0, t.len());
        assert_eq!(
            unclosed("a,\"b\nc,d\n"),
            Some((QuoteProblem::Unclosed, 2, 2))
        );
        assert_eq!(unclosed("a,\"b\"\"\nc\",d\n"), None);
        assert_eq!(unclosed("a,b\"c\n"), None);
    }

    #[test]
    fn cells_know_their_line_and_position() {
        let f = file("id,summary,title\nx,\"two\r\nlines\",T\n\ny,,U\n");
        let mut rows = Rows::new(&f);
        assert!(rows.next_row());
        assert!(rows.next_row());
        assert_eq!(rows.line(), 2);
        assert_eq!(rows.cell(1).as_deref(), Some("two\nlines"));
        assert_eq!(rows.cell_span(2).line, 3);
        assert_eq!(rows.cell_span(2).column, 3);
        assert!(rows.next_row());
        assert_eq!(rows.line(), 5);
        assert_eq!(rows.cell(1), None);
        assert!(!rows.next_row());
        assert_eq!(rows.file.caret(&f.text, 3, 3), Some(8));
    }
}
