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

/// The body's paragraphs (a dateline is no paragraph of the text).
fn paragraphs(doc: &Html) -> Vec<String> {
    texts(doc, ".story-body p:not(.story-dateline)")
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

// ---- Runs that report: warnings with their positions.

/// The `wire` fixture with `story.txt` and its sidecar (`date` added), in a
/// temporary folder.
fn wire_dir(sidecar: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("wire"), dir.path());
    write(dir.path(), "content/articles/story.txt", text);
    write(
        dir.path(),
        "content/articles/story.yaml",
        &format!("date: 2024-03-05\n{sidecar}"),
    );
    dir
}

/// `check` on the story: it succeeds; its stdout and stderr.
fn checked(sidecar: &str, text: &str) -> (String, String) {
    let dir = wire_dir(sidecar, text);
    let o = dossier_in(dir.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    (stdout(&o), stderr(&o))
}

/// The headlines of the warnings printed, in order.
fn warnings(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.contains(": warning: ")).collect()
}

/// A first paragraph long enough to be a story's.
const LEAD: &str =
    "The harbour commission adjourned on Monday without a vote on the container terminal tender.";

// ---- Datelines

/// What a story shows of a dateline.
struct Dated {
    /// The dateline as shown.
    dateline: Vec<String>,
    /// The first paragraph.
    first: String,
    /// The sources its dateline links: (text, source id).
    links: Vec<(String, String)>,
    /// The Sources panel's source ids.
    panel: Vec<String>,
}

/// The story whose first paragraph is `first`.
fn dated(first: &str) -> Dated {
    let doc = story("", &format!("{HEAD}{first}\n\nIt adjourned.\n"));
    let sel = Selector::parse(".story-dateline a").unwrap();
    let links = doc
        .select(&sel)
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default();
            let id = href
                .trim_start_matches("../../sources/")
                .trim_end_matches('/');
            (a.text().collect(), id.to_owned())
        })
        .collect();
    Dated {
        dateline: texts(&doc, ".story-dateline"),
        first: paragraphs(&doc).into_iter().next().unwrap_or_default(),
        links,
        panel: panel_sources(&doc),
    }
}

#[test]
fn every_dateline_form_is_shown_apart_from_the_text() {
    let text = "The commission met on Monday.";
    for (first, shown, agencies) in [
        ("PARIS (AFP) - ", "PARIS (AFP) —", vec![("AFP", "afp")]),
        (
            "JERUSALEM, July 24 (Reuters) - ",
            "JERUSALEM, July 24 (Reuters) —",
            vec![("Reuters", "reuters")],
        ),
        ("NEW DELHI: ", "NEW DELHI —", vec![]),
        (
            "Paris, 24 July (ANSA) - ",
            "Paris, 24 July (ANSA) —",
            vec![("ANSA", "ansa")],
        ),
        (
            "(ANSA) - PARIS, July 20 - ",
            "(ANSA) - PARIS, July 20 —",
            vec![("ANSA", "ansa")],
        ),
        // Any dash.
        ("ROME (ANSA) — ", "ROME (ANSA) —", vec![("ANSA", "ansa")]),
        ("ROME (ANSA) – ", "ROME (ANSA) —", vec![("ANSA", "ansa")]),
        ("ROME (ANSA) -- ", "ROME (ANSA) —", vec![("ANSA", "ansa")]),
    ] {
        let d = dated(&format!("{first}{text}"));
        assert_eq!(d.dateline, [shown], "{first}");
        assert_eq!(d.first, text, "{first}: the text without its dateline");
        assert_eq!(d.links, linked(&agencies), "{first}");
        // An agency resolved joins the article's sources.
        let ids: Vec<&str> = agencies.iter().map(|(_, id)| *id).collect();
        assert_eq!(d.panel, ids, "{first}");
    }
}

