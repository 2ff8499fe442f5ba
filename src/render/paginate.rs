//! The page budget (content format 1.1, "The built site"): no HTML page
//! larger than 256 KiB on an investigation of 10,000 articles, 2,000
//! actors and 20,000 events. Lists that would be larger are split into
//! pages that link to each other, and this module alone decides how:
//! from the model's counts and dates, never from rendered bytes, so the
//! split is deterministic, cheap, and known to `check`, the sitemap and
//! the list of a site's files without rendering anything.
//!
//! The thresholds were measured against the built-in theme at benchmark
//! scale (see `docs/decisions.md`, "The page budget"): a full event card
//! is about 1 KiB of minified HTML, an article or actor card about
//! 0.5 KiB, so the caps below keep a page near 200 KiB at most, with room
//! for the page's frame. Items differ in size by what they hold (an event
//! with its replies, a statement with the events it is about, any item
//! with a paragraph-long text, a record's page with several long lists),
//! so lists are split by weight: each item weighs the estimate of
//! [`bytes`] for its kind plus its texts past what that estimate holds
//! ([`text_bytes`]), and a page holds what its cap held of short items
//! (`ARTICLES_PAGE`, `TAG_PAGE`…). A small investigation, under the caps,
//! keeps its single pages and the URLs it has always had.

use crate::url::{self, Part};
use std::ops::Range;

/// Most events on one page of the timeline, when none has replies (an
/// event's replies make it weigh more: [`event_bytes`]). Over it, the
/// timeline is split by year (and a year over it by month).
pub const EVENTS_PER_PAGE: usize = 200;
/// Most statements on one page of `statements/`, when each is about one
/// event at most ([`statement_bytes`]).
pub const STATEMENTS_PER_PAGE: usize = 200;
/// Most article cards on one page of `articles/`.
pub const ARTICLES_PER_PAGE: usize = 200;
/// Most actor or source cards on one page of their index.
pub const CARDS_PER_PAGE: usize = 300;
/// How many of a record's events its page shows whole (an article's,
/// actor's or source's), on its first page, at most: fewer when their
/// texts are long (`pages::shown_whole`); the rest are listed a line
/// each.
pub const EVENTS_SHOWN_WHOLE: usize = 30;
/// Most records on one page of a tag's list (events and statements at
/// their full size among them).
pub const TAG_ITEMS_PER_PAGE: usize = 150;
/// Most corrections on one page of `corrections/`.
pub const CORRECTIONS_PER_PAGE: usize = 300;
/// Most tags on one page of `tags/`.
pub const TAGS_PER_PAGE: usize = 1000;
/// How many of an event's replies its card on the timeline shows whole;
/// the rest are listed a line each, linking to their entries. Elsewhere
/// (a record's page, a tag's) the card shows none whole: it says how many
/// there are and links to them under the event.
pub const REPLIES_SHOWN_WHOLE: usize = 5;
/// How many more of an event's replies its card on the timeline lists a
/// line each; past them it says how many are left and links to the
/// statements pages, where each has its entry. An event answered
/// thousands of times would otherwise fill its page past the budget by
/// itself: a page holds at least one event.
pub const REPLY_LINES_SHOWN: usize = 1000;
/// How many of the events a statement is about its card lists away from
/// its entry on `statements/` (which lists them all); it then says how
/// many more there are and links to the entry.
pub const ABOUT_SHOWN: usize = 5;
/// What a record's page (an actor's, a source's, an article's) may hold
/// in its lists, in bytes of HTML as [`bytes`] estimates them, before it
/// is split into pages: the page's frame and the record's own header
/// (its summary, relations, diagram) fit in what the budget leaves.
pub const RECORD_PAGE_BYTES: usize = 180 * 1024;

