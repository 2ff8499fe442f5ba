//! Wire copy as an editor reads it (content format 1.1, "Articles"): line
//! endings, paragraphs and credit lines, checked on the built pages.

use crate::common::*;
use scraper::{Html, Selector};
use std::path::Path;

/// The HTML of the first element matching `css`, or "" when there is none.
fn html_of(doc: &Html, css: &str) -> String {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.html())
        .unwrap_or_default()
}

/// The text of every element matching `css`, white space folded.
fn texts(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| {
            let t: String = e.text().collect();
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

// ---- Line endings

#[test]
fn lone_cr_wire_copy_reads_as_the_lf_text() {
    let dir = case("02-crlf-line-endings");
    let articles = dir.path().join("content/articles");
    let cr = std::fs::read_to_string(articles.join("cr-only.txt")).unwrap();
    assert!(
        cr.contains('\r') && !cr.contains('\n'),
        "the case is lone-CR copy"
    );
    write(
        dir.path(),
        "content/articles/lf-only.txt",
        &cr.replace('\r', "\n"),
    );
    write(
        dir.path(),
        "content/articles/lf-only.yaml",
        "date: 2019-05-01\n",
    );
    let out = build_ok(dir.path());
    let cr_page = page(&out, "articles/cr-only");
    let lf_page = page(&out, "articles/lf-only");
    // What the reader sees of the LF text, first: so that two equally
    // broken pages cannot pass.
    // Without a sidecar title the first line is the headline.
    assert_eq!(texts(&lf_page, ".story h1"), ["KICK"]);
    assert_eq!(
        texts(&lf_page, ".story-body p"),
        ["Headline here", "Jane Roe spoke. Second line."]
    );
    assert_eq!(texts(&lf_page, ".credit"), ["Source: HG"]);
    // Kicker, headline, paragraphs, mentions and credit line: the same.
    assert_eq!(
        html_of(&cr_page, "article.story"),
        html_of(&lf_page, "article.story")
    );
    assert_eq!(
        texts(&cr_page, ".story-body a[href^='../../actors/']"),
        ["Jane Roe"]
    );
}

#[test]
fn lone_cr_markdown_reads_as_the_crlf_text() {
    let dir = case("02-crlf-line-endings");
    let articles = dir.path().join("content/articles");
    let crlf = std::fs::read_to_string(articles.join("who-won-the-harbour.md")).unwrap();
    let cr = crlf
        .replace("\r\n", "\r")
        .replace(
            "title: Who won the harbour",
            "title: Who won the harbour (CR)",
        )
        .replace("# slug: who-won-the-harbour", "slug: cr-harbour");
    write(dir.path(), "content/articles/cr-harbour.md", &cr);
    let out = build_ok(dir.path());
    let cr_page = page(&out, "articles/cr-harbour");
    let crlf_page = page(&out, "articles/who-won-the-harbour");
    assert_eq!(texts(&cr_page, ".story h1"), ["Who won the harbour (CR)"]);
    assert_eq!(texts(&cr_page, ".byline"), ["A. Reporter"]);
    assert_eq!(texts(&cr_page, ".story-body h2"), ["What the records show"]);
    assert_eq!(
        html_of(&cr_page, ".story-body"),
        html_of(&crlf_page, ".story-body")
    );
}

#[test]
fn lone_cr_front_matter_errors_point_at_the_line_as_written() {
    let dir = case("02-crlf-line-endings");
    // Line 3 of the file (a lone CR ends each line) has a bad date.
    write(
        dir.path(),
        "content/articles/bad-date.md",
        "---\rtitle: Bad date\rdate: 2019-13-45\r---\rBody.\r",
    );
    let o = dossier_in(dir.path(), &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("content/articles/bad-date.md:3:"),
        "the error names line 3: {err}"
    );
    assert!(!err.contains("starts with front matter"), "{err}");
}

#[test]
fn crlf_wire_copy_and_its_error_lines() {
    let dir = case("02-crlf-line-endings");
    let out = build_ok(dir.path());
    let doc = page(&out, "articles/wire-copy");
    assert_eq!(texts(&doc, ".kicker"), ["HARBOUR"]);
    assert_eq!(
        texts(&doc, ".story h1"),
        ["Roe under pressure over port deal"]
    );
    assert_eq!(
        texts(&doc, ".story-body p"),
        [
            "Jane Roe faced questions on Tuesday about the tender that Acme won. Line breaks inside a paragraph become spaces.",
            "A blank line starts a new paragraph."
        ]
    );
    assert_eq!(texts(&doc, ".credit"), ["Source: HG"]);
    // A CRLF line counts as one line in messages.
    write(
        dir.path(),
        "content/articles/wire-copy.yaml",
        "title: Roe under pressure over port deal\r\nbyline: Wire staff\r\ndate: 2019-02-31\r\n",
    );
    let o = dossier_in(dir.path(), &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/articles/wire-copy.yaml:3:"),
        "the error names line 3: {err}"
    );
}

// ---- Wire copy in the `wire` fixture: AFP, Reuters and ANSA are sources.

/// Builds the `wire` fixture with `story.txt` (and its sidecar, `date`
/// added) and returns the story's page.
fn story(sidecar: &str, text: &str) -> Html {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("wire"), dir.path());
    write(dir.path(), "content/articles/story.txt", text);
    write(
        dir.path(),
        "content/articles/story.yaml",
        &format!("date: 2024-03-05\n{sidecar}"),
    );
    let out = build_ok(dir.path());
    page(&out, "articles/story")
}

fn paragraphs(doc: &Html) -> Vec<String> {
    texts(doc, ".story-body p")
}

/// The credit line's linked names: (text, source id).
fn credit_links(doc: &Html) -> Vec<(String, String)> {
    let sel = Selector::parse(".credit a").unwrap();
    doc.select(&sel)
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default();
            let id = href
                .trim_start_matches("../../sources/")
                .trim_end_matches('/');
            (a.text().collect(), id.to_owned())
        })
        .collect()
}

