//! From loaded records to the validated `Site`: the checks every kind
//! shares ([`Ctx`]: required fields, ids, URLs, dates, Markdown fields,
//! choices, references, unknown fields), `site.yaml`, and the order in
//! which the kinds are built (each kind's own rules are in its file under
//! `src/kinds/`). Every problem is collected, never only the first, and
//! every reference is resolved to a typed index.

use super::text::{BadLink, Dest, Keep, RichText, TextRules, classify, parse_markdown};
use super::*;
use crate::diag::{
    Diagnostic, Diagnostics, LineStarts, Nearby, closest, did_you_mean, did_you_mean_hint,
};
use crate::kept::KeptBuild;
use crate::kinds::{Actor, Article, Event, Ix, Kind, Source, Statement, Table};
use crate::load::fields::{DateInput, Field, Span, Text};
use crate::load::{ArticleTexts, FileText, Loaded, RawArticle};
use std::collections::HashMap;

/// Options that change what the model holds.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub drafts: bool,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
}

/// What validation works with: the loaded records, and every problem found.
pub(crate) struct Ctx<'a> {
    pub(crate) loaded: &'a Loaded,
    /// The Markdown articles' texts, when taken out of `loaded` to be let
    /// go one by one (a build or a check); read through [`Ctx::text`].
    pub(crate) texts: ArticleTexts,
    diags: Diagnostics,
    /// Every key written in content, valid, loaded or not: made when a
    /// reference is first not found (most runs never need it).
    keys_written: std::cell::OnceCell<KeysWritten>,
    /// The articles' keys and tags as written, when the articles as
    /// loaded are not in `loaded` ([`Articles::Given`]): they go once
    /// built, and a later reference may still ask for them.
    article_keys: Option<ArticleKeys>,
    /// What Markdown may do, from site.yaml: keep raw HTML, show images
    /// at the site's own address.
    pub(crate) rules: TextRules,
    /// How much of each article's parsed text to keep.
    pub(crate) keep: Keep,
    /// The links into the site found so far, resolved once every record
    /// is known (`links::resolve`).
    written: Vec<super::links::Written>,
    /// What `dossier serve` keeps between rebuilds.
    pub(crate) kept: Option<Kept<'a>>,
    /// How many references named no record of the site (drafts aside):
    /// each is left out silently when its record is written but did not
    /// load or pass its checks, and reported as unknown otherwise. Which
    /// of the two depends on every file of the investigation, so a result
    /// with such a reference is never kept (`kept::KeptBuild`).
    pub(crate) unresolved: usize,
    /// "Did you mean" for unknown keys, within this run's budget.
    pub(crate) nearby: Nearby,
    /// The fields that the record being checked names by a misspelling
    /// (`titel` for `title`), set by [`Ctx::unknown_fields`]: that such a
    /// field is missing only follows from it, and is not said.
    meant: Vec<String>,
    /// The records read without the fields that could not be read, at
    /// their place, with those fields (`load::fields::PartlyRead`):
    /// checked, but that those fields are missing is not said. Such a
    /// record comes with the error of its field: it never reaches a site.
    partly_read: std::collections::HashMap<Span, Vec<String>>,
}

/// What `dossier serve` keeps in the model from one rebuild to the next,
/// each part good while what it was made from is unchanged.
pub struct Kept<'c> {
    /// Each Markdown article's parse.
    pub bodies: &'c mut crate::kinds::article::BodyParses,
    /// The Markdown articles, built.
    pub articles: &'c mut crate::kinds::article::BuiltArticles,
    /// The actors, built.
    pub actors: &'c mut crate::kept::KeptBuild<Actor>,
    /// The events, built.
    pub events: &'c mut crate::kept::KeptBuild<Event>,
}

/// What validation has said so far: where its lists of diagnostics and
/// links stand ([`Ctx::mark`]).
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    diags: usize,
    written: usize,
    unresolved: usize,
}

/// What one stage of validation said: its diagnostics and the links into
/// the site it found, in order, to say again when its result is kept.
#[derive(Clone)]
pub(crate) struct Said {
    diags: Vec<Diagnostic>,
    written: Vec<super::links::Written>,
}

impl<'a> Ctx<'a> {
    /// Where validation stands, to take what is said from here on.
    pub(crate) fn mark(&self) -> Mark {
        Mark {
            diags: self.diags.len(),
            written: self.written.len(),
            unresolved: self.unresolved,
        }
    }

    /// What was said since `mark`; `None` when a reference meanwhile
    /// named no record, as what is said of it may change while the key of
    /// a kept result does not (see [`Ctx::unresolved`]).
    pub(crate) fn said_since(&self, mark: Mark) -> Option<Said> {
        (self.unresolved == mark.unresolved).then(|| Said {
            diags: self.diags.iter().skip(mark.diags).cloned().collect(),
            written: self.written[mark.written..].to_vec(),
        })
    }

    /// Says again what a stage said, when its result is kept.
    pub(crate) fn say_again(&mut self, said: &Said) {
        self.diags.extend(said.diags.iter().cloned());
        self.written.extend(said.written.iter().cloned());
    }

