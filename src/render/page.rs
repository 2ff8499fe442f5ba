//! The pages of the site as data: each page's kind, URL, output file and
//! root are worked out once, when the list of pages is made, and read from
//! there by the renderer, the sitemap and the preview server.

use super::pages::Env;
use crate::kinds::{Actor, Article, Event, Ix, Kind, Ref, Source, Statement};
use crate::link::Graph;
use crate::model::{Records, Site, Tags};
use crate::url::{self, Part, Root};
use rayon::prelude::*;
use tera::Context;

/// What every page of one kind shares.
#[derive(Debug, PartialEq, Eq)]
pub struct PageKind {
    /// `page.kind` in templates: the template's name less `.html`
    /// (`"index"` for the home page, `"404"` for the page not found).
    pub name: &'static str,
    /// The template that renders it, which every theme must have.
    pub template: &'static str,
    /// The top-level section it belongs to (`page.section`, for the navigation).
    pub section: &'static str,
    /// Whether the sitemap lists its pages (not the page not found).
    pub in_sitemap: bool,
    /// Its title: `page.title` of an index page, and its name in the
    /// navigation.
    pub title: &'static str,
}

const fn kind(
    name: &'static str,
    template: &'static str,
    section: &'static str,
    title: &'static str,
) -> PageKind {
    PageKind {
        name,
        template,
        section,
        in_sitemap: true,
        title,
    }
}

impl PageKind {
    /// A page kind listed in the sitemap: `page.kind`, its template, its
    /// section and its title.
    pub const fn new(
        name: &'static str,
        template: &'static str,
        section: &'static str,
        title: &'static str,
    ) -> Self {
        kind(name, template, section, title)
    }

    pub const HOME: PageKind = kind("index", "index.html", "home", "Home");
    /// `corrections/`: every correction of the investigation (1.1).
    pub const CORRECTIONS: PageKind = kind(
        "corrections",
        "corrections.html",
        "corrections",
        "Corrections",
    );
    pub const NOT_FOUND: PageKind = PageKind {
        in_sitemap: false,
        ..kind("404", "404.html", "404", "Page not found")
    };
    /// The search page (content format 1.1, `search/`), when `search` is
    /// on. Not in the sitemap: it has no content of its own to find.
    pub const SEARCH: PageKind = PageKind {
        in_sitemap: false,
        ..kind("search", "search.html", "search", "Search")
    };
    /// Every tag with its counts (content format 1.1).
    pub const TAGS: PageKind = kind("tags", "tags.html", "tags", "Tags");
    /// One tag: the records that carry it.
    pub const TAG: PageKind = kind("tag", "tag.html", "tags", "Tag");
}

/// The pages a record kind has: an index page listing its records and, for
/// most kinds, a page per record (events have none: each is an anchor on
/// the timeline). Implemented in each kind's file, beside the context its
/// pages receive; the site's list of pages, the templates a theme must
/// have and the dispatch to these functions derive from the list of kinds.
pub trait KindPages: Kind + crate::model::Stored {
    /// The index page (`actors/`, `timeline/`…).
    const INDEX: &'static PageKind;
    /// The page of one record, if records have pages of their own.
    const RECORD: Option<&'static PageKind>;

    /// The index page's folder, from `crate::url`.
    fn index_dir() -> String;

    /// The pages the index is split into (content format 1.1, "The built
    /// site": the page budget), in reading order, given the kind's records
    /// in display order: by default one page, [`Part::Whole`]. Decided by
    /// `render::paginate` from counts and dates alone.
    fn index_parts(_records: &[Self]) -> Vec<Part> {
        vec![Part::Whole]
    }

    /// A record page's folder, from `crate::url` (kinds with `RECORD`).
    fn record_dir(&self) -> String {
        String::new()
    }

    /// How the record is named where it is linked to from elsewhere (the
    /// corrections page and feed): its title or name.
    fn title(site: &Site, ix: Ix<Self>) -> String;

