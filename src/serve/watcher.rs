//! The file watcher: which changes call for a rebuild. Events of files
//! merely read, changes to editors' scratch files, and changes outside the
//! watched folders are dropped; the events of one save are gathered into
//! one list.

use crate::Failure;
use notify::{
    EventKind, RecommendedWatcher, RecursiveMode, Watcher as _,
    event::{AccessKind, AccessMode},
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The folders below the root whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["content", "themes", "templates"];
/// How long the watcher waits for more events of one save (an editor
/// writing a temporary file and renaming it, or truncating, writing and
/// closing the file) before the rebuild starts: gathering ends after this
/// long without an event, or [`GATHER_AT_MOST`] after the first. It adds
/// to the time from a save to the reload, so it is short: a change that
/// comes later, while the rebuild runs, makes the rebuilder build again
/// before it shows anything ([`Watcher::changes_meanwhile`]), which is what
/// makes a short wait safe. (A debouncer that waited for 50 ms of quiet,
/// then 60 ms more, was a third of the time from a save to the reload at
/// 10,000 articles.)
const GATHER: Duration = Duration::from_millis(10);
/// Gathering ends this long after the first event even if events keep
/// coming, so that a file written without pause still gets rebuilt.
const GATHER_AT_MOST: Duration = Duration::from_millis(100);

/// Changed paths, relative to the root, each once, in the order first
/// reported. A `git checkout` reports tens of thousands of events, several
/// for each file: each is looked up in a set, not in the list.
#[derive(Debug, Default)]
pub(super) struct Changes {
    list: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
}

impl Changes {
    /// Adds `path` unless it is there already.
    pub(super) fn add(&mut self, path: PathBuf) {
        if !self.seen.contains(&path) {
            self.seen.insert(path.clone());
            self.list.push(path);
        }
    }

    /// Adds every path of `other` that is not there already.
    pub(super) fn merge(&mut self, other: Changes) {
        for path in other.list {
            self.add(path);
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The paths, in the order first reported.
    pub(super) fn paths(&self) -> &[PathBuf] {
        &self.list
    }
}

/// The file watcher: `content/`, `themes/` and `templates/` recursively,
/// and the root itself (not recursively) to notice when one of them is
/// created, removed or replaced.
pub(super) struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    /// What the platform's watcher reports, less the events of files being
    /// opened or read: every build reads every file, and would otherwise
    /// set off the next one.
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    /// What each watched folder was when it was watched (see [`dir_identity`]).
    watched: [Option<(u64, u64)>; 3],
}

impl Watcher {
    /// Starts watching `root` (a canonical path) and the folders in it.
    pub(super) fn new(root: &Path) -> Result<Self, Failure> {
        let (tx, events) = mpsc::channel();
        let cannot =
            |e: notify::Error| Failure::Io(format!("cannot watch {}: {e}", root.display()));
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if let Ok(e) = &event
                    && let EventKind::Access(kind) = e.kind
                    && kind != AccessKind::Close(AccessMode::Write)
                {
                    return;
                }
                let _ = tx.send(event);
            })
            .map_err(cannot)?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(cannot)?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            watcher,
            events,
            watched: [None; 3],
        };
        watcher.rearm(&[]);
        Ok(watcher)
    }

    /// Waits for the next changes that call for a rebuild, gathered for
    /// [`GATHER`] after the last event (at most [`GATHER_AT_MOST`] after
    /// the first). `None` once the watcher has stopped.
    pub(super) fn next_changes(&mut self) -> Option<Changes> {
        loop {
            let first = self.events.recv().ok()?;
            let until = Instant::now() + GATHER_AT_MOST;
            let mut batch = vec![first];
            loop {
                let left = until.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match self.events.recv_timeout(GATHER.min(left)) {
                    Ok(more) => batch.push(more),
                    Err(_) => break,
                }
            }
            let changed = self.changes_in(batch);
            if !changed.is_empty() {
                return Some(changed);
            }
        }
    }

    /// The changes that call for a rebuild reported since the last call
    /// (of this or [`next_changes`](Self::next_changes)), without waiting.
    /// The rebuilder asks before it shows a build: a file that changed
    /// while it was read may have been read half written.
    pub(super) fn changes_meanwhile(&mut self) -> Changes {
        let batch: Vec<_> = self.events.try_iter().collect();
        self.changes_in(batch)
    }

    /// The paths in `batch` that call for a rebuild; the watched folders
    /// are watched again when one of them was created, removed or
    /// replaced. When the system dropped events (its queue overflowed in
    /// a large checkout), `content` stands for what was lost: the rebuild
    /// then walks all of it and looks at every file.
    fn changes_in(&mut self, batch: Vec<notify::Result<notify::Event>>) -> Changes {
        let mut changed = Changes::default();
        let mut touched: Vec<&str> = Vec::new();
        for result in batch {
            match result {
                Ok(event) => {
                    if event.need_rescan() {
                        changed.add(PathBuf::from(WATCHED[0]));
                    }
                    for path in &event.paths {
                        let Ok(rel) = path.strip_prefix(&self.root) else {
                            continue;
                        };
                        let mut parts = rel.components();
                        let Some(top) = parts.next() else { continue };
                        let Some(name) = WATCHED.iter().find(|n| top.as_os_str() == **n) else {
                            continue;
                        };
                        if parts.next().is_none() {
                            touched.push(name);
                        } else if is_scratch(rel) {
                            continue;
                        }
                        changed.add(rel.to_path_buf());
                    }
                }
                Err(e) => eprintln!("watching files: {e}"),
            }
        }
        self.rearm(&touched);
        changed
    }

    /// Watches each folder that exists and is not watched yet, or that was
    /// replaced or named in `touched` (events at the top of the root), and
    /// forgets those that are gone.
    fn rearm(&mut self, touched: &[&str]) {
        for (i, name) in WATCHED.iter().enumerate() {
            let dir = self.root.join(name);
            let now = dir_identity(&dir);
            let renew = touched.contains(name) || now != self.watched[i];
            if !renew {
                continue;
            }
            if self.watched[i].is_some() {
                let _ = self.watcher.unwatch(&dir);
                self.watched[i] = None;
            }
            if now.is_some() {
                match self.watcher.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => self.watched[i] = now,
                    Err(e) => eprintln!("cannot watch {}: {e}", dir.display()),
                }
            }
        }
    }
}

