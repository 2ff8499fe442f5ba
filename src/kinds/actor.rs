//! Actors: the people and organisations of an investigation. Content
//! format: "Actors". Their names and aliases are what mention linking
//! finds in every text; relations link actors to each other.

use super::article::ArticleCard;
use super::event::EventItem;
use super::source::SourceCard;
use super::statement::StatementItem;
use super::{Article, Source, Statement};
use super::{Event, Ix, Kind, KindInfo};
use crate::kept::KeptBuild;
use crate::link::Direction;
use crate::link::Graph;
use crate::load::csv::{Cell, list_items, trimmed, write_list};
use crate::load::fields::{Field, Span, Text, written, written_list};
use crate::model::correction::CorrectionFields;
use crate::model::text::first_sentence;
use crate::model::validate::{Ctx, Ids, Unique, text};
use crate::model::{Correction, RichText, Site};
use crate::render::context::{CorrectionCtx, Group, LinkCtx, RangeCtx};
use crate::render::diagram;
use crate::render::page::{KindPages, PageKind, RecordPart};
use crate::render::pages::{
    Env, articles_bytes, by_choice, events_bytes, grouped_parts, groups_slice, initials,
    part_range, sources_bytes, statements_bytes, tone, with_events,
};
use crate::render::paginate;
use crate::url;
use serde::Serialize;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::HashMap;
use tera::Context;

crate::record_fields!(
    /// An actor as written in `actors.yaml` or `actors/*.yaml`.
    ActorFields {
        id: Text,
        name: Text,
        kind: Text,
        role: Text,
        aliases: Vec<Text>,
        country: Text,
        summary: Text,
        links: Vec<Field<LinkFields>>,
        relations: Vec<Field<RelationFields>>,
        corrections: Vec<Field<CorrectionFields>>,
    }
);

crate::record_fields!(
    /// An entry of an actor's `links`.
    LinkFields {
        url: Text,
        label: Text
    }
);

crate::record_fields!(
    /// An entry of an actor's `relations`.
    RelationFields {
        actor: Text,
        label: Text
    }
);

/// `links` in a CSV cell: `url label` pairs separated by `;`, the label
/// optional (content format, "Data files").
impl Cell for Vec<Field<LinkFields>> {
    fn read(cell: &str, span: Span) -> Result<Self, String> {
        let split: fn(&str) -> Option<(&str, &str)> = |item| item.split_once(char::is_whitespace);
        Ok(read_pairs(cell, span, split, |url, label| LinkFields {
            url,
            label,
            unknown: Vec::new(),
            unread: Vec::new(),
        }))
    }

    fn write(&self, out: &mut String) {
        let pairs = self.iter().map(|l| (&l.value.url, &l.value.label));
        write_pairs(out, pairs, " ");
    }
}

/// `relations` in a CSV cell: `actor-id: label` pairs separated by `;`
/// (a pair without a label is the actor id alone).
impl Cell for Vec<Field<RelationFields>> {
    fn read(cell: &str, span: Span) -> Result<Self, String> {
        let split: fn(&str) -> Option<(&str, &str)> = |item| item.split_once(':');
        Ok(read_pairs(cell, span, split, |actor, label| {
            RelationFields {
                actor,
                label,
                unknown: Vec::new(),
                unread: Vec::new(),
            }
        }))
    }

    fn write(&self, out: &mut String) {
        let pairs = self.iter().map(|r| (&r.value.actor, &r.value.label));
        write_pairs(out, pairs, ": ");
    }
}

/// The items of a list cell of pairs (`links`, `relations`), each cut in
/// two by `split` (no label when it finds nothing to cut at), both halves
/// trimmed and made into a record by `make`, every value at the cell's
/// `span`.
fn read_pairs<T>(
    cell: &str,
    span: Span,
    split: fn(&str) -> Option<(&str, &str)>,
    make: impl Fn(Option<Text>, Option<Text>) -> T,
) -> Vec<Field<T>> {
    let text = |s: &str| Field {
        value: s.to_owned(),
        span,
    };
    list_items(cell)
        .map(|item| {
            let (head, label) = split(item).map_or((item, ""), |(h, l)| (h.trim(), l.trim()));
            let label = (!label.is_empty()).then(|| text(label));
            Field {
                value: make(Some(text(head)), label),
                span,
            }
        })
        .collect()
}

