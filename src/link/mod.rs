//! Links between records, computed once for the whole site: mentions of
//! actors in every text, and every backlink (an actor's events, articles
//! and sources; a source's citing articles and events; relations in both
//! directions). Everything is indexed by position, so no join is quadratic.

mod matcher;
pub mod sentence;

pub use matcher::{FoldedText, Hit, Known, Matcher, name_key};

use crate::kinds::{
    Actor, Article, Event, Ix, Kind, PerRecord, Ref, Refer, Source, Statement, Table,
};
use crate::model::{ActorIx, ArticleIx, MentionLinks, RichText, Site, SourceIx};
use pulldown_cmark::{Event as Md, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A name found in a text: where it starts and ends, and whether it is a
/// link. A name may run across a line break inside a paragraph, so it
/// may end in a later text event than it starts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: ActorIx,
    /// Index of the `Event::Text` it starts in, in the text's event list.
    pub event: usize,
    /// Byte offset of its start in that text event.
    pub start: usize,
    /// Index of the `Event::Text` it ends in (`event`, or a later one of
    /// the same paragraph, past soft or hard breaks).
    pub end_event: usize,
    /// Byte offset of its end in that text event.
    pub end: usize,
    /// Whether it becomes a link to the actor's page: never inside an
    /// existing link; with `mention_links: first`, only the first linkable
    /// mention of each actor in the text (content format 1.1, Mentions).
    pub link: bool,
}

/// The mentions of one text, in reading order. Shared: `dossier serve`
/// keeps each text's mentions from one rebuild to the next and hands the
/// same list to every rebuild's links.
#[derive(Debug, Clone, Default)]
pub struct Mentions(pub Arc<[Mention]>);

impl Mentions {
    /// For every actor mentioned: how often, and the sentence of the first
    /// mention (see [`sentence`]). The sentence is found in the plain text
    /// of the paragraph (or other block) around the mention, so a line
    /// break, emphasis or a link inside it does not cut it. Each block is
    /// made and read once, forward, however many actors it names (a long
    /// paragraph naming thousands of actors stays linear).
    pub fn summary(&self, text: &RichText) -> HashMap<ActorIx, (usize, String)> {
        let mut out: HashMap<ActorIx, (usize, String)> = HashMap::new();
        let mut block: Option<Block> = None;
        for m in self.0.iter() {
            if let Some(entry) = out.get_mut(&m.actor) {
                entry.0 += 1;
                continue;
            }
            if !block.as_ref().is_some_and(|b| b.events.contains(&m.event)) {
                block = Block::around(text, m.event);
            }
            let Some(b) = block.as_mut() else {
                continue;
            };
            // A name across a line break ends in a later text event.
            let (Some(at), Some(end_at)) = (b.offset(m.event), b.offset(m.end_event)) else {
                continue;
            };
            let quoted = b.sentences.quote(at + m.start, end_at + m.end);
            out.insert(m.actor, (1, quoted));
        }
        out
    }

    /// The mentions of a record's text and those of its quote
    /// ([`Kind::quote`]), whose event indices start at `text_len`, the
    /// number of events of the text: each part as found in its own text.
    pub fn split(&self, text_len: usize) -> (Mentions, Mentions) {
        let (text, quote): (Vec<Mention>, Vec<Mention>) =
            self.0.iter().cloned().partition(|m| m.event < text_len);
        let quote = quote
            .into_iter()
            .map(|mut m| {
                m.event -= text_len;
                m.end_event -= text_len;
                m
            })
            .collect::<Vec<_>>();
        (Mentions(text.into()), Mentions(quote.into()))
    }

    fn actors(&self) -> impl Iterator<Item = ActorIx> + '_ {
        self.0.iter().map(|m| m.actor)
    }
}

/// The plain text of the block of inline events (a paragraph, a heading, a
/// list item's text…) around one event: text and code as written, line
/// breaks as `\n`, emphasis and links left out but not their text, images
/// left out with their text.
struct Block {
    /// The events it spans.
    events: std::ops::Range<usize>,
    /// Where each text event of it starts in the plain text, by event.
    offsets: Vec<(usize, usize)>,
    sentences: sentence::Sentences,
}

