//! Datelines (content format 1.1, "Articles"): where and when a wire story
//! was filed, and by which agency, opening its first paragraph:
//! `PARIS (AFP) -`, `JERUSALEM, July 24 (Reuters) -`, `NEW DELHI:`,
//! `Paris, 24 July (ANSA) -`, `(ANSA) - PARIS, July 20 -`, with any dash.
//!
//! An ordinary first sentence can look like one (`Update: the vote…`,
//! `Acme Corp (ACME) - a maker of…`), and a dateline taken from a sentence
//! would cut the story's first words off, so the forms are strict:
//! - a place followed by a dash or a colon alone (`NEW DELHI:`, `KYIV —`)
//!   is a dateline only when the place is written in capitals, is not a
//!   label such as `UPDATE` or `BREAKING`, and the text after it starts
//!   like a sentence (a capital, a digit or a quotation mark);
//! - a place written in ordinary case needs an agency in brackets and
//!   either a date (`Paris, 24 July (ANSA) -`) or an agency that is
//!   known (a source of the investigation, or a well-known wire);
//! - an agency in brackets opening the paragraph (`(ANSA) -`) must read as
//!   an agency (a source, a well-known wire, or a name in capitals).

use super::{looks_like_agency, split_names};
use std::ops::Range;

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatelineMatch {
    /// The dateline as written, without the dash or colon that ends it:
    /// `paragraph[..end]`.
    pub end: usize,
    /// Where the text after it starts (the paragraph is only a dateline
    /// when this is its length).
    pub rest: usize,
    /// Each agency named in it, as byte ranges of the paragraph.
    pub agencies: Vec<Range<usize>>,
}

/// Wire services known by name, so that `Paris (AFP) -` is a dateline even
/// before the investigation has a source for AFP (it is then a warning).
const KNOWN_AGENCIES: &[&str] = &[
    "AFP",
    "AP",
    "Reuters",
    "ANSA",
    "dpa",
    "DPA",
    "EFE",
    "Xinhua",
    "PTI",
    "IANS",
    "UPI",
    "Kyodo",
    "Yonhap",
    "TASS",
    "Anadolu",
    "Lusa",
    "Belga",
    "ANP",
    "APA",
    "PAP",
    "CTK",
    "MTI",
    "Interfax",
    "Bernama",
    "Antara",
    "KNA",
    "Europa Press",
    "AAP",
];

/// Capitalised first words that label a paragraph rather than name a place
/// (`UPDATE:`, `BREAKING -`).
const LABELS: &[&str] = &[
    "ADVISORY",
    "ALERT",
    "ANALYSIS",
    "BREAKING",
    "BY",
    "CAPTION",
    "CLARIFICATION",
    "COMMENT",
    "CONTACT",
    "CORRECTED",
    "CORRECTION",
    "CREDIT",
    "DATE",
    "EDITORIAL",
    "EXCLUSIVE",
    "EXPLAINER",
    "FACTBOX",
    "FEATURE",
    "FILE",
    "FLASH",
    "GRAPHIC",
    "INTERVIEW",
    "LISTEN",
    "LIVE",
    "MORE",
    "NB",
    "NOTE",
    "OPINION",
    "PHOTO",
    "PHOTOS",
    "PICTURE",
    "PICTURES",
    "POLL",
    "PROFILE",
    "PS",
    "QUOTE",
    "READ",
    "REFILE",
    "RELATED",
    "REVIEW",
    "RPT",
    "SOURCE",
    "SOURCES",
    "SUMMARY",
    "TAGS",
    "TIMELINE",
    "TOPICS",
    "UPDATE",
    "UPDATED",
    "URGENT",
    "VIDEO",
    "WARNING",
    "WATCH",
    "WRAPUP",
];

/// Small words a place name may have inside it: "Rio de Janeiro",
/// "Frankfurt am Main", "Sharm el-Sheikh".
const PARTICLES: &[&str] = &[
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el",
    "al", "am", "an", "im", "upon", "on", "sur", "en", "y", "of", "the",
];

/// Words that open sentences, and are no place when they stand alone.
const SENTENCE_STARTS: &[&str] = &[
    "The", "An", "This", "That", "These", "Those", "In", "On", "At", "It", "He", "She", "They",
    "We", "You", "But", "And", "Or", "If", "When", "After", "Before", "As", "For", "From", "By",
    "With", "Of", "To", "Our", "His", "Her", "Their", "Its", "My", "Your", "One", "Some",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Whether `word` (a dot after it allowed) names a month or a weekday.
pub fn is_month_or_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.contains(&w.as_str()) || WEEKDAYS.contains(&w.as_str())
}

