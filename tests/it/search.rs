//! The offline search (content format 1.1, `search/` and `site.yaml`
//! `search`): what a build writes for it, what its index holds, and that
//! it is the same on every build. Searching it in a browser is
//! `tests/browser/search.mjs`.

use crate::common::*;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

/// The parts of the index: the bundle's own folder, then each folder
/// listed in its `shards.json` (what the search page merges).
fn shards(public: &Path) -> Vec<std::path::PathBuf> {
    let bundle = public.join("search/pagefind");
    let list: Vec<String> = serde_json::from_str(&read(&bundle.join("shards.json"))).unwrap();
    std::iter::once(bundle.clone())
        .chain(list.iter().map(|dir| bundle.join(dir)))
        .collect()
}

/// Every record in the index: its URL to its kind, title, text and the
/// part of the index holding it (0 for the bundle's own, then in the order
/// of `shards.json`), read from Pagefind's fragment files as the browser
/// reads them (gzip, after Pagefind's "pagefind_dcd" signature).
fn indexed(public: &Path) -> BTreeMap<String, (String, String, String, usize)> {
    let mut out = BTreeMap::new();
    for (shard, dir) in shards(public).into_iter().enumerate() {
        let dir = dir.join("fragment");
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
            let json = text
                .strip_prefix("pagefind_dcd")
                .expect("Pagefind's signature");
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            let previous = out.insert(
                s(&v["url"]),
                (
                    s(&v["meta"]["kind"]),
                    s(&v["meta"]["title"]),
                    s(&v["content"]),
                    shard,
                ),
            );
            assert!(previous.is_none(), "{} indexed twice", v["url"]);
        }
    }
    out
}

fn append(path: &Path, text: &str) {
    let mut all = std::fs::read_to_string(path).unwrap();
    all.push_str(text);
    std::fs::write(path, all).unwrap();
}

