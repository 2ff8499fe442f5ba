//! The two article forms, split into metadata and text: Markdown with front
//! matter, and plain wire copy (its headline found, its paragraphs split),
//! with the grammar of what wire copy carries besides its text: credit
//! lines, end markers and (in [`dateline`]) datelines.

pub mod dateline;

/// A Markdown file split at its front matter.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts (2 when the file opens
    /// with `---`), so YAML errors are reported with the file's own lines.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 0-based line of the file where the body starts.
    pub body_line: usize,
}

/// Splits `---` front matter from the body. `Ok(None)` when the file has
/// none; `Err(line)` when it is opened but never closed.
pub fn split_front_matter(text: &str) -> Result<Option<FrontMatter<'_>>, usize> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok(None);
    };
    if first.trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    // The closing line's number: the first line is 1, the next 2.
    for (line_no, line) in (2..).zip(lines) {
        if line.trim_end() == "---" {
            return Ok(Some(FrontMatter {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no,
            }));
        }
        offset += line.len();
    }
    Err(1)
}

/// A paragraph (or a line) of wire copy, and where it starts in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Its lines, trimmed and joined with a space.
    pub text: String,
    /// The 1-based line of the file where it starts.
    pub line: usize,
    /// The 1-based column (in characters) of its first character.
    pub column: usize,
    /// How many lines of the file it takes.
    pub lines: usize,
}

/// Plain wire copy split as the file alone says (content format 1.1,
/// "Articles"): the headline, what stands above it, and the body's
/// paragraphs. What needs the rest of the investigation (boilerplate
/// patterns, the sources that credit lines and datelines name) is read by
/// the model, in `model::wire`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WireCopy {
    /// The headline line of the text, when one was found.
    pub headline: Option<Paragraph>,
    /// The text above the headline, split into paragraphs as the body is:
    /// the kicker when it is short enough (see `model::wire`).
    pub above: Vec<Paragraph>,
    /// The body, in order: everything below the headline (all of the text
    /// when no line is the headline).
    pub paragraphs: Vec<Paragraph>,
}

crate::choices!(
    /// How the paragraphs of wire copy are separated (sidecar `paragraphs`):
    /// `auto` is `lines` for a text with no blank line but more than one
    /// line, `blank-lines` otherwise.
    ParagraphMode {
        Auto = "auto" / "Auto" / "Auto",
        BlankLines = "blank-lines" / "Blank lines" / "Blank lines",
        Lines = "lines" / "Lines" / "Lines",
    }
);

/// A credit line (`Source: TOI and AFP`, `(AFP)`, `(Reporting by …)`): the
/// source names and the people credited, as written.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct CreditLine {
    /// `Source` or `Sources` as written; for the forms without a label,
    /// `Source` for one name, `Sources` for more.
    pub label: String,
    /// Names to resolve against sources, in order.
    pub names: Vec<String>,
    /// People credited (`Reporting by Ann Lee`, or `Ann Lee` of
    /// `(Ann Lee with Reuters)`), as written: shown, never resolved.
    pub people: Vec<String>,
    /// A form without a label or people words (`(AFP)`, `— AFP`, `AFP`,
    /// `With AFP`): the credit line only when every name resolves to a
    /// source or [looks like an agency](looks_like_agency); otherwise its
    /// text stays in the body. Only the model knows the sources: it decides.
    pub tentative: bool,
    /// Taken off the end of the last paragraph (`… on Tuesday. (ANSA)`)
    /// rather than being all of it: that paragraph without it.
    pub rest: Option<String>,
}

/// A headline as compared with the sidecar's `title`: case, quote styles
/// and runs of white space do not count ("FRANCE’S  MACRON" is "France's
/// Macron").
pub fn fold_headline(s: &str) -> String {
    fold_chars(s).collect()
}

