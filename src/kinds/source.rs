//! Sources: who reported or published what (outlets, wires, documents,
//! interviews). Content format: "Sources". Cited by articles (front
//! matter and credit lines) and events.

use super::article::ArticleCard;
use super::event::EventItem;
use super::statement::StatementItem;
use super::{Article, Event, Ix, Kind, KindInfo, Statement};
use crate::link::Graph;
use crate::load::fields::{Field, Text, written, written_list};
use crate::model::correction::CorrectionFields;
use crate::model::text::first_sentence;
use crate::model::validate::{Ctx, Unique, texts};
use crate::model::{Correction, RichText, Site};
use crate::render::context::{CorrectionCtx, Group, RangeCtx};
use crate::render::page::{KindPages, PageKind, RecordPart};
use crate::render::pages::{
    Env, articles_bytes, by_choice, events_bytes, grouped_parts, groups_slice, part_range,
    statements_bytes, with_events,
};
use crate::render::paginate;
use crate::url;
use serde::Serialize;
use serde_json::{Value, json};
use tera::Context;

crate::record_fields!(
    /// A source as written in `sources.yaml` or `sources/*.yaml`.
    SourceFields {
        id: Text,
        name: Text,
        kind: Text,
        url: Text,
        aliases: Vec<Text>,
        description: Text,
        archive_url: Text,
        corrections: Vec<Field<CorrectionFields>>,
    }
);

crate::choices!(
    /// What a source is; groups the source index.
    SourceKind {
        Outlet = "outlet" / "News outlets" / "News outlet",
        Wire = "wire" / "Wire services" / "Wire service",
        Broadcaster = "broadcaster" / "Broadcasters" / "Broadcaster",
        Ngo = "ngo" / "NGOs" / "NGO",
        Government = "government" / "Governments" / "Government",
        Company = "company" / "Companies" / "Company",
        Document = "document" / "Documents" / "Document",
        Interview = "interview" / "Interviews" / "Interview",
        Other = "other" / "Other sources" / "Other",
    }
);

/// A validated source.
#[derive(Debug)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    /// The source's own site (external), percent-encoded.
    pub url: Option<String>,
    /// Other names, as credit lines may write it.
    pub aliases: Vec<String>,
    pub description: Option<RichText>,
    pub archive_url: Option<String>,
    pub corrections: Vec<Correction>,
}

impl Kind for Source {
    type Fields = SourceFields;

    const INFO: KindInfo = KindInfo {
        name: "source",
        plural: "sources",
        one: "a source",
    };

    fn key(&self) -> &str {
        &self.id
    }

    fn text(&self) -> Option<&RichText> {
        self.description.as_ref()
    }

    fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// Its fields, and the articles and events that cite it.
    fn data_row(site: &Site, graph: &Graph, i: Ix<Self>) -> Value {
        let s = &site.sources[i];
        json!({
            "id": s.id, "name": s.name, "kind": s.kind, "url": s.url, "archive_url": s.archive_url,
            "aliases": s.aliases, "description": s.description.as_ref().map(RichText::plain),
            "articles": site.keys(graph.cited_by::<Source, Article>(i)),
            "events": site.keys(graph.cited_by::<Source, Event>(i)),
            "statements": site.keys(graph.cited_by::<Source, Statement>(i)),
            "corrections": crate::model::correction::data(&s.corrections),
            "path": url::source("", &s.id),
        })
    }
}

impl super::Written for Source {
    fn written(site: &Site, i: Ix<Self>) -> SourceFields {
        let s = &site.sources[i];
        SourceFields {
            id: written(Some(&s.id)),
            name: written(Some(&s.name)),
            kind: written(Some(s.kind.as_str())),
            url: written(s.url.as_deref()),
            aliases: written_list(&s.aliases),
            description: written(s.description.as_ref().and_then(|d| d.source.as_deref())),
            archive_url: written(s.archive_url.as_deref()),
            // Corrections are written in YAML only.
            corrections: None,
            unknown: Vec::new(),
            unread: Vec::new(),
        }
    }
}

