//! `data/entities.ftm.json`: the investigation as FollowTheMoney entities,
//! one JSON object per line (content format, "The built site"), for OCCRP
//! Aleph, OpenSanctions' tools and the rest of the FtM world.
//!
//! * Actors are `Person`, `Company`, `PublicBody` or `Organization` by
//!   kind (`organization`, `media`, `ngo` and `other` are organizations).
//! * Relations are the closest link schema: `Family`, `Ownership`,
//!   `Directorship`, `Employment`, `Membership`, `Representation` or
//!   `Associate` when their label says so (in English) and both ends are of
//!   the schemata it links, else `UnknownLink`; the label is its `role` (or
//!   `relationship`).
//! * Events are `Event`: name, dates at their precision, the actors it
//!   involves, its sources and articles as `proof`.
//! * Sources are `Document`, articles `Article`; each actor an article
//!   names or mentions is linked to it by a `Documentation`.
//!
//! Ids are made from dossier's own (`actor-<id>`, `event-<id>`,
//! `source-<id>`, `article-<slug>`, `relation-<actor>-<actor>`,
//! `mention-<slug>-<actor>`), so they stay the same from one build to the
//! next and every reference resolves within the file. Values that FtM's
//! types would refuse are left out or moved to `notes`: a country it has
//! no code for, dates outside the years 1000–2999 it can hold, links that
//! are not http(s).

use super::{Export, ExportCtx};
use crate::kinds::{Actor, Article, Event, Ix, Source, Statement};
use crate::model::{ActorKind, Date, RichText, Site};
use crate::url;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashSet};

/// The FollowTheMoney export.
pub struct Ftm;

impl Export for Ftm {
    fn make(&self, ctx: &ExportCtx, put: &mut dyn FnMut(String, Vec<u8>)) {
        super::in_parts(url::entities(""), put, |spill| entities(ctx, spill));
    }

    fn paths(&self) -> Vec<String> {
        vec![url::entities("")]
    }
}

/// FtM property types whose values dossier writes, with the longest value
/// each accepts (`followthemoney.types`, in characters).
#[derive(Clone, Copy)]
enum Ty {
    Name,
    String,
    Text,
    Url,
    Address,
    /// Dates, country codes, entity ids: written valid by construction.
    Exact,
}

impl Ty {
    fn max_chars(self) -> usize {
        match self {
            Ty::Name => 384,
            Ty::String => 1024,
            Ty::Text => 65_000,
            Ty::Url => 4096,
            Ty::Address => 250,
            Ty::Exact => usize::MAX,
        }
    }
}

/// One entity being made.
struct Entity {
    id: String,
    schema: &'static str,
    properties: BTreeMap<&'static str, Vec<String>>,
}

impl Entity {
    fn new(schema: &'static str, id: String) -> Self {
        Entity {
            id,
            schema,
            properties: BTreeMap::new(),
        }
    }

    /// Adds a value (cleaned as FtM cleans it, cut to what the type
    /// holds; blanks and repeats left out).
    fn add(&mut self, property: &'static str, ty: Ty, value: &str) -> &mut Self {
        let value = clean(ty, value);
        if value.is_empty() {
            return self;
        }
        let value = match value.char_indices().nth(ty.max_chars()) {
            Some((cut, _)) => {
                let mut v = value[..cut].to_owned();
                v.pop();
                v.push('…');
                v
            }
            None => value.to_owned(),
        };
        let values = self.properties.entry(property).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
        self
    }

    fn line(self) -> String {
        let properties: Map<String, Value> = self
            .properties
            .into_iter()
            .map(|(k, v)| (k.to_owned(), json!(v)))
            .collect();
        let mut line = serde_json::to_string(&json!({
            "id": self.id,
            "schema": self.schema,
            "properties": properties,
        }))
        .unwrap_or_default();
        line.push('\n');
        line
    }
}

