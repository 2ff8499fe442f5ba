//! Finding every actor name and alias in a text in one pass.
//!
//! All names go into one Aho-Corasick automaton, so the cost of a text is
//! linear in its length whatever the number of actors. The rules are the
//! content format's (1.1, "Mentions"):
//!
//! * case-sensitive, on Unicode word boundaries, leftmost-longest;
//! * names and texts compared in NFC, typographic and straight quotes as
//!   the same character, a space in a name matching any run of white space
//!   (all three done by folding: [`name_key`] for names, [`Haystack`] for
//!   texts, which keeps a map back to the bytes as written);
//! * a name that starts with a lower-case letter ("de Rugy") also matches
//!   with that letter in upper case ("De Rugy"), never the other way round;
//! * never inside a URL, a domain name or an e-mail address ([`web_spans`]);
//! * never inside a longer source name or alias: those are patterns too
//!   ("shields"), take part in the leftmost-longest choice and make no hit.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::borrow::Cow;
use std::collections::HashSet;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A name found in a text: byte range in the original text, and its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub actor: crate::model::ActorIx,
}

/// One pattern of the automaton.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// The actor it names; `None` for a source name (a shield).
    actor: Option<crate::model::ActorIx>,
    /// Whether its first and last characters are word characters (only
    /// those need a boundary check).
    word_start: bool,
    word_end: bool,
}

pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

/// The form in which names are compared: NFC, typographic quotes folded to
/// straight ones, every run of white space one space, trimmed. Two names
/// with one key are one name (the model refuses one shared by two actors).
pub fn name_key(name: &str) -> String {
    let name = name.trim();
    if name.chars().all(nfc_on_its_own) {
        fold_name(name.chars())
    } else {
        fold_name(name.nfc())
    }
}

fn fold_name(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut in_space = false;
    for c in chars {
        let c = crate::quotes::fold(c);
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// A word character for boundaries: letters, digits, `_`, and combining
/// marks (which belong to the letter before them: "Zo" is not in "Zö"
/// even when the text spells it `o` + U+0308).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

/// Whether NFC never combines `c` with what comes before it, so a text can
/// be normalised piece by piece, cutting before such characters.
fn starts_segment(c: char) -> bool {
    c < '\u{300}'
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) != IsNormalized::Maybe)
}

/// Whether `c` is in NFC whatever surrounds it (no combining class, quick
/// check yes).
fn nfc_on_its_own(c: char) -> bool {
    c < '\u{300}'
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// A text as matched: NFC, quotes folded, each white-space run one space;
/// with, when that changed anything, the byte offset in the original text
/// of every byte of the folded one (and one past the end).
struct Haystack<'t> {
    text: Cow<'t, str>,
    back: Option<Vec<u32>>,
}

impl<'t> Haystack<'t> {
    fn new(text: &'t str) -> Self {
        if !needs_folding(text) {
            return Haystack {
                text: Cow::Borrowed(text),
                back: None,
            };
        }
        let mut f = Folded {
            out: String::with_capacity(text.len()),
            back: Vec::with_capacity(text.len() + 1),
            in_space: false,
        };
        let bytes = text.as_bytes();
        let ascii_space = |b: u8| b.is_ascii_whitespace() || b == 0x0B;
        let mut i = 0;
        while i < bytes.len() {
            if ascii_space(bytes[i]) {
                f.space(i);
                i += 1;
                continue;
            }
            if bytes[i] < 0x80 {
                // A run of ASCII, as it is; but its last character goes
                // with what follows when NFC may join them.
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] < 0x80 && !ascii_space(bytes[j]) {
                    j += 1;
                }
                if j < bytes.len()
                    && bytes[j] >= 0x80
                    && !text[j..].chars().next().is_some_and(starts_segment)
                {
                    j -= 1;
                }
                if j > i {
                    f.out.push_str(&text[i..j]);
                    f.back.extend(i as u32..j as u32);
                    f.in_space = false;
                    i = j;
                    continue;
                }
            }
            // A segment: a character and those NFC may join to it; every
            // byte it gives maps to its start.
            let mut chars = text[i..].chars();
            let Some(c) = chars.next() else { break };
            let mut end = i + c.len_utf8();
            for d in chars {
                if starts_segment(d) {
                    break;
                }
                end += d.len_utf8();
            }
            if end == i + c.len_utf8() && nfc_on_its_own(c) {
                f.push(c, i);
            } else {
                text[i..end].nfc().for_each(|d| f.push(d, i));
            }
            i = end;
        }
        f.back.push(text.len() as u32);
        Haystack {
            text: Cow::Owned(f.out),
            back: Some(f.back),
        }
    }

    /// The offset in the original text of byte `i` of the folded one.
    fn original(&self, i: usize) -> usize {
        self.back.as_ref().map_or(i, |b| b[i] as usize)
    }
}

