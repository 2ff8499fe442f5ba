//! The parse cache of `dossier serve`: each entry of `content/` keeps its
//! parse from one load to the next, and is read again only when its file
//! changed.

use super::{
    Entry, Item, ItemShape, Loaded, Parsed, Role, Sidecars, SourceFile, Unloaded, Walk, assemble,
    finish, parse_some, reserve,
};
use crate::diag::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Parse results kept from one load to the next, for `dossier serve`: an
/// entry of `content/` is read and parsed again only when its file (or a
/// `.txt` article's sidecar) changed: another length, modification time,
/// or (on Unix) inode or status-change time. Added, removed and renamed
/// files are always seen: each changes its folder's times, and the walk
/// of `content/` is made again whenever a folder's changed
/// ([`Cache::kept_walk`]).
///
/// A file modified within [`RACY`] of being looked at is parsed again next
/// time too: a second write within the file system's clock tick could
/// leave its time and length as they were. Told which files changed (the
/// server's watcher, [`Cache::changed`]), a load looks at those alone.
#[derive(Default)]
pub struct Cache {
    root: PathBuf,
    entries: std::collections::HashMap<String, CachedEntry>,
    /// What the last successful load took from each entry, in order.
    shapes: Vec<Shape>,
    /// The size of the `Loaded` handed out by the last successful load.
    handed_out: Option<Counts>,
    /// How many entries the last load parsed.
    reparsed: usize,
    /// The last walk of `content/`, when it found nothing wrong.
    walk: Option<Walk>,
    /// Whether the last load walked `content/` rather than reuse a walk.
    walked: bool,
    /// What changed since the last load, by path from `content/`, when
    /// the server's watcher said ([`Cache::changed`]).
    changed: Option<std::collections::HashSet<String>>,
    /// How many files the last load looked at (their length and times).
    looked_at: usize,
}

struct CachedEntry {
    key: EntryKey,
    /// `None` while handed out in a `Loaded`, or after a failed give-back.
    parsed: Option<Parsed>,
    /// The entry's problems and what of it did not load, copied into
    /// every load (they are never handed out).
    diags: Vec<Diagnostic>,
    unloaded: Unloaded,
}

/// How much older than the moment it is looked at a file must be for its
/// parse to be kept: the coarsest common file-time granularity (FAT's 2 s).
const RACY: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Clone, Default, PartialEq, Eq)]
struct EntryKey {
    file: FileKey,
    sidecar: Option<(PathBuf, FileKey)>,
    /// Whether a file was modified too recently to trust its times.
    racy: bool,
}

#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct FileKey {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// (device, inode, status-change time in ns) on Unix.
    unix: (u64, u64, i64, i64),
}

impl FileKey {
    /// The key of the file or folder at `path` (links followed), and
    /// whether it was modified within [`RACY`] of `now`.
    pub(super) fn of(path: &Path, now: std::time::SystemTime) -> Option<(FileKey, bool)> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok();
        #[cfg(unix)]
        let unix = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
        };
        #[cfg(not(unix))]
        let unix = (0, 0, 0, 0);
        let racy = modified.is_none_or(|m| m + RACY > now);
        Some((
            FileKey {
                len: meta.len(),
                modified,
                unix,
            },
            racy,
        ))
    }
}

impl EntryKey {
    /// Taken before the file is read, so that a write during the read
    /// makes the key stale rather than the parse.
    fn of(path: &Path, sidecar: Option<&Path>) -> Option<EntryKey> {
        let now = std::time::SystemTime::now();
        let (file, mut racy) = FileKey::of(path, now)?;
        let sidecar = match sidecar {
            Some(side) => {
                let (key, r) = FileKey::of(side, now)?;
                racy |= r;
                Some((side.to_path_buf(), key))
            }
            None => None,
        };
        Some(EntryKey {
            file,
            sidecar,
            racy,
        })
    }

    /// Whether a parse made under `self` holds for a file now at `now`.
    fn reusable(&self, now: &EntryKey) -> bool {
        !self.racy && self.file == now.file && self.sidecar == now.sidecar
    }
}

