//! Pictures drawn at build time (content format 1.1, "Pictures" and the
//! timeline's overview): an actor's connections, the network of the most
//! connected actors, the whole period of the timeline. Each is valid SVG,
//! every link in it leads to a page or an element that exists, and what
//! it shows is what the content says. (Byte-identical builds: `search`.)

use crate::common::*;
use dossier::{BuildOptions, Timings};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// An investigation with a crowd: `hub` has relations with 14 actors (7
/// each way) and shares events with 15 more, one of them (`loner`) has no
/// connection at all; events are dated at every precision, some
/// approximate, some ranges.
fn crowd() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "content/site.yaml", "title: Crowd\n");
    let mut actors = String::from("- id: hub\n  name: Hub Holdings\n  relations:\n");
    for i in 0..7 {
        writeln!(actors, "    - actor: out-{i}\n      label: owns part of").unwrap();
    }
    for i in 0..7 {
        writeln!(actors, "- id: in-{i}\n  name: Investor {i}\n  relations:\n    - actor: hub\n      label: invests in").unwrap();
        writeln!(
            actors,
            "- id: out-{i}\n  name: Subsidiary {i} with a very long name indeed"
        )
        .unwrap();
    }
    for i in 0..15 {
        writeln!(actors, "- id: peer-{i}\n  name: Peer {i}").unwrap();
    }
    actors.push_str("- id: loner\n  name: Lone Wolf\n");
    write(root, "content/actors.yaml", &actors);
    let mut events = String::new();
    for i in 0..15 {
        // Peer i shares i + 1 events with the hub.
        for k in 0..=i {
            let date = match k % 3 {
                0 => format!("\"2015-0{}\"", 1 + k % 9),
                1 => format!("\"2016-03-{:02}\"", 1 + k),
                _ => "\"2017\"".to_owned(),
            };
            writeln!(
                events,
                "- id: e-{i}-{k}\n  date: {date}\n  title: Meeting {i}.{k}\n  actors: [hub, peer-{i}]"
            )
            .unwrap();
            if k == 1 {
                events.push_str("  approximate: true\n");
            }
            if k == 2 {
                events.push_str("  end: \"2019-06\"\n");
            }
        }
    }
    // Alone in its year, so that its mark is its own.
    events.push_str("- id: long-ago\n  date: \"2012\"\n  approximate: true\n  title: Hub founded\n  actors: [hub]\n");
    write(root, "content/events.yaml", &events);
    dir
}

/// Each inline picture of a page: `<svg class="diagram …">…</svg>`.
fn pictures(html: &str) -> Vec<&str> {
    html.match_indices("<svg class=\"diagram")
        .map(|(i, _)| {
            let end = html[i..].find("</svg>").expect("a closed picture") + i + 6;
            &html[i..end]
        })
        .collect()
}

/// The site rendered in memory, before minifying: as the templates wrote it.
fn rendered(root: &Path) -> BTreeMap<String, String> {
    let mut t = Timings::default();
    let inv = dossier::prepare(root, &BuildOptions::default(), &mut t)
        .unwrap_or_else(|d| panic!("{}", d.render(false)));
    let out = dossier::render::render(&inv.site, &inv.graph, &inv.renderer)
        .unwrap_or_else(|d| panic!("{}", d.render(false)));
    out.files
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn every_picture_is_valid_svg_with_a_title_and_integer_coordinates() {
    for dir in [crowd(), example(), investigation(None)] {
        let pages = rendered(dir.path());
        let mut seen = 0;
        for (path, html) in &pages {
            for svg in pictures(html) {
                seen += 1;
                let doc = roxmltree::Document::parse(svg)
                    .unwrap_or_else(|e| panic!("{path}: not XML: {e}\n{svg}"));
                let root = doc.root_element();
                assert_eq!(root.tag_name().name(), "svg");
                let mut children = root.children().filter(|n| n.is_element());
                assert_eq!(
                    children.next().map(|n| n.tag_name().name()),
                    Some("title"),
                    "{path}"
                );
                assert_eq!(
                    children.next().map(|n| n.tag_name().name()),
                    Some("desc"),
                    "{path}"
                );
                for node in doc.descendants().filter(|n| n.is_element()) {
                    for a in node.attributes() {
                        if [
                            "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height",
                        ]
                        .contains(&a.name())
                        {
                            assert!(
                                a.value().parse::<i32>().is_ok(),
                                "{path}: {}={}",
                                a.name(),
                                a.value()
                            );
                        }
                    }
                    if node.tag_name().name() == "a" {
                        let title = node
                            .first_element_child()
                            .filter(|t| t.tag_name().name() == "title");
                        assert!(
                            title.is_some_and(|t| t.text().is_some_and(|s| !s.is_empty())),
                            "{path}: a link without a name"
                        );
                    }
                }
            }
        }
        assert!(seen >= 3, "only {seen} pictures");
    }
}

/// Where a link from the page at `page` (a path under the output folder)
/// leads: the file and the element id, if any.
fn target(public: &Path, page: &str, href: &str) -> (std::path::PathBuf, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (href, None),
    };
    let dir = Path::new(page).parent().unwrap_or(Path::new(""));
    let mut file = if path.is_empty() {
        public.join(page)
    } else if let Some(abs) = path.strip_prefix('/') {
        public.join(abs)
    } else {
        public.join(dir).join(path)
    };
    if file.is_dir() || path.ends_with('/') {
        file = file.join("index.html");
    }
    (file, fragment)
}