/// A day or a year, an ordinal included (`24`, `2024`, `24th`).
fn is_day_or_year(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    (1..=4).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            suffix.to_ascii_lowercase().as_str(),
            "" | "st" | "nd" | "rd" | "th"
        )
}

/// Whether `s` is a date as datelines write it: a month or a weekday, with
/// days and years (`July 24`, `24 July 2024`, `Aug. 3`, `Tuesday`).
pub fn is_date(s: &str) -> bool {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().any(|w| is_month_or_weekday(w))
        && words
            .iter()
            .all(|w| is_month_or_weekday(w) || is_day_or_year(w))
}

/// The byte length of a dash at the start of `s` (`-`, `--`, `–`, `—`…).
fn dash_len(s: &str) -> Option<usize> {
    if s.starts_with("--") {
        return Some(2);
    }
    let c = s.chars().next()?;
    matches!(c, '-' | '–' | '—' | '―' | '‒' | '−').then(|| c.len_utf8())
}

fn skip_spaces(t: &str, at: usize) -> usize {
    at + (t[at..].len() - t[at..].trim_start().len())
}

/// After a dateline's last dash or colon at `at`: white space, then the
/// text (or the end of the paragraph). Where the text starts.
fn after_separator(t: &str, at: usize) -> Option<usize> {
    let next = skip_spaces(t, at);
    (next == t.len() || next > at).then_some(next)
}

/// A dash (white space before it allowed) at `at`, then white space: where
/// the text after it starts.
fn dash_then_text(t: &str, at: usize) -> Option<usize> {
    let d = skip_spaces(t, at);
    let len = dash_len(&t[d..])?;
    after_separator(t, d + len)
}

/// One word of a place name, at `at`: letters with `.`, `'` or inner
/// hyphens (`ST.`, `Saint-Denis`, `el-Sheikh`). Its end.
fn word_end(t: &str, at: usize) -> usize {
    let mut end = at;
    for (i, c) in t[at..].char_indices() {
        let inner = matches!(c, '.' | '\'' | '’' | '-');
        if !(c.is_alphabetic() || inner) {
            break;
        }
        end = at + i + c.len_utf8();
    }
    // A hyphen ends no word: `PARIS-` is `PARIS` and a dash.
    end - (t[at..end].len() - t[at..end].trim_end_matches('-').len())
}

/// Whether `w` may be a word of a place name (not its first or last).
fn place_word(w: &str, first: bool) -> bool {
    let Some(c) = w.chars().next() else {
        return false;
    };
    if c.is_uppercase() {
        return true;
    }
    // "de", "am", or "el-Sheikh": a particle, then capitals.
    let lead = w.split('-').next().unwrap_or(w);
    !first && PARTICLES.contains(&lead)
}

/// A place name at the start of `t`: up to five words. Its end, and whether
/// it is written in capitals.
fn place(t: &str) -> Option<(usize, bool)> {
    let mut end = 0;
    let mut last_word = "";
    let mut at = 0;
    for n in 0..5 {
        let stop = word_end(t, at);
        let w = &t[at..stop];
        if w.is_empty() || !place_word(w, n == 0) {
            break;
        }
        end = stop;
        last_word = w;
        // Words are separated by one space.
        if !t[stop..].starts_with(' ') {
            break;
        }
        at = stop + 1;
    }
    // A place ends with a capitalised word.
    while end > 0 && !last_word.starts_with(char::is_uppercase) {
        let trimmed = t[..end].trim_end_matches(last_word).trim_end();
        end = trimmed.len();
        last_word = trimmed.rsplit(' ').next().unwrap_or("");
    }
    if end == 0 {
        return None;
    }
    let name = &t[..end];
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    // "A deal (AFP)", "The vote (AFP)": a sentence's first word, no place.
    let one_word = !name.contains(' ');
    if letters < 2 || (!capitals && one_word && SENTENCE_STARTS.contains(&name)) {
        return None;
    }
    Some((end, capitals))
}