/// What the items of lists weigh, in bytes of the built-in theme's HTML,
/// measured on generated investigations with short texts and rounded up
/// (see `docs/decisions.md`, "The page budget"). Estimates, used only to
/// compare lists of different items; a page's real size follows the
/// length of its texts.
pub mod bytes {
    /// An event shown whole, without its replies, its texts and lists
    /// short (see [`super::event_text_bytes`]).
    pub const EVENT: usize = 1_100;
    /// The bytes of title and summary that [`EVENT`] holds.
    pub const SHORT_TEXT: usize = 200;
    /// The actors and sources that [`EVENT`] holds.
    pub const SHORT_LINKS: usize = 2;
    /// One more actor or source listed on an event.
    pub const LINKED: usize = 110;
    /// The tags that [`EVENT`] holds.
    pub const SHORT_TAGS: usize = 1;
    /// One more tag listed on an event.
    pub const TAG: usize = 90;
    /// A reply shown whole under its event.
    pub const REPLY: usize = 700;
    /// A statement shown whole, with the one event it is about.
    pub const STATEMENT: usize = 900;
    /// One more event in a statement's "about" list.
    pub const LINK: usize = 120;
    /// A record as one line of a long list (an event, a reply).
    pub const LINE: usize = 160;
    /// An article's or an actor's card.
    pub const CARD: usize = 550;
    /// The bytes of texts that [`CARD`] holds: a title and a summary of
    /// 240 characters, the default summary's most, as HTML.
    pub const CARD_TEXT: usize = 450;
    /// The bytes of texts that [`CARD`] holds as an actor's (a name), and
    /// [`SOURCE`] (a name and a short address), as HTML.
    pub const CHIP_TEXT: usize = 60;
    /// The bytes of texts that [`STATEMENT`] and [`REPLY`] hold, as HTML.
    pub const STATEMENT_TEXT: usize = 300;
    /// A correction on `corrections/`, with the record it corrects.
    pub const CORRECTION: usize = 600;
    /// The bytes of texts that [`CORRECTION`] holds, as HTML.
    pub const CORRECTION_TEXT: usize = 150;
    /// An article's card on an actor's page, with the sentence of the
    /// actor's first mention.
    pub const MENTION: usize = 850;
    /// A source as an item of a list.
    pub const SOURCE: usize = 200;
}

/// What an event with `replies` weighs on the timeline, its home:
/// [`REPLIES_SHOWN_WHOLE`] of them whole, up to [`REPLY_LINES_SHOWN`]
/// more a line each. `reply_texts`: the bytes as written of the texts of
/// the replies shown whole (at most the [`REPLIES_SHOWN_WHOLE`] longest,
/// when which are shown is not known: never less than they weigh).
pub fn event_bytes(replies: usize, reply_texts: &[usize]) -> usize {
    let whole = replies.min(REPLIES_SHOWN_WHOLE);
    let lines = (replies - whole).min(REPLY_LINES_SHOWN);
    let texts: usize = (reply_texts.iter().take(REPLIES_SHOWN_WHOLE))
        .map(|&t| text_bytes(t, bytes::STATEMENT_TEXT))
        .sum();
    bytes::EVENT + whole * bytes::REPLY + lines * bytes::LINE + texts
}

/// What texts of `written` bytes as written add to an item whose weight
/// in [`bytes`] holds `held` bytes of them as HTML. Text grows as HTML
/// (a summary's mentions become links, characters are escaped), so it
/// counts half again. Every list weighs its items' texts so: pages of
/// items weighed by count alone reached 800 KB where each statement,
/// summary or correction was a paragraph long.
pub fn text_bytes(written: usize, held: usize) -> usize {
    written.saturating_mul(3).div_ceil(2).saturating_sub(held)
}

/// What an event's own texts and lists add to [`bytes::EVENT`], which
/// holds short ones: `text`, the bytes of the texts its card shows as
/// written (`KindPages::shown_text`); `links`, how many actors and
/// sources it lists; `tags`, how many tags. 1,000 events with a
/// paragraph and eight actors each filled pages of 330 KB when every
/// event weighed the same.
pub fn event_text_bytes(text: usize, links: usize, tags: usize) -> usize {
    text_bytes(text, bytes::SHORT_TEXT)
        + links.saturating_sub(bytes::SHORT_LINKS) * bytes::LINKED
        + tags.saturating_sub(bytes::SHORT_TAGS) * bytes::TAG
}

