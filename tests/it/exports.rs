//! The FollowTheMoney export, `data/entities.ftm.json`: which schema each
//! record becomes, and that the file stands on its own (every reference
//! resolves within it). `.ci/run` also reads it with the real
//! `followthemoney` library (`tests/export/validate_ftm.py`).

use crate::common::*;
use serde_json::Value;
use std::collections::HashMap;

/// The entities of the FtM fixture, by id.
fn entities() -> HashMap<String, Value> {
    let dir = investigation(Some("ftm"));
    let out = build_ok(dir.path());
    let text = read(&out.join("data/entities.ftm.json"));
    assert!(text.ends_with('\n'));
    text.lines()
        .map(|l| {
            let e: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            (e["id"].as_str().unwrap().to_owned(), e)
        })
        .collect()
}

#[test]
fn actors_and_relations_take_the_closest_schema() {
    let all = entities();
    let schema = |id: &str| {
        all.get(id).unwrap_or_else(|| panic!("no {id}"))["schema"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for (id, expected) in [
        ("actor-alice-moss", "Person"),
        ("actor-acme-holding", "Company"),
        ("actor-port-authority", "PublicBody"),
        ("actor-dockers-union", "Organization"),
        ("actor-harbour-tv", "Organization"),
        ("actor-the-ship", "Organization"),
        ("relation-alice-moss-bob-moss", "Family"),
        ("relation-alice-moss-acme-holding", "Ownership"),
        ("relation-acme-holding-acme-shipping", "Ownership"),
        ("relation-bob-moss-carol-finch", "Associate"),
        ("relation-bob-moss-dockers-union", "Membership"),
        ("relation-carol-finch-acme-holding", "Directorship"),
        ("relation-acme-shipping-jane-roe", "Directorship"),
        ("relation-carol-finch-harbour-tv", "Employment"),
        ("relation-finch-legal-acme-holding", "Representation"),
        // An organization is no asset FtM can own: the link stays unnamed.
        ("relation-dockers-union-port-authority", "UnknownLink"),
        ("relation-the-ship-alice-moss", "UnknownLink"),
        ("event-holding-formed", "Event"),
        ("source-harbour-gazette", "Document"),
        ("article-first-story", "Article"),
    ] {
        assert_eq!(schema(id), expected, "{id}");
    }
    let p = |id: &str, prop: &str| all[id]["properties"][prop].clone();
    // "run by": the organization is run by the director.
    assert_eq!(
        p("relation-acme-shipping-jane-roe", "director"),
        serde_json::json!(["actor-jane-roe"])
    );
    assert_eq!(p("actor-alice-moss", "country"), serde_json::json!(["us"]));
    assert_eq!(p("actor-carol-finch", "country"), serde_json::json!(["ci"]));
    assert_eq!(
        p("actor-acme-holding", "notes"),
        serde_json::json!(["Country: Utopia"])
    );
    // mailto: is no URL FtM holds; Wikipedia has its own property.
    assert_eq!(
        p("actor-alice-moss", "wikipediaUrl"),
        serde_json::json!(["https://en.wikipedia.org/wiki/Alice_Moss"])
    );
    assert!(!all["actor-alice-moss"].to_string().contains("mailto"));
    let formed = &all["event-holding-formed"]["properties"];
    assert_eq!(formed["startDate"], serde_json::json!(["2015-03"]));
    assert_eq!(formed["endDate"], serde_json::json!(["2016"]));
    assert_eq!(
        formed["location"],
        serde_json::json!(["Harbour Town, Utopia"])
    );
    assert_eq!(
        formed["proof"],
        serde_json::json!(["source-harbour-gazette", "article-first-story"])
    );
    // FtM holds the years 1000 to 2999: other dates are kept as text.
    assert_eq!(
        p("event-harbour-founded", "notes"),
        serde_json::json!(["Date: 602"])
    );
    assert_eq!(p("event-harbour-founded", "startDate"), Value::Null);
}

#[test]
fn every_reference_resolves_within_the_file() {
    let all = entities();
    let refs = [
        "involved",
        "proof",
        "document",
        "entity",
        "subject",
        "object",
        "owner",
        "asset",
        "director",
        "organization",
        "member",
        "employee",
        "employer",
        "person",
        "relative",
        "associate",
        "agent",
        "client",
    ];
    let mut seen = 0;
    for e in all.values() {
        for r in refs {
            for target in e["properties"][r].as_array().into_iter().flatten() {
                seen += 1;
                assert!(
                    all.contains_key(target.as_str().unwrap()),
                    "{} points at missing {target}",
                    e["id"]
                );
            }
        }
    }
    assert!(seen > 30, "{seen}");
    // Each actor an article names or mentions is documented by it.
    assert!(all.values().any(|e| e["schema"] == "Documentation"
        && e["properties"]["document"] == serde_json::json!(["article-first-story"])
        && e["properties"]["entity"] == serde_json::json!(["actor-acme-shipping"])));
}

/// A data file larger than the part an export hands on at a time (4 MiB)
/// is written whole: every part in order, once. With 9,000 events the
/// events' JSON, the TimelineJS file and the FtM entities are each made
/// of two parts or more.
#[test]
fn data_files_made_in_parts_are_written_whole() {
    let dir = investigation(None);
    let mut yaml = String::new();
    let words = "The port authority reviewed the bids for the contract again. ".repeat(4);
    for n in 0..9_000 {
        let (y, m, d) = (2000 + n / 336, 1 + (n / 28) % 12, 1 + n % 28);
        yaml.push_str(&format!(
            "- id: event-{n}\n  date: {y}-{m:02}-{d:02}\n  title: Event number {n}\n  summary: {words}\n  status: confirmed\n  tags: [contract]\n"
        ));
    }
    std::fs::write(dir.path().join("content/events/many.yaml"), yaml).unwrap();
    let out = build_ok(dir.path());
    let size = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().len();
    for rel in [
        "data/events.json",
        "data/timeline.json",
        "data/entities.ftm.json",
    ] {
        assert!(
            size(rel) > 4 << 20,
            "{rel} is {} bytes: not in parts",
            size(rel)
        );
    }
    let ids = |v: &Value, key: &str| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e[key].as_str().unwrap().to_owned())
            .collect()
    };
    let events: Value = serde_json::from_str(&read(&out.join("data/events.json"))).unwrap();
    let listed = ids(&events, "id");
    assert_eq!(listed.len(), 9_000 + 3, "every event once");
    let timeline: Value = serde_json::from_str(&read(&out.join("data/timeline.json"))).unwrap();
    assert_eq!(ids(&timeline["events"], "unique_id").len(), listed.len());
    assert!(timeline["title"]["text"]["headline"].is_string());
    // One entity a line, each whole, and no id twice.
    let ftm = read(&out.join("data/entities.ftm.json"));
    let mut seen = std::collections::HashSet::new();
    for line in ftm.lines() {
        let e: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(seen.insert(e["id"].as_str().unwrap().to_owned()));
    }
    for n in [0, 4_500, 8_999] {
        assert!(seen.contains(&format!("event-event-{n}")), "event-{n}");
    }
}
