//! Diagnostics: every problem found in an investigation is a value with a
//! path and a position, collected and sorted, and printed once at the end.
//! Nothing below the command line prints anything itself.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How grave a problem is (content format 1.1, "Errors"): an error stops
/// the build; a warning is printed and counted, and the build goes on
/// (unless `--deny-warnings` is given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

impl Severity {
    /// The word shown after the location: `error` or `warning`.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem, pointing at a place in a file of the investigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the investigation root, with `/` separators. A
    /// boxed `str`, as `source_line`: a diagnostic is the error value of
    /// every stage, and stays small.
    pub path: Box<str>,
    /// 1-based line and column, where the input has them.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The offending line of the file, for the caret display. Boxed, to
    /// keep a diagnostic small: results carry it by value.
    pub source_line: Option<Box<Quote>>,
}

/// The line of a file a diagnostic quotes, and where its caret stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub text: Box<str>,
    /// The character column of the caret, when it is not the diagnostic's
    /// `column`: in a CSV file `column` is the cell's number in its row,
    /// and the caret stands under the cell's first character.
    pub caret: Option<usize>,
}

impl From<&str> for Box<Quote> {
    fn from(line: &str) -> Self {
        Box::new(Quote {
            text: line.into(),
            caret: None,
        })
    }
}

impl Diagnostic {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into().into_boxed_str(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// A diagnostic at a 1-based line and column of `text`, quoting that
    /// line. It reads `text` from its start: for a file that may hold
    /// many messages, quote through its [`LineStarts`]
    /// (`load::SourceFile::at`).
    pub fn at(
        path: impl Into<String>,
        text: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let quote = line.checked_sub(1).and_then(|n| text.lines().nth(n));
        Diagnostic::at_quoting(path, line, column, quote, message)
    }

    /// A diagnostic at a 1-based line and column, quoting `quote`, the
    /// text of that line (none when `line` is 0: the file as a whole).
    pub fn at_quoting(
        path: impl Into<String>,
        line: usize,
        column: usize,
        quote: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        let mut d = Diagnostic::new(path, message);
        if line > 0 {
            d.line = Some(line);
            d.column = Some(column.max(1));
            d.source_line = quote.map(Into::into);
        }
        d
    }

    /// Puts the caret under character `column` of the quoted line (which
    /// the headline's column does not name: a CSV cell's number).
    pub fn with_caret(mut self, column: Option<usize>) -> Self {
        if let Some(q) = &mut self.source_line {
            q.caret = column;
        }
        self
    }

    /// The same problem as a warning: printed and counted, but the build
    /// goes on.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the hint unless one is already set.
    pub fn with_hint_default(mut self, hint: impl Into<String>) -> Self {
        if self.hint.is_none() {
            self.hint = Some(hint.into());
        }
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }

    /// `path:line:column: error: message` (or `warning:`), the first line
    /// of the display.
    pub fn headline(&self) -> String {
        let mut s = self.path.to_string();
        if let Some(line) = self.line {
            let _ = write!(s, ":{line}");
            if let Some(col) = self.column {
                let _ = write!(s, ":{col}");
            }
        }
        let _ = write!(s, ": {}: {}", self.severity.word(), visible(&self.message));
        s
    }

    /// The full display: headline, quoted source line with a caret, hint.
    pub fn render(&self, color: bool) -> String {
        let (red, blue, bold, reset) = match (color, self.severity) {
            (false, _) => ("", "", "", ""),
            (true, Severity::Error) => ("\x1b[31m", "\x1b[34m", "\x1b[1m", "\x1b[0m"),
            // Warnings in yellow, carets included.
            (true, Severity::Warning) => ("\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m"),
        };
        let mut out = String::new();
        let head = self.headline();
        let word = self.severity.word();
        // Colour the severity only; the location stays plain so editors can parse it.
        let _ = match head.split_once(&format!(": {word}: ")) {
            Some((loc, msg)) if color => {
                writeln!(
                    out,
                    "{bold}{loc}{reset}: {red}{bold}{word}{reset}: {bold}{msg}{reset}"
                )
            }
            _ => writeln!(out, "{head}"),
        };
        if let (Some(line), Some(quote)) = (self.line, &self.source_line) {
            let src = &quote.text;
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            // Long lines (minified or generated YAML) show a window around the column.
            let col = quote.caret.or(self.column).unwrap_or(1).max(1);
            let skip = col.saturating_sub(60);
            let prefix = if skip > 0 { "…" } else { "" };
            let shown: String = src.chars().skip(skip).take(120).collect();
            let _ = writeln!(out, "{blue}{pad} |{reset}");
            let _ = writeln!(out, "{blue}{num} |{reset} {prefix}{shown}");
            if self.column.is_some() {
                // Tabs keep their width in the caret line.
                let lead: String = src
                    .chars()
                    .skip(skip)
                    .take(col - 1 - skip)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(
                    out,
                    "{blue}{pad} |{reset} {}{lead}{red}^{reset}",
                    if skip > 0 { " " } else { "" }
                );
            }
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {}", visible(hint));
        }
        out
    }
}

/// The problems of one run, in the order they are shown: by file, then line.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    /// Keeps the diagnostics for which `keep` is true, in their order.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.0.retain(keep);
    }
    pub fn last_mut(&mut self) -> Option<&mut Diagnostic> {
        self.0.last_mut()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorted by path, line and column, duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(in_order);
        self.0.dedup();
        self.0
    }

    /// How many are errors (the rest are warnings).
    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| !d.is_warning()).count()
    }

    /// How many are warnings.
    pub fn warnings(&self) -> usize {
        self.0.iter().filter(|d| d.is_warning()).count()
    }

    /// Whether any is an error: then there is no site.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| !d.is_warning())
    }

    /// Every diagnostic rendered, in order, without a count line: the
    /// warnings of a run that went on (its summary line counts them).
    pub fn render_list(self, color: bool) -> String {
        render_each(&self.sorted(), color)
    }

    /// Every diagnostic of a failed run rendered, followed by a count line
    /// that names errors and warnings apart ("2 errors and 1 warning
    /// found"). A failure with warnings alone comes from `--deny-warnings`,
    /// and the line says so.
    pub fn render(self, color: bool) -> String {
        // Counted as shown: one problem found twice (a folder read for two
        // purposes) is printed once.
        let shown = self.sorted();
        let warnings = shown.iter().filter(|d| d.is_warning()).count();
        let errors = shown.len() - warnings;
        let mut out = render_each(&shown, color);
        let count = match (errors, warnings) {
            (0, w) => format!(
                "{} found, and --deny-warnings makes warnings errors",
                plural(w, "warning")
            ),
            (e, 0) => format!("{} found", plural(e, "error")),
            (e, w) => format!("{} and {} found", plural(e, "error"), plural(w, "warning")),
        };
        let _ = writeln!(out, "{count}; nothing was written");
        out
    }

    /// A summary line's count of warnings ("; 2 warnings"), or "" when there is none.
    pub fn count_suffix(&self) -> String {
        // Counted as shown, as `render` counts: each once.
        let mut shown: Vec<&Diagnostic> = self.0.iter().filter(|d| d.is_warning()).collect();
        shown.sort_by(|a, b| in_order(a, b));
        shown.dedup();
        match shown.len() {
            0 => String::new(),
            w => format!("; {}", plural(w, "warning")),
        }
    }
}

