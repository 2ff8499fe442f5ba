//! The last stage: write the rendered site into a staging folder
//! beside the output folder, and swap it into place only when every file is
//! written, so a reader sees the old site or the new one, never a mix.

use crate::diag::Diagnostic;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The name of the file that marks a folder as written by dossier.
pub const MARKER: &str = ".dossier";
const MARKER_TEXT: &str = "This folder is written by dossier and replaced on every build.\n";

/// A whole built site in memory: relative path (with `/`) to bytes.
/// A `BTreeMap` so that every walk over it is in one order.
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// A file put into the site as it is (from `content/static/`) where the
/// site has a folder, or below a name that is a file of the site: no
/// output folder can hold both, so `build` could not write it.
#[derive(Debug, PartialEq, Eq)]
pub enum InTheWay<'a> {
    /// The site has a folder at the file's path (its pages below it).
    AFolder { file: &'a str, below: &'a str },
    /// The site has a file (`file`) where the path needs a folder.
    AFile { path: &'a str, file: &'a str },
}

/// Every path of `placed` that cannot be written beside the site's own
/// files, `made` (relative paths with `/`). Content format 1.1,
/// "Errors": what `build` would fail on, `check` reports.
pub fn in_the_way<'a>(placed: &[&'a str], made: &'a [String]) -> Vec<InTheWay<'a>> {
    use std::collections::{HashMap, HashSet};
    let files: HashSet<&str> = made.iter().map(String::as_str).collect();
    // Each folder of the site, with one file below it to name.
    let mut folders: HashMap<&str, &str> = HashMap::new();
    for m in made {
        for (i, _) in m.match_indices('/') {
            folders.entry(&m[..i]).or_insert(m);
        }
    }
    let mut out = Vec::new();
    for &p in placed {
        if let Some(below) = folders.get(p) {
            out.push(InTheWay::AFolder { file: p, below });
        }
        if let Some((i, _)) = p.match_indices('/').find(|(i, _)| files.contains(&p[..*i])) {
            out.push(InTheWay::AFile {
                path: p,
                file: &p[..i],
            });
        }
    }
    out
}

/// Why an output folder may not be used, checked before anything is rendered.
pub fn check_out_dir(root: &Path, out: &Path, force: bool) -> Result<(), Diagnostic> {
    let shown = out.display().to_string();
    let root_abs = absolute(root);
    let out_abs = absolute(out);
    if out_abs == root_abs || root_abs.starts_with(&out_abs) {
        return Err(Diagnostic::new(
            shown,
            "the output folder may not be the investigation's root or contain it",
        )
        .with_hint("build into a folder of its own, such as `public`"));
    }
    // What dossier reads: a site built there would be read back as
    // content, templates or a theme by the next build.
    for input in ["content", "templates", "themes"] {
        let folder = root_abs.join(input);
        if out_abs.starts_with(&folder) || folder.starts_with(&out_abs) {
            return Err(Diagnostic::new(
                shown,
                format!("the output folder may not be `{input}/`, lie inside it, or contain it"),
            )
            .with_hint("build into a folder of its own, such as `public`"));
        }
    }
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Diagnostic::new(
            shown,
            format!("cannot read the output folder: {e}"),
        )),
        Ok(meta) if !meta.is_dir() => Err(Diagnostic::new(
            shown,
            "the output path exists and is not a folder",
        )
        .with_hint("remove it, or choose another folder with --out")),
        Ok(_) => {
            let mut entries = fs::read_dir(out).map_err(|e| {
                Diagnostic::new(shown.clone(), format!("cannot read the output folder: {e}"))
            })?;
            let empty = entries.next().is_none();
            if empty || force || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(Diagnostic::new(shown, format!("refusing to replace a folder that dossier did not write (it has no `{MARKER}` marker file)"))
                    .with_hint("choose another folder with --out, or pass --force to replace it"))
            }
        }
    }
}

/// Makes a path absolute and lexically clean without touching the disk
/// beyond the current directory (the output folder may not exist yet).
fn absolute(p: &Path) -> PathBuf {
    let base = if p.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let mut out = PathBuf::new();
    for c in base.join(p).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symbolic links as far as the path exists, so two spellings
    // of the same folder compare equal, a link on the way included
    // (`c/x` with `c` a link to `content`, where `x` is still to be made).
    let mut rest = Vec::new();
    let mut existing = out.as_path();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return out,
        }
    }
}

