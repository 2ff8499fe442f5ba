//! The parse cache `dossier serve` loads through: whatever happened to the
//! files, a cached load gives exactly what a fresh load gives (records,
//! their order, diagnostics), and it parses again only what changed.

use crate::common::*;
use dossier::load::{self, Cache};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Everything a load returns, in a comparable form.
fn shown(result: &Result<load::Loaded, dossier::Diagnostics>) -> String {
    format!("{result:#?}")
}

/// Loads `root` fresh and through `cache` (giving the records back, as
/// `serve` does), checks that both agree and returns how many entries the
/// cached load parsed.
fn same(root: &Path, cache: &mut Cache) -> usize {
    let fresh = load::load_holding_texts(root);
    let cached = load::load_with(root, cache);
    assert_eq!(shown(&fresh), shown(&cached));
    if let Ok(loaded) = cached {
        cache.give_back(loaded);
    }
    cache.reparsed()
}

/// Sets every file's and folder's modification time an hour back, so that
/// the cache trusts it (a file modified within the last two seconds is
/// always parsed again, a folder walked again).
fn age(root: &Path) {
    for entry in walkdir::WalkDir::new(root.join("content")).contents_first(true) {
        set_mtime(entry.unwrap().path(), an_hour_ago());
    }
}

fn an_hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

fn set_mtime(path: &Path, time: SystemTime) {
    // A folder cannot be opened for writing; its owner may set its times
    // through any handle.
    let file = if path.is_dir() {
        std::fs::File::open(path)
    } else {
        std::fs::File::options().write(true).open(path)
    };
    file.unwrap().set_modified(time).unwrap();
}

/// Writes a file below `content/`, as of now.
fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join("content").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Writes a file below `content/` modified an hour ago.
fn write_old(root: &Path, rel: &str, text: &str) {
    write(root, rel, text);
    set_mtime(&root.join("content").join(rel), an_hour_ago());
}

fn article(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2021-07-20\n---\n\n{body}\n")
}

#[test]
fn a_cached_load_is_a_fresh_load() {
    let dir = example();
    let root = dir.path();
    write(
        root,
        "articles/one.md",
        &article("One", "Emmanuel Macron called."),
    );
    write(
        root,
        "articles/two.md",
        &article("Two", "NSO Group answered."),
    );
    write(root, "static/note.txt", "a note\n");
    age(root);
    let mut cache = Cache::new();
    let all = same(root, &mut cache);
    assert!(all > 10, "{all}");

    // Nothing changed: nothing is parsed.
    assert_eq!(same(root, &mut cache), 0);

    // An edit (just now: parsed until it is old enough to trust).
    write(
        root,
        "articles/one.md",
        &article("One", "Emmanuel Macron called again."),
    );
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(same(root, &mut cache), 1);
    set_mtime(&root.join("content/articles/one.md"), an_hour_ago());
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(same(root, &mut cache), 0);

    // Same length, modification time put back: another inode change time.
    std::thread::sleep(Duration::from_millis(20));
    let path = root.join("content/articles/one.md");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    write(
        root,
        "articles/one.md",
        &article("One", "Emmanuel Macron phoned again."),
    );
    set_mtime(&path, before);
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(same(root, &mut cache), 0);

    // An added article, then a deleted one.
    write_old(
        root,
        "articles/three.md",
        &article("Three", "Naftali Bennett replied."),
    );
    assert_eq!(same(root, &mut cache), 1);
    std::fs::remove_file(root.join("content/articles/two.md")).unwrap();
    assert_eq!(same(root, &mut cache), 0);

    // A rename: the same file under another name is another entry.
    std::fs::rename(
        root.join("content/articles/three.md"),
        root.join("content/articles/a-three.md"),
    )
    .unwrap();
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(same(root, &mut cache), 0);

    // The sidecar of the wire copy changes: its article is parsed again.
    let sidecar = "articles/macron-called-bennett-nso.yaml";
    let text = std::fs::read_to_string(root.join("content").join(sidecar)).unwrap();
    write_old(
        root,
        sidecar,
        &text.replace("TOI staff and AFP", "TOI staff, AFP"),
    );
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(same(root, &mut cache), 0);
    // Removed, then put back.
    std::fs::remove_file(root.join("content").join(sidecar)).unwrap();
    assert_eq!(same(root, &mut cache), 1);
    write_old(root, sidecar, &text);
    assert_eq!(same(root, &mut cache), 1);

    // An article that becomes invalid, then valid again.
    write_old(
        root,
        "articles/one.md",
        "---\ntitle: [unclosed\n---\n\nbody\n",
    );
    assert_eq!(same(root, &mut cache), 1);
    // Its problem comes with everything that did load.
    let loaded = load::load_with(root, &mut cache).unwrap();
    assert!(!loaded.problems.is_empty());
    assert_eq!(cache.reparsed(), 0);
    cache.give_back(loaded);
    write_old(
        root,
        "articles/one.md",
        &article("One", "Emmanuel Macron called."),
    );
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(same(root, &mut cache), 0);

    // A missing site.yaml, a stray file and a data file with an error,
    // then all fixed.
    let site = std::fs::read_to_string(root.join("content/site.yaml")).unwrap();
    std::fs::remove_file(root.join("content/site.yaml")).unwrap();
    write(root, "articles/stray.pdf", "%PDF");
    let people = std::fs::read_to_string(root.join("content/actors/people.yaml")).unwrap();
    write(root, "actors/people.yaml", "- id: [\n");
    same(root, &mut cache);
    std::fs::remove_file(root.join("content/articles/stray.pdf")).unwrap();
    write_old(root, "site.yaml", &site);
    write_old(root, "actors/people.yaml", &people);
    same(root, &mut cache);
    assert_eq!(same(root, &mut cache), 0);

    // A static file changes.
    write_old(root, "static/note.txt", "another note\n");
    assert_eq!(same(root, &mut cache), 1);
}

