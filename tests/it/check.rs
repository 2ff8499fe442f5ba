//! `dossier check` and `dossier build` on broken investigations: every
//! class of bad input gives `path:line:column: error: message`, exit 1, and
//! writes nothing.

use crate::common::*;

/// Runs check and build on the base fixture with `overlay`, and asserts
/// that each expected `(location, message fragment)` is reported.
pub(crate) fn assert_reports(overlay: &str, expected: &[(&str, &str)]) {
    let inv = investigation(Some(&format!("bad/{overlay}")));
    let root = inv.path();
    // An existing site written by dossier must survive a failed build.
    build_ok_before(root);
    let before = snapshot(&root.join("public"));
    let mut said = Vec::new();
    for cmd in ["check", "build"] {
        let o = dossier_in(root, &[cmd]);
        let err = stderr(&o);
        said.push(err.clone());
        assert_eq!(
            o.status.code(),
            Some(1),
            "{cmd} {overlay}: expected exit 1\n{err}"
        );
        for (location, message) in expected {
            let line = err
                .lines()
                .find(|l| l.starts_with(&format!("{location}: error: ")))
                .unwrap_or_else(|| panic!("{cmd} {overlay}: no error at {location}\n{err}"));
            assert!(
                line.contains(message),
                "{cmd} {overlay}: {line:?} does not say {message:?}"
            );
        }
        assert!(stdout(&o).is_empty(), "{cmd} printed to stdout on failure");
    }
    // check finds exactly what build finds, though it renders nothing.
    assert_eq!(said[0], said[1], "{overlay}: check and build disagree");
    assert_eq!(
        snapshot(&root.join("public")),
        before,
        "{overlay}: the old site changed"
    );
    let strays: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !strays
            .iter()
            .any(|n| n.to_string_lossy().contains("dossier-")),
        "staging left behind: {strays:?}"
    );
}

