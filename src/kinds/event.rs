//! Events: what happened, when, how firmly it is established, and who and
//! what it involves. Content format: "Events". The timeline lists them in
//! date order.

use super::statement::StatementItem;
use super::{Actor, Article, Ix, Kind, KindInfo, Ref, Source, Statement};
use crate::kept::KeptBuild;
use crate::link::Graph;
use crate::load::fields::{DateInput, Field, Text, written, written_list};
use crate::model::correction::CorrectionFields;
use crate::model::date::{Order, sort_by_date};
use crate::model::text::{BadLink, parse_markdown};
use crate::model::validate::{Ctx, Ids, Unique, text};
use crate::model::{Correction, Position, RichText, Site, When};
use crate::render::context::{CorrectionCtx, Group, LinkCtx, WhenCtx};
use crate::render::page::{KindPages, PageKind};
use crate::render::pages::Env;
use crate::render::paginate::{self, CountLinkCtx};
use crate::url;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashSet;
use tera::Context;

crate::record_fields!(
    /// An event as written in `events.yaml` or `events/*.yaml`.
    EventFields {
        id: Text,
        date: Field<DateInput>,
        end: Field<DateInput>,
        approximate: Field<bool>,
        title: Text,
        summary: Text,
        actors: Vec<Text>,
        sources: Vec<Text>,
        articles: Vec<Text>,
        status: Text,
        place: Text,
        tags: Vec<Text>,
        reply_due: Vec<Text>,
        corrections: Vec<Field<CorrectionFields>>,
    }
);

crate::choices!(
    /// How firmly an event is established.
    Status {
        Confirmed = "confirmed" / "Confirmed" / "Confirmed",
        Reported = "reported" / "Reported" / "Reported",
        Alleged = "alleged" / "Alleged" / "Alleged",
        Disputed = "disputed" / "Disputed" / "Disputed",
        Denied = "denied" / "Denied" / "Denied",
    }
);

/// A validated event.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub when: When,
    pub title: String,
    pub summary: Option<RichText>,
    /// Named in the record (those mentioned in the summary are added by linking).
    pub actors: Vec<Ix<Actor>>,
    pub sources: Vec<Ix<Source>>,
    /// Published articles only: a draft cited here is left out.
    pub articles: Vec<Ix<Article>>,
    pub status: Status,
    pub place: Option<String>,
    pub tags: Vec<String>,
    /// The actors whose reply the event requires (those it accuses), in
    /// the order written, each once (content format 1.1, Statements).
    pub reply_due: Vec<ReplyDue>,
    pub corrections: Vec<Correction>,
    /// Its place in content order (the CSV export's order).
    pub position: usize,
    /// Its page of the timeline, where it is shown with its id and where
    /// every link to it leads (`render::paginate::timeline`).
    pub page: url::Part,
}

/// An entry of an event's `reply_due`: the actor, and where the entry was
/// written (a missing reply is reported there).
#[derive(Debug, Clone)]
pub struct ReplyDue {
    pub actor: Ix<Actor>,
    pub at: Position,
}

impl Kind for Event {
    type Fields = EventFields;

    /// An events sheet in TimelineJS3's spreadsheet template.
    const SHEET: Option<crate::load::csv::Sheet<EventFields>> =
        Some(crate::load::timelinejs::SHEET);

    const INFO: KindInfo = KindInfo {
        name: "event",
        plural: "events",
        one: "an event",
    };

    fn key(&self) -> &str {
        &self.id
    }

    fn text(&self) -> Option<&RichText> {
        self.summary.as_ref()
    }

    fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    fn tags(&self) -> &[String] {
        &self.tags
    }

    /// "X denies any role in Y's murder" puts the event on both pages.
    fn counted_text(&self) -> Option<&str> {
        Some(&self.title)
    }