/// Writes pairs as [`read_pairs`] reads them: `head` and `label` joined by
/// `sep`, the head alone when there is no label.
fn write_pairs<'a>(
    out: &mut String,
    pairs: impl Iterator<Item = (&'a Option<Text>, &'a Option<Text>)>,
    sep: &str,
) {
    write_list(
        out,
        pairs.map(|(head, label)| {
            let (head, label) = (trimmed(head), trimmed(label));
            if label.is_empty() {
                Cow::Borrowed(head)
            } else {
                Cow::Owned(format!("{head}{sep}{label}"))
            }
        }),
    );
}

crate::choices!(
    /// What an actor is; groups the actors index.
    ActorKind {
        Person = "person" / "People" / "Person",
        Organization = "organization" / "Organizations" / "Organization",
        Government = "government" / "Governments" / "Government",
        Company = "company" / "Companies" / "Company",
        Media = "media" / "Media" / "Media",
        Ngo = "ngo" / "NGOs" / "NGO",
        Other = "other" / "Others" / "Other",
    }
);

/// A link to another site about an actor.
#[derive(Debug, Clone, Serialize)]
pub struct ExternalLink {
    pub url: String,
    pub label: String,
}

/// "`label` `actor`", as seen from the actor that declares it.
#[derive(Debug, Clone)]
pub struct Relation {
    pub actor: Ix<Actor>,
    pub label: String,
}

/// A validated actor.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    /// Other names a text may use; each belongs to this actor alone.
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub summary: Option<RichText>,
    pub links: Vec<ExternalLink>,
    pub relations: Vec<Relation>,
    pub corrections: Vec<Correction>,
}

impl Kind for Actor {
    type Fields = ActorFields;

    const INFO: KindInfo = KindInfo {
        name: "actor",
        plural: "actors",
        one: "an actor",
    };

    fn key(&self) -> &str {
        &self.id
    }

    fn text(&self) -> Option<&RichText> {
        self.summary.as_ref()
    }

    fn own_actor(ix: Ix<Self>) -> Option<Ix<Actor>> {
        Some(ix)
    }

    fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// Its fields, relations both ways, events, articles (with the sentence
    /// of the first mention) and the sources behind them.
    fn data_row(site: &Site, graph: &Graph, i: Ix<Self>) -> Value {
        let (a, l) = (&site.actors[i], &graph.actors[i]);
        json!({
            "id": a.id, "name": a.name, "kind": a.kind, "role": a.role, "aliases": a.aliases,
            "country": a.country, "summary": a.summary.as_ref().map(RichText::plain), "links": a.links,
            "relations": l.relations.iter().map(|r| json!({"actor": site.actors[r.other].id, "label": r.label, "direction": r.direction})).collect::<Vec<_>>(),
            "events": site.keys(graph.cited_by::<Actor, Event>(i)),
            "articles": l.articles.iter().map(|r| json!({"slug": site.articles[r.article].slug, "mentions": r.mentions, "sentence": r.sentence})).collect::<Vec<_>>(),
            "sources": site.keys(l.sources.iter().copied()),
            "statements": site.keys(graph.cited_by::<Actor, Statement>(i).filter(|&s| site.statements[s].speaks_for(i))),
            "statements_about": site.keys(graph.cited_by::<Actor, Statement>(i).filter(|&s| !site.statements[s].speaks_for(i))),
            "corrections": crate::model::correction::data(&a.corrections),
            "path": url::actor("", &a.id),
        })
    }
}