#[test]
fn records_not_given_back_are_parsed_again() {
    let dir = example();
    let root = dir.path();
    age(root);
    let mut cache = Cache::new();
    let all = same(root, &mut cache);
    // Kept by the caller: the next load parses everything again.
    let kept = load::load_with(root, &mut cache).unwrap();
    assert_eq!(cache.reparsed(), 0);
    assert_eq!(same(root, &mut cache), all);
    // Given back after another load: not the one handed out, so dropped.
    let other = load::load_with(root, &mut cache).unwrap();
    cache.give_back(kept);
    drop(other);
    assert_eq!(same(root, &mut cache), all);
    assert_eq!(same(root, &mut cache), 0);
}

#[test]
fn csv_files_are_cached_like_yaml_files() {
    let dir = example();
    let root = dir.path();
    write(
        root,
        "sources/sheet.csv",
        "id,name,kind\ncsv-source,CSV Source,outlet\n",
    );
    // A TimelineJS sheet: its title row and its note travel with the file.
    write(
        root,
        "events/timeline.csv",
        "Year,Headline,Text,Type,Media Credit\n,Title,<p>Intro</p>,title,\n2021,From a sheet,,,AFP\n",
    );
    age(root);
    let mut cache = Cache::new();
    assert!(same(root, &mut cache) > 10);
    assert_eq!(same(root, &mut cache), 0);
    let loaded = load::load_with(root, &mut cache).unwrap();
    assert_eq!(loaded.notes().count(), 1);
    assert!(loaded.sheet_intro().is_some());
    cache.give_back(loaded);
    // An edit to a CSV file: that file alone is read again.
    write_old(
        root,
        "sources/sheet.csv",
        "id,name,kind\ncsv-source,CSV Source,wire\n",
    );
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(same(root, &mut cache), 0);
    // A broken CSV file, then fixed.
    write_old(root, "events/timeline.csv", "Year,Headline\nnope,Bad\n");
    assert_eq!(same(root, &mut cache), 1);
    let loaded = load::load_with(root, &mut cache).unwrap();
    assert!(!loaded.problems.is_empty());
    assert_eq!(cache.reparsed(), 0);
    cache.give_back(loaded);
    write_old(root, "events/timeline.csv", "Year,Headline\n2021,Good\n");
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(same(root, &mut cache), 0);
}

