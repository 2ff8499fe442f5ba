//! The sentence of a mention, as an actor's page quotes it (content format
//! 1.1, "Mentions"): the whole sentence, with its opening quotation mark if
//! it starts inside a quotation, never cut at a line break, not ended by a
//! common abbreviation, and shortened with "…" only past 300 characters,
//! keeping the name.
//!
//! A small rule set rather than Unicode's sentence boundaries (UAX #29, the
//! `unicode-segmentation` crate): those end a sentence at every line break
//! and after "Mr.", "U.S." or "Jan." before a capital, which 1.1 forbids,
//! and need the text segmented from a point known to be a boundary. Here a
//! sentence ends at `.`, `!`, `?` or `…` (then any closing quotes or
//! brackets) followed by white space and something that does not start
//! with a lower-case letter, unless the `.` ends an abbreviation or an
//! initial; `。`, `！` and `？` end one without a space. Whether a position
//! starts a sentence is decided from a few characters around it, so the
//! same predicate serves looking back (once per text) and forward.

/// Sentences are shortened past this many characters.
pub const MAX_CHARS: usize = 300;

const ELLIPSIS: char = '…';

/// Marks that end a sentence when white space follows.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽' | '⁇' | '⁈' | '⁉')
}

/// Marks that end a sentence with or without white space after them.
fn is_wide_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// What may close a sentence after its terminator: `."`, `!)`, `?”`.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '*' | '_'
    )
}

/// What may open a sentence before its first letter.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '—'
            | '–'
            | '-'
            | '*'
            | '_'
    )
}

/// Abbreviations a `.` after which does not end a sentence. Single
/// capitals ("J.") and dotted letters ("U.S.", "e.g.") are found by rule.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Sr", "Jr", "Rev", "Fr", "Gen", "Col", "Capt",
    "Lt", "Sgt", "Cmdr", "Adm", "Gov", "Sen", "Rep", "Hon", "Pres", "Insp", "Det", "Supt", "Mt",
    "Messrs", "Mme", "Mlle", "No", "Nos", "Nr", "vs", "Vs", "cf", "Cf", "approx", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Fig", "fig", "Vol",
    "vol", "pp", "Ph",
];

/// Whether the `.` right after `before` ends an abbreviation or initial.
fn ends_abbreviation(before: &str) -> bool {
    // The letters and dots just before, at most ten characters.
    let mut start = before.len();
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if !(c.is_alphabetic() || c == '.') {
            if c.is_alphanumeric() {
                return false;
            }
            break;
        }
        if n == 10 {
            return false;
        }
        start = i;
    }
    let word = &before[start..];
    if word.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    // Dotted single letters: "U.S", "e.g", "J.R"; but "a.m", "p.m" often
    // end sentences.
    let letters: Vec<&str> = word.split('.').collect();
    letters.len() >= 2
        && letters.iter().all(|l| l.chars().count() == 1)
        && !matches!(word, "a.m" | "p.m")
}

/// Whether a sentence starts at byte `j` of `t`, a position that follows
/// white space or a wide terminator (the first sentence of a text is
/// handled by the caller).
fn starts_sentence(t: &str, j: usize) -> bool {
    let Some(first) = t[j..].chars().next() else {
        return false;
    };
    if first.is_whitespace() {
        return false;
    }
    let before = &t[..j];
    let trimmed = before.trim_end_matches(char::is_whitespace);
    let spaced = trimmed.len() < before.len();
    let closed = trimmed.trim_end_matches(is_closer);
    let Some(end) = closed.chars().next_back() else {
        return false;
    };
    let ends = (spaced && is_terminator(end)) || is_wide_terminator(end);
    if !ends || (end == '.' && ends_abbreviation(&closed[..closed.len() - 1])) {
        return false;
    }
    // "Why?" she asked; "etc. and so on": not when a lower-case letter follows.
    !t[j..]
        .trim_start_matches(is_opener)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether byte `j` (a character boundary) is worth asking
/// [`starts_sentence`] about: it follows white space or a wide terminator.
fn candidate(t: &str, j: usize) -> bool {
    t[..j]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_whitespace() || is_wide_terminator(c) || is_closer(c))
}

