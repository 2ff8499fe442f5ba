//! The context each page's template receives, built from what the page
//! shows ([`PageSpec`]).

use super::context::*;
use super::markdown::to_html;
use super::page::{PageSpec, Shows};
use crate::kinds::{Actor, Article, Event, Ix, Source};
use crate::link::{Direction, Graph, Mentions};
use crate::model::text::{first_sentence, shorten};
use crate::model::{ActorIx, ArticleIx, Counts, EventIx, RichText, Site, SourceIx, When};
use crate::url::{self, Root};
use std::sync::{Mutex, OnceLock};
use tera::{Context, Value};

/// What every page's context is built from.
pub struct Env<'a> {
    site: &'a Site,
    graph: &'a Graph,
    counts: Counts,
    none: Mentions,
    /// Article bodies already rendered for their own pages (each at the
    /// root of a record's page, [`Env::record_root`]).
    bodies: Option<&'a [String]>,
    /// The site's meta description, the same on every page.
    site_description: String,
    /// The site description as HTML (its links differ by root), per page
    /// depth, made on first use.
    description_html: PerDepth<Option<String>>,
    /// The root of every record's page (`../../`), the only one whose
    /// events and article bodies are kept.
    record_root: Root,
    /// Events as template values for the records' pages (articles,
    /// actors, sources), built once each on first use: an event shows on
    /// its articles', actors' and sources' pages. (Cards are cheaper to
    /// build afresh than to share: shared values render slower, from memory
    /// that is no longer in cache.)
    deep_events: Vec<OnceLock<Value>>,
}

/// A value per page depth, made on first use at that depth. Any depth
/// works (lists split into pages sit deeper than records); pages render
/// in parallel, so the slots are behind a lock, taken twice per page at
/// most and never while a value is made.
struct PerDepth<T>(Mutex<Vec<Option<T>>>);

impl<T: Clone> PerDepth<T> {
    fn new() -> Self {
        PerDepth(Mutex::new(Vec::new()))
    }

    fn get_or_init(&self, depth: usize, make: impl FnOnce() -> T) -> T {
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(Some(v)) = lock().get(depth) {
            return v.clone();
        }
        let v = make();
        let mut slots = lock();
        if slots.len() <= depth {
            slots.resize_with(depth + 1, || None);
        }
        // A value made meanwhile by another thread is the same value.
        slots[depth].get_or_insert(v).clone()
    }
}

/// `base` as a template value, with `events` as its list of events.
fn with_events<T: serde::Serialize>(base: &T, events: Vec<Value>) -> Value {
    let mut map = Value::from_serializable(base)
        .into_map()
        .unwrap_or_default();
    map.insert("events".into(), Value::from(events));
    Value::from(map)
}