    /// The record's URL relative to `root`: its own page, or for kinds
    /// without record pages its anchor on their index page
    /// (`timeline/#<id>`; kinds whose index is split give the page the
    /// record is on). Where id links (`event:<id>`) lead.
    fn href(&self, root: &str) -> String {
        match Self::RECORD {
            Some(_) => format!("{root}{}", self.record_dir()),
            None => format!("{root}{}#{}", Self::index_dir(), self.key()),
        }
    }

    /// The record as a list of several kinds shows it (a tag's page), as a
    /// template value: by default a link, `{text, href}` (its key and
    /// URL); a kind with a card of its own gives that.
    fn listed(env: &Env, ix: Ix<Self>, root: &str) -> tera::Value {
        let record = &<Self as crate::model::Stored>::table(env.site)[ix];
        tera::Value::from_serializable(&super::context::LinkCtx {
            text: record.key().to_owned(),
            href: record.href(root),
        })
    }

    /// The bytes, as written, of the texts a list shows of the record
    /// where it shows the record whole (a card, an entry: its title,
    /// summary, quote, corrections…): what the page budget weighs it by,
    /// beyond its kind's constant weight (`render::paginate::text_bytes`).
    /// By default its key, which [`KindPages::listed`] shows.
    fn shown_text(&self) -> usize {
        self.key().len()
    }

    /// What the record weighs on a list of several kinds (a tag's page),
    /// in bytes of HTML as `render::paginate` estimates them, as
    /// [`KindPages::listed`] shows it: by default one line.
    fn listed_bytes(&self, _records: &Records<'_>) -> usize {
        super::paginate::bytes::LINE + super::paginate::text_bytes(self.shown_text(), 0)
    }

    /// When the sitemap says a record page last changed, if it says so.
    fn lastmod(&self) -> Option<String> {
        None
    }

    /// Fills the context of the index page showing `part` (one of
    /// [`KindPages::index_parts`]); returns its title and meta
    /// description.
    fn index_context(env: &Env, ctx: &mut Context, root: &str, part: Part) -> (String, String);

    /// How many pages the record's page is split into (content format
    /// 1.1, "The built site": the page budget, for the long lists on a
    /// record's page): by default one. Decided by
    /// `render::paginate::record_pages` from the counts of the record's
    /// lists, some of which only linking knows (the articles naming an
    /// actor): so the list of a site's files made before linking has each
    /// record's first page only.
    fn record_pages(_site: &Site, _graph: &Graph, _ix: Ix<Self>) -> usize {
        1
    }

    /// Fills the context of page `part` of a record's page split into
    /// `pages` ([`KindPages::record_pages`]); returns the record's title
    /// and meta description (kinds with `RECORD`). The first page
    /// ([`Part::Whole`]) is the record's own; later pages show the same
    /// lists further on.
    fn record_context(
        _env: &Env,
        _ix: Ix<Self>,
        _ctx: &mut Context,
        _root: &str,
        _at: RecordPart,
    ) -> (String, String) {
        (String::new(), String::new())
    }
}

/// Which page of a record's page is being made: `part` of `pages`
/// ([`Part::Whole`] for the first, then [`Part::Page`] 2, 3…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordPart {
    pub part: Part,
    pub pages: usize,
}

impl RecordPart {
    /// Whether this is the record's first page, the one with its header.
    pub fn is_first(self) -> bool {
        self.part == Part::Whole
    }

    /// What `make` gives on the record's first page, which holds the
    /// record itself (its text, summary, links, diagram, corrections);
    /// nothing (`T::default()`: none, empty) on a later page, which holds
    /// only the next share of its long lists.
    pub fn first_only<T: Default>(self, make: impl FnOnce() -> T) -> T {
        if self.is_first() {
            make()
        } else {
            T::default()
        }
    }

    /// The items of a long list of `len` shown on this page
    /// (`render::paginate::record_slice`).
    pub fn slice(self, len: usize) -> std::ops::Range<usize> {
        super::paginate::record_slice(len, self.pages, self.part)
    }