/// A folded text being made, with its map back.
struct Folded {
    out: String,
    back: Vec<u32>,
    in_space: bool,
}

impl Folded {
    /// White space at `at`: one space for a run.
    fn space(&mut self, at: usize) {
        if !self.in_space {
            self.out.push(' ');
            self.back.push(at as u32);
            self.in_space = true;
        }
    }

    /// Character `c` (in NFC) of the segment at `at`.
    fn push(&mut self, c: char, at: usize) {
        let c = crate::quotes::fold(c);
        if c.is_whitespace() {
            self.space(at);
        } else {
            self.out.push(c);
            self.back
                .extend(std::iter::repeat_n(at as u32, c.len_utf8()));
            self.in_space = false;
        }
    }
}

/// Whether folding would change `text` (cheap: one look at each character).
fn needs_folding(text: &str) -> bool {
    // Most prose is ASCII with single spaces: told in a pass that the
    // compiler vectorises (every byte from the space to DEL, no double
    // space); reading it a character at a time was a tenth of `check`.
    let b = text.as_bytes();
    let unusual = b.chunks(64).any(|chunk| {
        chunk
            .iter()
            .fold(false, |seen, &c| seen | !(0x20..0x80).contains(&c))
    });
    if !unusual && memchr::memmem::find(b, b"  ").is_none() {
        return false;
    }
    needs_folding_by_char(text)
}

/// [`needs_folding`], a character at a time.
fn needs_folding_by_char(text: &str) -> bool {
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii() {
            if c == ' ' {
                if space {
                    return true;
                }
                space = true;
                continue;
            }
            if c.is_ascii_whitespace() || c == '\x0B' {
                return true;
            }
        } else if c.is_whitespace() || crate::quotes::fold(c) != c || !nfc_on_its_own(c) {
            return true;
        }
        space = false;
    }
    false
}

