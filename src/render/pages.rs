//! The context each page's template receives, built from what the page
//! shows ([`PageSpec`]): what every page shares is made here, each kind's
//! own pages by the kind (`KindPages`, in `src/kinds/`).

use super::context::*;
use super::markdown::to_html;
use super::page::PageSpec;
use crate::kinds::{Actor, Article, Event, Ix, Kind};
use crate::link::{Graph, Mentions};
use crate::model::text::{first_sentence, shorten};
use crate::model::{ActorIx, ArticleIx, Choice, Counts, EventIx, RichText, Site};
use crate::url::{self, Root};
use std::sync::Mutex;
use tera::{Context, Value};

/// What every page's context is built from.
pub struct Env<'a> {
    pub(crate) site: &'a Site,
    pub(crate) graph: &'a Graph,
    counts: Counts,
    /// `site.nav` and `site.data_files`, the same on every page.
    nav: Vec<super::page::NavItem>,
    data_files: Vec<DataFileCtx>,
    none: Mentions,
    /// The site's meta description, the same on every page.
    site_description: String,
    /// The site description as HTML (its links differ by root), per page
    /// depth, made on first use.
    description_html: PerDepth<Option<String>>,
    /// Every correction, newest first, made on first use: each page of
    /// `corrections/` takes its slice, instead of listing them all again.
    corrections: std::sync::OnceLock<Vec<crate::model::correction::Corrected<'a>>>,
    /// Why an article's text could not be read again for its page
    /// (`Article::body_text`): the build fails with it.
    pub(crate) unread: super::Unread,
}

/// A value per page depth, made on first use at that depth. Any depth
/// works (lists split into pages sit deeper than records); pages render
/// in parallel, so the slots are behind a lock, taken twice per page at
/// most and never while a value is made.
struct PerDepth<T>(Mutex<Vec<Option<T>>>);

impl<T: Clone> PerDepth<T> {
    fn new() -> Self {
        PerDepth(Mutex::new(Vec::new()))
    }

    fn get_or_init(&self, depth: usize, make: impl FnOnce() -> T) -> T {
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(Some(v)) = lock().get(depth) {
            return v.clone();
        }
        let v = make();
        let mut slots = lock();
        if slots.len() <= depth {
            slots.resize_with(depth + 1, || None);
        }
        // A value made meanwhile by another thread is the same value.
        slots[depth].get_or_insert(v).clone()
    }
}

/// Fills what every index page split by the page budget shares, for page
/// `part` of kind `K`'s index: `pagination` (see
/// [`super::paginate::pagination`]) and `part_label` ("Page 2", "2021",
/// none on the first page). Returns the index's `title` with the part's
/// label after it ("Articles: Page 2"), as the page's title.
pub(crate) fn paged<K: super::page::KindPages>(
    env: &Env,
    ctx: &mut Context,
    root: &str,
    part: url::Part,
    title: &str,
) -> String {
    let parts = K::index_parts(<K as crate::model::Stored>::table(env.site));
    paged_list(ctx, root, &K::index_dir(), &parts, part, title)
}

/// Fills `pagination` and `part_label` for page `part` of the list at
/// `list` (a folder from the site root) whose pages are `parts`, as
/// `pages::paged` does for a kind's index; returns `title` with the
/// part's label after it.
pub(crate) fn paged_list(
    ctx: &mut Context,
    root: &str,
    list: &str,
    parts: &[url::Part],
    part: url::Part,
    title: &str,
) -> String {
    let paginate = super::paginate::pagination(root, list, parts, part);
    ctx.insert("pagination", &paginate);
    let label = super::paginate::label(part);
    ctx.insert("part_label", &label);
    match label {
        Some(l) => format!("{title}: {l}"),
        None => title.to_owned(),
    }
}

/// The page of a grouped index each record is on, in the groups' order
/// (`groups` of records, as [`by_choice`] makes them): pages filled by
/// what each weighs (`weigh`), `page` bytes a page.
pub(crate) fn grouped_parts<T>(
    groups: &[Group<Ix<T>>],
    weigh: impl Fn(Ix<T>) -> usize,
    page: usize,
) -> Vec<url::Part> {
    let weights: Vec<usize> = (groups.iter())
        .flat_map(|g| g.items.iter().map(|&i| weigh(i)))
        .collect();
    super::paginate::numbered_by_bytes(&weights, page)
}