/// What one entry added to a `Loaded`, to take it back apart.
struct Shape {
    rel: String,
    /// The path of its first file, checked on the way back.
    shown: Option<String>,
    /// How many files it added.
    files: usize,
    item: ItemShape,
    /// Its parse's number, which goes back with it.
    parse: u64,
}

/// What tells the `Loaded` a load handed out from any other: its sizes, and
/// where its lists are in memory (the very same lists come back).
#[derive(PartialEq, Eq, Clone)]
struct Counts {
    /// Where the files, articles and static files are.
    at: (usize, usize, usize),
    files: usize,
    site: bool,
    /// Records of each data kind, and where each list is.
    data: Vec<(usize, usize)>,
    articles: usize,
    static_files: usize,
}

impl Counts {
    fn of(l: &Loaded) -> Counts {
        Counts {
            at: (
                l.files.as_ptr() as usize,
                l.articles.as_ptr() as usize,
                l.static_files.as_ptr() as usize,
            ),
            files: l.files.len(),
            site: l.site.is_some(),
            data: l.data_shape(),
            articles: l.articles.len(),
            static_files: l.static_files.len(),
        }
    }
}

impl Cache {
    /// [`super::load_with`] once the walk is done: parses the entries whose
    /// files changed, hands out the rest from the cache.
    pub(super) fn load(
        &mut self,
        root: &Path,
        entries: &[Entry],
        sidecars: &Sidecars,
        stem_of: &(impl Fn(&str) -> String + Sync),
        mut diags: Diagnostics,
        unloaded: Unloaded,
    ) -> Result<Loaded, Diagnostics> {
        // The same, through the cache: each entry is parsed again only when its
        // file (or its sidecar) is not the one parsed last time.
        if self.root != root {
            *self = Cache {
                root: root.to_path_buf(),
                ..Cache::default()
            };
        }
        let trusted = self.trusted(entries, sidecars, stem_of);
        let cached = &self.entries;
        let keys: Vec<Option<EntryKey>> = entries
            .par_iter()
            .map(|(rel, path, role)| {
                // A static file may be named like an editor's scratch file
                // (`data.tmp`, `notes~`), which the watcher does not report.
                let trusted = trusted.as_ref().filter(|_| *role != Role::Static);
                if let Some(stale) = trusted {
                    let kept = cached
                        .get(rel)
                        .filter(|c| c.parsed.is_some() && !c.key.racy);
                    if let Some(c) = kept.filter(|_| !stale.contains(rel.as_str())) {
                        return Some(c.key.clone());
                    }
                }
                let sidecar = sidecars.get(&stem_of(rel)).map(PathBuf::as_path);
                EntryKey::of(path, sidecar)
            })
            .collect();
        self.looked_at = match &trusted {
            None => entries.len(),
            Some(stale) => entries
                .iter()
                .filter(|(rel, _, role)| {
                    *role == Role::Static
                        || stale.contains(rel.as_str())
                        || !cached
                            .get(rel)
                            .is_some_and(|c| c.parsed.is_some() && !c.key.racy)
                })
                .count(),
        };
        let stale: Vec<usize> = (0..entries.len())
            .filter(|&i| {
                let fresh = keys[i].as_ref().zip(self.entries.get(&entries[i].0));
                !fresh.is_some_and(|(key, cached)| {
                    cached.parsed.is_some() && cached.key.reusable(key)
                })
            })
            .collect();
        self.handed_out = None;
        self.reparsed = stale.len();
        let reparsed = parse_some(
            root,
            entries,
            &stale,
            sidecars,
            stem_of,
            super::Bodies::Held,
        );
        for (&i, mut p) in stale.iter().zip(reparsed) {
            self.entries.insert(
                entries[i].0.clone(),
                CachedEntry {
                    // A file that cannot be looked at is read again next time.
                    key: keys[i].clone().unwrap_or(EntryKey {
                        racy: true,
                        ..EntryKey::default()
                    }),
                    diags: std::mem::take(&mut p.diags),
                    unloaded: std::mem::take(&mut p.unloaded),
                    parsed: Some(p),
                },
            );
        }
        // Every entry of this walk has its parse now: any more are of
        // files gone (looking each up was a few milliseconds of a rebuild).
        if self.entries.len() > entries.len() {
            let seen: std::collections::HashSet<&str> =
                entries.iter().map(|e| e.0.as_str()).collect();
            self.entries.retain(|rel, _| seen.contains(rel.as_str()));
        }
        self.shapes.clear();

        let parsed_at = |rel: &str| {
            self.entries[rel]
                .parsed
                .as_ref()
                .expect("every entry was parsed above")
        };
        let mut has_site = false;
        let mut loaded = Loaded {
            unloaded,
            ..Loaded::default()
        };
        for (rel, _, _) in entries {
            has_site |= matches!(parsed_at(rel).item, Item::Site(_));
            let cached = &self.entries[rel];
            diags.extend(cached.diags.iter().cloned());
            loaded.unloaded.append(&mut cached.unloaded.clone());
        }
        // Handed out (moved, not copied); `Cache::give_back` puts them back.
        reserve(&mut loaded, entries.iter().map(|e| parsed_at(&e.0)));
        for (rel, _, _) in entries {
            let cached = self.entries.get_mut(rel).expect("every entry is cached");
            let p = cached.parsed.take().expect("every entry was parsed above");
            let shown = p.files.first().map(|f| f.path.clone());
            let parse = p.parse;
            let (files, item) = assemble(&mut loaded, p);
            self.shapes.push(Shape {
                rel: rel.clone(),
                shown,
                files,
                item,
                parse,
            });
        }
        self.handed_out = Some(Counts::of(&loaded));
        finish(loaded, has_site, diags)
    }