#[test]
fn a_dateline_alone_on_its_line_opens_the_next_paragraph() {
    let doc = story(
        "paragraphs: lines\n",
        "Harbour talks stall\nBRUSSELS (AFP) -\nThe commission met on Monday.\n",
    );
    assert_eq!(texts(&doc, ".story-dateline"), ["BRUSSELS (AFP) —"]);
    assert_eq!(paragraphs(&doc), ["The commission met on Monday."]);
    // After a byline, the dateline stands before the paragraph it opens.
    let doc = story(
        "paragraphs: lines\n",
        "Harbour talks stall\nBy Tomas Vell\nBRUSSELS (AFP) - The commission met on Monday.\n",
    );
    assert_eq!(
        texts(&doc, ".story-body > *"),
        [
            "By Tomas Vell",
            "BRUSSELS (AFP) —",
            "The commission met on Monday."
        ]
    );
}

#[test]
fn sentences_that_open_like_datelines_stay_text() {
    for first in [
        "Update: the commission met on Monday.",
        "UPDATE: The commission met on Monday.",
        "Paris: the commission met on Monday.",
        "Mara Ostend said: The commission met.",
        "Acme Corp (ACME) - a crane maker - won.",
        "NATO - the alliance - met on Monday.",
    ] {
        let d = dated(first);
        assert!(d.dateline.is_empty(), "{first}: {:?}", d.dateline);
        assert_eq!(d.first, first);
    }
}

#[test]
fn an_agency_of_a_dateline_that_is_no_source_is_a_warning_at_its_place() {
    let text = format!("{HEAD}MADRID (EFE) - {LEAD}\n");
    let (_, err) = checked("", &text);
    assert_eq!(
        warnings(&err),
        [
            "content/articles/story.txt:3:9: warning: the dateline names `EFE`, which matches no source: it is shown as plain text"
        ]
    );
    let doc = story("", &text);
    assert_eq!(texts(&doc, ".story-dateline"), ["MADRID (EFE) —"]);
    assert!(texts(&doc, ".story-dateline a").is_empty());
}

// ---- Headline and kicker

#[test]
fn a_headline_in_capitals_matches_a_sentence_case_title() {
    let doc = story(
        "title: Harbour talks stall as commission adjourns\n",
        "PORTS\n\nHARBOUR TALKS  STALL AS COMMISSION ADJOURNS\n\nThe commission met on Monday.\n",
    );
    assert_eq!(
        texts(&doc, ".story h1"),
        ["Harbour talks stall as commission adjourns"]
    );
    assert_eq!(texts(&doc, ".story .kicker"), ["PORTS"]);
    assert_eq!(paragraphs(&doc), ["The commission met on Monday."]);
}

#[test]
fn a_kicker_of_two_short_lines_is_the_kicker() {
    let doc = story(
        "title: Harbour talks stall\n",
        "World\nPorts and shipping\nHarbour talks stall\nThe commission met on Monday.\n",
    );
    assert_eq!(texts(&doc, ".story .kicker"), ["World Ports and shipping"]);
    assert_eq!(paragraphs(&doc), ["The commission met on Monday."]);
}

#[test]
fn a_long_text_above_the_headline_stays_in_the_body_and_is_a_warning() {
    let text = &format!("Skip to main content\nMenu\nPORTS\nHarbour talks stall\n{LEAD}\n");
    let sidecar = "title: Harbour talks stall\n";
    let doc = story(sidecar, text);
    assert!(texts(&doc, ".story .kicker").is_empty());
    assert_eq!(
        paragraphs(&doc),
        ["Skip to main content", "Menu", "PORTS", LEAD]
    );
    let (_, err) = checked(sidecar, text);
    assert_eq!(
        warnings(&err),
        [
            "content/articles/story.txt:1:1: warning: the text above the headline (3 lines, 31 characters) is too long for a kicker (at most 2 lines and 120 characters): it stays at the top of the body"
        ]
    );
    assert!(
        err.contains("hint: leave page furniture off with `boilerplate`"),
        "{err}"
    );
    // One line of 121 characters is too long as well.
    let long = "A".repeat(121);
    let (_, err) = checked(sidecar, &format!("{long}\nHarbour talks stall\n{LEAD}\n"));
    assert_eq!(warnings(&err).len(), 1, "{err}");
    // Boilerplate takes the furniture off: what is left is the kicker.
    let sidecar = "title: Harbour talks stall\nboilerplate: [Skip to main content, Menu]\n";
    let doc = story(sidecar, text);
    assert_eq!(texts(&doc, ".story .kicker"), ["PORTS"]);
    let (_, err) = checked(sidecar, text);
    assert!(warnings(&err).is_empty(), "{err}");
}