/// A relative output path that cannot leave the output folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let ok = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| p.to_path_buf())
}

fn staging_path(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.dossier-{suffix}"))
}

/// Where the files of a site go as they are made: the staging folder of a
/// build, or memory. Pages are put from several threads at once.
pub trait Sink: Sync {
    /// Puts one file, `path` relative to the site root with `/`
    /// (`actors/x/index.html`). A later put of the same path replaces it.
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()>;

    /// Adds `bytes` to the end of the file at `path`, begun by
    /// [`Sink::put`]: an export's large file is handed on in parts as it
    /// is made, so that it is never whole in memory (issue 18).
    fn append(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

/// The whole site in memory (the preview server's search index, tests).
#[derive(Default)]
pub struct InMemory(Mutex<Output>);

impl InMemory {
    pub fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for InMemory {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let mut out = self.0.lock().unwrap_or_else(|e| e.into_inner());
        out.insert(path, bytes);
        Ok(())
    }

    fn append(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let mut out = self.0.lock().unwrap_or_else(|e| e.into_inner());
        out.files
            .entry(path.to_owned())
            .or_default()
            .extend_from_slice(bytes);
        Ok(())
    }
}

/// How much a build wrote: files, of which HTML pages, and bytes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub pages: usize,
    pub bytes: usize,
}

/// A site being written, file by file as each is made, into a staging
/// folder beside the output folder (`.public.dossier-staging`), and swapped
/// in whole by [`Staging::finish`]: a reader, and a build that fails
/// halfway, see the old site or the new one, never a mix. Dropped
/// unfinished, the staging folder is removed and the output folder is
/// left exactly as it was.
pub struct Staging {
    /// Held from the start of staging to the end of the swap: two builds
    /// into one output folder at once take turns (see [`lock_beside`]).
    _lock: fs::File,
    staging: PathBuf,
    out: PathBuf,
    /// Folders made so far, so that each is made once.
    folders: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    pages: AtomicUsize,
    bytes: AtomicUsize,
    finished: bool,
}

impl Staging {
    /// Makes an empty staging folder for `out` (removing one a killed build
    /// left behind). When another build is writing into `out` at the
    /// time, `waiting` is called once and this waits for it to finish.
    pub fn begin(out: &Path, waiting: &mut dyn FnMut()) -> io::Result<Staging> {
        let lock = lock_beside(out, waiting)?;
        let staging = staging_path(out, "staging");
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir_all(&staging)?;
        Ok(Staging {
            _lock: lock,
            staging,
            out: out.to_path_buf(),
            folders: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            finished: false,
        })
    }

    /// Marks the staged folder as dossier's and swaps it in place of the
    /// output folder. Dot-entries at the top of the old folder (such as
    /// `.git`) move over.
    pub fn finish(mut self) -> io::Result<Written> {
        fs::write(self.staging.join(MARKER), MARKER_TEXT)?;
        swap(&self.staging, &self.out)?;
        self.finished = true;
        Ok(Written {
            files: self.files.load(Ordering::Relaxed),
            pages: self.pages.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

/// [`safe_relative`], or the error a sink gives for a path that would
/// leave the staging folder.
fn checked_relative(path: &str) -> io::Result<PathBuf> {
    safe_relative(path).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unsafe output path `{path}`"),
        )
    })
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = checked_relative(path)?;
        if let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) {
            let new = {
                let folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
                !folders.contains(parent)
            };
            if new {
                // Made outside the lock: two threads making one folder is harmless.
                fs::create_dir_all(self.staging.join(parent))?;
                let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
                folders.insert(parent.to_path_buf());
            }
        }
        fs::write(self.staging.join(&rel), bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(())
    }