/// A value as FtM's own cleaning leaves it (`normality`'s
/// `strip_quotes` and `squash_spaces`), so that FtM keeps it as written:
/// invisible characters out, ends trimmed; a name loses one pair of
/// straight quotes around it and runs of white space; an address puts a
/// comma where a line breaks.
fn clean(ty: Ty, value: &str) -> String {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}'
        ) || ('\u{2060}'..='\u{2064}').contains(&c)
    };
    let squash = |s: &str| {
        s.split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match ty {
        Ty::Name => {
            let t = value.trim();
            let quoted = t.len() >= 2
                && t.starts_with(['"', '\''])
                && t.ends_with(['"', '\''])
                && !t[1..t.len() - 1].contains('\n');
            let t = if quoted { &t[1..t.len() - 1] } else { t };
            squash(&t.replace(invisible, ""))
        }
        Ty::Address => value
            .replace(invisible, "")
            .split(['\n', '\r', '\t'])
            .map(squash)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        _ => value.replace(invisible, "").trim().to_owned(),
    }
}

/// The longest id FtM accepts.
const MAX_ID: usize = 200;

/// `<prefix>-<a>-<b>`, or `<prefix>-<a>-<n>` where that would be too long
/// for an FtM id; `taken` makes a repeat `-2`, `-3`…
fn pair_id(prefix: &str, a: &str, b: &str, n: usize, taken: &mut HashSet<String>) -> String {
    let mut id = format!("{prefix}-{a}-{b}");
    if id.len() > MAX_ID - 8 {
        id = format!("{prefix}-{a}-{n}");
    }
    let base = id.clone();
    let mut k = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id
}

fn actor_id(site: &Site, i: Ix<Actor>) -> String {
    format!("actor-{}", site.actors[i].id)
}
fn source_id(site: &Site, i: Ix<Source>) -> String {
    format!("source-{}", site.sources[i].id)
}
fn article_id(site: &Site, i: Ix<Article>) -> String {
    format!("article-{}", site.articles[i].slug)
}
fn event_id(site: &Site, i: Ix<Event>) -> String {
    format!("event-{}", site.events[i].id)
}
fn statement_id(site: &Site, i: Ix<Statement>) -> String {
    format!("statement-{}", site.statements[i].id)
}

/// An FtM date, which holds the years 1000 to 2999 only.
fn ftm_date(d: &Date) -> Option<String> {
    (1000..3000).contains(&d.year).then(|| d.iso())
}

/// An absolute http(s) URL for FtM's `url` type: relative references are
/// made absolute from `base_url` when it is a full URL; anything else
/// (`mailto:`, a path-only base URL) gives none.
fn ftm_url(site: &Site, u: &str) -> Option<String> {
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(u.to_owned());
    }
    let base = &site.config.base_url;
    let absolute = base.starts_with("http://") || base.starts_with("https://");
    if !absolute || lower.starts_with("mailto:") || u.contains(':') {
        return None;
    }
    Some(url::absolute(base, u.trim_start_matches('/')))
}

/// The page of a record on the site, as an absolute URL, when `base_url`
/// is one.
fn page_url(site: &Site, path: &str) -> Option<String> {
    let base = &site.config.base_url;
    (base.starts_with("http://") || base.starts_with("https://")).then(|| url::absolute(base, path))
}

fn plain(text: Option<&RichText>) -> String {
    text.map(RichText::plain).unwrap_or_default()
}

/// The FtM schema of an actor, by kind.
fn actor_schema(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Person",
        ActorKind::Company => "Company",
        ActorKind::Government => "PublicBody",
        ActorKind::Organization | ActorKind::Media | ActorKind::Ngo | ActorKind::Other => {
            "Organization"
        }
    }
}