/// The characters of `s` as [`fold_headline`] gives them, without making a
/// string: words lower case with quote styles folded, one space between
/// them. Comparing long texts (repeated paragraphs) this way allocates
/// nothing.
pub fn fold_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace().enumerate().flat_map(|(i, word)| {
        (i > 0).then_some(' ').into_iter().chain(
            word.chars()
                .flat_map(|c| crate::quotes::fold(c).to_lowercase()),
        )
    })
}

/// Replaces the content of `out` with the text of `s` folded as
/// [`fold_chars`] folds it. Text all in ASCII is folded in one pass over
/// its bytes, and in other text each ASCII word is copied and lowered in
/// place: going through [`fold_chars`] one character at a time was a
/// fifth of `check` at 10,000 articles (issue 18), where every paragraph
/// of every article is folded to find the repeated ones.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        // One pass over the bytes; the ASCII characters `char::is_whitespace`
        // takes (which `u8::is_ascii_whitespace` does not all take: U+000B).
        out.reserve(s.len());
        let mut space = false;
        for &b in s.as_bytes() {
            if matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
        return;
    }
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.is_ascii() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            for c in word.chars() {
                out.extend(crate::quotes::fold(c).to_lowercase());
            }
        }
    }
}

/// A key of `s` that texts folding alike ([`fold_chars`]) share: a hash
/// of the folded text, made in `buffer` (any content; left holding the
/// folded text). Texts with the same key are then compared with
/// [`fold_eq`]. (The key was the first and last words, which every
/// paragraph of a list may share: 50,000 such lines in one article were
/// each compared with all the others, minutes of a check.)
pub fn fold_key(s: &str, buffer: &mut String) -> u64 {
    use std::hash::Hasher;
    fold_into(s, buffer);
    let mut h = std::hash::DefaultHasher::new();
    h.write(buffer.as_bytes());
    h.finish()
}

/// Whether `a` and `b` fold alike ([`fold_chars`]).
pub fn fold_eq(a: &str, b: &str) -> bool {
    fold_chars(a).eq(fold_chars(b))
}

/// Reads wire copy. With a `title` from the sidecar, the line equal to it
/// ([`fold_headline`]) is the headline and the text above it is kept apart
/// ([`WireCopy::above`]); without one, the first non-empty line is the
/// headline. A title that matches no line leaves the whole text as body:
/// nothing in the text is ever dropped. `mode` says how the text splits
/// into paragraphs.
pub fn read_wire_copy(text: &str, title: Option<&str>, mode: ParagraphMode) -> WireCopy {
    // A lone CR was made an LF when the file was read; CRLF ends a line here.
    let lines: Vec<&str> = text.lines().collect();
    let mut wire = WireCopy::default();
    let headline_at = match title {
        Some(t) => lines
            .iter()
            .position(|l| !l.trim().is_empty() && fold_eq(l, t)),
        None => lines.iter().position(|l| !l.trim().is_empty()),
    };
    let by_lines = match mode {
        ParagraphMode::Lines => true,
        ParagraphMode::BlankLines => false,
        ParagraphMode::Auto => !has_blank_line(&lines) && nonblank(&lines) > 1,
    };
    match headline_at {
        Some(h) => {
            wire.headline = Some(paragraph(&lines[h..=h], h));
            wire.above = split(&lines[..h], 0, by_lines);
            wire.paragraphs = split(&lines[h + 1..], h + 1, by_lines);
        }
        None => wire.paragraphs = split(&lines, 0, by_lines),
    }
    wire
}

/// One paragraph of the non-empty `lines`, the first of which is the
/// 0-based line `at` of the file.
fn paragraph(lines: &[&str], at: usize) -> Paragraph {
    let first = lines.first().copied().unwrap_or("");
    let indent = first.chars().take_while(|c| c.is_whitespace()).count();
    Paragraph {
        text: lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
        line: at + 1,
        column: indent + 1,
        lines: lines.len(),
    }
}