/// The sentences of one text (a paragraph), found lazily: asked for in
/// reading order, the text is read once, whatever the number of mentions
/// (a long paragraph naming thousands of actors stays linear).
pub struct Sentences {
    text: String,
    /// The sentence last found: from its first character to the start of
    /// the next one (or the end of the text).
    current: Option<(usize, usize)>,
    /// Opening double quotation marks not yet closed, read up to `read`.
    open: Vec<(usize, char)>,
    read: usize,
    /// The current sentence as shown, when it is short enough to show
    /// whole, with where it is in the text.
    shown: Option<((usize, usize), String)>,
}

impl Sentences {
    pub fn new(text: String) -> Self {
        Sentences {
            text,
            current: None,
            open: Vec::new(),
            read: 0,
            shown: None,
        }
    }

    /// The sentence containing the name at bytes `start..end` (at or
    /// after the last one asked for), as an actor's page quotes it.
    pub fn quote(&mut self, start: usize, end: usize) -> String {
        let (from, to) = self.containing(start);
        let from = self.opening_quote(from).unwrap_or(from);
        let t = &self.text[..];
        // Short enough to show whole (bytes bound characters): the same
        // for every name in this sentence, so made once.
        if let Some((at, s)) = &self.shown
            && *at == (from, to)
        {
            return s.clone();
        }
        let (whole, all) = shown(t[from..to].trim_end().chars(), MAX_CHARS);
        if all {
            let whole = String::from_iter(whole);
            self.shown = Some(((from, to), whole.clone()));
            return whole;
        }
        shorten(t, from, to, start, end)
    }

    /// The sentence containing byte `at`: its first character, and the
    /// first character of the next one.
    fn containing(&mut self, at: usize) -> (usize, usize) {
        let t = &self.text[..];
        let (mut from, mut to) = match self.current {
            Some(c) if c.0 <= at => c,
            _ => {
                let from = sentence_start(t, at);
                (from, next_start(t, from))
            }
        };
        while to <= at && to < t.len() {
            from = to;
            to = next_start(t, from);
        }
        self.current = Some((from, to));
        (from, to)
    }

    /// Where the quotation opens, when `from` is inside one: the outermost
    /// double quotation mark opened before it in the text and not closed.
    fn opening_quote(&mut self, from: usize) -> Option<usize> {
        if from < self.read {
            // A sentence asked for again: the quotation state is kept.
            return self.open.first().map(|o| o.0).filter(|&o| o < from);
        }
        for (i, c) in self.text[self.read..from].char_indices() {
            let i = self.read + i;
            let top = self.open.last().map(|o| o.1);
            match c {
                '"' if top == Some('"') => {
                    self.open.pop();
                }
                '“' if top == Some('„') => {
                    self.open.pop();
                }
                '"' | '“' | '„' | '«' => self.open.push((i, c)),
                '”' if matches!(top, Some('“' | '„' | '"')) => {
                    self.open.pop();
                }
                '»' if top == Some('«') => {
                    self.open.pop();
                }
                _ => {}
            }
        }
        self.read = from;
        self.open.first().map(|o| o.0)
    }
}

/// Whether a sentence starts at byte `j` of `t` (a character boundary):
/// at the text's first character, or after a sentence's end by the rules
/// above. For `suggest`, where a capital letter there says nothing.
pub fn opens_sentence(t: &str, j: usize) -> bool {
    let first = t.len() - t.trim_start().len();
    j <= first || (candidate(t, j) && starts_sentence(t, j))
}

/// The sentence of `text` containing the name at bytes `start..end`.
pub fn sentence_of(text: &str, start: usize, end: usize) -> String {
    Sentences::new(text.to_owned()).quote(start, end)
}

/// The first character of the sentence containing byte `at`.
fn sentence_start(t: &str, at: usize) -> usize {
    let first = t.len() - t.trim_start().len();
    let mut j = crate::diag::char_floor(t, at);
    while j > first {
        if candidate(t, j) && starts_sentence(t, j) {
            return j;
        }
        j -= t[..j].chars().next_back().map_or(1, char::len_utf8);
    }
    first
}

