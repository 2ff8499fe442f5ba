//! The default summary of an article (content format 1.1, "Articles"): the
//! first body paragraph that reads as text — not a dateline alone, a
//! byline ("By …"), a date, a kicker or boilerplate, and at least 8 words —
//! shortened to at most 240 characters, at the last sentence end after 120
//! characters, else at a word with "…". It is what lists, the feed and the
//! meta description show, so page furniture must never become one.
//! Kickers and boilerplate never reach here: wire copy leaves them out of
//! the paragraphs it hands over (`model::wire`).

use crate::link::sentence::sentence_ends;
use crate::load::article::dateline::{is_month_or_weekday, parse_dateline};

/// A summary is at most this many characters, "…" included.
pub const MAX_CHARS: usize = 240;
/// A summary cut at a sentence's end keeps more than this many characters.
pub const SENTENCE_AFTER: usize = 120;
/// A paragraph of fewer words is no summary.
pub const MIN_WORDS: usize = 8;

/// Words of a paragraph: runs between white space with a letter or digit.
fn words(p: &str) -> impl Iterator<Item = &str> {
    p.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Small words a byline may hold besides names: "By Ann Lee and Tom Vell
/// in Paris", "By our correspondent".
const BYLINE_WORDS: &[&str] = &[
    "and",
    "in",
    "of",
    "for",
    "with",
    "at",
    "from",
    "our",
    "staff",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "writer",
    "editor",
    "de",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "du",
    "al",
    "el",
    "la",
    "le",
    "bin",
    "ibn",
];

/// A byline: "By" and names (`By Ann Lee`, `BY ANN LEE, AFP`, `By Ann Lee
/// and Tom Vell in Paris`), at most 12 words. "By the end of the day, …"
/// is a sentence.
pub fn is_byline(p: &str) -> bool {
    let mut ws = p.split_whitespace();
    if !ws.next().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        return false;
    }
    let rest: Vec<&str> = ws.collect();
    !rest.is_empty()
        && rest.len() < 12
        && rest.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || w.starts_with(char::is_uppercase)
                || BYLINE_WORDS.contains(&w.to_lowercase().as_str())
        })
}

/// Words that date and time stamps hold besides numbers and months.
const STAMP_WORDS: &[&str] = &[
    "published",
    "updated",
    "last",
    "posted",
    "modified",
    "first",
    "on",
    "at",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "bst",
    "utc",
    "cet",
    "cest",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "ist",
    "et",
    "pt",
    "hrs",
    "h",
];

/// A date or time stamp has at most this many words.
const MAX_STAMP_WORDS: usize = 16;

/// A date or a time stamp alone: `24 July 2024`, `Updated: Wed 24 Jul 2024
/// 10.32 BST`, `2024-07-24`, `July 24, 2024 at 5:03 p.m. EDT`.
pub fn is_date_line(p: &str) -> bool {
    // A stamp is short: most paragraphs are ruled out at once.
    if p.split_whitespace().nth(MAX_STAMP_WORDS).is_some() {
        return false;
    }
    let tokens: Vec<&str> = p
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•'))
        .map(|w| w.trim_matches(|c: char| matches!(c, ':' | '(' | ')' | '-' | '–' | '—')))
        .filter(|w| !w.is_empty())
        .collect();
    let numeric = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '/' | '-' | 'h'))
            || ordinal(w)
    };
    // `2024-07-24`, `24/07/2024`, `24.07.2024`: a full date in numbers.
    let full =
        |w: &str| numeric(w) && w.split(['.', '/', '-']).filter(|s| !s.is_empty()).count() == 3;
    let dated = tokens.iter().any(|w| is_month_or_weekday(w) || full(w));
    dated
        && tokens.len() <= MAX_STAMP_WORDS
        && tokens.iter().all(|w| {
            is_month_or_weekday(w)
                || numeric(w)
                || STAMP_WORDS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
        })
}

fn ordinal(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            w[digits.len()..].to_ascii_lowercase().as_str(),
            "st" | "nd" | "rd" | "th"
        )
}

/// A paragraph that is a dateline and nothing else (`PARIS (AFP) -`).
pub fn is_dateline_alone(p: &str) -> bool {
    let p = p.trim();
    parse_dateline(p, |_| false).is_some_and(|m| m.rest == p.len())
}

/// Whether paragraph `p` reads as text, and can be the summary.
pub fn reads_as_text(p: &str) -> bool {
    words(p).nth(MIN_WORDS - 1).is_some()
        && !is_byline(p)
        && !is_date_line(p)
        && !is_dateline_alone(p)
}

