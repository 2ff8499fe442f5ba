//! Links between records, computed once for the whole site: mentions of
//! actors in every text, and every backlink (an actor's events, articles
//! and sources; a source's citing articles and events; relations in both
//! directions). Everything is indexed by position, so no join is quadratic.

mod matcher;

pub use matcher::{Hit, Matcher, name_key};

use crate::kinds::{Actor, Article, Event, Ix, Kind, PerRecord, Ref, Refer, Source, Table};
use crate::model::{ActorIx, ArticleIx, RichText, Site, SourceIx};
use pulldown_cmark::{Event as Md, Tag, TagEnd};
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
    /// mention. Each text event is segmented into sentences at most once,
    /// forward from a boundary before its first mention, however many actors
    /// it names (a long paragraph naming thousands of actors stays linear).
    pub fn summary(&self, text: &RichText) -> HashMap<ActorIx, (usize, String)> {
        let mut out: HashMap<ActorIx, (usize, String)> = HashMap::new();
        let mut sentences: Option<Sentences> = None;
        for m in &self.0 {
            if let Some(entry) = out.get_mut(&m.actor) {
                entry.0 += 1;
                continue;
            }
            let Md::Text(t) = &text.events[m.event] else {
                continue;
            };
            let reusable = sentences
                .as_ref()
                .is_some_and(|s| s.event == m.event && s.current.0 <= m.start);
            let s = match (&mut sentences, reusable) {
                (Some(s), true) => s,
                (slot, _) => slot.insert(Sentences::new(m.event, t, m.start)),
            };
            out.insert(m.actor, (1, s.containing(m.start).trim().to_owned()));
        }
        out
    }

    fn actors(&self) -> impl Iterator<Item = ActorIx> + '_ {
        self.0.iter().map(|m| m.actor)
    }
}

/// The sentences (Unicode sentence boundaries) of one text event, segmented
/// lazily and only forward: mentions come in reading order. Segmenting is
/// the costly part of linking, so it starts at the nearest boundary before
/// the first mention that is certain from the bytes alone, not at the start
/// of a paragraph that may be long.
struct Sentences<'t> {
    event: usize,
    text: &'t str,
    /// Where segmenting started: `iter`'s offsets are relative to it.
    from: usize,
    iter: unicode_segmentation::USentenceBoundIndices<'t>,
    /// The last sentence produced, as a byte range of `text`.
    current: (usize, usize),
}

impl<'t> Sentences<'t> {
    fn new(event: usize, text: &'t str, at: usize) -> Self {
        let from = certain_boundary_before(text, at);
        Sentences {
            event,
            text,
            from,
            iter: text[from..].split_sentence_bound_indices(),
            current: (from, from),
        }
    }

    /// The sentence containing byte `at` (at or after the last one asked for).
    fn containing(&mut self, at: usize) -> &'t str {
        while self.current.1 <= at {
            let Some((i, s)) = self.iter.next() else {
                return "";
            };
            self.current = (self.from + i, self.from + i + s.len());
        }
        &self.text[self.current.0..self.current.1]
    }
}

/// The sentence of `t` containing byte `at`, trimmed.
#[cfg(test)]
fn sentence_around(t: &str, at: usize) -> &str {
    Sentences::new(0, t, at).containing(at).trim()
}