    /// This page's share of a long list of `items`, each made into a
    /// template value by `make`, and which of the list it is
    /// (`<list>_range` beside the list in a record's context).
    pub fn share<T, V>(
        self,
        items: &[T],
        make: impl FnMut(&T) -> V,
    ) -> (Vec<V>, super::context::RangeCtx) {
        let shown = self.slice(items.len());
        let range = super::context::RangeCtx::of(shown.clone(), items.len());
        (items[shown].iter().map(make).collect(), range)
    }
}

/// A link of the site's navigation (`site.nav`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct NavItem {
    /// The folder, from the site root (`""` for the home page).
    pub href: String,
    /// `page.section` of the pages it leads to, for `aria-current`.
    pub section: &'static str,
    pub label: &'static str,
}

impl NavItem {
    fn of(kind: &PageKind, href: String) -> NavItem {
        NavItem {
            href,
            section: kind.section,
            label: kind.title,
        }
    }
}

/// What a page shows: the home page, a kind's index (by its position in
/// the list of kinds), one record, every correction, the tag index, one
/// tag, the search page or the page not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shows {
    Home,
    /// A kind's index (by its position in the list of kinds), or the part
    /// of it the page shows when the index is split into pages.
    Index(usize, Part),
    /// A record's page, or the part of it the page shows when the
    /// record's lists are split into pages.
    Record(Ref, Part),
    Search,
    /// Every correction, or the part of the list the page shows when it
    /// is split into pages.
    Corrections(Part),
    /// The tag index, or the part of it the page shows.
    Tags(Part),
    /// A tag (its position in `Site::tags`), or the part of its list the
    /// page shows when the list is split into pages.
    Tag(usize, Part),
    NotFound,
}

