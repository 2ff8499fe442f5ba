//! `dossier suggest` (content format 1.1, Command line): possible actors in
//! the articles of an invented investigation, `tests/fixtures/suggest/`.
//!
//! The right answer below was written down from reading the texts, before
//! the code that finds it: which names must be listed, how often, in which
//! articles, with which aliases, and which capitalised words must not be.

use crate::common::*;
use std::path::Path;

/// A record as `suggest` prints it for pasting into `actors.yaml`.
#[derive(serde::Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Record {
    id: String,
    name: String,
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// One possible actor of the right answer.
struct Want {
    name: &'static str,
    id: &'static str,
    count: usize,
    /// Slugs, newest article first (the site's order).
    articles: &'static [&'static str],
    aliases: &'static [&'static str],
}

/// Listed with the default `--min 3`, most often named first, then by name.
const WANT: &[Want] = &[
    // Full name once, "(CFT)" after it, then "The CFT", "the CFT"; and once
    // more in full in another article.
    Want {
        name: "Committee for Fair Tenders",
        id: "committee-for-fair-tenders",
        count: 5,
        articles: &["shares", "tender"],
        aliases: &["CFT"],
    },
    // Full name, then the surname twice (once opening a sentence); in
    // another article the surname alone, in a possessive: no other name
    // was ever seen with it, so it is the same name.
    Want {
        name: "Ilse Varga-Hohl",
        id: "ilse-varga-hohl",
        count: 4,
        articles: &["inquiry", "tender"],
        aliases: &["Varga-Hohl"],
    },
    // After a dateline and "The", "the"; three times in one article, once
    // in another.
    Want {
        name: "Lakeside Water Board",
        id: "lakeside-water-board",
        count: 4,
        articles: &["resigns", "board"],
        aliases: &[],
    },
    Want {
        name: "Pieter Halloran",
        id: "pieter-halloran",
        count: 4,
        articles: &["resigns", "inquiry", "board"],
        aliases: &["Halloran"],
    },
    // One word, opening a sentence once and twice inside one; once more in
    // another article. "Lars Ekdahl of Tellurion" is two names.
    Want {
        name: "Tellurion",
        id: "tellurion",
        count: 4,
        articles: &["resigns", "inquiry"],
        aliases: &[],
    },
    // An initial is part of the name; a possessive is not.
    Want {
        name: "Anna K. Brandt",
        id: "anna-k-brandt",
        count: 3,
        articles: &["board"],
        aliases: &["Brandt"],
    },
    // "De Wit" opening a sentence and "de Wit" inside one are the one
    // short form.
    Want {
        name: "Jonas de Wit",
        id: "jonas-de-wit",
        count: 3,
        articles: &["board"],
        aliases: &["de Wit"],
    },
    // Not the actor Marta Kellner, though it contains her alias: listed,
    // with her as the nearest actor.
    Want {
        name: "Martha Kellner",
        id: "martha-kellner",
        count: 3,
        articles: &["shares"],
        aliases: &[],
    },
    // An organisation written in capitals, once opening a sentence.
    Want {
        name: "ORKA",
        id: "orka",
        count: 3,
        articles: &["inquiry"],
        aliases: &[],
    },
    // "Tomás Reyes" without its accent is another name (the actor's id is
    // taken, so the record gets its own), with that actor as the nearest.
    Want {
        name: "Tomas Reyes",
        id: "tomas-reyes-2",
        count: 3,
        articles: &["resigns"],
        aliases: &[],
    },
];

