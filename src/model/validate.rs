//! From loaded records to the validated `Site`: every rule of the content
//! format is checked here, every problem is collected (never only the
//! first), and every reference is resolved to an index.

use super::text::{
    BadLink, Keep, RichText, parse_markdown, parse_markdown_keeping, plain_paragraphs, shorten,
    url_problem,
};
use super::*;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean, line_col};
use crate::load::raw::{DateInput, Text};
use crate::load::{ArticleBody, Loaded, Located};
use rayon::prelude::*;
use serde_saphyr::{Location, Spanned};
use std::collections::HashMap;

/// Options that change what the model holds.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub drafts: bool,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
}

struct Ctx<'a> {
    loaded: &'a Loaded,
    diags: Diagnostics,
    unsafe_html: bool,
    /// How much of each article's parsed text to keep.
    keep: Keep,
}

impl Ctx<'_> {
    fn err(&mut self, file: usize, loc: &Location, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.loaded.at(file, loc, message);
        self.diags.push(d);
        self.last()
    }

    /// The diagnostic just pushed, to add a hint to it.
    fn last(&mut self) -> &mut Diagnostic {
        self.diags.last_mut().expect("called right after a push")
    }

    fn unknown_fields(&mut self, file: usize, unknown: &[Text], fields: &[&str], what: &str) {
        for key in unknown {
            let hint = did_you_mean(&key.value, fields.iter().copied())
                .unwrap_or_else(|| format!("{what} fields are: {}", fields.join(", ")));
            self.err(
                file,
                &key.referenced,
                format!("unknown field `{}` in {what}", key.value),
            )
            .hint = Some(hint);
        }
    }

    fn required<'t>(
        &mut self,
        file: usize,
        record: &Location,
        field: &Option<&'t Text>,
        name: &str,
        what: &str,
    ) -> Option<&'t Text> {
        match field {
            Some(t) if !t.value.trim().is_empty() => Some(t),
            Some(t) => {
                self.err(file, &t.referenced, format!("`{name}` of {what} is empty"));
                None
            }
            None => {
                self.err(
                    file,
                    record,
                    format!("{what} is missing the required field `{name}`"),
                );
                None
            }
        }
    }

    fn id(&mut self, file: usize, t: &Text, what: &str) -> bool {
        if is_valid_id_text(&t.value) {
            return true;
        }
        let suggestion = super::slug::slugify(&t.value);
        let d = self.err(
            file,
            &t.referenced,
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

    fn url(&mut self, file: usize, t: &Text) -> Option<String> {
        match url_problem(&t.value) {
            None => Some(super::text::encode_url(&t.value)),
            Some(problem) => {
                self.err(file, &t.referenced, problem);
                None
            }
        }
    }

    fn date(&mut self, file: usize, d: &Spanned<DateInput>) -> Option<Date> {
        match Date::parse(&d.value.0) {
            Ok(date) => Some(date),
            Err(e) => {
                self.err(file, &d.referenced, e);
                None
            }
        }
    }

    /// Markdown in a YAML field: positions inside it are approximate (the
    /// field's own line), which is as precise as a YAML scalar allows.
    fn markdown_field(&mut self, file: usize, t: &Text) -> RichText {
        let parsed = parse_markdown(&t.value, self.unsafe_html);
        self.markdown_parsed(file, t, parsed)
    }

    /// [`Self::markdown_field`] for a field parsed beforehand.
    fn markdown_parsed(
        &mut self,
        file: usize,
        t: &Text,
        parsed: (RichText, Vec<BadLink>),
    ) -> RichText {
        let (text, bad) = parsed;
        for b in bad {
            let (line, _) = line_col(&t.value, b.offset);
            let loc = &t.referenced;
            let d = self.loaded.at(file, loc, b.message);
            let d = shift_lines(d, line.saturating_sub(1), &self.loaded.files[file].text);
            self.diags.push(d);
        }
        text
    }

    fn enum_value<T: Copy>(
        &mut self,
        file: usize,
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
        self.err(file, &t.referenced, message).hint = Some(hint);
        None
    }
}

fn is_valid_id_text(s: &str) -> bool {
    super::slug::is_valid_id(s)
}

/// Moves a diagnostic down by `by` lines (a link deep in a block scalar).
fn shift_lines(mut d: Diagnostic, by: usize, text: &str) -> Diagnostic {
    if by > 0 {
        if let Some(line) = d.line {
            d.line = Some(line + by);
            d.column = Some(1);
            d.source_line = text.lines().nth(line + by - 1).map(str::to_owned);
        }
    }
    d
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.value.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn texts(t: &Option<Vec<Text>>) -> Vec<String> {
    t.iter()
        .flatten()
        .map(|t| t.value.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Where a record with an id was first defined, for duplicate messages.
struct Seen {
    at: String,
}

fn place(loaded: &Loaded, file: usize, loc: &Location) -> String {
    let f = &loaded.files[file];
    format!("{}:{}", f.path, loc.line() as usize + f.yaml_line_offset)
}

/// Resolves a list of references, reporting each unknown one.
fn resolve(
    ctx: &mut Ctx<'_>,
    file: usize,
    refs: &Option<Vec<Text>>,
    index: &HashMap<String, usize>,
    what: &str,
    skip: &dyn Fn(&str) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    for r in refs.iter().flatten() {
        match index.get(r.value.as_str()) {
            Some(&i) => {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
            None if skip(&r.value) => {}
            None => {
                let hint = did_you_mean(&r.value, index.keys().map(String::as_str));
                let d = ctx.err(file, &r.referenced, format!("unknown {what} `{}`", r.value));
                d.hint = hint;
            }
        }
    }
    out
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
    let sources = sources(&mut ctx);
    let source_index: HashMap<String, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let (mut actors, relations) = actors(&mut ctx);
    let actor_index: HashMap<String, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    for (actor, file, rels) in relations {
        for rel in rels {
            let r = &rel.value;
            let Some(target) = ctx.required(
                file,
                &rel.referenced,
                &r.actor.as_ref(),
                "actor",
                "a relation",
            ) else {
                continue;
            };
            let label = text(&r.label).unwrap_or_else(|| "related to".to_owned());
            match actor_index.get(target.value.as_str()) {
                Some(&other) => actors[actor].relations.push(Relation {
                    actor: other,
                    label,
                }),
                None => {
                    let hint = did_you_mean(&target.value, actor_index.keys().map(String::as_str));
                    ctx.err(
                        file,
                        &target.referenced,
                        format!("unknown actor `{}` in a relation", target.value),
                    )
                    .hint = hint;
                }
            }
        }
    }
    let (articles, draft_slugs) =
        articles(&mut ctx, options, &source_index, &actor_index, &sources);
    let article_index: HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.slug.clone(), i))
        .collect();
    let events = events(
        &mut ctx,
        &actor_index,
        &source_index,
        &article_index,
        &draft_slugs,
    );
    if !ctx.diags.is_empty() {
        return Err(ctx.diags);
    }
    let Some(config) = config else {
        return Err(ctx.diags);
    };
    Ok(Site {
        config,
        articles,
        actors,
        events,
        sources,
    })
}

/// The theme `site.yaml` names, or the built-in one, known before (and
/// whatever) the rest of validation finds. A name that is not a valid id is
/// an error of `build`; meanwhile the built-in theme stands in, so that no
/// path is ever made of such a name.
pub fn theme_name(loaded: &Loaded) -> String {
    loaded
        .site
        .as_ref()
        .and_then(|s| text(&s.record.value.theme))
        .filter(|t| is_valid_id_text(t))
        .unwrap_or_else(|| crate::render::theme::DEFAULT_THEME_NAME.to_owned())
}

fn site_config(ctx: &mut Ctx<'_>, options: &BuildOptions) -> Option<SiteConfig> {
    let located = ctx.loaded.site.as_ref()?;
    let (file, r) = (located.file, &located.record.value);
    let record_loc = located.record.referenced;
    ctx.unknown_fields(
        file,
        &r.unknown,
        crate::load::raw::RawSite::FIELDS,
        "site.yaml",
    );
    ctx.unsafe_html = r.unsafe_html.as_ref().is_some_and(|b| b.value);
    let title = ctx
        .required(file, &record_loc, &r.title.as_ref(), "title", "site.yaml")
        .map(|t| t.value.trim().to_owned());
    let description = r.description.as_ref().map(|d| ctx.markdown_field(file, d));
    let base_url = match (&options.base_url, &r.base_url) {
        (Some(b), _) => normalize_base_url(b)
            .map_err(|e| ctx.diags.push(Diagnostic::new("--base-url", e)))
            .ok(),
        (None, Some(b)) => normalize_base_url(&b.value)
            .map_err(|e| {
                ctx.err(file, &b.referenced, e);
            })
            .ok(),
        (None, None) => Some("/".to_owned()),
    };
    let language = match &r.language {
        Some(l) if is_language_tag(&l.value) => l.value.trim().to_owned(),
        Some(l) => {
            ctx.err(
                file,
                &l.referenced,
                format!("`{}` is not a language tag", l.value),
            )
            .hint = Some("use a BCP 47 tag such as `en`, `fr` or `pt-BR`".into());
            "en".to_owned()
        }
        None => "en".to_owned(),
    };
    // The name itself is read by `theme_name`, which falls back to the
    // built-in theme for a name reported here.
    if let (Some(t), Some(theme)) = (&r.theme, text(&r.theme)) {
        if !is_valid_id_text(&theme) {
            ctx.err(
                file,
                &t.referenced,
                format!("`{theme}` is not a theme name: use lowercase letters, digits and hyphens"),
            );
        }
    }
    Some(SiteConfig {
        title: title?,
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

fn check_unique(
    ctx: &mut Ctx<'_>,
    seen: &mut HashMap<String, Seen>,
    id: &Text,
    file: usize,
    what: &str,
) -> bool {
    if let Some(first) = seen.get(&id.value) {
        let at = first.at.clone();
        ctx.err(
            file,
            &id.referenced,
            format!(
                "duplicate {what} id `{}`: it is already defined at {at}",
                id.value
            ),
        )
        .hint = Some(format!("every {what} needs its own id"));
        return false;
    }
    seen.insert(
        id.value.clone(),
        Seen {
            at: place(ctx.loaded, file, &id.referenced),
        },
    );
    true
}

fn sources(ctx: &mut Ctx<'_>) -> Vec<Source> {
    let mut out = Vec::new();
    let mut seen = HashMap::new();
    for Located { file, record } in &ctx.loaded.sources {
        let (file, r, loc) = (*file, &record.value, record.referenced);
        ctx.unknown_fields(
            file,
            &r.unknown,
            crate::load::raw::RawSource::FIELDS,
            "a source",
        );
        let id = ctx.required(file, &loc, &r.id.as_ref(), "id", "a source");
        let name = ctx.required(file, &loc, &r.name.as_ref(), "name", "a source");
        let kind = r
            .kind
            .as_ref()
            .map(|k| ctx.enum_value(file, k, SourceKind::parse, SourceKind::NAMES, "source kind"));
        let url = r.url.as_ref().and_then(|u| ctx.url(file, u));
        let archive_url = r.archive_url.as_ref().and_then(|u| ctx.url(file, u));
        let description = r.description.as_ref().map(|d| ctx.markdown_field(file, d));
        let (Some(id), Some(name)) = (id, name) else {
            continue;
        };
        if !ctx.id(file, id, "source id") || !check_unique(ctx, &mut seen, id, file, "source") {
            continue;
        }
        out.push(Source {
            id: id.value.clone(),
            name: name.value.trim().to_owned(),
            kind: kind.flatten().unwrap_or(SourceKind::Other),
            url,
            aliases: texts(&r.aliases),
            description,
            archive_url,
        });
    }
    out
}

type PendingRelations<'a> = Vec<(
    usize,
    usize,
    &'a Vec<Spanned<crate::load::raw::RawRelation>>,
)>;

fn actors<'a>(ctx: &mut Ctx<'a>) -> (Vec<Actor>, PendingRelations<'a>) {
    let loaded: &'a Loaded = ctx.loaded;
    let mut out = Vec::new();
    let mut relations = Vec::new();
    let mut seen = HashMap::new();
    // Every name and alias, to refuse one shared by two actors.
    let mut names: HashMap<String, (usize, String)> = HashMap::new();
    for Located { file, record } in &loaded.actors {
        let (file, r, loc) = (*file, &record.value, record.referenced);
        ctx.unknown_fields(
            file,
            &r.unknown,
            crate::load::raw::RawActor::FIELDS,
            "an actor",
        );
        let id = ctx.required(file, &loc, &r.id.as_ref(), "id", "an actor");
        let name = ctx.required(file, &loc, &r.name.as_ref(), "name", "an actor");
        let kind = r
            .kind
            .as_ref()
            .map(|k| ctx.enum_value(file, k, ActorKind::parse, ActorKind::NAMES, "actor kind"));
        let summary = r.summary.as_ref().map(|d| ctx.markdown_field(file, d));
        let mut links = Vec::new();
        for l in r.links.iter().flatten() {
            ctx.unknown_fields(
                file,
                &l.value.unknown,
                crate::load::raw::RawLink::FIELDS,
                "a link",
            );
            let Some(url) =
                ctx.required(file, &l.referenced, &l.value.url.as_ref(), "url", "a link")
            else {
                continue;
            };
            if let Some(u) = ctx.url(file, url) {
                let label = text(&l.value.label).unwrap_or_else(|| u.clone());
                links.push(ExternalLink { url: u, label });
            }
        }
        for rel in r.relations.iter().flatten() {
            ctx.unknown_fields(
                file,
                &rel.value.unknown,
                crate::load::raw::RawRelation::FIELDS,
                "a relation",
            );
        }
        let (Some(id), Some(name)) = (id, name) else {
            continue;
        };
        if !ctx.id(file, id, "actor id") || !check_unique(ctx, &mut seen, id, file, "actor") {
            continue;
        }
        let index = out.len();
        let mut aliases = Vec::new();
        for n in std::iter::once(name).chain(r.aliases.iter().flatten()) {
            let key: String = n.value.trim().chars().map(crate::quotes::fold).collect();
            if key.is_empty() {
                ctx.err(file, &n.referenced, "an empty alias can not be matched");
                continue;
            }
            match names.get(&key) {
                Some((other, _)) if *other == index => {}
                Some((_, at)) => {
                    let at = at.clone();
                    ctx.err(file, &n.referenced, format!("the name `{}` already belongs to another actor (at {at}); a mention of it could not be linked honestly", n.value.trim()))
                        .hint = Some("give each actor its own names, or merge the two records".into());
                }
                None => {
                    names.insert(key, (index, place(loaded, file, &n.referenced)));
                }
            }
            if !std::ptr::eq(n, name) {
                aliases.push(n.value.trim().to_owned());
            }
        }
        if let Some(rels) = &r.relations {
            relations.push((index, file, rels));
        }
        out.push(Actor {
            id: id.value.clone(),
            name: name.value.trim().to_owned(),
            kind: kind.flatten().unwrap_or(ActorKind::Other),
            role: text(&r.role),
            aliases,
            country: text(&r.country),
            summary,
            links,
            relations: Vec::new(),
        });
    }
    (out, relations)
}

/// Resolves a credit-line name against source names and aliases: exactly
/// first, then ignoring case and quote style.
fn credit_source(sources: &[Source], name: &str) -> Option<usize> {
    let norm = |s: &str| {
        s.trim()
            .chars()
            .map(crate::quotes::fold)
            .collect::<String>()
            .to_lowercase()
    };
    let all = || {
        sources.iter().enumerate().flat_map(|(i, s)| {
            std::iter::once(&s.name)
                .chain(&s.aliases)
                .map(move |n| (i, n))
        })
    };
    all()
        .find(|(_, n)| n.as_str() == name)
        .or_else(|| {
            let want = norm(name);
            all().find(|(_, n)| norm(n) == want)
        })
        .map(|(i, _)| i)
}

/// An article's Markdown parsed: the text, its bad links, and the summary
/// drawn from it when the metadata gives none.
type ParsedBody = (RichText, Vec<BadLink>, Option<String>);

fn articles(
    ctx: &mut Ctx<'_>,
    options: &BuildOptions,
    source_index: &HashMap<String, usize>,
    actor_index: &HashMap<String, usize>,
    sources: &[Source],
) -> (Vec<Article>, Vec<String>) {
    let loaded = ctx.loaded;
    let mut out: Vec<(Article, usize)> = Vec::new();
    let mut drafts = Vec::new();
    let mut seen: HashMap<String, Seen> = HashMap::new();
    // Parsing the Markdown of every article is most of this stage: done
    // for all of them at once, in parallel, before the checks in order.
    let (unsafe_html, keep) = (ctx.unsafe_html, ctx.keep);
    // The summary drawn from the text, when the metadata gives none, too.
    let mut parsed: Vec<Option<ParsedBody>> = loaded
        .articles
        .par_iter()
        .map(|raw| {
            let ArticleBody::Markdown { text, .. } = &raw.body else {
                return None;
            };
            let (rich, bad) = parse_markdown_keeping(text, unsafe_html, keep);
            let has_summary = raw
                .meta
                .as_ref()
                .is_some_and(|m| m.record.value.summary.is_some());
            let summary = (!has_summary).then(|| shorten(&rich.first_paragraph(), 240));
            Some((rich, bad, summary))
        })
        .collect();
    for (order, raw) in loaded.articles.iter().enumerate() {
        let path = loaded.files[raw.file].path.clone();
        let meta = raw.meta.as_ref();
        let (mfile, m) = match meta {
            Some(Located { file, record }) => (*file, Some(&record.value)),
            None => (raw.file, None),
        };
        let mloc = meta
            .map(|l| l.record.referenced)
            .unwrap_or(Location::UNKNOWN);
        if let Some(m) = m {
            ctx.unknown_fields(
                mfile,
                &m.unknown,
                crate::load::raw::RawArticleMeta::FIELDS,
                "article metadata",
            );
        }
        let field = |f: fn(&crate::load::raw::RawArticleMeta) -> &Option<Text>| {
            m.and_then(|m| f(m).as_ref())
        };
        let draft = m.and_then(|m| m.draft.as_ref()).is_some_and(|d| d.value);
        // Body first: Markdown links are checked even in drafts.
        let mut text_summary = None;
        let (body, wire) = match &raw.body {
            ArticleBody::Markdown { text, first_line } => {
                let (rich, bad, summary) = parsed[order].take().unwrap_or_else(|| {
                    let (rich, bad) = parse_markdown_keeping(text, unsafe_html, keep);
                    (rich, bad, None)
                });
                text_summary = summary;
                report_bad_links(ctx, raw.file, text, *first_line, bad);
                (rich, None)
            }
            ArticleBody::Wire(w) => (
                plain_paragraphs(w.paragraphs.iter().map(String::as_str)),
                Some(w),
            ),
        };
        let title = match (field(|m| &m.title), wire.and_then(|w| w.headline.clone())) {
            (Some(t), _) if !t.value.trim().is_empty() => Some(t.value.trim().to_owned()),
            (_, Some(h)) => Some(h),
            (t, None) => {
                let what = if wire.is_some() {
                    "this article has no title: its text is empty and its sidecar gives none"
                } else {
                    "article metadata is missing the required field `title`"
                };
                match (t, meta) {
                    (Some(t), _) => {
                        ctx.err(mfile, &t.referenced, "`title` of the article is empty")
                    }
                    (None, Some(_)) => ctx.err(mfile, &mloc, what),
                    (None, None) => {
                        ctx.diags.push(Diagnostic::new(path.clone(), what));
                        ctx.last()
                    }
                };
                None
            }
        };
        let date = match m.and_then(|m| m.date.as_ref()) {
            Some(d) => ctx.date(mfile, d),
            None => {
                let message = "article metadata is missing the required field `date`";
                if meta.is_some() {
                    ctx.err(mfile, &mloc, message);
                } else {
                    let stem = &raw.stem;
                    ctx.diags.push(Diagnostic::new(path.clone(), "this article has no date: a .txt article needs a sidecar with its `date`")
                        .with_hint(format!("create `{stem}.yaml` beside it with a line such as `date: 2021-07-24`")));
                }
                None
            }
        };
        let slug = match field(|m| &m.slug) {
            Some(s) => ctx.id(mfile, s, "slug").then(|| s.value.clone()),
            None => {
                let s = super::slug::slugify(&raw.stem);
                if s.is_empty() {
                    ctx.diags.push(
                        Diagnostic::new(path.clone(), "cannot make a slug from this file name")
                            .with_hint("rename the file, or give a `slug` in its metadata"),
                    );
                    None
                } else {
                    Some(s)
                }
            }
        };
        let url = field(|m| &m.url).and_then(|u| ctx.url(mfile, u));
        let article_sources = resolve(
            ctx,
            mfile,
            &m.and_then(|m| m.sources.clone()),
            source_index,
            "source",
            &|_| false,
        );
        let article_actors = resolve(
            ctx,
            mfile,
            &m.and_then(|m| m.actors.clone()),
            actor_index,
            "actor",
            &|_| false,
        );
        let (Some(title), Some(date), Some(slug)) = (title, date, slug) else {
            continue;
        };
        if draft && !options.drafts {
            drafts.push(slug);
            continue;
        }
        if let Some(first) = seen.get(&slug) {
            let at = first.at.clone();
            let msg = format!("two articles have the slug `{slug}`: this one and {at}");
            match field(|m| &m.slug) {
                Some(s) => ctx.err(mfile, &s.referenced, msg),
                None => {
                    ctx.diags.push(Diagnostic::new(path.clone(), msg));
                    ctx.last()
                }
            }
            .hint = Some("give one of them its own `slug`".into());
            continue;
        }
        seen.insert(slug.clone(), Seen { at: path.clone() });
        let credit = wire.and_then(|w| w.credit.as_ref()).map(|c| Credit {
            label: c.label.clone(),
            names: c
                .names
                .iter()
                .map(|n| CreditName {
                    text: n.clone(),
                    source: credit_source(sources, n),
                })
                .collect(),
        });
        let mut all_sources = article_sources;
        for s in credit
            .iter()
            .flat_map(|c| &c.names)
            .filter_map(|n| n.source)
        {
            if !all_sources.contains(&s) {
                all_sources.push(s);
            }
        }
        let kicker = match field(|m| &m.kicker) {
            Some(k) => Some(k.value.trim().to_owned()).filter(|k| !k.is_empty()),
            None => wire.and_then(|w| w.kicker.clone()),
        };
        let summary = match field(|m| &m.summary) {
            Some(s) => s.value.trim().to_owned(),
            None => text_summary.unwrap_or_else(|| shorten(&body.first_paragraph(), 240)),
        };
        let tags = m.map(|m| texts(&m.tags)).unwrap_or_default();
        out.push((
            Article {
                slug,
                title,
                date,
                url,
                byline: field(|m| &m.byline)
                    .map(|b| b.value.trim().to_owned())
                    .filter(|b| !b.is_empty()),
                kicker,
                sources: all_sources,
                actors: article_actors,
                summary,
                tags,
                draft,
                body,
                credit,
                path,
            },
            order,
        ));
    }
    // Newest first; ties keep content order.
    out.sort_by(|(a, ai), (b, bi)| b.date.key().cmp(&a.date.key()).then(ai.cmp(bi)));
    (out.into_iter().map(|(a, _)| a).collect(), drafts)
}

fn report_bad_links(
    ctx: &mut Ctx<'_>,
    file: usize,
    body: &str,
    first_line: usize,
    bad: Vec<BadLink>,
) {
    for b in bad {
        let (line, col) = line_col(body, b.offset);
        let d = ctx.loaded.at_line(file, first_line + line, col, b.message);
        ctx.diags.push(d);
    }
}

fn events(
    ctx: &mut Ctx<'_>,
    actor_index: &HashMap<String, usize>,
    source_index: &HashMap<String, usize>,
    article_index: &HashMap<String, usize>,
    draft_slugs: &[String],
) -> Vec<Event> {
    let loaded = ctx.loaded;
    let mut out: Vec<(Event, usize)> = Vec::new();
    let mut seen = HashMap::new();
    // Summaries' Markdown parsed in parallel first, as for articles.
    let unsafe_html = ctx.unsafe_html;
    let mut summaries: Vec<Option<(RichText, Vec<BadLink>)>> = loaded
        .events
        .par_iter()
        .map(|l| {
            l.record
                .value
                .summary
                .as_ref()
                .map(|t| parse_markdown(&t.value, unsafe_html))
        })
        .collect();
    for (order, Located { file, record }) in loaded.events.iter().enumerate() {
        let (file, r, loc) = (*file, &record.value, record.referenced);
        ctx.unknown_fields(
            file,
            &r.unknown,
            crate::load::raw::RawEvent::FIELDS,
            "an event",
        );
        let id = ctx.required(file, &loc, &r.id.as_ref(), "id", "an event");
        let title = ctx.required(file, &loc, &r.title.as_ref(), "title", "an event");
        let start = match &r.date {
            Some(d) => ctx.date(file, d),
            None => {
                ctx.err(file, &loc, "an event is missing the required field `date`");
                None
            }
        };
        let end = r.end.as_ref().and_then(|d| ctx.date(file, d));
        if let (Some(s), Some(e), Some(end_field)) = (start, end, &r.end) {
            if e.key() < s.key() {
                ctx.err(
                    file,
                    &end_field.referenced,
                    format!(
                        "the event ends ({}) before it starts ({})",
                        e.iso(),
                        s.iso()
                    ),
                );
            }
        }
        let status = r
            .status
            .as_ref()
            .map(|k| ctx.enum_value(file, k, Status::parse, Status::NAMES, "status"));
        let summary = r.summary.as_ref().map(|d| match summaries[order].take() {
            Some(parsed) => ctx.markdown_parsed(file, d, parsed),
            None => ctx.markdown_field(file, d),
        });
        let actors = resolve(ctx, file, &r.actors, actor_index, "actor", &|_| false);
        let sources = resolve(ctx, file, &r.sources, source_index, "source", &|_| false);
        // An event may cite an article that is still a draft: the link is
        // left out until the draft is published.
        let articles = resolve(ctx, file, &r.articles, article_index, "article", &|s| {
            draft_slugs.iter().any(|d| d == s)
        });
        let (Some(id), Some(title), Some(start)) = (id, title, start) else {
            continue;
        };
        if !ctx.id(file, id, "event id") || !check_unique(ctx, &mut seen, id, file, "event") {
            continue;
        }
        out.push((
            Event {
                id: id.value.clone(),
                when: When {
                    start,
                    end,
                    approximate: r.approximate.as_ref().is_some_and(|a| a.value),
                },
                title: title.value.trim().to_owned(),
                summary,
                actors,
                sources,
                articles,
                status: status.flatten().unwrap_or(Status::Reported),
                place: text(&r.place),
                tags: texts(&r.tags),
            },
            order,
        ));
    }
    out.sort_by(|(a, ai), (b, bi)| a.when.start.key().cmp(&b.when.start.key()).then(ai.cmp(bi)));
    out.into_iter().map(|(e, _)| e).collect()
}