/// Every entity, one JSON object a line: actors, their relations,
/// sources, articles and the actors they name, events.
/// Lines are handed to `spill` as they are made ([`super::in_parts`]); what
/// it leaves is returned.
fn entities(ctx: &ExportCtx, spill: &mut dyn FnMut(&mut Vec<u8>)) -> Vec<u8> {
    let (site, graph) = (ctx.site, ctx.graph);
    let mut out = Vec::new();
    let mut push = |out: &mut Vec<u8>, line: String| {
        out.extend_from_slice(line.as_bytes());
        spill(out);
    };
    let mut taken = HashSet::new();
    for (i, a) in site.actors.enumerate() {
        let mut e = Entity::new(actor_schema(a.kind), actor_id(site, i));
        e.add("name", Ty::Name, &a.name);
        for alias in &a.aliases {
            e.add("alias", Ty::Name, alias);
        }
        if let Some(role) = &a.role {
            e.add("description", Ty::Text, role);
            if a.kind == ActorKind::Person {
                e.add("position", Ty::String, role);
            }
        }
        if let Some(c) = &a.country {
            match country_code(c) {
                Some(code) => e.add("country", Ty::Exact, &code),
                None => e.add("notes", Ty::Text, &format!("Country: {c}")),
            };
        }
        e.add("summary", Ty::Text, &plain(a.summary.as_ref()));
        for l in &a.links {
            if let Some(u) = ftm_url(site, &l.url) {
                let wikipedia = u.contains(".wikipedia.org/");
                e.add(
                    if wikipedia {
                        "wikipediaUrl"
                    } else {
                        "sourceUrl"
                    },
                    Ty::Url,
                    &u,
                );
            }
        }
        if let Some(u) = page_url(site, &url::actor("", &a.id)) {
            e.add("sourceUrl", Ty::Url, &u);
        }
        push(&mut out, e.line());
    }
    for (i, a) in site.actors.enumerate() {
        for (n, r) in a.relations.iter().enumerate() {
            let e = relation(site, i, r.actor, &r.label, n + 1, &mut taken);
            push(&mut out, e.line());
        }
    }
    for (i, s) in site.sources.enumerate() {
        let mut e = Entity::new("Document", source_id(site, i));
        e.add("title", Ty::String, &s.name);
        e.add("name", Ty::Name, &s.name);
        e.add("fileName", Ty::String, &url::source("", &s.id));
        for alias in &s.aliases {
            e.add("alias", Ty::Name, alias);
        }
        e.add("publisher", Ty::String, &s.name);
        e.add("summary", Ty::Text, &plain(s.description.as_ref()));
        e.add("keywords", Ty::String, s.kind.as_str());
        for u in [&s.url, &s.archive_url].into_iter().flatten() {
            if let Some(u) = ftm_url(site, u) {
                e.add("sourceUrl", Ty::Url, &u);
            }
        }
        push(&mut out, e.line());
    }
    let publisher = site
        .config
        .author
        .clone()
        .unwrap_or_else(|| site.config.title.clone());
    for (i, a) in site.articles.enumerate() {
        let mut e = Entity::new("Article", article_id(site, i));
        let path = url::article("", &a.slug);
        e.add("title", Ty::String, &a.title);
        e.add("name", Ty::Name, &a.title);
        e.add("fileName", Ty::String, &path);
        if let Some(d) = ftm_date(&a.date) {
            e.add("publishedAt", Ty::Exact, &d);
        }
        if let Some(by) = &a.byline {
            e.add("author", Ty::String, by);
        }
        if let Some(summary) = &a.summary {
            e.add("summary", Ty::Text, summary);
        }
        e.add("publisher", Ty::String, &publisher);
        for tag in &a.tags {
            e.add("keywords", Ty::String, tag);
        }
        for u in a.url.iter().filter_map(|u| ftm_url(site, u)) {
            e.add("sourceUrl", Ty::Url, &u);
        }
        if let Some(u) = page_url(site, &path) {
            e.add("sourceUrl", Ty::Url, &u);
        }
        for s in graph.refs::<Article, Source>(i) {
            e.add("proof", Ty::Exact, &source_id(site, s));
        }
        push(&mut out, e.line());
        for (n, actor) in graph.refs::<Article, Actor>(i).enumerate() {
            let id = pair_id(
                "mention",
                &a.slug,
                &site.actors[actor].id,
                n + 1,
                &mut taken,
            );
            let mut m = Entity::new("Documentation", id);
            m.add("document", Ty::Exact, &article_id(site, i))
                .add("entity", Ty::Exact, &actor_id(site, actor))
                .add("role", Ty::String, "mentioned");
            push(&mut out, m.line());
        }
    }
    for (i, ev) in site.events.enumerate() {
        let mut e = Entity::new("Event", event_id(site, i));
        e.add("name", Ty::Name, &ev.title);
        let (start, end) = (ftm_date(&ev.when.start), ev.when.end.as_ref().map(ftm_date));
        match (start, end) {
            (Some(s), None) => {
                e.add("date", Ty::Exact, &s).add("startDate", Ty::Exact, &s);
            }
            (Some(s), Some(Some(end))) => {
                e.add("startDate", Ty::Exact, &s)
                    .add("endDate", Ty::Exact, &end);
            }
            // A date FtM cannot hold is kept as text.
            _ => {
                e.add("notes", Ty::Text, &format!("Date: {}", ev.when.display()));
            }
        }
        e.add("summary", Ty::Text, &plain(ev.summary.as_ref()));
        let status = format!(
            "{}{}",
            ev.status.label(),
            if ev.when.approximate {
                "; date approximate"
            } else {
                ""
            }
        );
        e.add("description", Ty::Text, &status);
        if let Some(place) = &ev.place {
            e.add("location", Ty::Address, place);
        }
        for tag in &ev.tags {
            e.add("keywords", Ty::String, tag);
        }
        for a in graph.refs::<Event, Actor>(i) {
            e.add("involved", Ty::Exact, &actor_id(site, a));
        }
        for &s in &ev.sources {
            e.add("proof", Ty::Exact, &source_id(site, s));
        }
        for &a in &ev.articles {
            e.add("proof", Ty::Exact, &article_id(site, a));
        }
        if let Some(u) = page_url(site, &url::event("", ev.page, &ev.id)) {
            e.add("sourceUrl", Ty::Url, &u);
        }
        push(&mut out, e.line());
    }
    statements(site, graph, &mut taken, &mut out, &mut push);
    out
}