/// The order diagnostics are shown in: by path, line, column and message.
fn in_order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (
        &a.path,
        a.line.unwrap_or(0),
        a.column.unwrap_or(0),
        &a.message,
    )
        .cmp(&(
            &b.path,
            b.line.unwrap_or(0),
            b.column.unwrap_or(0),
            &b.message,
        ))
}

/// Each of `shown` rendered, a line break after each.
fn render_each(shown: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    for d in shown {
        out.push_str(&d.render(color));
        out.push('\n');
    }
    out
}

/// "1 warning", "2 warnings", "1,195 warnings": [`counted`] for a word
/// whose plural takes an `s`.
pub fn plural(n: usize, word: &str) -> String {
    counted(n, word, &format!("{word}s"))
}

/// `n` things, `one` or `many` of them: "1 person", "12,418 people". The
/// count is [`grouped`].
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// A count as an English reader writes it: digits in groups of three
/// from 1,000 on, with commas ("12,418"; "999" as it is). dossier's
/// messages and the built-in theme's words are English; a count on a
/// page goes through the theme's `count` filter, which is this.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

/// A path relative to `root`, with forward slashes, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    let s = slash_separated(&rel);
    if s.is_empty() { ".".to_owned() } else { s }
}

/// `text` with the characters that show nothing written as `\u{200b}`:
/// controls, zero-width and direction marks, the soft hyphen, the byte
/// order mark. A value quoted in a message with one pasted into it read
/// "unknown actor `jane-roe`… did you mean `jane-roe`?".
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        let u = c as u32;
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(u, 0xAD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF)
    };
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `path` with `/` between its folders on every system: `\\` is a
/// separator on Windows only, and elsewhere part of a name, kept as it is.
pub fn slash_separated(path: &Path) -> String {
    let s = path.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// What went wrong walking a folder (a link loop, an unreadable entry).
pub fn walk_error_message(e: &walkdir::Error) -> String {
    if e.loop_ancestor().is_some() {
        "symbolic link loop: this link points back to a folder that contains it".to_owned()
    } else if let Some(io) = e.io_error() {
        format!("cannot read: {io}")
    } else {
        e.to_string()
    }
}

/// An error when `entry` is a symbolic link to a place outside the
/// investigation (`canonical_root`, already canonical): whatever is read from
/// `content/`, `themes/` and `templates/` may be published, so a link may not
/// bring in a file from elsewhere on the machine.
pub fn link_out_of_root(
    root: &Path,
    canonical_root: &Path,
    entry: &walkdir::DirEntry,
) -> Option<Diagnostic> {
    if !entry.path_is_symlink() {
        return None;
    }
    let inside = std::fs::canonicalize(entry.path())
        .map(|t| t.starts_with(canonical_root))
        .unwrap_or(false);
    (!inside).then(|| {
        Diagnostic::new(
            display_path(root, entry.path()),
            "symbolic link to a place outside the investigation's folder",
        )
        .with_hint("copy the file into the investigation instead of linking to it")
    })
}

/// Every entry below `dir` that dossier reads (content, themes,
/// templates): hidden entries (a name starting with `.`) skipped, links
/// followed but refused when they leave the investigation's folder
/// ([`link_out_of_root`]), unreadable entries reported. `sorted` walks
/// each folder in file-name order.
pub fn walk(
    root: &Path,
    dir: &Path,
    sorted: bool,
) -> impl Iterator<Item = Result<walkdir::DirEntry, Diagnostic>> {
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // The folder itself may be reached through a link (`themes/x`, or
    // `themes/` itself), which no entry below it shows.
    let refused = folder_out_of_root(root, &canonical_root, dir);
    let skip_all = refused.is_some();
    let walker = walkdir::WalkDir::new(dir).follow_links(true);
    let walker = if sorted {
        walker.sort_by_file_name()
    } else {
        walker
    };
    let (root, dir) = (root.to_path_buf(), dir.to_path_buf());
    let walked = walker
        .into_iter()
        .filter_entry(move |e| {
            !skip_all && (e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        })
        .map(move |entry| {
            let entry = entry.map_err(|e| {
                let at = e
                    .path()
                    .map(|p| display_path(&root, p))
                    .unwrap_or_else(|| display_path(&root, &dir));
                Diagnostic::new(at, walk_error_message(&e))
            })?;
            match link_out_of_root(&root, &canonical_root, &entry) {
                Some(d) => Err(d),
                None => Ok(entry),
            }
        });
    refused.map(Err).into_iter().chain(walked)
}

/// An error when folder `dir` (below `root`) lies outside the
/// investigation (`canonical_root`), reached through a symbolic link on
/// the way to it: at the first link of that way.
fn folder_out_of_root(root: &Path, canonical_root: &Path, dir: &Path) -> Option<Diagnostic> {
    let canonical = std::fs::canonicalize(dir).ok()?;
    if canonical.starts_with(canonical_root) {
        return None;
    }
    let mut at = root.to_path_buf();
    let mut link = dir.to_path_buf();
    for part in dir.strip_prefix(root).unwrap_or(dir).components() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            link = at;
            break;
        }
    }
    Some(
        Diagnostic::new(
            display_path(root, &link),
            "symbolic link to a place outside the investigation's folder",
        )
        .with_hint("copy the files into the investigation instead of linking to them"),
    )
}

