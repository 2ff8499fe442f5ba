//! Loading: walk `content/` in a fixed order, read and parse every file
//! (in parallel), and keep each record's spans for the model's messages.
//! Nothing here judges what the records mean; that is the model's job.

pub mod article;
pub mod raw;

use crate::diag::{Diagnostic, Diagnostics, did_you_mean, display_path};
use article::{WireCopy, read_wire_copy, split_front_matter};
use raw::{OneOrMany, RawActor, RawArticleMeta, RawEvent, RawSite, RawSource};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Files larger than this are refused before they are parsed.
const MAX_YAML_BYTES: u64 = 16 << 20;
const MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// A file that was read, kept for quoting its lines in messages.
#[derive(Debug)]
pub struct SourceFile {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub text: String,
    /// Lines before the YAML starts (front matter: 1), added to YAML positions.
    pub yaml_line_offset: usize,
}

/// A record and the file it came from.
#[derive(Debug)]
pub struct Located<T> {
    pub file: usize,
    pub record: Spanned<T>,
}

#[derive(Debug)]
pub enum ArticleBody {
    Markdown { text: String, first_line: usize },
    Wire(WireCopy),
}

#[derive(Debug)]
pub struct RawArticle {
    /// The article's own file.
    pub file: usize,
    /// The file stem, for the default slug.
    pub stem: String,
    /// Front matter or sidecar, and the file it is in.
    pub meta: Option<Located<RawArticleMeta>>,
    pub body: ArticleBody,
}

/// Everything read from an investigation, not yet validated.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub site: Option<Located<RawSite>>,
    pub actors: Vec<Located<RawActor>>,
    pub events: Vec<Located<RawEvent>>,
    pub sources: Vec<Located<RawSource>>,
    pub articles: Vec<RawArticle>,
    /// `content/static/`, relative output path to bytes.
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl Loaded {
    /// A diagnostic at a YAML position of file `file`.
    pub fn at(
        &self,
        file: usize,
        loc: &serde_saphyr::Location,
        message: impl Into<String>,
    ) -> Diagnostic {
        let f = &self.files[file];
        let line = loc.line() as usize;
        if line == 0 {
            return Diagnostic::new(f.path.clone(), message);
        }
        Diagnostic::at(
            f.path.clone(),
            &f.text,
            line + f.yaml_line_offset,
            loc.column() as usize,
            message,
        )
    }

    /// A diagnostic at a 1-based line of file `file` (no YAML offset).
    pub fn at_line(
        &self,
        file: usize,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let f = &self.files[file];
        Diagnostic::at(f.path.clone(), &f.text, line, column, message)
    }
}

/// Which kind of file a path below `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Site,
    Actors,
    Events,
    Sources,
    ArticleMd,
    ArticleTxt,
    Sidecar,
    Static,
}

const TOP_LEVEL: &[&str] = &[
    "site.yaml",
    "articles",
    "actors.yaml",
    "actors",
    "events.yaml",
    "events",
    "sources.yaml",
    "sources",
    "static",
];

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Loads the investigation at `root`. Returns every problem found on the way.
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    load_inner(root, None)
}

/// [`load`], re-parsing only the files that changed since `cache` last saw
/// them (see [`Cache`]). The result is the one [`load`] would give.
pub fn load_with(root: &Path, cache: &mut Cache) -> Result<Loaded, Diagnostics> {
    load_inner(root, Some(cache))
}

