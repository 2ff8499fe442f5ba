//! Possible actors (content format 1.1, Command line, `dossier suggest`):
//! names written like proper names (capitalised words, with particles and
//! initials) at least `min` times in the articles, that are no actor's
//! name or alias and no source's. A shorter form written after the full
//! name in the same article ("Varga-Hohl" after "Ilse Varga-Hohl") counts
//! as that name; so does the same form in other articles when no other
//! name was ever seen with it. A short form written after an actor's own
//! name is not a possible actor but a possible alias of that actor.
//!
//! Each article is read once (`scan`), in parallel; what is read is then
//! counted across articles here. The rules, and the words that name no one
//! (`words`), are in docs/decisions.md ("dossier suggest").

mod nearest;
mod scan;
mod words;

pub use nearest::{Closeness, Nearest};

use crate::diag::Diagnostic;
use crate::link::{Matcher, sentence};
use crate::model::{ActorIx, ArticleIx, Site};
use rayon::prelude::*;
use scan::{Full, Occurrence, Place};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// A name that may deserve an actor record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PossibleActor {
    /// The name in its full form, as the matcher compares names: NFC,
    /// straight quotes, one space between words.
    pub name: String,
    /// How many times it is written in the articles, its short forms
    /// included.
    pub count: usize,
    /// The articles that name it, in the site's order (newest first).
    pub articles: Vec<ArticleIx>,
    /// The sentence where the oldest of those articles first names it (in
    /// full when it does), quoted as an actor's page quotes one.
    pub sentence: String,
    /// The article that sentence is from.
    pub sentence_in: ArticleIx,
    /// Every form written and how often: the name first, then the most
    /// frequent.
    pub forms: Vec<(String, usize)>,
    /// The forms to record as aliases: every form but the name, less any
    /// that is also a form of another possible actor or a possible alias
    /// (the same alias on two actors is an error).
    pub aliases: Vec<String>,
    /// An id for its record: the name's slug, unique among the actors and
    /// the possible actors listed before it.
    pub id: String,
    /// The existing actor whose name it looks like a variant of (a
    /// possible alias), if any.
    pub nearest: Option<Nearest>,
}

/// A short form written after an actor's name in the same article, which
/// is not one of its aliases: mentions of it are not linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PossibleAlias {
    pub actor: ActorIx,
    /// The short form, folded like [`PossibleActor::name`].
    pub alias: String,
    /// How many times it is written (in articles naming the actor before
    /// it, and in others when no other name was seen with it).
    pub count: usize,
    /// The articles it is written in, newest first.
    pub articles: Vec<ArticleIx>,
    /// The sentence where the oldest of them first writes it.
    pub sentence: String,
    pub sentence_in: ArticleIx,
}

/// What `dossier suggest` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestions {
    /// Most often written first, then by name.
    pub actors: Vec<PossibleActor>,
    /// Most often written first, then by alias.
    pub aliases: Vec<PossibleAlias>,
    /// The articles whose text could not be read again (a file changed or
    /// went while dossier ran), in the site's order: each is an error, as
    /// the lists above leave what it holds out.
    pub unread: Vec<Diagnostic>,
}

impl Suggestions {
    /// The possible actors, or the articles whose text could not be read
    /// again, without which the list would be wrong.
    fn actors_read(self) -> Result<Vec<PossibleActor>, Vec<Diagnostic>> {
        if self.unread.is_empty() {
            Ok(self.actors)
        } else {
            Err(self.unread)
        }
    }
}

impl PossibleActor {
    /// Its record, ready to paste into `actors.yaml` (or a file in
    /// `actors/`): a YAML list item with `id`, `name`, `kind: other` and,
    /// when it has any, `aliases`. Strings are double-quoted (JSON
    /// strings are YAML), so no name can break the file.
    pub fn record(&self) -> String {
        let quoted = |s: &str| serde_json::Value::from(s).to_string();
        let mut out = format!(
            "- id: {}\n  name: {}\n  kind: other\n",
            self.id,
            quoted(&self.name)
        );
        if !self.aliases.is_empty() {
            let list: Vec<String> = self.aliases.iter().map(|a| quoted(a)).collect();
            out.push_str(&format!("  aliases: [{}]\n", list.join(", ")));
        }
        out
    }
}

