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
    pub paragraphs: Vec<String>,
    pub credit: Option<CreditLine>,
}

/// `Source: TOI and AFP`: the label as written and the names in order.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct CreditLine {
    pub label: String,
    pub names: Vec<String>,
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
    if let Some(credit) = wire.paragraphs.last().and_then(|p| parse_credit_line(p)) {
        wire.credit = Some(credit);
        wire.paragraphs.pop();
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

/// `Source: A and B` / `Sources: A, B and C`.
pub fn parse_credit_line(p: &str) -> Option<CreditLine> {
    let (label, rest) = p.split_once(':')?;
    let label = label.trim();
    if !matches!(label.to_ascii_lowercase().as_str(), "source" | "sources") {
        return None;
    }
    let mut names = Vec::new();
    for part in rest.split([',', ';']) {
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
    if names.is_empty() {
        return None;
    }
    Some(CreditLine {
        label: label.to_owned(),
        names,
    })
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

    proptest! {
        #[test]
        fn wire_copy_keeps_every_word(text in "[a-zA-Z :,\n]{0,300}", title in proptest::option::of("[a-zA-Z ]{1,20}")) {
            let w = read_wire_copy(&text, title.as_deref(), AUTO);
            let mut seen: Vec<String> = Vec::new();
            seen.extend(w.kicker.iter().cloned());
            seen.extend(w.headline.iter().cloned());
            seen.extend(w.paragraphs.iter().cloned());
            if let Some(c) = &w.credit { seen.extend(c.names.iter().cloned()); seen.push(c.label.clone()); }
            let all = seen.join(" ");
            for word in text.split(|c: char| c.is_whitespace() || c == ':' || c == ',') {
                if word.is_empty() || word == "and" { continue; }
                prop_assert!(all.contains(word), "lost {:?}", word);
            }
        }

        #[test]
        fn front_matter_never_panics(text in ".{0,200}") {
            let _ = split_front_matter(&text);
        }
    }
}
