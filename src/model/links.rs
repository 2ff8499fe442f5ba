//! Links from content into the site (content format 1.1, "Links and HTML
//! from content"): id links (`actor:jane-roe`, `event:…`, `source:…`,
//! `article:<slug>`, `statement:<id>`, `tag:<tag>`) and relative
//! references (`docs/memo.pdf`, `/docs/memo.pdf`), which name a file of the built site from its root whichever page shows
//! the text.
//!
//! Parsing notes each such link where it is written; validation resolves
//! them all once every record is known ([`resolve`]), so a link may name a
//! record defined in any file. What a link leads to is kept by its
//! destination as written ([`SiteLinks`]): an id link and a path from the
//! root mean the same on every page, and rendering makes the `href` for the
//! page it renders (`render::markdown`). Whether a named file exists can be
//! known only with the theme's files and the list of pages, so that is
//! checked last ([`check_files`]).

use super::Records;
use super::tags::Tags;
use super::text::{Dest, classify};
use crate::diag::{Diagnostic, Diagnostics, Nearby};
use crate::kinds::{KINDS, Ref};
use crate::load::fields::Span;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What a link into the site leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A record's page, or its anchor (an event on the timeline).
    Record(Ref),
    /// A tag's page (the tag's position in `Site::tags`).
    Tag(usize),
    /// A file or page of the built site: its path from the site root as
    /// written (percent-encoding kept), `.` and `..` resolved, with the
    /// query and fragment as written (`docs/memo.pdf#page=2`).
    File(String),
    /// Nothing in this build: an article left out as a draft. The link's
    /// text is shown without the link.
    Unlinked,
}

/// A link into the site as validation found it: where it is written, its
/// destination, and whether it is an image's source.
#[derive(Debug, Clone)]
pub(crate) struct Written {
    pub span: Span,
    pub dest: String,
    pub image: bool,
}

/// A file named by a relative reference, to look for among the files of
/// the built site.
#[derive(Debug, Clone)]
struct FileRef {
    /// From the site root, percent-decoded, without query or fragment:
    /// how the file is named in the output (`docs/my memo.pdf`, `articles/x/`).
    path: String,
    /// As written in the content.
    written: String,
    span: Span,
}

/// Every link from content into the site, resolved.
#[derive(Debug, Default)]
pub struct SiteLinks {
    targets: HashMap<String, Target>,
    files: Vec<FileRef>,
}

impl SiteLinks {
    /// Where the destination `dest`, as written in a text or a `url`
    /// field, leads; `None` for a destination that does not lead into the
    /// site (`https:`, `#note`).
    pub fn target(&self, dest: &str) -> Option<&Target> {
        self.targets.get(dest)
    }

    /// Whether any relative reference names a file (then [`check_files`]
    /// needs the list of the built site's files).
    pub fn names_files(&self) -> bool {
        !self.files.is_empty()
    }

    /// The records that the id links among `dests` lead to.
    pub fn records<'a>(&'a self, dests: impl IntoIterator<Item = &'a str>) -> Vec<Ref> {
        dests
            .into_iter()
            .filter_map(|d| match self.targets.get(d) {
                Some(Target::Record(r)) => Some(*r),
                _ => None,
            })
            .collect()
    }
}

/// Keys of every record by kind name, made on the first id link.
struct Keys<'a>(HashMap<&'static str, HashMap<&'a str, Ref>>);

impl<'a> Keys<'a> {
    fn of(records: &Records<'a>) -> Keys<'a> {
        let mut map: HashMap<&'static str, HashMap<&'a str, Ref>> =
            KINDS.iter().map(|k| (k.name, HashMap::new())).collect();
        records.each_key(|kind, key, r| {
            if let Some(m) = map.get_mut(kind) {
                m.insert(key, r);
            }
        });
        Keys(map)
    }
}

/// How resolving reports: a diagnostic at a span, quoting its line
/// ([`crate::load::Loaded::at_in`]), and the run's "did you mean".
pub(crate) struct Say<'s> {
    pub(crate) at: &'s dyn Fn(Span, String) -> Diagnostic,
    pub(crate) nearby: &'s Nearby,
}

