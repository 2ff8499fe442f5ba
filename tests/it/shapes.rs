//! The page budget on investigations of other shapes (content format 1.1,
//! "The built site", issue 18): not a newsroom's even spread of records,
//! as `pagination` builds, but one record at the centre of everything,
//! one event answered hundreds of times, one year holding every event.
//! Each investigation is generated just past the thresholds that split a
//! page, built by the real binary, and every page of it is held to the
//! rules: no HTML page over 256 KiB, every link to an event or a statement
//! lands on the page holding its id, every relative link leads to a file
//! of the site.

use crate::common::*;
use crate::pagination::{BUDGET, html_pages, ids, resolve, sel, walk};
use scraper::Html;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Writes `files` (path below `content/`, text) into a new investigation.
fn investigation_of(files: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let at = dir.path().join("content").join(path);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, text).unwrap();
    }
    dir
}

fn site_yaml() -> (String, String) {
    (
        "site.yaml".into(),
        // No search: its index is not what these shapes test, and
        // indexing thousands of records would slow a debug build down.
        "title: The Shapes\nbase_url: https://news.example/shapes/\nlanguage: en\nsearch: false\n"
            .into(),
    )
}

/// The actors `p00` to `p19`, Person Number00 to Person Number19, as
/// lines of `actors.yaml`.
fn people() -> String {
    let mut actors = String::new();
    for i in 0..20 {
        writeln!(
            actors,
            "- id: p{i:02}\n  name: Person Number{i:02}\n  kind: person"
        )
        .unwrap();
    }
    actors
}

/// What an event's card says of its replies beyond those shown whole
/// (its `.replies-more` paragraphs), in order.
fn replies_more(card: &scraper::ElementRef<'_>) -> Vec<String> {
    card.select(&sel(".replies-more"))
        .map(|p| p.text().collect::<String>())
        .collect()
}

