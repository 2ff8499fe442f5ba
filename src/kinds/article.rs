//! Articles: the investigation's stories, Markdown with front matter or
//! wire copy with a YAML sidecar. Content format: "Articles". Unlike the
//! other kinds they come from files of their own in `articles/`.

use super::actor::ActorCard;
use super::event::EventItem;
use super::source::SourceCard;
use super::statement::StatementItem;
use super::{Actor, Event, Ix, Kind, KindInfo, Ref, Source, Statement};
use crate::diag::Diagnostic;
use crate::link::Graph;
use crate::load::ArticleBody;
use crate::load::article::{ParagraphMode, looks_like_agency};
use crate::load::fields::{DateInput, Field, Span, Text};
use crate::model::Site;
use crate::model::correction::CorrectionFields;
use crate::model::text::{BadLink, parse_markdown_keeping, plain_paragraphs, shorten};
use crate::model::validate::{BuildOptions, Ctx, Ids, Unique};
use crate::model::{Correction, Date, RichText};
use crate::render::context::{CorrectionCtx, DateCtx, LinkCtx};
use crate::render::page::{KindPages, PageKind};
use crate::render::pages::{Env, with_events};
use crate::url;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use tera::Context;

crate::record_fields!(
    /// Front matter of a `.md` article, or the sidecar of a `.txt` one.
    ArticleFields {
        title: Text,
        date: Field<DateInput>,
        slug: Text,
        url: Text,
        byline: Text,
        kicker: Text,
        sources: Vec<Text>,
        actors: Vec<Text>,
        summary: Text,
        paragraphs: Text,
        tags: Vec<Text>,
        draft: Field<bool>,
        updated: Field<DateInput>,
        corrections: Vec<Field<CorrectionFields>>,
    }
);

/// One name of a credit line, resolved to a source where one matches.
#[derive(Debug, Clone)]
pub struct CreditName {
    pub text: String,
    pub source: Option<Ix<Source>>,
}

/// A wire story's credit line ("Source: AFP, Reuters", "(Reporting by …)").
#[derive(Debug, Clone)]
pub struct Credit {
    /// "Source" or "Sources", as written (for forms without a label,
    /// "Source" for one name and "Sources" for more).
    pub label: String,
    pub names: Vec<CreditName>,
    /// People credited ("Reporting by Ann Lee"), as written: not sources.
    pub people: Vec<String>,
}

/// A validated, published article (drafts only with `--drafts`).
#[derive(Debug)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub date: Date,
    /// The original publication (external).
    pub url: Option<String>,
    pub byline: Option<String>,
    pub kicker: Option<String>,
    /// The front matter's sources, then those resolved from the credit line.
    pub sources: Vec<Ix<Source>>,
    /// Actors named in the metadata (linked even when not in the text).
    pub actors: Vec<Ix<Actor>>,
    pub summary: String,
    pub tags: Vec<String>,
    pub draft: bool,
    pub body: RichText,
    pub credit: Option<Credit>,
    /// The file it came from, relative to the root (for the preview server).
    pub path: String,
    /// When it was last changed (content format 1.1), never before `date`.
    pub updated: Option<Date>,
    /// Its corrections, newest first, none before `date`.
    pub corrections: Vec<Correction>,
}

impl Kind for Article {
    type Fields = ArticleFields;

    const INFO: KindInfo = KindInfo {
        name: "article",
        plural: "articles",
        one: "an article",
    };

    fn key(&self) -> &str {
        &self.slug
    }

    fn text(&self) -> Option<&RichText> {
        Some(&self.body)
    }

    fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Actors in the story (mentioned, in reading order, then those named
    /// in the metadata), then its sources (front matter, then credit line).
    fn references(&self, mentioned: &[Ix<Actor>], out: &mut Vec<Ref>) {
        let mut seen = std::collections::HashSet::new();
        out.extend(
            mentioned
                .iter()
                .chain(&self.actors)
                .filter(|a| seen.insert(**a))
                .map(|&a| Ref::Actor(a)),
        );
        out.extend(self.sources.iter().map(|&s| Ref::Source(s)));
    }

    /// Its fields, sources, actors (in the story or named), the events that
    /// cite it, and its credit line with each name's source.
    fn data_row(site: &Site, graph: &Graph, i: Ix<Self>) -> Value {
        let a = &site.articles[i];
        json!({
            "slug": a.slug, "title": a.title, "date": a.date, "url": a.url, "byline": a.byline,
            "kicker": a.kicker, "summary": a.summary, "tags": a.tags,
            "sources": site.keys(a.sources.iter().copied()),
            "actors": site.keys(graph.refs::<Article, Actor>(i)),
            "events": site.keys(graph.cited_by::<Article, Event>(i)),
            "statements": site.keys(graph.cited_by::<Article, Statement>(i)),
            "updated": a.updated,
            "corrections": crate::model::correction::data(&a.corrections),
            "credit": a.credit.as_ref().map(|c| json!({
                "label": c.label,
                "people": c.people,
                "names": c.names.iter().map(|n| json!({"text": n.text, "source": n.source.map(|s| site.sources[s].id.as_str())})).collect::<Vec<_>>(),
            })),
            "path": url::article("", &a.slug),
        })
    }
}

/// An article's Markdown parsed: the text, its bad links, and the summary
/// drawn from it when the metadata gives none.
type ParsedBody = (RichText, Vec<BadLink>, Option<String>);

impl Article {
    /// Validates every article, and returns the published ones newest
    /// first (ties in content order) with the slugs of the drafts left out.
    pub(crate) fn build_all(
        ctx: &mut Ctx<'_>,
        options: &BuildOptions,
        ids: &Ids,
        sources: &[Source],
    ) -> (Vec<Article>, Vec<String>) {
        let loaded = ctx.loaded;
        let mut out: Vec<(Article, usize)> = Vec::new();
        let mut drafts = Vec::new();
        let mut seen = Unique::default();
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
                let has_summary = raw.meta.as_ref().is_some_and(|m| m.value.summary.is_some());
                let summary = (!has_summary).then(|| shorten(&rich.first_paragraph(), 240));
                Some((rich, bad, summary))
            })
            .collect();
        for (order, raw) in loaded.articles.iter().enumerate() {
            let path = loaded.files[raw.file].path.clone();
            let meta = raw.meta.as_ref();
            let m = meta.map(|l| &l.value);
            let mloc = meta.map(|l| l.span).unwrap_or(Span::whole_file(raw.file));
            if let Some(m) = m {
                ctx.unknown_fields(&m.unknown, ArticleFields::FIELDS, "article metadata");
            }
            let field = |f: fn(&ArticleFields) -> &Option<Text>| m.and_then(|m| f(m).as_ref());
            let draft = m.and_then(|m| m.draft.as_ref()).is_some_and(|d| d.value);
            // Body first: Markdown links are checked even in drafts.
            let mut text_summary = None;
            let mut wire_credit = None;
            let (body, wire) = match &raw.body {
                ArticleBody::Markdown { text, first_line } => {
                    let (mut rich, bad, summary) = parsed[order].take().unwrap_or_else(|| {
                        let (rich, bad) = parse_markdown_keeping(text, unsafe_html, keep);
                        (rich, bad, None)
                    });
                    text_summary = summary;
                    ctx.links_in_body(raw.file, text, *first_line, bad, &mut rich);
                    (rich, None)
                }
                ArticleBody::Wire(w) => {
                    // `(AFP)`, `AFP`, `— AFP`, `With AFP` are the credit line
                    // only if each name is a source or reads as an agency's.
                    let (paragraphs, credit) = w.body_and_credit(|c| {
                        c.names.iter().all(|n| {
                            looks_like_agency(n) || Source::by_credit_name(sources, n).is_some()
                        })
                    });
                    wire_credit = credit;
                    (plain_paragraphs(paragraphs), Some(w))
                }
            };
            if let Some(p) = m.and_then(|m| m.paragraphs.as_ref()) {
                if wire.is_some() {
                    ctx.enum_value(
                        p,
                        ParagraphMode::parse,
                        ParagraphMode::NAMES,
                        "`paragraphs` setting",
                    );
                } else {
                    ctx.err(p.span, "`paragraphs` applies only to .txt wire copy: a Markdown article's paragraphs are its own")
                        .hint = Some("remove it; in Markdown a blank line starts a paragraph".into());
                }
            }
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
                        (Some(t), _) => ctx.err(t.span, "`title` of the article is empty"),
                        (None, Some(_)) => ctx.err(mloc, what),
                        (None, None) => ctx.push(Diagnostic::new(path.clone(), what)),
                    };
                    None
                }
            };
            let date = match m.and_then(|m| m.date.as_ref()) {
                Some(d) => ctx.date(d),
                None => {
                    let message = "article metadata is missing the required field `date`";
                    if meta.is_some() {
                        ctx.err(mloc, message);
                    } else {
                        let stem = &raw.stem;
                        ctx.push(Diagnostic::new(path.clone(), "this article has no date: a .txt article needs a sidecar with its `date`")
                            .with_hint(format!("create `{stem}.yaml` beside it with a line such as `date: 2021-07-24`")));
                    }
                    None
                }
            };
            let slug = match field(|m| &m.slug) {
                Some(s) => ctx.id(s, "slug").then(|| s.value.clone()),
                None => {
                    let s = crate::model::slug::from_file_stem(&raw.stem);
                    if s.is_empty() {
                        ctx.push(
                            Diagnostic::new(path.clone(), "cannot make a slug from this file name")
                                .with_hint("rename the file, or give a `slug` in its metadata"),
                        );
                        None
                    } else {
                        Some(s)
                    }
                }
            };
            let url = field(|m| &m.url).and_then(|u| ctx.url(u));
            // An update or a correction comes after what it changes.
            let updated_field = m.and_then(|m| m.updated.as_ref());
            let updated = updated_field.and_then(|u| ctx.date(u));
            if let (Some(u), Some(d), Some(f)) = (updated, date, updated_field) {
                if u.before(&d) {
                    ctx.err(
                        f.span,
                        format!(
                            "the article is updated ({}) before it is published ({})",
                            u.iso(),
                            d.iso()
                        ),
                    )
                    .hint = Some(
                        "`updated` is when the article last changed: check it and `date`".into(),
                    );
                }
            }
            let corrections = match m {
                Some(m) => ctx.corrections(&m.corrections, date.map(|d| (d, "the article's date"))),
                None => Vec::new(),
            };
            let no_skip = |_: &str| false;
            let article_sources = ctx.resolve(
                &m.and_then(|m| m.sources.clone()),
                &ids.sources,
                "source",
                &no_skip,
            );
            let article_actors = ctx.resolve(
                &m.and_then(|m| m.actors.clone()),
                &ids.actors,
                "actor",
                &no_skip,
            );
            let (Some(title), Some(date), Some(slug)) = (title, date, slug) else {
                continue;
            };
            if draft && !options.drafts {
                drafts.push(slug);
                continue;
            }
            if let Some(at) = seen.first(&slug) {
                let msg = format!("two articles have the slug `{slug}`: this one and {at}");
                match field(|m| &m.slug) {
                    Some(s) => ctx.err(s.span, msg),
                    None => ctx.push(Diagnostic::new(path.clone(), msg)),
                }
                .hint = Some("give one of them its own `slug`".into());
                continue;
            }
            seen.insert(slug.clone(), path.clone());
            let credit = wire_credit.map(|c| Credit {
                label: c.label.clone(),
                people: c.people.clone(),
                names: c
                    .names
                    .iter()
                    .map(|n| CreditName {
                        text: n.clone(),
                        source: Source::by_credit_name(sources, n),
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
            let tags = m.map(|m| ctx.tags(&m.tags)).unwrap_or_default();
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
                    updated,
                    corrections,
                },
                order,
            ));
        }
        // Newest first; ties keep content order.
        out.sort_by(|(a, ai), (b, bi)| b.date.key().cmp(&a.date.key()).then(ai.cmp(bi)));
        (out.into_iter().map(|(a, _)| a).collect(), drafts)
    }
}