/// How many times a name must be written to be listed, unless told
/// otherwise (`dossier suggest --min`, and `check`'s warning).
pub const DEFAULT_MIN: usize = 3;

/// The possible actors of the site: names written at least `min` times
/// (`min` 0 is taken as 1). What `check` counts for its warning, with
/// [`DEFAULT_MIN`]; the site must hold the whole text of its articles
/// (`model::Keep::Whole`), or only their first paragraphs are read.
/// `Err`: the articles whose text could not be read again
/// ([`Suggestions::unread`]).
pub fn possible_actors(site: &Site, min: usize) -> Result<Vec<PossibleActor>, Vec<Diagnostic>> {
    suggest(site, min).actors_read()
}

/// [`possible_actors`] for `dossier serve`: only the articles whose text
/// changed since the last call with the same `cache` are read again, as
/// long as no actor's or source's name changed, with the name matcher
/// linking keeps (`names`). The same list as [`possible_actors`] gives.
pub fn possible_actors_with(
    site: &Site,
    min: usize,
    cache: &mut Cache,
    names: &mut crate::link::Cache,
) -> Result<Vec<PossibleActor>, Vec<Diagnostic>> {
    suggest_inner(site, min, Some((cache, names))).actors_read()
}

/// What `dossier serve` keeps from one reading of the articles to the
/// next: what each article's text yielded, and the number of the name
/// matcher it was read with (`link::Cache::matcher`).
#[derive(Default)]
pub struct Cache {
    matcher: u64,
    /// By article file, made from its text: what it yielded.
    articles: crate::kept::PerArticle<crate::model::RichText, Arc<scan::Found>>,
}

/// The possible actors and possible aliases of the site's articles (the
/// published ones, and drafts when the site was built with them), each
/// written at least `min` times (`min` 0 is taken as 1).
pub fn suggest(site: &Site, min: usize) -> Suggestions {
    suggest_inner(site, min, None)
}

