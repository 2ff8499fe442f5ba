//! Mentions on real copy (content format 1.1, "Mentions"): the cases in
//! `tests/fixtures/cases/` are copies of the failing inputs in
//! `shared/cases/` (04, 14, 15), with the right results from the spec.

use crate::common::*;
use scraper::{Html, Selector};
use std::path::Path;

/// Every link to an actor's page in the story's body: (text with white
/// space folded, actor page).
fn body_links(doc: &Html) -> Vec<(String, String)> {
    let sel = Selector::parse(".story-body a[href^='../../actors/']").unwrap();
    doc.select(&sel)
        .map(|a| {
            let text: String = a.text().collect();
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let href = a.value().attr("href").unwrap_or_default();
            (
                folded,
                href.trim_start_matches("../../actors/")
                    .trim_end_matches('/')
                    .to_owned(),
            )
        })
        .collect()
}

fn link(text: &str, actor: &str) -> (String, String) {
    (text.to_owned(), actor.to_owned())
}

/// The sentences an actor page quotes as first mentions, white space folded.
fn quoted(out: &Path, actor: &str) -> Vec<String> {
    let doc = page(out, &format!("actors/{actor}"));
    let sel = Selector::parse("blockquote.first-mention").unwrap();
    doc.select(&sel)
        .map(|q| {
            let text: String = q.text().collect();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn names_split_by_line_breaks_and_odd_spaces_are_one_mention() {
    let dir = case("15-linebreak-mentions");
    let out = build_ok(dir.path());
    let links = body_links(&page(&out, "articles/who-won-the-harbour"));
    for expected in [
        link("Jane Roe", "jane-roe"),
        link("Acme Shipping", "acme-shipping"),
        link("Port Authority of Harbour Town", "port-authority"),
    ] {
        assert!(links.contains(&expected), "{expected:?} not in {links:?}");
    }
    let links = body_links(&page(&out, "articles/spaces"));
    assert!(
        links.contains(&link("Jane Roe", "jane-roe")),
        "no-break space: {links:?}"
    );
    assert!(
        links.contains(&link("Acme Shipping", "acme-shipping")),
        "two spaces or narrow no-break space: {links:?}"
    );
    let links = body_links(&page(&out, "articles/nbsp-wire"));
    assert!(
        links.contains(&link("Jane Roe", "jane-roe")),
        "wire copy: {links:?}"
    );
    // The actor page lists the article and quotes the whole sentence.
    let port = quoted(&out, "port-authority");
    assert!(
        port.contains(
            &"The tender was run by the Port Authority of Harbour Town, which declined to comment."
                .to_owned()
        ),
        "{port:?}"
    );
    let roe = quoted(&out, "jane-roe");
    assert!(
        roe.contains(
            &"Officials said the chief executive of the company, Jane Roe, met them twice."
                .to_owned()
        ),
        "the sentence is not cut at the line break: {roe:?}"
    );
}

#[test]
fn decomposed_and_composed_spellings_are_one_name() {
    let dir = case("04-nfd-nfc-names");
    // The two José Núñez records (one NFD, one NFC) are one name twice.
    let o = dossier_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("already belongs to another actor") && err.contains("content/actors.yaml:"),
        "{err}"
    );
    // Without the duplicate, the NFD text links to the NFC name.
    let actors = dir.path().join("content/actors.yaml");
    let text = read(&actors);
    let cut = text
        .find("- id: jose-nunez-2")
        .expect("the case's second José");
    let rest = &text[cut + 1..];
    let end = rest
        .find("\n- ")
        .map(|e| cut + 1 + e + 1)
        .unwrap_or(text.len());
    std::fs::write(&actors, format!("{}{}", &text[..cut], &text[end..])).unwrap();
    let out = build_ok(dir.path());
    let article = std::fs::read_dir(out.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.contains("profile"))
        .expect("the profile's page");
    let links = body_links(&page(&out, &format!("articles/{article}")));
    // Shown as written (decomposed), linked to the composed name.
    assert!(links.iter().any(|(_, a)| a == "zoe-agren"), "{links:?}");
    assert!(links.iter().any(|(_, a)| a == "jose-nunez"), "{links:?}");
}

#[test]
fn no_mention_inside_urls_domains_or_e_mail_addresses() {
    let dir = case("14-names-in-urls-emails");
    let out = build_ok(dir.path());
    let doc = page(&out, "articles/contacts");
    let links = body_links(&doc);
    assert!(
        links.is_empty(),
        "no actor link in addresses or inside links: {links:?}"
    );
    let html = read(&out.join("articles/contacts/index.html"));
    for address in [
        "press@Acme.example",
        "Jane.Roe@gazette.example",
        "www.Acme.example/Roe",
    ] {
        assert!(html.contains(address), "{address} is not shown as written");
    }
    let links = body_links(&page(&out, "articles/statement"));
    assert!(links.is_empty(), "wire copy: {links:?}");
    // The link text "the Acme Shipping filing" still counts as a mention,
    // and its sentence is the one quoted; no address line is.
    let acme = quoted(&out, "acme-shipping");
    assert!(
        acme.contains(&"See the Acme Shipping filing and the Roe statement.".to_owned()),
        "{acme:?}"
    );
    assert!(
        acme.iter()
            .all(|q| !q.contains('@') && !q.contains("Acme.example")),
        "{acme:?}"
    );
}

#[test]
fn outlet_names_do_not_mention_countries_and_particles_start_sentences() {
    let dir = investigation(None);
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(
        root.join("content/actors/countries.yaml"),
        "- id: france\n  name: France\n  kind: government\n- id: israel\n  name: Israel\n  kind: government\n- id: de-rugy\n  name: de Rugy\n  kind: person\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/sources/outlets.yaml"),
        "- id: radio-france\n  name: Radio France\n  kind: broadcaster\n- id: toi\n  name: The Times of Israel\n  kind: outlet\n- id: afp\n  name: Agence France-Presse\n  aliases: [AFP]\n  kind: wire\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/articles/outlets.md"),
        "---\ntitle: Outlets\ndate: 2021-07-24\n---\nRadio France, Agence France-Presse and The Times of Israel reported it.\n\nDe Rugy said France and Israel must answer. France agreed.\n",
    )
    .unwrap();
    let out = build_ok(root);
    let links = body_links(&page(&out, "articles/outlets"));
    assert_eq!(
        links,
        [
            link("De Rugy", "de-rugy"),
            link("France", "france"),
            link("Israel", "israel")
        ],
        "outlet names shield, a particle name matches capitalised, each actor links once"
    );
}

