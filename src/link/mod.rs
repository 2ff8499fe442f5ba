//! Links between records, computed once for the whole site: mentions of
//! actors in every text, and every backlink (an actor's events, articles
//! and sources; a source's citing articles and events; relations in both
//! directions). Everything is indexed by position, so no join is quadratic.

mod matcher;

pub use matcher::{Hit, Matcher};

use crate::model::{ActorIx, ArticleIx, EventIx, RichText, Site, SourceIx};
use pulldown_cmark::{Event, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use unicode_segmentation::UnicodeSegmentation;

/// A name found in a text: which text event it is in, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: ActorIx,
    /// Index of the `Event::Text` in the text's event list.
    pub event: usize,
    /// Byte range inside that text event.
    pub start: usize,
    pub end: usize,
}

/// The mentions of one text, in reading order.
#[derive(Debug, Clone, Default)]
pub struct Mentions(pub Vec<Mention>);

impl Mentions {
    /// For every actor mentioned: how often, and the sentence of the first
    /// mention. Each text event is split into sentences once, however many
    /// actors it names (a long paragraph naming thousands of actors stays
    /// linear).
    pub fn summary(&self, text: &RichText) -> HashMap<ActorIx, (usize, String)> {
        let mut out: HashMap<ActorIx, (usize, String)> = HashMap::new();
        let mut split: Option<(usize, Vec<usize>)> = None;
        for m in &self.0 {
            if let Some(entry) = out.get_mut(&m.actor) {
                entry.0 += 1;
                continue;
            }
            let Event::Text(t) = &text.events[m.event] else {
                continue;
            };
            if split.as_ref().is_none_or(|(e, _)| *e != m.event) {
                split = Some((m.event, sentence_starts(t)));
            }
            let starts = split.as_ref().map(|(_, s)| s.as_slice()).unwrap_or(&[]);
            out.insert(
                m.actor,
                (1, sentence_at(starts, t, m.start).trim().to_owned()),
            );
        }
        out
    }

    fn actors(&self) -> impl Iterator<Item = ActorIx> + '_ {
        self.0.iter().map(|m| m.actor)
    }
}

/// Byte offsets where the sentences of `t` start.
fn sentence_starts(t: &str) -> Vec<usize> {
    t.split_sentence_bound_indices().map(|(i, _)| i).collect()
}

/// The sentence of `t` containing byte `at`, given the sentence starts.
fn sentence_at<'t>(starts: &[usize], t: &'t str, at: usize) -> &'t str {
    let i = starts.partition_point(|&s| s <= at).saturating_sub(1);
    let start = starts.get(i).copied().unwrap_or(0);
    let end = starts.get(i + 1).copied().unwrap_or(t.len());
    t[start..end].trim()
}

/// Which way a relation points, as seen from the actor whose page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Outgoing,
    Incoming,
}

#[derive(Debug, Clone)]
pub struct RelationLink {
    pub other: ActorIx,
    pub label: String,
    pub direction: Direction,
}

/// An article on an actor's page.
#[derive(Debug, Clone)]
pub struct ArticleRef {
    pub article: ArticleIx,
    /// The sentence of the first mention, when the text mentions the actor.
    pub sentence: Option<String>,
    /// How many times the text mentions the actor.
    pub mentions: usize,
}

#[derive(Debug, Default)]
pub struct ActorLinks {
    /// Date order.
    pub events: Vec<EventIx>,
    /// Newest first.
    pub articles: Vec<ArticleRef>,
    pub relations: Vec<RelationLink>,
    /// The sources behind those articles and events, in content order.
    pub sources: Vec<SourceIx>,
}

#[derive(Debug, Default)]
pub struct ArticleLinks {
    /// Named in the metadata or mentioned, in order of first appearance.
    pub actors: Vec<ActorIx>,
    /// Events that cite the article, in date order.
    pub events: Vec<EventIx>,
}

#[derive(Debug, Default)]
pub struct EventLinks {
    /// Named in the record or mentioned in its summary.
    pub actors: Vec<ActorIx>,
}

#[derive(Debug, Default)]
pub struct SourceLinks {
    pub articles: Vec<ArticleIx>,
    pub events: Vec<EventIx>,
}

/// Everything computed from the site's records, read-only after [`link`].
#[derive(Debug, Default)]
pub struct Graph {
    pub article_body: Vec<Mentions>,
    pub actor_summary: Vec<Mentions>,
    pub event_summary: Vec<Mentions>,
    pub source_description: Vec<Mentions>,
    pub actors: Vec<ActorLinks>,
    pub articles: Vec<ArticleLinks>,
    pub events: Vec<EventLinks>,
    pub sources: Vec<SourceLinks>,
}