fn suggest_inner(
    site: &Site,
    min: usize,
    kept: Option<(&mut Cache, &mut crate::link::Cache)>,
) -> Suggestions {
    let min = min.max(1);
    let (matcher, cache) = match kept {
        Some((cache, names)) => {
            let (matcher, made) = names.matcher(site);
            // Other names change what every text yields.
            if cache.matcher != made {
                cache.matcher = made;
                cache.articles.clear();
            }
            (matcher, Some(cache))
        }
        None => {
            let shields = crate::link::source_names(site);
            (Arc::new(Matcher::new(site.actor_names(), shields)), None)
        }
    };
    let known = cache.as_deref().map(|c| &c.articles);
    // Each article's reading, whether it was read afresh, and why its
    // text could not be read again.
    let read: Vec<(Arc<scan::Found>, bool, Option<Diagnostic>)> = site
        .articles
        .par_iter()
        .map(|a| {
            let held = crate::kinds::Kind::text(a);
            match known
                .zip(held)
                .and_then(|(k, held)| k.get(&a.path, |body| body == held))
            {
                Some(f) => (f.clone(), false, None),
                // A text that cannot be read again yields nothing, and is
                // said: `check` renders no page that would say it.
                None => match a.body_text() {
                    Ok(text) => (Arc::new(scan::article(&matcher, &text)), true, None),
                    Err(d) => (Arc::default(), false, Some(d)),
                },
            }
        })
        .collect();
    if let Some(cache) = cache {
        let fresh = (site.articles.iter().zip(&read))
            .filter(|(_, (_, fresh, _))| *fresh)
            .filter_map(|(a, (f, _, _))| {
                Some((
                    a.path.clone(),
                    crate::kinds::Kind::text(a)?.clone(),
                    f.clone(),
                ))
            });
        cache
            .articles
            .update(site.articles.iter().map(|a| a.path.as_str()), fresh);
    }
    let mut unread = Vec::new();
    let found: Vec<Arc<scan::Found>> = (read.into_iter())
        .map(|(f, _, d)| {
            unread.extend(d);
            f
        })
        .collect();

    // Every full name each short form was written after, in any article.
    let mut owners: FastMap<&str, Vec<&Full>> = FastMap::default();
    for (short, full) in found.iter().flat_map(|f| &f.shorts) {
        let list = owners.entry(short).or_default();
        if !list.contains(&full) {
            list.push(full);
        }
    }
    let mut names: FastMap<&str, Tally> = FastMap::default();
    let mut aliases: FastMap<(ActorIx, &str), Tally> = FastMap::default();
    for (i, f) in found.iter().enumerate() {
        let article = ArticleIx::new(i);
        let key = (site.articles[article].date.key(), i);
        for o in &f.occurrences {
            // A short form alone counts for the one full name seen with it.
            let full = o
                .full
                .as_ref()
                .or_else(|| match owners.get(o.form.as_str()) {
                    Some(list) if list.len() == 1 => Some(list[0]),
                    _ => None,
                });
            match full {
                Some(Full::Actor(a)) => aliases.entry((*a, &o.form)).or_default(),
                Some(Full::Name(n)) => names.entry(n).or_default(),
                None => names.entry(&o.form).or_default(),
            }
            .add(article, key, o, full.is_none());
        }
    }

    let mut listed: Vec<(&str, Tally)> = names
        .into_iter()
        .filter(|(_, t)| t.proven && t.count >= min)
        .collect();
    listed.sort_by(|a, b| by_count_then_name((a.1.count, a.0), (b.1.count, b.0)));
    let mut alias_list: Vec<((ActorIx, &str), Tally)> = aliases
        .into_iter()
        .filter(|(_, t)| t.count >= min)
        .collect();
    alias_list.sort_by(|a, b| {
        by_count_then_name((a.1.count, a.0.1), (b.1.count, b.0.1)).then(a.0.0.cmp(&b.0.0))
    });

    // A form of two possible actors, or also a possible alias, is an
    // alias of none: the record would clash with another.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (name, t) in &listed {
        for form in t.forms.keys().filter(|f| f != name) {
            *seen.entry(form.clone()).or_default() += 1;
        }
    }
    let taken: HashSet<&str> = (listed.iter().map(|(n, _)| *n))
        .chain(alias_list.iter().map(|((_, a), _)| *a))
        .collect();
    let ambiguous = |form: &str| seen.get(form).is_some_and(|&n| n > 1) || taken.contains(form);

    let actors_index = (!listed.is_empty()).then(|| nearest::Actors::new(site));
    let mut ids: HashSet<String> = site.actors.iter().map(|a| a.id.clone()).collect();
    let mut sentences = Sentences::new(site);
    let actors = listed
        .into_iter()
        .map(|(name, t)| {
            let mut forms: Vec<(String, usize)> =
                t.forms.iter().map(|(f, &n)| (f.to_string(), n)).collect();
            forms.sort_by(|a, b| {
                (b.0 == name)
                    .cmp(&(a.0 == name))
                    .then(by_count_then_name((a.1, &a.0), (b.1, &b.0)))
            });
            let aliases = forms
                .iter()
                .filter(|(f, _)| f != name && !ambiguous(f))
                .map(|(f, _)| f.clone())
                .collect();
            let (sentence, sentence_in) = sentences.of(&t);
            PossibleActor {
                name: name.to_owned(),
                count: t.count,
                articles: t.articles,
                sentence,
                sentence_in,
                forms,
                aliases,
                id: unique_id(name, &mut ids),
                nearest: actors_index.as_ref().and_then(|a| a.nearest(name)),
            }
        })
        .collect();
    let aliases = alias_list
        .into_iter()
        .map(|((actor, alias), t)| {
            let (sentence, sentence_in) = sentences.of(&t);
            PossibleAlias {
                actor,
                alias: alias.to_owned(),
                count: t.count,
                articles: t.articles,
                sentence,
                sentence_in,
            }
        })
        .collect();
    Suggestions {
        actors,
        aliases,
        unread,
    }
}