/// Capitalised words that occur three times or more in the articles and
/// must never be listed, with why.
const NEVER: &[&str] = &[
    "The",
    "However",
    "Asked", // only opening sentences
    "March",
    "Friday",    // months and weekdays
    "President", // a title alone
    "Dutch",
    "German", // nationalities
    "What",
    "Documents",
    "Show",      // in headings only
    "Zentrix",   // in code, a URL, an e-mail address and a domain only
    "Lena Fisk", // a byline
    "ROME",      // a dateline
    "AFP",       // a news agency
    "Kellner",
    "Brightwater",
    "Marta Kellner", // an actor's names
    "Gazette",
    "NWR",         // a source's aliases
    "Reyes",       // after the actor Tomás Reyes: a possible alias, not an actor
    "Lars Ekdahl", // twice only
    "Orla Quist",  // only in a draft
];

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("suggest"), dir.path());
    dir
}

fn suggest(root: &Path, args: &[&str]) -> String {
    let mut all = vec!["suggest"];
    all.extend_from_slice(args);
    let o = dossier_in(root, &all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

fn records(out: &str) -> Vec<Record> {
    // The whole output is one YAML list: comments and records.
    let parsed: Option<Vec<Record>> = serde_saphyr::from_str(out)
        .unwrap_or_else(|e| panic!("suggest printed no valid YAML: {e}\n{out}"));
    parsed.unwrap_or_default()
}

/// The comment lines about one possible actor: from its heading to its record.
fn about<'a>(out: &'a str, name: &str) -> &'a str {
    let head = format!("# {name}: ");
    let at = out
        .find(&head)
        .unwrap_or_else(|| panic!("no heading for {name}:\n{out}"));
    let rest = &out[at..];
    &rest[..rest.find("\n- id:").unwrap_or(rest.len())]
}

#[test]
fn lists_the_names_the_texts_give_that_have_no_record() {
    let dir = fixture();
    let out = suggest(dir.path(), &[]);
    let got = records(&out);
    let want: Vec<Record> = WANT
        .iter()
        .map(|w| Record {
            id: w.id.into(),
            name: w.name.into(),
            kind: "other".into(),
            aliases: w.aliases.iter().map(|a| a.to_string()).collect(),
        })
        .collect();
    assert_eq!(got, want, "{out}");
    for w in WANT {
        let text = about(&out, w.name);
        let n = w.articles.len();
        let heading = format!(
            "# {}: {} times in {n} article{}: {}",
            w.name,
            w.count,
            if n == 1 { "" } else { "s" },
            w.articles.join(", ")
        );
        assert!(text.starts_with(&heading), "{heading}\n---\n{text}");
    }
    for never in NEVER {
        assert!(
            !got.iter()
                .any(|r| r.name == *never || r.aliases.iter().any(|a| a == never)),
            "{never} must not be listed:\n{out}"
        );
    }
}

#[test]
fn each_comes_with_its_first_sentence_and_nearest_actor() {
    let dir = fixture();
    let out = suggest(dir.path(), &[]);
    // The first sentence is from the oldest article naming it.
    for (name, sentence, slug) in [
        (
            "Ilse Varga-Hohl",
            "Energy minister Ilse Varga-Hohl signed the contract on a Friday in March.",
            "tender",
        ),
        (
            "Pieter Halloran",
            "Pieter Halloran, who chairs the Lakeside Water Board, said the board had followed the rules.",
            "board",
        ),
        (
            "Anna K. Brandt",
            // Markdown prints a typographic apostrophe, as the page shows it.
            "The President of the board, Anna K. Brandt, asked Brandt’s deputy to review them.",
            "board",
        ),
        (
            "Committee for Fair Tenders",
            "The Committee for Fair Tenders (CFT) asked for the files on Friday.",
            "tender",
        ),
    ] {
        let line = format!("# First: “{sentence}” ({slug})");
        assert!(about(&out, name).contains(&line), "{line}\n---\n{out}");
    }
    // Variants of existing actors say so.
    assert!(
        about(&out, "Martha Kellner").contains("actor marta-kellner (Marta Kellner)"),
        "{out}"
    );
    assert!(
        about(&out, "Tomas Reyes").contains("actor tomas-reyes (Tomás Reyes)"),
        "{out}"
    );
    assert!(
        !about(&out, "Tellurion").contains("actor "),
        "no actor is near Tellurion:\n{out}"
    );
    // A short form written after an actor's full name is a possible alias
    // of that actor, not a possible actor.
    let aliases = &out[out.find("# Possible aliases").expect(&out)..];
    assert!(
        aliases.contains("# Reyes: 3 times in 2 articles: shares, tender")
            && aliases.contains("actor tomas-reyes (Tomás Reyes)"),
        "{aliases}"
    );
}