fn load_inner(root: &Path, cache: Option<&mut Cache>) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::new(display_path(root, &content), "there is no `content/` folder here")
                .with_hint("run the command in an investigation's folder, pass --root, or start one with `dossier new <dir>`"),
        );
        return Err(diags);
    }
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut entries: Vec<(String, PathBuf, Role)> = Vec::new();
    let walker = WalkDir::new(&content).follow_links(true).into_iter();
    for entry in
        walker.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::new(at, crate::diag::walk_error_message(&e)));
                continue;
            }
        };
        // Only for messages: most entries never need it.
        let shown = || display_path(root, entry.path());
        if let Some(d) = crate::diag::link_out_of_root(root, &canonical_root, &entry) {
            diags.push(d);
            continue;
        }
        let rel = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        let mut parts = rel_str.split('/');
        let top = parts.next().unwrap_or("");
        let is_file = entry.file_type().is_file();
        if entry.depth() == 1
            && !TOP_LEVEL.contains(&top)
            && !(top.ends_with(".yml")
                && TOP_LEVEL.contains(&format!("{}.yaml", top.trim_end_matches(".yml")).as_str()))
        {
            diags.push(
                Diagnostic::new(shown(), format!("`{top}` is not part of the content format"))
                    .maybe_hint(did_you_mean(top, TOP_LEVEL.iter().copied()))
                    .with_hint_default("content/ holds site.yaml, articles/, actors, events, sources (a .yaml file or a folder) and static/"),
            );
            continue;
        }
        if !is_file {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let role = match top {
            "site.yaml" => Role::Site,
            "actors.yaml" | "actors.yml" => Role::Actors,
            "events.yaml" | "events.yml" => Role::Events,
            "sources.yaml" | "sources.yml" => Role::Sources,
            "actors" | "events" | "sources" if !is_yaml(&name) => continue,
            "actors" => Role::Actors,
            "events" => Role::Events,
            "sources" => Role::Sources,
            "static" => Role::Static,
            "articles" if name.ends_with(".md") => Role::ArticleMd,
            "articles" if name.ends_with(".txt") => Role::ArticleTxt,
            "articles" if is_yaml(&name) => Role::Sidecar,
            "articles" => {
                diags.push(
                    Diagnostic::new(shown(), "stray file among the articles: only .md and .txt articles (and .yaml sidecars of .txt articles) belong here")
                        .with_hint("move it to content/static/ to publish it as a file, or remove it"),
                );
                continue;
            }
            _ => continue,
        };
        entries.push((rel_str, entry.into_path(), role));
    }
    // Content order: byte-wise sorted relative paths.
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));

    // Sidecars belong to the .txt article with the same stem beside them.
    let stem_of = |rel: &str| {
        rel.rsplit_once('.')
            .map(|(s, _)| s.to_owned())
            .unwrap_or_else(|| rel.to_owned())
    };
    let txt_stems: std::collections::HashSet<String> = entries
        .iter()
        .filter(|e| e.2 == Role::ArticleTxt)
        .map(|e| stem_of(&e.0))
        .collect();
    let md_stems: std::collections::HashSet<String> = entries
        .iter()
        .filter(|e| e.2 == Role::ArticleMd)
        .map(|e| stem_of(&e.0))
        .collect();
    let mut sidecars: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    entries.retain(|(rel, path, role)| {
        if *role != Role::Sidecar {
            return true;
        }
        let stem = stem_of(rel);
        let shown = format!("content/{rel}");
        if !txt_stems.contains(&stem) {
            let hint = if md_stems.contains(&stem) {
                "a Markdown article keeps its metadata in front matter between `---` lines, not in a sidecar"
            } else {
                "a sidecar needs a .txt article with the same name beside it"
            };
            diags.push(Diagnostic::new(shown, "stray file among the articles: a .yaml sidecar without its .txt article").with_hint(hint));
        } else if let Some(other) = sidecars.get(&stem) {
            diags.push(Diagnostic::new(shown, format!("this article already has a sidecar: `{}`", display_path(root, other))).with_hint("keep one of the two"));
        } else {
            sidecars.insert(stem, path.clone());
        }
        false
    });

    let Some(cache) = cache else {
        let parsed = parse_all(root, &entries, &sidecars, &stem_of);
        let mut loaded = Loaded::default();
        reserve(&mut loaded, parsed.iter());
        for mut p in parsed {
            diags.extend(std::mem::take(&mut p.diags));
            assemble(&mut loaded, p);
        }
        let has_site = loaded.site.is_some();
        return finish(loaded, has_site, diags);
    };

    // The same, through the cache: each entry is parsed again only when its
    // file (or its sidecar) is not the one parsed last time.
    if cache.root != root {
        *cache = Cache {
            root: root.to_path_buf(),
            ..Cache::default()
        };
    }
    let keys: Vec<Option<EntryKey>> = entries
        .par_iter()
        .map(|(rel, path, _)| {
            let sidecar = sidecars.get(&stem_of(rel)).map(PathBuf::as_path);
            EntryKey::of(path, sidecar)
        })
        .collect();
    let stale: Vec<usize> = (0..entries.len())
        .filter(|&i| {
            let fresh = keys[i].as_ref().zip(cache.entries.get(&entries[i].0));
            !fresh.is_some_and(|(key, cached)| cached.parsed.is_some() && cached.key.reusable(key))
        })
        .collect();
    cache.handed_out = None;
    cache.reparsed = stale.len();
    let reparsed = parse_some(root, &entries, &stale, &sidecars, &stem_of);
    for (&i, p) in stale.iter().zip(reparsed) {
        cache.entries.insert(
            entries[i].0.clone(),
            CachedEntry {
                // A file that cannot be looked at is read again next time.
                key: keys[i].clone().unwrap_or(EntryKey {
                    racy: true,
                    ..EntryKey::default()
                }),
                parsed: Some(p),
            },
        );
    }
    let seen: std::collections::HashSet<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    cache.entries.retain(|rel, _| seen.contains(rel.as_str()));
    cache.shapes.clear();

    let parsed_at = |rel: &str| {
        cache.entries[rel]
            .parsed
            .as_ref()
            .expect("every entry was parsed above")
    };
    let mut has_site = false;
    for (rel, _, _) in &entries {
        let p = parsed_at(rel);
        diags.extend(p.diags.iter().cloned());
        has_site |= matches!(p.item, Item::Site(_));
    }
    let mut loaded = Loaded::default();
    if diags.is_empty() {
        // Handed out (moved, not copied); `Cache::give_back` puts them back.
        reserve(&mut loaded, entries.iter().map(|e| parsed_at(&e.0)));
        for (rel, _, _) in &entries {
            let cached = cache.entries.get_mut(rel).expect("every entry is cached");
            let p = cached.parsed.take().expect("every entry was parsed above");
            let shown = p.files.first().map(|f| f.path.clone());
            let (files, item) = assemble(&mut loaded, p);
            cache.shapes.push(Shape {
                rel: rel.clone(),
                shown,
                files,
                item,
            });
        }
        cache.handed_out = Some(Counts::of(&loaded));
    }
    finish(loaded, has_site, diags)
}