impl Source {
    /// Validates every source in content order; those with problems are
    /// reported and left out.
    pub(crate) fn build_all(ctx: &mut Ctx<'_>) -> Vec<Source> {
        let mut out = Vec::new();
        let mut seen = Unique::default();
        for record in &ctx.loaded.sources {
            let (r, at) = (&record.value, record.span);
            ctx.unknown_fields(&r.unknown, SourceFields::FIELDS, Self::INFO.one);
            let id = ctx.required(at, r.id.as_ref(), "id", Self::INFO.one);
            let name = ctx.required(at, r.name.as_ref(), "name", Self::INFO.one);
            let kind = r
                .kind
                .as_ref()
                .map(|k| ctx.enum_value(k, SourceKind::parse, SourceKind::NAMES, "source kind"));
            let url = r.url.as_ref().and_then(|u| ctx.url(u));
            let archive_url = r.archive_url.as_ref().and_then(|u| ctx.url(u));
            let description = r.description.as_ref().map(|d| ctx.markdown_field(d));
            let corrections = ctx.corrections(&r.corrections, None);
            // Its form is checked whatever else is wrong with the record:
            // it was said only once the rest passed, a run later.
            let id_ok = id.is_some_and(|id| ctx.id(id, "source id"));
            let (Some(id), Some(name)) = (id, name) else {
                continue;
            };
            if !id_ok || !seen.check(ctx, id, Self::INFO.name) {
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
                corrections,
            });
        }
        out
    }

    /// Resolves a credit-line name against source names and aliases:
    /// exactly first, then ignoring case and quote style.
    pub fn by_credit_name(sources: &[Source], name: &str) -> Option<Ix<Source>> {
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
            .map(|(i, _)| Ix::new(i))
    }
}

// ---- Pages: `sources/` and `sources/<id>/`, and what their templates see.

const INDEX_PAGE: PageKind = PageKind::new("sources", "sources.html", "sources", "Sources");
const RECORD_PAGE: PageKind = PageKind::new("source", "source.html", "sources", "Source");

/// A source in a list (`source-item` partial).
#[derive(Serialize, Clone)]
pub struct SourceCard {
    pub id: String,
    pub name: String,
    pub href: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    /// The source's own site, as written (shown as text).
    pub url: Option<String>,
    /// `url` as a link from this page (the same, unless it is an id link
    /// or a path from the site root).
    pub url_href: Option<String>,
}

/// `source` on a source's page.
#[derive(Serialize)]
pub struct SourceFull {
    #[serde(flatten)]
    pub card: SourceCard,
    /// An archived copy, as written (shown as text).
    pub archive_url: Option<String>,
    /// `archive_url` as a link from this page.
    pub archive_url_href: Option<String>,
    pub aliases: Vec<String>,
    pub description_html: Option<String>,
    /// The articles citing it: this page's share of them (all of them
    /// unless the record's lists are split into pages).
    pub articles: Vec<ArticleCard>,
    /// Which of the articles this page shows, of how many.
    pub articles_range: RangeCtx,
    pub events: Vec<EventItem>,
    /// Statements made or reported here, newest first (this page's share).
    pub statements: Vec<StatementItem>,
    pub statements_range: RangeCtx,
    pub corrections: Vec<CorrectionCtx>,
}

impl Source {
    /// The source as a card, its link relative to `root`.
    pub(crate) fn card(env: &Env, i: Ix<Source>, root: &str) -> SourceCard {
        let s = &env.site.sources[i];
        SourceCard {
            id: s.id.clone(),
            name: s.name.clone(),
            href: url::source(root, &s.id),
            kind: s.kind.as_str(),
            kind_label: s.kind.label(),
            url: s.url.clone(),
            url_href: s.url.as_deref().map(|u| env.href(u, root)),
        }
    }

    /// Page `at` of the source's page as a template value: on the first
    /// page the whole record; on later ones (its lists split into pages)
    /// its name and kind, and the next share of each long list.
    fn full(env: &Env, i: Ix<Source>, root: &str, at: RecordPart) -> tera::Value {
        let (site, graph) = (env.site, env.graph);
        let s = &site.sources[i];
        let articles: Vec<Ix<Article>> = graph.cited_by::<Source, Article>(i).collect();
        let statements: Vec<Ix<Statement>> = graph.cited_by::<Source, Statement>(i).collect();
        let (articles, articles_range) = at.share(&articles, |&a| Article::card(env, a, root));
        let (statements, statements_range) =
            at.share(&statements, |&x| Statement::item(env, x, root));
        let base = SourceFull {
            card: Source::card(env, i, root),
            archive_url: s.archive_url.clone(),
            archive_url_href: s.archive_url.as_deref().map(|u| env.href(u, root)),
            aliases: s.aliases.clone(),
            description_html: at.first_only(|| {
                env.rich(s, s.description.as_ref(), &graph.mentions.sources[i], root)
            }),
            articles_range,
            articles,
            events: Vec::new(),
            statements_range,
            statements,
            corrections: at.first_only(|| env.corrections(s, root)),
        };
        let events: Vec<Ix<Event>> = graph.cited_by::<Source, Event>(i).collect();
        with_events(&base, env, &events, root, at)
    }
}