/// How an event takes part in a block's plain text.
enum Inline<'e> {
    Text(&'e str),
    Break,
    /// Emphasis, links and the like: their text is part of the block.
    Transparent,
    /// An image: its alt text is not.
    ImageStart,
    ImageEnd,
    /// Anything else ends the block.
    Boundary,
}

fn inline<'e>(e: &'e Md<'_>) -> Inline<'e> {
    match e {
        Md::Text(t) | Md::Code(t) => Inline::Text(t),
        Md::SoftBreak | Md::HardBreak => Inline::Break,
        Md::Start(Tag::Image { .. }) => Inline::ImageStart,
        Md::End(TagEnd::Image) => Inline::ImageEnd,
        Md::Start(
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. },
        )
        | Md::End(
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link,
        )
        | Md::FootnoteReference(_)
        | Md::InlineHtml(_)
        | Md::InlineMath(_) => Inline::Transparent,
        _ => Inline::Boundary,
    }
}

impl Block {
    /// The block around event `at`, if that is text.
    fn around(text: &RichText, at: usize) -> Option<Block> {
        let events = &text.events;
        if !matches!(inline(events.get(at)?), Inline::Text(_)) {
            return None;
        }
        let mut from = at;
        while from > 0 && !matches!(inline(&events[from - 1]), Inline::Boundary) {
            from -= 1;
        }
        let mut to = at + 1;
        while to < events.len() && !matches!(inline(&events[to]), Inline::Boundary) {
            to += 1;
        }
        let mut plain = String::new();
        let mut offsets = Vec::new();
        let mut images = 0usize;
        for (i, e) in events.iter().enumerate().take(to).skip(from) {
            match inline(e) {
                Inline::Text(t) if images == 0 => {
                    offsets.push((i, plain.len()));
                    plain.push_str(t);
                }
                Inline::Break if images == 0 => plain.push('\n'),
                Inline::ImageStart => images += 1,
                Inline::ImageEnd => images = images.saturating_sub(1),
                _ => {}
            }
        }
        Some(Block {
            events: from..to,
            offsets,
            sentences: sentence::Sentences::new(plain),
        })
    }

    /// Where text event `event` starts in the block's plain text.
    fn offset(&self, event: usize) -> Option<usize> {
        self.offsets
            .binary_search_by_key(&event, |o| o.0)
            .ok()
            .map(|k| self.offsets[k].1)
    }
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
    /// How often the actor is cited: articles plus events (see
    /// [`Graph::weight`]); counted once here, read on every actor card.
    weight: usize,
}

