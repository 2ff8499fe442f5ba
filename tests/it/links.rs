//! Links from content into the site and ids on a page (content format
//! 1.1, "Links and HTML from content"), and the tag pages: what a reader
//! clicks, on every page a text is shown on, and in the feed.

use crate::build::{all_pages, assert_links_resolve};
use crate::common::*;
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The `attr` of every element matching `selector`.
fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

fn text(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// Every page of the built site has each id once.
fn assert_ids_unique(out: &Path) -> usize {
    let mut seen_ids = 0;
    for (path, doc) in all_pages(out) {
        let mut seen = BTreeSet::new();
        for id in attrs(&doc, "[id]", "id") {
            assert!(seen.insert(id.clone()), "{path}: the id `{id}` twice");
            seen_ids += 1;
        }
    }
    seen_ids
}

/// Replaces `from` with `to` in every file below `dir/content`.
fn replace_in_content(dir: &Path, from: &str, to: &str) {
    for (rel, bytes) in snapshot(&dir.join("content")) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if text.contains(from) {
            std::fs::write(dir.join("content").join(rel), text.replace(from, to)).unwrap();
        }
    }
}

/// The error lines of a failed `check`, which `build` must print alike.
fn errors(root: &Path) -> String {
    let check = dossier_in(root, &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let build = dossier_in(root, &["build"]);
    assert_eq!(stderr(&build), stderr(&check), "check and build disagree");
    assert!(!root.join("public").exists(), "a failed build wrote a site");
    stderr(&check)
}

/// Asserts that `err` has an error at `at` that says `message`, with a
/// hint that says `hint`.
fn assert_error(err: &str, at: &str, message: &str, hint: &str) {
    let mut lines = err
        .lines()
        .skip_while(|l| !l.starts_with(&format!("{at}: error: ")));
    let line = lines
        .next()
        .unwrap_or_else(|| panic!("no error at {at}:\n{err}"));
    assert!(line.contains(message), "{line:?} does not say {message:?}");
    let hint_line = lines
        .find(|l| l.trim_start().starts_with("= hint:"))
        .unwrap_or_default();
    assert!(
        hint_line.contains(hint),
        "{at}: hint {hint_line:?} does not say {hint:?}"
    );
}

#[test]
fn case_08_paths_that_leave_the_site_root_are_errors_saying_what_to_write() {
    let inv = case("08-relative-links-feed");
    let err = errors(inv.path());
    let leaves = "`../../docs/memo.pdf` leaves the site root";
    let write = "write it from the site root: `docs/memo.pdf`";
    assert_error(&err, "content/actors.yaml:9:80", leaves, write);
    assert_error(&err, "content/events.yaml:6:71", leaves, write);
    assert_error(&err, "content/articles/the-memo.md:5:21", leaves, write);
    assert_error(
        &err,
        "content/articles/the-memo.md:7:1",
        "`../../img/chart.svg` leaves the site root",
        "write it from the site root: `img/chart.svg`",
    );
    // Up and misspelt: the hint names the file meant.
    assert_error(
        &err,
        "content/articles/the-memo.md:10:9",
        "`../../docs/memmo.pdf` leaves the site root",
        "did you mean `docs/memo.pdf`?",
    );
    // No paragraph of the memo has 8 words: it has no summary, a warning.
    assert!(err.contains("5 errors and 1 warning found"), "{err}");
    // Up to a file that is nowhere in the site: writing it from the root
    // alone would not do, and the hint said it would.
    let dir = case("08-relative-links-feed");
    let memo = dir.path().join("content/articles/the-memo.md");
    let text = std::fs::read_to_string(&memo).unwrap();
    std::fs::write(
        &memo,
        format!("{text}\nAnd [the plan](../../secret/plan.pdf).\n"),
    )
    .unwrap();
    let err = errors(dir.path());
    let line = text.lines().count() + 2;
    assert_error(
        &err,
        &format!("content/articles/the-memo.md:{line}:5"),
        "`../../secret/plan.pdf` leaves the site root",
        "write it from the site root, and put the file in `content/static/secret/plan.pdf` (there is none there), or link to its address",
    );
}

#[test]
fn case_08_paths_from_the_root_work_on_every_page_and_in_the_feed() {
    let inv = case("08-relative-links-feed");
    let root = inv.path();
    replace_in_content(root, "../../", "");
    // A misspelt file is an error at its place, with the file meant.
    let err = errors(root);
    assert_error(
        &err,
        "content/articles/the-memo.md:10:9",
        "`docs/memmo.pdf` names no file of the built site",
        "did you mean `docs/memo.pdf`?",
    );
    assert!(err.contains("1 error and 1 warning found"), "{err}");
    replace_in_content(root, "docs/memmo.pdf", "docs/memo.pdf#page=2");
    let out = build_ok(root);

    // The site description on the home page, an event summary on the
    // timeline, the home page and the actor's page, an actor summary on
    // its page: each link made for the page it is on.
    let home = page(&out, "");
    assert!(attrs(&home, ".hero-intro a", "href").contains(&"docs/memo.pdf".into()));
    assert!(attrs(&home, ".event-summary a", "href").contains(&"docs/memo.pdf".into()));
    let timeline = page(&out, "timeline");
    assert_eq!(
        attrs(&timeline, "#contract-awarded .event-summary a", "href"),
        ["../docs/memo.pdf"]
    );
    let acme = page(&out, "actors/acme-shipping");
    assert!(
        attrs(&acme, ".dossier-summary a", "href").contains(&"../../docs/memo.pdf".into()),
        "{:?}",
        attrs(&acme, "a", "href")
    );
    assert!(attrs(&acme, ".event-summary a", "href").contains(&"../../docs/memo.pdf".into()));
    // `docs/…` and `/docs/…` alike; images too; the fragment kept.
    let memo = page(&out, "articles/the-memo");
    let hrefs = attrs(&memo, ".story-body a", "href");
    assert_eq!(
        hrefs
            .iter()
            .filter(|h| h.as_str() == "../../docs/memo.pdf")
            .count(),
        3,
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"../../docs/memo.pdf#page=2".into()));
    assert_eq!(
        attrs(&memo, ".story-body img", "src"),
        ["../../img/chart.svg"]
    );
    // The feed: absolute, from base_url.
    let feed = read(&out.join("feed.xml"));
    for url in [
        "href=&quot;https://news.example/harbour/docs/memo.pdf&quot;",
        "href=&quot;https://news.example/harbour/docs/memo.pdf#page=2&quot;",
        "src=&quot;https://news.example/harbour/img/chart.svg&quot;",
        "href=&quot;https://news.example/harbour/actors/acme-shipping/&quot;",
    ] {
        assert!(feed.contains(url), "the feed lacks {url}");
    }
    assert!(!feed.contains("=&quot;../"), "a relative link in the feed");
    assert!(assert_links_resolve(&out) > 30);
}

