//! The machine-readable outputs: `sitemap.xml`, the Atom `feed.xml`, and
//! `data/*.json` (shape documented in `docs/data.md`).

use super::page::{PageSpec, Shows};
use super::{article_body, escape_markup};
use crate::link::Graph;
use crate::model::Site;
use crate::url;
use crate::write::Output;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// `pages` are every page of the site (for the sitemap); `bodies`, when
/// given, are the articles' bodies already rendered at their pages' root
/// ([`article_body`]), as the article pages and the feed use them.
pub fn add_feeds_and_data(
    site: &Site,
    graph: &Graph,
    pages: &[PageSpec],
    bodies: Option<&[String]>,
    out: &mut Output,
) {
    // Independent outputs, built side by side.
    let ((sitemap, feed), data) = rayon::join(
        || rayon::join(|| sitemap(site, pages), || feed(site, graph, bodies)),
        || data(site, graph),
    );
    out.insert(url::sitemap(""), sitemap);
    out.insert(url::feed(""), feed);
    for (name, bytes) in data {
        out.insert(url::data("", name), bytes);
    }
}

/// `serde_json::to_vec_pretty` of the array of `items`, plus a final newline,
/// with the items built and serialised in parallel: the same bytes, since
/// pretty JSON only ever has newlines between tokens (never inside strings),
/// so an item printed alone is the item printed in the array, less one level
/// of indentation.
fn pretty_array<T: Sync>(items: &[T], value: impl Fn(usize, &T) -> Value + Sync) -> Vec<u8> {
    let printed: Vec<Vec<u8>> = items
        .par_iter()
        .enumerate()
        .map(|(i, item)| serde_json::to_vec_pretty(&value(i, item)).unwrap_or_default())
        .collect();
    if printed.is_empty() {
        return b"[]\n".to_vec();
    }
    let len: usize = printed.iter().map(|p| p.len() + p.len() / 8 + 4).sum();
    let mut out = Vec::with_capacity(len + 4);
    out.push(b'[');
    for (i, p) in printed.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
        for (j, line) in p.split(|&b| b == b'\n').enumerate() {
            if j > 0 {
                out.extend_from_slice(b"\n  ");
            }
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(b"\n]\n");
    out
}

fn sitemap(site: &Site, pages: &[PageSpec]) -> String {
    let base = &site.config.base_url;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages.iter().filter(|p| p.kind.in_sitemap) {
        let _ = write!(
            s,
            "<url><loc>{}</loc>",
            escape_markup(&url::absolute(base, &page.dir))
        );
        if let Shows::Article(i) = page.shows {
            if site.articles[i].date.day.is_some() {
                let _ = write!(s, "<lastmod>{}</lastmod>", site.articles[i].date.iso());
            }
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// Atom. `updated` is the newest article's date, never the build time, so
/// identical input gives identical bytes.
fn feed(site: &Site, graph: &Graph, bodies: Option<&[String]>) -> String {
    let base = &site.config.base_url;
    let stamp = |d: &crate::model::Date| format!("{}T00:00:00Z", d.first_day_iso());
    let updated = site
        .articles
        .iter()
        .map(|a| a.date)
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
    // Entries are written in parallel, a run of articles at a time, then
    // joined in order.
    let runs: Vec<String> = site
        .articles
        .par_chunks(64)
        .enumerate()
        .map(|(run, articles)| {
            let mut s = String::new();
            for (k, a) in articles.iter().enumerate() {
                let i = run * 64 + k;
                // Relative links in the content resolve against the article's URL.
                let rendered;
                let body = match bodies.and_then(|b| b.get(i)) {
                    Some(b) => b.as_str(),
                    None => {
                        rendered = article_body(site, graph, i);
                        rendered.as_str()
                    }
                };
                entry(&mut s, base, a, body);
            }
            s
        })
        .collect();
    s.reserve(runs.iter().map(String::len).sum::<usize>() + 16);
    for run in &runs {
        s.push_str(run);
    }
    s.push_str("</feed>\n");
    s
}

/// One article's `<entry>`: `body` is its content as HTML, links relative
/// to the article's own URL.
fn entry(s: &mut String, base: &str, a: &crate::model::Article, body: &str) {
    let stamp = |d: &crate::model::Date| format!("{}T00:00:00Z", d.first_day_iso());
    let url = url::article(base, &a.slug);
    let _ = writeln!(s, "<entry>");
    let _ = writeln!(s, "<title>{}</title>", escape_markup(&a.title));
    let _ = writeln!(s, "<link href=\"{}\"/>", escape_markup(&url));
    let _ = writeln!(s, "<id>{}</id>", escape_markup(&url));
    let _ = writeln!(s, "<published>{}</published>", stamp(&a.date));
    let _ = writeln!(s, "<updated>{}</updated>", stamp(&a.date));
    if let Some(by) = &a.byline {
        let _ = writeln!(s, "<author><name>{}</name></author>", escape_markup(by));
    }
    let _ = writeln!(s, "<summary>{}</summary>", escape_markup(&a.summary));
    let _ = writeln!(
        s,
        "<content type=\"html\" xml:base=\"{}\">{}</content>",
        escape_markup(&url),
        escape_markup(body)
    );
    let _ = writeln!(s, "</entry>");
}

fn data(site: &Site, graph: &Graph) -> Vec<(&'static str, Vec<u8>)> {
    let actor_id = |i: usize| site.actors[i].id.clone();
    let source_id = |i: usize| site.sources[i].id.clone();
    let article_slug = |i: usize| site.articles[i].slug.clone();
    let event_id = |i: usize| site.events[i].id.clone();
    let plain = |t: &Option<crate::model::RichText>| t.as_ref().map(|t| t.plain());

    let actors = pretty_array(&site.actors, |i, a| {
        let l = &graph.actors[i];
        json!({
            "id": a.id, "name": a.name, "kind": a.kind, "role": a.role, "aliases": a.aliases,
            "country": a.country, "summary": plain(&a.summary), "links": a.links,
            "relations": l.relations.iter().map(|r| json!({"actor": actor_id(r.other), "label": r.label, "direction": r.direction})).collect::<Vec<_>>(),
            "events": l.events.iter().map(|&e| event_id(e)).collect::<Vec<_>>(),
            "articles": l.articles.iter().map(|r| json!({"slug": article_slug(r.article), "mentions": r.mentions, "sentence": r.sentence})).collect::<Vec<_>>(),
            "sources": l.sources.iter().map(|&s| source_id(s)).collect::<Vec<_>>(),
            "path": url::actor("", &a.id),
        })
    });
    let events = pretty_array(&site.events, |i, e| {
        json!({
            "id": e.id, "date": e.when.start, "end": e.when.end, "approximate": e.when.approximate,
            "precision": e.when.start.precision(), "display": e.when.display(),
            "title": e.title, "summary": plain(&e.summary), "status": e.status, "place": e.place, "tags": e.tags,
            "actors": graph.events[i].actors.iter().map(|&a| actor_id(a)).collect::<Vec<_>>(),
            "sources": e.sources.iter().map(|&s| source_id(s)).collect::<Vec<_>>(),
            "articles": e.articles.iter().map(|&a| article_slug(a)).collect::<Vec<_>>(),
            "path": url::event("", &e.id),
        })
    });
    let sources = pretty_array(&site.sources, |i, s| {
        let l = &graph.sources[i];
        json!({
            "id": s.id, "name": s.name, "kind": s.kind, "url": s.url, "archive_url": s.archive_url,
            "aliases": s.aliases, "description": plain(&s.description),
            "articles": l.articles.iter().map(|&a| article_slug(a)).collect::<Vec<_>>(),
            "events": l.events.iter().map(|&e| event_id(e)).collect::<Vec<_>>(),
            "path": url::source("", &s.id),
        })
    });
    let articles = pretty_array(&site.articles, |i, a| {
        json!({
            "slug": a.slug, "title": a.title, "date": a.date, "url": a.url, "byline": a.byline,
            "kicker": a.kicker, "summary": a.summary, "tags": a.tags,
            "sources": a.sources.iter().map(|&s| source_id(s)).collect::<Vec<_>>(),
            "actors": graph.articles[i].actors.iter().map(|&x| actor_id(x)).collect::<Vec<_>>(),
            "events": graph.articles[i].events.iter().map(|&e| event_id(e)).collect::<Vec<_>>(),
            "credit": a.credit.as_ref().map(|c| json!({
                "label": c.label,
                "names": c.names.iter().map(|n| json!({"text": n.text, "source": n.source.map(source_id)})).collect::<Vec<_>>(),
            })),
            "path": url::article("", &a.slug),
        })
    });
    vec![
        ("actors", actors),
        ("events", events),
        ("sources", sources),
        ("articles", articles),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_arrays_print_as_serde_json_does() {
        let items = [
            json!({"a": [1, {"b": []}], "c": "x\ny"}),
            json!([]),
            json!(null),
        ];
        let mut expected = serde_json::to_vec_pretty(&Value::Array(items.to_vec())).unwrap();
        expected.push(b'\n');
        assert_eq!(pretty_array(&items, |_, v| v.clone()), expected);
        let none: [Value; 0] = [];
        let mut expected = serde_json::to_vec_pretty(&Value::Array(Vec::new())).unwrap();
        expected.push(b'\n');
        assert_eq!(pretty_array(&none, |_, v| v.clone()), expected);
    }
}