/// The end of every load: a missing site.yaml is reported, unless
/// reading it failed.
fn finish(loaded: Loaded, has_site: bool, mut diags: Diagnostics) -> Result<Loaded, Diagnostics> {
    if !has_site && !diags.iter().any(|d| d.path == "content/site.yaml") {
        diags.push(
            Diagnostic::new(
                "content/site.yaml",
                "missing: every investigation needs a site.yaml with at least a `title`",
            )
            .with_hint("create it with a line such as `title: The Pegasus Project`"),
        );
    }
    if diags.is_empty() {
        Ok(loaded)
    } else {
        Err(diags)
    }
}

type Entry = (String, PathBuf, Role);

fn parse_all(
    root: &Path,
    entries: &[Entry],
    sidecars: &std::collections::HashMap<String, PathBuf>,
    stem_of: &(impl Fn(&str) -> String + Sync),
) -> Vec<Parsed> {
    let all: Vec<usize> = (0..entries.len()).collect();
    parse_some(root, entries, &all, sidecars, stem_of)
}

/// Parses the entries at `which` (in parallel), in the order given.
fn parse_some(
    root: &Path,
    entries: &[Entry],
    which: &[usize],
    sidecars: &std::collections::HashMap<String, PathBuf>,
    stem_of: &(impl Fn(&str) -> String + Sync),
) -> Vec<Parsed> {
    // Data files can hold thousands of records each and come last in path
    // order: parsed first, one task per file, so that no core is left with
    // a run of them while the other has finished.
    let mut order: Vec<usize> = (0..which.len()).collect();
    order.sort_by_key(|&k| {
        !matches!(
            entries[which[k]].2,
            Role::Actors | Role::Events | Role::Sources
        )
    });
    let mut parsed: Vec<(usize, Parsed)> = order
        .into_par_iter()
        .with_max_len(1)
        .map(|k| {
            let (rel, path, role) = &entries[which[k]];
            let sidecar = sidecars.get(&stem_of(rel)).map(PathBuf::as_path);
            (k, parse_entry(root, rel, path, *role, sidecar))
        })
        .collect();
    parsed.sort_unstable_by_key(|(k, _)| *k);
    parsed.into_iter().map(|(_, p)| p).collect()
}

