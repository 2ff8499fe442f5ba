//! From loaded records to the validated `Site`: the checks every kind
//! shares ([`Ctx`]: required fields, ids, URLs, dates, Markdown fields,
//! choices, references, unknown fields), `site.yaml`, and the order in
//! which the kinds are built (each kind's own rules are in its file under
//! `src/kinds/`). Every problem is collected, never only the first, and
//! every reference is resolved to a typed index.

use super::text::{BadLink, Keep, RichText, parse_markdown, url_problem};
use super::*;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean, line_col};
use crate::kinds::{Actor, Article, Event, Ix, Kind, Source, Statement, Table};
use crate::load::Loaded;
use crate::load::fields::{DateInput, Field, Span, Text};
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
    diags: Diagnostics,
    /// `unsafe_html` from site.yaml: raw HTML in Markdown is kept.
    pub(crate) unsafe_html: bool,
    /// How much of each article's parsed text to keep.
    pub(crate) keep: Keep,
}

impl Ctx<'_> {
    /// Reports `message` at `span`; returns it to add a hint.
    pub(crate) fn err(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.loaded.at(span, message);
        self.push(d)
    }

    /// Reports a diagnostic made elsewhere; returns it to add a hint.
    pub(crate) fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    /// Reports every key of a record that is not one of `fields`.
    pub(crate) fn unknown_fields(&mut self, unknown: &[Text], fields: &[&str], what: &str) {
        for key in unknown {
            let hint = did_you_mean(&key.value, fields.iter().copied())
                .unwrap_or_else(|| format!("the fields of {what} are: {}", fields.join(", ")));
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
                self.err(
                    record,
                    format!("{what} is missing the required field `{name}`"),
                );
                None
            }
        }
    }

    /// Whether `t` is a valid id (content format: "Identifiers").
    pub(crate) fn id(&mut self, t: &Text, what: &str) -> bool {
        if super::slug::is_valid_id(&t.value) {
            return true;
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
    pub(crate) fn url(&mut self, t: &Text) -> Option<String> {
        match url_problem(&t.value) {
            None => Some(super::text::encode_url(&t.value)),
            Some(problem) => {
                self.err(t.span, problem);
                None
            }
        }
    }

    pub(crate) fn date(&mut self, d: &Field<DateInput>) -> Option<Date> {
        match Date::parse(&d.value.0) {
            Ok(date) => Some(date),
            Err(e) => {
                self.err(d.span, e);
                None
            }
        }
    }

    /// Markdown in a data field: positions inside it are approximate (the
    /// field's own line), which is as precise as a YAML scalar allows.
    pub(crate) fn markdown_field(&mut self, t: &Text) -> RichText {
        let parsed = parse_markdown(&t.value, self.unsafe_html);
        self.markdown_parsed(t, parsed)
    }

    /// [`Self::markdown_field`] for a field parsed beforehand.
    pub(crate) fn markdown_parsed(
        &mut self,
        t: &Text,
        parsed: (RichText, Vec<BadLink>),
    ) -> RichText {
        let (text, bad) = parsed;
        for b in bad {
            let (line, _) = line_col(&t.value, b.offset);
            let d = self.loaded.at(t.span, b.message);
            let d = shift_lines(
                d,
                line.saturating_sub(1),
                &self.loaded.files[t.span.file].text,
            );
            self.diags.push(d);
        }
        text
    }

    /// Bad links in an article's Markdown body, at their line in `file`.
    pub(crate) fn bad_links_in_body(
        &mut self,
        file: usize,
        body: &str,
        first_line: usize,
        bad: Vec<BadLink>,
    ) {
        for b in bad {
            let (line, col) = line_col(body, b.offset);
            let d = self.loaded.at_line(file, first_line + line, col, b.message);
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
        if let Some(v) = parse(&t.value) {
            return Some(v);
        }
        let hint = did_you_mean(&t.value, names.iter().copied())
            .unwrap_or_else(|| format!("allowed: {}", names.join(", ")));
        let message = format!(
            "`{}` is not a valid {what}; allowed: {}",
            t.value,
            names.join(", ")
        );
        self.err(t.span, message).hint = Some(hint);
        None
    }

    /// Resolves a list of references, reporting each unknown one (unless
    /// `skip` says to leave it out silently). Duplicates are dropped.
    pub(crate) fn resolve<T>(
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
                None => {
                    let hint = did_you_mean(&r.value, index.0.keys().map(String::as_str));
                    self.err(r.span, format!("unknown {what} `{}`", r.value))
                        .hint = hint;
                }
            }
        }
        out
    }
}

