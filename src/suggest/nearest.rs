//! The existing actor a possible actor's name looks like a variant of (a
//! possible alias): the same letters but for accents, case and
//! punctuation ("Tomas Reyes", "Tomás Reyes"), a shorter form ("Gelfand",
//! "Chaim Gelfand"), its initials ("CPJ", "Committee to Protect
//! Journalists"), or a spelling a letter or two away ("Martha Kellner",
//! "Marta Kellner").

use crate::model::{ActorIx, Site};
use std::collections::HashMap;

/// How a name is close to an actor's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Closeness {
    /// The same letters but for accents, case and punctuation.
    SameLetters,
    /// Some of the words of the actor's name or alias ("Gelfand").
    ShorterForm,
    /// The initials of the actor's name, or the other way round.
    Initials,
    /// Spelt a letter or two differently (edit distance at most a fifth
    /// of the name).
    Spelling,
}

impl Closeness {
    /// How it is shown: `… looks like actor x (X): <why>`.
    pub fn describe(self) -> &'static str {
        match self {
            Closeness::SameLetters => "the same letters but for accents, case or punctuation",
            Closeness::ShorterForm => "a shorter form of its name",
            Closeness::Initials => "its initials, or the name they stand for",
            Closeness::Spelling => "spelt almost the same",
        }
    }
}

/// The existing actor nearest to a possible actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nearest {
    pub actor: ActorIx,
    /// The actor's name or alias the possible actor is close to.
    pub name: String,
    pub how: Closeness,
}

/// Below this similarity (strsim's normalised Damerau–Levenshtein on the
/// loose forms) two spellings are different names.
const SPELLING: f64 = 0.8;

/// Every actor's names, indexed for [`Actors::nearest`].
pub(super) struct Actors<'s> {
    /// (actor, name or alias, loose form, initials of a name of 2 words or more).
    names: Vec<(ActorIx, &'s str, String)>,
    by_loose: HashMap<String, usize>,
    /// Each word of a loose form, and each word's first 3 letters, to the
    /// names that have it: what a spelling variant shares with its name.
    by_word: HashMap<String, Vec<usize>>,
    by_initials: HashMap<String, usize>,
}

impl<'s> Actors<'s> {
    pub(super) fn new(site: &'s Site) -> Self {
        let mut actors = Actors {
            names: Vec::new(),
            by_loose: HashMap::new(),
            by_word: HashMap::new(),
            by_initials: HashMap::new(),
        };
        for (ix, name) in site.actor_names() {
            let k = actors.names.len();
            let l = loose(name);
            actors.by_loose.entry(l.clone()).or_insert(k);
            for key in keys(&l) {
                let list = actors.by_word.entry(key).or_default();
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
            if let Some(i) = initials(name) {
                actors.by_initials.entry(i).or_insert(k);
            }
            actors.names.push((ix, name, l));
        }
        actors
    }

    /// The actor `name` looks like a variant of, if any: the closest kind
    /// of closeness first, then the most similar, then the first actor.
    pub(super) fn nearest(&self, name: &str) -> Option<Nearest> {
        let l = loose(name);
        let found = |k: usize, how| {
            let (actor, name, _) = &self.names[k];
            Some(Nearest {
                actor: *actor,
                name: (*name).to_owned(),
                how,
            })
        };
        if let Some(&k) = self.by_loose.get(&l) {
            return found(k, Closeness::SameLetters);
        }
        let words: Vec<&str> = l.split(' ').collect();
        let mut shared: Vec<usize> = keys(&l)
            .iter()
            .flat_map(|key| self.by_word.get(key).into_iter().flatten().copied())
            .collect();
        shared.sort_unstable();
        shared.dedup();
        // Fewest words first: "Gelfand" is nearer "Chaim Gelfand" than
        // "Chaim Gelfand Holdings".
        let shorter = shared
            .iter()
            .filter(|&&k| {
                let theirs: Vec<&str> = self.names[k].2.split(' ').collect();
                theirs.len() > words.len() && words.iter().all(|w| theirs.contains(w))
            })
            .min_by_key(|&&k| (self.names[k].2.split(' ').count(), k));
        if let Some(&k) = shorter {
            return found(k, Closeness::ShorterForm);
        }
        let compact: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
        let acronym = compact.chars().count() >= 2 && !compact.chars().any(char::is_lowercase);
        let by_initials = acronym
            .then(|| self.by_initials.get(&compact).copied())
            .flatten()
            .or_else(|| {
                // Two initials are too many names' ("AB").
                let i = initials(name).filter(|i| i.chars().count() >= 3)?;
                self.by_loose.get(&i.to_lowercase()).copied()
            });
        if let Some(k) = by_initials {
            return found(k, Closeness::Initials);
        }
        let best = shared
            .iter()
            .filter(|&&k| l.chars().count() >= 5 && self.names[k].2.chars().count() >= 5)
            .map(|&k| {
                (
                    strsim::normalized_damerau_levenshtein(&l, &self.names[k].2),
                    k,
                )
            })
            .filter(|&(score, _)| score >= SPELLING)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        best.and_then(|(_, k)| found(k, Closeness::Spelling))
    }
}

/// Accents folded, lower case, every run of other characters one space:
/// "Tomás Ben-Barak" → "tomas ben barak".
fn loose(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a spelling variant shares with a name: each word of 3 letters or
/// more, and its first 3 letters.
fn keys(loose: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in loose.split(' ').filter(|w| w.len() >= 3) {
        out.push(w.to_owned());
        out.push(format!("{}…", &w[..3]));
    }
    out
}

/// The initials of a name of two capitalised words or more ("Committee to
/// Protect Journalists" → "CPJ").
fn initials(name: &str) -> Option<String> {
    let caps: String = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    (caps.chars().count() >= 2).then_some(caps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_forms() {
        assert_eq!(loose("Tomás  Ben-Barak"), "tomas ben barak");
        assert_eq!(loose("O’Brien"), "o brien");
        assert_eq!(initials("Committee to Protect Journalists").unwrap(), "CPJ");
        assert_eq!(initials("Tellurion"), None);
    }
}
