//! The pages of the site as data: each page's kind, URL, output file and
//! root are worked out once, when the list of pages is made, and read from
//! there by the renderer, the sitemap and the preview server.

use super::pages::Env;
use crate::kinds::{Actor, Article, Event, Ix, KINDS, Kind, Ref, Source, Statement};
use crate::model::Site;
use crate::url::{self, Root};
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
}

/// The pages a record kind has: an index page listing its records and, for
/// most kinds, a page per record (events have none: each is an anchor on
/// the timeline). Implemented in each kind's file, beside the context its
/// pages receive; the site's list of pages, the templates a theme must
/// have and the dispatch to these functions derive from the list of kinds.
pub trait KindPages: Kind {
    /// The index page (`actors/`, `timeline/`…).
    const INDEX: &'static PageKind;
    /// The page of one record, if records have pages of their own.
    const RECORD: Option<&'static PageKind>;

    /// The index page's folder, from `crate::url`.
    fn index_dir() -> String;

    /// A record page's folder, from `crate::url` (kinds with `RECORD`).
    fn record_dir(&self) -> String {
        String::new()
    }

    /// How the record is named where it is linked to from elsewhere (the
    /// corrections page and feed): its title or name.
    fn title(site: &Site, ix: Ix<Self>) -> String;

    /// The record's page, or its anchor on its kind's index, from `root`.
    fn href(&self, root: &str) -> String;

    /// When the sitemap says a record page last changed, if it says so.
    fn lastmod(&self) -> Option<String> {
        None
    }

    /// Fills the index page's context; returns its title and meta
    /// description.
    fn index_context(env: &Env, ctx: &mut Context, root: &str) -> (String, String);

    /// Fills a record page's context; returns its title and meta
    /// description (kinds with `RECORD`).
    fn record_context(
        _env: &Env,
        _ix: Ix<Self>,
        _ctx: &mut Context,
        _root: &str,
    ) -> (String, String) {
        (String::new(), String::new())
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
/// the list of kinds), one record, every correction, or the page not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shows {
    Home,
    Index(usize),
    Record(Ref),
    Corrections,
    NotFound,
}

macro_rules! page_dispatch {
    (all { $($p:ident: $t:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        impl PageKind {
            /// Every page kind, in the order a theme's missing templates
            /// are reported: home, each kind's index and record page, 404.
            pub fn all() -> Vec<&'static PageKind> {
                let mut all = vec![&PageKind::HOME];
                $(
                    all.push(<$t as KindPages>::INDEX);
                    all.extend(<$t as KindPages>::RECORD);
                )*
                all.push(&PageKind::CORRECTIONS);
                all.push(&PageKind::NOT_FOUND);
                all
            }
        }

        /// The navigation: the home page, then each kind's index page, in
        /// list order (`site.nav`).
        pub(crate) fn nav() -> Vec<NavItem> {
            let mut nav = vec![NavItem::of(&PageKind::HOME, url::home(""))];
            $(nav.push(NavItem::of(<$t as KindPages>::INDEX, <$t as KindPages>::index_dir()));)*
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

        impl Shows {
            /// Every page: home, each kind's index, the corrections, the
            /// page not found, then each record that has a page, kind by
            /// kind.
            fn all(site: &Site) -> Vec<Shows> {
                let mut all = vec![Shows::Home];
                all.extend((0..KINDS.len()).map(Shows::Index));
                all.push(Shows::Corrections);
                all.push(Shows::NotFound);
                $(
                    if <$t as KindPages>::RECORD.is_some() {
                        all.extend(site.$p.ixs().map(|i| Shows::Record(Ref::$t(i))));
                    }
                )*
                all
            }

            /// The page's kind, folder and last change.
            fn place(self, site: &Site) -> (&'static PageKind, String, Option<String>) {
                match self {
                    Shows::Home => (&PageKind::HOME, url::home(""), None),
                    Shows::Corrections => (&PageKind::CORRECTIONS, url::corrections(""), None),
                    Shows::NotFound => (&PageKind::NOT_FOUND, String::new(), None),
                    Shows::Index(n) => {
                        let mut k = 0;
                        $(
                            if n == k {
                                return (<$t as KindPages>::INDEX, <$t as KindPages>::index_dir(), None);
                            }
                            k += 1;
                        )*
                        let _ = k;
                        (&PageKind::NOT_FOUND, String::new(), None)
                    }
                    Shows::Record(r) => match r {
                        $(Ref::$t(i) => {
                            let record = &site.$p[i];
                            let kind = <$t as KindPages>::RECORD.unwrap_or(<$t as KindPages>::INDEX);
                            (kind, record.record_dir(), record.lastmod())
                        })*
                    },
                }
            }

            /// Fills the context of the page; returns its title and meta
            /// description.
            pub(super) fn context(self, env: &Env, ctx: &mut Context, root: &str) -> (String, String) {
                match self {
                    Shows::Home => env.home_context(ctx, root),
                    Shows::Corrections => env.corrections_context(ctx, root),
                    Shows::NotFound => (PageKind::NOT_FOUND.title.into(), "This page does not exist.".into()),
                    Shows::Index(n) => {
                        let mut k = 0;
                        $(
                            if n == k {
                                return <$t as KindPages>::index_context(env, ctx, root);
                            }
                            k += 1;
                        )*
                        let _ = k;
                        (String::new(), String::new())
                    }
                    Shows::Record(r) => match r {
                        $(Ref::$t(i) => <$t as KindPages>::record_context(env, i, ctx, root),)*
                    },
                }
            }
        }
    };
}
crate::with_kinds!(page_dispatch);

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
        let (kind, dir, lastmod) = shows.place(site);
        let (output_path, root) = if shows == Shows::NotFound {
            // Served at any depth: its links start from the base path.
            let root = Root::absolute(url::base_path(&site.config.base_url));
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

    /// Every page of the site: the home page, the indexes, the page not
    /// found, then each record's page. (This order is the sitemap's, and
    /// that of the errors.)
    pub fn all(site: &Site) -> Vec<PageSpec> {
        Shows::all(site)
            .into_iter()
            .map(|shows| PageSpec::new(site, shows))
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