/// The agencies in the brackets `t[open..close]` (without the brackets):
/// each name's byte range in `t`, when the text reads as agency names.
fn agency_names(t: &str, open: usize, close: usize) -> Option<Vec<Range<usize>>> {
    let inner = &t[open..close];
    let ok_chars = inner
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '/' | '.' | '&' | '-' | '\'' | ','));
    if inner.trim().is_empty() || inner.chars().count() > 40 || !ok_chars {
        return None;
    }
    let mut ranges = Vec::new();
    let mut from = 0;
    for name in split_names(inner) {
        let at = from + inner[from..].find(&name)?;
        ranges.push(open + at..open + at + name.len());
        from = at + name.len();
    }
    (!ranges.is_empty() && ranges.len() <= 4).then_some(ranges)
}

/// Whether `name` is a well-known wire service.
fn known_agency(name: &str) -> bool {
    KNOWN_AGENCIES.iter().any(|k| k.eq_ignore_ascii_case(name))
}

/// Whether the text at `at` starts like a sentence: a capital, a digit or
/// an opening quotation mark (or nothing: a dateline alone).
fn starts_like_text(t: &str, at: usize) -> bool {
    t[at..].chars().next().is_none_or(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '«' | '„')
    })
}

/// The dateline opening paragraph `p` (trimmed), if any. `is_source` says
/// whether a name resolves to one of the investigation's sources (an
/// agency that does is always taken for one).
pub fn parse_dateline(p: &str, is_source: impl Fn(&str) -> bool) -> Option<DatelineMatch> {
    let t = p;
    let agency_like = |r: &Range<usize>| {
        let n = &t[r.clone()];
        is_source(n) || known_agency(n) || looks_like_agency(n)
    };
    let well_known = |r: &Range<usize>| {
        let n = &t[r.clone()];
        is_source(n) || known_agency(n)
    };
    // `(ANSA) - PARIS, July 20 -` or `(Reuters) -`.
    if t.starts_with('(') {
        let close = t.find(')')?;
        let agencies = agency_names(t, 1, close)?;
        if !agencies.iter().all(agency_like) {
            return None;
        }
        let text = dash_then_text(t, close + 1)?;
        // A place in capitals or with a date, then a second dash: part
        // of the dateline.
        if let Some((pe, capitals)) = place(&t[text..]) {
            let mut end = text + pe;
            let mut dated = false;
            if t[end..].starts_with(", ") {
                let after = end + 2;
                if let Some(dash) = find_dash(t, after)
                    && is_date(&t[after..dash])
                {
                    end = t[..dash].trim_end().len();
                    dated = true;
                }
            }
            if let Some(rest) = dash_then_text(t, end).filter(|_| capitals || dated)
                && starts_like_text(t, rest)
            {
                return Some(DatelineMatch {
                    end,
                    rest,
                    agencies,
                });
            }
        }
        return Some(DatelineMatch {
            end: close + 1,
            rest: text,
            agencies,
        });
    }
    let (place_end, capitals) = place(t)?;
    let first_word = &t[..word_end(t, 0)];
    let label = LABELS.contains(&first_word.to_uppercase().as_str());
    let mut end = place_end;
    // `, July 24` (a date), or in front of an agency any short addition
    // (`SPRINGFIELD, Ill. (Reuters)`).
    let mut dated = false;
    let mut addition = None;
    if let Some(after) = t[end..].strip_prefix(", ").map(|_| end + 2) {
        let stop = t[after..]
            .find(['(', ':', '-', '–', '—', '―'])
            .map_or(t.len(), |i| after + i);
        let part = t[after..stop].trim_end();
        if !part.is_empty() && part.chars().count() <= 30 {
            dated = is_date(part);
            addition = Some(after + part.len());
        }
    }
    // `PLACE[, date] (AGENCY) -`
    let bracket = skip_spaces(t, addition.unwrap_or(end));
    if t[bracket..].starts_with('(') && bracket > addition.unwrap_or(end) {
        let close = bracket + t[bracket..].find(')')?;
        let agencies = agency_names(t, bracket + 1, close)?;
        let rest = dash_then_text(t, close + 1)?;
        if !starts_like_text(t, rest) {
            return None;
        }
        let believable = if capitals {
            agencies.iter().all(agency_like)
        } else {
            !label && (dated || agencies.iter().all(well_known))
        };
        return believable.then_some(DatelineMatch {
            end: close + 1,
            rest,
            agencies,
        });
    }
    // Without an agency: a place in capitals, a date only if it is one.
    if !capitals || label {
        return None;
    }
    if let Some(a) = addition {
        if !dated {
            return None;
        }
        end = a;
    }
    let rest = if t[end..].starts_with(':') {
        after_separator(t, end + 1)?
    } else {
        // White space before the dash: `NEW YORK -`, not `NEW YORK-based`.
        let d = skip_spaces(t, end);
        if d == end {
            return None;
        }
        dash_then_text(t, end)?
    };
    starts_like_text(t, rest).then_some(DatelineMatch {
        end,
        rest,
        agencies: Vec::new(),
    })
}