/// Statements as `Event`s (FtM has no schema for what someone said): named
/// `<who>: <kind>`, organised by who made it, involving the speaker and
/// the actors it names or mentions, the words as summary, its sources and
/// articles as proof; and for each event it is about, an `UnknownLink`
/// from it to that event, role "about".
fn statements(
    site: &Site,
    graph: &crate::link::Graph,
    taken: &mut HashSet<String>,
    out: &mut Vec<u8>,
    push: &mut dyn FnMut(&mut Vec<u8>, String),
) {
    for (i, st) in site.statements.enumerate() {
        let mut e = Entity::new("Event", statement_id(site, i));
        e.add(
            "name",
            Ty::Name,
            &format!("{}: {}", site.actors[st.by].name, st.kind.label()),
        );
        match ftm_date(&st.date) {
            Some(d) => {
                e.add("date", Ty::Exact, &d);
            }
            None => {
                e.add("notes", Ty::Text, &format!("Date: {}", st.date));
            }
        }
        e.add("organizer", Ty::Exact, &actor_id(site, st.by));
        for a in graph.refs::<Statement, Actor>(i).filter(|&a| a != st.by) {
            e.add("involved", Ty::Exact, &actor_id(site, a));
        }
        if let Some(q) = &st.quote {
            e.add("summary", Ty::Text, q);
        }
        e.add("summary", Ty::Text, &plain(st.summary.as_ref()));
        let mut description = st.kind.label().to_owned();
        if let Some(m) = &st.medium {
            description.push_str(&format!(" ({m})"));
        }
        e.add("description", Ty::Text, &description);
        if let Some(asked) = &st.asked {
            e.add("notes", Ty::Text, &format!("Asked on {asked}"));
        }
        e.add("notes", Ty::Text, &plain(st.question.as_ref()));
        for tag in &st.tags {
            e.add("keywords", Ty::String, tag);
        }
        for &s in &st.sources {
            e.add("proof", Ty::Exact, &source_id(site, s));
        }
        for &a in &st.articles {
            e.add("proof", Ty::Exact, &article_id(site, a));
        }
        if let Some(u) = page_url(site, &url::statement("", st.page, &st.id)) {
            e.add("sourceUrl", Ty::Url, &u);
        }
        push(out, e.line());
        for (n, &ev) in st.about.iter().enumerate() {
            let id = pair_id("about", &st.id, &site.events[ev].id, n + 1, taken);
            let mut link = Entity::new("UnknownLink", id);
            link.add("subject", Ty::Exact, &statement_id(site, i))
                .add("object", Ty::Exact, &event_id(site, ev))
                .add("role", Ty::String, "about");
            push(out, link.line());
        }
    }
}