/// The paragraphs of `lines` (the first is the 0-based line `at` of the
/// file): each non-empty line one, or runs of lines between blank lines.
fn split(lines: &[&str], at: usize, by_lines: bool) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let blank = line.trim().is_empty();
        if by_lines {
            if !blank {
                out.push(paragraph(&lines[i..=i], at + i));
            }
            continue;
        }
        match (blank, start) {
            (true, Some(s)) => {
                out.push(paragraph(&lines[s..i], at + s));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(paragraph(&lines[s..], at + s));
    }
    out
}

fn nonblank(lines: &[&str]) -> usize {
    lines.iter().filter(|l| !l.trim().is_empty()).count()
}

/// A blank line between two lines of text (blank lines before the first
/// line or after the last separate nothing).
fn has_blank_line(lines: &[&str]) -> bool {
    let text = |l: &&str| !l.trim().is_empty();
    match (lines.iter().position(text), lines.iter().rposition(text)) {
        (Some(a), Some(b)) => lines[a..b].iter().any(|l| l.trim().is_empty()),
        _ => false,
    }
}

/// A name that reads as a news agency's: all capitals, 2 to 10 letters
/// (`AFP`, `ANSA`, `A.P.`), nothing but capitals and `.`, `-`, `&`.
pub fn looks_like_agency(name: &str) -> bool {
    let name = name.trim();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (2..=10).contains(&letters)
        && name
            .chars()
            .all(|c| (c.is_alphabetic() && c.is_uppercase()) || matches!(c, '.' | '-' | '&'))
}

/// Leads of a people credit, lowercase: `Reporting by Ann Lee`.
const PEOPLE_LEADS: &[&str] = &[
    "additional reporting by ",
    "reporting by ",
    "editing by ",
    "writing by ",
];

fn is_people_segment(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    PEOPLE_LEADS.iter().any(|l| lower.starts_with(l))
}

/// `Reporting by A; Editing by B`, every part a people credit: the parts.
fn people_credit(s: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = s
        .split(';')
        .map(|p| p.trim().trim_end_matches('.').trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty() && parts.iter().all(|p| is_people_segment(p))).then_some(parts)
}

/// Names separated by commas, `;`, `/`, `and` or `&`.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in s.split([',', ';', '/']) {
        let mut part = part.trim();
        // "and", "&" between the last two names, or leading a name after a comma.
        for lead in ["and ", "& "] {
            if let Some(r) = part.strip_prefix(lead) {
                part = r;
            }
        }
        for name in part.split(" and ").flat_map(|p| p.split(" & ")) {
            let name = name.trim().trim_end_matches('.').trim();
            if !name.is_empty() {
                names.push(name.to_owned());
            }
        }
    }
    names
}

fn credit(label: Option<&str>, names: Vec<String>, people: Vec<String>) -> Option<CreditLine> {
    if names.is_empty() && people.is_empty() {
        return None;
    }
    let label = match label {
        Some(l) => l.to_owned(),
        None if names.len() > 1 => "Sources".to_owned(),
        None => "Source".to_owned(),
    };
    Some(CreditLine {
        tentative: false,
        label,
        names,
        people,
        rest: None,
    })
}

fn tentative(mut c: CreditLine) -> CreditLine {
    c.tentative = true;
    c
}

/// The inside of `(…)`: people credits, `X with Reuters`, or names.
fn parenthesized(inner: &str) -> Option<CreditLine> {
    let inner = inner.trim();
    if let Some(people) = people_credit(inner) {
        return credit(None, Vec::new(), people);
    }
    let lower = inner.to_lowercase();
    // Lowercasing can change byte lengths (rarely): only split where the
    // original has " with " at the same place.
    if let Some(at) = lower.rfind(" with ").filter(|&at| {
        inner
            .get(at..at + 6)
            .is_some_and(|w| w.eq_ignore_ascii_case(" with "))
    }) {
        let (who, agencies) = (inner[..at].trim(), &inner[at + " with ".len()..]);
        let names = split_names(agencies);
        if who.is_empty() || names.is_empty() {
            return None;
        }
        return credit(None, names, vec![who.to_owned()]).map(tentative);
    }
    credit(None, split_names(inner), Vec::new()).map(tentative)
}