/// The page of `sources/` each source of `groups` (`sources` grouped by
/// kind, in order) is on: pages filled by what each weighs (its name and
/// address), [`paginate::SOURCES_PAGE`] a page.
fn index_pages(sources: &[Source], groups: &[Group<Ix<Source>>]) -> Vec<url::Part> {
    let weigh = |i: Ix<Source>| paginate::source_bytes(sources[i.get()].shown_text());
    grouped_parts(groups, weigh, paginate::SOURCES_PAGE)
}

impl KindPages for Source {
    const INDEX: &'static PageKind = &INDEX_PAGE;
    const RECORD: Option<&'static PageKind> = Some(&RECORD_PAGE);

    fn index_dir() -> String {
        url::sources("")
    }

    fn record_dir(&self) -> String {
        url::source("", &self.id)
    }

    fn title(site: &Site, i: Ix<Self>) -> String {
        site.sources[i].name.clone()
    }

    /// Its name and address, as a list shows it (the address twice:
    /// linked and as its text).
    fn shown_text(&self) -> usize {
        self.name.len() + 2 * self.url.as_ref().map_or(0, String::len)
    }

    /// Pages of [`paginate::CARDS_PER_PAGE`] sources with short names
    /// and addresses, fewer where they are long.
    fn index_parts(records: &[Self]) -> Vec<url::Part> {
        paginate::pages_of(&index_pages(
            records,
            &by_choice(records, |s| s.kind, |s| &s.name, |i| i),
        ))
    }

    /// The sources on page `part`, grouped by kind, each group by name.
    fn index_context(
        env: &Env,
        ctx: &mut Context,
        root: &str,
        part: url::Part,
    ) -> (String, String) {
        let site = env.site;
        // The cards of the page only: grouped by kind and name first, as
        // positions, then cut and made.
        let groups = by_choice(&site.sources, |s| s.kind, |s| &s.name, |i| i);
        let shown = part_range(&index_pages(&site.sources, &groups), part);
        let groups: Vec<Group<SourceCard>> = groups_slice(groups, shown.start, shown.end)
            .into_iter()
            .map(|g| g.map(|i| Source::card(env, i, root)))
            .collect();
        ctx.insert("groups", &groups);
        let title = crate::render::pages::paged::<Source>(env, ctx, root, part, Self::INDEX.title);
        (
            title,
            format!("Who reported and published what in {}", site.config.title),
        )
    }

    /// The articles, events and statements citing it, weighed as its
    /// pages show them.
    fn record_pages(site: &Site, graph: &Graph, i: Ix<Self>) -> usize {
        let (fixed, events) = events_bytes(
            site,
            &graph.cited_by::<Source, Event>(i).collect::<Vec<_>>(),
        );
        let articles = articles_bytes(
            site,
            graph.cited_by::<Source, Article>(i).map(|a| (a, 0)),
            paginate::bytes::CARD,
        );
        let statements: usize = statements_bytes(site, graph.cited_by::<Source, Statement>(i));
        let sliced = events + articles + statements;
        paginate::record_pages(fixed, sliced)
    }

    fn record_context(
        env: &Env,
        i: Ix<Self>,
        ctx: &mut Context,
        root: &str,
        at: RecordPart,
    ) -> (String, String) {
        let site = env.site;
        let full = Source::full(env, i, root, at);
        let s = &site.sources[i];
        let d = s
            .description
            .as_ref()
            .map(|t| first_sentence(&t.plain()))
            .unwrap_or_else(|| format!("{} as a source in {}", s.name, site.config.title));
        ctx.insert_value("source", full);
        (s.name.clone(), d)
    }
}
