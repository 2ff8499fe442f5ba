//! The mentions cache `dossier serve` links through: whatever changed in
//! the content, linking through the cache gives exactly what linking afresh
//! gives (every mention, count, first-mention sentence and backlink).

use crate::common::*;
use dossier::BuildOptions;
use dossier::link::{self, Cache};
use std::path::Path;

/// Links `root` afresh and through `cache`, and checks that both agree.
fn same(root: &Path, cache: &mut Cache) -> String {
    let loaded = dossier::load::load(root).expect("the content loads");
    let site =
        dossier::model::build(&loaded, &BuildOptions::default()).expect("the content is valid");
    let fresh = format!("{:#?}", link::link(&site));
    let cached = format!("{:#?}", link::link_with(&site, cache));
    assert_eq!(fresh, cached);
    fresh
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn linking_through_the_cache_gives_what_linking_afresh_gives() {
    let dir = investigation(None);
    let root = dir.path();
    let content = root.join("content");
    let story = content.join("articles/first-story.md");
    let mut cache = Cache::new();

    let first = same(root, &mut cache);
    // Nothing changed: the same graph.
    assert_eq!(same(root, &mut cache), first);

    // An article's text changes: a mention is gone, another sentence first.
    edit(
        &story,
        "Acme Shipping won the contract.",
        "The contract was won.",
    );
    let edited = same(root, &mut cache);
    assert_ne!(edited, first);

    // An actor named in an unchanged article gets another name: the
    // article now names her by her alias (`Roe`) only.
    edit(
        &content.join("actors/people/jane.yml"),
        "name: Jane Roe",
        "name: Jane Doe",
    );
    assert_ne!(same(root, &mut cache), edited);

    // An actor gets another name, which the text then uses.
    edit(
        &content.join("actors.yaml"),
        "name: Port Authority",
        "name: Harbour Board",
    );
    edit(
        &story,
        "The contract was won.",
        "The contract was won. The Harbour Board agreed.",
    );
    let renamed = same(root, &mut cache);
    assert!(renamed.contains("Harbour Board agreed"), "{renamed}");

    // An article is added that names an actor; then removed again.
    let extra = content.join("articles/extra.md");
    std::fs::write(
        &extra,
        "---\ntitle: Extra\ndate: 2019-05-01\n---\nJane Doe spoke to Acme.\n",
    )
    .unwrap();
    let added = same(root, &mut cache);
    assert!(added.contains("Jane Doe spoke to Acme."), "{added}");
    std::fs::remove_file(&extra).unwrap();
    assert_eq!(same(root, &mut cache), renamed);

    // An event's summary and a statement's quote name other actors; the
    // quote's text (its summary aside) stays the same length.
    edit(
        &content.join("events/2019.yaml"),
        "summary: The Port Authority awards the contract.",
        "summary: Jane Roe awards the contract.",
    );
    let event = same(root, &mut cache);
    assert_ne!(event, renamed);
    edit(
        &content.join("statements.yaml"),
        "and the Port Authority knows it.",
        "and Sean O'Brien knows it.",
    );
    assert_ne!(same(root, &mut cache), event);

    // Every mention becomes a link, in unchanged articles too.
    let site = content.join("site.yaml");
    std::fs::write(&site, format!("{}mention_links: every\n", read(&site))).unwrap();
    assert_ne!(same(root, &mut cache), renamed);
}
