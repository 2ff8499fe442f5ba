//! The page budget (content format 1.1, "The built site"): lists too long
//! for one page are split into pages that link to each other, every event
//! and statement lives on exactly one page with its id, every link to it
//! lands there, and a small investigation keeps its single pages.

use crate::common::*;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The budget itself: no HTML page larger than this.
pub(crate) const BUDGET: u64 = 256 * 1024;

pub(crate) fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// A mid-size investigation, written as a newsroom would: 210 articles,
/// 310 actors, 600 events over two years (2020 crowded enough to be split
/// by month, its March alone over a page, some events known only to the
/// year), 230 statements and a tag on 160 events. Returns the events' and
/// statements' ids.
fn mid_size(root: &Path) -> (Vec<String>, Vec<String>) {
    let c = root.join("content");
    std::fs::create_dir_all(c.join("articles")).unwrap();
    std::fs::write(
        c.join("site.yaml"),
        "title: The Long Files\nbase_url: https://news.example/long/\nlanguage: en\n",
    )
    .unwrap();
    std::fs::write(
        c.join("sources.yaml"),
        "- id: gazette\n  name: The Gazette\n  kind: outlet\n",
    )
    .unwrap();
    let mut actors = String::new();
    for i in 0..310 {
        writeln!(
            actors,
            "- id: a{i:03}\n  name: Person Number{i:03}\n  kind: person"
        )
        .unwrap();
    }
    std::fs::write(c.join("actors.yaml"), actors).unwrap();
    for i in 0..210 {
        let body = format!(
            "---\ntitle: Story {i}\ndate: 2018-{:02}-{:02}\nbyline: A. Reporter\nsources: [gazette]\n---\nThe harbour story, part {i}.\n",
            i % 12 + 1,
            i % 28 + 1
        );
        std::fs::write(c.join("articles").join(format!("story-{i:03}.md")), body).unwrap();
    }
    let mut events = String::new();
    let mut ids = Vec::new();
    for i in 0..600 {
        let date = match i {
            0..150 => format!("2019-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            150..170 => "2020".to_owned(),
            170..420 => format!("2020-03-{:02}", i % 28 + 1),
            _ => format!(
                "2020-{:02}-{:02}",
                [1, 2, 4, 5, 6, 7, 8, 9][i % 8],
                i % 28 + 1
            ),
        };
        let tags = if i < 160 { "\n  tags: [money]" } else { "" };
        writeln!(
            events,
            "- id: e{i:03}\n  date: \"{date}\"\n  title: Event {i} at the harbour\n  summary: What happened, number {i}.\n  actors: [a{:03}]\n  sources: [gazette]{tags}",
            i % 310
        )
        .unwrap();
        ids.push(format!("e{i:03}"));
    }
    std::fs::write(c.join("events.yaml"), events).unwrap();
    let mut statements = String::new();
    let mut sids = Vec::new();
    for i in 0..230 {
        writeln!(
            statements,
            "- id: s{i:03}\n  by: a{:03}\n  date: 2020-{:02}-{:02}\n  kind: statement\n  quote: We said thing {i}.\n  about: [e{:03}]",
            i % 310,
            i % 12 + 1,
            i % 28 + 1,
            (i * 7) % 600
        )
        .unwrap();
        sids.push(format!("s{i:03}"));
    }
    std::fs::write(c.join("statements.yaml"), statements).unwrap();
    (ids, sids)
}

/// Every built HTML page by its path from `out` (`timeline/2020/index.html`).
pub(crate) fn html_pages(out: &Path) -> BTreeMap<String, PathBuf> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap();
            (rel.to_string_lossy().replace('\\', "/"), e.into_path())
        })
        .collect()
}

/// The file a link from the page at `from` (`timeline/2020/index.html`)
/// leads to, relative to the output folder, and its fragment.
pub(crate) fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (href, None),
    };
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    if !path.is_empty() {
        for seg in path.split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
    }
    let mut file = parts.join("/");
    if path.is_empty() {
        file = from.to_owned();
    } else if path.ends_with('/') || file.is_empty() {
        file = if file.is_empty() {
            "index.html".into()
        } else {
            format!("{file}/index.html")
        };
    }
    (file, fragment)
}