macro_rules! page_dispatch {
    (all { $($p:ident: $t:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        impl PageKind {
            /// Every page kind, in the order a theme's missing templates
            /// are reported: home, each kind's index and record page,
            /// search, 404.
            pub fn all() -> Vec<&'static PageKind> {
                let mut all = vec![&PageKind::HOME];
                $(
                    all.push(<$t as KindPages>::INDEX);
                    all.extend(<$t as KindPages>::RECORD);
                )*
                all.push(&PageKind::SEARCH);
                all.push(&PageKind::CORRECTIONS);
                all.push(&PageKind::TAGS);
                all.push(&PageKind::TAG);
                all.push(&PageKind::NOT_FOUND);
                all
            }
        }

        /// Every record the search finds (content format 1.1, `search/`),
        /// kind by kind in list order: the records of every kind, each
        /// found on its own page or, for kinds without one, as the element
        /// with its id on the page it is an anchor on. A new kind is found
        /// as soon as it is in the list of kinds.
        pub fn findable(site: &Site) -> Vec<Findable> {
            let mut all = Vec::new();
            $(
                let kind = capitalized(<$t as Kind>::INFO.name);
                for record in site.$p.iter() {
                    // Where its links lead: its page, or its anchor on one.
                    let url = record.href("");
                    let (dir, anchor) = match url.split_once('#') {
                        Some((dir, id)) => (dir.to_owned(), Some(id.to_owned())),
                        None => (url.clone(), None),
                    };
                    all.push(Findable { page: url::index_file(&dir), url, anchor, kind: kind.clone() });
                }
            )*
            all
        }

        /// The navigation: the home page, then each kind's index page, in
        /// list order, then the tags when there are any (`site.nav`).
        pub(crate) fn nav(site: &Site) -> Vec<NavItem> {
            let mut nav = vec![NavItem::of(&PageKind::HOME, url::home(""))];
            $(nav.push(NavItem::of(<$t as KindPages>::INDEX, <$t as KindPages>::index_dir()));)*
            if !site.tags.is_empty() {
                nav.push(NavItem::of(&PageKind::TAGS, url::tags("")));
            }
            nav
        }

        /// A record as a link from `root`: its title and its page or
        /// anchor (see [`KindPages::title`]).
        pub(crate) fn record_link(site: &Site, r: Ref, root: &str) -> crate::render::context::LinkCtx {
            match r {
                $(Ref::$t(i) => crate::render::context::LinkCtx {
                    text: <$t as KindPages>::title(site, i),
                    href: site.$p[i].href(root),
                },)*
            }
        }

        /// The corrections of a record.
        pub(crate) fn corrections_of(site: &Site, r: Ref) -> &[crate::model::Correction] {
            match r {
                $(Ref::$t(i) => site.$p[i].corrections(),)*
            }
        }

        /// The kind of the `n`th index page, and whether its records are
        /// shown there whole (no page of their own: events, statements).
        pub(crate) fn index_kind(n: usize) -> Option<(crate::kinds::KindInfo, bool)> {
            let mut k = 0;
            $(
                if n == k {
                    return Some((<$t as Kind>::INFO, <$t as KindPages>::RECORD.is_none()));
                }
                k += 1;
            )*
            let _ = k;
            None
        }

        /// The kind of record `r`.
        pub(crate) fn kind_info(r: Ref) -> crate::kinds::KindInfo {
            match r {
                $(Ref::$t(_) => <$t as Kind>::INFO,)*
            }
        }

        /// Record `r` as lists of several kinds show it (see
        /// [`KindPages::listed`]), with its kind.
        pub(crate) fn listed(env: &Env, r: Ref, root: &str) -> (crate::kinds::KindInfo, tera::Value) {
            match r {
                $(Ref::$t(i) => (<$t as Kind>::INFO, <$t as KindPages>::listed(env, i, root)),)*
            }
        }

        /// What record `r` weighs on a list of several kinds (see
        /// [`KindPages::listed_bytes`]).
        pub(crate) fn listed_bytes(records: &Records<'_>, r: Ref) -> usize {
            match r {
                $(Ref::$t(i) => records.$p[i.get()].listed_bytes(records),)*
            }
        }

        /// How many pages record `r`'s page is split into (see
        /// [`KindPages::record_pages`]).
        pub(crate) fn record_pages(site: &Site, graph: &Graph, r: Ref) -> usize {
            match r {
                $(Ref::$t(i) => <$t as KindPages>::record_pages(site, graph, i),)*
            }
        }

        /// The URL of record `r` relative to `root` (see [`KindPages::href`]).
        pub(crate) fn href(site: &Site, r: Ref, root: &str) -> String {
            match r {
                $(Ref::$t(i) => site.$p[i].href(root),)*
            }
        }

        impl Shows {
            /// Every page: home, each kind's index, the corrections, the
            /// tag index, the page not found, then each record that has a
            /// page, kind by kind, then each tag. (The search page is
            /// added by `PageSpec::before_linking` when `search` is on.)
            fn all(records: &Records<'_>, tags: &Tags) -> Vec<Shows> {
                let mut all = vec![Shows::Home];
                let mut k = 0;
                $(
                    all.extend(<$t as KindPages>::index_parts(records.$p).into_iter().map(|part| Shows::Index(k, part)));
                    k += 1;
                )*
                let _ = k;
                let corrections = crate::model::correction::all(*records);
                let parts = super::paginate::pages_of(&super::pages::correction_parts(&corrections));
                all.extend(parts.into_iter().map(Shows::Corrections));
                let parts = super::paginate::numbered(tags.len(), super::paginate::TAGS_PER_PAGE);
                all.extend(parts.into_iter().map(Shows::Tags));
                all.push(Shows::NotFound);
                $(
                    if <$t as KindPages>::RECORD.is_some() {
                        all.extend((0..records.$p.len()).map(|i| Shows::Record(Ref::$t(Ix::new(i)), Part::Whole)));
                    }
                )*
                for t in 0..tags.len() {
                    let parts = super::paginate::pages_of(&super::tags::tag_parts(records, &tags[t]));
                    all.extend(parts.into_iter().map(|part| Shows::Tag(t, part)));
                }
                all
            }

            /// The page's kind, folder and last change.
            fn place(self, records: &Records<'_>, tags: &Tags) -> (&'static PageKind, String, Option<String>) {
                match self {
                    Shows::Home => (&PageKind::HOME, url::home(""), None),
                    Shows::Search => (&PageKind::SEARCH, url::search(""), None),
                    Shows::Corrections(part) => (&PageKind::CORRECTIONS, url::list_part("", &url::corrections(""), part), None),
                    Shows::NotFound => (&PageKind::NOT_FOUND, String::new(), None),
                    Shows::Tags(part) => (&PageKind::TAGS, url::list_part("", &url::tags(""), part), None),
                    Shows::Tag(t, part) => (&PageKind::TAG, url::list_part("", &url::tag("", &tags[t].slug), part), None),
                    Shows::Index(n, part) => {
                        let mut k = 0;
                        $(
                            if n == k {
                                let dir = url::list_part("", &<$t as KindPages>::index_dir(), part);
                                return (<$t as KindPages>::INDEX, dir, None);
                            }
                            k += 1;
                        )*
                        let _ = k;
                        (&PageKind::NOT_FOUND, String::new(), None)
                    }
                    Shows::Record(r, part) => match r {
                        $(Ref::$t(i) => {
                            let record = &records.$p[i.get()];
                            let kind = <$t as KindPages>::RECORD.unwrap_or(<$t as KindPages>::INDEX);
                            let dir = url::list_part("", &record.record_dir(), part);
                            // Later pages change with the lists, not with the record.
                            let lastmod = (part == Part::Whole).then(|| record.lastmod()).flatten();
                            (kind, dir, lastmod)
                        })*
                    },
                }
            }

            /// Fills the context of the page; returns its title and meta
            /// description.
            pub(super) fn context(self, env: &Env, ctx: &mut Context, root: &str) -> (String, String) {
                match self {
                    Shows::Home => env.home_context(ctx, root),
                    Shows::Search => (
                        PageKind::SEARCH.title.into(),
                        format!("Search everything in {}", env.site.config.title),
                    ),
                    Shows::Corrections(part) => env.corrections_context(ctx, root, part),
                    Shows::NotFound => (PageKind::NOT_FOUND.title.into(), "This page does not exist.".into()),
                    Shows::Tags(part) => super::tags::index_context(env, ctx, root, part),
                    Shows::Tag(t, part) => super::tags::tag_context(env, t, part, ctx, root),
                    Shows::Index(n, part) => {
                        let mut k = 0;
                        $(
                            if n == k {
                                return <$t as KindPages>::index_context(env, ctx, root, part);
                            }
                            k += 1;
                        )*
                        let _ = k;
                        (String::new(), String::new())
                    }
                    Shows::Record(r, part) => {
                        let pages = record_pages(env.site, env.graph, r);
                        let at = RecordPart { part, pages };
                        let (title, description) = match r {
                            $(Ref::$t(i) => <$t as KindPages>::record_context(env, i, ctx, root, at),)*
                        };
                        // Like a list's pages: linked in order, each named.
                        let dir = href(env.site, r, "");
                        let parts = super::paginate::numbered(pages, 1);
                        ctx.insert("pagination", &super::paginate::pagination(root, &dir, &parts, part));
                        let label = super::paginate::label(part);
                        ctx.insert("part_label", &label);
                        match label {
                            Some(l) => (format!("{title}: {l}"), format!("{description} ({l})")),
                            None => (title, description),
                        }
                    }
                }
            }
        }
    };
}
crate::with_kinds!(page_dispatch);

/// A record as the search finds it: where it is shown, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Findable {
    /// Its URL relative to the site root: its page (`articles/x/`) or its
    /// anchor (`timeline/#e1`).
    pub url: String,
    /// The file of the page it is shown on, relative to the output folder.
    pub page: String,
    /// For a record without a page of its own, the id of its element there.
    pub anchor: Option<String>,
    /// What it is, as the results say it: "Article", "Event".
    pub kind: String,
}

