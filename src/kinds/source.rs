//! Sources: who reported or published what (outlets, wires, documents,
//! interviews). Content format: "Sources". Cited by articles (front
//! matter and credit lines) and events.

use super::{Article, Event, Ix, Kind, KindInfo};
use crate::link::Graph;
use crate::load::fields::Text;
use crate::model::RichText;
use crate::model::Site;
use crate::model::validate::{Ctx, Unique, texts};
use crate::url;
use serde_json::{Value, json};

crate::record_fields!(
    /// A source as written in `sources.yaml` or `sources/*.yaml`.
    SourceFields {
        id: Text,
        name: Text,
        kind: Text,
        url: Text,
        aliases: Vec<Text>,
        description: Text,
        archive_url: Text,
    }
);

crate::choices!(
    /// What a source is; groups the source index.
    SourceKind {
        Outlet = "outlet" / "News outlets" / "News outlet",
        Wire = "wire" / "Wire services" / "Wire service",
        Broadcaster = "broadcaster" / "Broadcasters" / "Broadcaster",
        Ngo = "ngo" / "NGOs" / "NGO",
        Government = "government" / "Governments" / "Government",
        Company = "company" / "Companies" / "Company",
        Document = "document" / "Documents" / "Document",
        Interview = "interview" / "Interviews" / "Interview",
        Other = "other" / "Other sources" / "Other",
    }
);

/// A validated source.
#[derive(Debug)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    /// The source's own site (external), percent-encoded.
    pub url: Option<String>,
    /// Other names, as credit lines may write it.
    pub aliases: Vec<String>,
    pub description: Option<RichText>,
    pub archive_url: Option<String>,
}

impl Kind for Source {
    type Fields = SourceFields;

    const INFO: KindInfo = KindInfo {
        name: "source",
        plural: "sources",
        one: "a source",
        data_file: true,
    };

    fn key(&self) -> &str {
        &self.id
    }

    fn text(&self) -> Option<&RichText> {
        self.description.as_ref()
    }

    /// Its fields, and the articles and events that cite it.
    fn data_row(site: &Site, graph: &Graph, i: Ix<Self>) -> Value {
        let s = &site.sources[i];
        json!({
            "id": s.id, "name": s.name, "kind": s.kind, "url": s.url, "archive_url": s.archive_url,
            "aliases": s.aliases, "description": s.description.as_ref().map(RichText::plain),
            "articles": site.keys(graph.cited_by::<Source, Article>(i)),
            "events": site.keys(graph.cited_by::<Source, Event>(i)),
            "path": url::source("", &s.id),
        })
    }
}

impl Source {
    /// Validates every source in content order; those with problems are
    /// reported and left out.
    pub(crate) fn build_all(ctx: &mut Ctx<'_>) -> Vec<Source> {
        let mut out = Vec::new();
        let mut seen = Unique::default();
        for record in &ctx.loaded.sources {
            let (r, at) = (&record.value, record.span);
            ctx.unknown_fields(&r.unknown, SourceFields::FIELDS, Self::INFO.one);
            let id = ctx.required(at, r.id.as_ref(), "id", Self::INFO.one);
            let name = ctx.required(at, r.name.as_ref(), "name", Self::INFO.one);
            let kind = r
                .kind
                .as_ref()
                .map(|k| ctx.enum_value(k, SourceKind::parse, SourceKind::NAMES, "source kind"));
            let url = r.url.as_ref().and_then(|u| ctx.url(u));
            let archive_url = r.archive_url.as_ref().and_then(|u| ctx.url(u));
            let description = r.description.as_ref().map(|d| ctx.markdown_field(d));
            let (Some(id), Some(name)) = (id, name) else {
                continue;
            };
            if !ctx.id(id, "source id") || !seen.check(ctx, id, Self::INFO.name) {
                continue;
            }
            out.push(Source {
                id: id.value.clone(),
                name: name.value.trim().to_owned(),
                kind: kind.flatten().unwrap_or(SourceKind::Other),
                url,
                aliases: texts(&r.aliases),
                description,
                archive_url,
            });
        }
        out
    }

    /// Resolves a credit-line name against source names and aliases:
    /// exactly first, then ignoring case and quote style.
    pub fn by_credit_name(sources: &[Source], name: &str) -> Option<Ix<Source>> {
        let norm = |s: &str| {
            s.trim()
                .chars()
                .map(crate::quotes::fold)
                .collect::<String>()
                .to_lowercase()
        };
        let all = || {
            sources.iter().enumerate().flat_map(|(i, s)| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .map(move |n| (i, n))
            })
        };
        all()
            .find(|(_, n)| n.as_str() == name)
            .or_else(|| {
                let want = norm(name);
                all().find(|(_, n)| norm(n) == want)
            })
            .map(|(i, _)| Ix::new(i))
    }
}
