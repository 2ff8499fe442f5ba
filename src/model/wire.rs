//! Wire copy as an editor reads it (content format 1.1, "Articles"), with
//! what only the whole investigation knows: the boilerplate patterns of
//! `site.yaml` and the sidecar, and the sources that credit lines and
//! datelines name. From the paragraphs the loader split
//! ([`WireCopy`]), in this order:
//!
//! 1. paragraphs matching a boilerplate pattern leave the page (kept as
//!    `omitted`), and so do closing end markers (`ENDS`, `-30-`);
//! 2. the text above the headline is the kicker when it is at most 2 lines
//!    and 120 characters; longer, it stays at the top of the body, and that
//!    is a warning;
//! 3. the last paragraph, or a credit in brackets closing it, is the credit
//!    line;
//! 4. the first paragraph of the story (after a byline or a date standing
//!    alone) gives up its dateline;
//! 5. a paragraph shown twice is a warning.
//!
//! Everything else stays on the page, in order. Warnings are reported
//! here, at the lines of the `.txt` file; the article's own file turns the
//! credit line and the dateline into records.

use super::validate::Ctx;
use crate::load::article::dateline::parse_dateline;
use crate::load::article::{
    CreditLine, Paragraph, WireCopy, closing_credit, fold_eq, fold_key, is_end_marker,
    looks_like_agency,
};
use crate::load::fields::{Span, Text};
use std::ops::Range;

/// A paragraph as compared with boilerplate patterns and with the other
/// paragraphs: case, quote styles and runs of white space do not count.
fn fold(s: &str) -> String {
    crate::load::article::fold_headline(s)
}

/// A `boilerplate` pattern (`site.yaml` or a sidecar): `*` matches any
/// text, the match ignores case (and quote styles and runs of white space)
/// and covers the whole paragraph. Counts what it removed.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    /// As written.
    pub pattern: String,
    pub span: Span,
    /// The folded pattern split at each `*`.
    parts: Vec<String>,
    /// Paragraphs it left off (the first pattern to match one counts it).
    pub removed: usize,
    /// Whether it matched any paragraph (removed or not).
    pub matched: bool,
}

impl Boilerplate {
    pub fn new(t: &Text) -> Self {
        Boilerplate {
            pattern: t.value.clone(),
            span: t.span,
            parts: fold(&t.value).split('*').map(str::to_owned).collect(),
            removed: 0,
            matched: false,
        }
    }

    /// Whether the folded paragraph `p` matches, as a whole. A space
    /// between a `*` and the pattern's end may fall with the `*` ("Read
    /// more: *" matches "Read more:").
    fn matches(&self, p: &str) -> bool {
        if self.matches_exactly(p) {
            return true;
        }
        let parts = &self.parts;
        let open = parts.len() > 1 && parts[0].is_empty() && parts[1].starts_with(' ');
        let close = parts.len() > 1
            && parts[parts.len() - 1].is_empty()
            && parts[parts.len() - 2].ends_with(' ');
        (open && self.matches_exactly(&format!(" {p}")))
            || (close && self.matches_exactly(&format!("{p} ")))
            || (open && close && self.matches_exactly(&format!(" {p} ")))
    }

    /// [`Self::matches`], each character of the pattern but `*` standing
    /// for itself.
    fn matches_exactly(&self, p: &str) -> bool {
        let parts = &self.parts;
        let (first, last) = (&parts[0], &parts[parts.len() - 1]);
        if parts.len() == 1 {
            return p == first;
        }
        if !p.starts_with(first.as_str()) || p.len() < first.len() + last.len() {
            return false;
        }
        let mut rest = &p[first.len()..p.len() - last.len()];
        if !p.ends_with(last.as_str()) {
            return false;
        }
        for part in &parts[1..parts.len() - 1] {
            match rest.find(part.as_str()) {
                Some(i) => rest = &rest[i + part.len()..],
                None => return false,
            }
        }
        true
    }
}

/// A paragraph shown on the page.
#[derive(Debug, Clone)]
pub struct Shown {
    pub text: String,
    /// Where it starts in the `.txt` file.
    pub line: usize,
    pub column: usize,
    /// How many lines of the file it takes.
    pub lines: usize,
    /// Text from above the headline that is no kicker: never the summary.
    pub above: bool,
}

/// A dateline found at the start of the story's first paragraph.
#[derive(Debug, Clone)]
pub struct FoundDateline {
    /// As written, without the dash or colon that ends it.
    pub text: String,
    /// Each agency it names: its bytes in `text`.
    pub agencies: Vec<Range<usize>>,
    /// Where the paragraph it opens starts in the file, and its lines.
    pub line: usize,
    pub lines: usize,
    /// The index, in the story's paragraphs, of the paragraph it opens
    /// (the one after it when the dateline stood alone): a byline or a
    /// date may come first.
    pub paragraph: usize,
}