/// `name` with its first letter in capitals ("event" → "Event").
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One page of the built site, everything about it but its context (which
/// `Env::context` builds from `shows`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpec {
    /// The list or record the page shows.
    pub shows: Shows,
    /// Its kind: template, `page.kind`, section.
    pub kind: &'static PageKind,
    /// Its folder URL relative to the site root (`"articles/x/"`; `""`
    /// for the home page and the page not found), for `page.canonical`
    /// and the sitemap.
    pub dir: String,
    /// The file it is written to, relative to the output folder
    /// (`"articles/x/index.html"`, `"404.html"`).
    pub output_path: String,
    /// The way back to the site root from the page: `"../"` per folder of
    /// `dir`, or the base path for the page not found, which is served at
    /// any depth.
    pub root: Root,
    /// When the page last changed, for the sitemap (articles dated to the day).
    pub lastmod: Option<String>,
}

impl PageSpec {
    /// The page showing `shows`.
    pub fn new(site: &Site, shows: Shows) -> PageSpec {
        PageSpec::of(&site.records(), &site.tags, &site.config.base_url, shows)
    }

    /// The page showing `shows` among `records` and `tags`, on a site at
    /// `base_url` (its path is the root of the page not found).
    fn of(records: &Records<'_>, tags: &Tags, base_url: &str, shows: Shows) -> PageSpec {
        let (kind, dir, lastmod) = shows.place(records, tags);
        let (output_path, root) = if shows == Shows::NotFound {
            // Served at any depth: its links start from the base path.
            let root = Root::absolute(url::base_path(base_url));
            (url::NOT_FOUND_FILE.into(), root)
        } else {
            (url::index_file(&dir), Root::of_dir(&dir))
        };
        PageSpec {
            shows,
            kind,
            output_path,
            root,
            dir,
            lastmod,
        }
    }