/// The ids of every element of `doc`.
pub(crate) fn ids(doc: &Html) -> BTreeSet<String> {
    doc.select(&sel("[id]"))
        .filter_map(|e| e.value().attr("id").map(str::to_owned))
        .collect()
}

/// Walks a list's pages from `start` along `rel="next"`, checking that
/// each page's `rel="prev"` leads back; returns the pages in order.
pub(crate) fn walk(out: &Path, start: &str, docs: &BTreeMap<String, Html>) -> Vec<String> {
    let mut pages = vec![start.to_owned()];
    loop {
        let at = pages.last().unwrap().clone();
        let doc = &docs[&at];
        let Some(next) = doc.select(&sel("head link[rel=next]")).next() else {
            break;
        };
        let (file, _) = resolve(&at, next.value().attr("href").unwrap());
        assert!(
            out.join(&file).is_file(),
            "{at}: rel=next leads to missing {file}"
        );
        let back = docs[&file]
            .select(&sel("head link[rel=prev]"))
            .next()
            .unwrap_or_else(|| panic!("{file} has no rel=prev"));
        assert_eq!(resolve(&file, back.value().attr("href").unwrap()).0, at);
        // The same links in the page's navigation, with `rel` on them.
        assert!(
            doc.select(&sel("nav[aria-label=Pages] a[rel=next]"))
                .next()
                .is_some(),
            "{at}"
        );
        assert!(!pages.contains(&file), "{file} twice in the chain");
        pages.push(file);
    }
    pages
}