#[test]
fn a_title_that_matches_no_line_is_a_warning_naming_the_closest() {
    let text = "PORTS\n\nHarbour talks stalled\n\nThe commission met on Monday.\n";
    let sidecar = "title: Harbour talks stall\nsummary: Talks.\n";
    let (_, err) = checked(sidecar, text);
    assert_eq!(
        warnings(&err),
        [
            "content/articles/story.yaml:2:8: warning: the title matches no line of content/articles/story.txt; the closest is line 3: “Harbour talks stalled”"
        ]
    );
    // Every line stays in the body.
    let doc = story(sidecar, text);
    assert_eq!(
        paragraphs(&doc),
        [
            "PORTS",
            "Harbour talks stalled",
            "The commission met on Monday."
        ]
    );
}

#[test]
fn a_first_line_too_long_for_a_headline_is_a_warning() {
    let long = format!("{LEAD} {LEAD} {LEAD}");
    assert!(long.chars().count() > 200);
    let text = format!("{long}\n\n{LEAD}\n");
    let (_, err) = checked("", &text);
    assert_eq!(
        warnings(&err),
        [format!(
            "content/articles/story.txt:1:1: warning: the first line, taken as the headline, is {} characters long: it reads like a paragraph (a headline is at most 200)",
            long.chars().count()
        )]
    );
    // It is still the headline; 200 characters are no warning.
    let doc = story("", &text);
    assert_eq!(texts(&doc, ".story h1"), [long.as_str()]);
    let (_, err) = checked("", &format!("{}\n\n{LEAD}\n", "H".repeat(200)));
    assert!(warnings(&err).is_empty(), "{err}");
}

// ---- Boilerplate

#[test]
fn boilerplate_leaves_the_page_and_the_summary_and_check_counts_it() {
    let dir = wire_dir(
        "boilerplate:\n  - \"Read more: *\"\n  - Share this story\n",
        &format!(
            "{HEAD}This article is more than 2 years old\n\n{LEAD}\n\nRead more: Dockers strike again\n\nIt adjourned.\n\nREAD MORE: the tender\n\nShare this story\n"
        ),
    );
    let site = dir.path().join("content/site.yaml");
    let yaml = read(&site);
    std::fs::write(
        &site,
        format!("{yaml}boilerplate:\n  - \"This article is more than * old\"\n  - Source link\n"),
    )
    .unwrap();
    let o = dossier_in(dir.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().collect::<Vec<_>>(),
        [
            "content/site.yaml:4:5: boilerplate `This article is more than * old` removed 1 paragraph",
            "content/site.yaml:5:5: boilerplate `Source link` removed 0 paragraphs",
            "content/articles/story.yaml:3:5: boilerplate `Read more: *` removed 2 paragraphs",
            "content/articles/story.yaml:4:5: boilerplate `Share this story` removed 1 paragraph",
            "ok: 2 articles, 1 actor, 0 events, 3 sources, 0 statements; 1 warning",
        ]
    );
    // A pattern that matches nothing is a warning where it is written.
    assert_eq!(
        warnings(&stderr(&o)),
        [
            "content/site.yaml:5:5: warning: the boilerplate pattern `Source link` matches no paragraph of any wire-copy article"
        ]
    );
    let out = build_ok(dir.path());
    let doc = page(&out, "articles/story");
    assert_eq!(paragraphs(&doc), [LEAD, "It adjourned."]);
    // The summary is the first paragraph that reads as text.
    let sel = Selector::parse("meta[name=description]").unwrap();
    let description = doc.select(&sel).next().unwrap().value().attr("content");
    assert_eq!(description, Some(LEAD));
    // The open data keeps what was left off, in order.
    let data: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/articles.json"))).unwrap();
    let story = data
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "story")
        .unwrap();
    assert_eq!(
        story["omitted"],
        serde_json::json!([
            "This article is more than 2 years old",
            "Read more: Dockers strike again",
            "READ MORE: the tender",
            "Share this story"
        ])
    );
}