/// The items on page `part`, given each item's page in order (`parts`):
/// a range, as a page holds items in order.
pub(crate) fn part_range(parts: &[url::Part], part: url::Part) -> std::ops::Range<usize> {
    let from = parts.iter().position(|&p| p == part).unwrap_or(parts.len());
    let to = from + parts[from..].iter().take_while(|&&p| p == part).count();
    from..to
}

/// Items `from..to` of the groups (counted across groups, in order),
/// with their groups: a page of an index grouped by kind. Each group keeps
/// `total`, its size before the cut.
pub(crate) fn groups_slice<T>(groups: Vec<Group<T>>, from: usize, to: usize) -> Vec<Group<T>> {
    let mut at = 0;
    let mut out = Vec::new();
    for mut g in groups {
        let n = g.items.len();
        let (start, end) = (from.max(at) - at, to.min(at + n).saturating_sub(at));
        at += n;
        if start < end {
            g.total = n;
            g.items = g.items.drain(start..end).collect();
            out.push(g);
        }
    }
    out
}

/// `base` as a template value, with its events (in date order), as page
/// `at` of the record's page shows them: on the first page the first
/// [`super::paginate::EVENTS_SHOWN_WHOLE`] as `events`, whole as the
/// timeline shows them (their replies counted); the rest as
/// `more_events`, each a line (its date and a link to it on its page of
/// the timeline), cut into equal shares across the record's pages
/// (`events_range` says which: see [`RangeCtx`]); and `events_total`. So
/// a record cited by thousands of events keeps its pages within the
/// budget (content format 1.1, "The built site"), while every event stays
/// one click away.
pub(crate) fn with_events<T: serde::Serialize>(
    base: &T,
    env: &Env,
    events: &[EventIx],
    root: &str,
    at: super::page::RecordPart,
) -> Value {
    let mut map = Value::from_serializable(base)
        .into_map()
        .unwrap_or_default();
    let (whole, lines) = events.split_at(shown_whole(env.site, events));
    let shown_whole: Vec<Value> =
        at.first_only(|| whole.iter().map(|&e| env.event_value(e, root)).collect());
    let slice = at.slice(lines.len());
    let more: Vec<EventLineCtx> = lines[slice.clone()]
        .iter()
        .map(|&e| {
            let ev = &env.site.events[e];
            EventLineCtx {
                text: ev.title.clone(),
                href: url::event(root, ev.page, &ev.id),
                when: WhenCtx::of(&ev.when),
            }
        })
        .collect();
    let offset = whole.len();
    let range = RangeCtx::of(slice.start + offset..slice.end + offset, events.len());
    map.insert("events".into(), Value::from(shown_whole));
    map.insert("more_events".into(), Value::from_serializable(&more));
    map.insert("events_range".into(), Value::from_serializable(&range));
    map.insert("events_total".into(), Value::from(events.len()));
    Value::from(map)
}

/// What event `e` weighs shown whole on a record's page: its card, which
/// there says how many replies it has.
fn whole_bytes(site: &Site, e: EventIx) -> usize {
    use super::paginate::bytes;
    bytes::EVENT + bytes::LINE + site.events[e].text_bytes()
}

/// How many of a record's `events` (in the order its page lists them)
/// its first page shows whole: the first
/// [`super::paginate::EVENTS_SHOWN_WHOLE`], fewer where they would fill
/// more than half of [`super::paginate::RECORD_PAGE_BYTES`] (thirty events
/// each a page of text long); the rest are listed a line each.
pub(crate) fn shown_whole(site: &Site, events: &[EventIx]) -> usize {
    use super::paginate::{EVENTS_SHOWN_WHOLE, RECORD_PAGE_BYTES};
    let mut used = 0;
    (events.iter().take(EVENTS_SHOWN_WHOLE))
        .take_while(|&&e| {
            used += whole_bytes(site, e);
            used <= RECORD_PAGE_BYTES / 2
        })
        .count()
}