#[test]
fn a_walk_is_kept_while_no_folder_changes() {
    let dir = example();
    let root = dir.path();
    age(root);
    let mut cache = Cache::new();
    same(root, &mut cache);
    assert!(cache.walked());
    same(root, &mut cache);
    assert!(!cache.walked(), "nothing changed: the last walk is kept");

    // An edit changes a file, not its folder: the walk is kept.
    let story = "articles/macron-called-bennett-nso.txt";
    let text = read(&root.join("content").join(story));
    write_old(root, story, &format!("{text}\nOne more line.\n"));
    same(root, &mut cache);
    assert!(!cache.walked());

    // A file added, renamed, removed, and one in a new folder: each is
    // seen, even with its folder's time set back (its status-change time
    // moves all the same).
    let steps: [&dyn Fn(); 4] = [
        &|| write_old(root, "articles/new.md", &article("New", "Added.")),
        &|| {
            let articles = root.join("content/articles");
            std::fs::rename(articles.join("new.md"), articles.join("renamed.md")).unwrap();
        },
        &|| std::fs::remove_file(root.join("content/articles/renamed.md")).unwrap(),
        &|| {
            write_old(
                root,
                "actors/more/one.yaml",
                "id: one-more\nname: One More\nkind: person\n",
            )
        },
    ];
    for step in steps {
        step();
        age(root);
        same(root, &mut cache);
        assert!(cache.walked(), "a folder changed: walked again");
        same(root, &mut cache);
        assert!(!cache.walked());
    }
}

#[test]
fn told_what_changed_a_load_looks_at_those_files_only() {
    let dir = example();
    let root = dir.path();
    age(root);
    let mut cache = Cache::new();
    let all = same(root, &mut cache);
    assert_eq!(cache.looked_at(), all);
    let story = "articles/macron-called-bennett-nso.txt";
    let text = read(&root.join("content").join(story));

    // An edit, as the server's watcher reports it.
    write_old(root, story, &format!("{text}\nOne more line.\n"));
    cache.changed([Path::new("content").join(story).as_path()]);
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(cache.looked_at(), 1);

    // Its sidecar: the article is read again with it.
    let sidecar = "articles/macron-called-bennett-nso.yaml";
    let meta = read(&root.join("content").join(sidecar));
    write_old(
        root,
        sidecar,
        &meta.replacen("title:", "title: Updated:", 1),
    );
    cache.changed([Path::new("content").join(sidecar).as_path()]);
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(cache.looked_at(), 1);

    // A template changed: nothing of content/ is looked at.
    cache.changed([Path::new("templates/base.html")]);
    assert_eq!(same(root, &mut cache), 0);
    assert_eq!(cache.looked_at(), 0);

    // A path it did not load (a new file), or `content` itself (events
    // the system lost): every file is looked at.
    write_old(root, "articles/new.md", &article("New", "Added."));
    cache.changed([Path::new("content/articles/new.md")]);
    let with_new = same(root, &mut cache);
    assert_eq!(with_new, 1);
    assert_eq!(cache.looked_at(), all + 1);
    write_old(root, story, &text);
    cache.changed([Path::new("content")]);
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(cache.looked_at(), all + 1);
}

#[test]
fn told_what_changed_a_load_still_looks_at_static_files_and_past_links() {
    let dir = example();
    let root = dir.path();
    // A static file named like an editor's scratch file, which the
    // watcher does not report.
    write_old(root, "static/data.tmp", "one\n");
    age(root);
    let mut cache = Cache::new();
    let all = same(root, &mut cache);
    write_old(root, "static/data.tmp", "two\n");
    cache.changed([Path::new("templates/base.html")]);
    assert_eq!(same(root, &mut cache), 1);
    assert_eq!(cache.looked_at(), 1, "the static file, always");

    // An article that is a link to a file outside content/: its target
    // changes with no event under content/.
    #[cfg(unix)]
    {
        std::fs::write(root.join("elsewhere.md"), article("Linked", "First.")).unwrap();
        std::os::unix::fs::symlink(
            root.join("elsewhere.md"),
            root.join("content/articles/linked.md"),
        )
        .unwrap();
        age(root);
        same(root, &mut cache);
        std::fs::write(root.join("elsewhere.md"), article("Linked", "Second.")).unwrap();
        cache.changed([Path::new("templates/base.html")]);
        assert_eq!(same(root, &mut cache), 1);
        assert_eq!(cache.looked_at(), all + 1);
        assert!(cache.walked(), "a walk past a link is not kept");
    }
}