/// What a statement about `about` events weighs, its texts `text` bytes
/// as written (`KindPages::shown_text`): on its entry (`home`) with every
/// one of those events, elsewhere with [`ABOUT_SHOWN`] at most.
pub fn statement_bytes(about: usize, text: usize, home: bool) -> usize {
    let shown = if home { about } else { about.min(ABOUT_SHOWN) };
    bytes::STATEMENT
        + shown.saturating_sub(1) * bytes::LINK
        + text_bytes(text, bytes::STATEMENT_TEXT)
}

/// What a card weighs (an article's, an actor's), its texts `text` bytes
/// as written.
pub fn card_bytes(text: usize) -> usize {
    bytes::CARD + text_bytes(text, bytes::CARD_TEXT)
}

/// What an actor's card weighs (a chip: its name and role, `text` bytes
/// as written).
pub fn chip_bytes(text: usize) -> usize {
    bytes::CARD + text_bytes(text, bytes::CHIP_TEXT)
}

/// What a source weighs as an item of a list, its name and address
/// `text` bytes as written.
pub fn source_bytes(text: usize) -> usize {
    bytes::SOURCE + text_bytes(text, bytes::CHIP_TEXT)
}

/// What the actors' index holds on a page: [`CARDS_PER_PAGE`] cards.
pub const CARDS_PAGE: usize = CARDS_PER_PAGE * bytes::CARD;
/// What the sources' index holds on a page: [`CARDS_PER_PAGE`] sources.
pub const SOURCES_PAGE: usize = CARDS_PER_PAGE * bytes::SOURCE;

/// What the articles' list holds on a page: [`ARTICLES_PER_PAGE`] cards
/// with short texts.
pub const ARTICLES_PAGE: usize = ARTICLES_PER_PAGE * bytes::CARD;
/// What `corrections/` holds on a page: [`CORRECTIONS_PER_PAGE`] short
/// corrections.
pub const CORRECTIONS_PAGE: usize = CORRECTIONS_PER_PAGE * bytes::CORRECTION;
/// What a tag's page holds: [`TAG_ITEMS_PER_PAGE`] events with short
/// texts.
pub const TAG_PAGE: usize = TAG_ITEMS_PER_PAGE * bytes::EVENT;
/// What a page of `statements/` holds: [`STATEMENTS_PER_PAGE`] statements
/// about one event each, with short texts.
pub const STATEMENTS_PAGE: usize = STATEMENTS_PER_PAGE * bytes::STATEMENT;

/// The parts of a list of `count` items paged by number with at most
/// `per_page` on a page: [`Part::Whole`] (the list's own folder, page 1),
/// then [`Part::Page`] 2, 3… A list that fits keeps its one page.
pub fn numbered(count: usize, per_page: usize) -> Vec<Part> {
    let pages = count.div_ceil(per_page.max(1)).max(1);
    std::iter::once(Part::Whole)
        .chain((2..=pages).map(|n| Part::Page(n as u32)))
        .collect()
}

/// The part item `i` (from 0) of such a list is on.
pub fn numbered_part(i: usize, per_page: usize) -> Part {
    match i / per_page.max(1) + 1 {
        1 => Part::Whole,
        n => Part::Page(n as u32),
    }
}

/// The items (from 0) of a list of `len` items paged by number that part
/// `part` shows: the inverse of [`numbered_part`]. A part the list does
/// not have shows none.
pub fn numbered_slice(len: usize, per_page: usize, part: Part) -> Range<usize> {
    let page = match part {
        Part::Page(n) => (n as usize).max(1),
        _ => 1,
    };
    let per_page = per_page.max(1);
    let from = ((page - 1) * per_page).min(len);
    from..(from + per_page).min(len)
}

/// The part each item of a list paged by number is on, given what each
/// weighs (`bytes`, in reading order) and what a page holds (`page`):
/// items fill a page in order until the next would overflow it. An item
/// heavier than a page has a page of its own.
pub fn numbered_by_bytes(bytes: &[usize], page: usize) -> Vec<Part> {
    fill(bytes, page)
        .into_iter()
        .map(|n| match n {
            1 => Part::Whole,
            n => Part::Page(n),
        })
        .collect()
}