/// Which schemata an entity of each actor schema belongs to (FtM's
/// inheritance, as far as the link schemata's ranges need it).
fn is_a(schema: &str, range: &str) -> bool {
    match range {
        "LegalEntity" => true,
        "Organization" => matches!(schema, "Organization" | "Company" | "PublicBody"),
        "Person" => schema == "Person",
        // `Asset`: of the actor schemata, a company alone.
        "Asset" => schema == "Company",
        _ => false,
    }
}

/// A relation "`from` `label` `to`" as the closest FtM link: the first
/// rule whose words the label holds and whose ends fit the link's ranges.
fn relation(
    site: &Site,
    from: Ix<Actor>,
    to: Ix<Actor>,
    label: &str,
    n: usize,
    taken: &mut HashSet<String>,
) -> Entity {
    let (a, b) = (&site.actors[from], &site.actors[to]);
    let (sa, sb) = (actor_schema(a.kind), actor_schema(b.kind));
    let l = format!(" {} ", label.to_lowercase());
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    // (schema, from's property, to's property, from's range, to's range)
    type Rule = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    let rules: &[(&[&str], Rule)] = &[
        (
            &[
                " father",
                " mother",
                " son ",
                " son of",
                " daughter",
                " brother",
                " sister",
                " sibling",
                " wife",
                " husband",
                " spouse",
                " married",
                " cousin",
                " uncle",
                " aunt",
                " nephew",
                " niece",
                " parent",
                " child",
                " grand",
                " relative",
                "-in-law",
            ],
            ("Family", "person", "relative", "Person", "Person"),
        ),
        (
            &[
                " owned by",
                " subsidiary of",
                " part-owned by",
                " controlled by",
            ],
            ("Ownership", "asset", "owner", "Asset", "LegalEntity"),
        ),
        (
            &[
                " owns ",
                " owner of",
                " shareholder",
                " parent company of",
                " stake in",
                " controls ",
            ],
            ("Ownership", "owner", "asset", "LegalEntity", "Asset"),
        ),
        (
            &[
                " run by",
                " led by",
                " headed by",
                " chaired by",
                " directed by",
                " managed by",
            ],
            (
                "Directorship",
                "organization",
                "director",
                "Organization",
                "LegalEntity",
            ),
        ),
        (
            &[
                " director",
                " ceo",
                " chief executive",
                " chair",
                " board",
                " president of",
                " head of",
            ],
            (
                "Directorship",
                "director",
                "organization",
                "LegalEntity",
                "Organization",
            ),
        ),
        (
            &[" employs", " employer of"],
            (
                "Employment",
                "employer",
                "employee",
                "Organization",
                "Person",
            ),
        ),
        (
            &[
                " employee",
                " employed by",
                " works for",
                " worked for",
                " works at",
                " spokesperson",
                " spokesman",
                " spokeswoman",
                " staff",
                " journalist at",
                " reporter at",
                " officer of",
                " minister of",
            ],
            (
                "Employment",
                "employee",
                "employer",
                "Person",
                "Organization",
            ),
        ),
        (
            &[" member of", " part of", " joined", " affiliated with"],
            (
                "Membership",
                "member",
                "organization",
                "LegalEntity",
                "Organization",
            ),
        ),
        (
            &[" represented by", " client of"],
            (
                "Representation",
                "client",
                "agent",
                "LegalEntity",
                "LegalEntity",
            ),
        ),
        (
            &[
                " lawyer",
                " attorney",
                " counsel",
                " represents",
                " agent of",
                " lobbyist",
            ],
            (
                "Representation",
                "agent",
                "client",
                "LegalEntity",
                "LegalEntity",
            ),
        ),
    ];
    let chosen = rules
        .iter()
        .find(|(words, (_, _, _, ra, rb))| has(words) && is_a(sa, ra) && is_a(sb, rb))
        .map(|(_, rule)| *rule)
        .or_else(|| {
            (sa == "Person" && sb == "Person").then_some((
                "Associate",
                "person",
                "associate",
                "Person",
                "Person",
            ))
        })
        .unwrap_or((
            "UnknownLink",
            "subject",
            "object",
            "LegalEntity",
            "LegalEntity",
        ));
    let (schema, pa, pb, ..) = chosen;
    let id = pair_id("relation", &a.id, &b.id, n, taken);
    let mut e = Entity::new(schema, id);
    e.add(pa, Ty::Exact, &actor_id(site, from))
        .add(pb, Ty::Exact, &actor_id(site, to));
    let label_property = if matches!(schema, "Family" | "Associate") {
        "relationship"
    } else {
        "role"
    };
    e.add(label_property, Ty::String, label);
    e
}

