//! `dossier build`: what a reader of the built site sees, checked on the
//! real binary's output in temporary folders.

use crate::common::*;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn page(out: &Path, rel: &str) -> Html {
    Html::parse_document(&read(&out.join(rel)))
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Every HTML file of a built site, parsed, by relative path.
pub(crate) fn all_pages(out: &Path) -> BTreeMap<String, Html> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, b)| {
            (
                p.to_string_lossy().replace('\\', "/"),
                Html::parse_document(&String::from_utf8(b).unwrap()),
            )
        })
        .collect()
}

/// Resolves `href` found on page `from` (a file path relative to the
/// output) to a file path and fragment; None for external links.
fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (href, None),
    };
    assert!(
        !href.starts_with('/') || from == "404.html",
        "absolute link {href} on {from}"
    );
    let mut parts: Vec<&str> = if path.starts_with('/') {
        vec![]
    } else {
        from.split('/').collect()
    };
    if !path.starts_with('/') {
        parts.pop();
    }
    for seg in path.trim_start_matches('/').split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                assert!(parts.pop().is_some(), "{href} on {from} leaves the site");
            }
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    if path.is_empty() {
        target = from.to_owned();
    } else if path.ends_with('/') || target.is_empty() {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    }
    Some((target, fragment))
}

/// The link checker: every internal link, image and fragment on every
/// page resolves to a file and an element of the output.
pub(crate) fn assert_links_resolve(out: &Path) -> usize {
    let pages = all_pages(out);
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(p, d)| {
            (
                p.as_str(),
                d.select(&sel("[id]"))
                    .map(|e| e.value().attr("id").unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let mut checked = 0;
    for (from, doc) in &pages {
        for a in doc.select(&sel("a[href], link[href], img[src]")) {
            let href = a.value().attr("href").or(a.value().attr("src")).unwrap();
            if a.value().attr("rel") == Some("canonical") {
                continue; // absolute, from base_url
            }
            if from == "404.html" {
                continue; // served at any depth: links from the base path, checked below
            }
            let Some((target, fragment)) = resolve(from, href) else {
                continue;
            };
            assert!(
                out.join(&target).is_file(),
                "{from}: link {href} → {target} does not exist"
            );
            // A fragment names an element of a page (of a PDF, a page of it).
            if let Some(f) = fragment.filter(|f| !f.is_empty() && target.ends_with(".html")) {
                let found = ids.get(target.as_str()).is_some_and(|s| s.contains(&f));
                assert!(found, "{from}: link {href}: no id `{f}` in {target}");
            }
            checked += 1;
        }
    }
    checked
}

fn built_example() -> (tempfile::TempDir, PathBuf) {
    let inv = example();
    let out = build_ok(inv.path());
    (inv, out)
}

#[test]
fn the_example_has_every_page_of_the_spec() {
    let (_inv, out) = built_example();
    for f in [
        "index.html",
        "articles/index.html",
        "articles/macron-called-bennett-nso/index.html",
        "actors/index.html",
        "actors/emmanuel-macron/index.html",
        "actors/nso-group/index.html",
        "timeline/index.html",
        "sources/index.html",
        "sources/toi/index.html",
        "statements/index.html",
        "corrections/index.html",
        "404.html",
        "sitemap.xml",
        "feed.xml",
        "corrections.xml",
        "data/actors.json",
        "data/events.json",
        "data/sources.json",
        "data/articles.json",
        "data/statements.json",
        "style.css",
        ".dossier",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    assert!(assert_links_resolve(&out) > 200);
}

#[test]
fn wire_article_page_shows_everything() {
    let (_inv, out) = built_example();
    let doc = page(&out, "articles/macron-called-bennett-nso/index.html");
    assert_eq!(
        texts(&doc, "h1"),
        ["France’s Macron called Bennett to ensure Israel dealing with NSO claims – report"]
    );
    assert_eq!(
        texts(&doc, "time[datetime='2021-07-24']")
            .first()
            .map(String::as_str),
        Some("24 July 2021")
    );
    let body = doc
        .select(&sel("main"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    // Every paragraph of the wire copy is on the page.
    let seed = read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/articles/macron-called-bennett-nso.txt"),
    );
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = squash(&body);
    for para in seed.split("\n\n").skip(1) {
        let para = para.trim();
        if para.starts_with("Source:") {
            continue;
        }
        assert!(body.contains(&squash(para)), "paragraph missing: {para}");
    }
    // Mentions link to actors: the first mention of each actor in the
    // text, and only that one (content format 1.1, `mention_links: first`).
    let links: Vec<(String, String)> = doc
        .select(&sel(".story-body a[href^='../../actors/']"))
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        links.contains(&(
            "Emmanuel Macron".into(),
            "../../actors/emmanuel-macron/".into()
        )),
        "{links:?}"
    );
    assert!(links.contains(&("NSO Group".into(), "../../actors/nso-group/".into())));
    assert!(links.contains(&(
        "Francois de Rugy".into(),
        "../../actors/francois-de-rugy/".into()
    )));
    assert!(
        !links.contains(&("De Rugy".into(), "../../actors/francois-de-rugy/".into())),
        "a second mention in the same text is not a link: {links:?}"
    );
    let mut seen = std::collections::HashSet::new();
    for (_, href) in &links {
        assert!(
            seen.insert(href),
            "{href} is linked twice in one text: {links:?}"
        );
    }
    // The credit line resolves TOI and AFP to their source pages.
    let credit: Vec<String> = doc
        .select(&sel(
            "a[href='../../sources/toi/'], a[href='../../sources/afp/']",
        ))
        .map(|a| a.text().collect())
        .collect();
    assert!(
        credit.iter().any(|t| t == "TOI") && credit.iter().any(|t| t == "AFP"),
        "{credit:?}"
    );
}

#[test]
fn actor_page_has_role_relations_events_and_quoted_first_mention() {
    let (_inv, out) = built_example();
    let doc = page(&out, "actors/chaim-gelfand/index.html");
    let main = texts(&doc, "main").join(" ");
    assert!(main.contains("Chief compliance officer"), "{main}");
    assert!(
        doc.select(&sel("a[href='../../actors/nso-group/']"))
            .next()
            .is_some(),
        "relation to NSO Group"
    );
    assert!(
        main.contains("We can specifically come out and say for sure"),
        "first-mention sentence quoted"
    );
    assert!(
        doc.select(&sel("a[href='../../articles/macron-called-bennett-nso/']"))
            .next()
            .is_some()
    );
    // Relations show on both sides.
    let nso = page(&out, "actors/nso-group/index.html");
    assert!(
        nso.select(&sel("a[href='../../actors/chaim-gelfand/']"))
            .next()
            .is_some(),
        "incoming relation on NSO Group"
    );
    // Events in date order (the dates of the events themselves, not of
    // the statements listed on the page).
    let macron = page(&out, "actors/emmanuel-macron/index.html");
    let dates: Vec<String> = macron
        .select(&sel(".event-meta time[datetime]"))
        .map(|t| t.value().attr("datetime").unwrap().to_owned())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert!(dates.len() >= 3);
    assert_eq!(dates, sorted, "events not in date order");
}

#[test]
fn timeline_is_ordered_and_dates_keep_their_precision() {
    let inv = investigation(None);
    let out = build_ok(inv.path());
    let doc = page(&out, "timeline/index.html");
    let ids: Vec<String> = doc
        .select(&sel("article[id]"))
        .map(|e| e.value().attr("id").unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["talks-begin", "review", "contract-awarded"]);
    let main = texts(&doc, "main").join(" ");
    assert!(main.contains("c. 2018"), "{main}");
    assert!(main.contains("June 2018 – February 2019"), "{main}");
    assert!(main.contains("14 March 2019"), "{main}");
    for status in ["Confirmed", "Alleged", "Disputed"] {
        assert!(main.contains(status), "status {status} in words");
    }
    assert!(!main.contains("1 January"), "no padded dates");
}

#[test]
fn mentions_are_not_linked_in_code_headings_or_links() {
    let inv = investigation(None);
    let out = build_ok(inv.path());
    let doc = page(&out, "articles/first-story/index.html");
    let body = doc.select(&sel(".story-body")).next().unwrap();
    assert!(
        body.select(&sel("h2 a")).next().is_none(),
        "link inside heading"
    );
    assert!(
        body.select(&sel("code a")).next().is_none(),
        "link inside code"
    );
    assert!(body.select(&sel("a a")).next().is_none(), "nested links");
    let mention_links: Vec<String> = body
        .select(&sel("p a[href='../../actors/acme-shipping/']"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        mention_links,
        ["Acme Shipping"],
        "only the prose mention is linked"
    );
    // Typographic apostrophe matches the straight alias "O'Brien"; the
    // longest name wins.
    assert!(
        doc.select(&sel("a[href='../../actors/obrien/']"))
            .any(|a| a.text().collect::<String>() == "Sean O’Brien")
    );
    // Headings get anchors; footnotes and tables render.
    assert!(
        doc.select(&sel("h2#what-acme-shipping-said"))
            .next()
            .is_some()
    );
    assert!(doc.select(&sel("table td")).next().is_some());
    assert!(
        doc.select(&sel(".footnote-definition, [id^='fn'], sup"))
            .next()
            .is_some()
    );
}

#[test]
fn wire_copy_kicker_headline_and_unresolved_credit() {
    let inv = investigation(None);
    let out = build_ok(inv.path());
    let doc = page(&out, "articles/wire-story/index.html");
    assert_eq!(texts(&doc, "h1"), ["Wire: Roe under pressure"]);
    let main = texts(&doc, "main").join(" ");
    assert!(main.contains("HARBOUR"), "kicker shown");
    assert!(
        main.contains("The Port Authority met Acme twice. It said little."),
        "line breaks become spaces"
    );
    assert!(
        main.contains("Unknown Daily"),
        "an unresolved credit name is kept as text"
    );
    assert!(
        doc.select(&sel("a[href='../../sources/wire-agency/']"))
            .next()
            .is_some(),
        "WAP resolves"
    );
    assert!(main.contains("May 2019"));
}

#[test]
fn hostile_strings_come_out_as_text() {
    let inv = investigation(Some("hostile"));
    let out = build_ok(inv.path());
    for (path, bytes) in snapshot(&out) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            let doc = Html::parse_document(&html);
            // Two kinds of script element only: the page's structured data,
            // JSON a browser never runs, and the search page's own script,
            // from the site's folder. No content makes another.
            for script in doc.select(&sel("script")) {
                if script.value().attr("src").is_some() {
                    assert_eq!(path, Path::new("search/index.html"), "script element");
                    assert_eq!(script.value().attr("src"), Some("../search.js"));
                    assert_eq!(script.inner_html(), "");
                    continue;
                }
                assert_eq!(
                    script.value().attr("type"),
                    Some("application/ld+json"),
                    "{}: script element",
                    path.display()
                );
                let json: String = script.text().collect();
                assert!(!json.contains('<'), "{}: `<` in JSON-LD", path.display());
                serde_json::from_str::<serde_json::Value>(&json)
                    .unwrap_or_else(|e| panic!("{}: JSON-LD: {e}", path.display()));
            }
            for el in doc.select(&sel("*")) {
                for (name, value) in el.value().attrs() {
                    assert!(
                        !name.starts_with("on"),
                        "{}: event handler {name}",
                        path.display()
                    );
                    if name == "href" || name == "src" {
                        assert!(
                            !value.trim().to_lowercase().starts_with("javascript:"),
                            "{}",
                            path.display()
                        );
                    }
                }
            }
            assert!(
                doc.select(&sel("img, svg[onload], div[onclick]"))
                    .all(|e| e.value().attr("onerror").is_none())
            );
        }
    }
    let doc = page(&out, "articles/hostile/index.html");
    let main = texts(&doc, "main").join(" ");
    // Smart punctuation applies to the text between raw tags, as Markdown does.
    assert!(
        main.contains(
            "Raw <script>alert(‘body’)</script> and <img src=x onerror=alert(2)> stay text."
        ),
        "{main}"
    );
    assert!(
        main.contains("<div onclick=\"alert(3)\">block html</div>"),
        "{main}"
    );
    assert_eq!(
        texts(&doc, "h1"),
        ["<script>alert('title')</script> headline"]
    );
    let actor = page(&out, "actors/evil-name/index.html");
    assert!(texts(&actor, "h1")[0].contains("Evil <b>Name</b>"));
    let json = read(&out.join("data/actors.json"));
    assert!(
        json.contains("Evil <b>Name</b>"),
        "JSON keeps the text; it is data, not HTML"
    );
}

#[test]
fn unsafe_html_is_opt_in() {
    let inv = investigation(Some("hostile"));
    let site = inv.path().join("content/site.yaml");
    std::fs::write(&site, format!("{}unsafe_html: true\n", read(&site))).unwrap();
    std::fs::write(
        inv.path().join("content/articles/hostile.md"),
        "---\ntitle: T\ndate: 2020\n---\nA <mark>marked</mark> word.\n",
    )
    .unwrap();
    let out = build_ok(inv.path());
    let doc = page(&out, "articles/hostile/index.html");
    assert_eq!(texts(&doc, "main mark"), ["marked"]);
}

#[test]
fn builds_are_byte_identical_across_threads_time_zones_and_locales() {
    let inv = example();
    let mut outputs = Vec::new();
    for (threads, tz, lang) in [
        ("1", "UTC", "C"),
        ("4", "Asia/Kolkata", "fr_FR.UTF-8"),
        ("2", "America/Los_Angeles", "de_DE.UTF-8"),
    ] {
        let out = inv.path().join(format!("out-{threads}"));
        let o = dossier_in_with_env(
            inv.path(),
            &["build", "--out", out.to_str().unwrap()],
            &[
                ("RAYON_NUM_THREADS", threads),
                ("TZ", tz),
                ("LC_ALL", lang),
                ("LANG", lang),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        outputs.push(snapshot(&out));
    }
    assert!(outputs[0].len() > 40);
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn a_template_error_on_the_last_page_leaves_the_old_site() {
    let inv = investigation(None);
    let out = build_ok(inv.path());
    let before = snapshot(&out);
    copy_dir(&fixtures().join("failing-template"), inv.path());
    let o = dossier_in(inv.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("templates/source.html:4:"),
        "template path and line: {err}"
    );
    assert!(err.contains("no_such_field"), "{err}");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn template_syntax_errors_name_the_file_line_and_column() {
    let inv = investigation(Some("bad-template-syntax"));
    let o = dossier_in(inv.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("templates/articles.html:3:"), "{err}");
}

#[test]
fn output_folder_rules() {
    let inv = investigation(None);
    let root = inv.path();
    let foreign = root.join("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "keep me").unwrap();
    let o = dossier_in(root, &["build", "--out", foreign.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("did not write"), "{}", stderr(&o));
    assert_eq!(read(&foreign.join("notes.txt")), "keep me");
    assert!(
        dossier_in(
            root,
            &["build", "--out", foreign.to_str().unwrap(), "--force"]
        )
        .status
        .success()
    );
    assert!(!foreign.join("notes.txt").exists());
    // What dossier reads may not be written over: the next build would
    // read the site as content, templates or a theme. A link on the way
    // (`c/x`, `c` a link to `content`) leads where it leads.
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("content"), root.join("c")).unwrap();
    for bad in [
        root.to_path_buf(),
        root.join("content"),
        root.join("content/inner"),
        root.join("templates"),
        root.join("themes/x"),
        #[cfg(unix)]
        root.join("c/x"),
    ] {
        let o = dossier_in(root, &["build", "--out", bad.to_str().unwrap(), "--force"]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{} must be refused",
            bad.display()
        );
        assert!(
            stderr(&o).contains("the output folder may not be"),
            "{}",
            stderr(&o)
        );
    }
    assert!(!root.join("content/x").exists() && !root.join("templates").exists());
    #[cfg(unix)]
    std::fs::remove_file(root.join("c")).unwrap();
    // An empty folder is fine; dot-entries carry over; stale pages go.
    let out = build_ok(root);
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref: main").unwrap();
    std::fs::write(out.join("stale.html"), "old").unwrap();
    build_ok(root);
    assert_eq!(read(&out.join(".git/HEAD")), "ref: main");
    assert!(!out.join("stale.html").exists());
    let siblings: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !siblings.iter().any(|n| n.contains("dossier-")),
        "{siblings:?}"
    );
}

#[test]
fn static_files_are_copied_and_content_wins() {
    let inv = investigation(Some("static-override"));
    let out = build_ok(inv.path());
    assert_eq!(read(&out.join("files/doc.txt")), "plain file\n");
    assert_eq!(
        read(&out.join("favicon.svg")),
        "/* the investigation's own */\n"
    );
}

#[test]
fn feeds_sitemap_and_data_use_base_url() {
    let inv = investigation(None);
    let out = build_ok(inv.path());
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://news.example/harbour/articles/first-story/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("404"));
    let feed = read(&out.join("feed.xml"));
    assert!(
        feed.contains("<updated>2019-05-01T00:00:00Z</updated>"),
        "feed updated from the newest article"
    );
    let first = feed.find("wire-story").unwrap();
    let second = feed.find("articles/first-story").unwrap();
    assert!(first < second, "newest first");
    let events: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/events.json"))).unwrap();
    let review = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "review")
        .unwrap();
    assert_eq!(review["date"], "2018-06");
    assert_eq!(review["end"], "2019-02");
    assert_eq!(review["actors"][0], "jane-roe");
    assert_eq!(review["path"], "timeline/#review");
    let canonical = page(&out, "actors/jane-roe/index.html");
    let href = canonical
        .select(&sel("link[rel=canonical]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert_eq!(href, "https://news.example/harbour/actors/jane-roe/");
    // --base-url overrides site.yaml.
    let o = dossier_in(
        inv.path(),
        &["build", "--base-url", "https://mirror.example"],
    );
    assert!(o.status.success());
    assert!(read(&out.join("sitemap.xml")).contains("https://mirror.example/actors/"));
}

#[test]
fn sharing_tags_are_absolute_or_absent() {
    // The example's base_url is "/": no absolute URL exists, so there is
    // no canonical link or og:url rather than a relative (invalid) one.
    let (_inv, out) = built_example();
    let home = page(&out, "index.html");
    assert!(home.select(&sel("link[rel=canonical]")).next().is_none());
    assert!(
        home.select(&sel("meta[property='og:url']"))
            .next()
            .is_none()
    );
    let description = home
        .select(&sel("meta[name=description]"))
        .next()
        .and_then(|m| m.value().attr("content").map(str::to_owned))
        .unwrap_or_default();
    assert!(!description.is_empty(), "a description on the home page");
    // With a host, every page names itself absolutely in both.
    let inv = investigation(None);
    let out = build_ok(inv.path());
    let actor = page(&out, "actors/jane-roe/index.html");
    let og_url = actor
        .select(&sel("meta[property='og:url']"))
        .next()
        .and_then(|m| m.value().attr("content").map(str::to_owned));
    assert_eq!(
        og_url.as_deref(),
        Some("https://news.example/harbour/actors/jane-roe/")
    );
}

#[test]
fn the_404_page_links_from_the_base_path() {
    let inv = investigation(None);
    let out = build_ok(inv.path());
    let doc = page(&out, "404.html");
    assert!(
        doc.select(&sel("a[href='/harbour/']")).next().is_some(),
        "home link from the base path"
    );
    assert!(
        doc.select(&sel("link[href='/harbour/style.css']"))
            .next()
            .is_some()
    );
}

#[test]
fn pages_are_minified_and_carry_a_strict_csp() {
    let (_inv, out) = built_example();
    let html = read(&out.join("index.html"));
    assert!(html.starts_with("<!doctype html>"));
    assert!(!html.contains("\n  "), "indentation left in minified HTML");
    assert!(html.contains("script-src 'self'"));
    assert!(!html.contains("<script"), "the built site runs no script");
    assert!(!html.contains("__dossier"));
    let css = read(&out.join("style.css"));
    assert!(css.lines().count() < 5, "CSS minified");
}

#[test]
fn new_creates_an_investigation_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let o = dossier(&["new", demo.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = build_ok(&demo);
    assert!(
        out.join("articles/who-won-the-harbour/index.html")
            .is_file()
    );
    // The starter teaches the forms of wire copy by example, and checks
    // clean: no warning to puzzle a new user.
    let wire = read(&out.join("articles/wire-copy/index.html"));
    for shown in [
        r#"<p class="kicker">HARBOUR"#,
        r#"<p class="story-dateline">HARBOUR TOWN, April 9 (<a href="../../sources/coastal-press/">CPA</a>)"#,
        "<p>By Sam Reed",
        r#"<p class="credit"><span class="label">Source:</span> <a href="../../sources/harbour-gazette/">HG</a>"#,
    ] {
        assert!(wire.contains(shown), "{shown}: {wire}");
    }
    for left_off in ["Read more", "Share this article", "ENDS"] {
        assert!(!wire.contains(left_off), "{left_off}");
    }
    let check = dossier_in(&demo, &["check"]);
    assert!(check.status.success());
    assert_eq!(stderr(&check), "", "no warnings");
    assert!(
        stdout(&check).contains("boilerplate `Read more: *` removed 1 paragraph"),
        "{}",
        stdout(&check)
    );
    let timeline = read(&out.join("timeline/index.html"));
    assert!(
        timeline.contains("c. November 2018 – January 2019"),
        "month-precision range"
    );
    assert_links_resolve(&out);
    // A folder that is not empty is refused.
    let again = dossier(&["new", demo.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("not empty"));
}

#[test]
fn base_fixture_links_all_resolve() {
    let inv = investigation(Some("hostile"));
    let out = build_ok(inv.path());
    assert!(assert_links_resolve(&out) > 50);
}

/// The feed holds the 50 newest articles, newest first, each whole: a feed
/// of every article would be as large as the investigation (decisions,
/// "Feeds"); the rest are on `articles/` and in `data/articles.json`.
#[test]
fn the_feed_holds_the_newest_fifty_articles() {
    let inv = investigation(None);
    let articles = inv.path().join("content/articles");
    for day in 1..=60 {
        std::fs::write(
            articles.join(format!("day-{day:02}.md")),
            format!(
                "---\ntitle: Day {day} of the inquiry\ndate: 2021-01-{:02}\n---\nWhat day {day} brought.\n",
                (day - 1) % 28 + 1
            )
            .replace("2021-01-", &format!("2021-{:02}-", (day - 1) / 28 + 1)),
        )
        .unwrap();
    }
    let out = build_ok(inv.path());
    let feed = read(&out.join("feed.xml"));
    assert_eq!(feed.matches("<entry>").count(), 50, "{feed}");
    // Days 11 to 60 are the newest; days 1 to 10, and every older story,
    // are left out.
    assert!(feed.contains("articles/day-60/"), "the newest is in");
    assert!(feed.contains("articles/day-11/"), "the fiftieth is in");
    assert!(!feed.contains("articles/day-10/"), "the fifty-first is not");
    assert!(!feed.contains("articles/first-story/"));
    assert!(feed.find("articles/day-60/") < feed.find("articles/day-59/"));
    assert!(feed.contains("What day 60 brought."), "each entry is whole");
    // Every article is still listed in the open data.
    let data: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/articles.json"))).unwrap();
    assert!(data.as_array().unwrap().len() > 60);
}

#[test]
fn two_builds_at_once_take_turns_and_leave_a_whole_site() {
    // They shared one staging folder: one said "built" over a site with
    // pages missing, or both failed and the old site was damaged.
    let dir = example();
    let root = dir.path();
    let out = build_ok(root);
    let whole = snapshot(&out);
    let root_arg = root.to_str().unwrap();
    for round in 0..4 {
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args(["build", "--root", root_arg])
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for build in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
            assert!(build.status.success(), "round {round}: {}", stderr(&build));
        }
        assert!(
            snapshot(&out) == whole,
            "round {round}: the site is not whole"
        );
        let left: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("dossier-"))
            .collect();
        assert!(left.is_empty(), "round {round}: left beside it: {left:?}");
    }
}

#[test]
fn a_picture_opening_an_article_is_not_its_summary() {
    let dir = investigation(None);
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/static")).unwrap();
    std::fs::write(root.join("content/static/harbour.png"), b"\x89PNG\r\n").unwrap();
    std::fs::write(
        root.join("content/articles/talks.md"),
        "---\ntitle: Harbour talks\ndate: 2021-01-01\n---\n![Cranes and container ships in the harbour at dawn, seen from the pier](/harbour.png)\n\nThe harbour authority met on Monday with the delegation present in the room for talks.\n",
    )
    .unwrap();
    let out = build_ok(root);
    let lead =
        "The harbour authority met on Monday with the delegation present in the room for talks.";
    let doc = page(&out, "articles/talks/index.html");
    let description: Vec<&str> = doc
        .select(&sel("meta[name=description]"))
        .filter_map(|m| m.value().attr("content"))
        .collect();
    assert_eq!(description, [lead]);
    let data: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/articles.json"))).unwrap();
    let talks = data
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Harbour talks")
        .unwrap();
    assert_eq!(talks["summary"], lead);
}

/// Word's line break (U+000B) between two words of a Markdown body was
/// left out and glued them together ("Body textwith"): it is a space.
#[test]
fn a_pasted_line_break_keeps_the_words_apart() {
    let dir = investigation(None);
    let root = dir.path();
    let story = root.join("content/articles/first-story.md");
    std::fs::write(
        &story,
        format!(
            "{}\nBody text\u{B}with a Word line break\u{C}and a form feed.\n",
            read(&story)
        ),
    )
    .unwrap();
    let out = build_ok(root);
    let page = read(&out.join("articles/first-story/index.html"));
    assert!(
        page.contains("Body text with a Word line break and a form feed."),
        "{page}"
    );
    let feed = read(&out.join("feed.xml"));
    assert!(
        feed.contains("Body text with a Word line break and a form feed."),
        "{feed}"
    );
}

/// The same characters written as they are in YAML, not escaped: YAML
/// refuses them, and a Word line break (U+000B) pasted into a summary, a
/// quoted title or front matter failed the whole file with "`` cannot
/// start a value that is not in quotes" (the character shown as
/// nothing), and the next one waited for the next run; so did a C1
/// control (U+0092, Windows-1252's `’` read as Latin-1). They are read as
/// spaces, so every other message keeps its line and column.
#[test]
fn controls_written_as_they_are_in_yaml_are_read_as_spaces() {
    let dir = investigation(None);
    let root = dir.path();
    write_file(
        root,
        "content/events/pasted.yaml",
        "- id: pasted\n  date: 2021-01-01\n  title: \"Bell\u{7}in a quoted title\"\n  summary: The Word\u{B}line break and a DEL\u{7F}here. It don\u{92}t stop.\n  status: maybe\n",
    );
    let story = root.join("content/articles/first-story.md");
    std::fs::write(
        &story,
        read(&story).replacen("title: ", "title: Pasted\u{B}and\u{85}\u{9C}", 1),
    )
    .unwrap();
    // The one problem left is reported where it is.
    let o = dossier_in(root, &["check"]);
    let err = stderr(&o);
    let errors = error_lines(&err);
    assert_eq!(
        errors,
        [
            "content/events/pasted.yaml:5:11: error: `maybe` is not a valid status; allowed: confirmed, reported, alleged, disputed, denied"
        ]
    );
    write_file(
        root,
        "content/events/pasted.yaml",
        "- id: pasted\n  date: 2021-01-01\n  title: \"Bell\u{7}in a quoted title\"\n  summary: The Word\u{B}line break and a DEL\u{7F}here. It don\u{92}t stop.\n",
    );
    let out = build_ok(root);
    let timeline = read(&out.join("timeline/index.html"));
    assert!(timeline.contains("Bell in a quoted title"), "{timeline}");
    assert!(
        timeline.contains("The Word line break and a DEL here."),
        "{timeline}"
    );
    // A C1 control (Windows-1252's `’` read as Latin-1) is a no-break
    // space: one character for one, two bytes for two.
    assert!(timeline.contains("It don\u{a0}t stop."), "{timeline}");
    let story = texts(&page(&out, "articles/first-story/index.html"), "h1");
    assert!(story[0].starts_with("Pasted "), "{story:?}");
}

#[test]
fn controls_and_noncharacters_pasted_into_copy_are_in_no_page() {
    // Copy pasted from PDFs and word processors brings invisible
    // characters that HTML calls errors and XML forbids: they made the
    // feed ill-formed and put raw NUL bytes into pages.
    let not_in_markup = |c: char| {
        let u = c as u32;
        (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            || (0x7F..=0x9F).contains(&u)
            || (0xFDD0..=0xFDEF).contains(&u)
            || u & 0xFFFE == 0xFFFE
    };
    let dir = investigation(None);
    let root = dir.path();
    let story = root.join("content/articles/first-story.md");
    std::fs::write(
        &story,
        format!(
            "{}\nA pasted line: \u{FFFE}, \0, \u{1}, \u{B}, \u{85}, \u{7F}, \u{FDD0}, \u{10FFFF} and `code\u{1}` end. Acme Shipping\u{1}answered.\n",
            read(&story)
        ),
    )
    .unwrap();
    let actors = root.join("content/actors.yaml");
    std::fs::write(
        &actors,
        read(&actors).replace(
            "role: Harbour regulator",
            "role: \"Harbour\\0regulator\\x01\\u0085\"",
        ),
    )
    .unwrap();
    let out = build_ok(root);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if !path
            .extension()
            .is_some_and(|e| e == "html" || e == "xml" || e == "svg")
        {
            continue;
        }
        let text = read(&path);
        let bad: Vec<char> = text.chars().filter(|&c| not_in_markup(c)).collect();
        assert!(bad.is_empty(), "{}: {bad:?}", path.display());
        if path.extension().is_some_and(|e| e == "xml") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        pages += 1;
    }
    assert!(pages > 10);
    let story = read(&out.join("articles/first-story/index.html"));
    assert!(
        story.contains("A pasted line: , , ,  ,  , , ,  and"),
        "the text around them stays, a line break (U+000B, U+0085) as a space"
    );
    let regulator = texts(&page(&out, "actors/port-authority/index.html"), ".role");
    assert!(
        regulator.iter().any(|r| r.contains("Harbourregulator")),
        "{regulator:?}"
    );
}

#[test]
fn files_named_in_upper_case_load_and_a_spreadsheet_is_named() {
    // Files saved on Windows or exported by some tools end in `.CSV`,
    // `.YML` or `.MD`: they were skipped without a word (data files) or
    // refused as stray (articles). A sheet left in its own format beside
    // the records was skipped without a word too.
    let inv = investigation(None);
    let c = inv.path().join("content");
    std::fs::write(
        c.join("events/LATER.YML"),
        "- id: shouted-event\n  date: 2020-05-01\n  title: Shouted event\n",
    )
    .unwrap();
    std::fs::write(
        c.join("events/SHEET.CSV"),
        "id,date,title\nsheet-event,2020-06-01,From the sheet\n",
    )
    .unwrap();
    std::fs::write(c.join("events/ledger.xlsx"), b"PK\x03\x04").unwrap();
    std::fs::write(
        c.join("articles/LOUD.MD"),
        "---\ntitle: Loud story\ndate: 2020-01-02\n---\n\nThe Port Authority said nothing at all about it.\n",
    )
    .unwrap();
    // At the top too, as a spreadsheet names its export.
    std::fs::rename(c.join("sources.yaml"), c.join("Sources.YML")).unwrap();
    let wire = c.join("articles/wire");
    std::fs::rename(wire.join("Wire Story.txt"), wire.join("Wire Story.TXT")).unwrap();
    std::fs::rename(wire.join("Wire Story.yaml"), wire.join("Wire Story.YAML")).unwrap();
    let out = dossier_in(inv.path(), &["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("content/events/ledger.xlsx: warning: not read: only .yaml, .yml and .csv files in content/events/ hold records"),
        "{err}"
    );
    assert!(err.contains("hint: save the sheet as CSV (UTF-8)"), "{err}");
    let public = inv.path().join("public");
    let timeline = read(&public.join("timeline/index.html"));
    assert!(timeline.contains("Shouted event"), "{timeline}");
    assert!(timeline.contains("From the sheet"), "{timeline}");
    assert!(public.join("articles/loud/index.html").exists());
    // The wire story's sidecar is still its metadata.
    let wire_page = page(&public, "articles/wire-story/index.html");
    assert_eq!(texts(&wire_page, "h1"), ["Wire: Roe under pressure"]);
    assert!(public.join("sources/harbour-gazette/index.html").exists());
    // A sheet left in its own format at the top is named, with the file
    // to save it as.
    std::fs::write(c.join("actors.xlsx"), b"PK\x03\x04").unwrap();
    let err = stderr(&dossier_in(inv.path(), &["check"]));
    assert!(
        err.contains("content/actors.xlsx: error: `actors.xlsx` is not part of the content format\n  = hint: save the sheet as CSV (UTF-8): `content/actors.csv`"),
        "{err}"
    );
}

fn write_file(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A build holds the articles' texts only while it reads them, and reads
/// each again for the stages that need it: a file saved meanwhile must
/// fail the build, naming the file, rather than give pages that mix its
/// two versions.
#[test]
fn an_article_saved_while_it_is_read_fails_with_its_name() {
    let inv = investigation(None);
    let file = inv.path().join("content/articles/first-story.md");
    let loaded = dossier::load::load(inv.path()).unwrap();
    let options = dossier::BuildOptions::default();
    let site = dossier::model::build(&loaded, &options).expect("it builds as loaded");
    let article = site
        .articles
        .iter()
        .find(|a| a.path == "content/articles/first-story.md")
        .expect("the article is built");
    assert!(article.body_text().is_ok());

    let text = read(&file);
    std::fs::write(&file, format!("{text}\nA paragraph added meanwhile.\n")).unwrap();
    let err = article.body_text().expect_err("its text changed");
    assert_eq!(
        (err.path.as_ref(), err.message.as_ref()),
        (
            "content/articles/first-story.md",
            "this file changed (or went) while dossier was reading it"
        )
    );
    let err = dossier::model::build(&loaded, &options)
        .expect_err("the model is not built from the new text")
        .render(false);
    assert!(
        err.contains("content/articles/first-story.md")
            && err.contains("this file changed (or went) while dossier was reading it"),
        "{err}"
    );

    std::fs::remove_file(&file).unwrap();
    assert!(article.body_text().is_err(), "a file gone is said too");
}

/// A file of `content/static/` at the path of a page or an export
/// replaces it (content/static wins, content format 1.1), and said
/// nothing: the actors' index or the feed stopped following the records
/// without a word. Each is a warning at the file; a theme's file replaced
/// on purpose is not.
#[test]
fn a_static_file_replacing_a_page_or_an_export_is_a_warning() {
    let dir = investigation(None);
    let root = dir.path();
    for (rel, text) in [
        (
            "content/static/actors/index.html",
            "<!doctype html><title>Old</title>",
        ),
        ("content/static/feed.xml", "<feed/>"),
        ("content/static/style.css", "body{}"),
    ] {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    for cmd in ["check", "build"] {
        let o = dossier_in(root, &[cmd]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let err = stderr(&o);
        let warned: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("content/static/"))
            .collect();
        assert_eq!(
            warned,
            [
                "content/static/actors/index.html: warning: dossier makes a page at `actors/index.html` from the records: this file replaces it, and it will not follow them",
                "content/static/feed.xml: warning: dossier makes a file at `feed.xml` from the records: this file replaces it, and it will not follow them",
            ],
            "{cmd}: {err}"
        );
    }
    // The file still wins, as the format says.
    let out = root.join("public");
    assert_eq!(read(&out.join("feed.xml")), "<feed/>");
    assert_eq!(read(&out.join("style.css")), "body{}");
}