/// "did you mean" for a misspelled word among a fixed list of known ones
/// (field names, columns). For the keys of records, whose number grows
/// with the investigation, ask [`Nearby`].
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, known).map(did_you_mean_hint)
}

/// The hint naming `c`, the known word closest to the one written.
pub fn did_you_mean_hint(c: &str) -> String {
    format!("did you mean `{c}`?")
}

/// The known word closest to `word` (Jaro-Winkler similarity over 0.8),
/// if one is that close. Equal scores go to the first in byte order, not
/// to the first met: the candidates may come from a hash map, whose order
/// changes from run to run, and a message must not.
pub fn closest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let mut best: Option<(f64, &str)> = None;
    for candidate in known {
        let score = strsim::jaro_winkler(word, candidate);
        if score > 0.8 && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// "Did you mean" among the keys of records, for one run of validation:
/// each unknown key is compared with every known one until
/// [`Nearby::BUDGET`] comparisons are spent; later messages come without
/// the hint. Hints for every one of 20,000 unknown references among
/// 10,000 articles took 37 s (issue 18); by the time the budget is spent,
/// the first hints have shown what is wrong (docs/decisions.md).
#[derive(Debug)]
pub struct Nearby {
    budget: usize,
    spent: std::sync::atomic::AtomicUsize,
}

impl Default for Nearby {
    fn default() -> Self {
        Nearby {
            budget: Self::BUDGET,
            spent: 0.into(),
        }
    }
}

impl Nearby {
    /// Comparisons per run: about 0.4 s of a build, hints for the first
    /// 200 unknown references among 10,000 records.
    pub const BUDGET: usize = 2_000_000;

    /// [`closest`], while the budget lasts; `None` once it is spent.
    pub fn closest<'k>(
        &self,
        word: &str,
        known: impl IntoIterator<Item = &'k str>,
    ) -> Option<&'k str> {
        use std::sync::atomic::Ordering::Relaxed;
        if self.spent.load(Relaxed) >= self.budget {
            return None;
        }
        let mut compared = 0;
        let found = closest(word, known.into_iter().inspect(|_| compared += 1));
        self.spent.fetch_add(compared, Relaxed);
        found
    }

    /// [`did_you_mean`], while the budget lasts.
    pub fn did_you_mean<'k>(
        &self,
        word: &str,
        known: impl IntoIterator<Item = &'k str>,
    ) -> Option<String> {
        self.closest(word, known).map(did_you_mean_hint)
    }
}