#[test]
fn a_longer_name_wins_over_an_alias_that_starts_before_it() {
    // "the Council" is an alias of the city council; in "the Council of
    // Europe" the longer name is meant (content format 1.1, "Mentions":
    // the longest name wins where names overlap).
    let dir = investigation(None);
    let root = dir.path();
    std::fs::write(
        root.join("content/actors/bodies.yaml"),
        "- id: council-of-europe\n  name: Council of Europe\n  kind: organization\n- id: city-council\n  name: Brightwater City Council\n  kind: government\n  aliases: [the Council]\n- id: ministry\n  name: Ministry of Transport\n  kind: government\n  aliases: [the Ministry]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/articles/bodies.md"),
        "---\ntitle: Bodies\ndate: 2021-07-24\n---\nOfficials said the Council of Europe would look into it. Before that, the Ministry of Transport changed the rules, and the Council agreed.\n",
    )
    .unwrap();
    let out = build_ok(root);
    let links = body_links(&page(&out, "articles/bodies"));
    assert_eq!(
        links,
        [
            link("Council of Europe", "council-of-europe"),
            link("Ministry of Transport", "ministry"),
            link("the Council", "city-council")
        ]
    );
    let suggested = stdout(&dossier_in(root, &["suggest", "--min", "1"]));
    assert!(
        !suggested.contains("# Europe") && !suggested.contains("# Transport"),
        "{suggested}"
    );
}

#[test]
fn event_titles_are_counted_not_linked() {
    let dir = investigation(None);
    let out = build_ok(dir.path());
    // "Contract awarded to Acme Shipping" names Acme Shipping in its title
    // only (its record lists port-authority): the event is on Acme's page
    // and in its data, after the actors the record names.
    let acme = read(&out.join("actors/acme-shipping/index.html"));
    assert!(
        acme.contains("contract-awarded"),
        "the event is not on Acme's page"
    );
    let events: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/events.json"))).unwrap();
    let event = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "contract-awarded")
        .unwrap();
    assert_eq!(
        event["actors"],
        serde_json::json!(["port-authority", "acme-shipping"])
    );
}

#[test]
fn mention_links_every_links_every_mention() {
    let dir = investigation(None);
    let root = dir.path();
    std::fs::write(
        root.join("content/articles/again.md"),
        "---\ntitle: Again\ndate: 2021-07-24\n---\nJane Roe spoke. Then Jane Roe left, and Roe was gone.\n",
    )
    .unwrap();
    let out = build_ok(root);
    let first = body_links(&page(&out, "articles/again"));
    assert_eq!(first, [link("Jane Roe", "jane-roe")], "first, by default");
    let site = root.join("content/site.yaml");
    std::fs::write(&site, format!("{}mention_links: every\n", read(&site))).unwrap();
    let out = build_ok(root);
    let every = body_links(&page(&out, "articles/again"));
    assert_eq!(
        every,
        [
            link("Jane Roe", "jane-roe"),
            link("Jane Roe", "jane-roe"),
            link("Roe", "jane-roe")
        ]
    );
    std::fs::write(
        &site,
        format!(
            "{}mention_links: evry\n",
            read(&site).replace("mention_links: every\n", "")
        ),
    )
    .unwrap();
    let o = dossier_in(root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/site.yaml:") && stderr(&o).contains("did you mean `every`"),
        "{}",
        stderr(&o)
    );
}