macro_rules! link_storage {
    (all { $($p:ident: $t:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        /// The mentions found in each record's text, per kind.
        #[derive(Debug, Default)]
        pub struct Mentioned {
            $(pub $p: PerRecord<$t, Mentions>,)*
            /// The actors that id links lead to in each article whose
            /// text is not held (`Body::InFile`), found as it was read for
            /// its mentions; empty for the others, whose texts are read
            /// where the references are made.
            linked_in_articles: Vec<Vec<ActorIx>>,
        }

        impl Mentioned {
            /// The actors id links lead to in record `r`'s text, when it
            /// was read for its mentions only.
            fn linked_in(&self, r: Ref) -> impl Iterator<Item = ActorIx> + '_ {
                let list = match r {
                    Ref::Article(i) => self.linked_in_articles.get(i.get()),
                    _ => None,
                };
                list.into_iter().flatten().copied()
            }
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
        ///
        /// `kept`: what `dossier serve` keeps of each record's mentions,
        /// by kind, made with the same names and `mention_links`.
        fn mentions_but_articles(
            site: &Site,
            matcher: &Matcher,
            mut kept: Option<&mut HashMap<&'static str, Vec<KeptText>>>,
        ) -> Mentioned {
            let mut found = Mentioned::default();
            $(
                let name = <$t as Kind>::INFO.name;
                if name != <Article as Kind>::INFO.name {
                    let kept = kept.as_deref_mut().map(|k| k.entry(name).or_default());
                    found.$p = mentions_in(matcher, &site.$p, site.config.mention_links, kept);
                }
            )*
            found
        }

        /// Every record's references (declared, and actors its text
        /// mentions), and their inverse: for every record, who refers to it,
        /// in list order of kinds and display order of records. The one
        /// pass that makes every backlink.
        fn references(
            site: &Site,
            matcher: &Matcher,
            mentioned: &Mentioned,
        ) -> (RefLists, RefLists) {
            // Each record's references, in parallel: titles are searched
            // here, and there are tens of thousands of events.
            let forward = RefLists {
                $($p: PerRecord::from_vec(
                    site.$p
                        .par_iter()
                        .enumerate()
                        .map(|(i, record)| {
                            let i = Ix::new(i);
                            // Texts that are counted, not linked (an event's
                            // title), come first: they are read first.
                            let actors: Vec<ActorIx> = record
                                .counted_text()
                                .into_iter()
                                .flat_map(|t| matcher.find(t))
                                .map(|hit| hit.actor)
                                .filter(|&a| Some(a) != <$t as Kind>::own_actor(i))
                                .chain(mentioned.$p[i].actors())
                                .chain(
                                    linked_actors(site, record.text())
                                        .chain(mentioned.linked_in(Ref::$t(i)))
                                        .filter(|&a| Some(a) != <$t as Kind>::own_actor(i)),
                                )
                                .collect();
                            let mut out = Vec::new();
                            record.references(&actors, &mut out);
                            out
                        })
                        .collect(),
                ),)*
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

/// The actors that id links in `text` lead to (`[the company](actor:acme)`):
/// such a link counts as a mention of the actor, whatever its text, so the
/// record is listed on the actor's page and the actor among the record's.
/// Links to records of other kinds are for reading on, and add no
/// backlink (a source is cited with `sources`, an event with `articles`).
fn linked_actors<'s>(
    site: &'s Site,
    text: Option<&'s RichText>,
) -> impl Iterator<Item = ActorIx> + 's {
    text.into_iter()
        .flat_map(|t| t.events.iter())
        .filter_map(move |e| match e {
            Md::Start(Tag::Link { dest_url, .. }) => match site.links.target(dest_url) {
                Some(crate::model::Target::Record(Ref::Actor(a))) => Some(*a),
                _ => None,
            },
            _ => None,
        })
}

/// The mentions in the text of each record of a kind.
fn mentions_in<K: Kind>(
    matcher: &Matcher,
    table: &Table<K>,
    links: MentionLinks,
    kept: Option<&mut Vec<KeptText>>,
) -> PerRecord<K, Mentions> {
    let known = kept.as_deref();
    let found: Vec<(Mentions, bool)> = table
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let same = |k: &&KeptText| k.text.as_ref() == r.text() && k.quote.as_ref() == r.quote();
            if let Some(k) = known.and_then(|k| k.get(i)).filter(same) {
                return (k.mentions.clone(), false);
            }
            let own = K::own_actor(Ix::new(i));
            let found = r
                .text()
                .map(|t| find_mentions(matcher, t, own, links))
                .unwrap_or_default();
            // A quote is a text of its own; its mentions follow the
            // text's, counted on from the text's last event.
            let Some(q) = r.quote() else {
                return (found, true);
            };
            let offset = r.text().map_or(0, |t| t.events.len());
            let quoted = find_mentions(matcher, q, own, links);
            let moved = quoted.0.iter().map(|m| Mention {
                event: m.event + offset,
                end_event: m.end_event + offset,
                ..m.clone()
            });
            (
                Mentions(found.0.iter().cloned().chain(moved).collect()),
                true,
            )
        })
        .collect();
    if let Some(kept) = kept {
        kept.resize_with(table.len(), KeptText::default);
        for ((k, r), (mentions, fresh)) in kept.iter_mut().zip(table.iter()).zip(&found) {
            if *fresh {
                *k = KeptText {
                    text: r.text().cloned(),
                    quote: r.quote().cloned(),
                    mentions: mentions.clone(),
                };
            }
        }
    }
    PerRecord::from_vec(found.into_iter().map(|(m, _)| m).collect())
}

/// A record's texts as linking last found them, and their mentions: kept
/// by `dossier serve` for the record at the same place of its kind's list.
/// Finding the mentions in 20,000 event summaries again after a
/// one-article edit was a quarter of linking (issue 18); a text kept
/// with the events is the very same text, compared by pointer.
#[derive(Default)]
struct KeptText {
    text: Option<RichText>,
    quote: Option<RichText>,
    mentions: Mentions,
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
        self.actors[actor].weight
    }
}

/// Finds the mentions in a text: in runs of text outside code, images
/// and headings, a run being a paragraph's text between inline markup,
/// line breaks included (a name may be split by one). Inline code is its
/// own event kind and is never matched. Mentions inside an existing link
/// are counted but not links; `links` says which of the others are.
pub fn find_mentions(
    matcher: &Matcher,
    text: &RichText,
    skip_actor: Option<ActorIx>,
    links: MentionLinks,
) -> Mentions {
    let mut found = Runs::new(matcher, skip_actor, links);
    let mut blocked = 0usize;
    let mut in_link = 0usize;
    for (i, event) in text.events.iter().enumerate() {
        match event {
            Md::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::Heading { .. }) => {
                found.flush(in_link > 0);
                blocked += 1;
            }
            Md::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::Heading(_)) => {
                found.flush(in_link > 0);
                blocked = blocked.saturating_sub(1);
            }
            Md::Start(Tag::Link { .. }) => {
                found.flush(in_link > 0);
                in_link += 1;
            }
            Md::End(TagEnd::Link) => {
                found.flush(in_link > 0);
                in_link = in_link.saturating_sub(1);
            }
            Md::Text(t) if blocked == 0 => found.push(i, t),
            Md::SoftBreak | Md::HardBreak if blocked == 0 && !found.run.is_empty() => {
                found.run.push('\n');
            }
            _ => found.flush(in_link > 0),
        }
    }
    found.flush(in_link > 0);
    Mentions(found.out.into())
}

