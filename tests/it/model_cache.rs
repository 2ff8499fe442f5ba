//! What `dossier serve` keeps of the model from one rebuild to the next
//! (the events, built): whatever changed in the content, a rebuild through
//! the cache gives exactly the site, links and messages a fresh build
//! gives, and it keeps the events only when nothing they depend on changed.

use crate::common::*;
use dossier::{BuildOptions, Cache, Timings};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Everything a rebuild gives, in a comparable form: every file of the
/// site and its warnings, or every message.
fn shown(result: Result<dossier::Investigation, dossier::Diagnostics>) -> String {
    let inv = match result {
        Ok(inv) => inv,
        Err(d) => return d.render(false),
    };
    let mut out = inv.warnings().clone().render(false);
    let site = inv
        .render(&mut Timings::default())
        .expect("the site renders");
    for (path, bytes) in site.files {
        out.push_str(&format!("\n== {path}\n{}", String::from_utf8_lossy(&bytes)));
    }
    out
}

/// Prepares `root` afresh and through `cache`, checks that both agree, and
/// returns what they gave and whether the events were kept.
fn same(root: &Path, cache: &mut Cache) -> (String, bool) {
    let options = BuildOptions::default();
    let fresh = shown(dossier::prepare(root, &options, &mut Timings::default()));
    let cached = shown(dossier::prepare_with(
        root,
        &options,
        &mut Timings::default(),
        cache,
    ));
    assert!(
        fresh == cached,
        "a rebuild through the cache gives what a fresh one gives"
    );
    (fresh, cache.events.reused())
}

/// Writes a file below `content/`, modified an hour ago: the load cache
/// trusts only files older than its clock tick, and this one is known to
/// have changed by its length or its status-change time.
fn write_old(root: &Path, rel: &str, text: &str) {
    let path = root.join("content").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(hour_ago).unwrap();
}

/// Sets every file below `content/` as modified an hour ago, so that the
/// load cache trusts it from the start.
fn age(root: &Path) {
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root.join("content")).unwrap();
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                write_old(root, rel.to_str().unwrap(), &text);
            }
        }
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = read(&root.join("content").join(rel));
    assert!(text.contains(from), "{from:?} not in {rel}");
    write_old(root, rel, &text.replacen(from, to, 1));
}