impl super::Written for Actor {
    /// Its fields as written; relations are those it declares.
    fn written(site: &Site, i: Ix<Self>) -> ActorFields {
        let a = &site.actors[i];
        let markdown = a.summary.as_ref().and_then(|s| s.source.as_deref());
        ActorFields {
            id: written(Some(&a.id)),
            name: written(Some(&a.name)),
            kind: written(Some(a.kind.as_str())),
            role: written(a.role.as_deref()),
            aliases: written_list(&a.aliases),
            country: written(a.country.as_deref()),
            summary: written(markdown),
            links: (!a.links.is_empty()).then(|| {
                a.links
                    .iter()
                    .map(|l| {
                        Field::unplaced(LinkFields {
                            url: written(Some(&l.url)),
                            label: written(Some(&l.label)),
                            unknown: Vec::new(),
                            unread: Vec::new(),
                        })
                    })
                    .collect()
            }),
            relations: (!a.relations.is_empty()).then(|| {
                a.relations
                    .iter()
                    .map(|r| {
                        Field::unplaced(RelationFields {
                            actor: written(Some(&site.actors[r.actor].id)),
                            label: written(Some(&r.label)),
                            unknown: Vec::new(),
                            unread: Vec::new(),
                        })
                    })
                    .collect()
            }),
            // Corrections are written in YAML only.
            corrections: None,
            unknown: Vec::new(),
            unread: Vec::new(),
        }
    }
}

impl Actor {
    /// The name and every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Validates every actor in content order, then resolves relations
    /// (which may name an actor defined later). A name or alias shared by
    /// two actors is refused: a mention of it could not be linked honestly.
    pub(crate) fn build_all(ctx: &mut Ctx<'_>, ids: &Ids) -> Vec<Actor> {
        KeptBuild::build(ctx, ids, |k| &mut *k.actors, Self::build_each)
    }

    /// [`Actor::build_all`] without what `dossier serve` keeps.
    fn build_each(ctx: &mut Ctx<'_>) -> Vec<Actor> {
        let loaded = ctx.loaded;
        let mut out = Vec::new();
        let mut relations = Vec::new();
        let mut seen = Unique::default();
        // Every name and alias, to refuse one shared by two actors.
        let mut names: HashMap<String, (usize, String)> = HashMap::new();
        for record in &loaded.actors {
            let (r, at) = (&record.value, record.span);
            ctx.unknown_fields(&r.unknown, ActorFields::FIELDS, Self::INFO.one);
            let id = ctx.required(at, r.id.as_ref(), "id", Self::INFO.one);
            let name = ctx.required(at, r.name.as_ref(), "name", Self::INFO.one);
            let kind = r
                .kind
                .as_ref()
                .map(|k| ctx.enum_value(k, ActorKind::parse, ActorKind::NAMES, "actor kind"));
            let summary = r.summary.as_ref().map(|d| ctx.markdown_field(d));
            let mut links = Vec::new();
            for l in r.links.iter().flatten() {
                ctx.unknown_fields(&l.value.unknown, LinkFields::FIELDS, "a link");
                let Some(url) = ctx.required(l.span, l.value.url.as_ref(), "url", "a link") else {
                    continue;
                };
                if let Some(u) = ctx.url(url) {
                    let label = text(&l.value.label).unwrap_or_else(|| u.clone());
                    links.push(ExternalLink { url: u, label });
                }
            }
            for rel in r.relations.iter().flatten() {
                ctx.unknown_fields(&rel.value.unknown, RelationFields::FIELDS, "a relation");
            }
            let corrections = ctx.corrections(&r.corrections, None);
            // Its form is checked whatever else is wrong with the record:
            // it was said only once the rest passed, a run later.
            let id_ok = id.is_some_and(|id| ctx.id(id, "actor id"));
            let (Some(id), Some(name)) = (id, name) else {
                continue;
            };
            if !id_ok || !seen.check(ctx, id, Self::INFO.name) {
                continue;
            }
            let index = out.len();
            let mut aliases = Vec::new();
            for n in std::iter::once(name).chain(r.aliases.iter().flatten()) {
                let key = crate::link::name_key(&n.value);
                if key.is_empty() {
                    ctx.err(n.span, "an empty alias can not be matched");
                    continue;
                }
                match names.get(&key) {
                    Some((other, _)) if *other == index => {}
                    Some((_, at)) => {
                        let at = at.clone();
                        ctx.err(n.span, format!("the name `{}` already belongs to another actor (at {at}); a mention of it could not be linked honestly", n.value.trim()))
                            .hint = Some("give each actor its own names, or merge the two records".into());
                    }
                    None => {
                        names.insert(key, (index, loaded.place(n.span)));
                    }
                }
                if !std::ptr::eq(n, name) {
                    aliases.push(n.value.trim().to_owned());
                }
            }
            if let Some(rels) = &r.relations {
                relations.push((index, rels));
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
                corrections,
            });
        }
        let index: HashMap<String, Ix<Actor>> = out
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), Ix::new(i)))
            .collect();
        for (actor, rels) in relations {
            for rel in rels {
                let r = &rel.value;
                let Some(target) = ctx.required(rel.span, r.actor.as_ref(), "actor", "a relation")
                else {
                    continue;
                };
                let label = text(&r.label).unwrap_or_else(|| "related to".to_owned());
                match index.get(target.value.as_str()) {
                    Some(&other) => out[actor].relations.push(Relation {
                        actor: other,
                        label,
                    }),
                    // An actor whose record failed reports that itself.
                    None if ctx.is_written::<Actor>(&target.value) => ctx.unresolved += 1,
                    None => {
                        ctx.unresolved += 1;
                        let hint = ctx
                            .nearby
                            .did_you_mean(&target.value, index.keys().map(String::as_str));
                        ctx.err(
                            target.span,
                            format!("unknown actor `{}` in a relation", target.value),
                        )
                        .hint = hint;
                    }
                }
            }
        }
        out
    }
}