/// Makes room in `loaded` for all that `parsed` will add: the records are
/// large, and moved once rather than again at every growth of a list.
fn reserve<'a>(loaded: &mut Loaded, parsed: impl Iterator<Item = &'a Parsed>) {
    let (mut files, mut actors, mut events, mut sources, mut articles) = (0, 0, 0, 0, 0);
    for p in parsed {
        files += p.files.len();
        match &p.item {
            Item::Actors(rs) => actors += rs.len(),
            Item::Events(rs) => events += rs.len(),
            Item::Sources(rs) => sources += rs.len(),
            Item::Article { .. } => articles += 1,
            _ => {}
        }
    }
    loaded.files.reserve(files);
    loaded.actors.reserve(actors);
    loaded.events.reserve(events);
    loaded.sources.reserve(sources);
    loaded.articles.reserve(articles);
}

/// The records of one file, each with the file it came from.
fn located<T>(file: usize, records: Vec<Spanned<T>>) -> impl Iterator<Item = Located<T>> {
    records
        .into_iter()
        .map(move |record| Located { file, record })
}

/// Adds what one entry produced to `loaded` (its problems aside), and says
/// what it added.
fn assemble(loaded: &mut Loaded, p: Parsed) -> (usize, ItemShape) {
    let base = loaded.files.len();
    let files = p.files.len();
    loaded.files.extend(p.files);
    let item = match p.item {
        Item::Nothing => ItemShape::Nothing,
        Item::Site(r) => {
            loaded.site = Some(Located {
                file: base,
                record: r,
            });
            ItemShape::Site
        }
        Item::Actors(rs) => {
            let n = rs.len();
            loaded.actors.extend(located(base, rs));
            ItemShape::Actors(n)
        }
        Item::Events(rs) => {
            let n = rs.len();
            loaded.events.extend(located(base, rs));
            ItemShape::Events(n)
        }
        Item::Sources(rs) => {
            let n = rs.len();
            loaded.sources.extend(located(base, rs));
            ItemShape::Sources(n)
        }
        Item::Article {
            stem,
            meta,
            meta_file,
            body,
        } => {
            loaded.articles.push(RawArticle {
                file: base,
                stem,
                meta: meta.map(|r| Located {
                    file: base + meta_file,
                    record: r,
                }),
                body,
            });
            ItemShape::Article { meta_file }
        }
        Item::Static(rel, bytes) => {
            loaded.static_files.push((rel, bytes));
            ItemShape::Static
        }
    };
    (files, item)
}

/// Parse results kept from one load to the next, for `dossier serve`: an
/// entry of `content/` is read and parsed again only when its file (or a
/// `.txt` article's sidecar) changed: another length, modification time,
/// or (on Unix) inode or status-change time. The walk of `content/` runs
/// every time, so added, removed and renamed files are always seen.
///
/// A file modified within [`RACY`] of being looked at is parsed again next
/// time too: a second write within the file system's clock tick could
/// leave its time and length as they were.
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
}