impl<'a> Env<'a> {
    pub fn new(site: &'a Site, graph: &'a Graph) -> Self {
        let counts = site.counts();
        let site_description = site
            .config
            .description
            .as_ref()
            .map(|d| first_sentence(&d.plain()))
            .or_else(|| site.config.subtitle.clone())
            .unwrap_or_else(|| site.config.title.clone());
        Env {
            site,
            graph,
            counts,
            none: Mentions::default(),
            bodies: None,
            site_description,
            description_html: PerDepth::new(),
            record_root: Root::up(url::RECORD_DEPTH),
            deep_events: site.events.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Uses article bodies rendered beforehand (index by article, each at
    /// the root of a record's page: see `render::article_body`).
    pub fn with_bodies(mut self, bodies: &'a [String]) -> Self {
        self.bodies = Some(bodies);
        self
    }

    /// The site description as HTML, its links relative to `root`.
    fn description_html(&self, root: &Root) -> Option<String> {
        let make = || {
            self.site
                .config
                .description
                .as_ref()
                .map(|d| to_html(self.site, d, &self.none, root.as_str()))
        };
        match root.depth() {
            Some(depth) => self.description_html.get_or_init(depth, make),
            None => make(),
        }
    }

    pub fn context(&self, page: &PageSpec) -> Context {
        let site = self.site;
        let r = page.root.as_str();
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteCtx {
                title: site.config.title.clone(),
                subtitle: site.config.subtitle.clone(),
                author: site.config.author.clone(),
                language: site.config.language.clone(),
                base_url: site.config.base_url.clone(),
                description_html: self.description_html(&page.root),
                counts: self.counts,
            },
        );
        ctx.insert("root", r);
        let site_description = self.site_description.clone();
        let (title, description) = match page.shows {
            Shows::Home => {
                ctx.insert(
                    "latest_articles",
                    &site
                        .articles
                        .ixs()
                        .take(6)
                        .map(|i| self.article_card(i, r))
                        .collect::<Vec<_>>(),
                );
                let mut key: Vec<ActorIx> = site.actors.ixs().collect();
                key.sort_by_key(|&a| std::cmp::Reverse(self.graph.weight(a)));
                key.truncate(8);
                ctx.insert(
                    "key_actors",
                    &key.into_iter()
                        .map(|a| self.actor_card(a, r))
                        .collect::<Vec<_>>(),
                );
                // The preview shows the latest events, still in date order.
                let from = site.events.len().saturating_sub(5);
                ctx.insert(
                    "timeline_preview",
                    &site
                        .events
                        .ixs()
                        .skip(from)
                        .map(|e| self.event_item(e, r))
                        .collect::<Vec<_>>(),
                );
                (site.config.title.clone(), site_description)
            }
            Shows::Articles => {
                ctx.insert(
                    "articles",
                    &site
                        .articles
                        .ixs()
                        .map(|i| self.article_card(i, r))
                        .collect::<Vec<_>>(),
                );
                (
                    "Articles".into(),
                    format!("All articles of {}", site.config.title),
                )
            }
            Shows::Article(i) => {
                ctx.insert_value("article", self.article_full(i, r));
                (
                    site.articles[i].title.clone(),
                    site.articles[i].summary.clone(),
                )
            }
            Shows::Actors => {
                let groups = crate::model::ActorKind::ALL
                    .iter()
                    .map(|&k| Group {
                        key: k.as_str().into(),
                        label: k.plural().into(),
                        items: sorted_by_name(
                            site.actors.ixs().filter(|&a| site.actors[a].kind == k),
                            |a| &site.actors[a].name,
                        )
                        .into_iter()
                        .map(|a| self.actor_card(a, r))
                        .collect(),
                    })
                    .filter(|g| !g.items.is_empty())
                    .collect::<Vec<_>>();
                ctx.insert("groups", &groups);
                (
                    "Actors".into(),
                    format!("The people and organisations in {}", site.config.title),
                )
            }
            Shows::Actor(i) => {
                let full = self.actor_full(i, r);
                let a = &site.actors[i];
                let d = a
                    .role
                    .clone()
                    .or_else(|| a.summary.as_ref().map(|s| first_sentence(&s.plain())))
                    .unwrap_or_else(|| format!("{} in {}", a.name, site.config.title));
                ctx.insert_value("actor", full);
                (a.name.clone(), d)
            }
            Shows::Timeline => {
                let mut years: Vec<Group<EventItem>> = Vec::new();
                for e in site.events.ixs() {
                    let year = site.events[e].when.start.year.to_string();
                    if years.last().is_none_or(|g| g.key != year) {
                        years.push(Group {
                            key: year.clone(),
                            label: year,
                            items: Vec::new(),
                        });
                    }
                    if let Some(g) = years.last_mut() {
                        g.items.push(self.event_item(e, r));
                    }
                }
                ctx.insert("years", &years);
                (
                    "Timeline".into(),
                    format!("Every event of {} in date order", site.config.title),
                )
            }
            Shows::Sources => {
                let groups = crate::model::SourceKind::ALL
                    .iter()
                    .map(|&k| Group {
                        key: k.as_str().into(),
                        label: k.plural().into(),
                        items: sorted_by_name(
                            site.sources.ixs().filter(|&s| site.sources[s].kind == k),
                            |s| &site.sources[s].name,
                        )
                        .into_iter()
                        .map(|s| self.source_card(s, r))
                        .collect(),
                    })
                    .filter(|g| !g.items.is_empty())
                    .collect::<Vec<_>>();
                ctx.insert("groups", &groups);
                (
                    "Sources".into(),
                    format!("Who reported and published what in {}", site.config.title),
                )
            }
            Shows::Source(i) => {
                let full = self.source_full(i, r);
                let s = &site.sources[i];
                let d = s
                    .description
                    .as_ref()
                    .map(|t| first_sentence(&t.plain()))
                    .unwrap_or_else(|| format!("{} as a source in {}", s.name, site.config.title));
                ctx.insert_value("source", full);
                (s.name.clone(), d)
            }
            Shows::NotFound => ("Page not found".into(), "This page does not exist.".into()),
        };
        ctx.insert(
            "page",
            &PageCtx {
                kind: page.kind.name,
                title,
                description: shorten(&description, 300),
                canonical: url::absolute(&site.config.base_url, &page.dir),
                section: page.kind.section,
            },
        );
        ctx
    }

    fn rich(&self, text: Option<&RichText>, mentions: &Mentions, root: &str) -> Option<String> {
        text.map(|t| to_html(self.site, t, mentions, root))
    }

    fn article_card(&self, i: ArticleIx, root: &str) -> ArticleCard {
        let a = &self.site.articles[i];
        ArticleCard {
            slug: a.slug.clone(),
            title: a.title.clone(),
            href: url::article(root, &a.slug),
            date: DateCtx {
                iso: a.date.iso(),
                display: a.date.to_string(),
            },
            kicker: a.kicker.clone(),
            byline: a.byline.clone(),
            summary: a.summary.clone(),
        }
    }

    fn actor_card(&self, i: ActorIx, root: &str) -> ActorCard {
        let a = &self.site.actors[i];
        ActorCard {
            id: a.id.clone(),
            name: a.name.clone(),
            href: url::actor(root, &a.id),
            kind: a.kind.as_str(),
            kind_label: a.kind.label(),
            role: a.role.clone(),
            initials: initials(&a.name),
            tone: tone(&a.id),
            weight: self.graph.weight(i),
        }
    }

    fn actor_link(&self, i: ActorIx, root: &str) -> LinkCtx {
        let a = &self.site.actors[i];
        LinkCtx {
            text: a.name.clone(),
            href: url::actor(root, &a.id),
        }
    }

    fn source_card(&self, i: SourceIx, root: &str) -> SourceCard {
        let s = &self.site.sources[i];
        SourceCard {
            id: s.id.clone(),
            name: s.name.clone(),
            href: url::source(root, &s.id),
            kind: s.kind.as_str(),
            kind_label: s.kind.label(),
            url: s.url.clone(),
        }
    }

    fn event_item(&self, i: EventIx, root: &str) -> EventItem {
        let e = &self.site.events[i];
        let site = self.site;
        EventItem {
            id: e.id.clone(),
            title: e.title.clone(),
            href: url::event(root, &e.id),
            when: when_ctx(&e.when),
            status: e.status.as_str(),
            status_label: e.status.plural(),
            place: e.place.clone(),
            summary_html: self.rich(e.summary.as_ref(), &self.graph.mentions.events[i], root),
            actors: self
                .graph
                .refs::<Event, Actor>(i)
                .map(|a| self.actor_link(a, root))
                .collect(),
            sources: e
                .sources
                .iter()
                .map(|&s| LinkCtx {
                    text: site.sources[s].name.clone(),
                    href: url::source(root, &site.sources[s].id),
                })
                .collect(),
            articles: e
                .articles
                .iter()
                .map(|&a| LinkCtx {
                    text: site.articles[a].title.clone(),
                    href: url::article(root, &site.articles[a].slug),
                })
                .collect(),
            tags: e.tags.clone(),
        }
    }

    fn event_value(&self, i: EventIx, root: &str) -> Value {
        if root == self.record_root.as_str() {
            self.deep_events[i.get()]
                .get_or_init(|| Value::from_serializable(&self.event_item(i, root)))
                .clone()
        } else {
            Value::from_serializable(&self.event_item(i, root))
        }
    }

    /// An [`ArticleFull`] as a template value, its events shared.
    fn article_full(&self, i: ArticleIx, root: &str) -> Value {
        let a = &self.site.articles[i];
        let base = ArticleFull {
            card: self.article_card(i, root),
            url: a.url.clone(),
            body_html: match self.bodies.and_then(|b| b.get(i.get())) {
                Some(body) if root == self.record_root.as_str() => body.clone(),
                _ => to_html(self.site, &a.body, &self.graph.mentions.articles[i], root),
            },
            credit: a.credit.as_ref().map(|c| CreditCtx {
                label: c.label.clone(),
                names: c
                    .names
                    .iter()
                    .map(|n| CreditNameCtx {
                        text: n.text.clone(),
                        href: n
                            .source
                            .map(|s| url::source(root, &self.site.sources[s].id)),
                    })
                    .collect(),
            }),
            tags: a.tags.clone(),
            sources: a
                .sources
                .iter()
                .map(|&s| self.source_card(s, root))
                .collect(),
            actors: self
                .graph
                .refs::<Article, Actor>(i)
                .map(|x| self.actor_card(x, root))
                .collect(),
            events: Vec::new(),
        };
        let events = self.graph.cited_by::<Article, Event>(i);
        with_events(&base, events.map(|e| self.event_value(e, root)).collect())
    }

    /// An [`ActorFull`] as a template value, its events shared.
    fn actor_full(&self, i: ActorIx, root: &str) -> Value {
        let a = &self.site.actors[i];
        let links = &self.graph.actors[i];
        let base = ActorFull {
            card: self.actor_card(i, root),
            country: a.country.clone(),
            summary_html: self.rich(a.summary.as_ref(), &self.graph.mentions.actors[i], root),
            aliases: a.aliases.clone(),
            links: a
                .links
                .iter()
                .map(|l| ExternalLinkCtx {
                    url: l.url.clone(),
                    label: l.label.clone(),
                })
                .collect(),
            relations: links
                .relations
                .iter()
                .map(|r| RelationCtx {
                    label: r.label.clone(),
                    direction: match r.direction {
                        Direction::Outgoing => "outgoing",
                        Direction::Incoming => "incoming",
                    },
                    actor: self.actor_card(r.other, root),
                })
                .collect(),
            events: Vec::new(),
            articles: links
                .articles
                .iter()
                .map(|x| ActorArticle {
                    article: self.article_card(x.article, root),
                    sentence: x.sentence.clone(),
                    mentions: x.mentions,
                })
                .collect(),
            sources: links
                .sources
                .iter()
                .map(|&s| self.source_card(s, root))
                .collect(),
        };
        let events = self.graph.cited_by::<Actor, Event>(i);
        with_events(&base, events.map(|e| self.event_value(e, root)).collect())
    }

    /// A [`SourceFull`] as a template value, its events shared.
    fn source_full(&self, i: SourceIx, root: &str) -> Value {
        let s = &self.site.sources[i];
        let base = SourceFull {
            card: self.source_card(i, root),
            archive_url: s.archive_url.clone(),
            aliases: s.aliases.clone(),
            description_html: self.rich(
                s.description.as_ref(),
                &self.graph.mentions.sources[i],
                root,
            ),
            articles: self
                .graph
                .cited_by::<Source, Article>(i)
                .map(|a| self.article_card(a, root))
                .collect(),
            events: Vec::new(),
        };
        let events = self.graph.cited_by::<Source, Event>(i);
        with_events(&base, events.map(|e| self.event_value(e, root)).collect())
    }
}

fn sorted_by_name<'s, T>(
    ix: impl Iterator<Item = Ix<T>>,
    name: impl Fn(Ix<T>) -> &'s String,
) -> Vec<Ix<T>> {
    let mut v: Vec<Ix<T>> = ix.collect();
    v.sort_by_cached_key(|&i| (deunicode::deunicode(name(i)).to_lowercase(), i));
    v
}

fn when_ctx(w: &When) -> WhenCtx {
    WhenCtx {
        start: DateCtx {
            iso: w.start.iso(),
            display: w.start.to_string(),
        },
        end: w.end.map(|e| DateCtx {
            iso: e.iso(),
            display: e.to_string(),
        }),
        approximate: w.approximate,
        display: w.display(),
        year: w.start.year,
    }
}

/// Up to two capital letters: the first and last capitalised words
/// ("Francois de Rugy" → "FR", "NSO Group" → "NG", "Morocco" → "M").
pub(super) fn initials(name: &str) -> String {
    let caps: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .filter(|c| c.is_uppercase() || c.is_numeric())
        .collect();
    let letters: Vec<char> = match caps.as_slice() {
        [] => name
            .chars()
            .find(|c| c.is_alphanumeric())
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect(),
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    letters.into_iter().collect()
}

/// A stable small number from an id (FNV-1a), to vary badge colours.
pub(super) fn tone(id: &str) -> u8 {
    let mut h: u32 = 0x811c9dc5;
    for b in id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x01000193);
    }
    (h % 8) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monogram_initials() {
        assert_eq!(initials("Francois de Rugy"), "FR");
        assert_eq!(initials("NSO Group"), "NG");
        assert_eq!(initials("Morocco"), "M");
        assert_eq!(initials("Ram Ben-Barak"), "RB");
        assert_eq!(initials("élan"), "É");
    }
}