/// The mentions of one text, found run by run.
struct Runs<'m> {
    matcher: &'m Matcher,
    skip_actor: Option<ActorIx>,
    every: bool,
    /// The text of the current run, line breaks as `\n`.
    run: String,
    /// Each text event of the run, and where its text starts in `run`.
    pieces: Vec<(usize, usize)>,
    /// Actors whose mention in this text is a link already.
    linked: HashSet<ActorIx>,
    out: Vec<Mention>,
}

impl<'m> Runs<'m> {
    fn new(matcher: &'m Matcher, skip_actor: Option<ActorIx>, links: MentionLinks) -> Self {
        Runs {
            matcher,
            skip_actor,
            every: links == MentionLinks::Every,
            run: String::new(),
            pieces: Vec::new(),
            linked: HashSet::new(),
            out: Vec::new(),
        }
    }

    fn push(&mut self, event: usize, t: &str) {
        self.pieces.push((event, self.run.len()));
        self.run.push_str(t);
    }

    /// The text event holding byte `at` of the run, and the offset in it.
    fn locate(&self, at: usize) -> (usize, usize) {
        let k = self.pieces.partition_point(|&(_, start)| start <= at);
        let (event, start) = self.pieces[k.saturating_sub(1)];
        (event, at - start)
    }

    /// Matches the run so far, and starts a new one.
    fn flush(&mut self, in_link: bool) {
        if !self.pieces.is_empty() {
            for hit in self.matcher.find(&self.run) {
                if Some(hit.actor) == self.skip_actor {
                    continue;
                }
                let (event, start) = self.locate(hit.start);
                let (end_event, end) = self.locate(hit.end.saturating_sub(1));
                let link = !in_link && (self.every || self.linked.insert(hit.actor));
                self.out.push(Mention {
                    actor: hit.actor,
                    event,
                    start,
                    end_event,
                    end: end + 1,
                    link,
                });
            }
        }
        self.run.clear();
        self.pieces.clear();
    }
}