/// Tells a folder from the one that replaced it; `None` when there is none.
fn dir_identity(dir: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// Files an editor or the system writes beside the real ones: the loader
/// skips them as stray files, or, in `content/static/`, looks at every
/// static file on each rebuild, so they need no rebuild of their own.
fn is_scratch(rel: &Path) -> bool {
    rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every change reported until `marker` (a file below the root that
    /// the caller has just written) is: events come in order, so whatever
    /// was done before writing it has been reported by then. Waits as long
    /// as that takes (up to a guard of 20 s), never a fixed time.
    fn changes_until(w: &mut Watcher, marker: &str) -> Vec<String> {
        let mut all = Changes::default();
        while !all.paths().iter().any(|p| p == Path::new(marker)) {
            // A guard against hanging, not a measure: the marker comes
            // within milliseconds.
            let event = w.events.recv_timeout(Duration::from_secs(20));
            let batch = vec![event.expect("the marker is reported")];
            all.merge(w.changes_in(batch));
        }
        all.paths()
            .iter()
            .map(|p| p.display().to_string())
            // A marker's own later events (its close) may come after.
            .filter(|p| !p.starts_with("content/marker-"))
            .collect()
    }

    #[test]
    fn saves_are_changes_and_reads_and_scratch_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::write(root.join("content/articles/a.md"), "# A\n").unwrap();
        std::fs::write(root.join("notes.txt"), "not watched\n").unwrap();
        let mut w = Watcher::new(&root).unwrap();
        let mut marker = 0;
        let mut mark = |root: &Path| {
            marker += 1;
            let m = format!("content/marker-{marker}.md");
            std::fs::write(root.join(&m), "m").unwrap();
            m
        };
        // A build reads every file: no change.
        let _ = std::fs::read_to_string(root.join("content/articles/a.md")).unwrap();
        let m = mark(&root);
        assert_eq!(changes_until(&mut w, &m), Vec::<String>::new());
        // An editor's scratch file and a file outside the watched folders:
        // no change.
        std::fs::write(root.join("content/articles/.a.md.swp"), "x").unwrap();
        std::fs::write(root.join("notes.txt"), "still not watched\n").unwrap();
        let m = mark(&root);
        assert_eq!(changes_until(&mut w, &m), Vec::<String>::new());
        // A save, a new file, and a file saved twice: each once, relative
        // to the root, in the order first saved.
        std::fs::write(root.join("content/articles/a.md"), "# A, again\n").unwrap();
        std::fs::write(root.join("content/articles/b.md"), "# B\n").unwrap();
        std::fs::write(root.join("content/articles/a.md"), "# A, once more\n").unwrap();
        let m = mark(&root);
        assert_eq!(
            changes_until(&mut w, &m),
            ["content/articles/a.md", "content/articles/b.md"]
        );
    }

    #[test]
    fn changes_are_listed_once_each_in_the_order_first_reported() {
        let mut c = Changes::default();
        for p in [
            "content/b.md",
            "content/a.md",
            "content/b.md",
            "themes/x/y.css",
        ] {
            c.add(PathBuf::from(p));
        }
        let mut more = Changes::default();
        more.add(PathBuf::from("content/a.md"));
        more.add(PathBuf::from("content/c.md"));
        c.merge(more);
        let shown: Vec<String> = c.paths().iter().map(|p| p.display().to_string()).collect();
        assert_eq!(
            shown,
            [
                "content/b.md",
                "content/a.md",
                "themes/x/y.css",
                "content/c.md"
            ]
        );
    }
}