struct CachedEntry {
    key: EntryKey,
    /// `None` while handed out in a `Loaded`, or after a failed give-back.
    parsed: Option<Parsed>,
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
struct FileKey {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// (device, inode, status-change time in ns) on Unix.
    unix: (u64, u64, i64, i64),
}

impl FileKey {
    fn of(path: &Path, now: std::time::SystemTime) -> Option<(FileKey, bool)> {
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
}

#[derive(Clone, Copy)]
enum ItemShape {
    Nothing,
    Site,
    Actors(usize),
    Events(usize),
    Sources(usize),
    Article { meta_file: usize },
    Static,
}

/// What tells the `Loaded` a load handed out from any other: its sizes, and
/// where its lists are in memory (the very same lists come back).
#[derive(PartialEq, Eq, Clone, Copy)]
struct Counts {
    at: (usize, usize, usize),
    files: usize,
    site: bool,
    actors: usize,
    events: usize,
    sources: usize,
    articles: usize,
    static_files: usize,
}

impl Counts {
    fn of(l: &Loaded) -> Counts {
        Counts {
            at: (
                l.files.as_ptr() as usize,
                l.articles.as_ptr() as usize,
                l.events.as_ptr() as usize,
            ),
            files: l.files.len(),
            site: l.site.is_some(),
            actors: l.actors.len(),
            events: l.events.len(),
            sources: l.sources.len(),
            articles: l.articles.len(),
            static_files: l.static_files.len(),
        }
    }
}

impl Cache {
    /// A cache that has seen nothing yet.
    pub fn new() -> Self {
        Cache::default()
    }

    /// How many entries of `content/` (a file, or an article with its
    /// sidecar) the last load read and parsed rather than reused.
    pub fn reparsed(&self) -> usize {
        self.reparsed
    }

    /// Takes back the records of the last successful [`load_with`], so
    /// that the next load reuses them instead of parsing their files
    /// again. `loaded` must be that result, unchanged; anything else is
    /// dropped (and every file parsed again next time).
    pub fn give_back(&mut self, loaded: Loaded) {
        let shapes = std::mem::take(&mut self.shapes);
        if self.handed_out.take() != Some(Counts::of(&loaded)) {
            return;
        }
        let mut files = loaded.files.into_iter();
        let mut site = loaded.site;
        let mut actors = loaded.actors.into_iter();
        let mut events = loaded.events.into_iter();
        let mut sources = loaded.sources.into_iter();
        let mut articles = loaded.articles.into_iter();
        let mut statics = loaded.static_files.into_iter();
        let mut back = Vec::with_capacity(shapes.len());
        for shape in shapes {
            let own: Vec<SourceFile> = files.by_ref().take(shape.files).collect();
            if own.len() != shape.files || own.first().map(|f| &f.path) != shape.shown.as_ref() {
                return;
            }
            let item = match shape.item {
                ItemShape::Nothing => Item::Nothing,
                ItemShape::Site => match site.take() {
                    Some(l) => Item::Site(l.record),
                    None => return,
                },
                ItemShape::Actors(n) => {
                    Item::Actors(actors.by_ref().take(n).map(|l| l.record).collect())
                }
                ItemShape::Events(n) => {
                    Item::Events(events.by_ref().take(n).map(|l| l.record).collect())
                }
                ItemShape::Sources(n) => {
                    Item::Sources(sources.by_ref().take(n).map(|l| l.record).collect())
                }
                ItemShape::Article { meta_file } => match articles.next() {
                    Some(a) => Item::Article {
                        stem: a.stem,
                        meta: a.meta.map(|l| l.record),
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
                },
            ));
        }
        // Everything matched: the records go back where they came from.
        for (rel, parsed) in back {
            if let Some(entry) = self.entries.get_mut(&rel) {
                if entry.parsed.is_none() {
                    entry.parsed = Some(parsed);
                }
            }
        }
    }
}

enum Item {
    Nothing,
    Site(Spanned<RawSite>),
    Actors(Vec<Spanned<RawActor>>),
    Events(Vec<Spanned<RawEvent>>),
    Sources(Vec<Spanned<RawSource>>),
    Article {
        stem: String,
        meta: Option<Spanned<RawArticleMeta>>,
        meta_file: usize,
        body: ArticleBody,
    },
    Static(String, Vec<u8>),
}

/// What one entry produced: its files (the article, then its sidecar), the item, problems.
struct Parsed {
    files: Vec<SourceFile>,
    item: Item,
    diags: Vec<Diagnostic>,
}

fn read_text(root: &Path, path: &Path, limit: u64) -> Result<String, Diagnostic> {
    let shown = display_path(root, path);
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::new(shown.clone(), format!("cannot read this file: {e}")))?;
    if meta.len() > limit {
        return Err(Diagnostic::new(
            shown,
            format!(
                "this file is {} MiB; the limit is {} MiB",
                meta.len() >> 20,
                limit >> 20
            ),
        )
        .with_hint("split it into several files"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::new(shown.clone(), format!("cannot read this file: {e}")))?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let (line, col) = crate::diag::line_col(&text, good);
        let mut d = Diagnostic::new(shown, "this file is not valid UTF-8 text")
            .with_hint("save it as UTF-8 in your editor");
        d.line = Some(line);
        d.column = Some(col);
        d
    })
}

/// Parses YAML, turning a parse error into a diagnostic at the file's line.
pub fn parse_yaml<T: DeserializeOwned>(file: &SourceFile, yaml: &str) -> Result<T, Diagnostic> {
    // Budgets bound time and memory on hostile input (alias bombs, deep nesting).
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_nodes: 2_000_000,
            max_aliases: 1_000,
            max_total_scalar_bytes: 64 << 20,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! { max_total_replayed_events: 100_000 },
    };
    serde_saphyr::from_str_with_options::<T>(yaml, options).map_err(|e| yaml_diagnostic(file, &e))
}