/// The last position `q <= at` where a sentence certainly starts: 0, or an
/// ASCII capital preceded by `.`, `!` or `?`, ASCII closing marks and at
/// least one space. Under the Unicode rules (UAX #29) a break there follows
/// from SB11, none of SB6-SB10 applying before a capital after a space, and
/// no rule looks back across a capital, so segmenting from `q` finds the
/// same boundaries after it as segmenting from the start.
fn certain_boundary_before(t: &str, at: usize) -> usize {
    let b = t.as_bytes();
    let is_close = |c: u8| matches!(c, b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}');
    let mut q = at.min(b.len().saturating_sub(1));
    while q > 0 {
        if b[q].is_ascii_uppercase() && b[q - 1] == b' ' {
            let mut i = q - 1;
            while i > 0 && b[i] == b' ' {
                i -= 1;
            }
            while i > 0 && is_close(b[i]) {
                i -= 1;
            }
            if matches!(b[i], b'.' | b'!' | b'?') {
                return q;
            }
        }
        q -= 1;
    }
    0
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

/// What an actor's page shows beyond its backlinks.
#[derive(Debug, Default)]
pub struct ActorLinks {
    /// The articles that name the actor, newest first, with the sentence
    /// of the first mention.
    pub articles: Vec<ArticleRef>,
    /// Relations both ways.
    pub relations: Vec<RelationLink>,
    /// The sources behind those articles and events, in content order.
    pub sources: Vec<SourceIx>,
}

macro_rules! link_storage {
    (all { $($p:ident: $t:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        /// The mentions found in each record's text, per kind.
        #[derive(Debug, Default)]
        pub struct Mentioned {
            $(pub $p: PerRecord<$t, Mentions>,)*
        }

        /// One list of references per record, per kind (what [`Graph`]
        /// keeps both ways; read through [`Graph::refs`] and
        /// [`Graph::cited_by`]).
        #[derive(Debug, Default)]
        pub struct RefLists {
            $($p: PerRecord<$t, Vec<Ref>>,)*
        }

        impl RefLists {
            /// Adds `from` to the list of `to`.
            fn push(&mut self, to: Ref, from: Ref) {
                match to {
                    $(Ref::$t(to) => self.$p[to].push(from),)*
                }
            }
        }

        $(
            impl Linked for $t {
                fn lists(r: &RefLists) -> &PerRecord<Self, Vec<Ref>> {
                    &r.$p
                }
            }
        )*

        /// The mentions in every record's text but the articles' (those
        /// are found with their sentences, and cached, by [`link_inner`]).
        fn mentions_but_articles(site: &Site, matcher: &Matcher) -> Mentioned {
            let mut found = Mentioned::default();
            $(
                if <$t as Kind>::INFO.plural != <Article as Kind>::INFO.plural {
                    found.$p = mentions_in(matcher, &site.$p);
                }
            )*
            found
        }

        /// Every record's references (declared, and actors its text
        /// mentions), and their inverse: for every record, who refers to it,
        /// in list order of kinds and display order of records. The one
        /// pass that makes every backlink.
        fn references(site: &Site, mentioned: &Mentioned) -> (RefLists, RefLists) {
            let forward = RefLists {
                $($p: site.$p.each(|i| {
                    let actors: Vec<ActorIx> = mentioned.$p[i].actors().collect();
                    let mut out = Vec::new();
                    site.$p[i].references(&actors, &mut out);
                    out
                }),)*
            };
            let mut back = RefLists {
                $($p: site.$p.each(|_| Vec::new()),)*
            };
            $(
                for (i, refs) in forward.$p.iter().enumerate() {
                    let from = Ref::$t(Ix::new(i));
                    for &to in refs {
                        back.push(to, from);
                    }
                }
            )*
            (forward, back)
        }
    };
}
crate::with_kinds!(link_storage);

/// The mentions in the text of each record of a kind.
fn mentions_in<K: Kind>(matcher: &Matcher, table: &Table<K>) -> PerRecord<K, Mentions> {
    PerRecord::from_vec(
        table
            .par_iter()
            .enumerate()
            .map(|(i, r)| {
                r.text()
                    .map(|t| find_mentions(matcher, t, K::own_actor(Ix::new(i))))
                    .unwrap_or_default()
            })
            .collect(),
    )
}

/// A kind whose references linking keeps (every kind of the list).
pub trait Linked: Kind + Refer {
    #[doc(hidden)]
    fn lists(r: &RefLists) -> &PerRecord<Self, Vec<Ref>>;
}

/// Everything computed from the site's records, read-only after [`link`].
#[derive(Debug, Default)]
pub struct Graph {
    /// The mentions in each record's text, to link them when rendering.
    pub mentions: Mentioned,
    /// What each record refers to.
    forward: RefLists,
    /// Who refers to each record.
    back: RefLists,
    /// What actor pages show beyond backlinks.
    pub actors: PerRecord<Actor, ActorLinks>,
}

impl Graph {
    /// The records of kind `To` that `from` refers to, in its order
    /// (an article's actors, an event's sources…).
    pub fn refs<From: Linked, To: Linked>(
        &self,
        from: Ix<From>,
    ) -> impl Iterator<Item = Ix<To>> + '_ {
        From::lists(&self.forward)[from]
            .iter()
            .filter_map(|&r| To::of(r))
    }

    /// The records of kind `From` that refer to `to`, in display order
    /// (a source's articles, an actor's events…).
    pub fn cited_by<To: Linked, From: Linked>(
        &self,
        to: Ix<To>,
    ) -> impl Iterator<Item = Ix<From>> + '_ {
        To::lists(&self.back)[to]
            .iter()
            .filter_map(|&r| From::of(r))
    }

    /// How often an actor is cited: articles plus events. Orders "key actors".
    pub fn weight(&self, actor: ActorIx) -> usize {
        self.actors[actor].articles.len() + self.cited_by::<Actor, Event>(actor).count()
    }
}

/// Finds the mentions in a text: Text events outside code, links, images
/// and headings. Inline code is its own event kind and is never matched.
pub fn find_mentions(matcher: &Matcher, text: &RichText, skip_actor: Option<ActorIx>) -> Mentions {
    let mut out = Vec::new();
    let mut blocked = 0usize;
    for (i, event) in text.events.iter().enumerate() {
        match event {
            Md::Start(
                Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. },
            ) => blocked += 1,
            Md::End(TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)) => {
                blocked = blocked.saturating_sub(1)
            }
            Md::Text(t) if blocked == 0 => {
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

/// What linking found in each article, kept by `dossier serve` from one
/// rebuild to the next: finding mentions and their sentences in every
/// article is most of this stage, and an edit changes one article. An
/// article whose text is as it was, while every actor's names are as they
/// were, keeps what was found in it.
#[derive(Default)]
pub struct Cache {
    /// The names the matcher was built from.
    names: Vec<(ActorIx, String)>,
    /// The source names and aliases it was built with.
    shields: Vec<String>,
    /// By article file: its text, its mentions, and their summary.
    articles: HashMap<String, Found>,
}

type Summary = HashMap<ActorIx, (usize, String)>;

struct Found {
    body: RichText,
    mentions: Mentions,
    summary: Summary,
}

impl Cache {
    pub fn new() -> Self {
        Cache::default()
    }
}

/// Every source name and alias: they shield the actor names inside them
/// ("Radio France" mentions no actor "France").
fn source_names(site: &Site) -> impl Iterator<Item = &str> {
    site.sources
        .iter()
        .flat_map(|s| std::iter::once(s.name.as_str()).chain(s.aliases.iter().map(String::as_str)))
}

/// Computes every mention and backlink of the site.
pub fn link(site: &Site) -> Graph {
    link_inner(site, None)
}

/// [`link`], reusing what `cache` found in articles that did not change.
/// The result is the one [`link`] gives.
pub fn link_with(site: &Site, cache: &mut Cache) -> Graph {
    link_inner(site, Some(cache))
}

fn link_inner(site: &Site, mut cache: Option<&mut Cache>) -> Graph {
    let matcher = Matcher::new(site.actor_names(), source_names(site));
    if let Some(cache) = cache.as_deref_mut() {
        let names: Vec<(ActorIx, String)> =
            site.actor_names().map(|(i, n)| (i, n.to_owned())).collect();
        let shields: Vec<String> = source_names(site).map(str::to_owned).collect();
        if cache.names != names || cache.shields != shields {
            cache.names = names;
            cache.shields = shields;
            cache.articles.clear();
        }
    }
    // Mentions in each article, and for every actor mentioned how often and
    // the sentence of the first mention (segmenting text into sentences is
    // costly): found for all articles in parallel, or taken from the cache.
    let known = cache.as_deref().map(|c| &c.articles);
    let found: Vec<(Mentions, Summary, bool)> = site
        .articles
        .par_iter()
        .map(|a| {
            let cached = known
                .and_then(|k| k.get(&a.path))
                .filter(|f| f.body == a.body);
            match cached {
                Some(f) => (f.mentions.clone(), f.summary.clone(), false),
                None => {
                    let mentions = find_mentions(&matcher, &a.body, None);
                    let summary = mentions.summary(&a.body);
                    (mentions, summary, true)
                }
            }
        })
        .collect();
    if let Some(cache) = cache {
        let paths: HashSet<&str> = site.articles.iter().map(|a| a.path.as_str()).collect();
        cache
            .articles
            .retain(|path, _| paths.contains(path.as_str()));
        for (a, (mentions, summary, new)) in site.articles.iter().zip(&found) {
            if *new {
                let f = Found {
                    body: a.body.clone(),
                    mentions: mentions.clone(),
                    summary: summary.clone(),
                };
                cache.articles.insert(a.path.clone(), f);
            }
        }
    }
    let (article_body, mut summaries): (Vec<Mentions>, Vec<Summary>) =
        found.into_iter().map(|(m, s, _)| (m, s)).unzip();
    let mut mentions = mentions_but_articles(site, &matcher);
    mentions.articles = PerRecord::from_vec(article_body);
    let (forward, back) = references(site, &mentions);
    let mut graph = Graph {
        mentions,
        forward,
        back,
        actors: PerRecord::default(),
    };

    // What an actor's page adds: the sentence of the first mention in each
    // article, the sources behind its articles and events, relations.
    let mut actors = site.actors.each(|_| ActorLinks::default());
    for a in site.actors.ixs() {
        let mut sources = BTreeSet::new();
        for article in graph.cited_by::<Actor, Article>(a) {
            let (count, sentence) = summaries[article.get()]
                .remove(&a)
                .map_or((0, None), |(n, s)| (n, Some(s)));
            actors[a].articles.push(ArticleRef {
                article,
                sentence,
                mentions: count,
            });
            sources.extend(graph.refs::<Article, Source>(article));
        }
        for event in graph.cited_by::<Actor, Event>(a) {
            sources.extend(graph.refs::<Event, Source>(event));
        }
        actors[a].sources = sources.into_iter().collect();
    }
    for (ai, actor) in site.actors.enumerate() {
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
    graph.actors = actors;
    graph
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Segmenting the whole text: what `sentence_around` must agree with.
    fn sentence_by_full_split(t: &str, at: usize) -> &str {
        t.split_sentence_bound_indices()
            .find(|(i, s)| *i <= at && at < i + s.len())
            .map(|(_, s)| s.trim())
            .unwrap_or("")
    }

    #[test]
    fn sentences_around_mentions() {
        let t = "Mr. Roe met Acme. He said \"no.\" Then Acme left! U.S. Steel? (Yes.) Done";
        for (at, _) in t.char_indices() {
            assert_eq!(
                sentence_around(t, at),
                sentence_by_full_split(t, at),
                "at {at}"
            );
        }
        assert_eq!(
            sentence_around(t, t.find("Then").unwrap()),
            "Then Acme left!"
        );
    }

    proptest! {
        #[test]
        fn starting_at_a_certain_boundary_changes_nothing(
            parts in proptest::collection::vec(prop_oneof![
                Just("."), Just("!"), Just("?"), Just(" "), Just("  "), Just("A"), Just("Bo"),
                Just("a"), Just("x"), Just("1"), Just("\""), Just("'"), Just("("), Just(")"),
                Just("]"), Just(","), Just(";"), Just("-"), Just("’"), Just("”"), Just("é"),
                Just("É"), Just("\n"), Just("\u{2029}"), Just("\u{AD}"), Just("\u{301}"),
                Just("\t"), Just("…"), Just("。"), Just("漢"),
            ], 0..40)
        ) {
            let t: String = parts.concat();
            for (at, _) in t.char_indices() {
                prop_assert_eq!(sentence_around(&t, at), sentence_by_full_split(&t, at));
            }
            // One cursor asked for positions in reading order, as `summary` does.
            let mut positions = t.char_indices().map(|(i, _)| i).step_by(3);
            if let Some(first) = positions.next() {
                let mut cursor = Sentences::new(0, &t, first);
                prop_assert_eq!(cursor.containing(first).trim(), sentence_by_full_split(&t, first));
                for at in positions {
                    prop_assert_eq!(cursor.containing(at).trim(), sentence_by_full_split(&t, at));
                }
            }
        }
    }
}
