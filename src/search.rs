//! The offline full-text search (content format 1.1, `search/`): every
//! record the site shows is indexed with Pagefind, used as a library, from
//! the pages rendered in memory, and Pagefind's bundle (its script, its
//! WebAssembly and the index files) becomes files of the site, under
//! `search/pagefind/`. The search page's script (the theme's `search.js`)
//! runs it in the reader's browser; nothing is asked of any server.
//!
//! What is indexed derives from the list of kinds ([`findable`]): a record
//! with a page of its own is its page's `<main>`; a record shown as an
//! anchor on a list (an event on the timeline) is the element with its id.
//! Each is given to Pagefind as a small page of its own, with its kind as
//! Pagefind metadata (`kind`), so that a result says what it is and links
//! to the record itself.
//!
//! The records are indexed in parts ([`shards`]): each kind apart, and a
//! kind with much text cut into parts of about [`SHARD_BYTES`], each its own
//! Pagefind index, made in parallel on all cores (Pagefind indexes the pages
//! given to one index one after the other, and compresses its files one
//! after the other). The first part is Pagefind's whole bundle, in
//! `search/pagefind/`; each other part is only its index, in
//! `search/pagefind/<n>/`, listed in `search/pagefind/shards.json`, which
//! the search page merges with Pagefind's `mergeIndex`.

use crate::diag::Diagnostic;
use crate::model::Site;
use crate::render::page::{Findable, findable};
use crate::url;
use crate::write::Output;
use lol_html::{HtmlRewriter, Settings, element, end_tag, text};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

/// Files of Pagefind's bundle that dossier's search page does not use:
/// Pagefind's own user interfaces and its result highlighter (the theme's
/// `search.js` is the interface). Left out to keep the site small.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Pagefind's WebAssembly for text in a language it has no stemmer for.
const UNKNOWN_LANGUAGE: &str = "wasm.unknown.pagefind";

/// How much text (bytes of the records' HTML) one part of the index holds
/// at most, unless a single record is bigger: enough parts for the cores to
/// share the work and for each part's working memory to be small (at most
/// as many parts are indexed at once as there are cores), few enough that
/// the browser fetches few files per search (one word-index file per part
/// and word). At 10,000 articles that is 12 parts (7 of articles, 3 of
/// events, 1 of actors, 1 of sources).
const SHARD_BYTES: usize = 8 << 20;

/// The list of the parts of the index after the first, as paths relative
/// to the bundle (`["1/", "2/"]`), read by the theme's `search.js`.
const SHARDS_FILE: &str = "shards.json";

/// One record as Pagefind reads it: a small HTML page holding what the
/// site shows of the record.
struct Document {
    /// Relative to the site root; Pagefind's script puts the site's path
    /// before it.
    url: String,
    html: String,
    /// The record's kind as shown (`Article`): records of one kind are
    /// indexed together.
    kind: String,
}

/// The search index being made: begun by [`start`], its files given by
/// [`Indexing::finish`].
pub struct Indexing {
    indexer: std::thread::JoinHandle<Result<Vec<Vec<pagefind::api::SyntheticFile>>, String>>,
}

/// Begins the search index of the site whose pages are in `out` (as
/// rendered); see [`Finder`] and [`start_with`].
pub fn start(site: &Site, out: &Output) -> Indexing {
    let finder = Finder::new(site);
    let docs = out
        .files
        .par_iter()
        .flat_map_iter(|(path, html)| finder.documents_of(path, html))
        .collect();
    start_with(site, docs)
}

/// Begins the search index from the documents [`Finder::documents_of`]
/// cut out of the site's pages, in any order: they are indexed in the
/// order of [`findable`], so the same site gives the same index. Pagefind
/// indexes them in parts ([`shards`]) on threads of their own
/// ([`index_all`]).
///
/// Pagefind's interface is async: each part has a runtime of its own (the
/// preview server calls this from within its runtime, where another one
/// may not be started).
pub fn start_with(site: &Site, mut docs: Vec<Found>) -> Indexing {
    docs.sort_by_key(|d| d.0);
    let docs: Vec<Document> = docs.into_iter().map(|d| d.1).collect();
    let lang = site.config.language.clone();
    let indexer = std::thread::Builder::new()
        .name("dossier-search".into())
        .spawn(move || index_all(shards(docs), &lang));
    Indexing {
        indexer: indexer.unwrap_or_else(|e| {
            let e = e.to_string();
            std::thread::spawn(move || Err(format!("cannot start the indexer: {e}")))
        }),
    }
}

