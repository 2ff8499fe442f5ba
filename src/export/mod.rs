//! Exports: the site's files other than its pages and the theme's static
//! files, each made from the whole model at once (the Atom feed, the
//! sitemap, the open data). One file per export; [`ALL`] lists them, and
//! rendering makes every file of every export in the list, so a new
//! export (CSV, FollowTheMoney, TimelineJS…) is a new file here and one
//! line in [`ALL`].

mod corrections;
mod feed;
mod json;
mod sitemap;

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
}

/// Every export a build writes.
pub const ALL: &[&dyn Export] = &[
    &sitemap::Sitemap,
    &feed::Feed,
    &corrections::CorrectionsFeed,
    &json::Json,
];

/// The files of every export in [`ALL`], the exports made side by side.
pub fn files(ctx: &ExportCtx) -> Vec<(String, Vec<u8>)> {
    ALL.par_iter().flat_map_iter(|e| e.files(ctx)).collect()
}