/// A credit line, when the whole paragraph `p` is one. Its forms: `Source:
/// A and B`, `Sources: A, B and C`, `Source: A/B`, `(AFP)`, `— AFP`, `-
/// Reuters`, `AFP`, `(X with Reuters)`, `With AFP`, `(Reporting by …;
/// Editing by …)`, `Additional reporting by …`.
pub fn parse_credit_line(p: &str) -> Option<CreditLine> {
    let p = p.trim();
    if let Some((label, rest)) = p.split_once(':') {
        let label = label.trim();
        if matches!(label.to_ascii_lowercase().as_str(), "source" | "sources") {
            let names = split_names(rest);
            return if names.is_empty() {
                None
            } else {
                credit(Some(label), names, Vec::new())
            };
        }
    }
    if let Some(inner) = p.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        // One group, not `(a) and (b)`.
        if inner.contains(['(', ')']) {
            return None;
        }
        return parenthesized(inner);
    }
    if let Some(people) = people_credit(p) {
        return credit(None, Vec::new(), people);
    }
    for dash in ['-', '–', '—'] {
        if let Some(rest) = p.strip_prefix(dash) {
            if !rest.starts_with(char::is_whitespace) {
                return None;
            }
            return credit(None, split_names(rest), Vec::new()).map(tentative);
        }
    }
    if p.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("with ")) {
        return credit(None, split_names(&p[5..]), Vec::new()).map(tentative);
    }
    // A bare name or two (`AFP`, `AFP and Reuters`): no sentence in it.
    if p.contains(['.', '!', '?', ':', '"', '(', ')']) && !looks_like_agency(p) {
        return None;
    }
    credit(None, split_names(p), Vec::new()).map(tentative)
}

/// The credit line of a last paragraph: the whole paragraph
/// ([`parse_credit_line`]), or a credit in brackets closing it
/// ([`trailing_credit`]).
pub fn closing_credit(p: &str) -> Option<CreditLine> {
    parse_credit_line(p).or_else(|| trailing_credit(p))
}

/// A wire service's end-of-story marker (`END`, `ENDS`, `ENDIT`, `(END)`,
/// `-30-`, `###`, `+++`), any case, alone in its paragraph: a transmission
/// mark, neither text nor a credit.
pub fn is_end_marker(p: &str) -> bool {
    let core = p
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '-' | '–' | '—' | ' '));
    let core = core.to_ascii_lowercase();
    matches!(core.as_str(), "end" | "ends" | "endit" | "30" | "xxx")
        || (!p.trim().is_empty() && p.trim().chars().all(|c| matches!(c, '#' | '+' | ' ')))
}