fn linked(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(t, id)| (t.to_string(), id.to_string()))
        .collect()
}

/// The ids of the sources listed in the page's Sources panel.
fn panel_sources(doc: &Html) -> Vec<String> {
    let sel = Selector::parse(".source-list a.source-name").unwrap();
    doc.select(&sel)
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default();
            href.trim_start_matches("../../sources/")
                .trim_end_matches('/')
                .to_owned()
        })
        .collect()
}

const HEAD: &str = "Harbour talks stall\n\n";

// ---- Paragraphs

#[test]
fn paragraphs_lines_makes_every_line_a_paragraph() {
    let doc = story(
        "paragraphs: lines\n",
        "Harbour talks stall\nThe commission met on Monday.\n\nIt adjourned without a vote.\nA new date was not set.\n",
    );
    assert_eq!(
        paragraphs(&doc),
        [
            "The commission met on Monday.",
            "It adjourned without a vote.",
            "A new date was not set."
        ]
    );
}

#[test]
fn paragraphs_blank_lines_joins_lines_and_a_line_of_spaces_is_blank() {
    let doc = story(
        "paragraphs: blank-lines\n",
        "Harbour talks stall\nThe commission met\non Monday.\n   \nIt adjourned\nwithout a vote.\n",
    );
    assert_eq!(
        paragraphs(&doc),
        [
            "The commission met on Monday.",
            "It adjourned without a vote."
        ]
    );
}

#[test]
fn paragraphs_auto_is_lines_without_a_blank_line() {
    // Web copy: one paragraph per line, no blank line anywhere.
    let doc = story(
        "",
        "Harbour talks stall\nThe commission met on Monday.\nIt adjourned without a vote.\n",
    );
    assert_eq!(
        paragraphs(&doc),
        [
            "The commission met on Monday.",
            "It adjourned without a vote."
        ]
    );
    // With a blank line, blank lines separate and line breaks are spaces.
    let doc = story(
        "paragraphs: auto\n",
        "Harbour talks stall\n\nThe commission met\non Monday.\n",
    );
    assert_eq!(paragraphs(&doc), ["The commission met on Monday."]);
}

#[test]
fn paragraphs_unknown_value_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("wire"), dir.path());
    write(dir.path(), "content/articles/story.txt", "Talks\n\nBody.\n");
    write(
        dir.path(),
        "content/articles/story.yaml",
        "date: 2024-03-05\nparagraphs: blank-line\n",
    );
    let o = dossier_in(dir.path(), &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("content/articles/story.yaml:2:"), "{err}");
    assert!(err.contains("blank-lines"), "did you mean: {err}");
}

#[test]
fn paragraphs_on_a_markdown_article_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("wire"), dir.path());
    write(
        dir.path(),
        "content/articles/md.md",
        "---\ntitle: Talks\ndate: 2024-03-05\nparagraphs: lines\n---\nBody.\n",
    );
    let o = dossier_in(dir.path(), &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("content/articles/md.md:4:"), "{err}");
    assert!(err.contains(".txt"), "{err}");
}

// ---- Credit lines

/// The story with `credit` as its last paragraph: its body, credit line
/// text, linked names and Sources panel.
fn credited(credit: &str) -> Html {
    story(
        "",
        &format!("{HEAD}The commission met on Monday.\n\n{credit}\n"),
    )
}

fn assert_credited(doc: &Html, shown: &str, links: &[(&str, &str)]) {
    assert_eq!(paragraphs(doc), ["The commission met on Monday."]);
    assert_eq!(texts(doc, ".credit"), [shown]);
    assert_eq!(credit_links(doc), linked(links));
    let ids: Vec<&str> = links.iter().map(|(_, id)| *id).collect();
    assert_eq!(panel_sources(doc), ids);
}