/// A file whose name has spaces (as office documents' names do) is
/// offered in the hint written as a link can hold it: `docs/My Memo.pdf`
/// pasted into `[memo](…)` is no link at all.
#[test]
fn the_file_meant_is_offered_as_a_link_can_hold_it() {
    let inv = case("08-relative-links-feed");
    let root = inv.path();
    replace_in_content(root, "../../", "");
    std::fs::write(
        root.join("content/static/docs/Annual Report (2020).pdf"),
        "%PDF-1.4\n",
    )
    .unwrap();
    replace_in_content(root, "docs/memmo.pdf", "docs/Anual%20Report%20(2020).pdf");
    let err = errors(root);
    assert_error(
        &err,
        "content/articles/the-memo.md:10:9",
        "`docs/Anual%20Report%20(2020).pdf` names no file of the built site",
        "did you mean `docs/Annual%20Report%20%282020%29.pdf`?",
    );
    // The hint, pasted as it is, links to the file.
    replace_in_content(
        root,
        "docs/Anual%20Report%20(2020).pdf",
        "docs/Annual%20Report%20%282020%29.pdf",
    );
    let out = build_ok(root);
    assert!(out.join("docs/Annual Report (2020).pdf").is_file());
}

#[test]
fn case_10_footnotes_headings_and_the_skip_link_have_ids_of_their_own() {
    let inv = case("10-footnote-heading-ids");
    let out = build_ok(inv.path());
    assert_ids_unique(&out);
    let ids = page(&out, "articles/ids");
    // Each reference jumps to its own note, and the note back to it.
    let refs: Vec<(String, String)> = ids
        .select(&sel(".footnote-ref a"))
        .map(|a| {
            let v = a.value();
            (
                v.attr("href").unwrap().to_owned(),
                v.attr("id").unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        refs,
        [
            ("#fn:1".into(), "fnref:1".into()),
            ("#fn:2".into(), "fnref:2".into()),
            ("#fn:1".into(), "fnref:1:2".into()),
        ]
    );
    let notes = text(&ids, ".footnotes li");
    assert!(
        notes[0].starts_with("The company’s statement of 3 May."),
        "{notes:?}"
    );
    assert!(notes[1].starts_with("Court filing, page 4."), "{notes:?}");
    assert_eq!(
        attrs(&ids, "#fn\\:1 .footnote-back", "href"),
        ["#fnref:1", "#fnref:1:2"]
    );
    assert_eq!(attrs(&ids, "#fn\\:2 .footnote-back", "href"), ["#fnref:2"]);
    // The headings keep their ids, apart from the notes'.
    assert_eq!(
        attrs(&ids, ".story-body h2", "id"),
        ["note", "update", "update-2", "1", "fn-1"]
    );
    // The skip link still reaches the main content.
    let skip = page(&out, "articles/skip");
    assert_eq!(attrs(&skip, ".skip-link", "href"), ["#main_content"]);
    assert_eq!(attrs(&skip, "main", "id"), ["main_content"]);
    assert_eq!(attrs(&skip, "#main_content", "id").len(), 1);
    assert_links_resolve(&out);
}

#[test]
fn id_links_lead_to_each_record_from_every_page() {
    let inv = investigation(Some("links"));
    let out = build_ok(inv.path());
    let story = page(&out, "articles/id-links");
    let hrefs: Vec<(String, String)> = story
        .select(&sel(".story-body a"))
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    for (text, href) in [
        ("chief", "../../actors/jane-roe/"),
        ("the award", "../../timeline/#contract-awarded"),
        ("the paper", "../../sources/harbour-gazette/"),
        ("the first story", "../../articles/first-story/"),
        ("more on the harbour", "../../tags/harbour/"),
        ("doc", "../../files/doc.txt"),
        ("from the root", "../../files/doc.txt#top"),
    ] {
        assert!(
            hrefs.iter().any(|(t, h)| t.contains(text) && h == href),
            "no link {text} → {href} in {hrefs:?}"
        );
    }
    assert_eq!(
        attrs(&story, ".story-body img", "src"),
        ["../../files/doc.txt"]
    );
    // A draft is not published: its link's text stays, unlinked.
    assert!(text(&story, ".story-body").concat().contains("the draft"));
    assert!(!hrefs.iter().any(|(t, _)| t.contains("the draft")));
    // An `actor:` link names the actor: the story is on her page.
    let jane = page(&out, "actors/jane-roe");
    assert!(attrs(&jane, "a", "href").contains(&"../../articles/id-links/".into()));
    assert!(text(&story, ".chip-name").contains(&"Jane Roe".into()));
    // `url` and `links` fields take id links and paths from the root too.
    let memo = page(&out, "sources/the-memo");
    let url = memo.select(&sel(".facts a")).next().unwrap();
    assert_eq!(url.value().attr("href"), Some("../../files/doc.txt"));
    assert!(url.text().collect::<String>().starts_with("files/doc.txt"));
    let ann = page(&out, "actors/ann-lee");
    assert!(attrs(&ann, "a", "href").contains(&"../../articles/id-links/".into()));
    // An event summary on the timeline and on the home page.
    let timeline = page(&out, "timeline");
    assert_eq!(
        attrs(
            &timeline,
            "#memo-filed .event-summary p a:not(.footnote-back):not([href^='#'])",
            "href"
        ),
        ["../sources/harbour-gazette/", "../files/doc.txt"]
    );
    let home = page(&out, "");
    assert!(attrs(&home, ".event-summary a", "href").contains(&"sources/harbour-gazette/".into()));
    assert!(assert_links_resolve(&out) > 80);
}

#[test]
fn texts_shown_together_never_share_an_id() {
    // Two event summaries with the same heading and footnote label, shown
    // together on the timeline, the home page and the tag page, next to
    // an article body with a footnote of its own.
    let inv = investigation(Some("links"));
    let out = build_ok(inv.path());
    assert!(assert_ids_unique(&out) > 20);
    let timeline = page(&out, "timeline");
    assert_eq!(
        attrs(&timeline, ".event-summary h2", "id"),
        [
            "event-memo-filed:background",
            "event-second-filing:background"
        ]
    );
    // A text's own `#…` link follows its heading.
    assert!(
        attrs(&timeline, "#memo-filed .event-summary a", "href")
            .contains(&"#event-memo-filed:background".into())
    );
    assert_eq!(
        attrs(&timeline, "#second-filing .footnote-ref a", "href"),
        ["#event-second-filing:fn:1"]
    );
    // The article's page shows its body and the event citing it, both with
    // a heading "Background" and a first footnote.
    let story = page(&out, "articles/id-links");
    assert_eq!(attrs(&story, ".story-body h2", "id"), ["background"]);
    assert_eq!(
        attrs(&story, ".event-summary h2", "id"),
        ["event-memo-filed:background"]
    );
    assert_eq!(
        attrs(&story, ".footnotes li", "id"),
        ["fn:1", "event-memo-filed:fn:1"]
    );
    assert_links_resolve(&out);
}

#[test]
fn tag_pages_list_exactly_the_records_with_the_tag() {
    let inv = investigation(Some("links"));
    let out = build_ok(inv.path());
    // "Cyber security" and "cyber-security" have one slug: one tag.
    let index = page(&out, "tags");
    let names = text(&index, ".tag-index .tag-name");
    // Shown as first spelt: the newest article's "Harbour".
    assert_eq!(names, ["contract", "Cyber security", "Harbour"]);
    assert_eq!(
        text(&index, ".tag-index .tag-counts"),
        // The base fixture's statement is tagged "contract" too.
        ["1 event, 1 statement", "1 article, 1 event", "2 articles"]
    );
    let cyber = page(&out, "tags/cyber-security");
    assert_eq!(text(&cyber, "h1"), ["Cyber security"]);
    assert_eq!(
        attrs(&cyber, ".card-list a", "href"),
        ["../../articles/id-links/"]
    );
    assert_eq!(text(&cyber, ".event-title"), ["A memo is filed"]);
    let harbour = page(&out, "tags/harbour");
    let stories: BTreeSet<String> = attrs(&harbour, ".card-list a", "href")
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = ["../../articles/first-story/", "../../articles/id-links/"]
        .map(String::from)
        .into();
    assert_eq!(stories, expected);
    assert!(harbour.select(&sel(".event")).next().is_none());
    // Every tag on a record links to its page; the navigation and the
    // sitemap have them.
    let story = page(&out, "articles/id-links");
    assert_eq!(
        attrs(&story, ".story > .tags a", "href"),
        ["../../tags/harbour/", "../../tags/cyber-security/"]
    );
    assert!(attrs(&story, ".site-nav a", "href").contains(&"../../tags/".into()));
    let timeline = page(&out, "timeline");
    assert_eq!(
        attrs(&timeline, "#contract-awarded .tags a", "href"),
        ["../tags/contract/"]
    );
    let sitemap = read(&out.join("sitemap.xml"));
    for url in [
        "tags/",
        "tags/cyber-security/",
        "tags/harbour/",
        "tags/contract/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://news.example/harbour/{url}</loc>")),
            "sitemap lacks {url}"
        );
    }
    assert_links_resolve(&out);
}