/// The summary drawn from paragraph `p` (white space folded): the whole of
/// it up to [`MAX_CHARS`] characters; else cut at the last sentence end
/// that leaves more than [`SENTENCE_AFTER`] characters; else at a word,
/// with "…" (counted in the [`MAX_CHARS`]).
pub fn shorten(p: &str) -> String {
    // White space folded, as far as a cut can reach: a long paragraph is
    // not copied whole. A word past the limit is kept, for a sentence end
    // at the limit needs to see what follows it.
    let mut folded = String::with_capacity(p.len().min(4 * MAX_CHARS));
    let mut chars = 0;
    for word in p.split_whitespace() {
        if chars > MAX_CHARS {
            folded.push_str(" …");
            break;
        }
        if !folded.is_empty() {
            folded.push(' ');
            chars += 1;
        }
        folded.push_str(word);
        chars += word.chars().count();
    }
    let p = folded;
    if chars <= MAX_CHARS {
        return p;
    }
    // The byte offset just past the MAX_CHARS-th character.
    let limit = p.char_indices().nth(MAX_CHARS).map_or(p.len(), |(i, _)| i);
    let at_sentence = sentence_ends(&p)
        .take_while(|&end| end <= limit)
        .filter(|&end| p[..end].chars().count() > SENTENCE_AFTER)
        .last();
    if let Some(end) = at_sentence {
        return p[..end].to_owned();
    }
    // Room for the "…".
    let room = p
        .char_indices()
        .nth(MAX_CHARS - 1)
        .map_or(p.len(), |(i, _)| i);
    // Up to and with the character at `room` (a space there is a cut).
    let with_room = p[room..]
        .chars()
        .next()
        .map_or(p.len(), |c| room + c.len_utf8());
    let cut = match p[..with_room].rfind(' ') {
        Some(i) if i > 0 => &p[..i],
        _ => &p[..room],
    };
    let cut = cut.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—')
    });
    format!("{cut}…")
}

/// The default summary: the first of `paragraphs` that
/// [reads as text](reads_as_text), [shortened](shorten); `None` when no
/// paragraph does (a warning, reported by the caller).
pub fn summary_of<S: AsRef<str>>(paragraphs: impl IntoIterator<Item = S>) -> Option<String> {
    paragraphs
        .into_iter()
        .find(|p| reads_as_text(p.as_ref()))
        .map(|p| shorten(p.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        for yes in [
            "By Ann Lee",
            "BY ANN LEE, AFP",
            "By Ann Lee and Tom Vell in Paris",
            "By our correspondent",
            "By Ann Lee | Reuters",
        ] {
            assert!(is_byline(yes), "{yes}");
        }
        for no in [
            "By the end of the day, the port had closed.",
            "Bye now",
            "By",
            "By Ann Lee. The port closed on Tuesday after a vote.",
        ] {
            assert!(!is_byline(no), "{no}");
        }
    }

    #[test]
    fn dates_and_stamps() {
        for yes in [
            "24 July 2024",
            "July 24, 2024",
            "Updated: Wed 24 Jul 2024 10.32 BST",
            "Published 2024-07-24 10:32",
            "July 24, 2024 at 5:03 p.m. EDT",
            "24/07/2024",
            "Tuesday",
        ] {
            assert!(is_date_line(yes), "{yes}");
        }
        for no in [
            "The port closed on 24 July 2024 after a vote.",
            "2024",
            "On Tuesday the port closed.",
        ] {
            assert!(!is_date_line(no), "{no}");
        }
    }

    #[test]
    fn the_first_paragraph_that_reads_as_text() {
        let s = summary_of([
            "By Ann Lee",
            "24 July 2024",
            "PARIS (AFP) -",
            "Too short to be one.",
            "The harbour commission voted on Tuesday to reopen the tender.",
            "Later.",
        ]);
        assert_eq!(
            s.as_deref(),
            Some("The harbour commission voted on Tuesday to reopen the tender.")
        );
        assert_eq!(summary_of(["By Ann Lee", "Short."]), None);
    }

    #[test]
    fn shortened_at_a_sentence_end_after_120_characters() {
        let first = "The harbour commission voted on Tuesday to reopen the tender for the container terminal, after months of delays and complaints.";
        assert!(first.chars().count() > SENTENCE_AFTER);
        let p = format!(
            "{first} The minister said the vote came too late for the dockers, who had waited since spring for an answer from the board of the port."
        );
        assert!(p.chars().count() > MAX_CHARS);
        assert_eq!(shorten(&p), first);
    }

    #[test]
    fn shortened_at_a_word_with_an_ellipsis_otherwise() {
        // One long sentence: cut at a word, "…" included in the 240.
        let p = "The harbour commission voted on Tuesday to reopen the tender for the container terminal after months of delays and complaints from the dockers and the hauliers and the ferry companies and the fishermen who had waited since spring for an answer from the board";
        let s = shorten(p);
        assert!(s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= MAX_CHARS, "{}", s.chars().count());
        assert!(p.starts_with(s.trim_end_matches('…')));
        assert!(!s.trim_end_matches('…').ends_with(' '));
        // A sentence end before 120 characters does not count.
        let early = format!("Short first sentence here. {p}");
        assert!(shorten(&early).ends_with('…'));
        // "Mr." ends no sentence.
        assert_eq!(shorten("Short."), "Short.");
    }

    #[test]
    fn shortened_whatever_the_characters_at_the_cut() {
        // The 240th character multi-byte, no sentence end: no panic, and
        // the cut is at a word (found by probing with é, 東, –, ς).
        for c in ["é", "東", "–", "ς", "😀"] {
            for lead in 0..4 {
                let p = format!(
                    "{}{}{} and more words",
                    "word ".repeat(47),
                    "x".repeat(lead),
                    c.repeat(10)
                );
                let s = shorten(&p);
                assert!(s.ends_with('…'), "{s}");
                assert!(s.chars().count() <= MAX_CHARS, "{}", s.chars().count());
                assert!(p.starts_with(s.trim_end_matches('…')), "{s}");
            }
        }
    }
}