// ---- Pages: `articles/` and `articles/<slug>/`, and what their templates see.

const INDEX_PAGE: PageKind = PageKind::new("articles", "articles.html", "articles", "Articles");
const RECORD_PAGE: PageKind = PageKind::new("article", "article.html", "articles", "Article");

/// An article in a list (`article-card` partial).
#[derive(Serialize, Clone)]
pub struct ArticleCard {
    pub slug: String,
    pub title: String,
    pub href: String,
    pub date: DateCtx,
    pub kicker: Option<String>,
    pub byline: Option<String>,
    pub summary: String,
}

/// A credit-line name: linked when it resolved to a source.
#[derive(Serialize, Clone)]
pub struct CreditNameCtx {
    pub text: String,
    pub href: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct CreditCtx {
    pub label: String,
    pub names: Vec<CreditNameCtx>,
    /// People credited ("Reporting by Ann Lee"), as written.
    pub people: Vec<String>,
}

/// `article` on an article's page.
#[derive(Serialize)]
pub struct ArticleFull {
    #[serde(flatten)]
    pub card: ArticleCard,
    /// The original publication (external).
    pub url: Option<String>,
    pub body_html: String,
    pub credit: Option<CreditCtx>,
    /// Its tags, each a link to the tag's page.
    pub tags: Vec<LinkCtx>,
    pub sources: Vec<SourceCard>,
    pub actors: Vec<ActorCard>,
    pub events: Vec<EventItem>,
    /// When it was last changed, if the metadata says.
    pub updated: Option<DateCtx>,
    /// Statements the article reports, newest first.
    pub statements: Vec<StatementItem>,
    pub corrections: Vec<CorrectionCtx>,
}

impl Article {
    /// The article as a card, its link relative to `root`.
    pub(crate) fn card(env: &Env, i: Ix<Article>, root: &str) -> ArticleCard {
        let a = &env.site.articles[i];
        ArticleCard {
            slug: a.slug.clone(),
            title: a.title.clone(),
            href: url::article(root, &a.slug),
            date: DateCtx::of(&a.date),
            kicker: a.kicker.clone(),
            byline: a.byline.clone(),
            summary: a.summary.clone(),
        }
    }

