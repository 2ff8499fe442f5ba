//! Every registered record kind is whole: the list in `dossier::kinds` is
//! the one place a kind is named, so a kind added there without its
//! fixture, its pages, its open-data files (JSON, CSV for data kinds, its
//! FollowTheMoney entities), a record in the starter investigation or its
//! documentation fails here, by name.

use crate::common::*;
use dossier::kinds::{DATA_KINDS, KINDS, KindInfo};
use std::path::Path;

/// The records of `data/<plural>.json` in the site built at `out`.
fn records(out: &Path, kind: &KindInfo) -> Vec<serde_json::Value> {
    let path = out.join(format!("data/{}.json", kind.plural));
    let json: serde_json::Value = serde_json::from_str(&read(&path))
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    json.as_array()
        .unwrap_or_else(|| panic!("{}: not an array", path.display()))
        .clone()
}

/// Every record's `path` is a page of the built site, or an id on one.
fn assert_paths_resolve(out: &Path, kind: &KindInfo, records: &[serde_json::Value]) {
    for r in records {
        let path = r["path"]
            .as_str()
            .unwrap_or_else(|| panic!("a record of data/{}.json has no path: {r}", kind.plural));
        let (dir, anchor) = path.split_once('#').unwrap_or((path, ""));
        let page = out.join(dir).join("index.html");
        let html = read(&page);
        if !anchor.is_empty() {
            assert!(
                html.contains(&format!("id=\"{anchor}\""))
                    || html.contains(&format!("id={anchor}")),
                "{}: no element with id `{anchor}` for a {}",
                page.display(),
                kind.name
            );
        }
    }
}

#[test]
fn every_kind_has_a_fixture_pages_open_data_a_starter_record_and_docs() {
    assert!(!KINDS.is_empty());
    let base = investigation(None);
    let out = build_ok(base.path());
    let summary = stdout(&dossier_in(base.path(), &["check"]));

    let starter = tempfile::tempdir().unwrap();
    let root = starter.path().join("inv");
    let o = dossier(&["new", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let starter_out = build_ok(&root);

    let data_docs = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/data.md"));
    let readme = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    for kind in KINDS {
        let base_records = records(&out, kind);
        assert!(
            !base_records.is_empty(),
            "tests/fixtures/base has no {}: every kind needs one in the base fixture",
            kind.name
        );
        assert_paths_resolve(&out, kind, &base_records);
        assert!(
            summary.contains(&format!("{} {}", base_records.len(), kind.plural)),
            "`check` does not count the {}: {summary}",
            kind.plural
        );
        let starter_records = records(&starter_out, kind);
        assert!(
            !starter_records.is_empty(),
            "`dossier new` writes no {}: the starter investigation shows every kind",
            kind.name
        );
        assert_paths_resolve(&starter_out, kind, &starter_records);
        assert!(
            data_docs.contains(&format!("## `{}.json`", kind.plural)),
            "docs/data.md has no section for data/{}.json",
            kind.plural
        );
        let mut heading = kind.plural.to_owned();
        heading[..1].make_ascii_uppercase();
        assert!(
            readme.contains(&format!("### {heading}")),
            "README.md's author guide has no section `### {heading}`"
        );
        if DATA_KINDS.contains(kind) {
            assert!(
                readme.contains(&format!("{}.yaml", kind.plural)),
                "README.md does not say where {} are written ({}.yaml)",
                kind.plural,
                kind.plural
            );
            // Its CSV export: a row per record.
            for (site, records) in [(&out, &base_records), (&starter_out, &starter_records)] {
                let path = site.join(format!("data/{}.csv", kind.plural));
                let rows = csv::Reader::from_path(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                    .records()
                    .count();
                assert_eq!(
                    rows,
                    records.len(),
                    "{} has not a row per {}",
                    path.display(),
                    kind.name
                );
            }
        }
        // Every kind is part of the FollowTheMoney export (`src/export/ftm.rs`).
        let ftm = read(&out.join("data/entities.ftm.json"));
        assert!(
            ftm.contains(&format!("\"id\":\"{}-", kind.name)),
            "data/entities.ftm.json has no entity of kind {}: map it in src/export/ftm.rs",
            kind.name
        );
    }
}
