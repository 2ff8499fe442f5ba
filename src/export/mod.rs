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
use rayon::prelude::*;

/// What an export is made from.
pub struct ExportCtx<'a> {
    pub site: &'a Site,
    pub graph: &'a Graph,
    /// Every page of the site, in the order `PageSpec::all` gives them.
    pub pages: &'a [PageSpec],
    /// The articles' bodies as HTML (by article index), when the pages
    /// were rendered too: each is rendered once, at the root of its
    /// article's page, for the page and the feed alike. `None` when only
    /// the exports are made (the preview); `crate::render::article_body`
    /// renders one then.
    pub bodies: Option<&'a [String]>,
}

/// One export: a fixed set of files made from the whole site. Exports
/// cannot fail: the model they read is already valid.
pub trait Export: Sync {
    /// The files, each as its path relative to the output folder (from
    /// `crate::url`) and its bytes.
    fn files(&self, ctx: &ExportCtx) -> Vec<(String, Vec<u8>)>;

    /// The paths of [`Export::files`], known without making the files or
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

/// The files of every export in [`ALL`], the exports made side by side.
pub fn files(ctx: &ExportCtx) -> Vec<(String, Vec<u8>)> {
    ALL.par_iter().flat_map_iter(|e| e.files(ctx)).collect()
}

/// Hands the files of every export in [`ALL`] to `put` as each export is
/// made (side by side), so that no export is kept after it is written:
/// at 50,000 articles they are hundreds of megabytes. Stops at `put`'s
/// first error.
pub fn each_file<E: Send>(
    ctx: &ExportCtx,
    put: impl Fn(String, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<(), E> {
    ALL.par_iter()
        .try_for_each(|e| e.files(ctx).into_iter().try_for_each(|(p, b)| put(p, b)))
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
        let pages = PageSpec::all(&site);
        let ctx = ExportCtx {
            site: &site,
            graph: &graph,
            pages: &pages,
            bodies: None,
        };
        let made: Vec<String> = files(&ctx).into_iter().map(|(p, _)| p).collect();
        assert_eq!(made, paths());
    }
}