    /// The text of file `file`, wherever it is kept (empty for an
    /// article's text let go, see [`Ctx::let_go`]).
    pub(crate) fn text(&self, file: usize) -> FileText<'a> {
        // A check reading a text let go would quote nothing, or place a
        // message wrongly, without a word: let the tests say so.
        debug_assert!(
            !self.texts.is_let_go(file),
            "the text of {} was let go",
            self.loaded.files[file].path
        );
        match self.texts.get(file) {
            Some(t) => FileText::Taken(t.clone()),
            None => FileText::Loaded(&self.loaded.files[file]),
        }
    }

    /// A diagnostic at `span`, quoting its line ([`Loaded::at_in`]).
    pub(crate) fn at(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.loaded.at_in(span, &self.text(span.file()), message)
    }

    /// A diagnostic at `span` in an article's front matter, which
    /// [`Loaded::files`] keeps even once the text after it is let go
    /// ([`Ctx::let_go`]): for a message about an article built earlier.
    pub(crate) fn at_front_matter(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        let file = &self.loaded.files[span.file()];
        self.loaded.at_in(span, &FileText::Loaded(file), message)
    }

    /// A diagnostic at a 1-based line of file `file` (no YAML offset).
    pub(crate) fn at_line(
        &self,
        file: usize,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let path = self.loaded.files[file].path.clone();
        Diagnostic::at_quoting(path, line, column, self.text(file).line(line), message)
    }

    /// Lets the text of article file `file` go, once its article is
    /// built, unless it wrote links into the site since `since`: those
    /// are resolved at the end, and a message about one quotes its line.
    pub(crate) fn let_go(&mut self, file: usize, since: Mark) {
        if self.written.len() == since.written {
            self.texts.let_go(file);
        }
    }

    /// Reports `message` at `span`; returns it to add a hint.
    pub(crate) fn err(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.at(span, message);
        self.push(d)
    }

    /// Reports a warning at `span` (content format 1.1, "Warnings"): a
    /// problem that does not stop the build. Returns it to add a hint.
    pub(crate) fn warn(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.at(span, message).warning();
        self.push(d)
    }

    /// Reports a diagnostic made elsewhere; returns it to add a hint.
    pub(crate) fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    /// Whether that the record being checked, written at `at`, lacks
    /// the field `name` only follows from a problem already reported: the
    /// field is under a misspelt key or (in a CSV file) column, reported
    /// with its "did you mean", or its value could not be read.
    pub(crate) fn lack_reported(&self, at: Span, name: &str) -> bool {
        let csv = self
            .loaded
            .files
            .get(at.file())
            .and_then(|f| f.csv.as_ref());
        let unread = self.partly_read.get(&at);
        self.meant.iter().any(|m| m == name)
            || csv.is_some_and(|c| c.meant.contains(&name))
            || unread.is_some_and(|u| u.iter().any(|f| f == name))
    }

    /// Reports every key of a record that is not one of `fields`.
    pub(crate) fn unknown_fields(&mut self, unknown: &[Text], fields: &[&str], what: &str) {
        self.meant.clear();
        for key in unknown {
            let meant = closest(&key.value, fields.iter().copied());
            self.meant.extend(meant.map(str::to_owned));
            let hint = meant.map_or_else(
                || format!("the fields of {what} are: {}", fields.join(", ")),
                did_you_mean_hint,
            );
            self.err(key.span, format!("unknown field `{}` in {what}", key.value))
                .hint = Some(hint);
        }
    }

    /// A required text field: reported at the record when missing, at the
    /// value when empty.
    pub(crate) fn required<'t>(
        &mut self,
        record: Span,
        field: Option<&'t Text>,
        name: &str,
        what: &str,
    ) -> Option<&'t Text> {
        match field {
            Some(t) if !t.value.trim().is_empty() => Some(t),
            Some(t) => {
                self.err(t.span, format!("`{name}` of {what} is empty"));
                None
            }
            None => {
                if !self.lack_reported(record, name) {
                    self.err(
                        record,
                        format!("{what} is missing the required field `{name}`"),
                    );
                }
                None
            }
        }
    }

    /// Whether `t` is a valid id (content format: "Identifiers"): of the
    /// right form, and at most [`super::slug::MAX_ID`]
    /// characters, so that no page's path is too long to write.
    pub(crate) fn id(&mut self, t: &Text, what: &str) -> bool {
        let max = super::slug::MAX_ID;
        if super::slug::is_valid_id(&t.value) {
            if t.value.len() <= max {
                return true;
            }
            // Quoted in part: the line under the message shows it whole.
            let start: String = t.value.chars().take(40).collect();
            self.err(
                t.span,
                format!(
                    "`{start}…`: this {what} is {} characters long; at most {max} are allowed",
                    t.value.len()
                ),
            )
            .hint = Some(format!("shorten it to {max} characters or fewer"));
            return false;
        }
        let suggestion = super::slug::slugify(&t.value);
        let d = self.err(
            t.span,
            format!(
                "`{}` is not a valid {what}: use lowercase letters, digits and single hyphens",
                t.value
            ),
        );
        if !suggestion.is_empty() {
            d.hint = Some(format!("try `{suggestion}`"));
        }
        false
    }

    /// A URL field, percent-encoded; `None` (reported) for a forbidden scheme.
    /// An id link or a relative reference is resolved with the links of
    /// the texts (content format 1.1): rendering finds its target by the
    /// value returned.
    pub(crate) fn url(&mut self, t: &Text) -> Option<String> {
        match classify(&t.value) {
            Ok(dest) => {
                let url = super::text::encode_url(&t.value);
                if matches!(dest, Dest::Id { .. } | Dest::Relative) {
                    self.written.push(super::links::Written {
                        span: t.span,
                        dest: url.clone(),
                        image: false,
                    });
                }
                Some(url)
            }
            Err(problem) => {
                self.err(t.span, problem);
                None
            }
        }
    }

    /// A list of tags, trimmed, blanks left out; a tag that cannot have a
    /// page (no letter or digit, or too long) is reported at its place.
    pub(crate) fn tags(&mut self, tags: &Option<Vec<Text>>) -> Vec<String> {
        for t in tags.iter().flatten() {
            if t.value.trim().is_empty() {
                continue;
            }
            if let Some(problem) = super::tags::tag_problem(t.value.trim()) {
                self.err(t.span, problem).hint =
                    Some("a tag is a word or a few, such as `shipping` or `Cyber security`".into());
            }
        }
        texts(tags)
    }

    /// Takes the links into the site that parsing noted in `text`, at
    /// their place: `at(offset)` gives the span of a byte offset in the
    /// parsed source.
    fn take_links(&mut self, text: &mut RichText, at: impl Fn(usize, &str) -> Span) {
        for w in std::mem::take(&mut text.written_links) {
            self.written.push(super::links::Written {
                span: at(w.offset, &w.dest),
                dest: w.dest,
                image: w.image,
            });
        }
    }

    pub(crate) fn date(&mut self, d: &Field<DateInput>) -> Option<Date> {
        match Date::parse(&d.value.0) {
            Ok(date) => Some(date),
            Err(e) => {
                self.err(d.span, e).hint = Date::suggestion(&d.value.0);
                None
            }
        }
    }

    /// Markdown in a data field: its links' problems at their line and
    /// column in the file, found as written there ([`in_scalar`]), or at
    /// the line of the value where they are not written as they read (a
    /// quoted scalar's escapes) and at the field in a CSV cell.
    pub(crate) fn markdown_field(&mut self, t: &Text) -> RichText {
        let parsed = parse_markdown(&t.value, &self.rules);
        self.markdown_parsed(t, parsed)
    }

    /// [`Self::markdown_field`] for a field parsed beforehand.
    pub(crate) fn markdown_parsed(
        &mut self,
        t: &Text,
        parsed: (RichText, Vec<BadLink>),
    ) -> RichText {
        let (mut text, bad) = parsed;
        text.source = Some(t.value.as_str().into());
        // The field's line, moved down to the link's line in a value of
        // several lines, and the destination's column when it is written
        // there as parsed (a YAML scalar's escapes aside, it is).
        let file_text = self.text(t.span.file());
        // In a CSV file a message names the cell (its number is the
        // column), whatever line of it the link is on; a TimelineJS cell's
        // Markdown is not even the file's text.
        let csv = self.loaded.files[t.span.file()].csv.as_deref();
        let in_csv = csv.is_some();
        // A cell's place, or another cell's for a part of the value made
        // from it (a TimelineJS summary's `Media` link).
        let cell = |offset: usize| csv.map_or(t.span, |c| c.place_in(t.span, offset));
        let value_lines = LineStarts::default();
        let places = match t.span.line() == 0 || in_csv {
            true => HashMap::new(),
            false => {
                let mut offsets: Vec<usize> = (text.written_links.iter().map(|w| w.offset))
                    .chain(bad.iter().map(|b| b.offset))
                    .collect();
                offsets.sort_unstable();
                offsets.dedup();
                in_scalar(|n| file_text.line(n), t.span, &t.value, &offsets)
            }
        };
        let found = |offset: usize| places.get(&offset).copied();
        let place = |offset: usize, dest: &str| {
            if let Some((line, at)) = found(offset) {
                let l = file_text.line(line).unwrap_or("");
                let at = l[at..].find(dest).map_or(at, |i| at + i);
                return Span::new(t.span.file(), line, l[..at].chars().count() + 1);
            }
            if in_csv {
                return cell(offset);
            }
            let (n, _) = value_lines.line_col(&t.value, offset);
            if t.span.line() == 0 {
                return t.span;
            }
            let line = t.span.line() + n - 1;
            let column = file_text
                .line(line)
                .and_then(|l| l.find(dest).map(|i| l[..i].chars().count() + 1));
            let column = column.unwrap_or(if n == 1 { t.span.column() } else { 1 });
            Span::new(t.span.file(), line, column)
        };
        self.take_links(&mut text, place);
        for b in bad {
            if let Some((line, at)) = found(b.offset) {
                let l = file_text.line(line).unwrap_or("");
                let span = Span::new(t.span.file(), line, l[..at].chars().count() + 1);
                let d = b.said(|m| self.at(span, m));
                self.diags.push(d);
                continue;
            }
            let (line, _) = value_lines.line_col(&t.value, b.offset);
            let at = cell(b.offset);
            let d = b.said(|m| self.at(at, m));
            let by = if in_csv { 0 } else { line.saturating_sub(1) };
            let d = shift_lines(d, by, |n| file_text.line(n));
            self.diags.push(d);
        }
        text
    }

    /// Bad links in an article's Markdown body, at their line in `file`,
    /// and its links into the site, to resolve.
    pub(crate) fn links_in_body(
        &mut self,
        file: usize,
        body: &str,
        first_line: usize,
        bad: Vec<BadLink>,
        text: &mut RichText,
    ) {
        // Every link's line: through an index of the body, which may be
        // long and hold many links.
        let lines = LineStarts::default();
        self.take_links(text, |offset, _| {
            let (line, column) = lines.line_col(body, offset);
            Span::new(file, first_line + line, column)
        });
        for b in bad {
            let (line, col) = lines.line_col(body, b.offset);
            let d = b.said(|m| self.at_line(file, first_line + line, col, m));
            self.diags.push(d);
        }
    }

    /// One of a fixed set of words (a kind, a status).
    pub(crate) fn enum_value<T: Copy>(
        &mut self,
        t: &Text,
        parse: fn(&str) -> Option<T>,
        names: &[&str],
        what: &str,
    ) -> Option<T> {
        // Spaces around a value (a spreadsheet cell's ` alleged`) are not
        // part of it, as around a YAML one; "did you mean `alleged`?"
        // read as the value itself.
        if let Some(v) = parse(t.value.trim()) {
            return Some(v);
        }
        // The message lists the allowed values already.
        let hint = did_you_mean(&t.value, names.iter().copied())
            .unwrap_or_else(|| "write one of the allowed values, as listed".to_owned());
        let message = format!(
            "`{}` is not a valid {what}; allowed: {}",
            t.value,
            names.join(", ")
        );
        self.err(t.span, message).hint = Some(hint);
        None
    }

    /// Whether a key of kind `T` that is not in the site is written in
    /// content all the same (its record failed to load or to pass its
    /// checks, and says so itself): a reference to it is then not reported
    /// as unknown (content format 1.1, "Errors").
    pub(crate) fn is_written<T: Kind>(&self, key: &str) -> bool {
        self.is_written_as(T::INFO.name, key)
    }

    /// [`Self::is_written`] for a kind named at run time (`"actor"`, as an
    /// id link names it), or `"tag"`: a tag that a record lists, whether
    /// or not the record is in the site.
    pub(crate) fn is_written_as(&self, kind: &str, key: &str) -> bool {
        self.keys_written
            .get_or_init(|| KeysWritten::of(self.loaded, self.article_keys.as_ref()))
            .has(kind, key)
    }

    /// Resolves a list of references, reporting each unknown one (unless
    /// `skip` says to leave it out silently, or it is a key written in
    /// content whose record is not in the site: [`Self::is_written`]).
    /// Duplicates are dropped.
    pub(crate) fn resolve<T: Kind>(
        &mut self,
        refs: &Option<Vec<Text>>,
        index: &IdIndex<T>,
        what: &str,
        skip: &dyn Fn(&str) -> bool,
    ) -> Vec<Ix<T>> {
        let mut out = Vec::new();
        for r in refs.iter().flatten() {
            match index.0.get(r.value.as_str()) {
                Some(&i) => {
                    if !out.contains(&i) {
                        out.push(i);
                    }
                }
                None if skip(&r.value) => {}
                None if self.is_written::<T>(&r.value) => self.unresolved += 1,
                None => {
                    self.unresolved += 1;
                    let hint = self
                        .nearby
                        .did_you_mean(&r.value, index.0.keys().map(String::as_str));
                    self.err(r.span, format!("unknown {what} `{}`", r.value))
                        .hint = hint;
                }
            }
        }
        out
    }
}