/// Resolves every link in `written`: id links against `records` and
/// `tags` (an article left out as a draft is [`Target::Unlinked`]),
/// relative references to their path from the site root. Each problem is
/// a diagnostic at the link's own place; the files named are checked
/// later, by [`check_files`]. Returns the links resolved, and the
/// problems.
pub(crate) fn resolve(
    say: &Say<'_>,
    static_files: &[(String, Vec<u8>)],
    written: &[Written],
    records: &Records<'_>,
    tags: &Tags,
    draft_slugs: &HashSet<String>,
    is_written: &dyn Fn(&str, &str) -> bool,
) -> (SiteLinks, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = SiteLinks::default();
    let mut keys: Option<Keys<'_>> = None;
    for w in written {
        let err =
            |message: String, hint: Option<String>| (say.at)(w.span, message).maybe_hint(hint);
        let target = match classify(&w.dest) {
            Ok(Dest::Id { prefix, key }) => {
                if w.image {
                    diags.push(err(
                        format!("an image shows a file, and `{}` is a page", w.dest.trim()),
                        Some("write the path of the image file from the site root, such as `img/chart.svg`".into()),
                    ));
                    continue;
                }
                let keys = keys.get_or_insert_with(|| Keys::of(records));
                match id_target(
                    &prefix,
                    &key,
                    keys,
                    tags,
                    draft_slugs,
                    is_written,
                    say.nearby,
                ) {
                    Ok(t) => t,
                    Err((message, hint)) => {
                        diags.push(err(message, hint));
                        continue;
                    }
                }
            }
            Ok(Dest::Relative) => match relative(&w.dest) {
                Ok((href, path)) => {
                    out.files.push(FileRef {
                        path,
                        written: w.dest.clone(),
                        span: w.span,
                    });
                    Target::File(href)
                }
                Err(within) => {
                    let hint = leaving_hint(&within, static_files, say.nearby);
                    diags.push(err(
                        format!(
                            "`{}` leaves the site root: a path in content names a file of the built site from its root, whichever page shows the text",
                            w.dest.trim()
                        ),
                        Some(hint),
                    ));
                    continue;
                }
            },
            // Parsing noted only id links and relative references.
            Ok(Dest::External | Dest::Local) | Err(_) => continue,
        };
        out.targets.entry(w.dest.clone()).or_insert(target);
    }
    (out, diags)
}

/// The target of the id link `prefix:key`, or the message and hint that
/// say why there is none.
fn id_target(
    prefix: &str,
    key: &str,
    keys: &Keys<'_>,
    tags: &Tags,
    draft_slugs: &HashSet<String>,
    is_written: &dyn Fn(&str, &str) -> bool,
    nearby: &Nearby,
) -> Result<Target, (String, Option<String>)> {
    let key = key.trim();
    let link = format!("{prefix}:{key}");
    if key.is_empty() {
        return Err((
            format!("the link `{link}` names no {prefix}"),
            Some(format!("write the {prefix}'s id after `{prefix}:`")),
        ));
    }
    if let Some((id, _)) = key.split_once('#') {
        return Err((
            format!("an id link names a record, and `{link}` has a `#…` part"),
            Some(format!(
                "link to `{prefix}:{id}`, or to a place in a page with its path from the site root (`articles/<slug>/#…`)"
            )),
        ));
    }
    if prefix == "tag" {
        let decoded = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
        return match tags.find(&decoded) {
            Some(t) => Ok(Target::Tag(t)),
            // A tag listed only by a record that did not load or pass its
            // checks: that record's error says what to fix (content
            // format 1.1, "Errors": no derived errors).
            None if is_written("tag", &decoded) => Ok(Target::Unlinked),
            None => Err((
                format!("unknown tag `{decoded}` in the link `{link}`: no record has this tag"),
                Some(
                    nearby
                        .closest(
                            &super::slug::slugify(&decoded),
                            tags.iter().map(|t| t.slug.as_str()),
                        )
                        .map(|c| format!("did you mean `tag:{c}`?"))
                        .unwrap_or_else(|| {
                            "a tag link names a tag that records list under `tags`".into()
                        }),
                ),
            )),
        };
    }
    let Some(of_kind) = keys.0.get(prefix) else {
        let plural = KINDS
            .iter()
            .map(|k| k.plural)
            .collect::<Vec<_>>()
            .join(", ");
        return Err((
            format!(
                "the link `{link}` names a {prefix}, and this version of dossier has no {prefix}s"
            ),
            Some(format!(
                "id links can name the records it has: {plural}, and tags"
            )),
        ));
    };
    if let Some(&r) = of_kind.get(key) {
        return Ok(Target::Record(r));
    }
    // A record whose file or fields are broken reports that itself.
    if is_written(prefix, key) {
        return Ok(Target::Unlinked);
    }
    if prefix == "article" && draft_slugs.contains(key) {
        // Shown unlinked until the draft is published, as an event's
        // `articles` leave out a draft.
        return Ok(Target::Unlinked);
    }
    let hint = nearby
        .closest(key, of_kind.keys().copied())
        .map(|c| format!("did you mean `{prefix}:{c}`?"))
        .or_else(|| {
            of_kind
                .is_empty()
                .then(|| format!("the investigation has no {prefix}s"))
        });
    Err((
        format!("unknown {prefix} `{key}` in the link `{link}`"),
        hint,
    ))
}