/// A credit in brackets closing the last paragraph after a sentence's end
/// (`… said on Tuesday. (ANSA)`): the paragraph without it, and the credit.
pub fn trailing_credit(p: &str) -> Option<CreditLine> {
    let p = p.trim_end();
    let open = p.strip_suffix(')')?.rfind('(')?;
    let (before, group) = (p[..open].trim_end(), &p[open..]);
    let after_sentence = before.ends_with(['.', '!', '?', '"', '”', '’', '\'', '»', '…']);
    // After white space, and after a sentence.
    if before.len() == open || !after_sentence {
        return None;
    }
    let mut c = parenthesized(&group[1..group.len() - 1])?;
    c.rest = Some(before.to_owned());
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const AUTO: ParagraphMode = ParagraphMode::Auto;

    #[test]
    fn front_matter_lines() {
        let fm = split_front_matter("---\ntitle: A\n---\nBody\n")
            .unwrap()
            .unwrap();
        assert_eq!(fm.yaml, "title: A\n");
        assert_eq!(fm.body, "Body\n");
        assert_eq!(fm.body_line, 3);
        assert_eq!(split_front_matter("---\ntitle: A\n"), Err(1));
        assert_eq!(split_front_matter("# Just markdown\n"), Ok(None));
        let crlf = split_front_matter("---\r\ntitle: A\r\n---\r\nBody")
            .unwrap()
            .unwrap();
        assert_eq!(crlf.body, "Body");
    }

    fn texts(ps: &[Paragraph]) -> Vec<&str> {
        ps.iter().map(|p| p.text.as_str()).collect()
    }

    fn headline(w: &WireCopy) -> Option<&str> {
        w.headline.as_ref().map(|h| h.text.as_str())
    }

    #[test]
    fn above_headline_body() {
        let text = "World news\n\nBig Headline\n\nFirst para\nline two.\n\nSecond.\n\nSource: TOI and AFP\n";
        let w = read_wire_copy(text, Some("Big Headline"), AUTO);
        assert_eq!(texts(&w.above), ["World news"]);
        assert_eq!(headline(&w), Some("Big Headline"));
        assert_eq!(
            texts(&w.paragraphs),
            ["First para line two.", "Second.", "Source: TOI and AFP"]
        );
        // Where each paragraph starts, and how many lines it takes.
        let at: Vec<(usize, usize)> = w.paragraphs.iter().map(|p| (p.line, p.lines)).collect();
        assert_eq!(at, [(5, 2), (8, 1), (10, 1)]);
        assert_eq!(w.headline.unwrap().line, 3);
    }

    #[test]
    fn first_line_is_title_without_sidecar_title() {
        let w = read_wire_copy("\nHeadline here\n\n  Body.\n", None, AUTO);
        assert_eq!(headline(&w), Some("Headline here"));
        assert!(w.above.is_empty());
        assert_eq!(texts(&w.paragraphs), ["Body."]);
        assert_eq!((w.paragraphs[0].line, w.paragraphs[0].column), (4, 3));
    }

    #[test]
    fn unmatched_title_keeps_every_line() {
        let w = read_wire_copy("Line one\n\nLine two\n", Some("Elsewhere"), AUTO);
        assert_eq!(w.headline, None);
        assert_eq!(texts(&w.paragraphs), ["Line one", "Line two"]);
    }

    #[test]
    fn headline_matches_across_quote_styles_case_and_spaces() {
        let w = read_wire_copy("France’s Macron\n\nBody\n", Some("France's Macron"), AUTO);
        assert_eq!(headline(&w), Some("France’s Macron"));
        // The same quote styles as mention matching, reversed quotes too.
        let w = read_wire_copy("‟Spyware″ row\n\nBody\n", Some("\"Spyware\" row"), AUTO);
        assert_eq!(headline(&w), Some("‟Spyware″ row"));
        // A print headline in capitals, with a double space.
        let w = read_wire_copy(
            "PORTS\nHARBOUR  TALKS STALL\nBody\n",
            Some("Harbour talks stall"),
            AUTO,
        );
        assert_eq!(headline(&w), Some("HARBOUR  TALKS STALL"));
        assert_eq!(texts(&w.above), ["PORTS"]);
    }

    #[test]
    fn end_markers() {
        for yes in [
            "ENDS",
            "END",
            "(END)",
            "-30-",
            "###",
            "# # #",
            "ENDIT",
            "—ENDS—",
            "+++",
        ] {
            assert!(is_end_marker(yes), "{yes}");
        }
        for no in ["AFP", "The end", "Ends well", "(ANSA)", ""] {
            assert!(!is_end_marker(no), "{no}");
        }
    }

    #[test]
    fn credit_lines() {
        assert_eq!(
            parse_credit_line("Sources: A, B and C.").unwrap().names,
            ["A", "B", "C"]
        );
        assert_eq!(
            parse_credit_line("Source: Reuters").unwrap().names,
            ["Reuters"]
        );
        assert_eq!(
            parse_credit_line("Sources: A, B, and C").unwrap().names,
            ["A", "B", "C"]
        );
        assert_eq!(parse_credit_line("Resources: A"), None);
        assert_eq!(parse_credit_line("Source:"), None);
    }

    #[test]
    fn paragraph_modes() {
        let text = "Head\nOne\ntwo\n  \nThree\n";
        let read = |mode| read_wire_copy(text, None, mode).paragraphs;
        assert_eq!(
            texts(&read(ParagraphMode::BlankLines)),
            ["One two", "Three"]
        );
        assert_eq!(texts(&read(ParagraphMode::Lines)), ["One", "two", "Three"]);
        assert_eq!(texts(&read(ParagraphMode::Auto)), ["One two", "Three"]);
        let web = "Head\nOne\nTwo\n\n";
        let w = read_wire_copy(web, None, ParagraphMode::Auto);
        assert_eq!(texts(&w.paragraphs), ["One", "Two"]);
    }

    #[test]
    fn credit_forms() {
        let c = |p: &str| parse_credit_line(p).unwrap();
        assert_eq!(c("Source: A/B").names, ["A", "B"]);
        assert!(c("(AFP)").tentative);
        assert!(!c("Source: AFP").tentative);
        assert_eq!(c("— AFP").names, ["AFP"]);
        assert_eq!(c("With AFP").names, ["AFP"]);
        let with = c("(Ann Lee with Reuters)");
        assert_eq!(
            (with.names, with.people),
            (vec!["Reuters".to_owned()], vec!["Ann Lee".to_owned()])
        );
        let people = c("(Reporting by A; Editing by B)");
        assert_eq!(people.people, ["Reporting by A", "Editing by B"]);
        assert!(people.names.is_empty() && !people.tentative);
        assert_eq!(parse_credit_line("He said no."), None);
        assert_eq!(parse_credit_line("-dash"), None);
        let tail = trailing_credit("It rained. (ANSA)").unwrap();
        assert_eq!(tail.rest.as_deref(), Some("It rained."));
        assert_eq!(trailing_credit("led by the UN (UNHCR)"), None);
    }

    #[test]
    fn agencies() {
        for yes in ["AFP", "ANSA", "A.P.", "AP"] {
            assert!(looks_like_agency(yes), "{yes}");
        }
        for no in ["Goodbye", "A", "ABCDEFGHIJK", "AFP said"] {
            assert!(!looks_like_agency(no), "{no}");
        }
    }

    proptest! {
        #[test]
        fn wire_copy_keeps_every_line(text in "[a-zA-Z :,\n]{0,300}", title in proptest::option::of("[a-zA-Z ]{1,20}")) {
            let w = read_wire_copy(&text, title.as_deref(), AUTO);
            let mut seen: Vec<String> = Vec::new();
            seen.extend(w.above.iter().map(|p| p.text.clone()));
            seen.extend(w.headline.iter().map(|p| p.text.clone()));
            seen.extend(w.paragraphs.iter().map(|p| p.text.clone()));
            let all = seen.join(" ");
            for word in text.split_whitespace() {
                prop_assert!(all.contains(word), "lost {:?}", word);
            }
        }

        #[test]
        fn fold_into_writes_what_fold_chars_gives(text in "([a-zA-Z0-9 \t\n\r\u{b}\u{c}.,'\"]|[ÀÉİßσΣ‘’“”ʼ\u{a0}\u{2009}]){0,60}") {
            let mut buffer = String::from("left over");
            fold_into(&text, &mut buffer);
            prop_assert_eq!(&buffer, &fold_chars(&text).collect::<String>());
        }

        #[test]
        fn fold_into_writes_what_fold_chars_gives_for_ascii(text in "([\\x00-\\x7F]|[ \t\n\r\u{b}\u{c}]){0,60}") {
            let mut buffer = String::from("left over");
            fold_into(&text, &mut buffer);
            prop_assert_eq!(&buffer, &fold_chars(&text).collect::<String>());
        }

        #[test]
        fn front_matter_never_panics(text in ".{0,200}") {
            let _ = split_front_matter(&text);
        }
    }
}