/// Writes a site (from the base fixture) so that failed builds can be
/// checked against it.
fn build_ok_before(root: &std::path::Path) {
    let clean = investigation(None);
    let out = dossier(&[
        "build",
        "--root",
        clean.path().to_str().unwrap(),
        "--out",
        root.join("public").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn unknown_field_suggests_the_right_one() {
    assert_reports(
        "unknown-field",
        &[(
            "content/actors/people/jane.yml:4:1",
            "unknown field `rol` in an actor",
        )],
    );
    let inv = investigation(Some("bad/unknown-field"));
    let err = stderr(&dossier_in(inv.path(), &["check"]));
    assert!(err.contains("hint: did you mean `role`?"), "{err}");
    assert!(err.contains("4 | rol: Chief executive"), "{err}");
}

#[test]
fn missing_required_field() {
    assert_reports(
        "missing-field",
        &[(
            "content/events/extra.yaml:1:3",
            "missing the required field `title`",
        )],
    );
}

#[test]
fn enum_values_list_the_allowed_ones() {
    assert_reports(
        "bad-enum",
        &[(
            "content/events/extra.yaml:4:11",
            "allowed: confirmed, reported, alleged, disputed, denied",
        )],
    );
}

#[test]
fn ids_of_the_wrong_form() {
    assert_reports(
        "bad-id",
        &[(
            "content/sources/extra.yaml:1:5",
            "`The_Times` is not a valid source id",
        )],
    );
}

#[test]
fn duplicate_ids_name_both_places() {
    assert_reports(
        "duplicate-id",
        &[(
            "content/actors/people/again.yaml:2:5",
            "already defined at content/actors.yaml:14",
        )],
    );
}

#[test]
fn unknown_references_with_suggestions() {
    assert_reports(
        "unknown-reference",
        &[
            (
                "content/events/extra.yaml:4:12",
                "unknown actor `jane-roes`",
            ),
            (
                "content/events/extra.yaml:5:13",
                "unknown source `harbour-gazete`",
            ),
            (
                "content/events/extra.yaml:6:14",
                "unknown article `no-such-story`",
            ),
        ],
    );
    let inv = investigation(Some("bad/unknown-reference"));
    let err = stderr(&dossier_in(inv.path(), &["check"]));
    assert!(err.contains("did you mean `harbour-gazette`?"), "{err}");
    // The base fixture's credit line names a paper that is no source: a
    // warning, counted apart from the errors.
    assert!(
        err.contains("3 errors and 1 warning found"),
        "all problems in one run: {err}"
    );
}

#[test]
fn unknown_relation_target() {
    assert_reports(
        "unknown-relation",
        &[(
            "content/actors/people/bob.yaml:4:12",
            "unknown actor `acme-shiping` in a relation",
        )],
    );
}

#[test]
fn impossible_dates() {
    assert_reports(
        "impossible-date",
        &[(
            "content/events/extra.yaml:2:9",
            "February 2021 has no day 30",
        )],
    );
}

/// What `check` says on the base investigation with one more file, `rel`
/// (from the investigation's folder), holding `text`.
fn check_with(rel: &str, text: &str) -> String {
    let dir = investigation(None);
    std::fs::write(dir.path().join(rel), text).unwrap();
    stderr(&dossier_in(dir.path(), &["check"]))
}

/// A field given twice in an article's front matter named, as where it
/// was first given, its line in the front matter's YAML ("first on line
/// 2", the `title`), not in the file, one line lower.
#[test]
fn a_field_given_twice_in_front_matter_names_the_first_line_of_the_file() {
    let err = check_with(
        "content/articles/twice.md",
        "---\ntitle: Twice dated\ndate: 2021-05-01\ndate: 2021-05-02\n---\nSome text long enough to be read as the summary of this short piece.\n",
    );
    assert_eq!(
        error_lines(&err),
        [
            "content/articles/twice.md:4:1: error: `date` is given twice in this record (first on line 3)"
        ],
        "{err}"
    );
}

/// A range that ends in the month (or year) it starts in, written at a
/// coarser precision, ends no earlier than it starts: "10 May 2021 to May
/// 2021" was "the event ends (2021-05) before it starts (2021-05-10)".
#[test]
fn a_range_ending_in_its_starting_month_is_not_backwards() {
    let err = check_with(
        "content/events/months.yaml",
        "- id: in-may\n  date: 2021-05-10\n  end: 2021-05\n  title: Through May\n\
         - id: in-2021\n  date: 2021-05\n  end: 2021\n  title: Through 2021\n\
         - id: before-may\n  date: 2021-05-10\n  end: 2021-04\n  title: Backwards\n",
    );
    assert_eq!(
        error_lines(&err),
        [
            "content/events/months.yaml:11:8: error: the event ends (2021-04) before it starts (2021-05-10)"
        ],
        "{err}"
    );
}

#[test]
fn ranges_that_end_before_they_start() {
    assert_reports(
        "range-backwards",
        &[(
            "content/events/extra.yaml:3:8",
            "ends (2020) before it starts (2021-06)",
        )],
    );
}

#[test]
fn a_name_shared_by_two_actors() {
    assert_reports(
        "shared-alias",
        &[(
            "content/actors/people/other.yaml:3:11",
            "`Roe` already belongs to another actor (at content/actors/people/jane.yml:6)",
        )],
    );
}

#[test]
fn non_utf8_files() {
    assert_reports(
        "non-utf8",
        &[("content/sources/latin1.yaml:2:10", "not valid UTF-8")],
    );
}

#[test]
fn front_matter_never_closed() {
    assert_reports(
        "unclosed-front-matter",
        &[(
            "content/articles/open.md:1:1",
            "front matter opened here is never closed",
        )],
    );
}

#[test]
fn markdown_without_front_matter() {
    assert_reports(
        "md-without-front-matter",
        &[("content/articles/plain.md:1:1", "starts with front matter")],
    );
}

#[test]
fn stray_files_among_articles() {
    assert_reports(
        "stray-file",
        &[(
            "content/articles/notes.docx",
            "stray file among the articles",
        )],
    );
}

#[test]
fn unknown_theme() {
    assert_reports(
        "unknown-theme",
        &[("content/site.yaml", "unknown theme `steampunk-hart`")],
    );
}

#[test]
fn two_articles_with_one_slug() {
    assert_reports(
        "duplicate-slug",
        &[(
            "content/articles/first_story.md",
            "two articles have the slug `first-story`, both from their files' names: this one and content/articles/first-story.md",
        )],
    );
}

/// The message stands at the `slug:` line that made the clash, whichever
/// of the two articles comes first (content order is path order).
#[test]
fn two_articles_with_one_slug_one_of_them_given() {
    // Given by the later file: `first-story.md` is built first.
    assert_reports(
        "duplicate-slug-given",
        &[(
            "content/articles/later.md:4:7",
            "two articles have the slug `first-story`: this one and content/articles/first-story.md (named from its file)",
        )],
    );
    // Given by the earlier file, taking the later one's name.
    assert_reports(
        "duplicate-slug-taken",
        &[(
            "content/articles/a-note.md:4:7",
            "two articles have the slug `first-story`: this one and content/articles/first-story.md (named from its file)",
        )],
    );
}

#[test]
fn forbidden_link_schemes() {
    assert_reports(
        "forbidden-scheme",
        &[
            (
                "content/articles/evil.md:7:7",
                "`javascript:` is not allowed",
            ),
            (
                "content/articles/evil.md:7:38",
                "`javascript:` is not allowed",
            ),
            ("content/sources/evil.yaml:3:6", "`data:` is not allowed"),
        ],
    );
}

#[test]
fn links_into_the_site_that_lead_nowhere() {
    assert_reports(
        "bad-links",
        &[
            (
                "content/articles/bad-links.md:4:8",
                "the tag `!!!` has no letter or digit",
            ),
            (
                "content/articles/bad-links.md:6:5",
                "unknown actor `jane-ro` in the link `actor:jane-ro`",
            ),
            (
                "content/articles/bad-links.md:6:32",
                "unknown event `contract-award`",
            ),
            ("content/articles/bad-links.md:7:3", "unknown tag `harbor`"),
            (
                "content/articles/bad-links.md:7:25",
                "unknown statement `x` in the link `statement:x`",
            ),
            (
                "content/articles/bad-links.md:7:55",
                "did you mean `actor:`?",
            ),
            (
                "content/articles/bad-links.md:8:5",
                "`files/dok.txt` names no file of the built site",
            ),
            (
                "content/articles/bad-links.md:8:31",
                "`../../files/doc.txt` leaves the site root",
            ),
            (
                "content/articles/bad-links.md:8:61",
                "an image shows a file",
            ),
            (
                "content/articles/bad-links.md:9:3",
                "`articles/first-story` names no file",
            ),
            ("content/articles/bad-links.md:9:38", "has a `#…` part"),
            (
                "content/sources/bad-url.yaml:3:6",
                "`files/nope.txt` names no file",
            ),
        ],
    );
}

#[test]
fn yaml_syntax_errors() {
    assert_reports(
        "yaml-syntax",
        &[(
            "content/sources/broken.yaml:2:7",
            "this quoted value is never closed",
        )],
    );
}

#[test]
fn wrong_types_say_what_to_write() {
    assert_reports(
        "wrong-type",
        &[("content/events/extra.yaml:4:11", "expected a list here")],
    );
}

#[test]
fn empty_site_yaml() {
    assert_reports(
        "no-site",
        &[("content/site.yaml", "needs at least a `title`")],
    );
}

#[test]
fn wire_copy_without_a_date() {
    assert_reports(
        "txt-without-date",
        &[(
            "content/articles/nodate.txt",
            "needs a sidecar with its `date`",
        )],
    );
}

#[test]
fn unknown_entries_in_content() {
    assert_reports(
        "unknown-top-level",
        &[("content/actor.yaml", "not part of the content format")],
    );
}

#[test]
fn alias_bombs_are_stopped() {
    let start = std::time::Instant::now();
    assert_reports(
        "alias-bomb",
        &[(
            "content/sources/bomb.yaml:6:8",
            "the alias replay limit is 100,000",
        )],
    );
    // A generous guard so that a regression fails instead of hanging.
    assert!(start.elapsed().as_secs() < 60);
}

#[test]
fn absurd_nesting_is_stopped() {
    assert_reports(
        "deep-nesting",
        &[(
            "content/events/deep.yaml:1:256",
            "the nesting limit is 32 levels",
        )],
    );
}

#[test]
fn check_writes_nothing_and_summarises() {
    let inv = investigation(None);
    let before = snapshot(inv.path());
    let o = dossier_in(inv.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The warning (an unresolved credit name) is printed and counted.
    assert_eq!(
        stdout(&o).trim(),
        "ok: 2 articles, 4 actors, 3 events, 2 sources, 2 statements; 1 warning"
    );
    assert!(
        stderr(&o).starts_with(
            "content/articles/wire/Wire Story.txt:10:18: warning: the credit line names `Unknown Daily`"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(inv.path()), before);
}

#[test]
fn the_example_checks() {
    let o = dossier(&["check", "--root", env!("CARGO_MANIFEST_DIR")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok: 1 article, "), "{}", stdout(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(dossier(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(dossier(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(dossier(&[]).status.code(), Some(2));
}

#[test]
fn missing_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("there is no `content/` folder here"),
        "{}",
        stderr(&o)
    );
    // Given with --root, the folder is named: a typo shows itself.
    let missing = dir.path().join("invesitgation");
    let o = dossier(&["check", "--root", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let named = format!("there is no folder `{}`", missing.display());
    assert!(stderr(&o).contains(&named), "{}", stderr(&o));
    let o = dossier(&["check", "--root", dir.path().to_str().unwrap()]);
    let named = format!(
        "there is no `content/` folder in `{}`",
        dir.path().display()
    );
    assert!(stderr(&o).contains(&named), "{}", stderr(&o));
}

#[test]
fn drafts_are_built_only_on_request() {
    let inv = investigation(None);
    std::fs::write(
        inv.path().join("content/articles/draft.md"),
        "---\ntitle: Not yet\ndate: 2020-01-01\ndraft: true\n---\nSecret.\n",
    )
    .unwrap();
    assert!(stdout(&dossier_in(inv.path(), &["check"])).contains("2 articles"));
    assert!(stdout(&dossier_in(inv.path(), &["check", "--drafts"])).contains("3 articles"));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_and_loops_are_refused() {
    let inv = investigation(None);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.yaml"),
        "id: secret\nname: Secret\n",
    )
    .unwrap();
    std::fs::create_dir_all(inv.path().join("content/sources")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        inv.path().join("content/sources/leak.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        inv.path().join("content/events"),
        inv.path().join("content/events/loop"),
    )
    .unwrap();
    let o = dossier_in(inv.path(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/sources/leak.yaml: error: symbolic link to a place outside"),
        "{err}"
    );
    assert!(
        err.contains("content/events/loop: error: symbolic link loop"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_theme_folder_linked_from_outside_the_root_is_refused() {
    // The links were looked for below the theme's folder only: a theme
    // folder that was itself a link, or below one, was read and its
    // files published.
    let outside = tempfile::tempdir().unwrap();
    let theme = outside.path().join("themes/mine");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::write(theme.join("static/private.txt"), "PRIVATE").unwrap();
    for (link, target, named) in [
        ("themes/mine", theme.clone(), "themes/mine"),
        ("themes", outside.path().join("themes"), "themes"),
    ] {
        let inv = investigation(None);
        let root = inv.path();
        let site = root.join("content/site.yaml");
        std::fs::write(&site, format!("{}theme: mine\n", read(&site))).unwrap();
        let link = root.join(link);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let o = dossier_in(root, &["build"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        let refused =
            format!("{named}: error: symbolic link to a place outside the investigation's folder");
        assert_eq!(err.lines().filter(|l| *l == refused).count(), 1, "{err}");
        assert!(err.contains("\n1 error and "), "counted once: {err}");
        assert!(!root.join("public").exists());
    }
}

#[cfg(unix)]
#[test]
fn theme_files_linked_from_outside_the_root_are_refused() {
    let inv = investigation(None);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("id_rsa"), "PRIVATE KEY").unwrap();
    let static_dir = inv.path().join("themes/steampunk-heart/static");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::os::unix::fs::symlink(outside.path().join("id_rsa"), static_dir.join("key.txt")).unwrap();
    let templates = inv.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::os::unix::fs::symlink(outside.path(), templates.join("shared")).unwrap();
    let public = inv.path().join("public");
    let o = dossier_in(inv.path(), &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "themes/steampunk-heart/static/key.txt: error: symbolic link to a place outside"
        ),
        "{err}"
    );
    assert!(
        err.contains("templates/shared: error: symbolic link to a place outside"),
        "{err}"
    );
    assert!(!public.exists());
    // A link that stays inside the investigation is fine.
    std::fs::remove_file(static_dir.join("key.txt")).unwrap();
    std::fs::remove_file(templates.join("shared")).unwrap();
    std::fs::write(inv.path().join("notes.txt"), "inside").unwrap();
    std::os::unix::fs::symlink(inv.path().join("notes.txt"), static_dir.join("notes.txt")).unwrap();
    let o = dossier_in(inv.path(), &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&public.join("notes.txt")), "inside");
}

#[test]
fn messages_are_sorted_by_file_and_line() {
    let inv = investigation(Some("bad/unknown-reference"));
    copy_dir(&fixtures().join("bad/bad-id"), inv.path());
    let err = stderr(&dossier_in(inv.path(), &["check"]));
    let heads = error_lines(&err);
    let mut sorted = heads.clone();
    sorted.sort_by_key(|l| {
        let loc = l.split(": error: ").next().unwrap();
        let parts: Vec<&str> = loc.split(':').collect();
        (
            parts[0].to_owned(),
            parts
                .get(1)
                .and_then(|n| n.parse::<u32>().ok())
                .unwrap_or(0),
        )
    });
    assert_eq!(heads, sorted);
    assert_eq!(heads.len(), 4, "{err}");
}

/// A draft left out (no `--drafts`) is on no list and in no feed, but was
/// warned about as having no summary "on lists, in the feed": said only
/// when drafts are built.
#[test]
fn a_draft_left_out_is_not_warned_about_its_summary() {
    let dir = investigation(None);
    std::fs::write(
        dir.path().join("content/articles/stub.md"),
        "---\ntitle: Stub\ndate: 2021-01-01\ndraft: true\n---\nTo write.\n",
    )
    .unwrap();
    let summary = |args: &[&str]| {
        let o = dossier_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stderr(&o)
            .lines()
            .any(|l| l.starts_with("content/articles/stub.md:2:1: warning: no paragraph of this article reads as a summary"))
    };
    assert!(!summary(&["check"]));
    assert!(summary(&["check", "--drafts"]));
}