/// One record's document, with its place in the order of [`findable`].
pub struct Found(usize, Document);

/// Cuts each record's part out of its page as the page is rendered, so
/// that the pages need not be kept for the index.
pub struct Finder {
    all: Vec<Findable>,
    /// Each page's file (`timeline/index.html`) to the records it shows.
    by_page: HashMap<String, Vec<usize>>,
    lang: String,
}

impl Finder {
    /// What to look for on every page of `site`.
    pub fn new(site: &Site) -> Finder {
        let all = findable(site);
        let mut by_page: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, f) in all.iter().enumerate() {
            by_page.entry(f.page.clone()).or_default().push(i);
        }
        Finder {
            all,
            by_page,
            lang: site.config.language.clone(),
        }
    }

    /// The documents of the records shown on the page at `path` (relative
    /// to the output folder), from its HTML as rendered; none for a page
    /// that shows no record.
    pub fn documents_of(&self, path: &str, html: &[u8]) -> Vec<Found> {
        let Some(records) = self.by_page.get(path) else {
            return Vec::new();
        };
        let wanted: Vec<&Findable> = records.iter().map(|&i| &self.all[i]).collect();
        let mut parts = cut(html, &wanted, "main");
        // A theme of one's own without `<main>`: the whole body.
        if let Some(page) = wanted.iter().position(|f| f.anchor.is_none())
            && parts[page].is_none()
        {
            parts[page] = cut(html, &wanted[page..=page], "body").remove(0);
        }
        records
            .iter()
            .zip(parts)
            .filter_map(|(&i, part)| {
                let part = part?;
                let f = &self.all[i];
                let content = part.content(html);
                Some(Found(
                    i,
                    Document {
                        url: f.url.clone(),
                        html: page_for(&self.lang, &f.kind, &part.title, &content),
                        kind: f.kind.clone(),
                    },
                ))
            })
            .collect()
    }
}

impl Indexing {
    /// Waits for the index and gives its files: each file's path relative
    /// to the output folder, and its bytes. The same pages give the same
    /// bytes.
    ///
    /// Errors only if Pagefind fails, which is a fault in dossier or in
    /// Pagefind, not in the content.
    pub fn finish(self) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let files = self
            .indexer
            .join()
            .unwrap_or_else(|_| Err("the indexer stopped unexpectedly".into()))
            .map_err(|e| {
                Diagnostic::new(
                    url::search(""),
                    format!("cannot build the search index: {e}"),
                )
                .with_hint("this is a bug in dossier; please report it")
            })?;
        Ok(bundle_files(files))
    }
}

/// The search index of the site whose pages are in `out`, made at once
/// (see [`start`]).
pub fn bundle(site: &Site, out: &Output) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    start(site, out).finish()
}

/// Pagefind's files as files of the site: the first part's whole bundle
/// under `search/pagefind/`, less the files the search page does not use;
/// each other part's index files under `search/pagefind/<n>/` (the search
/// page runs them with the first part's script and WebAssembly); and the
/// list of the other parts ([`SHARDS_FILE`]). A part without a word to find
/// (its records are empty) has no index and is left out.
fn bundle_files(shards: Vec<Vec<pagefind::api::SyntheticFile>>) -> Vec<(String, Vec<u8>)> {
    let bundle = url::search_bundle("");
    let mut kept: Vec<(String, Vec<u8>)> = Vec::new();
    let mut merged: Vec<String> = Vec::new();
    for (n, files) in shards.into_iter().enumerate() {
        let names: Vec<String> = files
            .iter()
            .map(|f| f.filename.to_string_lossy().replace('\\', "/"))
            .collect();
        let dir = if n == 0 {
            bundle.clone()
        } else {
            if !names.iter().any(|name| name.ends_with(".pf_meta")) {
                continue;
            }
            let dir = format!("{}/", merged.len() + 1);
            merged.push(dir.clone());
            format!("{bundle}{dir}")
        };
        // The language-neutral WebAssembly is loaded only for a language
        // Pagefind has none of its own for.
        let has_language = names
            .iter()
            .any(|n| n.starts_with("wasm.") && n != UNKNOWN_LANGUAGE);
        kept.extend(
            files
                .into_iter()
                .zip(names)
                .filter(|(_, name)| {
                    if n > 0 {
                        return is_index_file(name);
                    }
                    let unknown_unused = has_language && name == UNKNOWN_LANGUAGE;
                    !UNUSED.contains(&name.as_str()) && !unknown_unused
                })
                .map(|(f, name)| (format!("{dir}{name}"), f.contents)),
        );
    }
    let list = serde_json::to_vec(&merged).unwrap_or_else(|_| b"[]".to_vec());
    kept.push((format!("{bundle}{SHARDS_FILE}"), list));
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    kept
}