/// The page number (from 1) of each of `bytes`, filling pages of `page`
/// bytes in order.
fn fill(bytes: &[usize], page: usize) -> Vec<u32> {
    let (mut n, mut used) = (1u32, 0usize);
    bytes
        .iter()
        .map(|&b| {
            if used > 0 && used + b > page {
                n += 1;
                used = 0;
            }
            used += b;
            n
        })
        .collect()
}

/// The distinct parts of `parts` (each item's, in reading order, as
/// [`numbered_by_bytes`] gives them): the pages of the list.
pub fn pages_of(parts: &[Part]) -> Vec<Part> {
    let mut pages = vec![Part::Whole];
    for &p in parts {
        if pages.last() != Some(&p) {
            pages.push(p);
        }
    }
    pages
}

/// The page of the timeline each event is on, given the events' dates as
/// `(year, month)` in date order (a year-precision date has no month) and
/// what each weighs there ([`event_bytes`]), as content format 1.1 asks,
/// a page holding [`EVENTS_PER_PAGE`] events without replies:
/// * a timeline that fits: all on `timeline/` ([`Part::Whole`]);
/// * more: `timeline/` becomes the overview (the graphic and the years),
///   and each year has its page `timeline/<year>/`;
/// * a year too large for a page is split by month
///   (`timeline/<year>/<mm>/`); its events known only to the year stay on
///   the year's page, above the list of its months;
/// * a year's or month's own list still too long is paged by number
///   (`timeline/<year>/<mm>/page/2/`), as a list would be.
pub fn timeline(dates: &[(u16, Option<u8>)], weights: &[usize]) -> Vec<Part> {
    let page = EVENTS_PER_PAGE * bytes::EVENT;
    let weight = |from: usize, n: usize| -> usize { weights[from..from + n].iter().sum() };
    if weight(0, dates.len()) <= page {
        return vec![Part::Whole; dates.len()];
    }
    let mut parts = Vec::with_capacity(dates.len());
    for year in runs(dates, |d| d.0) {
        let y = year[0].0;
        let at = parts.len();
        if weight(at, year.len()) <= page {
            parts.extend(std::iter::repeat_n(Part::Year(y, 1), year.len()));
            continue;
        }
        // Dates sort a year alone before its months (`Date::key`), so the
        // year's own events come first and each month is one run.
        for month in runs(year, |d| d.1) {
            let from = parts.len();
            for n in fill(&weights[from..from + month.len()], page) {
                parts.push(match month[0].1 {
                    None => Part::Year(y, n),
                    Some(m) => Part::Month(y, m, n),
                });
            }
        }
    }
    parts
}

/// Every page of the timeline, in reading order, given where each event
/// is ([`timeline`]): `timeline/`, then each year's page, each followed by
/// its later pages and its months'. A year split by month has its page
/// even when no event is known only to the year: it lists the months.
pub fn timeline_pages(parts: &[Part]) -> Vec<Part> {
    let mut pages = vec![Part::Whole];
    for &p in parts {
        if pages.last() == Some(&p) {
            continue;
        }
        if let Part::Month(y, _, _) = p
            && !pages.contains(&Part::Year(y, 1))
        {
            pages.push(Part::Year(y, 1));
        }
        if p != Part::Whole {
            pages.push(p);
        }
    }
    pages
}

/// How many pages a record's page is split into: `fixed` bytes shown on
/// its first page alone (its events shown whole) and `sliced` bytes of
/// long lists cut across its pages, as [`bytes`] weighs them. One page
/// while the two fit in [`RECORD_PAGE_BYTES`]; more, each holding an
/// equal share of every list ([`record_slice`]), so that the first page,
/// with its fixed part, fits too.
pub fn record_pages(fixed: usize, sliced: usize) -> usize {
    if fixed + sliced <= RECORD_PAGE_BYTES {
        return 1;
    }
    // Never less than half a page of room, however much is fixed.
    let room = RECORD_PAGE_BYTES
        .saturating_sub(fixed)
        .max(RECORD_PAGE_BYTES / 2);
    sliced.div_ceil(room).max(1)
}