#[test]
fn a_mid_size_investigation_is_split_into_pages_within_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let (events, statements) = mid_size(dir.path());
    let out = build_ok(dir.path());
    let pages = html_pages(&out);
    let mut docs: BTreeMap<String, Html> = BTreeMap::new();
    for (rel, path) in &pages {
        let size = std::fs::metadata(path).unwrap().len();
        assert!(
            size <= BUDGET,
            "{rel} is {size} bytes, over the page budget"
        );
        docs.insert(rel.clone(), Html::parse_document(&read(path)));
    }

    // Every event and statement has one home page, which holds its id.
    let mut home: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (rel, doc) in &docs {
        for id in ids(doc) {
            home.entry(id).or_default().push(rel.clone());
        }
    }
    for id in events.iter().chain(&statements) {
        let at = home.get(id).map(Vec::as_slice).unwrap_or_default();
        assert_eq!(at.len(), 1, "{id} is on {at:?}");
    }
    assert_eq!(home["e000"], ["timeline/2019/index.html"]);
    assert_eq!(
        home["e150"],
        ["timeline/2020/index.html"],
        "known only to the year"
    );
    assert_eq!(home["e170"], ["timeline/2020/03/index.html"]);
    assert_eq!(home["e419"], ["timeline/2020/03/page/2/index.html"]);
    // Newest first: December's on the first page, the oldest on the last.
    assert_eq!(home["s011"], ["statements/index.html"]);
    assert_eq!(home["s000"], ["statements/page/2/index.html"]);

    // Every link to an event or a statement, on every page, lands on it.
    let records: BTreeSet<&String> = events.iter().chain(&statements).collect();
    let mut links = 0;
    for (rel, doc) in &docs {
        for a in doc.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap();
            let (file, Some(fragment)) = resolve(rel, href) else {
                continue;
            };
            if !records.contains(&fragment) {
                continue;
            }
            links += 1;
            let holds = docs.get(&file).is_some_and(|d| ids(d).contains(&fragment));
            assert!(holds, "{rel}: {href} does not lead to #{fragment}");
        }
    }
    assert!(links > 1000, "only {links} links to events and statements");

    // The timeline's pages, walked by rel=next from its overview, hold
    // every event once, in date order.
    let chain = walk(&out, "timeline/index.html", &docs);
    assert_eq!(
        chain[..3],
        [
            "timeline/index.html",
            "timeline/2019/index.html",
            "timeline/2020/index.html"
        ]
    );
    let shown: Vec<String> = chain
        .iter()
        .flat_map(|p| {
            docs[p]
                .select(&sel("article.event[id]"))
                .map(|e| e.value().attr("id").unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(sorted, events, "the timeline's pages hold every event once");
    // The overview links to each year's page, with its count.
    let overview = &docs["timeline/index.html"];
    let years: Vec<String> = overview
        .select(&sel("nav[aria-label=Years] a"))
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(years, ["2019 (150 events)", "2020 (450 events)"]);
    assert!(overview.select(&sel("article.event")).next().is_none());
    // A year split by month lists its months, the current one marked.
    let march = &docs["timeline/2020/03/index.html"];
    let current: Vec<String> = march
        .select(&sel("nav[aria-label=Months] a[aria-current=page]"))
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(current, ["March (250)"]);
    let in_year = |page: &str, aria: &str| -> Vec<String> {
        docs[page]
            .select(&sel(&format!(
                "nav[aria-label=Years] a[aria-current={aria}]"
            )))
            .map(|a| a.text().collect::<String>())
            .collect()
    };
    assert_eq!(
        in_year("timeline/2020/index.html", "page"),
        ["2020 (450 events)"]
    );
    assert_eq!(
        in_year("timeline/2020/03/index.html", "true"),
        ["2020 (450 events)"]
    );

    // The statements and the articles, walked the same way.
    let chain = walk(&out, "statements/index.html", &docs);
    let shown: BTreeSet<String> = chain
        .iter()
        .flat_map(|p| {
            docs[p]
                .select(&sel("article.statement[id]"))
                .map(|e| e.value().attr("id").unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(shown.len(), statements.len());
    let chain = walk(&out, "articles/index.html", &docs);
    assert_eq!(chain, ["articles/index.html", "articles/page/2/index.html"]);
    let cards: Vec<String> = chain
        .iter()
        .flat_map(|p| {
            docs[p]
                .select(&sel("main .card-title a"))
                .map(|a| a.value().attr("href").unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let unique: BTreeSet<&String> = cards.iter().collect();
    assert_eq!((cards.len(), unique.len()), (210, 210), "each article once");
    // Page numbers name their page and mark the current one.
    let numbers: Vec<(String, bool)> = docs["articles/page/2/index.html"]
        .select(&sel("nav[aria-label=Pages] .pagination-number a"))
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("aria-current") == Some("page"),
            )
        })
        .collect();
    assert_eq!(numbers, [("Page 1".into(), false), ("Page 2".into(), true)]);

    // Actors and the tag's records are paged too.
    assert_eq!(walk(&out, "actors/index.html", &docs).len(), 2);
    assert_eq!(walk(&out, "tags/money/index.html", &docs).len(), 2);

    // The sitemap lists every page.
    let sitemap = read(&out.join("sitemap.xml"));
    for p in [
        "timeline/2020/03/page/2/",
        "articles/page/2/",
        "statements/page/2/",
        "tags/money/page/2/",
    ] {
        assert!(
            sitemap.contains(&format!("https://news.example/long/{p}<")),
            "{p} not in the sitemap"
        );
    }
    // The open data gives each event's page.
    let data = read(&out.join("data/events.json"));
    assert!(
        data.contains("\"timeline/2020/03/page/2/#e419\""),
        "events.json paths"
    );
}

#[test]
fn a_small_investigation_keeps_its_single_pages() {
    let dir = example();
    let out = build_ok(dir.path());
    // No list, and no actor's, source's or article's page, is split.
    let paged: Vec<_> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir() && e.file_name() == "page")
        .map(|e| e.into_path())
        .collect();
    assert!(paged.is_empty(), "{paged:?}");
    let data: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/events.json"))).unwrap();
    let list = data
        .as_array()
        .or_else(|| data["events"].as_array())
        .unwrap();
    let timeline = page(&out, "timeline");
    let shown = ids(&timeline);
    assert!(!list.is_empty());
    for e in list {
        let id = e["id"].as_str().unwrap();
        assert!(shown.contains(id), "{id} not on timeline/");
        assert_eq!(e["path"].as_str().unwrap(), format!("timeline/#{id}"));
    }
    assert!(
        timeline
            .select(&sel("nav[aria-label=Pages], link[rel=next]"))
            .next()
            .is_none()
    );
}