/// Whether a file of Pagefind's bundle belongs to its index (what a merged
/// index is read from), not to its script or WebAssembly.
fn is_index_file(name: &str) -> bool {
    name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|dir| name.starts_with(dir))
}

/// The records cut into the parts of the index, each indexed apart: each
/// kind apart (in their order), and a kind whose text is more than
/// [`SHARD_BYTES`] cut into that many parts of about equal text, its
/// records in their order. The parts depend on the records only, never on
/// the number of threads, so that every build writes the same files.
fn shards(docs: Vec<Document>) -> Vec<Vec<Document>> {
    let mut kinds: Vec<Vec<Document>> = Vec::new();
    for doc in docs {
        match kinds.last_mut() {
            Some(kind) if kind[0].kind == doc.kind => kind.push(doc),
            _ => kinds.push(vec![doc]),
        }
    }
    let mut shards = Vec::new();
    for kind in kinds {
        let bytes: usize = kind.iter().map(|d| d.html.len()).sum();
        let parts = bytes.div_ceil(SHARD_BYTES).max(1);
        let per_part = bytes.div_ceil(parts);
        let mut part = Vec::new();
        let mut size = 0;
        for doc in kind {
            size += doc.html.len();
            part.push(doc);
            if size >= per_part {
                shards.push(std::mem::take(&mut part));
                size = 0;
            }
        }
        if !part.is_empty() {
            shards.push(part);
        }
    }
    if shards.is_empty() {
        // No record at all: still one (empty) index, the bundle the search
        // page loads.
        shards.push(Vec::new());
    }
    shards
}

/// Runs Pagefind over each part, at most as many at once as rayon has
/// threads, and gives each part's files in the parts' order.
///
/// The parts run on threads of their own, not rayon's: each blocks on a
/// runtime of its own while Pagefind uses rayon inside it, and a rayon
/// thread waiting for that work could take up another part meanwhile and
/// start a runtime within a runtime, which tokio refuses.
fn index_all(
    shards: Vec<Vec<Document>>,
    lang: &str,
) -> Result<Vec<Vec<pagefind::api::SyntheticFile>>, String> {
    type Files = Result<Vec<pagefind::api::SyntheticFile>, String>;
    let count = shards.len();
    let queue = std::sync::Mutex::new(shards.into_iter().enumerate());
    let done: std::sync::Mutex<Vec<Option<Files>>> =
        std::sync::Mutex::new((0..count).map(|_| None).collect());
    let workers = rayon::current_num_threads().clamp(1, count.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().map(|mut q| q.next()).unwrap_or(None);
                    let Some((n, docs)) = next else { break };
                    let files = index(docs, lang.to_owned());
                    if let Ok(mut done) = done.lock() {
                        done[n] = Some(files);
                    }
                }
            });
        }
    });
    done.into_inner()
        .map_err(|_| "an indexer stopped unexpectedly".to_owned())?
        .into_iter()
        .map(|files| files.unwrap_or_else(|| Err("an indexer stopped unexpectedly".into())))
        .collect()
}