/// Every HTML page of the build in `out`, parsed, after checking the
/// rules every shape is held to: each page within the budget, each
/// relative link leading to a file of the site, and each link to an
/// element (`…#id`) of a page landing on a page that has it (so every
/// link to an event or a statement lands on its one page). `records` are
/// the events' and statements' ids: each must be on exactly one page.
fn checked_site(out: &Path, records: &[String]) -> BTreeMap<String, Html> {
    let mut docs = BTreeMap::new();
    let mut over = Vec::new();
    let mut largest = (0, String::new());
    for (rel, path) in html_pages(out) {
        let size = std::fs::metadata(&path).unwrap().len();
        if size > BUDGET {
            over.push(format!("{rel} ({size} bytes)"));
        }
        largest = largest.max((size, rel.clone()));
        docs.insert(rel, Html::parse_document(&read(&path)));
    }
    assert!(over.is_empty(), "pages over the budget: {over:?}");
    // For the record of how close the shapes come (`--nocapture`).
    eprintln!("largest page: {} ({} bytes)", largest.1, largest.0);
    let page_ids: BTreeMap<&String, BTreeSet<String>> =
        docs.iter().map(|(rel, d)| (rel, ids(d))).collect();
    let mut home: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (rel, ids) in &page_ids {
        for id in ids {
            home.entry(id.as_str()).or_default().push(rel.as_str());
        }
    }
    for id in records {
        let at = home.get(id.as_str()).cloned().unwrap_or_default();
        assert_eq!(at.len(), 1, "{id} is on {at:?}");
    }
    let mut broken = Vec::new();
    let link = sel("a[href], link[href]:not([rel=canonical]), script[src], img[src]");
    for (rel, doc) in &docs {
        // The page not found is served at any depth: its links start from
        // the base path, not from where the file is.
        if rel == "404.html" {
            continue;
        }
        for e in doc.select(&link) {
            let v = e.value();
            let href = v.attr("href").or_else(|| v.attr("src")).unwrap();
            if href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = resolve(rel, href);
            if !out.join(&file).is_file() {
                broken.push(format!("{rel}: {href} (no {file})"));
                continue;
            }
            if let Some(f) = fragment {
                let lands = page_ids.get(&file).is_some_and(|ids| ids.contains(&f));
                if !lands {
                    broken.push(format!("{rel}: {href} (no #{f} on {file})"));
                }
            }
        }
        if broken.len() > 20 {
            break;
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    docs
}

/// The folders of every page of a record, in reading order, walked by
/// `rel="next"` from its first page (`actors/hub/`).
fn record_pages(out: &Path, first: &str, docs: &BTreeMap<String, Html>) -> Vec<String> {
    walk(out, &format!("{first}index.html"), docs)
        .into_iter()
        .map(|p| p.trim_end_matches("index.html").to_owned())
        .collect()
}

/// Every `href` of the elements `selector` selects on `page`.
fn hrefs(docs: &BTreeMap<String, Html>, page: &str, selector: &str) -> Vec<String> {
    docs[&format!("{page}index.html")]
        .select(&sel(selector))
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

/// One of everything, cited by everything: the actor Hub Holdings is in
/// each of 2,000 events, named in each of 420 articles, made 260
/// statements and is the subject of 120 more; the source The Gazette is
/// cited by every event and article; every event cites the article
/// `story-0000` and carries the tag `money` and a tag of its own; every
/// event happened in 2020, 500 of them in March.
fn everything_cites_one() -> (tempfile::TempDir, Vec<String>) {
    let mut files = vec![site_yaml()];
    let mut sources = String::from("- id: gazette\n  name: The Gazette\n  kind: outlet\n");
    for i in 0..30 {
        writeln!(
            sources,
            "- id: wire{i:02}\n  name: Wire Service {i:02}\n  kind: wire"
        )
        .unwrap();
    }
    files.push(("sources.yaml".into(), sources));
    let mut actors = String::from("- id: hub\n  name: Hub Holdings\n  kind: company\n");
    actors.push_str(&people());
    // A leak story naming 900 officials in its metadata, and nothing else
    // citing it.
    let mut cast = Vec::new();
    for i in 0..900 {
        writeln!(
            actors,
            "- id: o{i:03}\n  name: Official Number{i:03}\n  kind: person\n  role: Deputy director of the harbour board, in charge of the transfers"
        )
        .unwrap();
        cast.push(format!("o{i:03}"));
    }
    files.push(("actors.yaml".into(), actors));
    files.push((
        "articles/the-cast.md".into(),
        format!(
            "---\ntitle: Everyone on the list\ndate: 2022-01-01\nactors: [{}]\n---\nThe list names every official of the harbour board.\n",
            cast.join(", ")
        ),
    ));
    for i in 0..420 {
        files.push((
            format!("articles/story-{i:04}.md"),
            format!(
                "---\ntitle: Story {i}\ndate: 2021-{:02}-{:02}\nbyline: A. Reporter\nsources: [gazette, wire{:02}]\n---\nHub Holdings moved money through the harbour for the {i}th time, the papers show.\n",
                i % 12 + 1,
                i % 28 + 1,
                i % 30
            ),
        ));
    }
    let mut events = String::new();
    let mut records = Vec::new();
    for i in 0..2000 {
        let month = if i < 500 {
            3
        } else {
            [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12][i % 11]
        };
        writeln!(
            events,
            "- id: e{i:04}\n  date: 2020-{month:02}-{:02}\n  title: Transfer {i} through the harbour\n  summary: Money moved, transfer number {i}.\n  actors: [hub, p{:02}]\n  sources: [gazette]\n  articles: [story-0000]\n  tags: [money, t{i:04}]",
            i % 28 + 1,
            i % 20
        )
        .unwrap();
        records.push(format!("e{i:04}"));
    }
    files.push(("events.yaml".into(), events));
    let mut statements = String::new();
    for i in 0..380 {
        // Hub Holdings's own, then others' about it.
        let by = if i < 260 {
            "hub".to_owned()
        } else {
            format!("p{:02}\n  actors: [hub]", i % 20)
        };
        writeln!(
            statements,
            "- id: s{i:04}\n  by: {by}\n  date: 2021-{:02}-{:02}\n  kind: denial\n  quote: We deny what was said of transfer {i}, as we always have.\n  sources: [gazette]\n  about: [e{:04}]",
            i % 12 + 1,
            i % 28 + 1,
            (i * 5) % 2000
        )
        .unwrap();
        records.push(format!("s{i:04}"));
    }
    files.push(("statements.yaml".into(), statements));
    (investigation_of(&files), records)
}

#[test]
fn records_cited_by_everything_are_split_into_pages_within_the_budget() {
    let (dir, records) = everything_cites_one();
    let out = build_ok(dir.path());
    let docs = checked_site(&out, &records);

    // The actor, the source and the article cited by everything each
    // have pages of their own, linked in order, each holding part of
    // every long list.
    for first in ["actors/hub/", "sources/gazette/", "articles/story-0000/"] {
        let pages = record_pages(&out, first, &docs);
        assert!(pages.len() > 1, "{first} is not split");
        assert_eq!(pages[1], format!("{first}page/2/"));
        // Every event citing the record is linked from one of its pages.
        let linked: BTreeSet<String> = pages
            .iter()
            .flat_map(|p| hrefs(&docs, p, "main a[href*='#e']"))
            .filter_map(|h| h.rsplit_once('#').map(|(_, id)| id.to_owned()))
            .collect();
        assert_eq!(linked.len(), 2000, "{first}: events linked");
    }
    // An article naming 900 actors lists them across its pages.
    let cast = record_pages(&out, "articles/the-cast/", &docs);
    assert!(cast.len() > 1, "the article naming 900 actors is not split");
    let named: BTreeSet<String> = cast
        .iter()
        .flat_map(|p| hrefs(&docs, p, "main .chip-list a"))
        .collect();
    assert_eq!(named.len(), 900, "every actor of the article is linked");
    // Its later pages hold the list of actors alone: that panel takes the
    // whole row rather than half of it beside an empty column.
    let panels: Vec<String> = docs[&format!("{}index.html", cast[1])]
        .select(&sel(".story-apparatus > section"))
        .map(|s| s.value().attr("class").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(panels, ["panel panel-wide"], "{}", cast[1]);
    let hub = record_pages(&out, "actors/hub/", &docs);
    let articles: BTreeSet<String> = hub
        .iter()
        .flat_map(|p| hrefs(&docs, p, "main .card-title a"))
        .collect();
    assert_eq!(articles.len(), 420, "every article naming Hub Holdings");
    // Page 1 is the record; later pages say whose they are.
    let first = &docs["actors/hub/index.html"];
    assert!(first.select(&sel("dl.facts")).next().is_some());
    let second = &docs["actors/hub/page/2/index.html"];
    let h1: String = second.select(&sel("h1")).next().unwrap().text().collect();
    assert!(h1.contains("Hub Holdings"), "{h1}");
    let title: String = second
        .select(&sel("title"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(title.contains("Page 2"), "{title}");
    let canonical = second
        .select(&sel("link[rel=canonical]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(canonical, "https://news.example/shapes/actors/hub/page/2/");
    // The sitemap lists the later pages.
    let sitemap = read(&out.join("sitemap.xml"));
    for p in &hub[1..] {
        assert!(
            sitemap.contains(&format!("<loc>https://news.example/shapes/{p}</loc>")),
            "{p} not in the sitemap"
        );
    }
    // The open data gives each record's own page.
    let actors: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/actors.json"))).unwrap();
    let hub_row = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "hub")
        .unwrap();
    assert_eq!(hub_row["path"], "actors/hub/");

    // The tag index, with a tag for each event, is paged too, each tag
    // once.
    let chain = walk(&out, "tags/index.html", &docs);
    assert_eq!(chain.len(), 3, "{chain:?}");
    let tags: Vec<String> = chain
        .iter()
        .flat_map(|p| {
            docs[p]
                .select(&sel(".tag-index a.tag-name"))
                .map(|a| a.value().attr("href").unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let unique: BTreeSet<&String> = tags.iter().collect();
    assert_eq!((tags.len(), unique.len()), (2001, 2001));

    // A record cited a little keeps its one page.
    assert!(!out.join("actors/p00/page").exists());
    assert!(!out.join("sources/wire00/page").exists());
    assert!(!out.join("articles/story-0001/page").exists());
}

/// An event answered 500 times: `e000`, whose reply is due from Person
/// Number00 (who answers, in the 400th reply) and from the silent actor
/// `mute` (who never does); twelve sweeping denials each about every one
/// of 400 events; and two corrections on each event.
fn an_event_answered_hundreds_of_times() -> (tempfile::TempDir, Vec<String>) {
    let mut files = vec![site_yaml()];
    files.push((
        "sources.yaml".into(),
        "- id: gazette\n  name: The Gazette\n  kind: outlet\n".into(),
    ));
    let mut actors = String::from("- id: mute\n  name: Silent Partner\n  kind: company\n");
    actors.push_str(&people());
    files.push(("actors.yaml".into(), actors));
    let mut events = String::new();
    let mut records = Vec::new();
    for i in 0..400 {
        let due = if i == 0 {
            "\n  reply_due: [p00, mute]"
        } else {
            ""
        };
        writeln!(
            events,
            "- id: e{i:03}\n  date: 20{}-{:02}-{:02}\n  title: Meeting {i} at the harbour\n  summary: They met, meeting number {i}.\n  actors: [p{:02}]\n  sources: [gazette]{due}\n  corrections:\n    - date: 2022-01-{:02}\n      note: The place of meeting {i} was wrong.\n    - date: 2022-02-{:02}\n      note: The date of meeting {i} was wrong.",
            18 + i % 3,
            i % 12 + 1,
            i % 28 + 1,
            i % 20,
            i % 28 + 1,
            i % 28 + 1
        )
        .unwrap();
        records.push(format!("e{i:03}"));
    }
    files.push(("events.yaml".into(), events));
    let mut statements = String::new();
    for i in 0..500 {
        // Person Number00 answers late, among the last replies by date.
        let by = if i == 400 { 0 } else { 1 + i % 19 };
        writeln!(
            statements,
            "- id: r{i:03}\n  by: p{by:02}\n  date: 2021-{:02}-{:02}\n  kind: denial\n  quote: Meeting 0 never happened, says reply {i}.\n  about: [e000]",
            if i == 400 { 12 } else { i % 11 + 1 },
            i % 28 + 1
        )
        .unwrap();
        records.push(format!("r{i:03}"));
    }
    let all: Vec<String> = (0..400).map(|i| format!("e{i:03}")).collect();
    for i in 0..12 {
        writeln!(
            statements,
            "- id: sweep{i:02}\n  by: p{i:02}\n  date: 2022-03-{:02}\n  kind: denial\n  summary: Denies every meeting at once.\n  about: [{}]",
            i + 1,
            all.join(", ")
        )
        .unwrap();
        records.push(format!("sweep{i:02}"));
    }
    files.push(("statements.yaml".into(), statements));
    (investigation_of(&files), records)
}

#[test]
fn an_event_with_hundreds_of_replies_keeps_its_pages_within_the_budget() {
    let (dir, records) = an_event_answered_hundreds_of_times();
    let out = build_ok(dir.path());
    let docs = checked_site(&out, &records);

    // The event's own page on the timeline links every one of its
    // replies, and marks the reply that is missing, not the one given.
    let (home, card) = docs
        .iter()
        .find_map(|(rel, d)| {
            d.select(&sel("article.event[id=e000]"))
                .next()
                .map(|e| (rel.clone(), e))
        })
        .expect("e000 is on the timeline");
    assert!(home.starts_with("timeline/"), "{home}");
    let replies: BTreeSet<String> = card
        .select(&sel(".replies a[href*='#r']"))
        .filter_map(|a| {
            let h = a.value().attr("href").unwrap();
            h.rsplit_once('#').map(|(_, id)| id.to_owned())
        })
        .collect();
    assert_eq!(replies.len(), 500, "every reply linked from the event");
    // All of them are listed: no word of replies left unlisted.
    assert_eq!(
        card.select(&sel(".replies-more a[href$='statements/']"))
            .count(),
        0
    );
    let said = replies_more(&card);
    // (500 replies, and 12 sweeping denials about every event.)
    assert_eq!(said, ["507 more replies:"]);
    let missing: Vec<String> = card
        .select(&sel(".reply-missing"))
        .map(|m| m.text().collect())
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("Silent Partner"), "{missing:?}");

    // The sweeping denials are on the list of statements, each with
    // every event it is about.
    let sweep = docs
        .values()
        .find_map(|d| d.select(&sel("article.statement[id=sweep00]")).next())
        .unwrap();
    assert_eq!(sweep.select(&sel("a[href*='#e']")).count(), 400);

    // The corrections, 800 of them, are split into pages too, newest
    // first, each once.
    let chain = walk(&out, "corrections/index.html", &docs);
    assert!(chain.len() > 1, "corrections/ is not split");
    let entries: Vec<String> = chain
        .iter()
        .flat_map(|p| {
            docs[p]
                .select(&sel(".correction-log > li[id]"))
                .map(|e| e.value().attr("id").unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let unique: BTreeSet<&String> = entries.iter().collect();
    assert_eq!((entries.len(), unique.len()), (800, 800));
}

/// An event answered 2,200 times, and nothing else: more replies than its
/// card on the timeline lists.
fn an_event_answered_a_thousand_times() -> (tempfile::TempDir, Vec<String>) {
    let mut files = vec![site_yaml()];
    let actors = people();
    files.push(("actors.yaml".into(), actors));
    files.push((
        "events.yaml".into(),
        "- id: e000\n  date: 2021-01-05\n  title: The harbour meeting\n  actors: [p00]\n".into(),
    ));
    let mut statements = String::new();
    let mut records = vec!["e000".to_owned()];
    for i in 0..2200 {
        writeln!(
            statements,
            "- id: r{i:04}\n  by: p{:02}\n  date: 2021-{:02}-{:02}\n  kind: denial\n  quote: The meeting never happened, says reply {i}.\n  about: [e000]",
            i % 20,
            i % 11 + 2,
            i % 28 + 1
        )
        .unwrap();
        records.push(format!("r{i:04}"));
    }
    files.push(("statements.yaml".into(), statements));
    (investigation_of(&files), records)
}

#[test]
fn an_event_with_more_replies_than_its_card_lists_says_how_many_are_left() {
    let (dir, records) = an_event_answered_a_thousand_times();
    let out = build_ok(dir.path());
    // Within the budget, and every reply has its one entry.
    let docs = checked_site(&out, &records);
    let card = docs
        .values()
        .find_map(|d| d.select(&sel("article.event[id=e000]")).next())
        .expect("e000 is on the timeline");
    let linked = card.select(&sel(".replies a[href*='#r']")).count();
    assert_eq!(linked, 5 + 1000, "5 replies whole, 1,000 a line each");
    let said = replies_more(&card);
    assert!(
        said.iter()
            .any(|s| s == "2,195 more replies, the first 1,000 listed:"),
        "{said:?}"
    );
    let left = card
        .select(&sel(".replies-more a[href$='statements/']"))
        .next()
        .expect("a link to the list of statements");
    let p: String = left.text().collect();
    assert!(p.contains("the list of statements"), "{p}");
    let whole: String = card
        .select(&sel(".replies-more"))
        .last()
        .unwrap()
        .text()
        .collect();
    assert!(whole.starts_with("And 1,195 more"), "{whole}");
}

#[test]
fn events_with_long_texts_on_one_day_keep_their_pages_within_the_budget() {
    // Each event weighed the same on the timeline whatever its texts:
    // 1,000 events with a paragraph and eight actors each made month
    // pages of 330 KB. (Tags are left out: a tag's pages are split by
    // count, and their weight is another matter.)
    let mut events = String::new();
    let mut records = Vec::new();
    let summary =
        "Person Number01 and Person Number02 met Person Number03 at the harbour office. ".repeat(6);
    for i in 0..1000 {
        writeln!(
            events,
            "- id: ev-{i:04}\n  date: 2019-03-14\n  title: Event {i}, the council and the harbour contract, what was decided\n  summary: \"{summary}\"\n  actors: [p00, p01, p02, p03, p04, p05, p06, p07]"
        )
        .unwrap();
        records.push(format!("ev-{i:04}"));
    }
    let dir = investigation_of(&[
        site_yaml(),
        ("actors.yaml".into(), people()),
        ("events.yaml".into(), events),
    ]);
    let out = build_ok(dir.path());
    let docs = checked_site(&out, &records);
    assert!(
        docs.keys().any(|p| p.starts_with("timeline/2019/03/page/")),
        "{:?}",
        docs.keys()
    );
}

#[test]
fn a_timeline_across_millennia_keeps_its_overview_within_the_budget() {
    // A tick a year on the overview's axis: 10,001 of them.
    let events = "- id: founding\n  date: 0001-03-14\n  title: Founding\n- id: far\n  date: 9999-11\n  title: Far ahead\n";
    let dir = investigation_of(&[site_yaml(), ("events.yaml".into(), events.into())]);
    let out = build_ok(dir.path());
    let docs = checked_site(&out, &["founding".into(), "far".into()]);
    let ticks = docs["timeline/index.html"]
        .select(&sel("line.ov-tick"))
        .count();
    assert!((2..=300).contains(&ticks), "{ticks} ticks");
}

/// A paragraph of `n` bytes or more, of plain words.
fn paragraph(n: usize, seed: usize) -> String {
    let words = [
        "the",
        "ministry",
        "said",
        "that",
        "contracts",
        "were",
        "signed",
        "with",
        "offshore",
        "firms",
        "before",
        "the",
        "audit",
        "began",
        "and",
        "payments",
        "continued",
    ];
    let mut out = String::new();
    let mut i = seed;
    while out.len() < n {
        out.push_str(words[i % words.len()]);
        out.push(' ');
        i = i.wrapping_mul(7).wrapping_add(3);
    }
    out.push_str("end.");
    out
}

#[test]
fn texts_a_paragraph_long_on_every_list_keep_their_pages_within_the_budget() {
    // Lists were split by how many items they hold, whatever their texts:
    // with summaries, quotes, replies and corrections a paragraph long,
    // the articles' list reached 400 KB, `corrections/` 650 KB, the
    // statements 800 KB, a tag's page 740 KB, the timeline 660 KB; an
    // actor cited by every event showed thirty of them whole on a first
    // page of 310 KB. (The actors' and sources' names, roles and
    // addresses are long too.)
    let n = 300;
    let long = |seed| paragraph(1500, seed);
    let (mut actors, mut sources, mut events, mut statements) =
        (String::new(), String::new(), String::new(), String::new());
    let mut files = vec![site_yaml()];
    let mut records = Vec::new();
    for i in 0..n {
        writeln!(
            actors,
            "- id: a{i:03}\n  name: Person Number{i:03}\n  kind: person\n  role: \"{}\"\n  summary: \"{}\"",
            paragraph(400, i),
            long(i)
        )
        .unwrap();
        writeln!(
            sources,
            "- id: s{i:03}\n  name: Outlet Number{i:03}\n  kind: outlet\n  url: https://news.example/{}/{i}",
            "x".repeat(400)
        )
        .unwrap();
        writeln!(
            events,
            "- id: ev-{i:03}\n  date: 2020-03-01\n  title: \"{}\"\n  summary: \"{}\"\n  actors: [a{i:03}, a000]\n  sources: [s{i:03}, s000]\n  tags: [money]\n  reply_due: [a{i:03}]\n  corrections:\n    - date: 2020-04-01\n      note: \"{}\"",
            paragraph(300, i),
            long(i + 1),
            long(i + 2)
        )
        .unwrap();
        records.push(format!("ev-{i:03}"));
        for r in 0..3 {
            writeln!(
                statements,
                "- id: st-{i:03}-{r}\n  by: a{i:03}\n  date: 2020-03-02\n  kind: denial\n  quote: \"{}\"\n  summary: \"{}\"\n  about: [ev-{i:03}]\n  actors: [a000]\n  tags: [money]",
                long(i + r),
                long(i + r + 1)
            )
            .unwrap();
            records.push(format!("st-{i:03}-{r}"));
        }
        files.push((
            format!("articles/story-{i:03}.md"),
            format!(
                "---\ntitle: \"{}\"\ndate: 2020-01-01\nsummary: \"{}\"\ntags: [money]\nsources: [s{i:03}, s000]\nactors: [a000]\ncorrections:\n  - date: 2020-02-01\n    note: \"{}\"\n---\n\n{}\n",
                paragraph(250, i),
                long(i + 3),
                long(i + 4),
                long(i + 5)
            ),
        ));
    }
    files.push(("actors.yaml".into(), actors));
    files.push(("sources.yaml".into(), sources));
    files.push(("events.yaml".into(), events));
    files.push(("statements.yaml".into(), statements));
    let dir = investigation_of(&files);
    let out = build_ok(dir.path());
    let docs = checked_site(&out, &records);
    // Every list was split, so each was held to the budget.
    for list in [
        "articles/",
        "corrections/",
        "statements/",
        "tags/money/",
        "actors/",
        "actors/a000/",
        "sources/s000/",
    ] {
        assert!(
            docs.contains_key(&format!("{list}page/2/index.html")),
            "{list} is one page"
        );
    }
    assert!(docs.contains_key("timeline/2020/03/page/2/index.html"));
}