/// The first dash after white space at or after `at`: its position.
fn find_dash(t: &str, at: usize) -> Option<usize> {
    let mut prev_space = false;
    for (i, c) in t[at..].char_indices() {
        if prev_space && dash_len(&t[at + i..]).is_some() {
            return Some(at + i);
        }
        prev_space = c.is_whitespace();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dateline as shown, the text after it, and the agencies.
    fn read(p: &str) -> Option<(&str, &str, Vec<&str>)> {
        let m = parse_dateline(p, |n| n == "Harbour Wire")?;
        Some((
            &p[..m.end],
            &p[m.rest..],
            m.agencies.iter().map(|r| &p[r.clone()]).collect(),
        ))
    }

    #[test]
    fn every_form_of_the_spec() {
        assert_eq!(
            read("PARIS (AFP) - The talks stalled."),
            Some(("PARIS (AFP)", "The talks stalled.", vec!["AFP"]))
        );
        assert_eq!(
            read("JERUSALEM, July 24 (Reuters) - Talks stalled."),
            Some((
                "JERUSALEM, July 24 (Reuters)",
                "Talks stalled.",
                vec!["Reuters"]
            ))
        );
        assert_eq!(
            read("NEW DELHI: India's court ruled."),
            Some(("NEW DELHI", "India's court ruled.", vec![]))
        );
        assert_eq!(
            read("Paris, 24 July (ANSA) - The talks stalled."),
            Some(("Paris, 24 July (ANSA)", "The talks stalled.", vec!["ANSA"]))
        );
        assert_eq!(
            read("(ANSA) - PARIS, July 20 - The talks stalled."),
            Some((
                "(ANSA) - PARIS, July 20",
                "The talks stalled.",
                vec!["ANSA"]
            ))
        );
    }

    #[test]
    fn any_dash_and_other_shapes() {
        for dash in ["-", "--", "–", "—"] {
            let p = format!("ROME (ANSA) {dash} Talks stalled.");
            assert_eq!(read(&p).map(|r| r.0), Some("ROME (ANSA)"), "{p}");
        }
        assert_eq!(
            read("RIO DE JANEIRO, Aug. 3 — A port closed.").map(|r| r.0),
            Some("RIO DE JANEIRO, Aug. 3")
        );
        assert_eq!(
            read("(Reuters) - The port closed.").map(|r| (r.0, r.1)),
            Some(("(Reuters)", "The port closed."))
        );
        assert_eq!(
            read("SPRINGFIELD, Ill. (Reuters) - A port closed.").map(|r| r.0),
            Some("SPRINGFIELD, Ill. (Reuters)")
        );
        assert_eq!(
            read("BRUSSELS (AFP/Reuters) - A port closed.").map(|r| r.2),
            Some(vec!["AFP", "Reuters"])
        );
        // A dateline alone, the text on the next line.
        assert_eq!(
            read("PARIS (AFP) -"),
            Some(("PARIS (AFP)", "", vec!["AFP"]))
        );
        // An agency known as a source of the investigation.
        assert_eq!(
            read("Harbour Town (Harbour Wire) - A port closed.").map(|r| r.2),
            Some(vec!["Harbour Wire"])
        );
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        for p in [
            "Update: the minister resigned on Tuesday.",
            "UPDATE: The minister resigned on Tuesday.",
            "BREAKING - The minister resigned.",
            "Paris: a city of light, said the minister.",
            "Acme Corp (ACME) - a maker of cranes - won.",
            "The minister (pictured) - who resigned - spoke.",
            "NATO - the alliance - met.",
            "NEW YORK-based Acme won the tender.",
            "Mara Ostend said: Talks stalled.",
            "PARIS is a city.",
            "(The vote was postponed) - then held.",
            "By Jane Roe",
            "A deal (AFP) - nobody said.",
        ] {
            assert_eq!(read(p), None, "{p}");
        }
    }

    #[test]
    fn dates() {
        for yes in [
            "July 24",
            "24 July",
            "Aug. 3",
            "Tuesday",
            "24 July 2024",
            "July 24, 2024",
        ] {
            assert!(is_date(yes), "{yes}");
        }
        for no in ["Ill.", "the end", "24", ""] {
            assert!(!is_date(no), "{no}");
        }
    }
}