/// Runs Pagefind over `docs`, in their order.
fn index(docs: Vec<Document>, lang: String) -> Result<Vec<pagefind::api::SyntheticFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let config = pagefind::options::PagefindServiceConfig::builder()
            .force_language(lang)
            .build();
        let mut index =
            pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for doc in docs {
            index
                .add_html_file(None, Some(doc.url), doc.html)
                .await
                .map_err(|e| e.to_string())?;
        }
        index.get_files().await.map_err(|e| e.to_string())
    })
}

/// The page Pagefind reads for one record: its content, its title (the
/// text of its first heading, as written in the page, so already escaped)
/// and its kind as metadata.
fn page_for(lang: &str, kind: &str, title: &str, content: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><title>{}</title></head><body><div data-pagefind-meta=\"kind:{}\"></div>{}</body></html>",
        crate::render::escape_markup(lang),
        title,
        crate::render::escape_markup(kind),
        content
    )
}

/// A record's part of a page.
#[derive(Debug, Default, Clone, PartialEq)]
struct Part {
    /// Its bytes in the page.
    range: Range<usize>,
    /// The text of its first heading, as written (entities undecoded),
    /// white space folded.
    title: String,
    /// Elements inside it marked `data-pagefind-ignore` (lists of other
    /// records on a record's page), left out.
    skip: Vec<Range<usize>>,
}

impl Part {
    /// Its bytes in `html`, less the elements it skips.
    fn content(&self, html: &[u8]) -> String {
        let mut out = Vec::with_capacity(self.range.len());
        let mut at = self.range.start;
        for s in &self.skip {
            out.extend_from_slice(&html[at..s.start.max(at)]);
            at = at.max(s.end);
        }
        out.extend_from_slice(&html[at.min(self.range.end)..self.range.end]);
        spaced(&String::from_utf8_lossy(&out))
    }
}

/// End tags after which a word ends although Pagefind reads on (it
/// separates words only at the elements it knows as blocks): without a
/// space, `<dt>Country</dt><dd>Israel</dd>` would be the one word
/// "CountryIsrael", not found by "Israel".
const WORD_BREAKS: &[&str] = &[
    "</dt>",
    "</dd>",
    "</dl>",
    "</th>",
    "</tr>",
    "</ol>",
    "</time>",
    "</blockquote>",
    "</figcaption>",
    "</header>",
    "</footer>",
    "</aside>",
    "</pre>",
    "</nav>",
];