#[test]
fn every_link_in_a_picture_leads_to_a_page_or_element_that_exists() {
    for dir in [crowd(), example()] {
        let public = build_ok(dir.path());
        let link = scraper::Selector::parse("svg a").unwrap();
        let mut links = 0;
        for entry in walkdir::WalkDir::new(&public) {
            let entry = entry.unwrap();
            let Some(page) = entry.path().to_str().filter(|p| p.ends_with(".html")) else {
                continue;
            };
            let rel = entry
                .path()
                .strip_prefix(&public)
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            let doc = scraper::Html::parse_document(&read(Path::new(page)));
            for a in doc.select(&link) {
                let href = a
                    .value()
                    .attr("href")
                    .unwrap_or_else(|| panic!("{rel}: a link without href"));
                links += 1;
                let (file, fragment) = target(&public, &rel, href);
                assert!(
                    file.is_file(),
                    "{rel}: {href} leads nowhere ({})",
                    file.display()
                );
                if let Some(id) = fragment {
                    let there = scraper::Html::parse_document(&read(&file));
                    let sel = scraper::Selector::parse(&format!("[id=\"{id}\"]")).unwrap();
                    assert!(
                        there.select(&sel).next().is_some(),
                        "{rel}: {href}: no element #{id}"
                    );
                }
            }
        }
        assert!(links > 20, "only {links} links in pictures");
    }
}

#[test]
fn an_actors_picture_shows_relations_both_ways_and_who_shares_most_events() {
    let dir = crowd();
    let pages = rendered(dir.path());
    let hub = &pages["actors/hub/index.html"];
    let svg = pictures(hub).into_iter().next().expect("the hub's picture");
    // Relations both ways, labelled, arrowed.
    assert!(
        svg.contains("Investor 0") && svg.contains("invests in"),
        "{svg}"
    );
    assert!(
        svg.contains("Subsidiary 0") && svg.contains("owns part of"),
        "{svg}"
    );
    assert!(svg.contains("marker-end="), "{svg}");
    // At most 10 on each side: the 14 relations and the 12 peers that
    // share the most events (content format: up to 12) do not all fit.
    let nodes = svg.matches("class=\"dg-node\"").count();
    assert_eq!(nodes, 20, "{svg}");
    assert!(svg.contains("20 of 26 connections are drawn"), "{svg}");
    // The peers sharing the most events are the ones listed, most first,
    // with their counts, as text beside the picture.
    let list = &hub[hub.find("Shares events with").expect("the list")..];
    let list = &list[..list.find("</ul>").unwrap()];
    let first = list.find("Peer 14").expect("Peer 14");
    assert!(first < list.find("Peer 13").unwrap());
    assert!(list.contains("(15 events)"), "{list}");
    assert!(list.contains("Peer 3"), "{list}");
    assert!(!list.contains("Peer 2<"), "only 12 peers: {list}");
    // Every node leads to its actor.
    assert!(svg.contains("href=\"../../actors/in-0/\""), "{svg}");
    assert!(svg.contains("href=\"../../actors/hub/\""), "{svg}");
    // The other side of a relation shows it too, pointing the other way.
    let investor = &pages["actors/in-0/index.html"];
    let svg = pictures(investor).into_iter().next().expect("a picture");
    assert!(
        svg.contains("Hub Holdings") && svg.contains("invests in"),
        "{svg}"
    );
    // A peer shares events with the hub but has no relation: the page says
    // so, and does not call the connections drawn under it missing.
    let peer = &pages["actors/peer-0/index.html"];
    assert!(!pictures(peer).is_empty());
    assert!(peer.contains("No relation to another actor is recorded."));
    assert!(!peer.contains("No recorded connections"), "{peer}");
    // The actor's own name is drawn in lines of at most 11 characters,
    // which fit between the columns (the browser check measures them).
    let names: Vec<&str> = svg
        .split("class=\"dg-name dg-self-name\"")
        .skip(1)
        .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
        .collect();
    assert_eq!(names, ["Investor 0"], "{svg}");
    let hub_svg = pictures(hub).into_iter().next().unwrap();
    assert!(
        hub_svg.contains(">Hub<") && hub_svg.contains(">Holdings<"),
        "{hub_svg}"
    );
    // No connection, no picture.
    assert!(pictures(&pages["actors/loner/index.html"]).is_empty());
    assert!(!pages["actors/loner/index.html"].contains("Shares events with"));
}