#[test]
fn credit_source_a_and_b() {
    let doc = credited("Source: AFP and Reuters");
    assert_credited(
        &doc,
        "Source: AFP and Reuters",
        &[("AFP", "afp"), ("Reuters", "reuters")],
    );
}

#[test]
fn credit_sources_a_b_and_c() {
    let doc = credited("Sources: AFP, Reuters and ANSA");
    assert_credited(
        &doc,
        "Sources: AFP, Reuters and ANSA",
        &[("AFP", "afp"), ("Reuters", "reuters"), ("ANSA", "ansa")],
    );
}

#[test]
fn credit_source_a_slash_b() {
    let doc = credited("Source: AFP/Reuters");
    assert_credited(
        &doc,
        "Source: AFP and Reuters",
        &[("AFP", "afp"), ("Reuters", "reuters")],
    );
}

#[test]
fn credit_in_brackets() {
    let doc = credited("(AFP)");
    assert_credited(&doc, "Source: AFP", &[("AFP", "afp")]);
}

#[test]
fn credit_after_a_dash() {
    assert_credited(&credited("— AFP"), "Source: AFP", &[("AFP", "afp")]);
    assert_credited(
        &credited("- Reuters"),
        "Source: Reuters",
        &[("Reuters", "reuters")],
    );
}

#[test]
fn credit_alone_on_its_line() {
    assert_credited(&credited("AFP"), "Source: AFP", &[("AFP", "afp")]);
    // Not capitals, but a source's name.
    assert_credited(
        &credited("Reuters"),
        "Source: Reuters",
        &[("Reuters", "reuters")],
    );
}

#[test]
fn credit_with_agency() {
    assert_credited(&credited("With AFP"), "Source: AFP", &[("AFP", "afp")]);
}

#[test]
fn credit_person_with_agency_shows_the_person_not_as_a_source() {
    let doc = credited("(Mara Quill with Reuters)");
    assert_credited(
        &doc,
        "Source: Reuters · Mara Quill",
        &[("Reuters", "reuters")],
    );
    assert_eq!(texts(&doc, ".credit .people"), ["Mara Quill"]);
}

#[test]
fn credit_reporting_and_editing_are_people_not_sources() {
    let doc = credited("(Reporting by Tomas Vell; Editing by Ines Garo)");
    assert_eq!(paragraphs(&doc), ["The commission met on Monday."]);
    assert_eq!(
        texts(&doc, ".credit .people"),
        ["Reporting by Tomas Vell; Editing by Ines Garo"]
    );
    assert!(credit_links(&doc).is_empty());
    assert!(texts(&doc, ".credit .unresolved").is_empty());
    assert!(panel_sources(&doc).is_empty());
    let doc = credited("Additional reporting by Ines Garo");
    assert_eq!(paragraphs(&doc), ["The commission met on Monday."]);
    assert_eq!(
        texts(&doc, ".credit .people"),
        ["Additional reporting by Ines Garo"]
    );
    assert!(panel_sources(&doc).is_empty());
}

#[test]
fn credit_at_the_end_of_the_last_paragraph() {
    let doc = story(
        "",
        &format!(
            "{HEAD}The commission met on Monday.\n\nA vote is due, Mara Ostend said on Tuesday. (ANSA)\n"
        ),
    );
    assert_eq!(
        paragraphs(&doc),
        [
            "The commission met on Monday.",
            "A vote is due, Mara Ostend said on Tuesday."
        ]
    );
    assert_eq!(texts(&doc, ".credit"), ["Source: ANSA"]);
    assert_eq!(credit_links(&doc), linked(&[("ANSA", "ansa")]));
    assert_eq!(panel_sources(&doc), ["ansa"]);
    // The paragraph kept its mention.
    assert_eq!(
        texts(&doc, ".story-body a[href^='../../actors/']"),
        ["Mara Ostend"]
    );
}

#[test]
fn credit_unresolved_name_is_shown_as_plain_text() {
    let doc = credited("Sources: AFP/Harbour Ledger");
    assert_eq!(paragraphs(&doc), ["The commission met on Monday."]);
    assert_eq!(texts(&doc, ".credit"), ["Sources: AFP and Harbour Ledger"]);
    assert_eq!(credit_links(&doc), linked(&[("AFP", "afp")]));
    assert_eq!(texts(&doc, ".credit .unresolved"), ["Harbour Ledger"]);
    assert_eq!(panel_sources(&doc), ["afp"]);
}

#[test]
fn ordinary_one_word_last_paragraph_stays_in_the_body() {
    let doc = credited("Goodbye");
    assert_eq!(
        paragraphs(&doc),
        ["The commission met on Monday.", "Goodbye"]
    );
    assert!(texts(&doc, ".credit").is_empty());
    // A sentence in brackets is no credit either.
    let doc = credited("(The vote was later postponed)");
    assert_eq!(
        paragraphs(&doc),
        [
            "The commission met on Monday.",
            "(The vote was later postponed)"
        ]
    );
    assert!(texts(&doc, ".credit").is_empty());
}