    /// An [`ArticleFull`] as a template value, its events shared.
    fn full(env: &Env, i: Ix<Article>, root: &str) -> tera::Value {
        let (site, graph) = (env.site, env.graph);
        let a = &site.articles[i];
        let base = ArticleFull {
            card: Article::card(env, i, root),
            url: a.url.as_deref().map(|u| env.href(u, root)),
            body_html: env.article_body(i, root),
            credit: a.credit.as_ref().map(|c| CreditCtx {
                label: c.label.clone(),
                people: c.people.clone(),
                names: c
                    .names
                    .iter()
                    .map(|n| CreditNameCtx {
                        text: n.text.clone(),
                        href: n.source.map(|s| url::source(root, &site.sources[s].id)),
                    })
                    .collect(),
            }),
            tags: env.tag_links(&a.tags, root),
            sources: a
                .sources
                .iter()
                .map(|&s| Source::card(env, s, root))
                .collect(),
            actors: graph
                .refs::<Article, Actor>(i)
                .map(|x| Actor::card(env, x, root))
                .collect(),
            events: Vec::new(),
            updated: a.updated.as_ref().map(DateCtx::of),
            statements: graph
                .cited_by::<Article, Statement>(i)
                .map(|s| Statement::item(env, s, root))
                .collect(),
            corrections: env.corrections(a, root),
        };
        let events = graph.cited_by::<Article, Event>(i);
        with_events(&base, events.map(|e| env.event_value(e, root)).collect())
    }
}

impl KindPages for Article {
    const INDEX: &'static PageKind = &INDEX_PAGE;
    const RECORD: Option<&'static PageKind> = Some(&RECORD_PAGE);

    fn index_dir() -> String {
        url::articles("")
    }

    fn record_dir(&self) -> String {
        url::article("", &self.slug)
    }

    fn title(site: &Site, i: Ix<Self>) -> String {
        site.articles[i].title.clone()
    }

    /// Its card.
    fn listed(env: &Env, i: Ix<Self>, root: &str) -> tera::Value {
        tera::Value::from_serializable(&Article::card(env, i, root))
    }

    /// Articles dated to the day say so; an update since, when it is.
    fn lastmod(&self) -> Option<String> {
        let last = self.updated.unwrap_or(self.date);
        last.day.is_some().then(|| last.iso())
    }

    fn index_context(env: &Env, ctx: &mut Context, root: &str) -> (String, String) {
        let site = env.site;
        let cards: Vec<ArticleCard> = site
            .articles
            .ixs()
            .map(|i| Article::card(env, i, root))
            .collect();
        ctx.insert("articles", &cards);
        (
            Self::INDEX.title.into(),
            format!("All articles of {}", site.config.title),
        )
    }

    fn record_context(env: &Env, i: Ix<Self>, ctx: &mut Context, root: &str) -> (String, String) {
        ctx.insert_value("article", Article::full(env, i, root));
        let a = &env.site.articles[i];
        (a.title.clone(), a.summary.clone())
    }
}
