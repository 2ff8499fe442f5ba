//! The file watcher: which changes call for a rebuild. Events of files
//! merely read, changes to editors' scratch files, and changes outside the
//! watched folders are dropped; the events of one save are gathered into
//! one list.

use crate::Failure;
use notify::{
    EventKind, RecommendedWatcher, RecursiveMode, Watcher as _,
    event::{AccessKind, AccessMode},
};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// The folders below the root whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["content", "themes", "templates"];
/// How long the watcher gathers the events of one save (an editor writing
/// a temporary file and renaming it, or truncating, writing and closing
/// the file) before the rebuild starts. It adds to the time from a save to
/// the reload, so it is short: a change that comes later, while the
/// rebuild runs, makes the rebuilder build again before it shows anything
/// ([`Watcher::changes_meanwhile`]), which is what makes a short wait safe.
/// (A debouncer that waited for 50 ms of quiet, then 60 ms more, was a
/// third of the time from a save to the reload at 10,000 articles.)
const GATHER: Duration = Duration::from_millis(10);

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
                if let Ok(e) = &event {
                    if let EventKind::Access(kind) = e.kind {
                        if kind != AccessKind::Close(AccessMode::Write) {
                            return;
                        }
                    }
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

    /// Waits for the next changes that call for a rebuild: the changed
    /// paths, relative to the root, each once, gathered for [`GATHER`]
    /// after the first. `None` once the watcher has stopped.
    pub(super) fn next_changes(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.events.recv().ok()?;
            let mut batch = vec![first];
            while let Ok(more) = self.events.recv_timeout(GATHER) {
                batch.push(more);
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
    pub(super) fn changes_meanwhile(&mut self) -> Vec<PathBuf> {
        let batch: Vec<_> = self.events.try_iter().collect();
        self.changes_in(batch)
    }

    /// The paths in `batch` that call for a rebuild, relative to the root,
    /// each once; the watched folders are watched again when one of them
    /// was created, removed or replaced.
    fn changes_in(&mut self, batch: Vec<notify::Result<notify::Event>>) -> Vec<PathBuf> {
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut touched: Vec<&str> = Vec::new();
        for result in batch {
            match result {
                Ok(event) => {
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
                        if !changed.iter().any(|c| c == rel) {
                            changed.push(rel.to_path_buf());
                        }
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

/// Files an editor or the system writes beside the real ones; the loader
/// skips them, so they need no rebuild.
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
    use std::time::Instant;

    /// The changes reported within `within`, gathered as the rebuilder
    /// does after a build.
    fn meanwhile(w: &mut Watcher, within: Duration) -> Vec<PathBuf> {
        let until = Instant::now() + within;
        let mut all = Vec::new();
        while Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
            for p in w.changes_meanwhile() {
                if !all.contains(&p) {
                    all.push(p);
                }
            }
        }
        all
    }

    #[test]
    fn saves_are_changes_and_reads_and_scratch_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::write(root.join("content/articles/a.md"), "# A\n").unwrap();
        std::fs::write(root.join("notes.txt"), "not watched\n").unwrap();
        let mut w = Watcher::new(&root).unwrap();
        // A build reads every file: no change.
        let _ = std::fs::read_to_string(root.join("content/articles/a.md")).unwrap();
        assert_eq!(
            meanwhile(&mut w, Duration::from_millis(200)),
            Vec::<PathBuf>::new()
        );
        // An editor's scratch file and a file outside the watched folders:
        // no change.
        std::fs::write(root.join("content/articles/.a.md.swp"), "x").unwrap();
        std::fs::write(root.join("notes.txt"), "still not watched\n").unwrap();
        assert_eq!(
            meanwhile(&mut w, Duration::from_millis(200)),
            Vec::<PathBuf>::new()
        );
        // A save, and a new file: each once, relative to the root.
        std::fs::write(root.join("content/articles/a.md"), "# A, again\n").unwrap();
        std::fs::write(root.join("content/articles/b.md"), "# B\n").unwrap();
        let mut seen = meanwhile(&mut w, Duration::from_millis(300));
        seen.sort();
        assert_eq!(
            seen,
            [
                PathBuf::from("content/articles/a.md"),
                PathBuf::from("content/articles/b.md")
            ]
        );
    }
}