#[test]
fn without_tags_the_navigation_has_no_tags() {
    let inv = case("10-footnote-heading-ids");
    replace_in_content(inv.path(), "tags: [harbour, contracts]", "");
    let out = build_ok(inv.path());
    let home = page(&out, "");
    assert!(!attrs(&home, ".site-nav a", "href").contains(&"tags/".into()));
    assert!(out.join("tags/index.html").is_file());
}

/// Drafts left out are skipped wherever they are cited, whatever their
/// slugs' order: here the slugs written in front matter run against the
/// files' order. An event's `articles` drops them, an id link to one shows
/// its text unlinked, and neither is an unknown article.
#[test]
fn every_draft_cited_is_left_out_whatever_the_order_of_its_slug() {
    let inv = investigation(None);
    let root = inv.path();
    for (file, slug) in [("a", "zz-draft"), ("b", "mm-draft"), ("c", "aa-draft")] {
        std::fs::write(
            root.join(format!("content/articles/{file}.md")),
            format!("---\ntitle: Draft {file}\nslug: {slug}\ndate: 2020-01-01\ndraft: true\n---\nNot yet.\n"),
        )
        .unwrap();
    }
    std::fs::write(
        root.join("content/events/drafts.yaml"),
        "- id: cites-drafts\n  date: 2020-02-02\n  title: Cites the drafts\n  articles: [zz-draft, aa-draft, mm-draft, first-story]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/articles/links.md"),
        "---\ntitle: Links to drafts\ndate: 2020-03-03\n---\nSee [one](article:aa-draft), [two](article:mm-draft) and [three](article:zz-draft).\n",
    )
    .unwrap();
    let out = build_ok(root);
    let story = page(&out, "articles/links");
    let body = text(&story, ".story-body").concat();
    assert!(body.contains("See one, two and three."), "{body}");
    assert!(attrs(&story, ".story-body a", "href").is_empty());
    let timeline = read(&out.join("timeline/index.html"));
    assert!(timeline.contains("Cites the drafts"));
    assert!(timeline.contains("articles/first-story/"));
    for slug in ["aa-draft", "mm-draft", "zz-draft"] {
        assert!(!timeline.contains(slug), "{slug} is on the timeline");
    }
}