    /// The last walk of `content/` (at `content`), if no folder of it
    /// changed since: a file added, removed or renamed changes its
    /// folder's modification time. Walking 10,000 articles was a quarter
    /// of a load after a one-article edit (issue 18). A folder modified
    /// within [`RACY`] of being looked at is walked again.
    pub(super) fn kept_walk(&mut self, content: &Path) -> Option<Walk> {
        let walk = self.walk.take()?;
        let first = walk.folders.first().map(|(p, _)| p.as_path());
        if first != Some(content) {
            return None;
        }
        let now = std::time::SystemTime::now();
        let unchanged = walk.folders.iter().all(|(path, key)| match key {
            Some((key, false)) => FileKey::of(path, now).is_some_and(|(k, _)| k == *key),
            _ => false,
        });
        unchanged.then_some(walk)
    }

    /// After a load: keeps `walk` for [`Cache::kept_walk`] (`None`: the
    /// walk found something wrong), and notes whether it was made afresh.
    pub(super) fn keep_walk(&mut self, walk: Option<Walk>, walked: bool) {
        self.walk = walk;
        self.walked = walked;
    }

    /// A cache that has seen nothing yet.
    pub fn new() -> Self {
        Cache::default()
    }

    /// How many entries of `content/` (a file, or an article with its
    /// sidecar) the last load read and parsed rather than reused.
    pub fn reparsed(&self) -> usize {
        self.reparsed
    }

