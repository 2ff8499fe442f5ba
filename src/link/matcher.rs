//! Finding every actor name and alias in a text in one pass.
//!
//! All names go into one Aho-Corasick automaton, so the cost of a text is
//! linear in its length whatever the number of actors. Matching is
//! case-sensitive, on Unicode word boundaries, leftmost-longest, and treats
//! typographic and straight apostrophes and quotes as the same character.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A name found in a text: byte range in the original text, and its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub actor: crate::model::ActorIx,
}

pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern: the actor it names, and whether its first and last
    /// characters are word characters (only those need a boundary check).
    patterns: Vec<(crate::model::ActorIx, bool, bool)>,
}

fn needs_folding(text: &str) -> bool {
    text.chars().any(|c| crate::quotes::fold(c) != c)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Matcher {
    /// `names` are (actor index, name or alias). Names are unique by the
    /// time they get here: the model refuses a name shared by two actors.
    pub fn new<'a>(names: impl IntoIterator<Item = (crate::model::ActorIx, &'a str)>) -> Matcher {
        let mut folded = Vec::new();
        let mut patterns = Vec::new();
        for (actor, name) in names {
            let name: String = name.chars().map(crate::quotes::fold).collect();
            let (Some(first), Some(last)) = (name.chars().next(), name.chars().last()) else {
                continue;
            };
            patterns.push((actor, is_word_char(first), is_word_char(last)));
            folded.push(name);
        }
        let automaton = if folded.is_empty() {
            None
        } else {
            // Standard semantics so that overlapping matches are all seen;
            // leftmost-longest is chosen below among the matches that sit on
            // word boundaries (a longer name that fails the boundary check
            // must not hide a shorter one that passes).
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&folded)
                .ok()
        };
        Matcher {
            automaton,
            patterns,
        }
    }

    /// Every mention in `text`, leftmost-longest, non-overlapping, in order.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        // Fold typographic quotes; keep a map back to the original offsets.
        let (haystack, back): (std::borrow::Cow<str>, Option<Vec<usize>>) = if needs_folding(text) {
            let mut s = String::with_capacity(text.len());
            let mut map = Vec::with_capacity(text.len() + 1);
            for (i, c) in text.char_indices() {
                let f = crate::quotes::fold(c);
                for _ in 0..f.len_utf8() {
                    map.push(i);
                }
                s.push(f);
            }
            map.push(text.len());
            (s.into(), Some(map))
        } else {
            (text.into(), None)
        };
        let h: &str = &haystack;
        let mut candidates: Vec<Hit> = Vec::new();
        for m in ac.find_overlapping_iter(h) {
            let (actor, word_start, word_end) = self.patterns[m.pattern().as_usize()];
            if word_start && h[..m.start()].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if word_end && h[m.end()..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            candidates.push(Hit {
                start: m.start(),
                end: m.end(),
                actor,
            });
        }
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut hits = Vec::new();
        let mut taken_to = 0;
        for hit in candidates {
            if hit.start >= taken_to {
                taken_to = hit.end;
                hits.push(hit);
            }
        }
        if let Some(map) = back {
            for hit in &mut hits {
                hit.start = map[hit.start];
                hit.end = map[hit.end];
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Ix;
    use proptest::prelude::*;

    fn names(text: &str, actors: &[(usize, &str)]) -> Vec<(String, usize)> {
        let m = Matcher::new(actors.iter().map(|&(i, n)| (Ix::new(i), n)));
        m.find(text)
            .into_iter()
            .map(|h| (text[h.start..h.end].to_owned(), h.actor.get()))
            .collect()
    }

    #[test]
    fn word_boundaries_are_unicode_aware() {
        let actors = [(0, "Bennett"), (1, "NSO")];
        assert_eq!(
            names("Bennetts and Bennett", &actors),
            [("Bennett".into(), 0)]
        );
        assert_eq!(names("NSO's spyware", &actors), [("NSO".into(), 1)]);
        assert_eq!(names("NSO’s spyware", &actors), [("NSO".into(), 1)]);
        assert!(names("éNSO", &actors).is_empty());
        assert!(names("NSOé", &actors).is_empty());
    }

    #[test]
    fn longest_name_wins() {
        let actors = [(0, "NSO"), (1, "NSO Group")];
        assert_eq!(
            names("Israel’s NSO Group said", &actors),
            [("NSO Group".into(), 1)]
        );
        // A longer name that fails the boundary does not hide the shorter one.
        assert_eq!(names("the NSO Groups", &actors), [("NSO".into(), 0)]);
    }

    #[test]
    fn case_sensitive() {
        assert!(names("macron", &[(0, "Macron")]).is_empty());
    }

    #[test]
    fn apostrophes_match_either_way() {
        let actors = [(0, "O'Brien"), (1, "Prime Minister’s Office")];
        assert_eq!(names("Mr O’Brien", &actors), [("O’Brien".into(), 0)]);
        assert_eq!(
            names("The Prime Minister's Office", &actors),
            [("Prime Minister's Office".into(), 1)]
        );
    }

    proptest! {
        #[test]
        fn hits_are_ordered_disjoint_and_on_char_boundaries(text in ".{0,200}") {
            let m = Matcher::new(
                [(0, "a"), (1, "ab"), (2, "’b"), (3, "é")].map(|(i, n)| (Ix::new(i), n)),
            );
            let mut last = 0;
            for hit in m.find(&text) {
                prop_assert!(hit.start >= last && hit.end > hit.start);
                prop_assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
                last = hit.end;
            }
        }
    }
}