/// What linking found in each record's text, kept by `dossier serve` from
/// one rebuild to the next: finding mentions (and, in articles, their
/// sentences) in every text is most of this stage, and an edit changes
/// one article. A text as it was, while every actor's names and
/// `mention_links` are as they were, keeps what was found in it; so does
/// the matcher made of the names.
#[derive(Default)]
pub struct Cache {
    /// The names the matcher was built from.
    names: Vec<(ActorIx, String)>,
    /// The source names and aliases it was built with.
    shields: Vec<String>,
    /// Which mentions were made links (`mention_links` in site.yaml).
    links: Option<MentionLinks>,
    /// The matcher of those names: making it again (2,000 actors, their
    /// aliases and the source names) was a sixth of linking at 10,000
    /// articles (issue 18), and the possible-actors warning reads the
    /// articles with it too.
    matcher: Option<Arc<Matcher>>,
    /// How many matchers this cache has made: what another stage kept
    /// from reading with an earlier one is stale ([`Cache::matcher`]).
    made: u64,
    /// By article file, made from its text: its mentions, and their summary.
    articles: crate::kept::PerArticle<RichText, (Mentions, Arc<Summary>)>,
    /// By kind, the other records' texts and their mentions.
    texts: HashMap<&'static str, Vec<KeptText>>,
}

type Summary = HashMap<ActorIx, (usize, String)>;

impl Cache {
    pub fn new() -> Self {
        Cache::default()
    }

    /// The matcher of `site`'s actor names, shielded by its source names,
    /// kept while they are unchanged, and its number: a new number means
    /// other names, and anything found with the last matcher is stale
    /// (this cache's mentions are forgotten here).
    pub(crate) fn matcher(&mut self, site: &Site) -> (Arc<Matcher>, u64) {
        let names: Vec<(ActorIx, String)> =
            site.actor_names().map(|(i, n)| (i, n.to_owned())).collect();
        let shields: Vec<String> = source_names(site).map(str::to_owned).collect();
        let matcher = match &self.matcher {
            Some(m) if self.names == names && self.shields == shields => m.clone(),
            _ => {
                let m = Arc::new(Matcher::new(site.actor_names(), source_names(site)));
                self.names = names;
                self.shields = shields;
                self.matcher = Some(m.clone());
                self.made += 1;
                self.articles.clear();
                self.texts.clear();
                m
            }
        };
        (matcher, self.made)
    }
}

