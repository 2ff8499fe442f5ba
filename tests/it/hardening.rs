//! Hostile and pathological input: every case finishes, fails or succeeds
//! cleanly, and never panics. Property tests run the real library on real
//! files in temporary folders.

use crate::common::*;
use dossier::{BuildOptions, Timings};
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// A guard so that a regression fails instead of hanging; speed itself
/// is the benchmark's business.
const GENEROUS: Duration = Duration::from_secs(120);

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn minimal(root: &Path) {
    write(root, "content/site.yaml", "title: Hardening\n");
}

/// Builds in memory through the library; returns the rendered site or the diagnostics.
fn render(root: &Path) -> Result<dossier::write::Output, dossier::Diagnostics> {
    let mut t = Timings::default();
    let inv = dossier::prepare(root, &BuildOptions::default(), &mut t)?;
    inv.render(&mut t)
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(
        start.elapsed() < GENEROUS,
        "{what} took {:?}",
        start.elapsed()
    );
    out
}

#[test]
fn a_five_megabyte_single_line_article() {
    let dir = tempfile::tempdir().unwrap();
    minimal(dir.path());
    write(
        dir.path(),
        "content/actors.yaml",
        "- id: acme\n  name: Acme\n",
    );
    let line: String = (0..5_000_000 / 10)
        .map(|i| {
            if i % 97 == 0 {
                "Acme said "
            } else {
                "words and "
            }
        })
        .collect();
    write(
        dir.path(),
        "content/articles/long.md",
        format!("---\ntitle: Long\ndate: 2020\n---\n{line}\n"),
    );
    let out = timed("5 MB article", || build_ok(dir.path()));
    let page = read(&out.join("articles/long/index.html"));
    assert!(page.len() > 5_000_000);
    assert!(page.contains(r#"<a href="../../actors/acme/">Acme</a>"#));
}

#[test]
fn fifty_thousand_nested_markers_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    minimal(dir.path());
    let n = 50_000;
    // Brackets do not nest into elements: valid, rendered as text.
    write(
        dir.path(),
        "content/articles/brackets.md",
        format!(
            "---\ntitle: B\ndate: 2020\n---\n{}x{}\n",
            "[".repeat(n),
            "](#a)".repeat(n)
        ),
    );
    write(
        dir.path(),
        "content/articles/wide.md",
        format!("---\ntitle: W\ndate: 2020\n---\n{}\n", "*a* ".repeat(n)),
    );
    let files = timed("nested brackets", || render(dir.path()))
        .expect("brackets are valid input")
        .files
        .len();
    assert!(files > 10);
    // Emphasis and quotes 50,000 deep would be elements 50,000 deep: refused, with the line.
    write(
        dir.path(),
        "content/articles/emphasis.md",
        format!(
            "---\ntitle: E\ndate: 2020\n---\n\n{}x{}\n",
            "*".repeat(n),
            "*".repeat(n)
        ),
    );
    write(
        dir.path(),
        "content/articles/quotes.md",
        format!("---\ntitle: Q\ndate: 2020\n---\n{}deep\n", "> ".repeat(n)),
    );
    let o = timed("nested emphasis", || dossier_in(dir.path(), &["build"]));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "content/articles/emphasis.md:6:199: error: Markdown nested more than 100 levels deep"
        ),
        "{err}"
    );
    assert!(err.contains("content/articles/quotes.md:5:"), "{err}");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn ten_thousand_level_yaml_and_alias_bombs_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    minimal(dir.path());
    let block: String = (0..10_000)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    write(dir.path(), "content/events/block.yaml", block);
    write(
        dir.path(),
        "content/events/flow.yaml",
        format!("{}{}", "{a: ".repeat(10_000), "}".repeat(10_000)),
    );
    let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (p, c) in "abcdefghij".chars().zip("bcdefghijk".chars()) {
        bomb += &format!("{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n");
    }
    write(dir.path(), "content/sources.yaml", bomb);
    let err = timed("deep yaml", || render(dir.path())).unwrap_err();
    let paths: Vec<String> = err.iter().map(|d| d.path.to_string()).collect();
    for p in [
        "content/events/block.yaml",
        "content/events/flow.yaml",
        "content/sources.yaml",
    ] {
        assert!(paths.iter().any(|x| x == p), "no error for {p}: {paths:?}");
    }
}

