//! `sitemap.xml`: every page but the page not found, with the date of
//! each article that has a full one.

use super::{Export, ExportCtx};
use crate::render::escape_markup;
use crate::url;
use std::fmt::Write as _;

/// The sitemap for search engines (sitemaps.org 0.9).
pub struct Sitemap;

impl Export for Sitemap {
    fn make(&self, ctx: &ExportCtx, put: &mut dyn FnMut(String, Vec<u8>)) {
        put(url::sitemap(""), sitemap(ctx).into_bytes());
    }

    fn paths(&self) -> Vec<String> {
        vec![url::sitemap("")]
    }
}

fn sitemap(ctx: &ExportCtx) -> String {
    let site = ctx.site;
    let base = &site.config.base_url;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in ctx.pages.iter().filter(|p| p.kind.in_sitemap) {
        let _ = write!(
            s,
            "<url><loc>{}</loc>",
            escape_markup(&url::absolute(base, &page.dir))
        );
        if let Some(date) = &page.lastmod {
            let _ = write!(s, "<lastmod>{date}</lastmod>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}
