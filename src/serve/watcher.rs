//! The file watcher: which changes call for a rebuild. Events of files
//! merely read, changes to editors' scratch files, and changes outside the
//! watched folders are dropped; a burst of saves is gathered into one list.

use crate::Failure;
use notify_debouncer_mini::notify::{
    self, EventHandler, EventKind, RecommendedWatcher, RecursiveMode, WatcherKind,
    event::{AccessKind, AccessMode},
};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// The folders below the root whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["content", "themes", "templates"];
/// How long the debouncer holds a change before handing it over. A burst
/// of saves (an editor writing a file and its backup, a `git checkout`) is
/// still one rebuild: while it lasts the debouncer hands over its parts
/// at least this often, and [`SETTLE`], longer, gathers them. Both add to
/// the time from a save to the reload, so they are short.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// How long the watcher must stay quiet after a batch of changes before
/// the rebuild starts (see [`Watcher::next_changes`]).
const SETTLE: Duration = Duration::from_millis(60);

/// The platform's watcher without the events of files being opened or read:
/// every build reads every file, and would otherwise set off the next one.
/// (The debouncer forgets what kind an event was, so they go before it.)
struct ChangeWatcher(RecommendedWatcher);

impl notify::Watcher for ChangeWatcher {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let inner = RecommendedWatcher::new(
            move |event: notify::Result<notify::Event>| {
                if let Ok(e) = &event {
                    if let EventKind::Access(kind) = e.kind {
                        if kind != AccessKind::Close(AccessMode::Write) {
                            return;
                        }
                    }
                }
                handler.handle_event(event);
            },
            config,
        )?;
        Ok(ChangeWatcher(inner))
    }
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }
    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }
    fn configure(&mut self, option: notify::Config) -> notify::Result<bool> {
        self.0.configure(option)
    }
    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// The file watcher: `content/`, `themes/` and `templates/` recursively,
/// and the root itself (not recursively) to notice when one of them is
/// created, removed or replaced.
pub(super) struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<ChangeWatcher>,
    /// What the debouncer hands over.
    events: mpsc::Receiver<DebounceEventResult>,
    /// What each watched folder was when it was watched (see [`dir_identity`]).
    watched: [Option<(u64, u64)>; 3],
}

impl Watcher {
    /// Starts watching `root` (a canonical path) and the folders in it.
    pub(super) fn new(root: &Path) -> Result<Self, Failure> {
        let (events, events_rx) = mpsc::channel::<DebounceEventResult>();
        let config = notify_debouncer_mini::Config::default().with_timeout(DEBOUNCE);
        let mut debouncer = new_debouncer_opt::<_, ChangeWatcher>(config, events)
            .map_err(|e| Failure::Io(format!("cannot watch {}: {e}", root.display())))?;
        debouncer
            .watcher()
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Failure::Io(format!("cannot watch {}: {e}", root.display())))?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            events: events_rx,
            watched: [None; 3],
        };
        watcher.rearm(&[]);
        Ok(watcher)
    }

    /// Waits for the next changes that call for a rebuild: the changed
    /// paths, relative to the root, each once. `None` once the watcher has
    /// stopped.
    pub(super) fn next_changes(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.events.recv().ok()?;
            // The debouncer hands over a burst in parts when its events are
            // not quite simultaneous (an editor writing a temporary file, then
            // renaming it); everything until a short quiet spell, and all that
            // arrived while the last build ran, is one rebuild.
            let mut batch = vec![first];
            while let Ok(more) = self.events.recv_timeout(SETTLE) {
                batch.push(more);
            }
            let mut changed: Vec<PathBuf> = Vec::new();
            let mut touched: Vec<&str> = Vec::new();
            for result in batch {
                match result {
                    Ok(list) => {
                        for event in list {
                            let Ok(rel) = event.path.strip_prefix(&self.root) else {
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
                            if !changed.contains(&rel.to_path_buf()) {
                                changed.push(rel.to_path_buf());
                            }
                        }
                    }
                    Err(e) => eprintln!("watching files: {e}"),
                }
            }
            self.rearm(&touched);
            if !changed.is_empty() {
                return Some(changed);
            }
        }
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
                let _ = self.debouncer.watcher().unwatch(&dir);
                self.watched[i] = None;
            }
            if now.is_some() {
                match self
                    .debouncer
                    .watcher()
                    .watch(&dir, RecursiveMode::Recursive)
                {
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