#[test]
fn search_page_index_and_header_field_are_built_by_default() {
    let dir = investigation(Some("search"));
    let public = build_ok(dir.path());
    for file in [
        "search/index.html",
        "search/pagefind/pagefind.js",
        "search/pagefind/pagefind-worker.js",
        "search/pagefind/pagefind-entry.json",
        "search/pagefind/wasm.en.pagefind",
        "search/pagefind/shards.json",
        "search.js",
    ] {
        assert!(public.join(file).is_file(), "no {file}");
    }
    // Pagefind's own interfaces are not used, so not shipped.
    for file in ["pagefind-ui.js", "pagefind-ui.css", "wasm.unknown.pagefind"] {
        assert!(
            !public.join("search/pagefind").join(file).exists(),
            "{file}"
        );
    }
    // Every page's header submits to the search page, relative to itself.
    for (page, action) in [
        ("index.html", r#"action="search/""#),
        (
            "articles/quay-ledger/index.html",
            r#"action="../../search/""#,
        ),
        ("timeline/index.html", r#"action="../search/""#),
        ("404.html", r#"action="/harbour/search/""#),
    ] {
        let html = read(&public.join(page));
        let ends = |i: usize| matches!(html.as_bytes().get(i + action.len()), Some(b' ' | b'>'));
        assert!(
            html.match_indices(action).any(|(i, _)| ends(i)),
            "{page}: no {action:?}"
        );
        assert!(html.contains("form-action 'self'"), "{page}");
        assert!(!html.contains("wasm-unsafe-eval"), "{page}");
    }
    let search = read(&public.join("search/index.html"));
    // Pagefind compiles WebAssembly; only the search page may.
    assert!(
        search.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "{search}"
    );
    assert!(search.contains("needs JavaScript"), "{search}");
    assert!(
        !search.contains("id=site_search_q"),
        "a second field on the search page"
    );
    // Nothing to find in a sitemap.
    assert!(!read(&public.join("sitemap.xml")).contains("/search/"));
}

#[test]
fn search_false_builds_no_search() {
    let dir = investigation(Some("search"));
    append(&dir.path().join("content/site.yaml"), "search: false\n");
    let public = build_ok(dir.path());
    assert!(!public.join("search").exists());
    let home = read(&public.join("index.html"));
    assert!(!home.contains("role=search"), "{home}");
    assert!(home.contains("form-action 'none'"), "{home}");
}

#[test]
fn search_must_be_true_or_false() {
    let dir = investigation(None);
    append(&dir.path().join("content/site.yaml"), "search: sometimes\n");
    let o = dossier_in(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/site.yaml:8:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_index_holds_every_record_once_saying_what_it_is() {
    let dir = investigation(Some("search"));
    let public = build_ok(dir.path());
    let index = indexed(&public);
    let data = |kind: &str| -> Vec<String> {
        let json: serde_json::Value =
            serde_json::from_str(&read(&public.join(format!("data/{kind}.json")))).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut expected: Vec<(String, &str)> = Vec::new();
    for (kind, label) in [
        ("articles", "Article"),
        ("actors", "Actor"),
        ("events", "Event"),
        ("sources", "Source"),
        ("statements", "Statement"),
    ] {
        expected.extend(data(kind).into_iter().map(|p| (p, label)));
    }
    assert_eq!(index.len(), expected.len(), "{:#?}", index.keys());
    for (path, label) in &expected {
        let (kind, title, _, _) = index
            .get(path)
            .unwrap_or_else(|| panic!("{path} is not indexed: {:#?}", index.keys()));
        assert_eq!(kind, label, "{path}");
        assert!(!title.is_empty(), "{path} has no title");
    }
    assert_eq!(
        index["timeline/#consultant-paid"].1,
        "A consultant is paid from the quay account"
    );
    assert_eq!(index["articles/quay-ledger/"].1, "The quay ledger");
    assert_eq!(index["actors/acme-shipping/"].1, "Acme Shipping");
    // Statements came with their kind: the index derives from the kinds.
    assert_eq!(index["statements/#acme-denies-favour"].0, "Statement");

    // A record is found by its own words, not by those of the records its
    // page lists: the name is in one article and one event only.
    let with_name: Vec<&String> = index
        .iter()
        .filter(|(_, (_, _, text, _))| text.contains("Quillfeather"))
        .map(|(url, _)| url)
        .collect();
    assert_eq!(
        with_name,
        ["articles/quay-ledger/", "timeline/#consultant-paid"]
    );
    // Words separated by markup stay separate words.
    let (_, _, acme, _) = &index["actors/acme-shipping/"];
    assert!(acme.contains("Utopia"), "{acme}");
    assert!(!acme.contains("CountryUtopia"), "{acme}");
}

#[test]
fn two_builds_are_byte_identical_index_and_pictures_included() {
    let dir = investigation(Some("search"));
    let build = |threads: &str, out: &str| {
        let out_dir = dir.path().join(out);
        let o = dossier_in_with_env(
            dir.path(),
            &["build", "--out", out_dir.to_str().unwrap()],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        snapshot(&dir.path().join(out))
    };
    let one = build("1", "one");
    let four = build("4", "four");
    assert!(
        one.iter()
            .any(|(p, _)| p.starts_with("search/pagefind/index"))
    );
    assert_eq!(one.len(), four.len());
    for ((pa, a), (pb, b)) in one.iter().zip(&four) {
        assert_eq!(pa, pb);
        assert!(a == b, "{} differs between builds", pa.display());
    }
}

#[test]
fn each_kind_is_a_part_of_the_index_merged_by_the_search_page() {
    let dir = investigation(Some("search"));
    let public = build_ok(dir.path());
    let parts = shards(&public);
    let index = indexed(&public);
    // Records of one kind are in one part, each kind in its own.
    let mut part_of_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for (url, (kind, _, _, part)) in &index {
        let first = *part_of_kind.entry(kind).or_insert(*part);
        assert_eq!(first, *part, "{url} is not with the other {kind}s");
    }
    assert_eq!(part_of_kind.len(), parts.len(), "{part_of_kind:?}");
    assert_ne!(
        index["articles/quay-ledger/"].3,
        index["timeline/#consultant-paid"].3
    );
    // The other parts are only indexes: the first part's script and
    // WebAssembly run them all.
    for part in &parts[1..] {
        assert!(
            part.join("pagefind-entry.json").is_file(),
            "{}: no entry",
            part.display()
        );
        for file in ["pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"] {
            assert!(!part.join(file).exists(), "{}: {file}", part.display());
        }
    }
}
