//! Exports: the site's files other than its pages and the theme's static
//! files, each made from the whole model at once (the Atom feed, the
//! sitemap, the open data). One file per export; [`ALL`] lists them, and
//! rendering makes every file of every export in the list, so a new
//! export (CSV, FollowTheMoney, TimelineJS…) is a new file here and one
//! line in [`ALL`].

mod corrections;
mod csv;
mod feed;
mod ftm;
mod json;
mod sitemap;
mod timeline;

use crate::link::Graph;
use crate::model::Site;
use crate::render::PageSpec;

/// What an export is made from.
pub struct ExportCtx<'a> {
    pub site: &'a Site,
    pub graph: &'a Graph,
    /// Every page of the site, in the order `PageSpec::all` gives them.
    pub pages: &'a [PageSpec],
    /// Why an article's text could not be read again for an export (the
    /// feed's entries): its file changed while the site was made. The
    /// build fails with it.
    pub(crate) unread: crate::render::Unread,
}

/// One export: a fixed set of files made from the whole site. Exports
/// cannot fail on the model, which is already valid; only an article's
/// file changed meanwhile is said ([`ExportCtx::unread`]).
pub trait Export: Sync {
    /// Makes the files one after another, handing each to `put` as its
    /// path relative to the output folder (from `crate::url`) and its
    /// bytes as soon as it is made, so that no file waits for the next.
    /// A large file is handed on in parts of about [`PART_BYTES`] as it
    /// is made ([`in_parts`]), one `put` each, in order and with nothing
    /// between them: the first begins the file, each next one of the same
    /// path adds to it. At 50,000 articles one data file is 100 MB.
    fn make(&self, ctx: &ExportCtx, put: &mut dyn FnMut(String, Vec<u8>));

    /// The paths of [`Export::make`]'s files, known without making the files or
    /// the site: what a relative reference in content may name (checked
    /// with the rest of the content, also by `check`).
    fn paths(&self) -> Vec<String>;
}

/// The paths of the files of every export in [`ALL`].
pub fn paths() -> Vec<String> {
    ALL.iter().flat_map(|e| e.paths()).collect()
}

/// Every export a build writes.
pub const ALL: &[&dyn Export] = &[
    &sitemap::Sitemap,
    &feed::Feed,
    &corrections::CorrectionsFeed,
    &json::Json,
    &csv::Csv,
    &ftm::Ftm,
    &timeline::Timeline,
];

/// How much of a file an export holds before handing it on as a part
/// (see [`Export::make`]), in bytes.
pub(crate) const PART_BYTES: usize = 4 << 20;

/// Makes the file at `path` in parts (see [`Export::make`]): `make` gives
/// its `spill` what it has made so far, as often as it likes, and returns
/// the rest; whenever what `spill` is given holds at least [`PART_BYTES`],
/// it is handed to `put` as the next part, and left empty.
pub(crate) fn in_parts(
    path: String,
    put: &mut dyn FnMut(String, Vec<u8>),
    make: impl FnOnce(&mut dyn FnMut(&mut Vec<u8>)) -> Vec<u8>,
) {
    let last = make(&mut |out| {
        if out.len() >= PART_BYTES {
            put(path.clone(), std::mem::take(out));
        }
    });
    put(path, last);
}

/// The files of every export in [`ALL`], in order, each whole.
pub fn files(ctx: &ExportCtx) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = Vec::new();
    for e in ALL {
        e.make(ctx, &mut |path, bytes| match all.last_mut() {
            Some((last, whole)) if *last == path => whole.extend(bytes),
            _ => all.push((path, bytes)),
        });
    }
    all
}

/// Hands the files of every export in [`ALL`] to `put` as each is made,
/// so that no file is kept after it is written. The exports are made one
/// after another (each is parallel inside, and the pages are rendered
/// beside them): made side by side, their files and what they are made
/// from were in memory together, over 400 MB at 50,000 articles (issue
/// 18). A file made in parts is handed on part by part: `put`'s last
/// argument is `false` for the part that begins a file, `true` for each
/// that adds to it. Stops at `put`'s first error.
pub fn each_file<E>(
    ctx: &ExportCtx,
    put: impl Fn(String, Vec<u8>, bool) -> Result<(), E>,
) -> Result<(), E> {
    for e in ALL {
        let mut outcome = Ok(());
        let mut last: Option<String> = None;
        e.make(ctx, &mut |path, bytes| {
            if outcome.is_ok() {
                let more = last.as_ref() == Some(&path);
                last = Some(path.clone());
                outcome = put(path, bytes, more);
            }
        });
        outcome?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `check` is told an export writes is what it writes.
    #[test]
    fn paths_are_the_paths_of_the_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        let loaded = crate::load::load(&root).expect("the base fixture loads");
        let site = crate::model::build(&loaded, &crate::model::validate::BuildOptions::default())
            .expect("the base fixture is valid");
        let graph = crate::link::link(&site);
        let pages = PageSpec::all(&site, &graph);
        let ctx = ExportCtx {
            site: &site,
            graph: &graph,
            pages: &pages,
            unread: Default::default(),
        };
        let made: Vec<String> = files(&ctx).into_iter().map(|(p, _)| p).collect();
        assert_eq!(made, paths());
    }
}