// ---- Pages: `actors/` and `actors/<id>/`, and what their templates see.

const INDEX_PAGE: PageKind = PageKind::new("actors", "actors.html", "actors", "Actors");
const RECORD_PAGE: PageKind = PageKind::new("actor", "actor.html", "actors", "Actor");

/// An actor in a list (`actor-card` partial).
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

#[derive(Serialize)]
pub struct RelationCtx {
    pub label: String,
    /// "outgoing": this actor → other (`<label> <other>`);
    /// "incoming": other → this actor (`<other> <label> this actor`).
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

/// `actor` on an actor's page.
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
    /// The articles naming the actor: this page's share of them (all of
    /// them unless the record's lists are split into pages).
    pub articles: Vec<ActorArticle>,
    /// Which of the articles this page shows, of how many.
    pub articles_range: RangeCtx,
    /// The sources behind its articles and events: this page's share.
    pub sources: Vec<SourceCard>,
    pub sources_range: RangeCtx,
    /// "On the record": statements the actor made or spoke, newest first
    /// (this page's share).
    pub statements: Vec<StatementItem>,
    pub statements_range: RangeCtx,
    /// "Said about them": statements that name or mention the actor,
    /// made by others, newest first (this page's share).
    pub statements_about: Vec<StatementItem>,
    pub statements_about_range: RangeCtx,
    pub corrections: Vec<CorrectionCtx>,
    /// The picture of the actor's connections (inline SVG), when it has any.
    pub diagram: Option<String>,
    /// The actors it shares the most events with (up to 12), most first.
    pub shared: Vec<SharedCtx>,
}

/// An actor that shares events with the actor of the page.
#[derive(Serialize)]
pub struct SharedCtx {
    pub actor: ActorCard,
    /// How many events they share.
    pub events: usize,
}

/// The network of the most connected actors (`network` on the actors index).
#[derive(Serialize)]
pub struct NetworkCtx {
    /// The picture (inline SVG).
    pub diagram: String,
    /// Its actors, most connected first, as text.
    pub actors: Vec<NetworkActorCtx>,
}

/// An actor of the network: how connected it is, and to whom it is drawn
/// joined.
#[derive(Serialize)]
pub struct NetworkActorCtx {
    pub actor: LinkCtx,
    /// Other actors it is connected with (relations, shared events).
    pub connections: usize,
    pub joined: Vec<LinkCtx>,
}