/// Where each sentence of `t` but the last ends: the byte offset just
/// after its terminator and closing marks (`said.`, `"Yes!"`), in order,
/// by the rules above (an abbreviation ends none). For summaries, which
/// are cut at a sentence's end.
pub fn sentence_ends(t: &str) -> impl Iterator<Item = usize> + '_ {
    t.char_indices()
        .map(|(j, _)| j)
        .filter(move |&j| j > 0 && candidate(t, j) && starts_sentence(t, j))
        .map(move |j| t[..j].trim_end().len())
}

/// The first character of the sentence after the one starting at `from`,
/// or the end of the text.
fn next_start(t: &str, from: usize) -> usize {
    let mut chars = t[from..].char_indices();
    chars.next();
    for (i, _) in chars {
        let j = from + i;
        if candidate(t, j) && starts_sentence(t, j) {
            return j;
        }
    }
    t.len()
}

fn is_line_break_or_tab(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The characters of `chars` as shown (each run of white space with a line
/// break or tab in it, or of more than one character, is one space), at
/// most `limit` of them; and whether that is all of them.
fn shown(chars: impl Iterator<Item = char>, limit: usize) -> (Vec<char>, bool) {
    let mut out = Vec::new();
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        if out.len() == limit {
            return (out, false);
        }
        let run = c.is_whitespace()
            && (is_line_break_or_tab(c) || chars.peek().is_some_and(|d| d.is_whitespace()));
        if run {
            while chars.next_if(|d| d.is_whitespace()).is_some() {}
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    (out, true)
}

/// `t[from..to]`, a sentence longer than [`MAX_CHARS`], cut at words to at
/// most that many characters with "…" where it was cut, keeping the name at
/// `start..end`. Reads at most a few hundred characters each side of the
/// name.
fn shorten(t: &str, from: usize, to: usize, start: usize, end: usize) -> String {
    let (name, _) = shown(t[start..end].chars(), usize::MAX);
    if name.len() + 2 >= MAX_CHARS {
        return format!("{ELLIPSIS}{}{ELLIPSIS}", String::from_iter(name));
    }
    let avail = MAX_CHARS - name.len();
    let (mut left, left_all) = shown(t[from..start].chars().rev(), avail + 1);
    left.reverse();
    if left_all {
        let blank = left.iter().take_while(|c| c.is_whitespace()).count();
        left.drain(..blank);
    }
    let (mut right, right_all) = shown(t[end..to].chars(), avail + 1);
    if right_all {
        while right.last().is_some_and(|c| c.is_whitespace()) {
            right.pop();
        }
    }
    // Keep the start of the sentence when it fits with the name; else as
    // much after the name as fits in half, the rest before it.
    let (left_budget, right_budget) = if left_all && left.len() < avail {
        (left.len(), avail - left.len() - 1)
    } else if right_all && right.len() <= (avail - 2) / 2 {
        (avail - right.len() - 1, right.len())
    } else {
        let r = (avail - 2) / 2;
        (avail - r - 2, r)
    };
    let mut out = String::new();
    if left_budget < left.len() {
        // The last `left_budget` characters, from a word's start.
        let mut k = left.len() - left_budget;
        while k < left.len() && !left[k - 1].is_whitespace() {
            k += 1;
        }
        out.push(ELLIPSIS);
        out.extend(&left[k..]);
    } else {
        out.extend(&left);
    }
    out.extend(&name);
    if right_budget < right.len() {
        // The first `right_budget` characters, to a word's end.
        let mut k = right_budget;
        while k > 0 && !right[k].is_whitespace() {
            k -= 1;
        }
        out.extend(&right[..k]);
        out.truncate(out.trim_end().len());
        out.push(ELLIPSIS);
    } else {
        out.extend(&right);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The sentence around the first occurrence of `name` in `t`.
    fn around(t: &str, name: &str) -> String {
        let at = t.find(name).unwrap();
        sentence_of(t, at, at + name.len())
    }

    #[test]
    fn the_whole_sentence() {
        let t = "Mr. Roe met Acme. He said \"no.\" Then Acme left! U.S. Steel? (Yes.) Done";
        assert_eq!(around(t, "Roe"), "Mr. Roe met Acme.");
        assert_eq!(around(t, "Then"), "Then Acme left!");
        assert_eq!(around(t, "Steel"), "U.S. Steel?");
        assert_eq!(around(t, "Yes"), "(Yes.)");
        assert_eq!(around(t, "Done"), "Done");
        assert_eq!(around(t, "He"), "He said \"no.\"");
        // A lower-case letter after the mark continues the sentence.
        assert_eq!(
            around("“Why?” she asked Acme. No.", "Acme"),
            "“Why?” she asked Acme."
        );
        assert_eq!(
            around("He waited… then Acme left. Ok", "Acme"),
            "He waited… then Acme left."
        );
        // Wide marks need no space.
        assert_eq!(
            around("前文。阿克米公司付款。后文。", "阿克米"),
            "阿克米公司付款。"
        );
    }

    #[test]
    fn with_the_opening_quotation_mark() {
        let quote = "“We had nothing to do with it,” X told the programme.";
        assert_eq!(around(quote, "X"), quote);
        assert_eq!(
            around(&format!("He was asked. {quote} Then he left."), "X"),
            quote
        );
        // A quotation of several sentences: from its opening mark.
        assert_eq!(
            around(
                "Before. “We did nothing. We had nothing to do with it,” X told it. After.",
                "X"
            ),
            "“We did nothing. We had nothing to do with it,” X told it."
        );
        assert_eq!(
            around(
                "Before. \"We did nothing. It was them,\" said Xavi. After.",
                "Xavi"
            ),
            "\"We did nothing. It was them,\" said Xavi."
        );
        assert_eq!(
            around(
                "Davor. „Wir waren es nicht. Nie“, sagte Xaver. Danach.",
                "Xaver"
            ),
            "„Wir waren es nicht. Nie“, sagte Xaver."
        );
        // A quotation closed before the sentence is not reopened.
        assert_eq!(
            around("“We did nothing.” X told the programme.", "X"),
            "X told the programme."
        );
        // Inside the quotation itself.
        assert_eq!(
            around("Before. “First. Acme paid. Last,” he said.", "Acme"),
            "“First. Acme paid."
        );
    }

    #[test]
    fn never_cut_at_a_line_break() {
        for gap in ["\n", "\r\n", "\r", "\u{2028}", "\u{85}", " \n  "] {
            let t = format!(
                "Officials said the chief executive of the company, Jane{gap}Roe, met them twice.{gap}The winner was Acme{gap}Shipping."
            );
            assert_eq!(
                around(&t, "Roe"),
                "Officials said the chief executive of the company, Jane Roe, met them twice.",
                "{gap:?}"
            );
            assert_eq!(
                around(&t, "Shipping"),
                "The winner was Acme Shipping.",
                "{gap:?}"
            );
        }
        // A single no-break space is kept as written.
        assert_eq!(around("Jane\u{A0}Roe left.", "Roe"), "Jane\u{A0}Roe left.");
    }

    #[test]
    fn not_ended_by_common_abbreviations() {
        for abbr in [
            "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "U.S.", "U.K.", "Jan.", "Feb.", "Mar.",
            "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "No.", "vs.",
            "e.g.", "i.e.", "J.", "J. R.", "Gen.", "Sen.",
        ] {
            let t = format!("Before it. The {abbr} Acme case went on. After it.");
            assert_eq!(around(&t, "Acme"), format!("The {abbr} Acme case went on."));
        }
        // Other dots still end sentences.
        for end in ["3.5m.", "etc.", "9 a.m.", "Inc.", "it...", "no."] {
            let t = format!("They paid {end} Acme said so.");
            assert_eq!(around(&t, "Acme"), "Acme said so.", "{end}");
        }
    }

    #[test]
    fn shortened_past_300_characters_keeping_the_name() {
        let words = |n: usize| vec!["word"; n].join(" ");
        // 300 characters: whole.
        let t = format!("{} Acme.", "x".repeat(294));
        assert_eq!(t.chars().count(), 300);
        assert_eq!(around(&t, "Acme"), t);
        let t = format!("{} Acme é.", words(60));
        assert!(t.chars().count() > 300);
        for (t, name) in [
            // The name near the start, the middle, the end.
            (
                format!("Acme Shipping {} end.", words(100)),
                "Acme Shipping",
            ),
            (
                format!("{} Acme Shipping {}.", words(50), words(50)),
                "Acme Shipping",
            ),
            (format!("{} Acme Shipping.", words(100)), "Acme Shipping"),
            (
                format!("{} Acme Shipping {}.", words(100), words(3)),
                "Acme Shipping",
            ),
            (
                format!("“{} Acme\n\nShipping {}.”", words(70), words(70)),
                "Acme\n\nShipping",
            ),
        ] {
            let s = around(&t, name);
            assert!(s.chars().count() <= MAX_CHARS, "{s}");
            assert!(s.chars().count() > MAX_CHARS - 12, "{s}");
            assert!(s.contains(&name.replace("\n\n", " ")), "{s}");
            assert!(s.contains('…'), "{s}");
            // Cut at words: every piece between the marks is in the text.
            let flat = t.replace("\n\n", " ");
            for piece in s.split('…').filter(|p| !p.is_empty()) {
                assert!(flat.contains(piece), "{piece:?}");
                assert!(
                    !piece.starts_with("ord") && !piece.ends_with(" wor"),
                    "{piece:?}"
                );
            }
        }
        // Nothing is cut when the sentence is short, however long the text.
        let t = format!("{}. Acme paid. Then {}", words(100), words(100));
        assert_eq!(around(&t, "Acme"), "Acme paid.");
    }

    /// Sentence starts found by reading the whole text from its start.
    fn by_full_scan(t: &str, at: usize) -> (usize, usize) {
        let first = t.len() - t.trim_start().len();
        let mut starts = vec![first];
        starts.extend(
            t.char_indices()
                .map(|(j, _)| j)
                .filter(|&j| j > first && candidate(t, j) && starts_sentence(t, j)),
        );
        let k = starts.iter().rposition(|&s| s <= at).unwrap_or(0);
        (starts[k], starts.get(k + 1).copied().unwrap_or(t.len()))
    }

    proptest! {
        #[test]
        fn looking_back_from_a_mention_changes_nothing(
            parts in proptest::collection::vec(prop_oneof![
                Just("."), Just("!"), Just("?"), Just(" "), Just("  "), Just("A"), Just("Bo"),
                Just("a"), Just("x"), Just("1"), Just("\""), Just("'"), Just("("), Just(")"),
                Just("]"), Just(","), Just(";"), Just("-"), Just("’"), Just("”"), Just("“"),
                Just("é"), Just("É"), Just("\n"), Just("\u{2029}"), Just("\u{AD}"),
                Just("\u{301}"), Just("\t"), Just("…"), Just("。"), Just("漢"), Just("Mr."),
                Just("U.S."), Just("J."), Just("e.g."), Just("No."),
            ], 0..40)
        ) {
            let t: String = parts.concat();
            let words: Vec<usize> = t
                .char_indices()
                .filter(|(_, c)| !c.is_whitespace())
                .map(|(i, _)| i)
                .collect();
            for &at in &words {
                let mut fresh = Sentences::new(t.clone());
                prop_assert_eq!(fresh.containing(at), by_full_scan(&t, at), "at {}", at);
            }
            // One cursor asked for positions in reading order, as `summary` does.
            let mut cursor = Sentences::new(t.clone());
            for &at in words.iter().step_by(3) {
                prop_assert_eq!(cursor.containing(at), by_full_scan(&t, at), "at {}", at);
                let end = at + t[at..].chars().next().map_or(0, char::len_utf8);
                let quoted = cursor.quote(at, end);
                prop_assert!(quoted.chars().count() <= MAX_CHARS);
            }
        }
    }
}