/// Moves a diagnostic down by `by` lines (a link deep in a block scalar).
fn shift_lines(mut d: Diagnostic, by: usize, text: &str) -> Diagnostic {
    if by > 0 {
        if let Some(line) = d.line {
            d.line = Some(line + by);
            d.column = Some(1);
            d.source_line = text.lines().nth(line + by - 1).map(Into::into);
        }
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

/// The keys seen so far of one kind, and where each was first defined.
#[derive(Default)]
pub(crate) struct Unique(HashMap<String, String>);

impl Unique {
    /// Where `key` was first defined, if it was.
    pub(crate) fn first(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub(crate) fn insert(&mut self, key: String, at: String) {
        self.0.insert(key, at);
    }

    /// Records `id`, or reports it as a duplicate of a `what` seen before.
    pub(crate) fn check(&mut self, ctx: &mut Ctx<'_>, id: &Text, what: &str) -> bool {
        if let Some(at) = self.first(&id.value) {
            let at = at.to_owned();
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
        self.insert(id.value.clone(), ctx.loaded.place(id.span));
        true
    }
}

/// Ids (or slugs) of the records of one kind, to resolve references.
pub(crate) struct IdIndex<T>(HashMap<String, Ix<T>>);

impl<T: Kind> IdIndex<T> {
    fn of(records: &[T]) -> Self {
        IdIndex(
            records
                .iter()
                .enumerate()
                .map(|(i, r)| (r.key().to_owned(), Ix::new(i)))
                .collect(),
        )
    }
}

impl<T> Default for IdIndex<T> {
    fn default() -> Self {
        IdIndex(HashMap::new())
    }
}

/// The ids known so far, filled kind by kind in build order: a kind may
/// refer only to kinds built before it.
#[derive(Default)]
pub(crate) struct Ids {
    pub(crate) sources: IdIndex<Source>,
    pub(crate) actors: IdIndex<Actor>,
    pub(crate) articles: IdIndex<Article>,
    pub(crate) events: IdIndex<Event>,
    /// Slugs of drafts left out: references to them are dropped silently.
    pub(crate) draft_slugs: Vec<String>,
}

/// Validates and resolves everything loaded into a `Site`.
pub fn build(loaded: &Loaded, options: &BuildOptions) -> Result<Site, Diagnostics> {
    build_keeping(loaded, options, Keep::Whole)
}

/// [`build`], keeping only the lead of each article's text with
/// [`Keep::Lead`]: the same checks and messages, but a `Site` that must
/// not be rendered.
pub fn build_keeping(
    loaded: &Loaded,
    options: &BuildOptions,
    keep: Keep,
) -> Result<Site, Diagnostics> {
    let mut ctx = Ctx {
        loaded,
        diags: Diagnostics::default(),
        unsafe_html: false,
        keep,
    };
    let config = site_config(&mut ctx, options);
    // Build order: each kind after the kinds it refers to.
    let mut ids = Ids::default();
    let sources = Source::build_all(&mut ctx);
    ids.sources = IdIndex::of(&sources);
    let actors = Actor::build_all(&mut ctx);
    ids.actors = IdIndex::of(&actors);
    let (articles, draft_slugs) = Article::build_all(&mut ctx, options, &ids, &sources);
    ids.articles = IdIndex::of(&articles);
    ids.draft_slugs = draft_slugs;
    let events = Event::build_all(&mut ctx, &ids);
    ids.events = IdIndex::of(&events);
    let statements = Statement::build_all(&mut ctx, &ids);
    if !ctx.diags.is_empty() {
        return Err(ctx.diags);
    }
    let Some(config) = config else {
        return Err(ctx.diags);
    };
    Ok(Site {
        config,
        articles: Table::new(articles),
        actors: Table::new(actors),
        events: Table::new(events),
        sources: Table::new(sources),
        statements: Table::new(statements),
    })
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
    ctx.unsafe_html = r.unsafe_html.as_ref().is_some_and(|b| b.value);
    let title = ctx
        .required(record_loc, r.title.as_ref(), "title", "site.yaml")
        .map(|t| t.value.trim().to_owned());
    let description = r.description.as_ref().map(|d| ctx.markdown_field(d));
    let base_url = match (&options.base_url, &r.base_url) {
        (Some(b), _) => normalize_base_url(b)
            .map_err(|e| {
                ctx.push(Diagnostic::new("--base-url", e));
            })
            .ok(),
        (None, Some(b)) => normalize_base_url(&b.value)
            .map_err(|e| {
                ctx.err(b.span, e);
            })
            .ok(),
        (None, None) => Some("/".to_owned()),
    };
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
    if let (Some(t), Some(theme)) = (&r.theme, text(&r.theme)) {
        if !super::slug::is_valid_id(&theme) {
            ctx.err(
                t.span,
                format!("`{theme}` is not a theme name: use lowercase letters, digits and hyphens"),
            );
        }
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
        unsafe_html: ctx.unsafe_html,
    })
}

/// `base_url` is an http(s) URL or an absolute path; it always ends in `/`.
pub fn normalize_base_url(s: &str) -> Result<String, String> {
    let s = s.trim();
    let ok = s.starts_with('/') || s.starts_with("https://") || s.starts_with("http://");
    if !ok
        || s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err(format!(
            "`{s}` is not a base URL: use an http(s) URL such as `https://news.example/pegasus/` or a path such as `/`"
        ));
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