impl Actor {
    /// The actor as a card, its link relative to `root`.
    pub(crate) fn card(env: &Env, i: Ix<Actor>, root: &str) -> ActorCard {
        let a = &env.site.actors[i];
        ActorCard {
            id: a.id.clone(),
            name: a.name.clone(),
            href: url::actor(root, &a.id),
            kind: a.kind.as_str(),
            kind_label: a.kind.label(),
            role: a.role.clone(),
            initials: initials(&a.name),
            tone: tone(&a.id),
            weight: env.graph.weight(i),
        }
    }

    /// The actor as a link, relative to `root`.
    pub(crate) fn link(env: &Env, i: Ix<Actor>, root: &str) -> LinkCtx {
        let a = &env.site.actors[i];
        LinkCtx {
            text: a.name.clone(),
            href: url::actor(root, &a.id),
        }
    }

    /// The statements the actor made or spoke, and those made by others
    /// that concern it, each newest first.
    fn statements(
        site: &Site,
        graph: &Graph,
        i: Ix<Actor>,
    ) -> (Vec<Ix<Statement>>, Vec<Ix<Statement>>) {
        graph
            .cited_by::<Actor, Statement>(i)
            .partition(|&s| site.statements[s].speaks_for(i))
    }

    /// Page `at` of the actor's page as a template value: on the first
    /// page the whole record; on later ones (its lists split into pages)
    /// its name and kind, and the next share of each long list.
    fn full(env: &Env, i: Ix<Actor>, root: &str, at: RecordPart) -> tera::Value {
        let (site, graph) = (env.site, env.graph);
        let a = &site.actors[i];
        let links = &graph.actors[i];
        let shared = at.first_only(|| diagram::shared_events(env, i));
        let (by, about) = Actor::statements(site, graph, i);
        let (articles, articles_range) = at.share(&links.articles, |x| ActorArticle {
            article: Article::card(env, x.article, root),
            sentence: x.sentence.clone(),
            mentions: x.mentions,
        });
        let (sources, sources_range) = at.share(&links.sources, |&s| Source::card(env, s, root));
        let (statements, statements_range) = at.share(&by, |&s| Statement::item(env, s, root));
        let (statements_about, statements_about_range) =
            at.share(&about, |&s| Statement::item(env, s, root));
        let base = ActorFull {
            card: Actor::card(env, i, root),
            country: a.country.clone(),
            summary_html: at
                .first_only(|| env.rich(a, a.summary.as_ref(), &graph.mentions.actors[i], root)),
            aliases: a.aliases.clone(),
            links: at.first_only(|| {
                (a.links.iter())
                    .map(|l| ExternalLinkCtx {
                        url: env.href(&l.url, root),
                        label: l.label.clone(),
                    })
                    .collect()
            }),
            relations: at.first_only(|| {
                (links.relations.iter())
                    .map(|r| RelationCtx {
                        label: r.label.clone(),
                        direction: match r.direction {
                            Direction::Outgoing => "outgoing",
                            Direction::Incoming => "incoming",
                        },
                        actor: Actor::card(env, r.other, root),
                    })
                    .collect()
            }),
            events: Vec::new(),
            articles_range,
            articles,
            sources_range,
            sources,
            diagram: at.first_only(|| diagram::actor_diagram(env, i, root, &shared)),
            shared: shared
                .iter()
                .map(|&(a, events)| SharedCtx {
                    actor: Actor::card(env, a, root),
                    events,
                })
                .collect(),
            statements_range,
            statements,
            statements_about_range,
            statements_about,
            corrections: at.first_only(|| env.corrections(a, root)),
        };
        let events: Vec<Ix<Event>> = graph.cited_by::<Actor, Event>(i).collect();
        with_events(&base, env, &events, root, at)
    }
}