impl Matcher {
    /// `actors` are (actor index, name or alias); `shields` the names and
    /// aliases of sources, which take part in the leftmost-longest choice
    /// but make no hit ("Radio France" names no actor "France"). Names are
    /// compared by [`name_key`]: the first actor to have a key keeps it (the
    /// model refuses a name shared by two actors), and a key that is both
    /// an actor's and a source's is the actor's.
    pub fn new<'a>(
        actors: impl IntoIterator<Item = (crate::model::ActorIx, &'a str)>,
        shields: impl IntoIterator<Item = &'a str>,
    ) -> Matcher {
        // Every key once, the first to have it keeping it: actors' names,
        // then sources', then the capitalised particles.
        let mut entries: Vec<(String, Option<crate::model::ActorIx>)> = actors
            .into_iter()
            .map(|(actor, name)| (name_key(name), Some(actor)))
            .collect();
        let particles: Vec<(String, Option<crate::model::ActorIx>)> = entries
            .iter()
            .filter(|(key, _)| key.chars().next().is_some_and(char::is_lowercase))
            .map(|(key, actor)| {
                let mut chars = key.chars();
                let first = chars.next().map(char::to_uppercase);
                (first.into_iter().flatten().chain(chars).collect(), *actor)
            })
            .collect();
        entries.extend(shields.into_iter().map(|name| (name_key(name), None)));
        let mut seen: HashSet<&str> = HashSet::with_capacity(entries.len() + particles.len());
        let mut folded: Vec<&str> = Vec::with_capacity(entries.len());
        let mut patterns = Vec::with_capacity(entries.len());
        for (key, actor) in entries.iter().chain(&particles) {
            let (Some(first), Some(last)) = (key.chars().next(), key.chars().next_back()) else {
                continue;
            };
            if seen.insert(key) {
                patterns.push(Pattern {
                    actor: *actor,
                    word_start: is_word_char(first),
                    word_end: is_word_char(last),
                });
                folded.push(key);
            }
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

    /// Every mention in `text`, non-overlapping, in order: where names
    /// overlap, the longest (see [`Matcher::chosen`]).
    pub fn find(&self, text: &str) -> Vec<Hit> {
        if self.automaton.is_none() {
            return Vec::new();
        }
        let hay = Haystack::new(text);
        self.chosen(&hay)
            .into_iter()
            .filter_map(|k| {
                k.actor.map(|actor| Hit {
                    start: hay.original(k.start),
                    end: hay.original(k.end),
                    actor,
                })
            })
            .collect()
    }

    /// Every actor and source name in a folded text, chosen as [`find`]
    /// chooses them, source names included; byte ranges of the folded
    /// text. For `suggest`, which must know every name that has a record.
    ///
    /// [`find`]: Matcher::find
    pub fn find_folded(&self, text: &FoldedText<'_>) -> Vec<Known> {
        self.chosen(&text.0)
    }

    /// The names chosen in `hay`: on word boundaries, outside URLs,
    /// domains and e-mail addresses; where names overlap, the longest
    /// wins (content format 1.1, "Mentions": "the Council of Europe" is
    /// Council of Europe, not an alias "the Council" that starts
    /// earlier), the leftmost of equally long ones. In order, disjoint.
    fn chosen(&self, hay: &Haystack<'_>) -> Vec<Known> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let h: &str = &hay.text;
        let mut candidates: Vec<Known> = Vec::new();
        for m in ac.find_overlapping_iter(h) {
            let p = self.patterns[m.pattern().as_usize()];
            if p.word_start && h[..m.start()].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if p.word_end && h[m.end()..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            candidates.push(Known {
                start: m.start(),
                end: m.end(),
                actor: p.actor,
            });
        }
        if candidates.is_empty() {
            return Vec::new();
        }
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        // Nothing inside a URL, a domain or an e-mail address: such
        // candidates are out before the choice, so they hide nothing.
        let web = web_spans(h);
        let mut web = web.iter().peekable();
        candidates.retain(|k| {
            while web.next_if(|w| w.1 <= k.start).is_some() {}
            web.peek().is_none_or(|w| w.0 >= k.end)
        });
        // Candidates that overlap one another, directly or through a
        // chain, form a cluster; most are a single name, taken as it is.
        let mut hits: Vec<Known> = Vec::with_capacity(candidates.len());
        let mut from = 0;
        while from < candidates.len() {
            let mut to = from + 1;
            let mut reach = candidates[from].end;
            while to < candidates.len() && candidates[to].start < reach {
                reach = reach.max(candidates[to].end);
                to += 1;
            }
            longest_first(h, &candidates[from..to], &mut hits);
            from = to;
        }
        hits
    }
}

/// Appends to `hits` the names of `cluster` (overlapping candidates in
/// text order, longer first at one start) that the longest-wins rule
/// keeps, in text order: each longest name that overlaps none kept
/// before it, length in characters, the leftmost of equally long ones.
fn longest_first(h: &str, cluster: &[Known], hits: &mut Vec<Known>) {
    if let [only] = cluster {
        hits.push(*only);
        return;
    }
    let mut order: Vec<(usize, &Known)> = cluster
        .iter()
        .map(|k| (h[k.start..k.end].chars().count(), k))
        .collect();
    // Stable: among equally long names, text order stands.
    order.sort_by_key(|o| std::cmp::Reverse(o.0));
    // Kept names by start: a name is free when the kept name starting
    // before it ends by its start and the next one starts at its end or
    // later (a long chain of overlaps, "Ha Ha Ha…", stays n log n).
    let mut kept: std::collections::BTreeMap<usize, Known> = std::collections::BTreeMap::new();
    for (_, k) in order {
        let before = kept.range(..k.start).next_back();
        let after = kept.range(k.start..).next();
        if before.is_none_or(|(_, o)| o.end <= k.start)
            && after.is_none_or(|(_, o)| k.end <= o.start)
        {
            kept.insert(k.start, *k);
        }
    }
    hits.extend(kept.into_values());
}

/// An actor's or a source's name found in a [`FoldedText`]: its byte range
/// there, and the actor (`None` for a source's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    pub start: usize,
    pub end: usize,
    pub actor: Option<crate::model::ActorIx>,
}

/// A text as names are compared in it: NFC, typographic quotes folded to
/// straight ones, every run of white space one space. For code that reads
/// names the way mentions are found (`suggest`), with the way back to the
/// text as written.
pub struct FoldedText<'t>(Haystack<'t>);

impl<'t> FoldedText<'t> {
    pub fn new(text: &'t str) -> Self {
        FoldedText(Haystack::new(text))
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// The byte offset in the text as written of byte `i` of the folded
    /// one (`i` up to its length).
    pub fn original(&self, i: usize) -> usize {
        self.0.original(i)
    }

    /// The byte ranges of the folded text that are URLs, domain names or
    /// e-mail addresses, in order and disjoint (never a mention, never a
    /// name).
    pub fn web_spans(&self) -> Vec<(usize, usize)> {
        web_spans(&self.0.text)
    }
}

/// The byte ranges of `h` (a folded text: its only white space is single
/// spaces) that are URLs, domain names or e-mail addresses, in order and
/// disjoint. Only the words around a `.`, `@` or `:` are looked at, each
/// once.
fn web_spans(h: &str) -> Vec<(usize, usize)> {
    let b = h.as_bytes();
    let is_delim = |c: u8| matches!(c, b' ' | b'<' | b'>' | b'"');
    let mut spans = Vec::new();
    let mut done = 0;
    for p in memchr::memchr3_iter(b'.', b'@', b':', b) {
        if p < done {
            continue;
        }
        // A `.` or `:` between two word characters, or any `@`.
        let before = h[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after = h[p + 1..].chars().next().is_some_and(char::is_alphanumeric);
        if b[p] != b'@' && !(before && (after || h[p..].starts_with("://"))) {
            continue;
        }
        let mut start = p;
        while start > 0 && !is_delim(b[start - 1]) {
            start -= 1;
        }
        let mut end = p;
        while end < b.len() && !is_delim(b[end]) {
            end += 1;
        }
        done = end;
        if let Some(span) = web_span(h, start, end) {
            spans.push(span);
        }
    }
    spans
}

/// The URL, domain or e-mail address in the word `h[start..end]`, if any.
fn web_span(h: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let word = &h[start..end];
    let lead = word.len()
        - word
            .trim_start_matches(['(', '[', '{', '\'', '*', '_'])
            .len();
    let core = word[lead..]
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '*', '_']);
    let at = start + lead;
    if core.is_empty() {
        return None;
    }
    if let Some(i) = core.find("://") {
        let scheme = core[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
            .last()
            .map(|(j, _)| j)?;
        return Some((at + scheme, at + core.len()));
    }
    if core.contains('@') {
        let is_local =
            |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'');
        let is_host = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-');
        let (mut first, mut last) = (None, 0);
        for (i, _) in core.match_indices('@') {
            let local = core[..i]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_local(c))
                .last()
                .map(|(j, _)| j);
            let host_len = core[i + 1..]
                .char_indices()
                .find(|&(_, c)| !is_host(c))
                .map_or(core.len() - i - 1, |(j, _)| j);
            let host = core[i + 1..i + 1 + host_len].trim_end_matches(['.', '-']);
            if let Some(l) = local.filter(|_| is_host_name(host)) {
                first.get_or_insert(l);
                last = i + 1 + host.len();
            }
        }
        return first.map(|f| (at + f, at + last));
    }
    let host_end = core.find(['/', '?', '#', ':']).unwrap_or(core.len());
    is_host_name(&core[..host_end]).then(|| (at, at + core.len()))
}