#[test]
fn events_kept_between_rebuilds_are_the_events_built_afresh() {
    let dir = investigation(None);
    let root = dir.path();
    age(root);
    let mut cache = Cache::default();
    let (first, reused) = same(root, &mut cache);
    assert!(!reused, "nothing to keep yet");
    let (again, reused) = same(root, &mut cache);
    assert!(
        again == first && reused,
        "nothing changed: the events are kept"
    );

    // An article's text changes: the events stay as they were.
    edit(
        root,
        "articles/first-story.md",
        "Acme Shipping won the contract.",
        "Acme Shipping won the contract in March.",
    );
    let (edited, reused) = same(root, &mut cache);
    assert!(reused && edited != first);

    // The wire story becomes older than the story an event cites, which
    // is now first in the list: the events are built again.
    edit(root, "articles/wire/Wire Story.yaml", "2019-05", "2019-01");
    let (_, reused) = same(root, &mut cache);
    assert!(!reused, "an article the events may cite moved");
    edit(root, "articles/wire/Wire Story.yaml", "2019-01", "2019-05");
    same(root, &mut cache);

    // An event's summary links to a file of the site.
    edit(
        root,
        "events/2019.yaml",
        "summary: The Port Authority awards the contract.",
        "summary: The Port Authority awards the [contract](files/doc.txt).",
    );
    let (_, reused) = same(root, &mut cache);
    assert!(!reused, "the events' file changed");
    // A file that holds no record but comes before the events' file:
    // every file after it moves by one place, and so do the places the
    // kept events noted for their links.
    write_old(root, "actors/people/nobody.yml", "");
    let (_, reused) = same(root, &mut cache);
    assert!(!reused, "the events' file moved");
    assert!(same(root, &mut cache).1);
    // The linked file is gone: the message names the event's line.
    std::fs::remove_file(root.join("content/static/files/doc.txt")).unwrap();
    let (gone, reused) = same(root, &mut cache);
    assert!(reused, "nothing the events are built from changed");
    assert!(
        gone.contains("content/events/2019.yaml:4:"),
        "the message names the event's line: {gone}"
    );
    write_old(root, "static/files/doc.txt", "A document.\n");

    // An event names an actor that is no more: the message is given on
    // every rebuild.
    edit(
        root,
        "actors.yaml",
        "id: port-authority",
        "id: harbour-board",
    );
    let (gone, _) = same(root, &mut cache);
    assert!(gone.contains("unknown actor `port-authority`"), "{gone}");
    // Events with a reference to no record are not kept: what is said of
    // it depends on every file (see below).
    let (again, reused) = same(root, &mut cache);
    assert!(!reused && again == gone);
    edit(
        root,
        "actors.yaml",
        "id: harbour-board",
        "id: port-authority",
    );

    // An event names an actor not written yet: unknown. Then the record
    // is begun, and does not pass its checks yet: the reference is left
    // out, and only the record's own problem is reported.
    edit(
        root,
        "events/2019.yaml",
        "actors: [jane-roe]",
        "actors: [jane-roe, jane-doe]",
    );
    let (unknown, _) = same(root, &mut cache);
    assert!(unknown.contains("unknown actor `jane-doe`"), "{unknown}");
    same(root, &mut cache);
    let actors = read(&root.join("content/actors.yaml"));
    write_old(root, "actors.yaml", &format!("{actors}- id: jane-doe\n"));
    let (begun, _) = same(root, &mut cache);
    assert!(!begun.contains("unknown actor `jane-doe`"), "{begun}");
    write_old(root, "actors.yaml", &actors);
    edit(
        root,
        "events/2019.yaml",
        "actors: [jane-roe, jane-doe]",
        "actors: [jane-roe]",
    );

    // An actor an event names fails its checks: the reference is left
    // out without a message of its own. Once the record's id changes too,
    // the reference is unknown, and a kept build would not say so.
    edit(root, "actors/people/jane.yml", "name: Jane Roe\n", "");
    let (invalid, _) = same(root, &mut cache);
    assert!(!invalid.contains("unknown actor `jane-roe`"), "{invalid}");
    edit(
        root,
        "actors/people/jane.yml",
        "id: jane-roe",
        "id: jane-row",
    );
    let (unknown, _) = same(root, &mut cache);
    assert!(unknown.contains("unknown actor `jane-roe`"), "{unknown}");
}