#[test]
fn min_and_drafts() {
    let dir = fixture();
    let names = |args: &[&str]| -> Vec<String> {
        records(&suggest(dir.path(), args))
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    let default: Vec<String> = WANT.iter().map(|w| w.name.to_string()).collect();
    let mut two = default.clone();
    two.push("Lars Ekdahl".into());
    assert_eq!(names(&["--min", "2"]), two);
    let ekdahl = records(&suggest(dir.path(), &["--min", "2"]))
        .pop()
        .unwrap();
    assert_eq!(ekdahl.aliases, ["Ekdahl"]);
    let mut drafts = default.clone();
    drafts.insert(9, "Orla Quist".into()); // 3 times, after "ORKA"
    assert_eq!(names(&["--drafts"]), drafts);
    assert_eq!(names(&["--min", "5"]), ["Committee for Fair Tenders"]);
    assert!(names(&["--min", "6"]).is_empty());
    let none = suggest(dir.path(), &["--min", "6"]);
    assert!(none.starts_with("# No possible actors"), "{none}");
}

#[test]
fn the_output_pasted_into_actors_is_a_valid_investigation_that_suggests_nothing_more() {
    let dir = fixture();
    let out = suggest(dir.path(), &[]);
    std::fs::create_dir_all(dir.path().join("content/actors")).unwrap();
    std::fs::rename(
        dir.path().join("content/actors.yaml"),
        dir.path().join("content/actors/known.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("content/actors/suggested.yaml"), &out).unwrap();
    let check = dossier_in(dir.path(), &["check"]);
    assert!(check.status.success(), "{}\n{out}", stderr(&check));
    let again = suggest(dir.path(), &[]);
    assert!(records(&again).is_empty(), "{again}");
}

#[test]
fn usage_and_content_errors() {
    let dir = fixture();
    for bad in [&["--min", "0"][..], &["--min", "x"], &["--nope"]] {
        let mut args = vec!["suggest"];
        args.extend_from_slice(bad);
        let o = dossier_in(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", stderr(&o));
    }
    // It reads the investigation as `build` does, and refuses a broken one.
    std::fs::write(
        dir.path().join("content/sources.yaml"),
        "- id: Bad Id\n  name: X\n",
    )
    .unwrap();
    let o = dossier_in(dir.path(), &["suggest"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/sources.yaml:1:7"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn the_example_investigation() {
    let dir = example();
    let out = suggest(dir.path(), &[]);
    assert!(records(&out).is_empty(), "{out}");
}

#[test]
fn pathological_text_is_read_in_linear_time() {
    // One paragraph of 4 MB: thousands of names, URLs and code spans
    // interleaved, a run of 100,000 capitalised words, a word opening
    // 50,000 sentences. A guard, not a timing: the benchmark times.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("articles")).unwrap();
    std::fs::write(content.join("site.yaml"), "title: Long\n").unwrap();
    let mut text = String::new();
    for i in 0..20_000 {
        text += &format!(
            "Pieter Halloran{i} said `Code{i}` to https://x.example/Y{i} and Tellurion (TLR). "
        );
    }
    for i in 0..100_000 {
        text += &format!("Alpha{} ", i % 7);
    }
    text += ". ";
    text += &"Dredging is dredging. ".repeat(50_000);
    std::fs::write(
        content.join("articles/long.md"),
        format!("---\ntitle: Long\ndate: 2020\n---\n{text}\n"),
    )
    .unwrap();
    let start = std::time::Instant::now();
    let out = suggest(dir.path(), &[]);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(120),
        "{:?}",
        start.elapsed()
    );
    let names: Vec<String> = records(&out).into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["Tellurion"], "{}", &out[..out.len().min(2000)]);
}

#[test]
fn check_and_build_count_the_possible_actors_in_one_warning() {
    let inv = fixture();
    // The output folder inside the investigation's temporary folder: a
    // relative `--out` would be taken from the test's working directory.
    let out = inv.path().join("site");
    let out = out.to_str().unwrap();
    for cmd in [&["check"][..], &["build", "--out", out][..]] {
        let o = dossier_in(inv.path(), cmd);
        assert!(o.status.success(), "{}", stderr(&o));
        let err = stderr(&o);
        let warnings: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ")).collect();
        assert_eq!(
            warnings,
            [
                "content/articles: warning: 10 names in the articles look like actors' and are no actor's, source's or alias"
            ],
            "{err}"
        );
        assert!(
            err.contains("= hint: `dossier suggest` lists them"),
            "{err}"
        );
        assert!(
            stdout(&o).trim_end().ends_with("; 1 warning"),
            "{}",
            stdout(&o)
        );
    }
    let o = dossier_in(inv.path(), &["check", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

/// The possible-actors count of the warning `dossier serve` shows, after
/// each edit, as a fresh `check` would give it: the preview reads again
/// only the articles that changed, and every article when a name did.
#[test]
fn the_preview_counts_possible_actors_as_a_fresh_check_after_each_edit() {
    let inv = fixture();
    let root = inv.path();
    let options = dossier::BuildOptions::default();
    let mut cache = dossier::Cache::default();
    let count = |inv: &dossier::Investigation| -> Vec<String> {
        inv.warnings()
            .iter()
            .map(|d| d.message.clone())
            .filter(|m| m.contains("look like"))
            .collect()
    };
    let mut kept = |root: &Path| {
        let mut t = dossier::Timings::default();
        count(&dossier::prepare_with(root, &options, &mut t, &mut cache).expect("valid"))
    };
    let fresh = |root: &Path| {
        let mut t = dossier::Timings::default();
        count(&dossier::prepare(root, &options, &mut t).expect("valid"))
    };
    let first = kept(root);
    assert_eq!(first, fresh(root));
    assert!(first[0].starts_with("10 names"), "{first:?}");
    // A new article names a new person three times.
    std::fs::write(
        root.join("content/articles/new.md"),
        "---\ntitle: A new name\ndate: 2023-05-01\n---\nIngrid Solberg signed it. Ingrid Solberg said so, and Ingrid Solberg left.\n",
    )
    .unwrap();
    let edited = kept(root);
    assert_eq!(edited, fresh(root));
    assert!(edited[0].starts_with("11 names"), "{edited:?}");
    // She gets a record: every article is read again against the new name.
    let actors = root.join("content/actors.yaml");
    let mut yaml = std::fs::read_to_string(&actors).unwrap();
    yaml.push_str("- id: ingrid-solberg\n  name: Ingrid Solberg\n  kind: person\n");
    std::fs::write(&actors, yaml).unwrap();
    let named = kept(root);
    assert_eq!(named, fresh(root));
    assert!(named[0].starts_with("10 names"), "{named:?}");
}

/// An article whose file changed after the model was built was read as an
/// empty text, without a word: `dossier suggest` listed, and `check`
/// counted, the names of every other article as if it held none. Its
/// error comes back instead (and `check`, which renders no page that
/// would say it, fails with it).
#[test]
fn an_article_saved_while_names_are_read_is_an_error() {
    let inv = investigation(None);
    let file = inv.path().join("content/articles/first-story.md");
    let loaded = dossier::load::load(inv.path()).unwrap();
    let site = dossier::model::build(&loaded, &dossier::BuildOptions::default())
        .expect("it builds as loaded");
    assert!(dossier::suggest::suggest(&site, 1).unread.is_empty());
    assert!(dossier::suggest::possible_actors(&site, 1).is_ok());

    let text = read(&file);
    std::fs::write(&file, format!("{text}\nA paragraph added meanwhile.\n")).unwrap();
    let unread = dossier::suggest::suggest(&site, 1).unread;
    let said: Vec<(&str, &str)> = unread
        .iter()
        .map(|d| (d.path.as_ref(), d.message.as_ref()))
        .collect();
    assert_eq!(
        said,
        [(
            "content/articles/first-story.md",
            "this file changed (or went) while dossier was reading it"
        )]
    );
    let err = dossier::suggest::possible_actors(&site, 1).expect_err("one text is unread");
    assert_eq!(err.len(), 1);
}

/// A run stopped by an error that leaves the names whole (one in an
/// event) still counts the possible actors; one stopped by an error among
/// the actors (one that failed would count as a possible actor), in an
/// article (a surname alone counts under the full name another article
/// gives) or in `site.yaml` (its boilerplate is not read) does not.
#[test]
fn possible_actors_are_counted_beside_errors_that_leave_the_names_whole() {
    let inv = fixture();
    let warning = "content/articles: warning: 10 names in the articles look like actors' and are no actor's, source's or alias";
    let events = inv.path().join("content/events.yaml");
    std::fs::write(
        &events,
        "- id: hearing\n  date: \"2023-02-30\"\n  title: The hearing\n",
    )
    .unwrap();
    for (cmd, err) in check_and_build_fail(inv.path()) {
        assert!(err.contains("content/events.yaml:2:"), "{err}");
        let warnings: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ")).collect();
        assert_eq!(warnings, [warning], "{cmd}: {err}");
        assert!(err.contains("1 error and 1 warning found"), "{err}");
    }
    std::fs::remove_file(&events).unwrap();
    let site = inv.path().join("content/site.yaml");
    let settings = read(&site);
    let broken = [
        (
            "content/articles/broken.md",
            "---\ntitle: Broken\ndate: 2023-02-30\n---\nText of a broken article that nobody can read today.\n",
            "is not a real date",
        ),
        (
            "content/site.yaml",
            &*format!("{settings}boilerplates: [x]\n"),
            "boilerplates",
        ),
        (
            "content/actors.yaml",
            &*format!(
                "{}- id: lakeside-water-board\n  name: Lakeside Water Board\n  kind: goverment\n",
                read(&inv.path().join("content/actors.yaml"))
            ),
            "`goverment` is not a valid actor kind",
        ),
    ];
    for (path, text, error) in broken {
        let file = inv.path().join(path);
        let before = std::fs::read(&file).ok();
        std::fs::write(&file, text).unwrap();
        let err = check_fails(inv.path());
        assert!(err.contains(error), "{path}: {err}");
        assert!(!err.contains("look like actors'"), "{path}: {err}");
        // One error, and the configuration kept (the cover page's title
        // would otherwise be missing as well).
        assert!(err.contains("\n1 error found"), "{path}: {err}");
        match before {
            Some(b) => std::fs::write(&file, b).unwrap(),
            None => std::fs::remove_file(&file).unwrap(),
        }
    }
}

/// `build` counts the possible actors after validation, beside linking; a
/// template error stops it before, and the count still comes with it, as
/// `check` gives it.
#[test]
fn a_template_error_comes_with_the_possible_actors() {
    let inv = fixture();
    copy_dir(&fixtures().join("bad-template-syntax"), inv.path());
    for (cmd, err) in check_and_build_fail(inv.path()) {
        assert!(err.contains("templates/articles.html:3:"), "{err}");
        assert!(
            err.contains("warning: 10 names in the articles look like actors'"),
            "{cmd}: {err}"
        );
        assert!(err.contains("1 error and 1 warning found"), "{err}");
    }
}