/// Wire copy read as the page shows it.
#[derive(Debug, Default)]
pub struct Story {
    /// The kicker found above the headline (a sidecar `kicker` replaces it).
    pub kicker: Option<String>,
    /// The body, in order.
    pub paragraphs: Vec<Shown>,
    pub credit: Option<CreditLine>,
    /// Where the paragraph of the credit line starts, and its lines.
    pub credit_at: Option<(usize, usize)>,
    pub dateline: Option<FoundDateline>,
    /// Paragraphs left off the page (boilerplate, end markers, lines
    /// replaced by a sidecar `kicker`), in the order of the file.
    pub omitted: Vec<String>,
}

/// A kicker is at most this many lines…
pub const KICKER_LINES: usize = 2;
/// … and this many characters.
pub const KICKER_CHARS: usize = 120;

/// Reads `wire` (the `.txt` file `file`). `own` and `site` are the
/// sidecar's and the site's boilerplate patterns (the sidecar's are tried
/// first); `kicker_given` says whether the sidecar gives a `kicker`, which
/// replaces the lines above the headline; `is_source` whether a name
/// resolves to one of the investigation's sources. Warnings go to `ctx`.
pub(crate) fn read(
    ctx: &mut Ctx<'_>,
    file: usize,
    wire: &WireCopy,
    own: &mut [Boilerplate],
    site: &mut [Boilerplate],
    kicker_given: bool,
    is_source: &dyn Fn(&str) -> bool,
) -> Story {
    let mut story = Story::default();
    let mut omitted: Vec<(usize, String)> = Vec::new();
    let patterns = !own.is_empty() || !site.is_empty();
    let mut keep = |p: &Paragraph, omitted: &mut Vec<(usize, String)>| {
        if !patterns {
            return true;
        }
        let folded = fold(&p.text);
        let mut removed = false;
        for b in own.iter_mut().chain(site.iter_mut()) {
            if b.matches(&folded) {
                b.matched = true;
                if !removed {
                    b.removed += 1;
                    removed = true;
                }
            }
        }
        if removed {
            omitted.push((p.line, p.text.clone()));
        }
        !removed
    };
    let shown = |p: &Paragraph, above: bool| Shown {
        text: p.text.clone(),
        line: p.line,
        column: p.column,
        lines: p.lines,
        above,
    };

    // The text above the headline: the kicker, or the top of the body.
    let above: Vec<&Paragraph> = wire
        .above
        .iter()
        .filter(|p| keep(p, &mut omitted))
        .collect();
    if kicker_given {
        omitted.extend(above.iter().map(|p| (p.line, p.text.clone())));
    } else if !above.is_empty() {
        let lines: usize = above.iter().map(|p| p.lines).sum();
        let text = above
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let chars = text.chars().count();
        if lines <= KICKER_LINES && chars <= KICKER_CHARS {
            story.kicker = Some(text);
        } else {
            let first = above[0];
            let d = ctx.at_line(
                file,
                first.line,
                first.column,
                format!(
                    "the text above the headline ({lines} lines, {chars} characters) is too long for a kicker (at most {KICKER_LINES} lines and {KICKER_CHARS} characters): it stays at the top of the body"
                ),
            );
            ctx.push(d.warning().with_hint(
                "leave page furniture off with `boilerplate` patterns in the sidecar, or give the kicker as `kicker` in the sidecar",
            ));
            story
                .paragraphs
                .extend(above.iter().map(|p| shown(p, true)));
        }
    }

    let mut body: Vec<Shown> = wire
        .paragraphs
        .iter()
        .filter(|p| keep(p, &mut omitted))
        .map(|p| shown(p, false))
        .collect();
    drop_end_markers(&mut body, &mut omitted);
    // The credit line: sure forms always, forms without a label only when
    // every name is a source or reads as an agency's.
    if let Some(last) = body.last_mut() {
        let credit = closing_credit(&last.text).filter(|c| {
            !c.tentative || c.names.iter().all(|n| looks_like_agency(n) || is_source(n))
        });
        if let Some(c) = credit {
            story.credit_at = Some((last.line, last.lines));
            match &c.rest {
                Some(rest) => last.text = rest.clone(),
                None => drop(body.pop()),
            }
            story.credit = Some(c);
            drop_end_markers(&mut body, &mut omitted);
        }
    }
    // The dateline opens the story's first paragraph, which may come after
    // a byline or a date standing alone.
    let lead = body.iter().take(3).position(|p| {
        !super::summary::is_byline(&p.text) && !super::summary::is_date_line(&p.text)
    });
    if let Some(i) = lead {
        let p = &body[i];
        if let Some(m) = parse_dateline(&p.text, is_source) {
            story.dateline = Some(FoundDateline {
                text: p.text[..m.end].to_owned(),
                agencies: m.agencies.clone(),
                line: p.line,
                lines: p.lines,
                paragraph: story.paragraphs.len() + i,
            });
            if m.rest == p.text.len() {
                body.remove(i);
            } else {
                body[i].text = p.text[m.rest..].to_owned();
            }
        }
    }
    story.paragraphs.extend(body);
    repeated(ctx, file, &story.paragraphs);
    omitted.sort_by_key(|(line, _)| *line);
    story.omitted = omitted.into_iter().map(|(_, t)| t).collect();
    story
}