/// The ISO 3166-1 code FtM gives a country, lowercase, from what an
/// author may write: a two- or three-letter code, the ISO name, its short
/// form (before `(` or `,`), or a common name ISO does not use.
fn country_code(written: &str) -> Option<String> {
    use isocountry::CountryCode;
    let w = written.trim().to_lowercase();
    let w = w.strip_prefix("the ").unwrap_or(&w);
    let lower = |c: &CountryCode| c.alpha2().to_ascii_lowercase();
    let found = match w.len() {
        2 => CountryCode::for_alpha2_caseless(w).ok(),
        3 => CountryCode::for_alpha3_caseless(w).ok(),
        _ => None,
    }
    .or_else(|| {
        CountryCode::iter()
            .find(|c| c.name().to_lowercase() == w)
            .copied()
    })
    .or_else(|| {
        // "Bolivia (Plurinational State of)", "Palestine, State of": the
        // short form, where it names one country only.
        let short = |c: &&CountryCode| {
            let name = c.name().to_lowercase();
            name.contains(['(', ','])
                && name.split([',', '(']).next().is_some_and(|s| s.trim() == w)
        };
        let mut matches = CountryCode::iter().filter(short);
        match (matches.next(), matches.next()) {
            (Some(c), None) => Some(*c),
            _ => None,
        }
    });
    if let Some(c) = found {
        return Some(lower(&c));
    }
    const COMMON: &[(&str, &str)] = &[
        ("united states", "us"),
        ("u.s.", "us"),
        ("america", "us"),
        ("united kingdom", "gb"),
        ("u.k.", "gb"),
        ("uk", "gb"),
        ("britain", "gb"),
        ("great britain", "gb"),
        ("russia", "ru"),
        ("south korea", "kr"),
        ("north korea", "kp"),
        ("syria", "sy"),
        ("laos", "la"),
        ("vietnam", "vn"),
        ("ivory coast", "ci"),
        ("czech republic", "cz"),
        ("north macedonia", "mk"),
        ("macedonia", "mk"),
        ("türkiye", "tr"),
        ("turkiye", "tr"),
        ("uae", "ae"),
        ("democratic republic of the congo", "cd"),
        ("dr congo", "cd"),
        ("republic of the congo", "cg"),
        ("kosovo", "xk"),
        ("vatican", "va"),
        ("holland", "nl"),
        ("brunei", "bn"),
        ("cape verde", "cv"),
        ("swaziland", "sz"),
        ("burma", "mm"),
        ("east timor", "tl"),
    ];
    COMMON
        .iter()
        .find(|(name, _)| *name == w)
        .map(|(_, c)| (*c).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_found_by_code_and_name() {
        let code = |c: &str| country_code(c);
        assert_eq!(code("France").as_deref(), Some("fr"));
        assert_eq!(code("IL").as_deref(), Some("il"));
        assert_eq!(code("USA").as_deref(), Some("us"));
        assert_eq!(code("the United States").as_deref(), Some("us"));
        assert_eq!(code("Iran").as_deref(), Some("ir"));
        assert_eq!(code("Palestine").as_deref(), Some("ps"));
        assert_eq!(country_code("Korea"), None);
        assert_eq!(country_code("Utopia"), None);
    }

    #[test]
    fn long_values_are_cut_to_what_ftm_holds() {
        let mut e = Entity::new("Person", "actor-x".into());
        e.add("name", Ty::Name, &"a".repeat(400));
        assert_eq!(e.properties["name"][0].chars().count(), 384);
        let mut taken = HashSet::new();
        let long = "b".repeat(100);
        let id = pair_id("relation", &long, &long, 3, &mut taken);
        assert!(id.len() <= MAX_ID, "{id}");
        assert_eq!(pair_id("relation", "a", "b", 1, &mut taken), "relation-a-b");
        assert_eq!(
            pair_id("relation", "a", "b", 2, &mut taken),
            "relation-a-b-2"
        );
    }
}