fn yaml_diagnostic(file: &SourceFile, e: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};
    let mut inner = e;
    while let serde_saphyr::Error::WithSnippet { error, .. }
    | serde_saphyr::Error::AliasError { error, .. } = inner
    {
        inner = error;
    }
    let message = DefaultMessageFormatter.format_message(inner).into_owned();
    let message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    let message = message.replace("; use Option<String>", "");
    // The parser's words name its state; say what the author should write.
    let message = match message.as_str() {
        "expected sequence start" => {
            "expected a list here, such as `[a, b]` or one `- item` per line".to_owned()
        }
        "expected mapping start" => "expected a record here: `field: value` lines".to_owned(),
        "cannot deserialize null into string" => {
            "this field is empty: give it a value or remove the line".to_owned()
        }
        _ => message,
    };
    let d = match e.location() {
        Some(l) if l.line() > 0 => Diagnostic::at(
            file.path.clone(),
            &file.text,
            l.line() as usize + file.yaml_line_offset,
            l.column() as usize,
            message,
        ),
        _ => Diagnostic::new(file.path.clone(), message),
    };
    let hint = if d.message.contains("budget")
        || d.message.contains("depth")
        || d.message.contains("alias")
    {
        Some("the file is nested too deeply or expands too many aliases to be content".to_owned())
    } else {
        None
    };
    d.maybe_hint(hint)
}