/// Every source name and alias: they shield the actor names inside them
/// ("Radio France" mentions no actor "France").
pub(crate) fn source_names(site: &Site) -> impl Iterator<Item = &str> {
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
    let matcher = match cache.as_deref_mut() {
        Some(cache) => {
            let (matcher, _) = cache.matcher(site);
            let links = Some(site.config.mention_links);
            if cache.links != links {
                cache.links = links;
                cache.articles.clear();
                cache.texts.clear();
            }
            matcher
        }
        None => Arc::new(Matcher::new(site.actor_names(), source_names(site))),
    };
    // Mentions in each article, and for every actor mentioned how often and
    // the sentence of the first mention (segmenting text into sentences is
    // costly): found for all articles in parallel, or taken from the cache.
    let known = cache.as_deref().map(|c| &c.articles);
    // A text not held is read again here (`Body::InFile`); one that
    // cannot be is left without mentions: its page says what is wrong.
    let found: Vec<(Mentions, Arc<Summary>, Vec<ActorIx>, bool)> = site
        .articles
        .par_iter()
        .map(|a| {
            let held = a.text();
            let cached = known
                .zip(held)
                .and_then(|(k, held)| k.get(&a.path, |body| body == held));
            match cached {
                Some((mentions, summary)) => (mentions.clone(), summary.clone(), Vec::new(), false),
                None => {
                    let text = a.body_text().unwrap_or_default();
                    let mentions = find_mentions(&matcher, &text, None, site.config.mention_links);
                    let summary = Arc::new(mentions.summary(&text));
                    let linked = match held {
                        Some(_) => Vec::new(),
                        None => linked_actors(site, Some(&text)).collect(),
                    };
                    (mentions, summary, linked, true)
                }
            }
        })
        .collect();
    if let Some(cache) = cache.as_deref_mut() {
        let fresh = (site.articles.iter().zip(&found))
            .filter(|(_, (_, _, _, new))| *new)
            .filter_map(|(a, (mentions, summary, _, _))| {
                let kept = (mentions.clone(), summary.clone());
                Some((a.path.clone(), a.text()?.clone(), kept))
            });
        cache
            .articles
            .update(site.articles.iter().map(|a| a.path.as_str()), fresh);
    }
    let mut article_body = Vec::with_capacity(found.len());
    let mut summaries = Vec::with_capacity(found.len());
    let mut linked_in_articles = Vec::with_capacity(found.len());
    for (m, s, l, _) in found {
        article_body.push(m);
        summaries.push(s);
        linked_in_articles.push(l);
    }
    let mut mentions = mentions_but_articles(site, &matcher, cache.map(|c| &mut c.texts));
    mentions.articles = PerRecord::from_vec(article_body);
    mentions.linked_in_articles = linked_in_articles;
    let (forward, back) = references(site, &matcher, &mentions);
    let mut graph = Graph {
        mentions,
        forward,
        back,
        actors: PerRecord::default(),
    };

    // What an actor's page adds: the sentence of the first mention in each
    // article, the sources behind its articles and events, relations.
    let mut actors = site.actors.each(|_| ActorLinks::default());
    // The sources behind an actor's records, each once: which actor each
    // source was last added for (a set per actor was a sixth of linking
    // at 10,000 articles, issue 18).
    let mut added_for: Vec<Option<ActorIx>> = vec![None; site.sources.len()];
    for a in site.actors.ixs() {
        let mut sources = Vec::new();
        let mut add = |s: Ix<Source>| {
            if added_for[s.get()] != Some(a) {
                added_for[s.get()] = Some(a);
                sources.push(s);
            }
        };
        for article in graph.cited_by::<Actor, Article>(a) {
            let (count, sentence) = summaries[article.get()]
                .get(&a)
                .map_or((0, None), |(n, s)| (*n, Some(s.clone())));
            actors[a].articles.push(ArticleRef {
                article,
                sentence,
                mentions: count,
            });
            graph.refs::<Article, Source>(article).for_each(&mut add);
        }
        let mut events = 0;
        for event in graph.cited_by::<Actor, Event>(a) {
            graph.refs::<Event, Source>(event).for_each(&mut add);
            events += 1;
        }
        sources.sort_unstable();
        actors[a].sources = sources;
        actors[a].weight = actors[a].articles.len() + events;
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
    use crate::model::text::parse_markdown;

    fn summary(markdown: &str, names: &[&str]) -> Vec<(usize, usize, String)> {
        let matcher = Matcher::new(
            names.iter().enumerate().map(|(i, &n)| (Ix::new(i), n)),
            ["Radio Roe"],
        );
        let (body, _) = parse_markdown(markdown, &Default::default());
        let mut out: Vec<(usize, usize, String)> =
            find_mentions(&matcher, &body, None, MentionLinks::First)
                .summary(&body)
                .into_iter()
                .map(|(a, (n, s))| (a.get(), n, s))
                .collect();
        out.sort();
        out
    }

    #[test]
    fn the_sentence_of_the_first_mention_spans_the_paragraph() {
        let md = "Officials said the chief executive of the company, Jane\nRoe, met them \
                  twice. The winner was **Acme**\nShipping, a [family](https://x.example) firm.\n\n\
                  # Roe\n\n\
                  “We had nothing to do with it,” Roe told Radio Roe. Acme’s Dr. Who agreed.";
        assert_eq!(
            summary(md, &["Roe", "Acme", "Who"]),
            [
                (
                    0,
                    2,
                    "Officials said the chief executive of the company, Jane Roe, met them twice."
                        .into()
                ),
                (1, 2, "The winner was Acme Shipping, a family firm.".into()),
                (2, 1, "Acme’s Dr. Who agreed.".into()),
            ]
        );
    }

    #[test]
    fn a_quotation_opened_in_an_earlier_line_of_the_paragraph() {
        let md = "He was asked about it.\n“We did nothing. We had nothing\nto do with it,” *Roe* told the programme.";
        assert_eq!(
            summary(md, &["Roe"]),
            [(
                0,
                1,
                "“We did nothing. We had nothing to do with it,” Roe told the programme.".into()
            )]
        );
    }
}