/// Finds the mentions in a text: Text events outside code, links, images
/// and headings. Inline code is its own event kind and is never matched.
pub fn find_mentions(matcher: &Matcher, text: &RichText, skip_actor: Option<ActorIx>) -> Mentions {
    let mut out = Vec::new();
    let mut blocked = 0usize;
    for (i, event) in text.events.iter().enumerate() {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. },
            ) => blocked += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)) => {
                blocked = blocked.saturating_sub(1)
            }
            Event::Text(t) if blocked == 0 => {
                for hit in matcher.find(t) {
                    if Some(hit.actor) != skip_actor {
                        out.push(Mention {
                            actor: hit.actor,
                            event: i,
                            start: hit.start,
                            end: hit.end,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    Mentions(out)
}

fn mentions_of<T: Sync>(
    matcher: &Matcher,
    records: &[T],
    text: impl Fn(&T) -> Option<&RichText> + Sync,
    skip: impl Fn(usize) -> Option<ActorIx> + Sync,
) -> Vec<Mentions> {
    records
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            text(r)
                .map(|t| find_mentions(matcher, t, skip(i)))
                .unwrap_or_default()
        })
        .collect()
}

/// Computes every mention and backlink of the site.
pub fn link(site: &Site) -> Graph {
    let matcher = Matcher::new(site.actor_names());
    let article_body = mentions_of(&matcher, &site.articles, |a| Some(&a.body), |_| None);
    // An actor's own summary does not link to the page it is on.
    let actor_summary = mentions_of(&matcher, &site.actors, |a| a.summary.as_ref(), Some);
    let event_summary = mentions_of(&matcher, &site.events, |e| e.summary.as_ref(), |_| None);
    let source_description = mentions_of(
        &matcher,
        &site.sources,
        |s| s.description.as_ref(),
        |_| None,
    );

    let mut actors: Vec<ActorLinks> = site.actors.iter().map(|_| ActorLinks::default()).collect();
    let mut sources: Vec<SourceLinks> = site
        .sources
        .iter()
        .map(|_| SourceLinks::default())
        .collect();
    let mut articles: Vec<ArticleLinks> = Vec::with_capacity(site.articles.len());
    let mut actor_sources: Vec<BTreeSet<SourceIx>> = vec![BTreeSet::new(); site.actors.len()];

    // Articles, newest first, so each actor's list comes out in that order.
    for (ai, article) in site.articles.iter().enumerate() {
        let mentions = &article_body[ai];
        let mut seen = HashSet::new();
        let in_story: Vec<ActorIx> = mentions
            .actors()
            .chain(article.actors.iter().copied())
            .filter(|a| seen.insert(*a))
            .collect();
        let mut found = mentions.summary(&article.body);
        for &actor in &in_story {
            let (count, sentence) = found
                .remove(&actor)
                .map_or((0, None), |(n, s)| (n, Some(s)));
            actors[actor].articles.push(ArticleRef {
                article: ai,
                sentence,
                mentions: count,
            });
            actor_sources[actor].extend(article.sources.iter().copied());
        }
        for &s in &article.sources {
            sources[s].articles.push(ai);
        }
        articles.push(ArticleLinks {
            actors: in_story,
            events: Vec::new(),
        });
    }

    let mut events: Vec<EventLinks> = Vec::with_capacity(site.events.len());
    for (ei, event) in site.events.iter().enumerate() {
        let mut named: Vec<ActorIx> = event.actors.clone();
        for actor in event_summary[ei].actors() {
            if !named.contains(&actor) {
                named.push(actor);
            }
        }
        for &actor in &named {
            actors[actor].events.push(ei);
            actor_sources[actor].extend(event.sources.iter().copied());
        }
        for &s in &event.sources {
            sources[s].events.push(ei);
        }
        for &a in &event.articles {
            articles[a].events.push(ei);
        }
        events.push(EventLinks { actors: named });
    }

    for (ai, actor) in site.actors.iter().enumerate() {
        for rel in &actor.relations {
            actors[ai].relations.push(RelationLink {
                other: rel.actor,
                label: rel.label.clone(),
                direction: Direction::Outgoing,
            });
            actors[rel.actor].relations.push(RelationLink {
                other: ai,
                label: rel.label.clone(),
                direction: Direction::Incoming,
            });
        }
    }
    for (links, srcs) in actors.iter_mut().zip(actor_sources) {
        links.sources = srcs.into_iter().collect();
    }

    Graph {
        article_body,
        actor_summary,
        event_summary,
        source_description,
        actors,
        articles,
        events,
        sources,
    }
}

impl Graph {
    /// How often an actor is cited: articles plus events. Orders "key actors".
    pub fn weight(&self, actor: ActorIx) -> usize {
        let a = &self.actors[actor];
        a.articles.len() + a.events.len()
    }
}