    /// Actors named in the record, then those its summary mentions; its
    /// sources; the articles it cites.
    fn references(&self, mentioned: &[Ix<Actor>], out: &mut Vec<Ref>) {
        let start = out.len();
        out.extend(self.actors.iter().map(|&a| Ref::Actor(a)));
        for &a in mentioned {
            if !out[start..].contains(&Ref::Actor(a)) {
                out.push(Ref::Actor(a));
            }
        }
        out.extend(self.sources.iter().map(|&s| Ref::Source(s)));
        out.extend(self.articles.iter().map(|&a| Ref::Article(a)));
    }

    /// Its date at its precision, fields, actors (named and mentioned),
    /// sources and articles, its replies (statements about it), whose
    /// reply it requires and whose is missing, and its corrections.
    fn data_row(site: &Site, graph: &Graph, i: Ix<Self>) -> Value {
        let e = &site.events[i];
        let replies = Event::replies(site, graph, i);
        let missing = Event::missing_replies(site, e, &replies);
        json!({
            "id": e.id, "date": e.when.start, "end": e.when.end, "approximate": e.when.approximate,
            "precision": e.when.start.precision(), "display": e.when.display(),
            "title": e.title, "summary": e.summary.as_ref().map(RichText::plain), "status": e.status, "place": e.place, "tags": e.tags,
            "actors": site.keys(graph.refs::<Event, Actor>(i)),
            "sources": site.keys(e.sources.iter().copied()),
            "articles": site.keys(e.articles.iter().copied()),
            "statements": site.keys(replies.iter().copied()),
            "reply_due": site.keys(e.reply_due.iter().map(|d| d.actor)),
            "missing_replies": site.keys(missing),
            "corrections": crate::model::correction::data(&e.corrections),
            "path": url::event("", e.page, &e.id),
        })
    }
}