/// A relative reference made a path from the site root: the `href` to
/// write after a page's root (encoding, query and fragment kept) and the
/// file's name in the output (percent-decoded, without query or fragment).
/// `Err` with what the path names inside the site, for one that goes up
/// past the root (`../../docs/memo.pdf` → `docs/memo.pdf`).
fn relative(dest: &str) -> Result<(String, String), String> {
    let dest = dest.trim();
    let split = dest.find(['?', '#']).unwrap_or(dest.len());
    let (path, suffix) = dest.split_at(split);
    let folder = path.ends_with('/')
        || path.ends_with("/.")
        || path.ends_with("/..")
        || path == "."
        || path == "..";
    let mut parts: Vec<&str> = Vec::new();
    let mut left = false;
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    left = true;
                }
            }
            s => parts.push(s),
        }
    }
    let mut href = parts.join("/");
    if folder && !href.is_empty() {
        href.push('/');
    }
    if left {
        return Err(href);
    }
    let file = percent_encoding::percent_decode_str(&href)
        .decode_utf8_lossy()
        .into_owned();
    href.push_str(suffix);
    Ok((href, file))
}

/// The hint for a path that leaves the site root: what it names inside
/// the site, or the file of `content/static/` closest to it.
fn leaving_hint(within: &str, static_files: &[(String, Vec<u8>)], nearby: &Nearby) -> String {
    let exists = static_files.iter().any(|(p, _)| p == within);
    let closest = if exists {
        None
    } else {
        (nearby.closest(within, static_files.iter().map(|(p, _)| p.as_str())))
            .map(did_you_mean_path)
    };
    // A file (a name with an extension, not a page) that is not in
    // `content/static/`: writing it from the root alone would not make
    // it exist, and the hint said so as if it would.
    let name = within.rsplit('/').next().unwrap_or(within);
    let a_file = name.contains('.') && !name.ends_with(".html");
    match closest {
        Some(c) => format!("write it from the site root; {c}"),
        None if a_file && !exists => format!(
            "write it from the site root, and put the file in `content/static/{within}` (there is none there), or link to its address"
        ),
        None => format!("write it from the site root: `{within}`"),
    }
}

/// What a reference must escape of a file's path to name it as written:
/// a space ends a Markdown link's address, `#` and `?` would start a
/// fragment or a query, `%` an escape (RFC 3986, section 2), and quotes,
/// angle brackets and parentheses end the address in Markdown or HTML.
fn escaped_in_paths(b: u8) -> bool {
    b.is_ascii_control() || b" \"#%<>?()`".contains(&b)
}

/// "Did you mean" a file of the site at `path` (as on disk, `docs/My
/// Memo.pdf`), written as a link can hold it (`docs/My%20Memo.pdf`), so
/// that the hint can be pasted as it is.
fn did_you_mean_path(path: &str) -> String {
    crate::diag::did_you_mean_hint(&as_written(path))
}

