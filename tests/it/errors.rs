//! Errors as the content format 1.1 states them ("Errors"): every problem
//! in one run, and none derived from another; each message at the value
//! itself, quoting it as written, with what to do; limits on identifiers;
//! a base URL without query or fragment.

use crate::common::*;
use std::path::Path;

/// Writes `text` at `rel` below `root`, making folders as needed.
fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The first line of every error `check` reports (`path:line:column:
/// error: message`), in the order shown, after asserting exit 1 and that
/// `build` reports exactly the same.
fn errors(root: &Path) -> Vec<String> {
    let check = dossier_in(root, &["check"]);
    let build = dossier_in(
        root,
        &["build", "--out", root.join("public").to_str().unwrap()],
    );
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(stderr(&check), stderr(&build), "check and build disagree");
    stderr(&check)
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(str::to_owned)
        .collect()
}

/// The hint printed under the error whose first line starts with `at`.
fn hint_of(root: &Path, at: &str) -> String {
    let err = stderr(&dossier_in(root, &["check"]));
    let mut lines = err.lines().skip_while(|l| !l.starts_with(at));
    lines
        .next()
        .unwrap_or_else(|| panic!("no error at {at}\n{err}"));
    lines
        .take_while(|l| !l.contains(": error: "))
        .find_map(|l| l.trim().strip_prefix("= hint: "))
        .unwrap_or_else(|| panic!("no hint for {at}\n{err}"))
        .to_owned()
}

// ---- Dates (case 12)

#[test]
fn early_years_with_leading_zeros_are_years() {
    let dir = case("12-early-dates-octal");
    let out = build_ok(dir.path());
    let timeline = page(&out, "timeline");
    let sel = scraper::Selector::parse("time").unwrap();
    let shown: Vec<(String, String)> = timeline
        .select(&sel)
        .map(|t| {
            (
                t.value().attr("datetime").unwrap_or("").to_owned(),
                t.text().collect(),
            )
        })
        .collect();
    let expected = [
        ("0044", "44 – 100"),
        ("0750", "c. 750"),
        ("0950-06", "June 950"),
        ("0999-12-31", "31 December 999"),
    ];
    for (i, (datetime, text)) in expected.iter().enumerate() {
        assert_eq!(
            (shown[i].0.as_str(), shown[i].1.as_str()),
            (*datetime, *text),
            "{shown:?}"
        );
    }
}

#[test]
fn every_bad_date_of_a_file_is_quoted_at_its_value() {
    let dir = case("12-early-dates-octal");
    let root = dir.path();
    write(
        root,
        "content/events/more.yaml",
        "- id: a\n  date: 602\n  title: A\n\
         - id: b\n  date: July 2019\n  title: B\n\
         - id: c\n  date: 2019-03\n  end:   2021.5\n  title: C\n\
         - id: d\n  date: 750-06\n  title: D\n",
    );
    assert_eq!(
        errors(root),
        [
            "content/events/more.yaml:2:9: error: `602` is not a date: a year has four digits",
            "content/events/more.yaml:5:9: error: `July 2019` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
            "content/events/more.yaml:9:10: error: `2021.5` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
            "content/events/more.yaml:12:9: error: `750-06` is not a date: a year has four digits",
        ]
    );
    assert_eq!(hint_of(root, "content/events/more.yaml:2:9"), "write 0602");
    assert_eq!(
        hint_of(root, "content/events/more.yaml:12:9"),
        "write 0750-06"
    );
}