/// What the `events` of a record weigh on its pages (in the order its
/// page lists them), for `paginate::record_pages`: those shown whole on
/// its first page alone (`fixed`, [`shown_whole`]), and those listed a
/// line each, cut across its pages (`sliced`), each with its texts.
pub(crate) fn events_bytes(site: &Site, events: &[EventIx]) -> (usize, usize) {
    use super::paginate::{bytes, text_bytes};
    let (whole, lines) = events.split_at(shown_whole(site, events));
    let line =
        |&e: &EventIx| bytes::LINE + text_bytes(site.events[e].title.len(), bytes::SHORT_TEXT);
    (
        whole.iter().map(|&e| whole_bytes(site, e)).sum(),
        lines.iter().map(line).sum(),
    )
}

/// What `sources` weigh listed on a record's pages, each with its name
/// and address, for `paginate::record_pages`.
pub(crate) fn sources_bytes(site: &Site, sources: &[crate::model::SourceIx]) -> usize {
    use super::page::KindPages;
    (sources.iter())
        .map(|&s| super::paginate::source_bytes(site.sources[s].shown_text()))
        .sum()
}

/// What the cards of `articles` weigh on a record's pages, for
/// `paginate::record_pages`: each `card` bytes with short texts (a card,
/// or one with the sentence of a mention), with its own texts and the
/// bytes of text it shows besides (a sentence).
pub(crate) fn articles_bytes(
    site: &Site,
    articles: impl Iterator<Item = (crate::model::ArticleIx, usize)>,
    card: usize,
) -> usize {
    use super::page::KindPages;
    use super::paginate::{bytes, text_bytes};
    articles
        .map(|(a, besides)| {
            card + text_bytes(site.articles[a].shown_text() + besides, bytes::CARD_TEXT)
        })
        .sum()
}

/// What the `statements` listed on a record's pages weigh, each with the
/// events it is about shown as away from its entry, for
/// `paginate::record_pages`.
pub(crate) fn statements_bytes(
    site: &Site,
    statements: impl Iterator<Item = Ix<crate::kinds::Statement>>,
) -> usize {
    statements
        .map(|s| {
            use super::page::KindPages;
            let s = &site.statements[s];
            super::paginate::statement_bytes(s.about.len(), s.shown_text(), false)
        })
        .sum()
}

