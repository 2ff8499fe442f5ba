//! The two article forms, split into metadata and text: Markdown with front
//! matter, and plain wire copy (headline, kicker and credit line detected).

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

/// Plain wire copy, read per the content format.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WireCopy {
    /// The headline line of the text, when one was found.
    pub headline: Option<String>,
    /// The lines above the headline, joined.
    pub kicker: Option<String>,
    /// The body, without the credit line unless it is a tentative one (see
    /// [`CreditLine::tentative`] and [`WireCopy::body_and_credit`]).
    pub paragraphs: Vec<String>,
    pub credit: Option<CreditLine>,
}

impl WireCopy {
    /// The body paragraphs and the credit line. A tentative credit line is
    /// one only when `accept` says so; else its text stays in the body.
    pub fn body_and_credit(
        &self,
        accept: impl Fn(&CreditLine) -> bool,
    ) -> (Vec<&str>, Option<&CreditLine>) {
        let mut body: Vec<&str> = self.paragraphs.iter().map(String::as_str).collect();
        match &self.credit {
            Some(c) if c.tentative => {
                if !accept(c) {
                    return (body, None);
                }
                // `rest` is what the credit leaves of the last paragraph.
                match (&c.rest, body.last_mut()) {
                    (Some(rest), Some(last)) => *last = rest,
                    _ => drop(body.pop()),
                }
                (body, Some(c))
            }
            c => (body, c.as_ref()),
        }
    }
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

/// Typographic quotes compare equal to straight ones in headlines, as in mentions.
fn fold_quotes(s: &str) -> String {
    crate::quotes::fold_str(s.trim())
}

/// Reads wire copy. With a `title` from the sidecar, the line equal to it is
/// the headline and the lines above it the kicker; without one, the first
/// non-empty line is the headline. A title that matches no line leaves the
/// whole text as body: nothing in the text is ever dropped. `mode` says how
/// the body splits into paragraphs.
pub fn read_wire_copy(text: &str, title: Option<&str>, mode: ParagraphMode) -> WireCopy {
    // A lone CR was made an LF when the file was read; CRLF ends a line here.
    let lines: Vec<&str> = text.lines().collect();
    let mut wire = WireCopy::default();
    let headline_at = match title {
        Some(t) => {
            let want = fold_quotes(t);
            lines
                .iter()
                .position(|l| !l.trim().is_empty() && fold_quotes(l) == want)
        }
        None => lines.iter().position(|l| !l.trim().is_empty()),
    };
    let body = match headline_at {
        Some(h) => {
            wire.headline = Some(lines[h].trim().to_owned());
            let kicker: Vec<&str> = lines[..h]
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect();
            if !kicker.is_empty() {
                wire.kicker = Some(kicker.join(" "));
            }
            &lines[h + 1..]
        }
        None => &lines[..],
    };
    let by_lines = match mode {
        ParagraphMode::Lines => true,
        ParagraphMode::BlankLines => false,
        ParagraphMode::Auto => !has_blank_line(&lines) && nonblank(&lines) > 1,
    };
    if by_lines {
        wire.paragraphs = body
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
    } else {
        let mut current: Vec<&str> = Vec::new();
        for line in body.iter().chain(std::iter::once(&"")) {
            let line = line.trim();
            if line.is_empty() {
                if !current.is_empty() {
                    wire.paragraphs.push(current.join(" "));
                    current.clear();
                }
            } else {
                current.push(line);
            }
        }
    }
    wire.credit = wire
        .paragraphs
        .last()
        .and_then(|last| parse_credit_line(last).or_else(|| trailing_credit(last)));
    // A sure credit line leaves the body here; a tentative one in the model.
    if let Some(c) = wire.credit.as_ref().filter(|c| !c.tentative) {
        match (&c.rest, wire.paragraphs.last_mut()) {
            (Some(rest), Some(last)) => *last = rest.clone(),
            _ => drop(wire.paragraphs.pop()),
        }
    }
    wire
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
fn split_names(s: &str) -> Vec<String> {
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

/// A credit in brackets closing the last paragraph after a sentence's end
/// (`… said on Tuesday. (ANSA)`): the paragraph without it, and the credit.
fn trailing_credit(p: &str) -> Option<CreditLine> {
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

    #[test]
    fn kicker_headline_credit() {
        let text = "World news\n\nBig Headline\n\nFirst para\nline two.\n\nSecond.\n\nSource: TOI and AFP\n";
        let w = read_wire_copy(text, Some("Big Headline"), AUTO);
        assert_eq!(w.kicker.as_deref(), Some("World news"));
        assert_eq!(w.headline.as_deref(), Some("Big Headline"));
        assert_eq!(w.paragraphs, ["First para line two.", "Second."]);
        assert_eq!(w.credit.unwrap().names, ["TOI", "AFP"]);
    }

    #[test]
    fn first_line_is_title_without_sidecar_title() {
        let w = read_wire_copy("\nHeadline here\n\nBody.\n", None, AUTO);
        assert_eq!(w.headline.as_deref(), Some("Headline here"));
        assert_eq!(w.kicker, None);
        assert_eq!(w.paragraphs, ["Body."]);
    }

    #[test]
    fn unmatched_title_keeps_every_line() {
        let w = read_wire_copy("Line one\n\nLine two\n", Some("Elsewhere"), AUTO);
        assert_eq!(w.headline, None);
        assert_eq!(w.paragraphs, ["Line one", "Line two"]);
    }

    #[test]
    fn headline_matches_across_quote_styles() {
        let w = read_wire_copy("France’s Macron\n\nBody\n", Some("France's Macron"), AUTO);
        assert_eq!(w.headline.as_deref(), Some("France’s Macron"));
        // The same quote styles as mention matching, reversed quotes too.
        let w = read_wire_copy("‟Spyware″ row\n\nBody\n", Some("\"Spyware\" row"), AUTO);
        assert_eq!(w.headline.as_deref(), Some("‟Spyware″ row"));
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
        assert_eq!(read(ParagraphMode::BlankLines), ["One two", "Three"]);
        assert_eq!(read(ParagraphMode::Lines), ["One", "two", "Three"]);
        assert_eq!(read(ParagraphMode::Auto), ["One two", "Three"]);
        let web = "Head\nOne\nTwo\n\n";
        let w = read_wire_copy(web, None, ParagraphMode::Auto);
        assert_eq!(w.paragraphs, ["One", "Two"]);
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

    #[test]
    fn tentative_credit_stays_in_the_body_unless_accepted() {
        let w = read_wire_copy("Head\n\nBody.\n\nGoodbye\n", None, ParagraphMode::Auto);
        assert_eq!(w.paragraphs, ["Body.", "Goodbye"]);
        assert_eq!(
            w.body_and_credit(|_| false),
            (vec!["Body.", "Goodbye"], None)
        );
        let (body, credit) = w.body_and_credit(|_| true);
        assert_eq!(body, ["Body."]);
        assert_eq!(credit.unwrap().names, ["Goodbye"]);
    }

    proptest! {
        #[test]
        fn wire_copy_keeps_every_word(text in "[a-zA-Z :,\n]{0,300}", title in proptest::option::of("[a-zA-Z ]{1,20}")) {
            let w = read_wire_copy(&text, title.as_deref(), AUTO);
            let mut seen: Vec<String> = Vec::new();
            seen.extend(w.kicker.iter().cloned());
            seen.extend(w.headline.iter().cloned());
            seen.extend(w.paragraphs.iter().cloned());
            if let Some(c) = &w.credit {
                seen.extend(c.names.iter().cloned());
                seen.extend(c.people.iter().cloned());
                seen.push(c.label.clone());
            }
            let all = seen.join(" ");
            for word in text.split(|c: char| c.is_whitespace() || c == ':' || c == ',') {
                // Separators of a credit line's names, not names.
                if word.is_empty() || word == "and" || word.eq_ignore_ascii_case("with") { continue; }
                prop_assert!(all.contains(word), "lost {:?}", word);
            }
        }

        #[test]
        fn front_matter_never_panics(text in ".{0,200}") {
            let _ = split_front_matter(&text);
        }
    }
}