/// Moves a diagnostic down by `by` lines (a link deep in a block scalar),
/// quoting its new line as `line` gives it (1-based).
/// Where the texts at byte `offsets` (ascending) of a YAML scalar's
/// value (`value`, written from `span` on) are in the file, whose lines
/// `line` gives: each one's line and byte index in that line. YAML folds
/// a value's lines (`>`, plain and quoted scalars of several lines), so
/// the value's line numbers are not the file's: the first word at an
/// offset (a link's `[text`, never cut by folding, which only joins
/// lines) is looked for in the scalar's lines, after the place of the
/// offset before it, as many times over as it occurs in the value in
/// between. One pass over the value and the file: a summary of thousands
/// of links is read once, not once per link. An offset whose word is not
/// written there as it reads (a quoted scalar's escapes) has no place,
/// nor has any after it; the caller keeps the value's own line for them.
fn in_scalar<'t>(
    line: impl Fn(usize) -> Option<&'t str>,
    span: Span,
    value: &str,
    offsets: &[usize],
) -> HashMap<usize, (usize, usize)> {
    let mut out = HashMap::new();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let Some(first) = line(span.line()) else {
        return out;
    };
    let start =
        (first.char_indices().nth(span.column().saturating_sub(1))).map_or(first.len(), |(i, _)| i);
    // The scalar's later lines are indented past its key (a value that
    // starts mid-line), or as far as its first (a block scalar's text).
    let floor = match first[..start].trim().is_empty() {
        true => start,
        false => indent(first) + 1,
    };
    // Folding only shortens what is written: never look further than
    // the value could reach.
    let limit = value.len().saturating_mul(2) + 256;
    // Where the last offset placed is, in the value and in the file, and
    // how many bytes of the file's lines lie before that line.
    let (mut v, mut n, mut from, mut passed) = (0, span.line(), start, 0usize);
    for &offset in offsets {
        let Some(rest) = value.get(offset..).filter(|_| offset >= v) else {
            continue;
        };
        let needle = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
        if needle.is_empty() {
            continue;
        }
        let mut before = value[v..offset].matches(needle).count();
        let (mut ln, mut fr, mut past) = (n, from, passed);
        let place = loop {
            let Some(l) = line(ln) else { break None };
            if ln > span.line() && !l.trim().is_empty() && indent(l) < floor {
                break None;
            }
            if let Some(i) = (l.get(fr..).into_iter())
                .flat_map(|rest| rest.match_indices(needle))
                .map(|(i, _)| fr + i)
                .nth(before)
            {
                break Some(i);
            }
            before -= l.get(fr..).map_or(0, |rest| rest.matches(needle).count());
            past += l.len() + 1;
            if past > limit {
                break None;
            }
            (ln, fr) = (ln + 1, 0);
        };
        let Some(at) = place else {
            // Not written as it reads: the rest stay at the value's line.
            return out;
        };
        out.insert(offset, (ln, at));
        (v, n, from, passed) = (offset, ln, at, past);
    }
    out
}