/// An image from another host made every reader's browser ask that host
/// for it (telling it who reads the story): it is shown as a link to the
/// image, in the page and the feed, with a warning at its place.
#[test]
fn an_image_from_another_host_is_a_link_with_a_warning() {
    let inv = investigation(None);
    let root = inv.path();
    let story = root.join("content/articles/first-story.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(
        &story,
        format!(
            "{text}\n![A chart of the tenders](https://cdn.example.com/charts/tenders.png?v=2)\n\n[See ![the map](https://x.example/map.png)](https://y.example/) and ![](https://x.example/p/plan.png).\n"
        ),
    )
    .unwrap();
    let o = dossier_in(root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let line = text.lines().count() + 2;
    assert!(
        err.contains(&format!("content/articles/first-story.md:{line}:1: warning: an image from another host (`cdn.example.com`) is shown as a link to it")),
        "{err}"
    );
    assert!(
        err.contains("hint: copy it into content/static/ and write its path from the site root, such as `img/tenders.png`"),
        "{err}"
    );
    let public = root.join("public");
    let page = read(&public.join("articles/first-story/index.html"));
    assert!(
        page.contains("<a href=\"https://cdn.example.com/charts/tenders.png?v=2\">Image: A chart of the tenders</a>"),
        "{page}"
    );
    // Inside a link, its text alone (a link in a link is no HTML);
    // without alt text, its file's name.
    assert!(
        page.contains("<a href=\"https://y.example/\">See Image: the map</a> and <a href=\"https://x.example/p/plan.png\">Image: plan.png</a>"),
        "{page}"
    );
    for file in ["articles/first-story/index.html", "feed.xml", "index.html"] {
        let text = read(&public.join(file));
        assert!(!text.contains("<img"), "{file}");
        assert!(!text.contains("&lt;img"), "{file}");
    }
    // An image at the site's own address (`base_url`) is no other host's.
    std::fs::write(
        &story,
        format!("{text}\n![A chart](https://news.example/harbour/img/chart.png)\n"),
    )
    .unwrap();
    // (The fixture's `base_url` is `https://news.example/harbour`.)
    let o = dossier_in(root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("another host"), "{err}");
    let page = read(&public.join("articles/first-story/index.html"));
    assert!(
        page.contains("<img src=\"https://news.example/harbour/img/chart.png\" alt=\"A chart\""),
        "{page}"
    );
}

/// A picture named wrongly was offered a page's folder near in spelling
/// (`./images/harbour.jpg`: "did you mean `tags/harbour/`?"), which is no
/// picture: a path naming a file is offered only files of its type.
#[test]
fn a_missing_picture_is_offered_pictures_only() {
    let inv = investigation(None);
    let root = inv.path();
    let article = root.join("content/articles/first-story.md");
    let text = read(&article);
    std::fs::write(
        &article,
        format!("{text}\n![The harbour](./images/harbour.jpg)\n"),
    )
    .unwrap();
    let err = errors(root);
    assert!(
        err.contains("`./images/harbour.jpg` names no file of the built site"),
        "{err}"
    );
    assert!(!err.contains("tags/harbour/"), "{err}");
    assert!(
        err.contains("hint: put the file in `content/static/`"),
        "{err}"
    );
    // A picture of the same type near in spelling is offered.
    let images = root.join("content/static/images");
    std::fs::create_dir_all(&images).unwrap();
    std::fs::write(images.join("harbor.JPEG"), b"\xff\xd8\xff").unwrap();
    let err = errors(root);
    assert!(err.contains("did you mean `images/harbor.JPEG`?"), "{err}");
}