/// The page of `corrections/` each correction of `all` (newest first) is
/// on: pages filled by what each weighs there, its note as written
/// among it, [`super::paginate::CORRECTIONS_PAGE`] a page.
pub(crate) fn correction_parts(all: &[crate::model::correction::Corrected<'_>]) -> Vec<url::Part> {
    use super::paginate::{self, bytes};
    let weights: Vec<usize> = (all.iter())
        .map(|c| {
            bytes::CORRECTION
                + paginate::text_bytes(c.correction.note.written_len(), bytes::CORRECTION_TEXT)
        })
        .collect();
    paginate::numbered_by_bytes(&weights, paginate::CORRECTIONS_PAGE)
}

/// An event as one line of a long list (`more_events`): its title, its
/// link, its date.
#[derive(serde::Serialize)]
pub struct EventLineCtx {
    pub text: String,
    pub href: String,
    pub when: WhenCtx,
}

impl<'a> Env<'a> {
    pub fn new(site: &'a Site, graph: &'a Graph) -> Self {
        let counts = site.counts();
        let site_description = site
            .config
            .description
            .as_ref()
            .map(|d| first_sentence(&d.plain()))
            .or_else(|| site.config.subtitle.clone())
            .unwrap_or_else(|| site.config.title.clone());
        // The open data: JSON per kind, CSV per data kind, FollowTheMoney,
        // TimelineJS (the files `crate::export` writes).
        let data_files = (crate::kinds::KINDS.iter().map(|k| url::data("", k.plural)))
            .chain(
                crate::kinds::DATA_KINDS
                    .iter()
                    .map(|k| url::data_csv("", k.plural)),
            )
            .chain([url::entities(""), url::timeline_json("")])
            .map(|href| {
                let name = href.rsplit('/').next().unwrap_or_default().to_owned();
                DataFileCtx { href, name }
            })
            .collect();
        Env {
            site,
            graph,
            counts,
            nav: super::page::nav(site),
            data_files,
            none: Mentions::default(),
            site_description,
            description_html: PerDepth::new(),
            corrections: std::sync::OnceLock::new(),
            unread: super::Unread::default(),
        }
    }

    /// The site description as HTML, its links relative to `root`.
    fn description_html(&self, root: &Root) -> Option<String> {
        let make = || {
            self.site
                .config
                .description
                .as_ref()
                .map(|d| to_html(self.site, d, &self.none, root.as_str(), Some("site")))
        };
        match root.depth() {
            Some(depth) => self.description_html.get_or_init(depth, make),
            None => make(),
        }
    }

    pub fn context(&self, page: &PageSpec) -> Context {
        let site = self.site;
        let r = page.root.as_str();
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteCtx {
                title: site.config.title.clone(),
                subtitle: site.config.subtitle.clone(),
                author: site.config.author.clone(),
                language: site.config.language.clone(),
                base_url: site.config.base_url.clone(),
                description_html: self.description_html(&page.root),
                counts: self.counts,
                nav: self.nav.clone(),
                data_files: self.data_files.clone(),
                search: site.config.search.then(|| SearchCtx {
                    href: url::search(""),
                    bundle: url::search_bundle(""),
                }),
            },
        );
        ctx.insert("root", r);
        // Set by the pages of a list split into pages; read by the frame
        // (`<link rel="prev">`) on every page.
        ctx.insert("pagination", &None::<()>);
        let (title, description) = page.shows.context(self, &mut ctx, r);
        let structured_data = self.structured_data(page, &title);
        ctx.insert(
            "page",
            &PageCtx {
                kind: page.kind.name,
                title,
                description: shorten(&description, 300),
                canonical: url::canonical(&site.config.base_url, &page.dir),
                section: page.kind.section,
                structured_data,
            },
        );
        ctx
    }

    /// The page's schema.org data (see [`PageCtx::structured_data`]): an
    /// article's page is an `Article`; a record's page with corrections
    /// (its first page: later ones, with its lists split, have none),
    /// and the timeline or statements page when their entries have some,
    /// a `WebPage`. Each correction is a `CorrectionComment` with its date
    /// and its note as text (and, on a list, the URL of what it corrects).
    /// URLs are given only when `base_url` has a host, as for the
    /// canonical link.
    fn structured_data(&self, page: &PageSpec, title: &str) -> Option<String> {
        use super::page::{Shows, corrections_of, index_kind, record_link};
        use serde_json::json;
        let site = self.site;
        let base = &site.config.base_url;
        let canonical = url::canonical(base, &page.dir);
        let comment = |c: &crate::model::Correction, about: Option<String>| {
            let mut v = json!({
                "@type": "CorrectionComment",
                "datePublished": c.date,
                "text": c.note.plain(),
            });
            if let Some(u) = about {
                v["url"] = json!(u);
            }
            v
        };
        let mut data = match page.shows {
            Shows::Record(crate::kinds::Ref::Article(i), url::Part::Whole) => {
                let a = &site.articles[i];
                let mut v = json!({
                    "@context": "https://schema.org",
                    "@type": "Article",
                    "headline": a.title,
                    "datePublished": a.date,
                });
                if let Some(u) = a.updated {
                    v["dateModified"] = json!(u);
                }
                v
            }
            Shows::Record(r, url::Part::Whole) if !corrections_of(site, r).is_empty() => json!({
                "@context": "https://schema.org",
                "@type": "WebPage",
                "name": title,
            }),
            Shows::Index(n, _) => {
                let (kind, whole) = index_kind(n)?;
                if !whole {
                    return None;
                }
                // The corrections of the records on this page of the list.
                let shown: Vec<serde_json::Value> = crate::model::correction::all(site.records())
                    .into_iter()
                    .filter(|c| c.kind == kind)
                    .filter_map(|c| {
                        let at = record_link(site, c.record, "").href;
                        let on_page = at.split('#').next() == Some(page.dir.as_str());
                        on_page.then(|| comment(c.correction, url::canonical(base, &at)))
                    })
                    .collect();
                if shown.is_empty() {
                    return None;
                }
                json!({
                    "@context": "https://schema.org",
                    "@type": "WebPage",
                    "name": title,
                    "correction": shown,
                })
            }
            _ => return None,
        };
        if let Shows::Record(r, _) = page.shows {
            let corrections = corrections_of(site, r);
            if !corrections.is_empty() {
                data["correction"] = corrections.iter().map(|c| comment(c, None)).collect();
            }
        }
        if let Some(u) = canonical {
            data["url"] = json!(u);
        }
        Some(script_json(&data))
    }

    /// The home page: the latest articles, the most cited actors, the
    /// latest events.
    pub(crate) fn home_context(&self, ctx: &mut Context, r: &str) -> (String, String) {
        let site = self.site;
        ctx.insert(
            "latest_articles",
            &site
                .articles
                .ixs()
                .take(6)
                .map(|i| Article::card(self, i, r))
                .collect::<Vec<_>>(),
        );
        let mut key: Vec<ActorIx> = site.actors.ixs().collect();
        key.sort_by_key(|&a| std::cmp::Reverse(self.graph.weight(a)));
        key.truncate(8);
        ctx.insert(
            "key_actors",
            &key.into_iter()
                .map(|a| Actor::card(self, a, r))
                .collect::<Vec<_>>(),
        );
        // The preview shows the latest events, still in date order.
        let from = site.events.len().saturating_sub(5);
        ctx.insert(
            "timeline_preview",
            &site
                .events
                .ixs()
                .skip(from)
                .map(|e| Event::item(self, e, r))
                .collect::<Vec<_>>(),
        );
        (site.config.title.clone(), self.site_description.clone())
    }

    /// `corrections/`: every correction, newest first, each with the
    /// record it corrects; on a list split into pages
    /// ([`super::paginate::CORRECTIONS_PER_PAGE`] a page), those of page
    /// `part`.
    pub(crate) fn corrections_context(
        &self,
        ctx: &mut Context,
        r: &str,
        part: url::Part,
    ) -> (String, String) {
        use super::paginate;
        let site = self.site;
        let all = self
            .corrections
            .get_or_init(|| crate::model::correction::all(site.records()));
        let on = correction_parts(all);
        let parts = paginate::pages_of(&on);
        let entries: Vec<CorrectionEntry> = (all.iter().zip(&on))
            .filter(|&(_, &on)| on == part)
            .map(|(c, _)| CorrectionEntry {
                note_html: to_html(site, &c.correction.note, &self.none, r, Some(&c.anchor)),
                id: c.anchor.clone(),
                date: DateCtx::of(&c.correction.date),
                kind: c.kind.name,
                record: super::page::record_link(site, c.record, r),
            })
            .collect();
        ctx.insert("corrections", &entries);
        let title = paged_list(
            ctx,
            r,
            &url::corrections(""),
            &parts,
            part,
            super::page::PageKind::CORRECTIONS.title,
        );
        (
            title,
            format!(
                "Every correction made to {}, newest first",
                site.config.title
            ),
        )
    }

    /// A text of `record` (a summary, a description) as HTML, its mentions
    /// linked relative to `root`. Its ids start with the record's kind and
    /// key (`event-contract-awarded:fn:1`): such texts are shown among
    /// others (see `render::markdown`).
    pub(crate) fn rich<K: Kind>(
        &self,
        record: &K,
        text: Option<&RichText>,
        mentions: &Mentions,
        root: &str,
    ) -> Option<String> {
        text.map(|t| {
            let scope = format!("{}-{}", K::INFO.name, record.key());
            to_html(self.site, t, mentions, root, Some(&scope))
        })
    }

    /// The `href` of a URL from content (a `url`, `archive_url` or
    /// `links` field) on the page at `root`: an id link or a path from the
    /// site root made for the page, anything else as it is.
    pub(crate) fn href(&self, url: &str, root: &str) -> String {
        use crate::model::Target;
        match self.site.links.target(url) {
            Some(Target::Record(r)) => super::page::href(self.site, *r, root),
            Some(Target::Tag(t)) => url::tag(root, &self.site.tags[*t].slug),
            Some(Target::File(path)) => format!("{root}{path}"),
            // A draft's page does not exist yet: the article list stands in.
            Some(Target::Unlinked) => url::articles(root),
            None => url.to_owned(),
        }
    }

    /// A record's tags as links to their pages.
    pub(crate) fn tag_links(&self, tags: &[String], root: &str) -> Vec<LinkCtx> {
        super::tags::links(self, tags, root)
    }

    /// `record`'s corrections (newest first, as the model keeps them),
    /// their notes' links relative to `root`; the ids in each note start
    /// with the record's kind and key and the note's place
    /// (`event-x:correction-1:fn:1`), as it is shown among other texts.
    pub(crate) fn corrections<K: Kind>(&self, record: &K, root: &str) -> Vec<CorrectionCtx> {
        record
            .corrections()
            .iter()
            .enumerate()
            .map(|(n, c)| {
                let scope = format!("{}-{}:correction-{}", K::INFO.name, record.key(), n + 1);
                CorrectionCtx {
                    date: DateCtx::of(&c.date),
                    note_html: to_html(self.site, &c.note, &self.none, root, Some(&scope)),
                }
            })
            .collect()
    }

    /// A text of `record` other than its main one (a statement's
    /// question) as HTML: [`Env::rich`], its ids scoped further by `part`
    /// (`statement-x:question:fn:1`).
    pub(crate) fn rich_part<K: Kind>(
        &self,
        record: &K,
        part: &str,
        text: Option<&RichText>,
        root: &str,
    ) -> Option<String> {
        text.map(|t| {
            let scope = format!("{}-{}:{part}", K::INFO.name, record.key());
            to_html(self.site, t, &self.none, root, Some(&scope))
        })
    }

    /// An article's body as HTML, its links relative to `root`; empty
    /// when its text cannot be read again, which [`Env::unread`] then
    /// says.
    pub(crate) fn article_body(&self, i: ArticleIx, root: &str) -> String {
        super::article_body_at(self.site, self.graph, i, root).unwrap_or_else(|d| {
            self.unread.say(d);
            String::new()
        })
    }

    /// An event as a template value, made afresh for each page: keeping
    /// one per event for the record pages cost 180 MB at 50,000 articles
    /// and saved no measurable time (issue 18).
    pub(crate) fn event_value(&self, i: EventIx, root: &str) -> Value {
        Value::from_serializable(&Event::item(self, i, root))
    }
}