fn shift_lines<'t>(
    mut d: Diagnostic,
    by: usize,
    line: impl Fn(usize) -> Option<&'t str>,
) -> Diagnostic {
    if by > 0
        && let Some(n) = d.line
    {
        d.line = Some(n + by);
        d.column = Some(1);
        d.source_line = line(n + by).map(Into::into);
    }
    d
}

/// A text field trimmed, `None` when missing or blank.
pub(crate) fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.value.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// A list of texts trimmed, blanks left out.
pub(crate) fn texts(t: &Option<Vec<Text>>) -> Vec<String> {
    t.iter()
        .flatten()
        .map(|t| t.value.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The keys seen so far of one kind, and where each was first defined
/// (`A`: a span in a data file, or an article's path). Where is told in
/// words only for a duplicate: formatting it for every record was a
/// tenth of building 20,000 events (issue 18).
pub(crate) struct Unique<A = Span>(HashMap<String, A>);

impl<A> Default for Unique<A> {
    fn default() -> Self {
        Unique(HashMap::new())
    }
}

impl<A> Unique<A> {
    /// Room for `n` keys.
    pub(crate) fn with_capacity(n: usize) -> Self {
        Unique(HashMap::with_capacity(n))
    }

    /// Where `key` was first defined, if it was.
    pub(crate) fn first(&self, key: &str) -> Option<&A> {
        self.0.get(key)
    }

    pub(crate) fn insert(&mut self, key: String, at: A) {
        self.0.insert(key, at);
    }
}

impl Unique<Span> {
    /// Records `id`, or reports it as a duplicate of a `what` seen before.
    pub(crate) fn check(&mut self, ctx: &mut Ctx<'_>, id: &Text, what: &str) -> bool {
        if let Some(&at) = self.first(&id.value) {
            let at = ctx.loaded.place(at);
            ctx.err(
                id.span,
                format!(
                    "duplicate {what} id `{}`: it is already defined at {at}",
                    id.value
                ),
            )
            .hint = Some(format!("every {what} needs its own id"));
            return false;
        }
        self.insert(id.value.clone(), id.span);
        true
    }
}

/// Ids (or slugs) of the records of one kind, to resolve references.
/// Shared: `dossier serve` keeps the index of a kind whose records it
/// kept, and each rebuild's [`Ids`] snapshot holds the same maps (20,000
/// event ids made, copied and compared again were a tenth of the model's
/// stage of a rebuild, issue 18).
pub(crate) struct IdIndex<T>(std::sync::Arc<HashMap<String, Ix<T>>>);

impl<T> Clone for IdIndex<T> {
    fn clone(&self) -> Self {
        IdIndex(self.0.clone())
    }
}

impl<T> PartialEq for IdIndex<T> {
    /// The same keys, each at the same index.
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl<T: Kind> IdIndex<T> {
    pub(crate) fn of(records: &[T]) -> Self {
        IdIndex(std::sync::Arc::new(
            records
                .iter()
                .enumerate()
                .map(|(i, r)| (r.key().to_owned(), Ix::new(i)))
                .collect(),
        ))
    }
}

impl<T> Default for IdIndex<T> {
    fn default() -> Self {
        IdIndex(std::sync::Arc::new(HashMap::new()))
    }
}

/// The ids known so far, filled kind by kind in build order: a kind may
/// refer only to kinds built before it.
#[derive(Default, Clone, PartialEq)]
pub(crate) struct Ids {
    pub(crate) sources: IdIndex<Source>,
    pub(crate) actors: IdIndex<Actor>,
    pub(crate) articles: IdIndex<Article>,
    pub(crate) events: IdIndex<Event>,
    /// Slugs of drafts left out: references to them are dropped
    /// silently. A set: every reference not found among the published
    /// articles asks.
    pub(crate) draft_slugs: std::collections::HashSet<String>,
}

/// Every key written in content, by kind's name: those of the records that
/// loaded (valid or not) and of those that did not ([`crate::load::Unloaded`]),
/// and the kinds with a file that could not be read at all; and the tags
/// records list (by slug), valid or not.
#[derive(Default)]
struct KeysWritten {
    /// By kind's name.
    keys: HashMap<&'static str, std::collections::HashSet<String>>,
    kinds: Vec<&'static str>,
    tags: std::collections::HashSet<String>,
    /// Whether any file or record failed to load: the tags it listed are
    /// not known.
    tags_unknown: bool,
}

/// The keys (slugs) of the articles as written, and the tags they list:
/// what [`KeysWritten`] needs of them.
#[derive(Default)]
struct ArticleKeys {
    slugs: Vec<String>,
    tags: Vec<String>,
}

impl ArticleKeys {
    fn of(articles: &[RawArticle]) -> ArticleKeys {
        // An article's key is its `slug`, or the one its file name gives.
        let slugs = (articles.iter())
            .map(
                |a| match a.meta.as_ref().and_then(|m| m.value.slug.as_ref()) {
                    Some(s) => s.value.clone(),
                    None => super::slug::from_file_stem(&a.stem),
                },
            )
            .collect();
        let tags = (articles.iter())
            .filter_map(|a| a.meta.as_ref()?.value.tags.as_ref())
            .flatten()
            .map(|t| t.value.clone())
            .collect();
        ArticleKeys { slugs, tags }
    }
}

impl KeysWritten {
    /// From `loaded`, and `articles` when its articles are not there.
    fn of(loaded: &Loaded, articles: Option<&ArticleKeys>) -> KeysWritten {
        let mut keys: HashMap<&'static str, std::collections::HashSet<String>> = HashMap::new();
        let written = loaded.written_ids().into_iter();
        let unloaded = loaded.unloaded.keys.iter().map(|(k, v)| (*k, v.as_str()));
        for (kind, key) in written.chain(unloaded) {
            keys.entry(kind).or_default().insert(key.to_owned());
        }
        let made;
        let articles = match articles {
            Some(a) => a,
            None => {
                made = ArticleKeys::of(&loaded.articles);
                &made
            }
        };
        let slugs = articles.slugs.iter().cloned();
        keys.entry(Article::INFO.name).or_default().extend(slugs);
        let article_tags = articles.tags.iter().map(String::as_str);
        let tags = loaded
            .written_tags()
            .into_iter()
            .chain(article_tags)
            .map(super::slug::slugify)
            .collect();
        let u = &loaded.unloaded;
        KeysWritten {
            keys,
            kinds: u.kinds.clone(),
            tags,
            tags_unknown: !u.keys.is_empty() || !u.kinds.is_empty(),
        }
    }

    fn has(&self, kind: &str, key: &str) -> bool {
        if kind == "tag" {
            return self.tags_unknown || self.tags.contains(&super::slug::slugify(key));
        }
        self.kinds.contains(&kind) || self.keys.get(kind).is_some_and(|keys| keys.contains(key))
    }
}

/// Validates and resolves everything loaded into a `Site`.
pub fn build(loaded: &Loaded, options: &BuildOptions) -> Result<Site, Diagnostics> {
    build_keeping(loaded, options, Keep::Whole)
}

/// The articles as loaded, for validation: lent by `loaded` (its
/// `articles`), or given, taken out of it, so that validation lets them
/// go once the articles are built. At 50,000 articles their metadata as
/// written was about a tenth of a build's peak, held beside the model
/// until the end of validation (issue 18).
pub enum Articles {
    /// `loaded.articles`.
    Lent,
    /// Taken out of `loaded` (left empty there).
    Given(Vec<RawArticle>),
}

/// [`build`], keeping only the lead of each article's text with
/// [`Keep::Lead`]: the same checks and messages, but a `Site` that must
/// not be rendered.
pub fn build_keeping(
    loaded: &Loaded,
    options: &BuildOptions,
    keep: Keep,
) -> Result<Site, Diagnostics> {
    build_from(loaded, Articles::Lent, options, keep, None, None).map_err(|i| i.diagnostics)
}

/// The files of the built site, by path from the output folder, for the
/// records and tags of a site (see `render::site_files`).
pub type SiteFiles<'f> = dyn Fn(&Records<'_>, &Tags) -> std::collections::BTreeSet<String> + 'f;

/// [`build_keeping`], also checking that every file a path in content
/// names is one of `files` (content format 1.1, relative references).
/// Without it ([`build`], [`build_keeping`]) such paths are resolved but
/// not looked for.
///
/// The Markdown articles' texts that the load did not keep
/// (`load::BodyFile`) are read again a few hundred at a time, each let go
/// once its article is built.
///
/// `kept`: what `dossier serve` keeps from one rebuild to the next
/// (`None` for a build or a check, which build once).
pub fn build_with_files(
    loaded: &Loaded,
    articles: Articles,
    options: &BuildOptions,
    keep: Keep,
    files: &SiteFiles<'_>,
    kept: Option<Kept<'_>>,
) -> Result<Site, Diagnostics> {
    build_from(loaded, articles, options, keep, Some(files), kept).map_err(|i| i.diagnostics)
}

/// [`build_with_files`], or [`build_keeping`] without `files`: what each
/// of them does, for `validate` (`lib.rs`).
pub(crate) fn build_from<'a>(
    loaded: &'a Loaded,
    articles: Articles,
    options: &BuildOptions,
    keep: Keep,
    files: Option<&SiteFiles<'_>>,
    kept: Option<Kept<'a>>,
) -> Result<Site, Invalid> {
    let given = match articles {
        Articles::Given(raws) => Some(raws),
        Articles::Lent => None,
    };
    let raws: &[RawArticle] = given.as_deref().unwrap_or(&loaded.articles);
    let mut ctx = Ctx {
        loaded,
        article_keys: given.as_deref().map(ArticleKeys::of),
        texts: ArticleTexts::default(),
        // What could not be loaded comes first; nothing below reports
        // what only follows from it.
        diags: loaded.problems.clone(),
        keys_written: std::cell::OnceCell::new(),
        rules: TextRules::default(),
        keep,
        written: Vec::new(),
        kept,
        unresolved: 0,
        nearby: Nearby::default(),
        meant: Vec::new(),
        partly_read: loaded.partly_read(raws),
    };
    let config = site_config(&mut ctx, options);
    // What CSV files hold that dossier does not keep (a TimelineJS
    // sheet's era rows and other columns), said once per file.
    for note in loaded.notes() {
        ctx.push(note.clone());
    }
    // Build order: each kind after the kinds it refers to.
    let mut ids = Ids::default();
    let sources = Source::build_all(&mut ctx);
    ids.sources = IdIndex::of(&sources);
    let actors = Actor::build_all(&mut ctx, &ids);
    ids.actors = KeptBuild::index(&mut ctx, |k| &mut *k.actors, &actors);
    let (articles, draft_slugs, boilerplate) =
        Article::build_all(&mut ctx, raws, options, &ids, &sources);
    // Built, the articles as loaded go, before the events are built
    // beside them (the peak of a large build).
    drop(given);
    ids.articles = IdIndex::of(&articles);
    ids.draft_slugs = draft_slugs.into_iter().collect();
    let mut events = Event::build_all(&mut ctx, &ids);
    ids.events = KeptBuild::index(&mut ctx, |k| &mut *k.events, &events);
    let statements = Statement::build_all(&mut ctx, &ids);
    // An event's replies weigh on its page of the timeline (the page budget).
    Event::place_on_timeline(&mut events, &statements);
    // Tags and links into the site, once every record is known: a text
    // may link to a record of any kind, defined in any file.
    let records = Records {
        articles: &articles,
        actors: &actors,
        events: &events,
        sources: &sources,
        statements: &statements,
    };
    let tags = Tags::of(&records);
    let is_written = |kind: &str, key: &str| ctx.is_written_as(kind, key);
    let at = |span: Span, message: String| ctx.at(span, message);
    let say = super::links::Say {
        at: &at,
        nearby: &ctx.nearby,
    };
    let (links, link_diags) = super::links::resolve(
        &say,
        &loaded.static_files,
        &ctx.written,
        &records,
        &tags,
        &ids.draft_slugs,
        &is_written,
    );
    let file_diags = files.filter(|_| links.names_files()).map(|files| {
        let files = files(&records, &tags);
        super::links::check_files(&say, &links, &files)
    });
    ctx.diags.extend(link_diags);
    if let Some(d) = file_diags {
        ctx.diags.extend(d);
    }
    let site = config.map(|config| Site {
        config,
        articles: Table::new(articles),
        actors: Table::new(actors),
        events: Table::new(events),
        sources: Table::new(sources),
        statements: Table::new(statements),
        tags,
        links,
        warnings: Diagnostics::default(),
        boilerplate,
    });
    match site {
        // Warnings alone leave a site: they travel with it.
        Some(mut site) if !ctx.diags.has_errors() => {
            site.warnings = ctx.diags;
            Ok(site)
        }
        partial => Err(Invalid {
            diagnostics: ctx.diags,
            partial: partial.map(Box::new),
        }),
    }
}

/// Why validation gave no site: every problem found, and what could be
/// built in spite of them.
pub(crate) struct Invalid {
    /// Errors and warnings, as found (at least one error).
    pub diagnostics: Diagnostics,
    /// The records that passed their checks, as a site (its `warnings`
    /// empty: they are in `diagnostics`), for the warnings about the whole
    /// site that the errors do not bear on; `None` when there is no
    /// configuration (`site.yaml` without a title or a base URL that can
    /// be used, or a refused `--base-url`).
    pub partial: Option<Box<Site>>,
}

/// The theme `site.yaml` names, or the built-in one (`None`), known before
/// (and whatever) the rest of validation finds. A name that is not a valid
/// id is an error of `build`; meanwhile the built-in theme stands in, so
/// that no path is ever made of such a name.
pub fn theme_name(loaded: &Loaded) -> Option<String> {
    loaded
        .site
        .as_ref()
        .and_then(|s| text(&s.value.theme))
        .filter(|t| super::slug::is_valid_id(t))
}

fn site_config(ctx: &mut Ctx<'_>, options: &BuildOptions) -> Option<SiteConfig> {
    let located = ctx.loaded.site.as_ref()?;
    let (r, record_loc) = (&located.value, located.span);
    ctx.unknown_fields(
        &r.unknown,
        crate::load::fields::SiteFields::FIELDS,
        "site.yaml",
    );
    ctx.rules.unsafe_html = r.unsafe_html.as_ref().is_some_and(|b| b.value);
    let title = ctx
        .required(record_loc, r.title.as_ref(), "title", "site.yaml")
        .map(|t| t.value.trim().to_owned());
    // Without a description of its own, the site takes a TimelineJS
    // sheet's title text (content format, "Data files").
    let intro = ctx.loaded.sheet_intro();
    let description = r
        .description
        .as_ref()
        .or(intro.as_ref())
        .map(|d| ctx.markdown_field(d));
    // site.yaml's own value is checked even when `--base-url` stands in
    // for it: it is content, and `check` reads it.
    let written = r
        .base_url
        .as_ref()
        .and_then(|b| match normalize_base_url(&b.value) {
            Ok(url) => Some(url),
            Err(e) => {
                ctx.err(b.span, e.message).hint = e.hint;
                None
            }
        });
    let base_url = match (&options.base_url, &r.base_url) {
        // The command line refuses a bad `--base-url` (a usage error).
        (Some(b), _) => normalize_base_url(b)
            .map_err(|e| {
                ctx.push(Diagnostic::new("--base-url", e.to_string()));
            })
            .ok(),
        (None, Some(_)) => written,
        (None, None) => Some("/".to_owned()),
    };
    // An image at the site's own address is no request to another host.
    ctx.rules.own_url = (base_url.as_deref())
        .filter(|b| b.starts_with("https://") || b.starts_with("http://"))
        .map(Into::into);
    let language = match &r.language {
        Some(l) if is_language_tag(&l.value) => l.value.trim().to_owned(),
        Some(l) => {
            ctx.err(l.span, format!("`{}` is not a language tag", l.value))
                .hint = Some("use a BCP 47 tag such as `en`, `fr` or `pt-BR`".into());
            "en".to_owned()
        }
        None => "en".to_owned(),
    };
    // The name itself is read by `theme_name`, which falls back to the
    // built-in theme for a name reported here.
    if let (Some(t), Some(theme)) = (&r.theme, text(&r.theme))
        && !super::slug::is_valid_id(&theme)
    {
        ctx.err(
            t.span,
            format!("`{theme}` is not a theme name: use lowercase letters, digits and hyphens"),
        );
    }
    let mention_links = r
        .mention_links
        .as_ref()
        .and_then(|m| {
            ctx.enum_value(
                m,
                MentionLinks::parse,
                MentionLinks::NAMES,
                "value of `mention_links`",
            )
        })
        .unwrap_or(MentionLinks::First);
    Some(SiteConfig {
        title: title?,
        mention_links,
        subtitle: text(&r.subtitle),
        description,
        base_url: base_url?,
        language,
        author: text(&r.author),
        unsafe_html: ctx.rules.unsafe_html,
        search: r.search.as_ref().is_none_or(|b| b.value),
    })
}

/// Why a base URL is refused: what is wrong, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBaseUrl {
    pub message: String,
    pub hint: Option<String>,
}