/// Where each line of one text starts, found the first time a line is
/// asked for: quoting a line is then a lookup. Reading the text from its
/// start for every message made a valid events file of 20,000 records,
/// each summary with an id link, take 24 s to check (issue 18).
#[derive(Debug, Default)]
pub struct LineStarts(std::sync::OnceLock<Vec<usize>>);

impl LineStarts {
    /// Line `n` (1-based) of `text`, as [`str::lines`] gives it (without
    /// its `\n` or `\r\n`); `None` for line 0 or past the last line.
    /// `text` must be the text this index was first asked about: each
    /// index belongs to one text (`load::SourceFile`).
    pub fn line<'t>(&self, text: &'t str, n: usize) -> Option<&'t str> {
        let start = *self.starts(text).get(n.checked_sub(1)?)?;
        // An empty text has no line (its one start is its end).
        let rest = text.get(start..).filter(|_| !text.is_empty())?;
        Some(match rest.find('\n') {
            Some(end) => rest[..end].strip_suffix('\r').unwrap_or(&rest[..end]),
            None => rest,
        })
    }

    /// [`line_col`] of byte offset `offset` in `text`, the text this
    /// index was first asked about: a search among the line starts, not a
    /// count from the text's start.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = char_floor(text, offset);
        let mut line = self.starts(text).partition_point(|&s| s <= offset);
        // After a final newline: a line `str::lines` does not give.
        if offset == text.len() && text.ends_with('\n') {
            line += 1;
        }
        (line, column_at(text, offset))
    }

    /// The byte at which each line of `text` starts, made on first use.
    fn starts(&self, text: &str) -> &[usize] {
        self.0.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(
                memchr::memchr_iter(b'\n', text.as_bytes())
                    .map(|i| i + 1)
                    .filter(|&i| i < text.len()),
            );
            starts
        })
    }
}

/// Converts a byte offset in `text` into a 1-based (line, column), counting
/// columns in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = char_floor(text, offset);
    let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count() + 1;
    (line, column_at(text, offset))
}

/// The 1-based column, in characters, of byte offset `offset` in `text`:
/// [`line_col`]'s column, reading back only to the start of its line.
pub fn column_at(text: &str, offset: usize) -> usize {
    let offset = char_floor(text, offset);
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..offset]).map_or(0, |i| i + 1);
    text[line_start..offset].chars().count() + 1
}