#[test]
fn a_stylesheet_of_the_theme_kept_minified_is_minified_again_when_edited() {
    let dir = investigation(None);
    let root = dir.path();
    let css = root.join("themes/steampunk-heart/static/extra.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    let mut cache = Cache::default();
    std::fs::write(&css, "a {\n  color: red;\n}\n").unwrap();
    let (first, _) = same(root, &mut cache);
    assert!(first.contains("== extra.css\na{color:red}"), "{first}");
    // The same length: only the text tells the two apart.
    std::fs::write(&css, "a {\n  color: tan;\n}\n").unwrap();
    let (edited, _) = same(root, &mut cache);
    assert!(edited.contains("== extra.css\na{color:tan}"), "{edited}");
}

#[test]
fn actors_kept_between_rebuilds_are_the_actors_built_afresh() {
    let dir = investigation(None);
    let root = dir.path();
    age(root);
    let mut cache = Cache::default();
    same(root, &mut cache);
    same(root, &mut cache);
    assert!(
        cache.actors.reused(),
        "nothing changed: the actors are kept"
    );

    // An article's text changes: the actors stay as they were.
    edit(
        root,
        "articles/first-story.md",
        "Acme Shipping won the contract.",
        "Acme Shipping won the contract in March.",
    );
    same(root, &mut cache);
    assert!(cache.actors.reused());

    // An actor's summary changes: built again.
    edit(
        root,
        "actors.yaml",
        "A shipping company run by Jane Roe.",
        "A shipping firm run by Jane Roe.",
    );
    same(root, &mut cache);
    assert!(!cache.actors.reused());

    // A relation to an actor not written yet, beside a file of actors that
    // does not parse: unknown, and not kept. Then the record is begun in
    // that file, which still does not parse: the relation is left out, and
    // only the file's own problem is reported.
    write_old(root, "actors/people/doe.yml", "name: [Jane\n");
    edit(
        root,
        "actors.yaml",
        "- actor: jane-roe",
        "- actor: jane-doe",
    );
    let (unknown, _) = same(root, &mut cache);
    assert!(
        unknown.contains("unknown actor `jane-doe` in a relation"),
        "{unknown}"
    );
    same(root, &mut cache);
    assert!(!cache.actors.reused());
    write_old(root, "actors/people/doe.yml", "id: jane-doe\nname: [Jane\n");
    let (begun, _) = same(root, &mut cache);
    assert!(!begun.contains("in a relation"), "{begun}");
}

#[test]
fn articles_kept_between_rebuilds_are_the_articles_built_afresh() {
    let dir = investigation(None);
    let root = dir.path();
    let story = |slug: &str, extra: &str, text: &str| {
        format!(
            "---\ntitle: Story {slug}\ndate: 2019-04-0{}\n{extra}---\n{text} It is told at length, in words enough for a summary.\n",
            slug.len() % 9 + 1
        )
    };
    write_old(
        root,
        "articles/b.md",
        &story(
            "b",
            "actors: [jane-roe]\n",
            "Acme Shipping paid [the agency](/sources/).",
        ),
    );
    write_old(
        root,
        "articles/c.md",
        &story(
            "cc",
            "draft: true\n",
            "A draft about Jane Roe and her ships.",
        ),
    );
    write_old(
        root,
        "articles/d.md",
        &story("ddd", "", "Jane Roe and [a page](/nowhere/) of nothing."),
    );
    age(root);
    let mut cache = Cache::default();
    let (broken, _) = same(root, &mut cache);
    assert!(broken.contains("/nowhere/"), "{broken}");
    assert_eq!(cache.articles.taken(), 0, "nothing to keep yet");
    same(root, &mut cache);
    assert_eq!(
        cache.articles.taken(),
        4,
        "nothing changed: every Markdown article is kept"
    );

    // A file that sorts before them all: every article moves one place
    // among the files, and the message about d.md names it still.
    write_old(root, "articles/a.md", &story("a", "", "Jane Roe again."));
    let (moved, _) = same(root, &mut cache);
    assert!(moved.contains("content/articles/d.md:"), "{moved}");
    assert_eq!(cache.articles.taken(), 0, "every article moved");
    edit(
        root,
        "articles/d.md",
        "[a page](/nowhere/)",
        "[a page](/sources/)",
    );
    let (fixed, _) = same(root, &mut cache);
    assert!(!fixed.contains("content/articles/d.md:"), "{fixed}");
    assert_eq!(cache.articles.taken(), 4, "one article of five changed");

    // Two articles with one slug: the second is said to repeat it, each
    // time, whether or not it was kept.
    edit(
        root,
        "articles/d.md",
        "title: Story ddd\n",
        "title: Story ddd\nslug: b\n",
    );
    let (twice, _) = same(root, &mut cache);
    assert!(twice.contains("two articles have the slug `b`"), "{twice}");
    edit(
        root,
        "articles/b.md",
        "Acme Shipping paid",
        "Acme Shipping then paid",
    );
    let (again, _) = same(root, &mut cache);
    assert!(again.contains("two articles have the slug `b`"), "{again}");
    assert_eq!(
        cache.articles.taken(),
        4,
        "d.md is kept, and still repeats b's slug"
    );

    // An actor named by a kept article changes its id: the article is
    // built again, and names an actor no longer there.
    edit(
        root,
        "actors.yaml",
        "- id: port-authority",
        "- id: harbour-authority",
    );
    let (renamed, _) = same(root, &mut cache);
    assert!(
        renamed.contains("unknown actor `port-authority`"),
        "{renamed}"
    );
    assert_eq!(cache.articles.taken(), 0, "the actors' ids changed");
    edit(
        root,
        "actors.yaml",
        "- id: harbour-authority",
        "- id: port-authority",
    );
    same(root, &mut cache);

    // An article naming an actor not written yet is never kept: once the
    // actor is written, it is found.
    edit(
        root,
        "articles/a.md",
        "title: Story a\n",
        "title: Story a\nactors: [john-doe]\n",
    );
    let (unknown, _) = same(root, &mut cache);
    assert!(unknown.contains("unknown actor `john-doe`"), "{unknown}");
    same(root, &mut cache);
    assert_eq!(cache.articles.taken(), 4, "all but the one naming no actor");
    write_old(
        root,
        "actors/people/doe.yml",
        "id: john-doe\nname: John Doe\nkind: person\n",
    );
    let (known, _) = same(root, &mut cache);
    assert!(!known.contains("john-doe`"), "{known}");
    assert_eq!(cache.articles.taken(), 0, "the actors' ids changed");
}