#[test]
fn a_sidecar_pattern_that_matches_nothing_is_a_warning_at_its_place() {
    let (_, err) = checked("boilerplate: [\"Photo: *\"]\n", &format!("{HEAD}{LEAD}\n"));
    assert_eq!(
        warnings(&err),
        [
            "content/articles/story.yaml:2:15: warning: the boilerplate pattern `Photo: *` matches no paragraph of this article"
        ]
    );
}

#[test]
fn boilerplate_on_a_markdown_article_is_an_error() {
    let dir = wire_dir("", &format!("{HEAD}{LEAD}\n"));
    write(
        dir.path(),
        "content/articles/md.md",
        "---\ntitle: Talks\ndate: 2024-03-05\nboilerplate: [Menu]\n---\nBody.\n",
    );
    let o = dossier_in(dir.path(), &["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(
            "content/articles/md.md:4:15: error: `boilerplate` applies only to .txt wire copy"
        ),
        "{}",
        stderr(&o)
    );
}

// ---- End markers

#[test]
fn a_closing_end_marker_is_neither_text_nor_a_credit() {
    for end in ["ENDS", "END", "(END)", "-30-", "###"] {
        let dir = wire_dir("", &format!("{HEAD}{LEAD}\n\n(AFP)\n\n{end}\n"));
        let o = dossier_in(dir.path(), &["check"]);
        assert!(warnings(&stderr(&o)).is_empty(), "{end}: {}", stderr(&o));
        let out = build_ok(dir.path());
        let doc = page(&out, "articles/story");
        assert_eq!(paragraphs(&doc), [LEAD], "{end}");
        assert_eq!(texts(&doc, ".credit"), ["Source: AFP"], "{end}");
        let data = read(&out.join("data/articles.json"));
        assert!(
            data.contains(&format!("\"omitted\": [\n      {:?}", end)),
            "{end}: {data}"
        );
    }
}

// ---- Default summaries

/// The summary an article shows on the articles index.
fn card_summary(out: &Path, title: &str) -> Option<String> {
    let doc = Html::parse_document(&read(&out.join("articles/index.html")));
    let sel = Selector::parse(".article-card").unwrap();
    let card = doc
        .select(&sel)
        .find(|c| c.text().collect::<String>().contains(title))
        .unwrap_or_else(|| panic!("no card for {title}"));
    let s = Selector::parse(".card-summary").unwrap();
    card.select(&s).next().map(|p| p.text().collect())
}

/// A byline and a date stamp of 8 words or more: only their own rules
/// keep them from being the summary.
const BYLINE: &str = "By Tomas Vell and Ines Garo in Harbour Town";
const STAMP: &str = "Published: Tuesday 5 March 2024, 10:32 GMT, updated 11:05 GMT";

#[test]
fn summaries_skip_bylines_dates_and_short_lines() {
    let dir = wire_dir(
        "paragraphs: lines\n",
        &format!(
            "Harbour talks stall\n{BYLINE}\n{STAMP}\nPARIS (AFP) -\nShort line here.\n{LEAD}\n"
        ),
    );
    let out = build_ok(dir.path());
    assert_eq!(
        card_summary(&out, "Harbour talks stall").as_deref(),
        Some(LEAD)
    );
    // The byline and the date stay in the text.
    let doc = page(&out, "articles/story");
    assert_eq!(paragraphs(&doc), [BYLINE, STAMP, "Short line here.", LEAD]);
}