    fn append(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        // Only a file `put` began is added to: its folder was made then.
        let rel = checked_relative(path)?;
        let mut file = fs::OpenOptions::new()
            .append(true)
            .open(self.staging.join(&rel))?;
        file.write_all(bytes)?;
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Writes `site` into a staging folder beside `out`, then swaps it in
/// (see [`Staging`]).
pub fn write_site(site: &Output, out: &Path) -> io::Result<Written> {
    let staging = Staging::begin(out, &mut || {})?;
    site.files
        .par_iter()
        .try_for_each(|(path, bytes)| staging.put(path, bytes))?;
    staging.finish()
}

/// An exclusive lock for writing into `out`: the folder that holds `out`
/// (where its staging and old folders go) on Unix, a lock file
/// `.<out>.dossier-lock` beside `out` elsewhere, where a folder cannot be
/// opened as a file. Two builds sharing one staging folder made a site
/// with pages missing while one of them said it was built. Released when
/// the file is dropped, or when the process ends however it ends.
fn lock_beside(out: &Path, waiting: &mut dyn FnMut()) -> io::Result<fs::File> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    #[cfg(unix)]
    let file = fs::File::open(&parent)?;
    #[cfg(not(unix))]
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(staging_path(out, "lock"))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock()?;
            Ok(file)
        }
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

fn swap(staging: &Path, out: &Path) -> io::Result<()> {
    if !out.exists() {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        return fs::rename(staging, out);
    }
    // Carry the old folder's dot-entries over (not the marker: a new one is written).
    let mut moved: Vec<std::ffi::OsString> = Vec::new();
    for entry in fs::read_dir(out)? {
        let name = entry?.file_name();
        if name.to_string_lossy().starts_with('.') && name != MARKER {
            if let Err(e) = fs::rename(out.join(&name), staging.join(&name)) {
                for n in &moved {
                    let _ = fs::rename(staging.join(n), out.join(n));
                }
                return Err(e);
            }
            moved.push(name);
        }
    }
    let old = staging_path(out, "old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(out, &old)?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        for n in &moved {
            let _ = fs::rename(staging.join(n), out.join(n));
        }
        return Err(e);
    }
    fs::remove_dir_all(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The preview's sink keeps a file handed on in parts (an export's
    /// large file) whole, as the staging folder writes it; a later put
    /// still replaces it.
    #[test]
    fn parts_appended_in_memory_make_the_whole_file() {
        let sink = InMemory::default();
        sink.put("data/events.json", b"[1,").unwrap();
        sink.append("data/events.json", b"2,").unwrap();
        sink.put("feed.xml", b"<feed/>").unwrap();
        sink.append("data/events.json", b"3]").unwrap();
        sink.put("index.html", b"x").unwrap();
        sink.put("index.html", b"y").unwrap();
        let out = sink.into_output();
        assert_eq!(out.files["data/events.json"], b"[1,2,3]");
        assert_eq!(out.files["index.html"], b"y");
        assert_eq!(out.files.len(), 3);
    }

    #[test]
    fn files_in_the_way_of_folders_and_folders_of_files() {
        let made: Vec<String> = [
            "index.html",
            "timeline/index.html",
            "feed.xml",
            "data/actors.json",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            in_the_way(
                &[
                    "timeline",
                    "feed.xml/a.txt",
                    "data",
                    "docs/a.pdf",
                    "feed.xml"
                ],
                &made
            ),
            [
                InTheWay::AFolder {
                    file: "timeline",
                    below: "timeline/index.html"
                },
                InTheWay::AFile {
                    path: "feed.xml/a.txt",
                    file: "feed.xml"
                },
                InTheWay::AFolder {
                    file: "data",
                    below: "data/actors.json"
                },
            ]
        );
    }

    #[test]
    fn relative_paths_only() {
        assert!(safe_relative("a/b.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("").is_none());
    }

    #[test]
    fn swap_keeps_dotfiles_and_drops_stale_pages() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        fs::write(out.join("stale.html"), "old").unwrap();
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        let mut site = Output::default();
        site.insert("index.html", "<p>new");
        site.insert("a/b/index.html", "<p>deep");
        write_site(&site, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
        assert!(!out.join("stale.html").exists());
        assert_eq!(
            fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "<p>deep"
        );
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("public")]);
    }

    #[test]
    fn foreign_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("mine.txt"), "x").unwrap();
        let err = check_out_dir(dir.path(), &out, false).unwrap_err();
        assert!(err.message.contains("did not write"), "{}", err.message);
        assert!(check_out_dir(dir.path(), &out, true).is_ok());
        assert!(check_out_dir(dir.path(), dir.path(), true).is_err());
        assert!(check_out_dir(dir.path(), &dir.path().join("content"), true).is_err());
        assert!(check_out_dir(&dir.path().join("inv"), dir.path(), true).is_err());
    }
}