/// `html` with a space after each of [`WORD_BREAKS`].
fn spaced(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    let mut rest = html;
    while let Some(i) = rest.find("</") {
        let tail = &rest[i..];
        let hit = WORD_BREAKS.iter().find(|t| {
            tail.as_bytes()
                .get(..t.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(t.as_bytes()))
        });
        match hit {
            Some(t) => {
                out.push_str(&rest[..i + t.len()]);
                out.push(' ');
                rest = &rest[i + t.len()..];
            }
            None => {
                out.push_str(&rest[..i + 2]);
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What is being cut out while the page is read.
#[derive(Default)]
struct Cutting {
    /// The part of each wanted record, as far as found.
    parts: Vec<Option<Part>>,
    /// The record whose element is open, and where its content started.
    open: Option<usize>,
    /// Whether the open record's first heading is being read, or was.
    heading: Heading,
    /// How many elements marked `data-pagefind-ignore` are open, and where
    /// the outermost started.
    ignoring: usize,
    ignore_start: usize,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Heading {
    #[default]
    NotYet,
    Reading,
    Done,
}

/// Finds in `html` the part of each of `wanted` (all shown on that page):
/// the content of the element `main` (a tag name) for a record with a page
/// of its own, the element with its id for an anchor, each with the text
/// of its first heading. A record whose part is not found (a theme that
/// leaves it out) is not indexed.
fn cut(html: &[u8], wanted: &[&Findable], main: &str) -> Vec<Option<Part>> {
    let state = Rc::new(RefCell::new(Cutting {
        parts: vec![None; wanted.len()],
        ..Cutting::default()
    }));
    let page_record = wanted.iter().position(|f| f.anchor.is_none());
    let ids: HashMap<&str, usize> = wanted
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.anchor.as_deref().map(|a| (a, i)))
        .collect();
    let (main_state, id_state, heading_state, text_state, ignore_state) = (
        Rc::clone(&state),
        Rc::clone(&state),
        Rc::clone(&state),
        Rc::clone(&state),
        Rc::clone(&state),
    );
    let settings = Settings::new()
        .append_element_content_handler(element!(main, move |el| {
            if let Some(record) = page_record {
                open(&main_state, el, record, Keep::Content);
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[id]", move |el| {
            let record = el
                .get_attribute("id")
                .and_then(|id| ids.get(id.as_str()).copied());
            if let Some(record) = record {
                open(&id_state, el, record, Keep::Element);
            }
            Ok(())
        }))
        .append_element_content_handler(element!("h1, h2, h3, h4, h5, h6", move |el| {
            let starts = {
                let mut s = heading_state.borrow_mut();
                let starts = s.open.is_some() && s.heading == Heading::NotYet;
                if starts {
                    s.heading = Heading::Reading;
                }
                starts
            };
            if starts {
                let state = Rc::clone(&heading_state);
                let _ = el.on_end_tag(end_tag!(move |_| {
                    state.borrow_mut().heading = Heading::Done;
                    Ok(())
                }));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[data-pagefind-ignore]", move |el| {
            let tag = el.source_location().bytes();
            {
                let mut s = ignore_state.borrow_mut();
                if s.open.is_none() {
                    return Ok(());
                }
                if s.ignoring == 0 {
                    s.ignore_start = tag.start;
                }
                s.ignoring += 1;
            }
            let state = Rc::clone(&ignore_state);
            let _ = el.on_end_tag(end_tag!(move |end| {
                let mut s = state.borrow_mut();
                s.ignoring = s.ignoring.saturating_sub(1);
                if s.ignoring == 0 {
                    let skipped = s.ignore_start..end.source_location().bytes().end;
                    if let Some(record) = s.open
                        && let Some(part) = s.parts[record].as_mut()
                    {
                        part.skip.push(skipped);
                    }
                }
                Ok(())
            }));
            Ok(())
        }))
        .append_element_content_handler(text!("h1, h2, h3, h4, h5, h6", move |t| {
            let mut s = text_state.borrow_mut();
            if let (Some(record), Heading::Reading) = (s.open, s.heading)
                && let Some(part) = s.parts[record].as_mut()
            {
                part.title.push_str(t.as_str());
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A page that does not parse (it always does: lol_html recovers as
    // browsers do) leaves its records unindexed rather than the build failed.
    let _ = rewriter.write(html).and_then(|()| rewriter.end());
    let parts = std::mem::take(&mut state.borrow_mut().parts);
    parts
        .into_iter()
        .map(|p| p.filter(|p| p.range.end > p.range.start))
        .collect()
}

/// What of an element is a record's part.
#[derive(Clone, Copy, PartialEq)]
enum Keep {
    /// What is between its tags (`<main>`).
    Content,
    /// All of it, tags included (an anchor, whose tag holds its id).
    Element,
}

/// Starts `record`'s part at `el`, unless another record's element is
/// open (records do not nest) or the record was found already; ends it at
/// the element's end tag. An element whose end tag is implied is not cut.
fn open(
    state: &Rc<RefCell<Cutting>>,
    el: &mut lol_html::html_content::Element<'_, '_>,
    record: usize,
    keep: Keep,
) {
    let tag = el.source_location().bytes();
    {
        let mut s = state.borrow_mut();
        if s.open.is_some() || s.parts[record].is_some() {
            return;
        }
        s.open = Some(record);
        s.heading = Heading::NotYet;
        let start = if keep == Keep::Content {
            tag.end
        } else {
            tag.start
        };
        s.parts[record] = Some(Part {
            range: start..start,
            title: String::new(),
            skip: Vec::new(),
        });
    }
    let state = Rc::clone(state);
    let _ = el.on_end_tag(end_tag!(move |end| {
        let mut s = state.borrow_mut();
        let at = end.source_location().bytes();
        if let Some(part) = s.parts[record].as_mut() {
            part.range.end = if keep == Keep::Content {
                at.start
            } else {
                at.end
            };
            part.title = fold_space(&part.title);
        }
        s.open = None;
        Ok(())
    }));
}

/// `s` with every run of white space one space, trimmed.
fn fold_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findable(anchor: Option<&str>) -> Findable {
        Findable {
            url: String::new(),
            page: String::new(),
            anchor: anchor.map(str::to_owned),
            kind: "Event".into(),
        }
    }

    fn doc(kind: &str, url: &str, bytes: usize) -> Document {
        Document {
            url: url.into(),
            html: "x".repeat(bytes),
            kind: kind.into(),
        }
    }

    #[test]
    fn kinds_are_indexed_apart_and_much_text_in_parts_of_about_equal_size() {
        let urls = |shards: &[Vec<Document>]| -> Vec<Vec<String>> {
            shards
                .iter()
                .map(|s| s.iter().map(|d| d.url.clone()).collect())
                .collect()
        };
        let small = shards(vec![
            doc("Article", "a1", 10),
            doc("Article", "a2", 10),
            doc("Event", "e1", 10),
            doc("Source", "s1", 10),
        ]);
        assert_eq!(urls(&small), [vec!["a1", "a2"], vec!["e1"], vec!["s1"]]);

        // 2.5 times the size of a part: three parts, in the records' order.
        let quarter = SHARD_BYTES / 4;
        let mut docs: Vec<Document> = (0..10)
            .map(|i| doc("Article", &format!("a{i}"), quarter))
            .collect();
        docs.push(doc("Event", "e", 1));
        let big = shards(docs);
        assert_eq!(
            urls(&big),
            [
                vec!["a0", "a1", "a2", "a3"],
                vec!["a4", "a5", "a6", "a7"],
                vec!["a8", "a9"],
                vec!["e"],
            ]
        );
        // A record bigger than a part is a part of its own.
        let huge = shards(vec![doc("Article", "h", 3 * SHARD_BYTES)]);
        assert_eq!(urls(&huge), [vec!["h"]]);
        // No record: one empty index still.
        assert_eq!(shards(Vec::new()).len(), 1);
    }

    #[test]
    fn words_end_at_definitions() {
        assert_eq!(
            spaced("<dl><dt>Country</dt><dd>Israel</dd></dl>é</DD>"),
            "<dl><dt>Country</dt> <dd>Israel</dd> </dl> é</DD> "
        );
        assert_eq!(spaced("</a> — </time>—</"), "</a> — </time> —</");
        assert_eq!(spaced("<b>a</b>b"), "<b>a</b>b");
    }

    #[test]
    fn cuts_main_and_anchors_with_their_headings() {
        let html = b"<html><body><header><h1>Site</h1></header><main><h1>The &amp; title</h1><p>Body</p>\
<section data-pagefind-ignore><h2>Related</h2><p>Other record</p></section><p>End</p></main></body></html>";
        let page = findable(None);
        let parts = cut(html, &[&page], "main");
        let part = parts[0].clone().unwrap();
        assert_eq!(part.title, "The &amp; title");
        assert_eq!(
            part.content(html),
            "<h1>The &amp; title</h1><p>Body</p><p>End</p>"
        );

        let html = b"<main><ol><li><article id=\"e1\"><h3>First  <em>one</em></h3><p>Text</p></article></li>\
<li><article id=\"e2\"><h3>Second</h3></article></li><li><article id=\"e3\"></article></li></ol></main>";
        let (e1, e2, gone) = (
            findable(Some("e1")),
            findable(Some("e2")),
            findable(Some("e9")),
        );
        let parts = cut(html, &[&e1, &e2, &gone], "main");
        let first = parts[0].clone().unwrap();
        assert_eq!(first.title, "First one");
        assert_eq!(
            first.content(html),
            "<article id=\"e1\"><h3>First  <em>one</em></h3><p>Text</p></article>"
        );
        assert_eq!(parts[1].clone().unwrap().title, "Second");
        assert_eq!(parts[2], None);

        let html = b"<body><h1>No main</h1><p>Text</p></body>";
        let part = cut(html, &[&page], "body")[0].clone().unwrap();
        assert_eq!(part.content(html), "<h1>No main</h1><p>Text</p>");
    }
}