#[test]
fn markdown_summaries_follow_the_same_rule() {
    let dir = wire_dir("", &format!("{HEAD}{LEAD}\n"));
    write(
        dir.path(),
        "content/articles/md.md",
        &format!(
            "---\ntitle: Markdown talks\ndate: 2024-03-06\n---\n{BYLINE}\n\n{STAMP}\n\n{LEAD}\n"
        ),
    );
    let out = build_ok(dir.path());
    assert_eq!(card_summary(&out, "Markdown talks").as_deref(), Some(LEAD));
}

#[test]
fn a_long_summary_is_cut_at_a_sentence_end_after_120_characters() {
    let first = "The harbour commission adjourned on Monday without a vote on the tender for the container terminal at the north quay.";
    let second = "It will meet again in August, a spokesman said, after the unions and the three bidders have been heard in public sessions.";
    assert!(first.chars().count() < 120 && first.chars().count() + second.chars().count() > 120);
    let third = "The minister said the delay was regrettable.";
    let p = format!("{first} {second} {third}");
    assert!(p.chars().count() > 240);
    let dir = wire_dir("", &format!("{HEAD}{p}\n"));
    let out = build_ok(dir.path());
    assert_eq!(
        card_summary(&out, "Harbour talks stall"),
        Some(format!("{first} {second}"))
    );
}

#[test]
fn an_article_with_no_paragraph_that_reads_as_text_has_no_summary_and_a_warning() {
    let text = "Harbour talks stall\n\nBy Tomas Vell\n\nTalks stalled.\n";
    let (_, err) = checked("", text);
    assert_eq!(
        warnings(&err),
        [
            "content/articles/story.yaml:1:1: warning: no paragraph of this article reads as a summary (the first of at least 8 words that is not a byline, a date or a dateline): it has none on lists, in the feed and in its description"
        ]
    );
    let dir = wire_dir("", text);
    let out = build_ok(dir.path());
    assert_eq!(card_summary(&out, "Harbour talks stall"), None);
    // The page's description is then its headline.
    let doc = page(&out, "articles/story");
    let sel = Selector::parse("meta[name=description]").unwrap();
    let description = doc.select(&sel).next().unwrap().value().attr("content");
    assert_eq!(description, Some("Harbour talks stall"));
}

// ---- Other warnings

#[test]
fn a_repeated_paragraph_is_a_warning_at_its_second_place() {
    let (_, err) = checked(
        "",
        &format!(
            "{HEAD}{LEAD}\n\nPhoto: Harbour Ledger\n\nIt adjourned.\n\nPhoto:  harbour ledger\n"
        ),
    );
    assert_eq!(
        warnings(&err),
        ["content/articles/story.txt:9:1: warning: this paragraph repeats the one at line 5"]
    );
    // In Markdown too.
    let dir = wire_dir("", &format!("{HEAD}{LEAD}\n"));
    write(
        dir.path(),
        "content/articles/md.md",
        &format!(
            "---\ntitle: Talks\ndate: 2024-03-05\n---\n{LEAD}\n\n# Heading\n\n# Heading\n\n{LEAD}\n"
        ),
    );
    let o = dossier_in(dir.path(), &["check"]);
    assert_eq!(
        warnings(&stderr(&o)),
        ["content/articles/md.md:11:1: warning: this paragraph repeats the one at line 5"]
    );
}

#[test]
fn a_credit_name_that_is_no_source_is_a_warning_at_its_place() {
    let (_, err) = checked(
        "",
        &format!("{HEAD}{LEAD}\n\nSources: AFP/Harbour Ledger\n"),
    );
    assert_eq!(
        warnings(&err),
        [
            "content/articles/story.txt:5:14: warning: the credit line names `Harbour Ledger`, which matches no source: it is shown as plain text"
        ]
    );
}