    /// Every page of the site: the home page, the indexes (the tag index
    /// last), the search page when `search` is on, the page not found,
    /// then each record's page (each followed by its later pages, when its
    /// lists are split: [`KindPages::record_pages`], which `graph` tells),
    /// then each tag's. (This order is the sitemap's, and that of the
    /// errors.)
    pub fn all(site: &Site, graph: &Graph) -> Vec<PageSpec> {
        let first = PageSpec::before_linking(site);
        let mut all = Vec::with_capacity(first.len());
        for page in first {
            let Shows::Record(r, Part::Whole) = page.shows else {
                all.push(page);
                continue;
            };
            let pages = record_pages(site, graph, r);
            all.push(page);
            let later = super::paginate::numbered(pages, 1).into_iter().skip(1);
            all.extend(later.map(|part| PageSpec::new(site, Shows::Record(r, part))));
        }
        all
    }

    /// Every page of the site that is known before linking: all of
    /// [`PageSpec::all`] but the later pages of records whose lists are
    /// split (each record has its first page).
    pub fn before_linking(site: &Site) -> Vec<PageSpec> {
        let mut all = PageSpec::all_of(&site.records(), &site.tags, &site.config.base_url);
        if site.config.search {
            // After the indexes, before the page not found.
            let at = all
                .iter()
                .position(|p| p.shows == Shows::NotFound)
                .unwrap_or(all.len());
            all.insert(at, PageSpec::new(site, Shows::Search));
        }
        all
    }

    /// Every page a site of `records` and `tags` has that is known before
    /// the site is ([`PageSpec::before_linking`]): what relative
    /// references may name.
    pub fn all_of(records: &Records<'_>, tags: &Tags, base_url: &str) -> Vec<PageSpec> {
        // 12,000 pages at 10,000 articles, each with its paths written out:
        // made on every core (`dossier serve` makes the list on every rebuild).
        Shows::all(records, tags)
            .into_par_iter()
            .map(|shows| PageSpec::of(records, tags, base_url, shows))
            .collect()
    }

    /// The template that renders the page.
    pub fn template(&self) -> &'static str {
        self.kind.template
    }

    /// How many folders down the page's URL is (0 for the page not found,
    /// whatever URL it is served at).
    pub fn depth(&self) -> usize {
        url::depth_of(&self.dir)
    }
}
