//! The pages of the site as data: each page's kind, URL, output file and
//! root are worked out once, when the list of pages is made, and read from
//! there by the renderer, the sitemap and the preview server.

use crate::model::{ActorIx, ArticleIx, Site, SourceIx};
use crate::url::{self, Root};

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
}

const fn kind(name: &'static str, template: &'static str, section: &'static str) -> PageKind {
    PageKind {
        name,
        template,
        section,
        in_sitemap: true,
    }
}

impl PageKind {
    pub const HOME: PageKind = kind("index", "index.html", "home");
    pub const ARTICLES: PageKind = kind("articles", "articles.html", "articles");
    pub const ARTICLE: PageKind = kind("article", "article.html", "articles");
    pub const ACTORS: PageKind = kind("actors", "actors.html", "actors");
    pub const ACTOR: PageKind = kind("actor", "actor.html", "actors");
    pub const TIMELINE: PageKind = kind("timeline", "timeline.html", "timeline");
    pub const SOURCES: PageKind = kind("sources", "sources.html", "sources");
    pub const SOURCE: PageKind = kind("source", "source.html", "sources");
    pub const NOT_FOUND: PageKind = PageKind {
        in_sitemap: false,
        ..kind("404", "404.html", "404")
    };

    /// Every kind, in the order a theme's missing templates are reported.
    pub const ALL: &'static [&'static PageKind] = &[
        &PageKind::HOME,
        &PageKind::ARTICLES,
        &PageKind::ARTICLE,
        &PageKind::ACTORS,
        &PageKind::ACTOR,
        &PageKind::TIMELINE,
        &PageKind::SOURCES,
        &PageKind::SOURCE,
        &PageKind::NOT_FOUND,
    ];
}

/// What a page shows: a list, or one record (by its index in the site).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shows {
    Home,
    Articles,
    Article(ArticleIx),
    Actors,
    Actor(ActorIx),
    Timeline,
    Sources,
    Source(SourceIx),
    NotFound,
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
}

impl PageSpec {
    /// The page showing `shows`.
    pub fn new(site: &Site, shows: Shows) -> PageSpec {
        let (kind, dir) = match shows {
            Shows::Home => (&PageKind::HOME, url::home("")),
            Shows::Articles => (&PageKind::ARTICLES, url::articles("")),
            Shows::Article(i) => (&PageKind::ARTICLE, url::article("", &site.articles[i].slug)),
            Shows::Actors => (&PageKind::ACTORS, url::actors("")),
            Shows::Actor(i) => (&PageKind::ACTOR, url::actor("", &site.actors[i].id)),
            Shows::Timeline => (&PageKind::TIMELINE, url::timeline("")),
            Shows::Sources => (&PageKind::SOURCES, url::sources("")),
            Shows::Source(i) => (&PageKind::SOURCE, url::source("", &site.sources[i].id)),
            Shows::NotFound => {
                let root = Root::absolute(url::base_path(&site.config.base_url));
                return PageSpec {
                    shows,
                    kind: &PageKind::NOT_FOUND,
                    dir: String::new(),
                    output_path: url::NOT_FOUND_FILE.into(),
                    root,
                };
            }
        };
        PageSpec {
            shows,
            kind,
            output_path: url::index_file(&dir),
            root: Root::of_dir(&dir),
            dir,
        }
    }

    /// Every page of the site: the lists, then each article, actor and
    /// source. (This order is the sitemap's, and that of the errors.)
    pub fn all(site: &Site) -> Vec<PageSpec> {
        let lists = [
            Shows::Home,
            Shows::Articles,
            Shows::Actors,
            Shows::Timeline,
            Shows::Sources,
            Shows::NotFound,
        ];
        let records = (site.articles.ixs().map(Shows::Article))
            .chain(site.actors.ixs().map(Shows::Actor))
            .chain(site.sources.ixs().map(Shows::Source));
        lists
            .into_iter()
            .chain(records)
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