/// Whether `s` reads as a domain name: two or more labels of letters,
/// digits and inner hyphens, the last (top-level) one of two or more
/// lower-case letters, or any such name after `www.`. "U.S", "e.g",
/// "St.Petersburg" and "3.5" are not.
fn is_host_name(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if !labels.iter().all(|l| label_ok(l)) {
        return false;
    }
    let tld = labels[labels.len() - 1];
    let letters = tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic);
    let www = labels[0].eq_ignore_ascii_case("www");
    (letters && (www || tld.chars().all(char::is_lowercase))) || tld.starts_with("xn--")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Ix;
    use proptest::prelude::*;

    fn names_with(text: &str, actors: &[(usize, &str)], sources: &[&str]) -> Vec<(String, usize)> {
        let m = Matcher::new(
            actors.iter().map(|&(i, n)| (Ix::new(i), n)),
            sources.iter().copied(),
        );
        m.find(text)
            .into_iter()
            .map(|h| (text[h.start..h.end].to_owned(), h.actor.get()))
            .collect()
    }

    fn names(text: &str, actors: &[(usize, &str)]) -> Vec<(String, usize)> {
        names_with(text, actors, &[])
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
        // A combining mark belongs to the letter before it.
        assert!(names("NSO\u{301} and e\u{301}NSO", &actors).is_empty());
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
        // The longest wins even when a shorter one starts earlier.
        let actors = [(0, "Council of Europe"), (1, "the Council")];
        assert_eq!(
            names(
                "Later the Council of Europe said the Council would wait",
                &actors
            ),
            [("Council of Europe".into(), 0), ("the Council".into(), 1)]
        );
        // Names chained by overlaps: each longest first, then what is free.
        let actors = [(0, "Ann Lee"), (1, "Lee Bo Kim"), (2, "Kim Ray")];
        assert_eq!(
            names("Ann Lee Bo Kim Ray", &actors),
            [("Lee Bo Kim".into(), 1)]
        );
        assert_eq!(
            names("Ann Lee, Kim Ray", &actors),
            [("Ann Lee".into(), 0), ("Kim Ray".into(), 2)]
        );
        // Equally long: the leftmost.
        let actors = [(0, "Ha Ha")];
        assert_eq!(names("Ha Ha Ha", &actors), [("Ha Ha".into(), 0)]);
        let long = "Ha ".repeat(100_000);
        assert_eq!(names(&long, &actors).len(), 50_000);
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
        assert_eq!(
            names(
                "Mr O\u{2BC}Brien and “Acme”",
                &[(0, "O'Brien"), (1, "\"Acme\"")]
            ),
            [("O\u{2BC}Brien".into(), 0), ("“Acme”".into(), 1)]
        );
    }

    #[test]
    fn nfc_and_nfd_are_one_name() {
        let nfc = "Zo\u{EB} \u{C5}gren";
        let nfd = "Zoe\u{308} A\u{30A}gren";
        for (name, text) in [(nfc, nfd), (nfd, nfc), (nfc, nfc), (nfd, nfd)] {
            let t = format!("Profile: {text}, born 1970; {text}’s firm.");
            assert_eq!(
                names(&t, &[(0, name)]),
                [(text.to_owned(), 0), (text.to_owned(), 0)],
                "{name:?} in {t:?}"
            );
        }
        // NFD text stays as written and is not matched by a shorter name.
        assert!(names(nfd, &[(0, "Zoe")]).is_empty());
        // A singleton (Angstrom sign) normalises to Å.
        assert_eq!(
            names("by \u{212B}gren.", &[(0, "\u{C5}gren")]),
            [("\u{212B}gren".into(), 0)]
        );
    }

    #[test]
    fn a_space_in_a_name_matches_any_white_space() {
        let actors = [(0, "Port Authority of Harbour Town"), (1, "Jane Roe")];
        for gap in [
            "\n", "\r\n", "\r", "\u{A0}", "\u{202F}", "  ", "\t", " \n ", "\u{2009}", "\u{3000}",
        ] {
            let t = format!("The Port Authority of{gap}Harbour Town and Jane{gap}Roe met.");
            assert_eq!(
                names(&t, &actors),
                [
                    (format!("Port Authority of{gap}Harbour Town"), 0),
                    (format!("Jane{gap}Roe"), 1)
                ],
                "{gap:?}"
            );
        }
        // Spaces around a name are not part of the hit.
        assert_eq!(names(" \n Jane Roe \n ", &actors), [("Jane Roe".into(), 1)]);
        // A name written with a no-break space or two spaces is the same name.
        assert_eq!(
            names("Jane Roe", &[(1, "Jane\u{A0}\u{A0}Roe")]),
            [("Jane Roe".into(), 1)]
        );
        // No space at all is not white space.
        assert!(names("JaneRoe", &actors).is_empty());
    }

    #[test]
    fn sentence_initial_particles() {
        let actors = [
            (0, "de Rugy"),
            (1, "van der Berg"),
            (2, "al-Assad"),
            (3, "DE"),
        ];
        assert_eq!(
            names(
                "De Rugy said de Rugy. Van der Berg, van der Berg; Al-Assad, al-Assad.",
                &actors
            ),
            [
                ("De Rugy".into(), 0),
                ("de Rugy".into(), 0),
                ("Van der Berg".into(), 1),
                ("van der Berg".into(), 1),
                ("Al-Assad".into(), 2),
                ("al-Assad".into(), 2),
            ]
        );
        // Never the other way round, nor more than the first letter.
        assert!(
            names(
                "de Rugy and de, van Der Berg, VAN DER BERG",
                &[(0, "De Rugy"), (1, "van der Berg"), (3, "DE")]
            )
            .is_empty()
        );
        assert!(
            names("Macron", &[(0, "macron")])
                .iter()
                .all(|(s, _)| s == "Macron")
        );
        // A capitalised form that is a name of its own keeps its owner.
        assert_eq!(
            names("De Rugy and de Rugy", &[(0, "de Rugy"), (1, "De Rugy")]),
            [("De Rugy".into(), 1), ("de Rugy".into(), 0)]
        );
    }

    #[test]
    fn never_in_urls_domains_or_email_addresses() {
        let actors = [(0, "Acme"), (1, "Jane Roe")];
        for t in [
            "press@Acme.example",
            "write to press@acme.example or Press.Office@Acme.example.",
            "www.acme.example/Acme",
            "www.Acme.EXAMPLE",
            "https://acme.example/Acme?x=Acme",
            "(see <https://acme.example/Acme>)",
            "acme.example",
            "Acme.example/news",
            "ftp://Acme/x",
            "Acme@mail.example",
        ] {
            assert!(names(t, &actors).is_empty(), "{t}");
        }
        assert_eq!(
            names("Acme (press@acme.example) said: Acme.", &actors),
            [("Acme".into(), 0), ("Acme".into(), 0)]
        );
        assert_eq!(
            names(
                "Acme, https://acme.example/Acme. Acme’s site: acme.example; Acme.",
                &actors
            ),
            [("Acme".into(), 0), ("Acme".into(), 0), ("Acme".into(), 0)]
        );
        // Not addresses: abbreviations, numbers, a missing space.
        assert_eq!(
            names(
                "In the U.S. Acme paid 3.5m, e.g. to Acme.Then Acme",
                &actors
            )
            .len(),
            3
        );
        // A name just after an address is found; one inside is not, even
        // when a longer name would cover both.
        assert_eq!(
            names("www.x.example/Jane Roe", &[(0, "Jane"), (1, "Roe")]),
            [("Roe".into(), 1)]
        );
    }

    #[test]
    fn source_names_shield_actor_names() {
        let actors = [(0, "France"), (1, "Israel"), (2, "Radio")];
        let sources = [
            "Radio France",
            "The Times of Israel",
            "Agence France-Presse",
            "AFP",
        ];
        assert!(
            names_with(
                "Radio France, The Times of Israel and Agence France-Presse reported.",
                &actors,
                &sources
            )
            .is_empty()
        );
        assert_eq!(
            names_with(
                "France told Radio\nFrance that Israel and the Times of Israel erred; Radio.",
                &actors,
                &sources
            ),
            [
                ("France".into(), 0),
                ("Israel".into(), 1),
                ("Israel".into(), 1),
                ("Radio".into(), 2)
            ]
        );
        // A name that is both an actor's and a source's is the actor's.
        assert_eq!(
            names_with("AFP said", &[(0, "AFP")], &["AFP"]),
            [("AFP".into(), 0)]
        );
        // Without the sources, "France" is found in each.
        assert_eq!(
            names("Radio France and Agence France-Presse", &actors[..1]).len(),
            2
        );
    }

    #[test]
    fn name_keys_fold_like_texts() {
        assert_eq!(
            name_key("  Zoe\u{308}\u{A0}\u{A0}O’Brien \n"),
            "Zo\u{EB} O'Brien"
        );
        assert_eq!(
            name_key("Jos\u{E9} N\u{FA}\u{F1}ez"),
            name_key("Jose\u{301} Nu\u{301}n\u{303}ez")
        );
        assert_ne!(name_key("de Rugy"), name_key("De Rugy"));
        assert_eq!(name_key(" \t "), "");
    }

    /// Names for planting: spaces, accents, apostrophes, a particle, and a
    /// name inside a longer one.
    const PLANTED: &[&str] = &[
        "Zoë Ågren",
        "José Núñez",
        "O'Brien",
        "Port Authority of Harbour Town",
        "Jane Roe",
        "de Rugy",
        "NSO",
        "NSO Group",
    ];
    const GAPS: &[&str] = &[
        " ", "  ", "\t", "\n", "\r\n", "\r", "\u{A0}", "\u{202F}", " \n ", "\u{2009}",
    ];
    const FILLER: &[&str] = &[
        "the",
        "said",
        "naïve",
        "nai\u{308}ve",
        "3.5",
        "e.g.",
        "to",
        "group",
        "rugy",
        "roe",
        "“quoted”",
        "it’s",
        "ågren",
        "-",
        "de",
        "of",
        "Town",
        "Harbour",
    ];

    /// Writes a planted name as a text might: any white-space run for its
    /// spaces, any apostrophe, NFC or NFD, a particle capitalised or not.
    fn write_name(name: &str, gaps: &[usize], quote: usize, nfd: bool, upper: bool) -> String {
        let mut out = String::new();
        for (k, word) in name.split(' ').enumerate() {
            if k > 0 {
                out.push_str(GAPS[gaps[k % gaps.len()] % GAPS.len()]);
            }
            out.push_str(&word.replace('\'', ["'", "’", "\u{2BC}"][quote % 3]));
        }
        if upper {
            let mut c = out.chars();
            out = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
        }
        if nfd { out.nfd().collect() } else { out }
    }

    proptest! {
        /// The fast test agrees with the one by character.
        #[test]
        fn folding_is_needed_as_the_character_test_says(
            text in "([a-z .,]|  |\n|\t|\u{a0}|\u{2019}|e\u{301}|\u{e9}|\u{7f}|\u{1}){0,80}"
        ) {
            prop_assert_eq!(needs_folding(&text), needs_folding_by_char(&text));
        }

        #[test]
        fn planted_names_are_found_exactly_once_where_planted(
            parts in proptest::collection::vec(
                (
                    proptest::collection::vec(0..FILLER.len(), 0..4),
                    0..PLANTED.len(),
                    proptest::collection::vec(0..GAPS.len(), 1..4),
                    0..3usize,
                    any::<bool>(),
                    any::<bool>(),
                    0..4usize,
                ),
                0..8,
            )
        ) {
            let m = Matcher::new(PLANTED.iter().enumerate().map(|(i, &n)| (Ix::new(i), n)), ["Radio France"]);
            let mut text = String::new();
            let mut planted = Vec::new();
            for (filler, name, gaps, quote, nfd, upper, sep) in parts {
                for f in filler {
                    text.push_str(FILLER[f]);
                    text.push(' ');
                }
                text.push_str([" ", "(", "“", "\n"][sep]);
                let upper = upper && PLANTED[name].starts_with("de");
                let written = write_name(PLANTED[name], &gaps, quote, nfd, upper);
                planted.push((text.len(), text.len() + written.len(), name));
                text.push_str(&written);
                text.push_str([" ", ". ", "’s ", ")\n"][sep]);
            }
            let found: Vec<(usize, usize, usize)> =
                m.find(&text).into_iter().map(|h| (h.start, h.end, h.actor.get())).collect();
            prop_assert_eq!(found, planted, "{:?}", text);
        }

        #[test]
        fn hits_are_ordered_disjoint_and_on_char_boundaries(text in ".{0,200}") {
            let m = Matcher::new(
                [(0, "a"), (1, "ab"), (2, "’b"), (3, "é"), (4, "a b")].map(|(i, n)| (Ix::new(i), n)),
                ["b a"],
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