// ---- --deny-warnings

#[test]
fn deny_warnings_makes_them_errors_and_writes_nothing() {
    let dir = wire_dir("", &format!("{HEAD}{LEAD}\n\nSources: Harbour Ledger\n"));
    // A first build, with the warning: public/ is written.
    let out = build_ok(dir.path());
    let before = snapshot(&out);
    assert!(!before.is_empty());
    // Changed content, denied: nothing of it is written.
    write(
        dir.path(),
        "content/articles/story.txt",
        &format!("{HEAD}{LEAD} Changed.\n\nSources: Harbour Ledger\n"),
    );
    for command in ["build", "check"] {
        let o = dossier_in(dir.path(), &[command, "--deny-warnings"]);
        assert_eq!(o.status.code(), Some(1), "{command}");
        let err = stderr(&o);
        assert!(
            err.starts_with(
                "content/articles/story.txt:5:10: warning: the credit line names `Harbour Ledger`"
            ),
            "{command}: {err}"
        );
        assert!(
            err.ends_with(
                "1 warning found, and --deny-warnings makes warnings errors; nothing was written\n"
            ),
            "{command}: {err}"
        );
        assert!(stdout(&o).is_empty(), "{command}: {}", stdout(&o));
    }
    assert_eq!(snapshot(&out), before, "public/ is as it was");
    // Without warnings the flag changes nothing.
    write(
        dir.path(),
        "content/articles/story.txt",
        &format!("{HEAD}{LEAD}\n\nSources: AFP\n"),
    );
    let o = dossier_in(dir.path(), &["build", "--deny-warnings"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("warning"), "{}", stdout(&o));
}

#[test]
fn build_prints_warnings_and_counts_them() {
    let dir = wire_dir("", &format!("{HEAD}{LEAD}\n\nSources: Harbour Ledger\n"));
    let o = dossier_in(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).trim_end().ends_with("; 1 warning"),
        "{}",
        stdout(&o)
    );
    assert_eq!(warnings(&stderr(&o)).len(), 1, "{}", stderr(&o));
    // With an error too, the count line says both.
    write(
        dir.path(),
        "content/actors.yaml",
        "- id: Bad Id\n  name: X\n",
    );
    let o = dossier_in(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("1 error and 1 warning found; nothing was written\n"),
        "{}",
        stderr(&o)
    );
}

// ---- The drop capital

/// Whether the story's body takes a drop capital.
fn drop_cap(first: &str) -> bool {
    let doc = story("", &format!("{HEAD}{first}\n\nIt adjourned.\n"));
    !texts(&doc, ".story-body.drop-cap").is_empty()
}

#[test]
fn the_drop_capital_opens_only_a_long_paragraph_starting_with_a_letter() {
    let long = format!("{LEAD} {LEAD} {LEAD}");
    assert!(drop_cap(&long));
    // A one-line paragraph would leave the capital hanging into the next.
    assert!(!drop_cap(LEAD));
    // It would split "(ANSA)", a quotation mark from its word, a number.
    assert!(!drop_cap(&format!("(The vote) {long}")));
    assert!(!drop_cap(&format!("“Not now,” {long}")));
    assert!(!drop_cap(&format!("2024 was a year. {long}")));
    // A dateline opens the story instead.
    assert!(!drop_cap(&format!("ROME (ANSA) - {long}")));
}

#[test]
fn the_feed_opens_a_story_with_its_dateline() {
    let dir = wire_dir("", &format!("{HEAD}ROME (ANSA) - {LEAD}\n"));
    let out = build_ok(dir.path());
    let feed = read(&out.join("feed.xml"));
    assert!(
        feed.contains(&format!(
            "&lt;p&gt;&lt;strong&gt;ROME (ANSA)&lt;/strong&gt;&lt;/p&gt;&lt;p&gt;{}",
            LEAD.replace('\'', "&#39;")
        )),
        "{feed}"
    );
}