/// `offset`, moved back to the start of its character and kept within
/// `text`: where a position in `text` is counted from.
pub(crate) fn char_floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_give_the_lines_str_lines_gives() {
        let texts = [
            "",
            "\n",
            "one",
            "one\n",
            "one\ntwo",
            "one\r\ntwo\r\n",
            "one\r\n\r\nthree\r",
            "a\rb\nc",
            "\n\nthird\n\n",
            "é\nü\r\n✓",
        ];
        for text in texts {
            let index = LineStarts::default();
            for n in 0usize..8 {
                let want = n.checked_sub(1).and_then(|k| text.lines().nth(k));
                assert_eq!(index.line(text, n), want, "line {n} of {text:?}");
            }
            for offset in 0..=text.len() + 1 {
                let want = line_col(text, offset);
                assert_eq!(index.line_col(text, offset), want, "{offset} in {text:?}");
            }
        }
    }

    #[test]
    fn hints_among_keys_stop_once_the_budget_is_spent() {
        let known = ["anna-adler", "karim-haddad", "vera-quinn"];
        let nearby = Nearby {
            budget: 7,
            ..Nearby::default()
        };
        // Three comparisons each: the third call starts with 6 spent.
        for _ in 0..3 {
            assert_eq!(nearby.closest("anna-adlr", known), Some("anna-adler"));
        }
        assert_eq!(nearby.closest("anna-adlr", known), None);
        assert_eq!(nearby.did_you_mean("vera-quin", known), None);
        // A fresh run has its whole budget again.
        let fresh = Nearby::default();
        assert_eq!(
            fresh.did_you_mean("vera-quin", known).as_deref(),
            Some("did you mean `vera-quinn`?")
        );
    }

    #[test]
    fn did_you_mean_breaks_ties_the_same_way_in_any_order() {
        let one = did_you_mean("anna-adlr", ["anna-adlerx", "anna-adlery"]);
        let other = did_you_mean("anna-adlr", ["anna-adlery", "anna-adlerx"]);
        assert_eq!(one.as_deref(), Some("did you mean `anna-adlerx`?"));
        assert_eq!(one, other);
    }

    #[test]
    fn counts_are_grouped_in_threes_from_a_thousand() {
        let shown: Vec<String> = [0, 7, 999, 1000, 1195, 12418, 100000, 1234567]
            .into_iter()
            .map(grouped)
            .collect();
        assert_eq!(
            shown,
            [
                "0",
                "7",
                "999",
                "1,000",
                "1,195",
                "12,418",
                "100,000",
                "1,234,567"
            ]
        );
        assert_eq!(plural(12418, "page"), "12,418 pages");
    }

    #[test]
    fn headline_has_path_line_column() {
        let d = Diagnostic::at("content/a.yaml", "id: x\nname: Y\n", 2, 7, "bad name");
        assert_eq!(d.headline(), "content/a.yaml:2:7: error: bad name");
        let shown = d.render(false);
        assert!(shown.contains("2 | name: Y"), "{shown}");
        assert!(shown.contains("  |       ^"), "{shown}");
    }

    #[test]
    fn characters_that_show_nothing_are_shown_in_messages() {
        let d = Diagnostic::new("content/events.yaml", "unknown actor `jane-roe\u{200B}`")
            .with_hint("did you mean `jane-roe`? (a soft\u{AD}hyphen, a bell\u{7})");
        let shown = d.render(false);
        assert!(
            shown.contains("unknown actor `jane-roe\\u{200b}`"),
            "{shown}"
        );
        assert!(
            shown.contains("a soft\\u{ad}hyphen, a bell\\u{7})"),
            "{shown}"
        );
        // Plain text, accents and no-break spaces are as written.
        assert_eq!(visible("Zoë\u{A0}Ågren"), "Zoë\u{A0}Ågren");
    }

    #[test]
    fn warnings_say_so_and_are_counted_apart() {
        let w = Diagnostic::at("content/a.txt", "x\ny\n", 2, 1, "odd").warning();
        assert_eq!(w.headline(), "content/a.txt:2:1: warning: odd");
        assert!(w.render(false).contains("2 | y"));
        let mut all = Diagnostics::default();
        all.push(w.clone());
        assert!(!all.has_errors());
        assert_eq!(all.count_suffix(), "; 1 warning");
        assert!(all.clone().render(false).ends_with(
            "1 warning found, and --deny-warnings makes warnings errors; nothing was written\n"
        ));
        all.push(Diagnostic::new("content/site.yaml", "bad"));
        all.push(w.with_hint("h").warning());
        assert!(all.has_errors());
        assert!(
            all.render(false)
                .ends_with("1 error and 2 warnings found; nothing was written\n")
        );
    }

    #[test]
    fn sorted_by_path_then_line() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::at("b", "x\ny\n", 2, 1, "two"));
        all.push(Diagnostic::at("a", "x\ny\n", 2, 1, "one"));
        all.push(Diagnostic::at("b", "x\ny\n", 1, 1, "three"));
        let order: Vec<_> = all.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(order, ["one", "three", "two"]);
    }

    #[test]
    fn suggestions_only_when_close() {
        assert_eq!(
            did_you_mean("nmae", ["name", "role"]).as_deref(),
            Some("did you mean `name`?")
        );
        assert_eq!(did_you_mean("zzz", ["name", "role"]), None);
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nçd: x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 6), (2, 3));
    }
}
