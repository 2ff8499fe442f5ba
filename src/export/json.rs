//! `data/*.json`: every record of each kind as a JSON array, with its
//! links resolved to ids (shape documented in `docs/data.md`). One small
//! function per kind builds a record's row.

use super::{Export, ExportCtx};
use crate::link::Graph;
use crate::model::{Actor, Article, Event, RichText, Site, Source};
use crate::url;
use rayon::prelude::*;
use serde_json::{Value, json};

/// The open data: `data/actors.json`, `events`, `sources`, `articles`.
pub struct Json;

impl Export for Json {
    fn files(&self, ctx: &ExportCtx) -> Vec<(String, Vec<u8>)> {
        let (site, graph) = (ctx.site, ctx.graph);
        vec![
            (
                url::data("", "actors"),
                pretty_array(&site.actors, |i, a| actor_row(site, graph, i, a)),
            ),
            (
                url::data("", "events"),
                pretty_array(&site.events, |i, e| event_row(site, graph, i, e)),
            ),
            (
                url::data("", "sources"),
                pretty_array(&site.sources, |i, s| source_row(site, graph, i, s)),
            ),
            (
                url::data("", "articles"),
                pretty_array(&site.articles, |i, a| article_row(site, graph, i, a)),
            ),
        ]
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

/// Rich text as plain text, as the data gives it.
fn plain(t: &Option<RichText>) -> Option<String> {
    t.as_ref().map(|t| t.plain())
}

/// The ids of records given by index, as JSON lists them.
fn ids<'s>(ix: impl IntoIterator<Item = &'s usize>, id: impl Fn(usize) -> &'s str) -> Vec<&'s str> {
    ix.into_iter().map(|&i| id(i)).collect()
}

/// Actor `i`: its fields, relations, events, articles and sources.
fn actor_row(site: &Site, graph: &Graph, i: usize, a: &Actor) -> Value {
    let l = &graph.actors[i];
    json!({
        "id": a.id, "name": a.name, "kind": a.kind, "role": a.role, "aliases": a.aliases,
        "country": a.country, "summary": plain(&a.summary), "links": a.links,
        "relations": l.relations.iter().map(|r| json!({"actor": site.actors[r.other].id, "label": r.label, "direction": r.direction})).collect::<Vec<_>>(),
        "events": ids(&l.events, |e| &site.events[e].id),
        "articles": l.articles.iter().map(|r| json!({"slug": site.articles[r.article].slug, "mentions": r.mentions, "sentence": r.sentence})).collect::<Vec<_>>(),
        "sources": ids(&l.sources, |s| &site.sources[s].id),
        "path": url::actor("", &a.id),
    })
}

/// Event `i`: its date, fields, actors, sources and articles.
fn event_row(site: &Site, graph: &Graph, i: usize, e: &Event) -> Value {
    json!({
        "id": e.id, "date": e.when.start, "end": e.when.end, "approximate": e.when.approximate,
        "precision": e.when.start.precision(), "display": e.when.display(),
        "title": e.title, "summary": plain(&e.summary), "status": e.status, "place": e.place, "tags": e.tags,
        "actors": ids(&graph.events[i].actors, |a| &site.actors[a].id),
        "sources": ids(&e.sources, |s| &site.sources[s].id),
        "articles": ids(&e.articles, |a| &site.articles[a].slug),
        "path": url::event("", &e.id),
    })
}

/// Source `i`: its fields, articles and events.
fn source_row(site: &Site, graph: &Graph, i: usize, s: &Source) -> Value {
    let l = &graph.sources[i];
    json!({
        "id": s.id, "name": s.name, "kind": s.kind, "url": s.url, "archive_url": s.archive_url,
        "aliases": s.aliases, "description": plain(&s.description),
        "articles": ids(&l.articles, |a| &site.articles[a].slug),
        "events": ids(&l.events, |e| &site.events[e].id),
        "path": url::source("", &s.id),
    })
}

/// Article `i`: its fields, sources, actors, events and credit line.
fn article_row(site: &Site, graph: &Graph, i: usize, a: &Article) -> Value {
    let source_id = |s: usize| site.sources[s].id.as_str();
    json!({
        "slug": a.slug, "title": a.title, "date": a.date, "url": a.url, "byline": a.byline,
        "kicker": a.kicker, "summary": a.summary, "tags": a.tags,
        "sources": ids(&a.sources, source_id),
        "actors": ids(&graph.articles[i].actors, |x| &site.actors[x].id),
        "events": ids(&graph.articles[i].events, |e| &site.events[e].id),
        "credit": a.credit.as_ref().map(|c| json!({
            "label": c.label,
            "names": c.names.iter().map(|n| json!({"text": n.text, "source": n.source.map(source_id)})).collect::<Vec<_>>(),
        })),
        "path": url::article("", &a.slug),
    })
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