impl std::fmt::Display for BadBaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.hint {
            Some(hint) => write!(f, "{}; {hint}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// `base_url` is an http(s) URL or an absolute path, with no query or
/// fragment (every absolute URL is made by appending a path to it); it
/// always ends in `/`, which is added when missing.
pub fn normalize_base_url(s: &str) -> Result<String, BadBaseUrl> {
    let s = s.trim();
    // `//host/` and `/\host/` are read by browsers as another host.
    if s.starts_with("//") || s.starts_with("/\\") {
        return Err(BadBaseUrl {
            message: format!("`{s}` leads to another host without saying how"),
            hint: Some(format!(
                "write the whole URL, starting with https:// (`https:{}`), or a path such as `/`",
                s.replace('\\', "/")
            )),
        });
    }
    let ok = s.starts_with('/') || s.starts_with("https://") || s.starts_with("http://");
    if !ok
        || s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Err(BadBaseUrl {
            message: format!("`{s}` is not a base URL"),
            hint: Some(
                "use an http(s) URL such as `https://news.example/pegasus/` or a path such as `/`"
                    .to_owned(),
            ),
        });
    }
    if let Some(at) = s.find(['?', '#']) {
        let what = if s[at..].starts_with('?') {
            "a query"
        } else {
            "a fragment"
        };
        let without = &s[..at];
        let without = if without.ends_with('/') {
            without.to_owned()
        } else {
            format!("{without}/")
        };
        return Err(BadBaseUrl {
            message: format!(
                "`{s}` has {what} (`{}`): a base URL has no query or fragment, as every page's URL is made by adding a path to it",
                &s[at..]
            ),
            hint: Some(format!("use `{without}`")),
        });
    }
    Ok(if s.ends_with('/') {
        s.to_owned()
    } else {
        format!("{s}/")
    })
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.trim().split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