#[test]
fn the_actors_index_draws_the_most_connected_actors() {
    let dir = crowd();
    let pages = rendered(dir.path());
    let index = &pages["actors/index.html"];
    let svg = pictures(index).into_iter().next().expect("the network");
    assert_eq!(svg.matches("class=\"dg-node\"").count(), 16, "{svg}");
    assert!(svg.contains("Hub Holdings (29 connections)"), "{svg}");
    assert!(!svg.contains("Lone Wolf"), "{svg}");
    // The same, as text.
    assert!(index.contains("Who is connected to whom"));
    assert!(index.contains("(29 connections)"));
}

#[test]
fn the_timeline_overview_links_every_mark_and_marks_approximate_dates() {
    let dir = crowd();
    let pages = rendered(dir.path());
    let timeline = &pages["timeline/index.html"];
    let head = timeline.find("<h1>").unwrap();
    let svg = pictures(timeline).into_iter().next().expect("the overview");
    assert!(
        timeline.find(svg).unwrap() > head,
        "the overview is at the top"
    );
    assert!(timeline.find(svg).unwrap() < timeline.find("class=\"year\"").unwrap());
    // Years 2012 to 2019 (a range ends in June 2019), each a bar leading to it.
    for year in ["2012", "2015", "2016", "2017"] {
        assert!(
            svg.contains(&format!("href=\"../timeline/#year_{year}\"")),
            "{year}: {svg}"
        );
        assert!(timeline.contains(&format!("id=\"year_{year}\"")), "{year}");
    }
    assert!(svg.contains(">2019<"), "{svg}");
    assert!(svg.contains("<title>c. 2012: Hub founded</title>"), "{svg}");
    assert!(svg.contains("ov-dot ov-approx"), "approximate dates: {svg}");
    assert!(
        !svg.contains("year_2013"),
        "a year without events has no bar: {svg}"
    );
    assert!(svg.contains("ov-range"), "ranges: {svg}");
    assert!(svg.contains("href=\"../timeline/#e-"), "{svg}");
}

#[test]
fn pictures_stay_small_on_a_large_investigation() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "content/site.yaml", "title: Large\n");
    let mut actors = String::new();
    for i in 0..60 {
        writeln!(actors, "- id: a{i}\n  name: Actor number {i}").unwrap();
    }
    write(root, "content/actors.yaml", &actors);
    let mut events = String::new();
    for i in 0..3000 {
        writeln!(
            events,
            "- id: e{i}\n  date: \"{}-{:02}-{:02}\"\n  title: Event {i}\n  actors: [a{}, a{}, a{}]",
            1990 + i % 30,
            1 + i % 12,
            1 + i % 28,
            i % 60,
            (i * 7 + 1) % 60,
            (i * 13 + 2) % 60
        )
        .unwrap();
    }
    write(root, "content/events.yaml", &events);
    let pages = rendered(root);
    for page in [
        "timeline/index.html",
        "actors/index.html",
        "actors/a0/index.html",
    ] {
        let svg = pictures(&pages[page])
            .into_iter()
            .next()
            .expect("a picture");
        assert!(svg.len() < 40 * 1024, "{page}: {} bytes", svg.len());
    }
}