    /// Tells the next load what the server's watcher saw change since the
    /// last one (`paths` from the investigation's root, as it reports
    /// them): it then looks only at those files, and at those changed too
    /// recently to trust, rather than at every file. That holds only when
    /// every path under `content/` is a file it loaded last time, or a
    /// `.txt` article's sidecar; anything else (a new file, a folder,
    /// `content` itself for events the system lost) and it looks at every
    /// file. Files outside `content/` are none of the load's concern.
    pub fn changed<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        let mut rels = std::collections::HashSet::new();
        for path in paths {
            let Ok(rel) = path.strip_prefix("content") else {
                continue;
            };
            match rel.to_str() {
                Some(r) if !r.is_empty() => rels.insert(r.replace('\\', "/")),
                // `content` itself: events were lost, or the folder was
                // replaced. Walk it, and look at every file.
                _ => {
                    self.changed = None;
                    self.walk = None;
                    return;
                }
            };
        }
        self.changed = Some(rels);
    }

    /// Forgets what [`Cache::changed`] said: the next load looks at every
    /// file.
    pub(super) fn look_at_every_file(&mut self) {
        self.changed = None;
    }

    /// The entries the watcher's paths name ([`Cache::changed`]), a
    /// sidecar standing for its article; `None` when a path names no
    /// entry of the last load, or nothing was said.
    fn trusted(
        &mut self,
        entries: &[Entry],
        sidecars: &Sidecars,
        stem_of: &impl Fn(&str) -> String,
    ) -> Option<std::collections::HashSet<String>> {
        let changed = self.changed.take()?;
        let known: std::collections::HashSet<&str> = entries.iter().map(|e| e.0.as_str()).collect();
        let mut stale = std::collections::HashSet::new();
        for rel in changed {
            if known.contains(rel.as_str()) && self.entries.contains_key(&rel) {
                stale.insert(rel);
                continue;
            }
            let stem = stem_of(&rel);
            let article = format!("{stem}.txt");
            let is_sidecar = sidecars.get(&stem).is_some_and(|p| p.ends_with(&rel));
            if !(is_sidecar && known.contains(article.as_str())) {
                return None;
            }
            stale.insert(article);
        }
        Some(stale)
    }

    /// How many files (an article and its sidecar counting once) the last
    /// load looked at for changes: every one, or, told what changed
    /// ([`Cache::changed`]), those and the ones changed too recently to
    /// trust.
    pub fn looked_at(&self) -> usize {
        self.looked_at
    }

    /// Whether the last load walked `content/`, rather than take the walk
    /// before it (no folder had changed).
    pub fn walked(&self) -> bool {
        self.walked
    }

    /// Takes back the records of the last successful [`load_with`](super::load_with), so
    /// that the next load reuses them instead of parsing their files
    /// again. `loaded` must be that result, unchanged; anything else is
    /// dropped (and every file parsed again next time).
    pub fn give_back(&mut self, loaded: Loaded) {
        let shapes = std::mem::take(&mut self.shapes);
        if self.handed_out.take() != Some(Counts::of(&loaded)) {
            return;
        }
        let (mut data, rest) = loaded.into_data();
        let mut files = rest.files.into_iter();
        let mut site = rest.site;
        let mut articles = rest.articles.into_iter();
        let mut statics = rest.static_files.into_iter();
        let mut back = Vec::with_capacity(shapes.len());
        for shape in shapes {
            let own: Vec<SourceFile> = files.by_ref().take(shape.files).collect();
            if own.len() != shape.files || own.first().map(|f| &f.path) != shape.shown.as_ref() {
                return;
            }
            let item = match shape.item {
                ItemShape::Nothing => Item::Nothing,
                ItemShape::Site => match site.take() {
                    Some(r) => Item::Site(Box::new(r)),
                    None => return,
                },
                ItemShape::Data(kind, n) => match data.take(kind, n) {
                    Some(records) => Item::Data(records),
                    None => return,
                },
                ItemShape::Article { meta_file } => match articles.next() {
                    Some(a) => Item::Article {
                        stem: a.stem,
                        meta: a.meta,
                        meta_file,
                        body: a.body,
                    },
                    None => return,
                },
                ItemShape::Static => match statics.next() {
                    Some((k, b)) => Item::Static(k, b),
                    None => return,
                },
            };
            back.push((
                shape.rel,
                Parsed {
                    files: own,
                    item,
                    diags: Vec::new(),
                    unloaded: Unloaded::default(),
                    parse: shape.parse,
                },
            ));
        }
        // Everything matched: the records go back where they came from.
        for (rel, parsed) in back {
            if let Some(entry) = self.entries.get_mut(&rel)
                && entry.parsed.is_none()
            {
                entry.parsed = Some(parsed);
            }
        }
    }
}
