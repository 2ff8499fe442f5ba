//! `feed.xml`: the newest articles as an Atom feed, each with its whole
//! body.

use super::{Export, ExportCtx};
use crate::model::{Article, Date};
use crate::render::{absolute_links, article_body, escape_markup};
use crate::url;
use rayon::prelude::*;
use std::fmt::Write as _;

/// The Atom feed of the newest articles.
pub struct Feed;

/// How many articles the feed holds, newest first (content format 1.1,
/// `feed.xml`, is silent on a limit). A feed reader polls for what is new,
/// and a feed of every article, each with its whole body, would be as
/// large as the investigation (about 300 MB at 50,000 articles); the
/// whole list is `articles/` and `data/articles.json`. See
/// docs/decisions.md.
pub const FEED_ARTICLES: usize = 50;

impl Export for Feed {
    fn make(&self, ctx: &ExportCtx, put: &mut dyn FnMut(String, Vec<u8>)) {
        put(url::feed(""), feed(ctx).into_bytes());
    }

    fn paths(&self) -> Vec<String> {
        vec![url::feed("")]
    }
}

/// An Atom date-time (RFC 3339, as RFC 4287 asks): the first day of `d`,
/// at midnight UTC. Both Atom feeds, articles and corrections, use it.
pub(super) fn stamp(d: &Date) -> String {
    format!("{}T00:00:00Z", d.first_day_iso())
}

/// Atom. `updated` is the newest date of an entry the feed holds (its
/// publication or update), never the build time, so identical input gives
/// identical bytes.
fn feed(ctx: &ExportCtx) -> String {
    let (site, graph) = (ctx.site, ctx.graph);
    let base = &site.config.base_url;
    let held = site.articles.len().min(FEED_ARTICLES);
    let updated = site
        .articles
        .iter()
        .take(held)
        .map(|a| a.updated.unwrap_or(a.date))
        .max_by_key(|d| d.key())
        .map(|d| stamp(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let author = site
        .config
        .author
        .clone()
        .unwrap_or_else(|| site.config.title.clone());
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(s, "<title>{}</title>", escape_markup(&site.config.title));
    if let Some(sub) = &site.config.subtitle {
        let _ = writeln!(s, "<subtitle>{}</subtitle>", escape_markup(sub));
    }
    let _ = writeln!(s, "<link href=\"{}\"/>", escape_markup(base));
    let _ = writeln!(
        s,
        "<link rel=\"self\" href=\"{}\"/>",
        escape_markup(&url::feed(base))
    );
    let _ = writeln!(s, "<id>{}</id>", escape_markup(base));
    let _ = writeln!(s, "<updated>{updated}</updated>");
    let _ = writeln!(
        s,
        "<author><name>{}</name></author>",
        escape_markup(&author)
    );
    let _ = writeln!(s, "<generator>dossier</generator>");
    // The articles are kept newest first. Entries are written in
    // parallel, then joined in order.
    let newest: Vec<(usize, &Article)> = site.articles.iter().take(held).enumerate().collect();
    let entries: Vec<String> = newest
        .into_par_iter()
        .map(|(i, a)| {
            let body = match article_body(site, graph, crate::kinds::Ix::new(i)) {
                Ok(body) => body,
                Err(d) => {
                    ctx.unread.say(d);
                    String::new()
                }
            };
            let mut s = String::new();
            // Links into the site absolute (content format 1.1).
            entry(&mut s, base, a, &absolute_links(&body, base));
            s
        })
        .collect();
    for e in &entries {
        s.push_str(e);
    }
    s.push_str("</feed>\n");
    s
}

/// One article's `<entry>`: `body` is its content as HTML, its links
/// into the site absolute (`xml:base` stays for readers of the rest).
fn entry(s: &mut String, base: &str, a: &Article, body: &str) {
    let url = url::article(base, &a.slug);
    let _ = writeln!(s, "<entry>");
    let _ = writeln!(s, "<title>{}</title>", escape_markup(&a.title));
    let _ = writeln!(s, "<link href=\"{}\"/>", escape_markup(&url));
    let _ = writeln!(s, "<id>{}</id>", escape_markup(&url));
    let _ = writeln!(s, "<published>{}</published>", stamp(&a.date));
    // An article updated since (content format 1.1, `updated`) says when.
    let _ = writeln!(
        s,
        "<updated>{}</updated>",
        stamp(&a.updated.unwrap_or(a.date))
    );
    if let Some(by) = &a.byline {
        let _ = writeln!(s, "<author><name>{}</name></author>", escape_markup(by));
    }
    if let Some(summary) = &a.summary {
        let _ = writeln!(s, "<summary>{}</summary>", escape_markup(summary));
    }
    // A dateline is shown apart from the text on the page; in a feed
    // reader it opens the text.
    let dateline = a.dateline.as_ref().map_or(String::new(), |d| {
        format!("<p><strong>{}</strong></p>", escape_markup(&d.text))
    });
    let _ = writeln!(
        s,
        "<content type=\"html\" xml:base=\"{}\">{}{}</content>",
        escape_markup(&url),
        escape_markup(&dateline),
        escape_markup(body)
    );
    let _ = writeln!(s, "</entry>");
}
