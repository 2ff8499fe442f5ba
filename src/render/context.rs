//! What templates see. Every page gets `site`, `root` and `page`; each page
//! kind adds its own records. Links (`href`) are computed here, relative to
//! the page, so templates never build URLs. Lists are vectors, never maps,
//! so template output is in one order. Documented in `docs/templates.md`.

use crate::model::Counts;
use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct SiteCtx {
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub language: String,
    pub base_url: String,
    /// The description rendered as HTML (relative links for this page).
    pub description_html: Option<String>,
    pub counts: Counts,
}

#[derive(Serialize)]
pub struct PageCtx {
    /// "home", "articles", "article", "actors", "actor", "timeline", "sources", "source", "404".
    pub kind: &'static str,
    /// For `<title>` (the site title is appended by the template).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute URL of the page, from `base_url`.
    pub canonical: String,
    /// Which top-level section the page belongs to, for the navigation.
    pub section: &'static str,
}

#[derive(Serialize, Clone)]
pub struct DateCtx {
    /// Machine form for `<time datetime>`: "2021", "2021-07", "2021-07-24".
    pub iso: String,
    /// "24 July 2021", "July 2021", "2021".
    pub display: String,
}

#[derive(Serialize, Clone)]
pub struct WhenCtx {
    pub start: DateCtx,
    pub end: Option<DateCtx>,
    pub approximate: bool,
    /// The whole date as shown: "c. May 2003", "2016 – June 2021".
    pub display: String,
    pub year: u16,
}

#[derive(Serialize, Clone)]
pub struct LinkCtx {
    pub text: String,
    pub href: String,
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
}

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

#[derive(Serialize, Clone)]
pub struct ActorCard {
    pub id: String,
    pub name: String,
    pub href: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub role: Option<String>,
    /// Up to two letters for the monogram badge.
    pub initials: String,
    /// 0-7, derived from the id: picks one of the theme's badge colours
    /// (a class, since the Content-Security-Policy forbids inline styles).
    pub tone: u8,
    /// Articles plus events that cite the actor.
    pub weight: usize,
}

#[derive(Serialize, Clone)]
pub struct SourceCard {
    pub id: String,
    pub name: String,
    pub href: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    /// The source's own site (external).
    pub url: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct EventItem {
    pub id: String,
    pub title: String,
    /// Link to the event on the timeline: `…/timeline/#<id>`.
    pub href: String,
    pub when: WhenCtx,
    pub status: &'static str,
    pub status_label: &'static str,
    pub place: Option<String>,
    pub summary_html: Option<String>,
    pub actors: Vec<LinkCtx>,
    pub sources: Vec<LinkCtx>,
    pub articles: Vec<LinkCtx>,
    pub tags: Vec<String>,
}

#[derive(Serialize)]
pub struct ArticleFull {
    #[serde(flatten)]
    pub card: ArticleCard,
    /// The original publication (external).
    pub url: Option<String>,
    pub body_html: String,
    pub credit: Option<CreditCtx>,
    pub tags: Vec<String>,
    pub sources: Vec<SourceCard>,
    pub actors: Vec<ActorCard>,
    pub events: Vec<EventItem>,
}

#[derive(Serialize)]
pub struct RelationCtx {
    pub label: String,
    /// "outgoing": this actor → other ("<label> <other>");
    /// "incoming": other → this actor ("<other> <label> this actor").
    pub direction: &'static str,
    pub actor: ActorCard,
}

#[derive(Serialize)]
pub struct ActorArticle {
    pub article: ArticleCard,
    /// The sentence of the first mention, when the text names the actor.
    pub sentence: Option<String>,
    pub mentions: usize,
}

#[derive(Serialize)]
pub struct ExternalLinkCtx {
    pub url: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct ActorFull {
    #[serde(flatten)]
    pub card: ActorCard,
    pub country: Option<String>,
    pub summary_html: Option<String>,
    pub aliases: Vec<String>,
    pub links: Vec<ExternalLinkCtx>,
    pub relations: Vec<RelationCtx>,
    pub events: Vec<EventItem>,
    pub articles: Vec<ActorArticle>,
    pub sources: Vec<SourceCard>,
}

#[derive(Serialize)]
pub struct SourceFull {
    #[serde(flatten)]
    pub card: SourceCard,
    pub archive_url: Option<String>,
    pub aliases: Vec<String>,
    pub description_html: Option<String>,
    pub articles: Vec<ArticleCard>,
    pub events: Vec<EventItem>,
}

/// A group on an index page ("People", "News outlets", a year).
#[derive(Serialize)]
pub struct Group<T> {
    pub key: String,
    pub label: String,
    pub items: Vec<T>,
}