fn parse_entry(root: &Path, rel: &str, path: &Path, role: Role, sidecar: Option<&Path>) -> Parsed {
    let mut out = Parsed {
        files: Vec::new(),
        item: Item::Nothing,
        diags: Vec::new(),
    };
    if role == Role::Static {
        let key = rel.strip_prefix("static/").unwrap_or(rel).to_owned();
        match std::fs::read(path) {
            Ok(bytes) => out.item = Item::Static(key, bytes),
            Err(e) => out.diags.push(Diagnostic::new(
                display_path(root, path),
                format!("cannot read this file: {e}"),
            )),
        }
        return out;
    }
    let limit = if matches!(role, Role::ArticleMd | Role::ArticleTxt) {
        MAX_ARTICLE_BYTES
    } else {
        MAX_YAML_BYTES
    };
    let text = match read_text(root, path, limit) {
        Ok(t) => t,
        Err(d) => {
            out.diags.push(d);
            return out;
        }
    };
    let file = SourceFile {
        path: display_path(root, path),
        text,
        yaml_line_offset: 0,
    };
    match role {
        Role::Site => match parse_yaml::<Option<Spanned<RawSite>>>(&file, &file.text) {
            Ok(Some(r)) => out.item = Item::Site(r),
            Ok(None) => out.diags.push(Diagnostic::new(
                file.path.clone(),
                "site.yaml is empty: it needs at least a `title`",
            )),
            Err(d) => out.diags.push(d),
        },
        Role::Actors => {
            out.item = records(&file, &mut out.diags)
                .map(Item::Actors)
                .unwrap_or(Item::Nothing)
        }
        Role::Events => {
            out.item = records(&file, &mut out.diags)
                .map(Item::Events)
                .unwrap_or(Item::Nothing)
        }
        Role::Sources => {
            out.item = records(&file, &mut out.diags)
                .map(Item::Sources)
                .unwrap_or(Item::Nothing)
        }
        Role::ArticleMd => {
            let stem = file_stem(path);
            match split_front_matter(&file.text) {
                Err(line) => out.diags.push(
                    Diagnostic::at(file.path.clone(), &file.text, line, 1, "front matter opened here is never closed")
                        .with_hint("end the metadata block with a line `---`"),
                ),
                Ok(None) => out.diags.push(
                    Diagnostic::at(file.path.clone(), &file.text, 1, 1, "a Markdown article starts with front matter: a line `---`, YAML metadata (title, date), and `---`"),
                ),
                Ok(Some(fm)) => {
                    let body = ArticleBody::Markdown { text: fm.body.to_owned(), first_line: fm.body_line };
                    // The file's text moves into the record kept for messages, not copied.
                    let yaml_start = fm.yaml.as_ptr() as usize - file.text.as_ptr() as usize;
                    let yaml_range = yaml_start..yaml_start + fm.yaml.len();
                    let yaml_line_offset = fm.yaml_line - 1;
                    let yaml_file = SourceFile { path: file.path, text: file.text, yaml_line_offset };
                    let meta = match parse_yaml::<Option<Spanned<RawArticleMeta>>>(&yaml_file, &yaml_file.text[yaml_range]) {
                        Ok(m) => m,
                        Err(d) => {
                            out.diags.push(d);
                            None
                        }
                    };
                    out.files.push(yaml_file);
                    out.item = Item::Article { stem, meta, meta_file: 0, body };
                    return out;
                }
            }
        }
        Role::ArticleTxt => {
            let stem = file_stem(path);
            let mut meta = None;
            out.files.push(file);
            if let Some(side) = sidecar {
                match read_text(root, side, MAX_YAML_BYTES) {
                    Ok(text) => {
                        let side_file = SourceFile {
                            path: display_path(root, side),
                            text,
                            yaml_line_offset: 0,
                        };
                        match parse_yaml::<Option<Spanned<RawArticleMeta>>>(
                            &side_file,
                            &side_file.text,
                        ) {
                            Ok(m) => meta = m,
                            Err(d) => out.diags.push(d),
                        }
                        out.files.push(side_file);
                    }
                    Err(d) => out.diags.push(d),
                }
            }
            let title = meta
                .as_ref()
                .and_then(|m: &Spanned<RawArticleMeta>| m.value.title.as_ref())
                .map(|t| t.value.clone());
            let wire = read_wire_copy(&out.files[0].text, title.as_deref());
            out.item = Item::Article {
                stem,
                meta,
                meta_file: 1,
                body: ArticleBody::Wire(wire),
            };
            return out;
        }
        Role::Sidecar | Role::Static => {}
    }
    out.files.push(file);
    out
}

fn records<T: DeserializeOwned>(
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Spanned<T>>> {
    match parse_yaml::<Option<Spanned<OneOrMany<T>>>>(file, &file.text) {
        Ok(r) => Some(r.map(raw::records).unwrap_or_default()),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