/// JSON for a `<script>` element: `<`, `>` and `&` written as `\u`
/// escapes (they can only occur inside strings), so no `</script>` or
/// comment opener can end the element early.
fn script_json(v: &serde_json::Value) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// An index grouped by a choice (an actor's or a source's kind): one group
/// per choice in the content format's order, each sorted by name (accents
/// folded, case ignored, ties in content order), empty groups left out.
pub(crate) fn by_choice<T, C: Choice, Card>(
    table: &[T],
    choice: impl Fn(&T) -> C,
    name: impl Fn(&T) -> &String,
    card: impl Fn(Ix<T>) -> Card,
) -> Vec<Group<Card>> {
    let at = |i: Ix<T>| &table[i.get()];
    C::ALL
        .iter()
        .map(|&k| {
            let of_kind = (0..table.len())
                .map(Ix::new)
                .filter(|&i| choice(at(i)) == k);
            let items: Vec<Card> = sorted_by_name(of_kind, |i| name(at(i)))
                .into_iter()
                .map(&card)
                .collect();
            Group {
                key: k.as_str().into(),
                label: k.plural().into(),
                total: items.len(),
                items,
            }
        })
        .filter(|g| !g.items.is_empty())
        .collect()
}

fn sorted_by_name<'s, T>(
    ix: impl Iterator<Item = Ix<T>>,
    name: impl Fn(Ix<T>) -> &'s String,
) -> Vec<Ix<T>> {
    let mut v: Vec<Ix<T>> = ix.collect();
    v.sort_by_cached_key(|&i| (deunicode::deunicode(name(i)).to_lowercase(), i));
    v
}

/// Up to two capital letters: the first and last capitalised words
/// ("Francois de Rugy" → "FR", "NSO Group" → "NG", "Morocco" → "M").
pub(crate) fn initials(name: &str) -> String {
    let caps: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .filter(|c| c.is_uppercase() || c.is_numeric())
        .collect();
    let letters: Vec<char> = match caps.as_slice() {
        [] => name
            .chars()
            .find(|c| c.is_alphanumeric())
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect(),
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    letters.into_iter().collect()
}

/// A stable small number from an id (FNV-1a), to vary badge colours.
pub(crate) fn tone(id: &str) -> u8 {
    let mut h: u32 = 0x811c9dc5;
    for b in id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x01000193);
    }
    (h % 8) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_for_a_script_element_cannot_close_it() {
        let v = serde_json::json!({"text": "</script><!-- & \u{2028} >"});
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn monogram_initials() {
        assert_eq!(initials("Francois de Rugy"), "FR");
        assert_eq!(initials("NSO Group"), "NG");
        assert_eq!(initials("Morocco"), "M");
        assert_eq!(initials("Ram Ben-Barak"), "RB");
        assert_eq!(initials("élan"), "É");
    }
}