/// The items of a long list of `len` items shown on page `part` of a
/// record's page split into `pages`: an equal share of the list, in
/// order; the last pages may show none.
pub fn record_slice(len: usize, pages: usize, part: Part) -> Range<usize> {
    let per = len.div_ceil(pages.max(1)).max(1);
    let start = ((number(part) as usize - 1) * per).min(len);
    start..(start + per).min(len)
}

/// `items` cut into runs of equal `key`, in order.
fn runs<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=items.len() {
        if i == items.len() || key(&items[i]) != key(&items[start]) {
            out.push(&items[start..i]);
            start = i;
        }
    }
    out
}

/// How a part is named in the page's title and in the links that lead to
/// it: "Page 2", "2021", "March 2021, page 2". `None` for the first page.
pub fn label(part: Part) -> Option<String> {
    let page = |n: u32| {
        if n > 1 {
            format!(", page {n}")
        } else {
            String::new()
        }
    };
    match part {
        Part::Whole => None,
        Part::Page(n) => Some(format!("Page {n}")),
        Part::Year(y, n) => Some(format!("{y}{}", page(n))),
        Part::Month(y, m, n) => Some(format!(
            "{} {y}{}",
            crate::model::date::month_name(m),
            page(n)
        )),
    }
}

/// The pagination of the page showing `part` of the list at folder `list`
/// whose pages are `pages` (in reading order): its neighbours, for
/// `rel="prev"` and `rel="next"`, and its sibling pages by number. `None`
/// when the list has one page.
pub fn pagination(root: &str, list: &str, pages: &[Part], part: Part) -> Option<PaginationCtx> {
    if pages.len() < 2 {
        return None;
    }
    let at = pages.iter().position(|&p| p == part)?;
    let link = |p: Part| PageLinkCtx {
        href: url::list_part(root, list, p),
        label: label(p).unwrap_or_else(|| first_label(list)),
        number: number(p),
        current: p == part,
    };
    // The pages numbered alongside this one: of a list paged by number,
    // every page; of a year or a month, its own pages.
    let siblings: Vec<PageLinkCtx> = pages
        .iter()
        .copied()
        .filter(|&p| same_run(p, part))
        .map(link)
        .collect();
    Some(PaginationCtx {
        prev: at.checked_sub(1).map(|i| link(pages[i])),
        next: pages.get(at + 1).map(|&p| link(p)),
        pages: if siblings.len() > 1 {
            siblings
        } else {
            Vec::new()
        },
    })
}

/// Whether `a` and `b` are pages of one run numbered together.
fn same_run(a: Part, b: Part) -> bool {
    match (a, b) {
        (Part::Whole | Part::Page(_), Part::Whole | Part::Page(_)) => true,
        (Part::Year(y, _), Part::Year(z, _)) => y == z,
        (Part::Month(y, m, _), Part::Month(z, n, _)) => (y, m) == (z, n),
        _ => false,
    }
}

fn number(p: Part) -> u32 {
    match p {
        Part::Whole => 1,
        Part::Page(n) | Part::Year(_, n) | Part::Month(_, _, n) => n,
    }
}

/// The name of a list's first page in its pagination: the timeline's is
/// its overview, others' page 1.
fn first_label(list: &str) -> String {
    if list == url::timeline("") {
        "Overview".into()
    } else {
        "Page 1".into()
    }
}

/// `pagination` in templates: how to walk a list split into pages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PaginationCtx {
    /// The page before, if any (`rel="prev"`).
    pub prev: Option<PageLinkCtx>,
    /// The page after, if any (`rel="next"`).
    pub next: Option<PageLinkCtx>,
    /// The pages numbered with this one, this one marked `current`;
    /// empty when it has no siblings (a year on a page of its own).
    pub pages: Vec<PageLinkCtx>,
}

