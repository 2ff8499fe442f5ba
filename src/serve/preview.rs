//! The site as the preview server sees it: the investigation is loaded,
//! validated and linked on every change, but each page is rendered only
//! when a browser asks for it, then kept. An edit is visible as soon as
//! the model is rebuilt, whatever the size of the site.

use crate::render::{self, PageSpec};
use crate::write::Output;
use crate::{Diagnostic, Diagnostics, Investigation};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub struct OnDemandSite {
    inv: Investigation,
    /// Every page, by output path ("actors/x/index.html"): sorted, so
    /// that a page is found by a binary search rather than through a map
    /// of 12,000 copied paths made on every rebuild.
    pages: Vec<PageSpec>,
    /// Feeds, data, theme and content static files: made on first request.
    assets: OnceLock<Output>,
    /// The search index (`search/pagefind/…`): made on first request, from
    /// every page rendered, as `build` makes it.
    search: OnceLock<Output>,
    rendered: Mutex<HashMap<String, Arc<[u8]>>>,
    /// The warnings panel every page shows, while there are warnings.
    warnings_panel: Option<String>,
}

impl OnDemandSite {
    pub fn new(inv: Investigation) -> Self {
        let mut pages = PageSpec::all(&inv.site, &inv.graph);
        pages.par_sort_unstable_by(|a, b| a.output_path.cmp(&b.output_path));
        OnDemandSite {
            warnings_panel: super::overlay::warnings_panel(inv.warnings()),
            inv,
            pages,
            assets: OnceLock::new(),
            search: OnceLock::new(),
            rendered: Mutex::new(HashMap::new()),
        }
    }

    fn assets(&self) -> &Output {
        self.assets.get_or_init(|| {
            let mut out =
                render::render_assets(&self.inv.site, &self.inv.graph, &self.inv.renderer);
            for (path, bytes) in &self.inv.static_files {
                out.insert(path.clone(), bytes.clone());
            }
            out
        })
    }

    /// The search index, made the first time a file of it is asked for:
    /// every page is rendered for it, so it costs a build's rendering.
    fn search(&self) -> &Output {
        self.search.get_or_init(|| {
            let inv = &self.inv;
            let mut out = Output::default();
            if !inv.site.config.search {
                return out;
            }
            let made = render::render(&inv.site, &inv.graph, &inv.renderer)
                .map_err(|d| d.render(false))
                .and_then(|pages| {
                    crate::search::bundle(&inv.site, &pages).map_err(|d| {
                        let mut all = Diagnostics::default();
                        all.push(d);
                        all.render(false)
                    })
                });
            match made {
                Ok(files) => {
                    for (path, bytes) in files {
                        out.insert(path, bytes);
                    }
                }
                // A template error is shown on the page that has it; the
                // search then has no index until the next rebuild.
                Err(message) => eprint!("{message}"),
            }
            out
        })
    }

    /// The page written at `key` (a path relative to the root).
    fn page(&self, key: &str) -> Option<&PageSpec> {
        let at = (self.pages)
            .binary_search_by(|p| p.output_path.as_str().cmp(key))
            .ok()?;
        self.pages.get(at)
    }

    /// Whether `key` is a file of the search index.
    fn is_search(key: &str) -> bool {
        key.starts_with(crate::url::search_bundle("").as_str())
    }

    /// The site's warnings (content format 1.1, "Warnings").
    pub fn warnings(&self) -> &Diagnostics {
        self.inv.warnings()
    }

    /// The panel of warnings added to every page, if there are any.
    pub fn warnings_panel(&self) -> Option<&str> {
        self.warnings_panel.as_deref()
    }

    /// Whether the site has a file at `key` (a path relative to the root).
    pub fn contains(&self, key: &str) -> bool {
        self.page(key).is_some()
            || self.assets().files.contains_key(key)
            || (Self::is_search(key) && self.search().files.contains_key(key))
    }

    /// The bytes of the file at `key`, rendering a page the
    /// first time it is asked for. A template error on that page is
    /// returned as a diagnostic.
    pub fn get(&self, key: &str) -> Option<Result<Arc<[u8]>, Diagnostic>> {
        if let Some(bytes) = self.rendered.lock().ok()?.get(key) {
            return Some(Ok(bytes.clone()));
        }
        // content/static/ wins over a page of the same name, as in `build`.
        if let Some(bytes) = self
            .inv
            .static_files
            .iter()
            .find(|(p, _)| p == key)
            .map(|(_, b)| b)
        {
            return Some(Ok(Arc::from(bytes.as_slice())));
        }
        let Some(page) = self.page(key) else {
            if Self::is_search(key) {
                return self
                    .search()
                    .files
                    .get(key)
                    .map(|b| Ok(Arc::from(b.as_slice())));
            }
            return self
                .assets()
                .files
                .get(key)
                .map(|b| Ok(Arc::from(b.as_slice())));
        };
        let bytes =
            match render::render_one(&self.inv.site, &self.inv.graph, &self.inv.renderer, page) {
                Ok((_, bytes)) => bytes,
                Err(d) => return Some(Err(d)),
            };
        let bytes: Arc<[u8]> = Arc::from(bytes);
        if let Ok(mut cache) = self.rendered.lock() {
            cache.insert(key.to_owned(), bytes.clone());
        }
        Some(Ok(bytes))
    }

    /// Renders every page once (without keeping them), so that a template
    /// error on any page is found even if no browser has asked for it.
    /// The built-in theme's pages cannot fail (as in `check`).
    pub fn verify(&self) -> Result<(), Diagnostics> {
        if self.inv.renderer.is_built_in() {
            return Ok(());
        }
        render::check_pages(&self.inv.site, &self.inv.graph, &self.inv.renderer)
    }
}