/// `path` with what [`escaped_in_paths`] names percent-encoded, and the
/// rest as it is: `Procès-verbal.pdf` stays readable (a link holds `è`).
fn as_written(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match u8::try_from(c) {
            Ok(b) if escaped_in_paths(b) => {
                out.push_str(&format!("%{b:02X}"));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Checks that every file a relative reference names is a file of the
/// built site: `files` holds every output path (`docs/memo.pdf`,
/// `articles/x/index.html`); a folder (`articles/x/`, or the root itself)
/// is one whose `index.html` is there.
pub(crate) fn check_files(
    say: &Say<'_>,
    links: &SiteLinks,
    files: &BTreeSet<String>,
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let exists = |p: &str| {
        files.contains(p)
            || ((p.is_empty() || p.ends_with('/')) && files.contains(&format!("{p}index.html")))
    };
    for f in &links.files {
        if exists(&f.path) {
            continue;
        }
        // Pages are named by their folder: `articles/x/` rather than
        // `articles/x/index.html`.
        let folders = files
            .iter()
            .filter_map(|p| p.strip_suffix("index.html"))
            .filter(|p| !p.is_empty());
        let hint = if exists(&format!("{}/", f.path)) {
            Some(format!(
                "did you mean `{}/`? a page is a folder",
                as_written(&f.path)
            ))
        } else {
            // A path naming a file (`images/harbour.jpg`) is offered a
            // file of its type: a page's folder (`tags/harbour/`) near in
            // spelling is no picture.
            match extension(&f.path) {
                Some(ext) => say.nearby.closest(
                    &f.path,
                    (files.iter().map(String::as_str))
                        .filter(|p| extension(p).is_some_and(|e| same_type(e, ext))),
                ),
                None => say
                    .nearby
                    .closest(&f.path, files.iter().map(String::as_str).chain(folders)),
            }
            .map(did_you_mean_path)
        };
        let hint = hint.unwrap_or_else(|| {
            "put the file in `content/static/` (it is published at the site root, keeping its folders), or name a page of the site".into()
        });
        let message = format!("`{}` names no file of the built site", f.written.trim());
        diags.push((say.at)(f.span, message).with_hint(hint));
    }
    diags
}

/// The extension of the last segment of `path` (`jpg` for
/// `images/a.jpg`), if it has one: what it is named as a file.
fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then_some(ext)
}

/// Whether two extensions name files of one type: alike ignoring case,
/// `jpg` and `jpeg` and `htm` and `html` alike too.
fn same_type(a: &str, b: &str) -> bool {
    let norm = |e: &str| match e.to_ascii_lowercase().as_str() {
        "jpeg" => "jpg".to_owned(),
        "htm" => "html".to_owned(),
        e => e.to_owned(),
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_offered_files_of_its_type() {
        assert_eq!(extension("images/harbour.jpg"), Some("jpg"));
        assert_eq!(extension("tags/harbour/"), None);
        assert_eq!(extension("articles/x"), None);
        assert_eq!(extension(".well-known"), None);
        assert!(same_type("JPEG", "jpg"));
        assert!(!same_type("jpg", "png"));
    }

    #[test]
    fn a_path_offered_is_written_as_a_link_holds_it() {
        assert_eq!(
            as_written("docs/Procès verbal (1) #2?.pdf"),
            "docs/Procès%20verbal%20%281%29%20%232%3F.pdf"
        );
        // What it names: the path, decoded as every reference is.
        assert_eq!(
            relative(&as_written("docs/Procès verbal (1) 100%.pdf"))
                .unwrap()
                .1,
            "docs/Procès verbal (1) 100%.pdf"
        );
    }

    #[test]
    fn relative_references_from_the_root() {
        let ok = |d: &str| relative(d).unwrap();
        assert_eq!(
            ok("docs/memo.pdf"),
            ("docs/memo.pdf".into(), "docs/memo.pdf".into())
        );
        assert_eq!(
            ok("/docs/memo.pdf"),
            ("docs/memo.pdf".into(), "docs/memo.pdf".into())
        );
        assert_eq!(
            ok("./docs/../img/a.svg#x"),
            ("img/a.svg#x".into(), "img/a.svg".into())
        );
        assert_eq!(
            ok("docs/my%20memo.pdf?p=2"),
            ("docs/my%20memo.pdf?p=2".into(), "docs/my memo.pdf".into())
        );
        assert_eq!(
            ok("articles/x/"),
            ("articles/x/".into(), "articles/x/".into())
        );
        assert_eq!(ok("/"), (String::new(), String::new()));
        assert_eq!(relative("../../docs/memo.pdf"), Err("docs/memo.pdf".into()));
        assert_eq!(relative("docs/../../memo.pdf"), Err("memo.pdf".into()));
    }
}