/// A map over the names read in every article: hashed with FNV, as the
/// word lists are (see `words::Fnv`).
type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<words::Fnv>>;

/// Most often written first, then by name ignoring case, then as written.
fn by_count_then_name(a: (usize, &str), b: (usize, &str)) -> std::cmp::Ordering {
    b.0.cmp(&a.0)
        .then_with(|| a.1.to_lowercase().cmp(&b.1.to_lowercase()))
        .then_with(|| a.1.cmp(b.1))
}

/// What is counted of one name (or one possible alias) across articles.
#[derive(Default)]
struct Tally {
    count: usize,
    /// Whether it is written somewhere a capital means a name: not only as
    /// one word opening sentences ("However").
    proven: bool,
    articles: Vec<ArticleIx>,
    /// Each form written, with how often.
    forms: BTreeMap<String, usize>,
    /// Where the oldest article first writes it: the name itself if it is
    /// written there, else any form.
    first: Option<(FirstOrder, ArticleIx, Place)>,
}

/// Which place is first: (not the name itself, article date, site order).
type FirstOrder = (bool, (u16, u8, u8), usize);

impl Tally {
    /// Counts `o`, read in `article` (sorting as `key`); `own` when it is
    /// the name itself, not a short form.
    fn add(&mut self, article: ArticleIx, key: ((u16, u8, u8), usize), o: &Occurrence, own: bool) {
        self.count += 1;
        self.proven |= !o.unproven;
        if self.articles.last() != Some(&article) {
            self.articles.push(article);
        }
        *self.forms.entry(o.form.clone()).or_default() += 1;
        let order = (!own, key.0, key.1);
        if self.first.as_ref().is_none_or(|f| order < f.0) {
            self.first = Some((order, article, o.at));
        }
    }
}

/// The first sentences of the names listed, each article's blocks made
/// once however many names it holds.
struct Sentences<'s> {
    site: &'s Site,
    blocks: HashMap<ArticleIx, Vec<scan::Block>>,
}

impl<'s> Sentences<'s> {
    fn new(site: &'s Site) -> Self {
        Sentences {
            site,
            blocks: HashMap::new(),
        }
    }

    fn of(&mut self, t: &Tally) -> (String, ArticleIx) {
        let Some((_, article, at)) = t.first else {
            return (String::new(), ArticleIx::new(0));
        };
        let site = self.site;
        let blocks = self.blocks.entry(article).or_insert_with(|| {
            scan::blocks(&site.articles[article].body_text().unwrap_or_default())
        });
        let text = blocks
            .get(at.block as usize)
            .map(|b| sentence::sentence_of(&b.text, at.start as usize, at.end as usize))
            .unwrap_or_default();
        (text, article)
    }
}

/// The slug of `name` (at most 80 characters, cut before a `-`), made
/// unique among `ids` with `-2`, `-3`…, and added to them.
fn unique_id(name: &str, ids: &mut HashSet<String>) -> String {
    let slug = crate::model::slug::slugify(name);
    let mut base = slug.as_str();
    if base.len() > 80 {
        let cut = base[..=80].rfind('-').unwrap_or(80);
        base = &base[..cut];
    }
    let base = if base.is_empty() { "actor" } else { base };
    let mut id = base.to_owned();
    let mut n = 2;
    while ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    ids.insert(id.clone());
    id
}