/// The page of `actors/` each actor of `groups` (`actors` grouped by
/// kind, in order) is on: pages filled by what each card weighs (its
/// name and role), [`paginate::CARDS_PAGE`] a page.
fn index_pages(actors: &[Actor], groups: &[Group<Ix<Actor>>]) -> Vec<url::Part> {
    let weigh = |i: Ix<Actor>| paginate::chip_bytes(actors[i.get()].shown_text());
    grouped_parts(groups, weigh, paginate::CARDS_PAGE)
}

impl KindPages for Actor {
    const INDEX: &'static PageKind = &INDEX_PAGE;
    const RECORD: Option<&'static PageKind> = Some(&RECORD_PAGE);

    fn index_dir() -> String {
        url::actors("")
    }

    fn record_dir(&self) -> String {
        url::actor("", &self.id)
    }

    fn title(site: &Site, i: Ix<Self>) -> String {
        site.actors[i].name.clone()
    }

    /// Its card's name and role.
    fn shown_text(&self) -> usize {
        self.name.len() + self.role.as_ref().map_or(0, String::len)
    }

    /// Pages of [`paginate::CARDS_PER_PAGE`] cards with short texts,
    /// fewer where they are long.
    fn index_parts(records: &[Self]) -> Vec<url::Part> {
        paginate::pages_of(&index_pages(
            records,
            &by_choice(records, |a| a.kind, |a| &a.name, |i| i),
        ))
    }

    /// The actors on page `part`, grouped by kind, each group by name.
    fn index_context(
        env: &Env,
        ctx: &mut Context,
        root: &str,
        part: url::Part,
    ) -> (String, String) {
        let site = env.site;
        // The cards of the page only: grouped by kind and name first, as
        // positions, then cut and made.
        let groups = by_choice(&site.actors, |a| a.kind, |a| &a.name, |i| i);
        let shown = part_range(&index_pages(&site.actors, &groups), part);
        let groups: Vec<Group<ActorCard>> = groups_slice(groups, shown.start, shown.end)
            .into_iter()
            .map(|g| g.map(|i| Actor::card(env, i, root)))
            .collect();
        ctx.insert("groups", &groups);
        let title = crate::render::pages::paged::<Actor>(env, ctx, root, part, Self::INDEX.title);
        // The network of the most connected actors, on the first page.
        let network = (part == url::Part::Whole)
            .then(|| diagram::network(env, root))
            .flatten()
            .map(|(diagram, nodes)| NetworkCtx {
                diagram,
                actors: nodes
                    .into_iter()
                    .map(|n| NetworkActorCtx {
                        actor: Actor::link(env, n.actor, root),
                        connections: n.degree,
                        joined: n
                            .joined
                            .iter()
                            .map(|&j| Actor::link(env, j, root))
                            .collect(),
                    })
                    .collect(),
            });
        ctx.insert("network", &network);
        (
            title,
            format!("The people and organisations in {}", site.config.title),
        )
    }

    /// Its events, articles, statements (its own and about it) and the
    /// sources behind them, weighed as its pages show them.
    fn record_pages(site: &Site, graph: &Graph, i: Ix<Self>) -> usize {
        use paginate::bytes;
        let links = &graph.actors[i];
        let (fixed, events) =
            events_bytes(site, &graph.cited_by::<Actor, Event>(i).collect::<Vec<_>>());
        let statements: usize = statements_bytes(site, graph.cited_by::<Actor, Statement>(i));
        let sliced = events
            + articles_bytes(
                site,
                (links.articles.iter())
                    .map(|a| (a.article, a.sentence.as_ref().map_or(0, String::len))),
                bytes::MENTION,
            )
            + sources_bytes(site, &links.sources)
            + statements;
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
        let full = Actor::full(env, i, root, at);
        let a = &site.actors[i];
        let d = a
            .role
            .clone()
            .or_else(|| a.summary.as_ref().map(|s| first_sentence(&s.plain())))
            .unwrap_or_else(|| format!("{} in {}", a.name, site.config.title));
        ctx.insert_value("actor", full);
        (a.name.clone(), d)
    }
}