#[test]
fn thousands_of_actors_with_overlapping_aliases() {
    let dir = tempfile::tempdir().unwrap();
    minimal(dir.path());
    let mut actors = String::new();
    for i in 0..3000 {
        // "Alpha 12", "Alpha 12 Group", "Alpha 12 Group Holdings": names that
        // overlap each other and their neighbours.
        actors += &format!(
            "- id: a{i}\n  name: Alpha {i} Group Holdings\n  aliases: [\"Alpha {i} Group\", \"Alpha {i}x\"]\n"
        );
    }
    write(dir.path(), "content/actors.yaml", actors);
    let text: String = (0..3000)
        .map(|i| {
            format!(
                "Alpha {i} Group Holdings met Alpha {i} Group and Alpha {} Group. ",
                (i + 1) % 3000
            )
        })
        .collect();
    write(
        dir.path(),
        "content/articles/many.md",
        format!("---\ntitle: Many\ndate: 2020\n---\n{text}\n"),
    );
    let out = timed("3000 actors", || render(dir.path())).expect("valid");
    let page = String::from_utf8(out.files["articles/many/index.html"].clone()).unwrap();
    // Leftmost-longest, and only each actor's first mention is a link: a7
    // is first named at the end of the sentence about a6.
    assert!(page.contains(r#"and <a href="../../actors/a7/">Alpha 7 Group</a>. Alpha 7 Group Holdings met Alpha 7 Group and <a href="../../actors/a8/">Alpha 8 Group</a>."#));
}

#[test]
fn file_names_with_spaces_percent_non_ascii_and_dots() {
    let dir = tempfile::tempdir().unwrap();
    minimal(dir.path());
    write(
        dir.path(),
        "content/articles/Été 2021 100% réel.md",
        "---\ntitle: Été\ndate: 2021\n---\nText.\n",
    );
    write(
        dir.path(),
        "content/articles/.hidden.md",
        "not even front matter",
    );
    write(dir.path(), "content/.DS_Store", [0u8, 159, 146, 150]);
    write(
        dir.path(),
        "content/actors/.backup/old.yaml",
        "{{{ not yaml",
    );
    write(dir.path(), "content/static/docs/leak 100%.pdf", b"%PDF-1.4");
    let out = build_ok(dir.path());
    assert!(out.join("articles/ete-2021-100-reel/index.html").is_file());
    assert!(out.join("docs/leak 100%.pdf").is_file());
    assert!(!out.join("articles/hidden").exists());
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    minimal(dir.path());
    write(dir.path(), "content/sources.yaml", "- id: s\n  name: S\n");
    let p = dir.path().join("content/sources.yaml");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        return; // running as root: permissions do not apply, nothing to observe
    }
    let o = dossier_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/sources.yaml: error: cannot read this file"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_directory_where_a_file_should_be_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    minimal(dir.path());
    // A FIFO would block a naive reader forever; it is not a regular file.
    let fifo = dir.path().join("content/articles/pipe.md");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !made {
        return;
    }
    let o = timed("fifo", || dossier_in(dir.path(), &["check"]));
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{}",
        stderr(&o)
    );
}

proptest! {
    #![proptest_config(proptest_cases(48))]

    /// Mention linking on wire copy: the page's text equals the input's
    /// text, and no link is nested in another.
    #[test]
    fn mention_linking_keeps_the_text(words in proptest::collection::vec(prop_oneof![
        Just("Acme".to_owned()), Just("Acme Group".to_owned()), Just("O’Neil".to_owned()), Just("O'Neil".to_owned()),
        Just("Acmes".to_owned()), Just("<b>".to_owned()), Just("&amp;".to_owned()), Just("é".to_owned()),
        "[a-zA-Z’'\\.,]{1,8}",
    ], 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        minimal(dir.path());
        write(dir.path(), "content/actors.yaml", "- id: acme\n  name: Acme Group\n  aliases: [Acme]\n- id: oneil\n  name: O'Neil\n");
        let text = words.join(" ");
        write(dir.path(), "content/articles/p.txt", format!("Headline\n\n{text}\n"));
        write(dir.path(), "content/articles/p.yaml", "title: Headline\ndate: 2020\nkicker: \"\"\n");
        let out = render(dir.path()).expect("valid");
        let html = String::from_utf8(out.files["articles/p/index.html"].clone()).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let p = doc.select(&scraper::Selector::parse(".story-body p").unwrap()).next().expect("the paragraph");
        let shown: String = p.text().collect();
        prop_assert_eq!(shown, text.split_whitespace().collect::<Vec<_>>().join(" "));
        let nested = p.select(&scraper::Selector::parse("a a").unwrap()).count();
        prop_assert_eq!(nested, 0, "nested link");
        // Every link in the text goes to an actor, and wraps a whole name.
        for a in p.select(&scraper::Selector::parse("a").unwrap()) {
            let name: String = a.text().collect();
            prop_assert!(["Acme", "Acme Group", "O’Neil", "O'Neil"].contains(&name.as_str()), "linked {:?}", name);
        }
    }

    /// The loader and the model never panic, whatever the bytes.
    #[test]
    fn random_bytes_never_panic(yaml in proptest::collection::vec(any::<u8>(), 0..400), md in proptest::collection::vec(any::<u8>(), 0..400), txt in "(.|\n){0,300}") {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "content/site.yaml", &yaml);
        write(dir.path(), "content/actors.yaml", &yaml);
        write(dir.path(), "content/events/e.yaml", &yaml);
        write(dir.path(), "content/articles/m.md", &md);
        write(dir.path(), "content/articles/t.txt", &txt);
        write(dir.path(), "content/articles/t.yaml", &yaml);
        let _ = render(dir.path());
    }

    /// CSV data files and TimelineJS sheets: whatever the cells, the
    /// loader, the model and every message's caret answer, never panic.
    #[test]
    fn random_csv_never_panics(body in "([a-z0-9,;: \n\r<>&*_()\\[\\]/-]|\"|é|\t){0,300}", header in "([a-zA-Z, \"]|\n){0,40}") {
        let dir = tempfile::tempdir().unwrap();
        minimal(dir.path());
        write(dir.path(), "content/actors.csv", format!("id,name,aliases,links,relations,summary\n{body}"));
        write(dir.path(), "content/events/sheet.csv", format!("Year,Month,Day,Headline,Text,Media,Type,Group\n{body}"));
        write(dir.path(), "content/sources.csv", format!("{header}\n{body}"));
        if let Err(diags) = render(dir.path()) {
            let _ = diags.render(false);
        }
    }

    /// Dates: whatever is written, parsing answers and never panics, and a
    /// date that parses keeps the precision it was written with.
    #[test]
    fn date_parsing(s in "[0-9]{1,5}(-[0-9]{1,3}){0,3}") {
        if let Ok(d) = dossier::model::Date::parse(&s) {
            prop_assert_eq!(d.iso(), s.clone());
            prop_assert_eq!(d.precision(), ["year", "month", "day"][s.matches('-').count()]);
        }
    }
}