impl super::Written for Event {
    /// Its fields as written: the actors it names (not those its text
    /// mentions), its published articles.
    fn written(site: &Site, i: Ix<Self>) -> EventFields {
        let e = &site.events[i];
        let date = |d: Option<crate::model::Date>| d.map(|d| Field::unplaced(DateInput(d.iso())));
        EventFields {
            id: written(Some(&e.id)),
            date: date(Some(e.when.start)),
            end: date(e.when.end),
            approximate: e.when.approximate.then(|| Field::unplaced(true)),
            title: written(Some(&e.title)),
            summary: written(e.summary.as_ref().and_then(|s| s.source.as_deref())),
            actors: written_list(site.keys(e.actors.iter().copied())),
            sources: written_list(site.keys(e.sources.iter().copied())),
            articles: written_list(site.keys(e.articles.iter().copied())),
            status: written(Some(e.status.as_str())),
            place: written(e.place.as_deref()),
            tags: written_list(&e.tags),
            reply_due: written_list(site.keys(e.reply_due.iter().map(|r| r.actor))),
            // Corrections are written in YAML only.
            corrections: None,
            unknown: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// Events are shown in date order; their content order is kept apart.
    fn in_content_order(site: &Site) -> Vec<Ix<Self>> {
        let mut all: Vec<Ix<Event>> = site.events.ixs().collect();
        all.sort_by_key(|&i| site.events[i].position);
        all
    }
}

impl Event {
    /// Validates every event, resolves its references, and returns them
    /// in date order (ties in content order).
    pub(crate) fn build_all(ctx: &mut Ctx<'_>, ids: &Ids) -> Vec<Event> {
        // Checking 20,000 events and resolving their references again was
        // half of the model's rebuild after a one-article edit (issue 18).
        KeptBuild::build(
            ctx,
            ids,
            |k| &mut *k.events,
            |ctx| Self::build_each(ctx, ids),
        )
    }

    /// [`Event::build_all`] without what `dossier serve` keeps.
    fn build_each(ctx: &mut Ctx<'_>, ids: &Ids) -> Vec<Event> {
        let loaded = ctx.loaded;
        let mut out: Vec<(Event, usize)> = Vec::new();
        let mut seen = Unique::default();
        // Summaries' Markdown parsed in parallel first, as for articles.
        let rules = ctx.rules.clone();
        let mut summaries: Vec<Option<(RichText, Vec<BadLink>)>> = loaded
            .events
            .par_iter()
            .map(|l| {
                l.value
                    .summary
                    .as_ref()
                    .map(|t| parse_markdown(&t.value, &rules))
            })
            .collect();
        let made_ids = made_ids(loaded);
        for (order, record) in loaded.events.iter().enumerate() {
            let (r, at) = (&record.value, record.span);
            ctx.unknown_fields(&r.unknown, EventFields::FIELDS, Self::INFO.one);
            let id = made_ids[order].as_ref().or(r.id.as_ref());
            let id = ctx.required(at, id, "id", Self::INFO.one);
            let title = ctx.required(at, r.title.as_ref(), "title", Self::INFO.one);
            let start = match &r.date {
                Some(d) => ctx.date(d),
                None => {
                    if !ctx.lack_reported(at, "date") {
                        ctx.err(at, "an event is missing the required field `date`");
                    }
                    None
                }
            };
            let end = r.end.as_ref().and_then(|d| ctx.date(d));
            // Compared at the coarser precision (content format 1.1:
            // "must not be earlier than the start"): a range from 10 May
            // 2021 to May 2021 ends in its starting month, not before it.
            if let (Some(s), Some(e), Some(end_field)) = (start, end, &r.end)
                && e.before(&s)
            {
                ctx.err(
                    end_field.span,
                    format!(
                        "the event ends ({}) before it starts ({})",
                        e.iso(),
                        s.iso()
                    ),
                );
            }
            let status = r
                .status
                .as_ref()
                .map(|k| ctx.enum_value(k, Status::parse, Status::NAMES, "status"));
            let summary = r.summary.as_ref().map(|d| match summaries[order].take() {
                Some(parsed) => ctx.markdown_parsed(d, parsed),
                None => ctx.markdown_field(d),
            });
            let actors = ctx.resolve(&r.actors, &ids.actors, "actor", &|_| false);
            let sources = ctx.resolve(&r.sources, &ids.sources, "source", &|_| false);
            // An event may cite an article that is still a draft: the link is
            // left out until the draft is published.
            let articles = ctx.resolve(&r.articles, &ids.articles, "article", &|s| {
                ids.draft_slugs.contains(s)
            });
            let mut reply_due: Vec<ReplyDue> = Vec::new();
            for t in r.reply_due.iter().flatten() {
                let Some(actor) = ctx
                    .resolve(&Some(vec![t.clone()]), &ids.actors, "actor", &|_| false)
                    .pop()
                else {
                    continue;
                };
                if !reply_due.iter().any(|d| d.actor == actor) {
                    let at = Position::of(ctx.at(t.span, ""));
                    reply_due.push(ReplyDue { actor, at });
                }
            }
            let corrections = ctx.corrections(&r.corrections, None);
            let tags = ctx.tags(&r.tags);
            // Its form is checked whatever else is wrong with the record:
            // it was said only once the rest passed, a run later.
            let id_ok = id.is_some_and(|id| ctx.id(id, "event id"));
            let (Some(id), Some(title), Some(start)) = (id, title, start) else {
                continue;
            };
            if !id_ok || !seen.check(ctx, id, Self::INFO.name) {
                continue;
            }
            out.push((
                Event {
                    id: id.value.clone(),
                    when: When {
                        start,
                        end,
                        approximate: r.approximate.as_ref().is_some_and(|a| a.value),
                    },
                    title: title.value.trim().to_owned(),
                    summary,
                    actors,
                    sources,
                    articles,
                    status: status.flatten().unwrap_or(Status::Reported),
                    place: text(&r.place),
                    tags,
                    reply_due,
                    corrections,
                    position: order,
                    page: url::Part::Whole,
                },
                order,
            ));
        }
        let mut events = sort_by_date(out, |e| &e.when.start, Order::OldestFirst);
        Event::place_on_timeline(&mut events, &[]);
        events
    }

    /// What the event's own texts and lists weigh on a page beyond a
    /// short event's ([`paginate::event_text_bytes`]).
    pub(crate) fn text_bytes(&self) -> usize {
        paginate::event_text_bytes(
            self.shown_text(),
            self.actors.len() + self.sources.len(),
            self.tags.len(),
        )
    }

    /// Sets each event's page of the timeline (`render::paginate::timeline`),
    /// `events` in date order, weighing each by its replies among
    /// `statements` (those `about` it), which its card there lists. The
    /// model calls it once more when the statements are built, as events
    /// are built before them.
    pub(crate) fn place_on_timeline(events: &mut [Event], statements: &[Statement]) {
        let mut replies = vec![0usize; events.len()];
        // The texts of the replies its card shows whole: which those are
        // is for the card to say, so the longest are counted.
        let mut texts: Vec<Vec<usize>> = vec![Vec::new(); events.len()];
        for s in statements {
            let text = s.shown_text();
            for &e in &s.about {
                replies[e.get()] += 1;
                let longest = &mut texts[e.get()];
                longest.push(text);
                if longest.len() > paginate::REPLIES_SHOWN_WHOLE {
                    longest.sort_unstable_by(|a, b| b.cmp(a));
                    longest.truncate(paginate::REPLIES_SHOWN_WHOLE);
                }
            }
        }
        let dates: Vec<(u16, Option<u8>)> = events
            .iter()
            .map(|e| (e.when.start.year, e.when.start.month))
            .collect();
        let weights: Vec<usize> = (events.iter().zip(replies).zip(&texts))
            .map(|((e, replies), texts)| paginate::event_bytes(replies, texts) + e.text_bytes())
            .collect();
        for (e, page) in events.iter_mut().zip(paginate::timeline(&dates, &weights)) {
            e.page = page;
        }
    }
}

/// The ids of events read from a TimelineJS sheet, which were made from
/// their year and headline (`load::timelinejs`): each takes `-2`, `-3`…
/// where it clashes with an id written by hand or made before it in
/// content order (content format, "Data files"). `None` for the others.
fn made_ids(loaded: &crate::load::Loaded) -> Vec<Option<Text>> {
    let made = |r: &Field<EventFields>| {
        loaded.files[r.span.file()]
            .csv
            .as_ref()
            .is_some_and(|c| c.timeline)
    };
    let taken: HashSet<&str> = loaded
        .events
        .iter()
        .filter(|r| !made(r))
        .filter_map(|r| r.value.id.as_ref().map(|t| t.value.as_str()))
        .collect();
    let mut made_here: HashSet<String> = HashSet::new();
    loaded
        .events
        .iter()
        .map(|r| {
            let id = r.value.id.as_ref().filter(|_| made(r))?;
            let mut candidate = id.value.clone();
            let mut n = 2;
            while taken.contains(candidate.as_str()) || made_here.contains(&candidate) {
                candidate = format!("{}-{n}", id.value);
                n += 1;
            }
            made_here.insert(candidate.clone());
            Some(Field {
                value: candidate,
                span: id.span,
            })
        })
        .collect()
}

// ---- Pages: `timeline/` (each event an anchor there), and what templates see.

const INDEX_PAGE: PageKind = PageKind::new("timeline", "timeline.html", "timeline", "Timeline");

/// An event as the timeline and record pages show it (`event` partial).
#[derive(Serialize, Clone)]
pub struct EventItem {
    pub id: String,
    pub title: String,
    /// Link to the event on its page of the timeline: `…/timeline/#<id>`,
    /// `…/timeline/2021/#<id>`.
    pub href: String,
    pub when: WhenCtx,
    pub status: &'static str,
    pub status_label: &'static str,
    pub place: Option<String>,
    pub summary_html: Option<String>,
    pub actors: Vec<LinkCtx>,
    pub sources: Vec<LinkCtx>,
    pub articles: Vec<LinkCtx>,
    /// Its tags, each a link to the tag's page.
    pub tags: Vec<LinkCtx>,
    /// Its replies shown whole: on the timeline, the first
    /// [`paginate::REPLIES_SHOWN_WHOLE`] of the statements about it, in
    /// date order; elsewhere none (`replies_total` says how many there
    /// are, under the event on the timeline).
    pub replies: Vec<StatementItem>,
    /// On the timeline, its other replies, a line each, linking to their
    /// entries, up to [`paginate::REPLY_LINES_SHOWN`] of them; elsewhere
    /// none.
    pub more_replies: Vec<ReplyLineCtx>,
    /// On the timeline, how many replies there are besides those shown
    /// whole (listed in `more_replies` or not); elsewhere 0.
    pub more_replies_count: usize,
    /// On the timeline, how many replies neither `replies` nor
    /// `more_replies` holds: past the lines listed, the card says how
    /// many are left and links to `statements_href`; elsewhere 0.
    pub more_replies_unlisted: usize,
    /// The statements pages, where every reply has its entry.
    pub statements_href: String,
    /// How many replies it has in all.
    pub replies_total: usize,
    /// Every actor whose reply it requires, and whether one is recorded.
    pub reply_due: Vec<ReplyDueCtx>,
    /// Whether a reply it requires is missing (a mark on the event).
    pub reply_missing: bool,
    pub corrections: Vec<CorrectionCtx>,
}

/// A reply as one line under its event: who, what kind, when, and a link
/// to its entry on `statements/`.
#[derive(Serialize, Clone)]
pub struct ReplyLineCtx {
    pub by: String,
    /// The kind as a reader reads it ("Denial").
    pub kind_label: &'static str,
    pub date: crate::render::context::DateCtx,
    pub href: String,
}

/// An actor whose reply an event requires.
#[derive(Serialize, Clone)]
pub struct ReplyDueCtx {
    pub actor: LinkCtx,
    /// Whether a statement about the event is by that actor or spoken by them.
    pub answered: bool,
}

impl Event {
    /// The statements about event `i` (its replies), in date order (ties
    /// in content order): they read down from the event as it unfolded.
    pub(crate) fn replies(site: &Site, graph: &Graph, i: Ix<Event>) -> Vec<Ix<Statement>> {
        let mut replies: Vec<Ix<Statement>> = graph.cited_by::<Event, Statement>(i).collect();
        // Statements are kept newest first; a stable sort keeps ties in content order.
        replies.sort_by_key(|&s| site.statements[s].date.key());
        replies
    }

    /// The actors in `e`'s `reply_due` with no statement among `replies`
    /// (those about it) whose `by` or `speaker` is them, in the order
    /// written. A `no-response` counts: it records that they were asked.
    pub(crate) fn missing_replies(
        site: &Site,
        e: &Event,
        replies: &[Ix<Statement>],
    ) -> Vec<Ix<Actor>> {
        e.reply_due
            .iter()
            .map(|d| d.actor)
            .filter(|&a| !replies.iter().any(|&s| site.statements[s].speaks_for(a)))
            .collect()
    }

    /// The event as pages other than its own page of the timeline show
    /// it (a record's page, a tag's, the home page), links relative to
    /// `root`: its replies counted, not shown (see [`EventItem::replies`]).
    pub(crate) fn item(env: &Env, i: Ix<Event>, root: &str) -> EventItem {
        Event::card(env, i, root, false)
    }

    /// The event as its own page of the timeline shows it, its replies
    /// under it.
    pub(crate) fn entry(env: &Env, i: Ix<Event>, root: &str) -> EventItem {
        Event::card(env, i, root, true)
    }

    /// The event as a card: `home`, on its page of the timeline, with its
    /// replies; elsewhere with their count alone, so that a page listing
    /// many events stays within the page budget whatever their replies.
    fn card(env: &Env, i: Ix<Event>, root: &str, home: bool) -> EventItem {
        let (site, graph) = (env.site, env.graph);
        let e = &site.events[i];
        let replies = Event::replies(site, graph, i);
        let missing = Event::missing_replies(site, e, &replies);
        let whole = if home {
            replies.len().min(paginate::REPLIES_SHOWN_WHOLE)
        } else {
            0
        };
        let rest = if home { &replies[whole..] } else { &[][..] };
        let lines = &rest[..rest.len().min(paginate::REPLY_LINES_SHOWN)];
        EventItem {
            id: e.id.clone(),
            title: e.title.clone(),
            href: url::event(root, e.page, &e.id),
            when: WhenCtx::of(&e.when),
            status: e.status.as_str(),
            status_label: e.status.label(),
            place: e.place.clone(),
            summary_html: env.rich(e, e.summary.as_ref(), &graph.mentions.events[i], root),
            actors: graph
                .refs::<Event, Actor>(i)
                .map(|a| Actor::link(env, a, root))
                .collect(),
            sources: e
                .sources
                .iter()
                .map(|&s| LinkCtx {
                    text: site.sources[s].name.clone(),
                    href: url::source(root, &site.sources[s].id),
                })
                .collect(),
            articles: e
                .articles
                .iter()
                .map(|&a| LinkCtx {
                    text: site.articles[a].title.clone(),
                    href: url::article(root, &site.articles[a].slug),
                })
                .collect(),
            tags: env.tag_links(&e.tags, root),
            replies: replies[..whole]
                .iter()
                .map(|&s| Statement::item(env, s, root))
                .collect(),
            more_replies: lines
                .iter()
                .map(|&x| {
                    let s = &site.statements[x];
                    ReplyLineCtx {
                        by: site.actors[s.by].name.clone(),
                        kind_label: s.kind.label(),
                        date: crate::render::context::DateCtx::of(&s.date),
                        href: url::statement(root, s.page, &s.id),
                    }
                })
                .collect(),
            more_replies_count: rest.len(),
            more_replies_unlisted: rest.len() - lines.len(),
            statements_href: url::statements(root),
            replies_total: replies.len(),
            reply_due: e
                .reply_due
                .iter()
                .map(|d| ReplyDueCtx {
                    actor: Actor::link(env, d.actor, root),
                    answered: !missing.contains(&d.actor),
                })
                .collect(),
            reply_missing: !missing.is_empty(),
            corrections: env.corrections(e, root),
        }
    }
}

impl KindPages for Event {
    const INDEX: &'static PageKind = &INDEX_PAGE;
    const RECORD: Option<&'static PageKind> = None;

    fn index_dir() -> String {
        url::timeline("")
    }

    fn title(site: &Site, i: Ix<Self>) -> String {
        site.events[i].title.clone()
    }

    /// The event as the timeline shows it (linking there).
    fn listed(env: &Env, i: Ix<Self>, root: &str) -> tera::Value {
        env.event_value(i, root)
    }

    /// Its title, summary, place and corrections.
    fn shown_text(&self) -> usize {
        let summary = self.summary.as_ref().map_or(0, RichText::written_len);
        self.title.len()
            + summary
            + self.place.as_ref().map_or(0, String::len)
            + crate::model::correction::written_len(&self.corrections)
    }

    /// Its card, which away from the timeline says how many replies it
    /// has.
    fn listed_bytes(&self, _records: &crate::model::Records<'_>) -> usize {
        paginate::bytes::EVENT + self.text_bytes()
    }

    /// Its anchor on its page of the timeline.
    fn href(&self, root: &str) -> String {
        url::event(root, self.page, &self.id)
    }

    /// The overview, then the years and months the timeline is split into
    /// (`render::paginate::timeline`), or the one page.
    fn index_parts(events: &[Self]) -> Vec<url::Part> {
        let parts: Vec<url::Part> = events.iter().map(|e| e.page).collect();
        paginate::timeline_pages(&parts)
    }

    /// The events on page `part`, in date order, grouped by year; on a
    /// timeline split by year, the years (and the months of a year split by
    /// month) with their counts, and on its first page the overview.
    fn index_context(
        env: &Env,
        ctx: &mut Context,
        root: &str,
        part: url::Part,
    ) -> (String, String) {
        let site = env.site;
        let mut years: Vec<Group<EventItem>> = Vec::new();
        for e in site.events.ixs().filter(|&e| site.events[e].page == part) {
            let year = site.events[e].when.start.year.to_string();
            if years.last().is_none_or(|g| g.key != year) {
                years.push(Group {
                    key: year.clone(),
                    label: year,
                    items: Vec::new(),
                    total: 0,
                });
            }
            if let Some(g) = years.last_mut() {
                g.items.push(Event::entry(env, e, root));
                g.total += 1;
            }
        }
        ctx.insert("years", &years);
        let split = site
            .events
            .first()
            .is_some_and(|e| e.page != url::Part::Whole);
        let (year_links, month_links) = if split {
            timeline_links(site, root, part)
        } else {
            (Vec::new(), Vec::new())
        };
        ctx.insert("timeline_years", &year_links);
        ctx.insert("timeline_months", &month_links);
        let overview = if part == url::Part::Whole {
            crate::render::overview::overview(env, root)
        } else {
            None
        };
        ctx.insert("overview", &overview);
        let title = crate::render::pages::paged::<Event>(env, ctx, root, part, Self::INDEX.title);
        let description = match paginate::label(part) {
            Some(l) => format!("The events of {l} in {}, in date order", site.config.title),
            None => format!("Every event of {} in date order", site.config.title),
        };
        (title, description)
    }
}

/// The years of a timeline split by year, and the months of the year
/// `part` is in when that year is split by month, each with its count of
/// events and a link to its page, the one `part` is in marked current.
fn timeline_links(
    site: &Site,
    root: &str,
    part: url::Part,
) -> (Vec<CountLinkCtx>, Vec<CountLinkCtx>) {
    let current_year = match part {
        url::Part::Year(y, _) | url::Part::Month(y, _, _) => Some(y),
        _ => None,
    };
    let mut years: Vec<CountLinkCtx> = Vec::new();
    let mut months: Vec<CountLinkCtx> = Vec::new();
    let mut last: Option<(u16, Option<u8>)> = None;
    for e in site.events.iter() {
        let y = e.when.start.year;
        if last.is_none_or(|(ly, _)| ly != y) {
            years.push(CountLinkCtx {
                label: y.to_string(),
                href: url::timeline_year(root, y, true),
                count: 0,
                current: current_year == Some(y),
                current_page: part == url::Part::Year(y, 1),
            });
        }
        if let Some(l) = years.last_mut() {
            l.count += 1;
        }
        if let (Some(cy), url::Part::Month(_, m, _)) = (current_year, e.page)
            && cy == y
        {
            if last != Some((y, Some(m))) {
                months.push(CountLinkCtx {
                    label: crate::model::date::month_name(m).to_owned(),
                    href: url::list_part(root, "timeline/", url::Part::Month(y, m, 1)),
                    count: 0,
                    current: matches!(part, url::Part::Month(_, pm, _) if pm == m),
                    current_page: part == url::Part::Month(y, m, 1),
                });
            }
            if let Some(l) = months.last_mut() {
                l.count += 1;
            }
        }
        last = Some((
            y,
            match e.page {
                url::Part::Month(_, m, _) => Some(m),
                _ => None,
            },
        ));
    }
    (years, months)
}