/// A link to one page of a list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageLinkCtx {
    pub href: String,
    /// "Page 2", "2021", "March 2021", "Overview".
    pub label: String,
    /// Its number among its siblings, from 1.
    pub number: u32,
    /// Whether it is the page being shown (`aria-current="page"`).
    pub current: bool,
}

/// A link to a part of a split list with how many items it holds: a year
/// of the timeline (`timeline_years`), a month (`timeline_months`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct CountLinkCtx {
    /// "2021", "March".
    pub label: String,
    pub href: String,
    /// How many items it holds (on all its pages).
    pub count: usize,
    /// Whether the page shown is in it: a year while one of its months is
    /// shown (`aria-current="true"`).
    pub current: bool,
    /// Whether the page shown is its own first page (`aria-current="page"`).
    pub current_page: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lists() {
        assert_eq!(numbered(0, 200), [Part::Whole]);
        assert_eq!(numbered(200, 200), [Part::Whole]);
        assert_eq!(numbered(201, 200), [Part::Whole, Part::Page(2)]);
        assert_eq!(numbered_part(199, 200), Part::Whole);
        assert_eq!(numbered_part(200, 200), Part::Page(2));
        // Each part shows the items numbered_part puts on it.
        for part in numbered(450, 200) {
            let shown: Vec<usize> = (0..450)
                .filter(|&i| numbered_part(i, 200) == part)
                .collect();
            let slice: Vec<usize> = numbered_slice(450, 200, part).collect();
            assert_eq!(shown, slice, "{part:?}");
        }
        assert!(numbered_slice(450, 200, Part::Page(4)).is_empty());
    }

    /// Events without replies.
    fn plain(dates: &[(u16, Option<u8>)]) -> Vec<Part> {
        timeline(dates, &vec![event_bytes(0, &[]); dates.len()])
    }

    #[test]
    fn a_short_timeline_keeps_one_page() {
        let dates = vec![(2020, Some(3)); EVENTS_PER_PAGE];
        assert!(plain(&dates).iter().all(|&p| p == Part::Whole));
        assert_eq!(timeline_pages(&plain(&dates)), [Part::Whole]);
    }

    #[test]
    fn replies_make_an_event_weigh_more_on_the_timeline() {
        // Half a page of events, each answered ten times: two pages'
        // worth, so the one year is split, its month paged by number.
        let dates = vec![(2020, Some(3)); EVENTS_PER_PAGE / 2];
        let parts = timeline(&dates, &vec![event_bytes(10, &[]); dates.len()]);
        assert_eq!(parts[0], Part::Month(2020, 3, 1));
        assert!(parts.contains(&Part::Month(2020, 3, 2)));
        // One event answered thousands of times pages a full month; it
        // shares its page, as its card lists a thousand replies at most.
        let mut weights = vec![event_bytes(0, &[]); EVENTS_PER_PAGE];
        weights[1] = event_bytes(3000, &[]);
        let dates = vec![(2020, Some(3)); EVENTS_PER_PAGE];
        let parts = timeline(&dates, &weights);
        assert_eq!(
            parts[..2],
            [Part::Month(2020, 3, 1), Part::Month(2020, 3, 1)]
        );
        assert!(parts.contains(&Part::Month(2020, 3, 2)));
        assert!(event_bytes(6, &[]) - event_bytes(5, &[]) == bytes::LINE);
        // Past the lines a card lists, more replies weigh nothing more:
        // any event fits on a page.
        let listed = REPLIES_SHOWN_WHOLE + REPLY_LINES_SHOWN;
        assert_eq!(event_bytes(listed + 4000, &[]), event_bytes(listed, &[]));
        assert!(event_bytes(listed, &[]) - event_bytes(listed - 1, &[]) == bytes::LINE);
        assert!(event_bytes(usize::MAX / 2, &[]) < EVENTS_PER_PAGE * bytes::EVENT);
    }

    #[test]
    fn statements_about_many_events_fill_a_page_sooner() {
        let page = STATEMENTS_PER_PAGE * bytes::STATEMENT;
        let light = vec![statement_bytes(1, 0, true); STATEMENTS_PER_PAGE];
        assert_eq!(pages_of(&numbered_by_bytes(&light, page)), [Part::Whole]);
        let mut heavy = light.clone();
        heavy[0] = statement_bytes(400, 0, true);
        let parts = numbered_by_bytes(&heavy, page);
        let on_first = parts.iter().filter(|&&p| p == Part::Whole).count();
        assert_eq!(on_first, 1 + (page - heavy[0]) / bytes::STATEMENT);
        assert_eq!(pages_of(&parts), [Part::Whole, Part::Page(2)]);
        assert_eq!(
            statement_bytes(400, 0, false),
            statement_bytes(ABOUT_SHOWN, 0, true)
        );
    }

    #[test]
    fn a_record_page_is_split_only_past_its_budget() {
        assert_eq!(record_pages(30 * bytes::EVENT, 100 * bytes::LINE), 1);
        let fixed = 30 * bytes::EVENT;
        let sliced = RECORD_PAGE_BYTES * 3;
        let pages = record_pages(fixed, sliced);
        assert!(pages >= 4, "{pages}");
        // Each page's share of every list leaves room for what is fixed.
        assert!(fixed + sliced / pages <= RECORD_PAGE_BYTES);
        // Equal shares, in order, every item once.
        let shown: Vec<Range<usize>> = (1..=3u32)
            .map(|n| record_slice(10, 3, if n == 1 { Part::Whole } else { Part::Page(n) }))
            .collect();
        assert_eq!(shown, [0..4, 4..8, 8..10]);
        assert_eq!(record_slice(2, 3, Part::Page(3)), 2..2);
        assert_eq!(record_slice(0, 1, Part::Whole), 0..0);
    }

    #[test]
    fn a_long_timeline_splits_by_year_then_month() {
        let mut dates = vec![(2019, Some(5)); 10];
        dates.extend(vec![(2020, None); 3]);
        dates.extend(vec![(2020, Some(1)); 5]);
        dates.extend(vec![(2020, Some(3)); EVENTS_PER_PAGE + 1]);
        let parts = plain(&dates);
        assert_eq!(parts[0], Part::Year(2019, 1));
        assert_eq!(parts[10], Part::Year(2020, 1), "known only to the year");
        assert_eq!(parts[13], Part::Month(2020, 1, 1));
        assert_eq!(parts[18], Part::Month(2020, 3, 1));
        assert_eq!(*parts.last().unwrap(), Part::Month(2020, 3, 2));
        assert_eq!(
            timeline_pages(&parts),
            [
                Part::Whole,
                Part::Year(2019, 1),
                Part::Year(2020, 1),
                Part::Month(2020, 1, 1),
                Part::Month(2020, 3, 1),
                Part::Month(2020, 3, 2),
            ]
        );
    }

    #[test]
    fn a_split_year_has_its_page_without_events_of_its_own() {
        let dates = vec![(2020, Some(1)); EVENTS_PER_PAGE + 1];
        let pages = timeline_pages(&plain(&dates));
        assert_eq!(
            pages[..3],
            [Part::Whole, Part::Year(2020, 1), Part::Month(2020, 1, 1)]
        );
    }

    #[test]
    fn pagination_links_neighbours_and_siblings() {
        let pages = numbered(450, 200);
        assert!(pagination("", "articles/", &[Part::Whole], Part::Whole).is_none());
        let p = pagination("../../../", "articles/", &pages, Part::Page(2)).unwrap();
        assert_eq!(p.prev.unwrap().href, "../../../articles/");
        assert_eq!(p.next.unwrap().href, "../../../articles/page/3/");
        let current: Vec<u32> = p
            .pages
            .iter()
            .filter(|l| l.current)
            .map(|l| l.number)
            .collect();
        assert_eq!((p.pages.len(), current), (3, vec![2]));
        assert_eq!(
            label(Part::Month(2021, 3, 2)).unwrap(),
            "March 2021, page 2"
        );
    }
}