/// Closing end markers (`ENDS`, `-30-`) leave the body.
fn drop_end_markers(body: &mut Vec<Shown>, omitted: &mut Vec<(usize, String)>) {
    while let Some(last) = body.last() {
        if !is_end_marker(&last.text) {
            break;
        }
        let last = body.pop().expect("just seen");
        omitted.push((last.line, last.text));
    }
}

/// A paragraph shown twice (a caption copied with its picture, a paragraph
/// pasted twice) is a warning at its second place.
fn repeated(ctx: &mut Ctx<'_>, file: usize, paragraphs: &[Shown]) {
    // Numbered by their place in the list, so that each is found again
    // without a search.
    let texts = paragraphs.iter().map(|p| p.text.as_str()).enumerate();
    for (at, first) in repeats(texts) {
        let (p, first) = (&paragraphs[at], paragraphs[first].line);
        let d = ctx.at_line(
            file,
            p.line,
            p.column,
            format!("this paragraph repeats the one at line {first}"),
        );
        ctx.push(d.warning().with_hint(
            "remove the copy, or leave it off with a `boilerplate` pattern in the sidecar",
        ));
    }
}

/// The texts among `texts` (each with a number: its line, or its place
/// in a list) that repeat an earlier one, case, quote styles and white
/// space aside: (its number, the earlier one's number). Texts without a
/// letter or a digit (`* * *`) do not count.
pub fn repeats<'a>(texts: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<(usize, usize)> {
    let mut seen: std::collections::HashMap<u64, Vec<(usize, &str)>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    let mut buffer = String::new();
    for (line, text) in texts {
        if !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let same = seen.entry(fold_key(text, &mut buffer)).or_default();
        match same.iter().find(|(_, t)| fold_eq(t, text)) {
            Some(&(first, _)) => out.push((line, first)),
            None => same.push((line, text)),
        }
    }
    out
}

/// The 1-based (line, column) of `needle` in the `lines` lines of `text`
/// from line `line`: where a credit or dateline name is written, or the
/// paragraph's first line when it cannot be found.
pub fn locate(text: &str, line: usize, lines: usize, needle: &str) -> (usize, usize) {
    for (n, l) in text
        .lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .take(lines.max(1))
    {
        if let Some(at) = l.find(needle) {
            return (n + 1, l[..at].chars().count() + 1);
        }
    }
    (line, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_texts_alike_whole_not_by_their_ends() {
        let texts = [
            "Entry 1 of the annex names the minister.",
            "Entry 2 of the annex names the minister.",
            "* * *",
            "ENTRY 1 of  the annex names the minister.",
            "* * *",
            "Entry 2 of the annex names the minister.",
        ];
        let found = repeats(texts.iter().copied().enumerate());
        assert_eq!(found, [(3, 0), (5, 1)]);
    }

    fn pattern(p: &str) -> Boilerplate {
        Boilerplate::new(&Text {
            value: p.to_owned(),
            span: Span::default(),
        })
    }

    #[test]
    fn patterns_match_whole_paragraphs_ignoring_case() {
        let read_more = pattern("Read more: *");
        assert!(read_more.matches(&fold("READ MORE: the vote")));
        assert!(read_more.matches(&fold("Read more:")));
        assert!(!read_more.matches(&fold("Please Read more: x")));
        assert!(!pattern("Photo *").matches(&fold("Photographs")));
        let old = pattern("This article is more than * old");
        assert!(old.matches(&fold("This article is more than 2 years old")));
        assert!(!old.matches(&fold("This article is more than 2 years old, and")));
        let exact = pattern("Source link");
        assert!(exact.matches(&fold("source  link")));
        assert!(!exact.matches(&fold("Source links")));
        let inner = pattern("*Getty*Images*");
        assert!(inner.matches(&fold("Photo: Getty Images")));
        assert!(inner.matches(&fold("GettyImages")));
        assert!(!inner.matches(&fold("Images by Getty")));
        // Quote styles count as one.
        assert!(pattern("Don't miss *").matches(&fold("Don’t miss this")));
    }

    #[test]
    fn locates_names_in_the_lines_of_a_paragraph() {
        let text = "Head\n\nOne line\nthen (AFP) here\n";
        assert_eq!(locate(text, 3, 2, "AFP"), (4, 7));
        assert_eq!(locate(text, 3, 2, "Nowhere"), (3, 1));
    }
}
