//! What templates see. Every page gets `site`, `root` and `page`; each page
//! kind adds its own records. Links (`href`) are computed here, relative to
//! the page, so templates never build URLs. Lists are vectors, never maps,
//! so template output is in one order. Documented in `docs/templates.md`.

use super::page::NavItem;
use crate::model::{Counts, Date, When};
use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct SiteCtx {
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub language: String,
    pub base_url: String,
    /// The description rendered as HTML (relative links for this page).
    pub description_html: Option<String>,
    pub counts: Counts,
    /// The navigation: home, then each kind's index page.
    pub nav: Vec<NavItem>,
    /// The open-data files, one per kind (`data/<plural>.json`).
    pub data_files: Vec<DataFileCtx>,
    /// The search page and its index, from the site root; none with
    /// `search: false`.
    pub search: Option<SearchCtx>,
}

/// Where the search lives, for the header's search field and the search
/// page's script.
#[derive(Serialize, Clone)]
pub struct SearchCtx {
    /// The search page: `search/`.
    pub href: String,
    /// The folder of the search index (Pagefind's bundle): `search/pagefind/`.
    pub bundle: String,
}

/// An open-data file, for the colophon's links.
#[derive(Serialize, Clone)]
pub struct DataFileCtx {
    /// From the site root: `data/actors.json`.
    pub href: String,
    /// The file's name: `actors.json`.
    pub name: String,
}

#[derive(Serialize)]
pub struct PageCtx {
    /// "home", "articles", "article", "actors", "actor", "timeline", "sources", "source", "search", "404".
    pub kind: &'static str,
    /// For `<title>` (the site title is appended by the template).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute URL of the page, from `base_url`; none when `base_url` is
    /// only a path (then no valid absolute URL exists).
    pub canonical: Option<String>,
    /// Which top-level section the page belongs to, for the navigation.
    pub section: &'static str,
    /// schema.org JSON-LD for a `<script type="application/ld+json">`:
    /// an article's page always (`Article`), any other page that shows
    /// corrections (`WebPage`), each correction a `CorrectionComment`.
    /// Already escaped for a script element (`<`, `>` and `&` as `\u`
    /// escapes), so templates output it with `safe`.
    pub structured_data: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct DateCtx {
    /// Machine form for `<time datetime>`: "2021", "2021-07", "2021-07-24".
    pub iso: String,
    /// "24 July 2021", "July 2021", "2021".
    pub display: String,
}

#[derive(Serialize, Clone)]
pub struct WhenCtx {
    pub start: DateCtx,
    pub end: Option<DateCtx>,
    pub approximate: bool,
    /// The whole date as shown: "c. May 2003", "2016 – June 2021".
    pub display: String,
    pub year: u16,
}

/// Which items of a long list on a record's page the page shows, counted
/// from 1 in the whole list: `first` to `last` of `total` (content format
/// 1.1, the page budget: a record's long lists are split across its
/// pages). `first` and `last` are 0 when the page shows none of it.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeCtx {
    pub first: usize,
    pub last: usize,
    pub total: usize,
}

impl RangeCtx {
    /// The items `shown` (from 0) of a list of `total`.
    pub fn of(shown: std::ops::Range<usize>, total: usize) -> RangeCtx {
        if shown.is_empty() {
            RangeCtx {
                first: 0,
                last: 0,
                total,
            }
        } else {
            RangeCtx {
                first: shown.start + 1,
                last: shown.end,
                total,
            }
        }
    }
}

/// A correction of a record, as its page or entry shows it.
#[derive(Serialize, Clone)]
pub struct CorrectionCtx {
    pub date: DateCtx,
    /// What was wrong and what is right, as HTML.
    pub note_html: String,
}

/// A correction on the corrections page, with what it corrects.
#[derive(Serialize, Clone)]
pub struct CorrectionEntry {
    /// Its id on the page (`correction-<kind>-<key>-<date>`), also the
    /// feed entry's.
    pub id: String,
    pub date: DateCtx,
    pub note_html: String,
    /// The corrected record's kind: "article", "actor", "event", "source",
    /// "statement".
    pub kind: &'static str,
    /// The corrected record: its title or name, and its page or anchor.
    pub record: LinkCtx,
}

#[derive(Serialize, Clone)]
pub struct LinkCtx {
    pub text: String,
    pub href: String,
}

/// A group on an index page ("People", "News outlets", a year).
#[derive(Serialize)]
pub struct Group<T> {
    pub key: String,
    pub label: String,
    pub items: Vec<T>,
    /// How many items the group has in all, on every page of a list split
    /// into pages (`items` are those on this page).
    pub total: usize,
}

impl<T> Group<T> {
    /// The same group, each item made into `f`'s (an index's positions
    /// into the cards of its page).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Group<U> {
        Group {
            key: self.key,
            label: self.label,
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
        }
    }
}

impl DateCtx {
    pub fn of(d: &Date) -> DateCtx {
        DateCtx {
            iso: d.iso(),
            display: d.to_string(),
        }
    }
}

impl WhenCtx {
    pub fn of(w: &When) -> WhenCtx {
        WhenCtx {
            start: DateCtx::of(&w.start),
            end: w.end.as_ref().map(DateCtx::of),
            approximate: w.approximate,
            display: w.display(),
            year: w.start.year,
        }
    }
}
