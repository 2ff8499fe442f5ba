//! The URL layout of a built site, and the only place that knows it.
//!
//! Every record has a folder of its own (`articles/<slug>/`,
//! `actors/<id>/`, `sources/<id>/`), events are anchors on their page of
//! the timeline (`timeline/#<id>`, or `timeline/2021/#<id>` when it is
//! split: [`Part`]), statements anchors on their page of their list
//! (`statements/#<id>`, `statements/page/2/#<id>`),
//! each tag has a page (`tags/<slug>/`), and the lists, feed and open data sit at fixed places
//! (`articles/`, `feed.xml`, `data/actors.json`…). Pages, feeds, the
//! sitemap, the open data and the preview all ask this module, so the
//! layout can change in one place.
//!
//! Every function takes the `root` the URL is relative to and returns
//! `root` followed by the path, built in one allocation (these run for
//! every link of every page):
//! * `""`: relative to the site root, as `data/*.json` gives paths;
//! * a page's [`Root`] (`"../../"`): a link from that page;
//! * `base_url` (`"https://news.example/inv/"`): an absolute URL.
//!
//! It sits at the crate's top, not in `render`, because the exports
//! (`crate::export`) and the preview server use it as much as the pages do.

use std::borrow::Cow;

/// How many folders down a record's page sits (`articles/<slug>/`,
/// `actors/<id>/`, `sources/<id>/`): the depth of the root their links,
/// and the article bodies shared with the feed, are relative to.
pub const RECORD_DEPTH: usize = 2;

/// The file of the page not found, at the top of the site (served for any
/// missing path, so its links use [`base_path`]).
pub const NOT_FOUND_FILE: &str = "404.html";

/// `root` followed by each of `parts`, in one allocation.
fn join(root: &str, parts: &[&str]) -> String {
    let len = root.len() + parts.iter().map(|p| p.len()).sum::<usize>();
    let mut s = String::with_capacity(len);
    s.push_str(root);
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The absolute URL of `path` (relative to the site root, as every
/// function here gives it with root `""`): `base_url` followed by it.
pub fn absolute(base_url: &str, path: &str) -> String {
    join(base_url, &[path])
}

/// The absolute URL of `path` when `base_url` names a host
/// (`https://…`), for canonical links and `og:url`: with a base URL that is
/// only a path (the default `/`) no valid absolute URL exists, and a
/// relative canonical link is invalid (content format 1.1, "Sharing").
pub fn canonical(base_url: &str, path: &str) -> Option<String> {
    let has_host = ["http://", "https://"].iter().any(|scheme| {
        base_url
            .get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    });
    has_host.then(|| absolute(base_url, path))
}

/// An article's page: `articles/<slug>/`.
pub fn article(root: &str, slug: &str) -> String {
    join(root, &["articles/", slug, "/"])
}

/// An actor's page: `actors/<id>/`.
pub fn actor(root: &str, id: &str) -> String {
    join(root, &["actors/", id, "/"])
}

/// A source's page: `sources/<id>/`.
pub fn source(root: &str, id: &str) -> String {
    join(root, &["sources/", id, "/"])
}

/// An event, an anchor on its page of the timeline, `page` (where
/// `render::paginate::timeline` put it): `timeline/#<id>`,
/// `timeline/2021/#<id>`, `timeline/2021/03/#<id>`. Every link to an event
/// is made here.
pub fn event(root: &str, page: Part, id: &str) -> String {
    anchor(list_part(root, "timeline/", page), id)
}

/// A statement, an anchor on its page of the list of statements:
/// `statements/#<id>`, `statements/page/2/#<id>`. Every link to a
/// statement is made here.
pub fn statement(root: &str, page: Part, id: &str) -> String {
    anchor(list_part(root, "statements/", page), id)
}

/// `page` followed by `#id`.
fn anchor(mut page: String, id: &str) -> String {
    page.reserve(id.len() + 1);
    page.push('#');
    page.push_str(id);
    page
}

/// Which page of a list split by the page budget (content format 1.1,
/// "The built site") a page shows, or a record is on: see
/// `render::paginate`, which decides, and [`list_part`], which names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Part {
    /// The list's own folder: the whole list when it fits on a page, else
    /// its first page (for the timeline, its overview).
    #[default]
    Whole,
    /// Page `n` ≥ 2 of a list paged by number: `articles/page/<n>/`.
    Page(u32),
    /// Page `n` ≥ 1 of a year of the timeline: `timeline/<year>/`,
    /// `timeline/<year>/page/<n>/`.
    Year(u16, u32),
    /// Page `n` ≥ 1 of a month (1 to 12) of a year of the timeline:
    /// `timeline/<year>/<mm>/`, `timeline/<year>/<mm>/page/<n>/`.
    Month(u16, u8, u32),
}

/// The home page: the root itself (`""` from the top of the site).
pub fn home(root: &str) -> String {
    root.to_owned()
}

/// The list of articles: `articles/`.
pub fn articles(root: &str) -> String {
    join(root, &["articles/"])
}

/// The list of actors, by kind: `actors/`.
pub fn actors(root: &str) -> String {
    join(root, &["actors/"])
}

/// The timeline of every event: `timeline/`.
pub fn timeline(root: &str) -> String {
    join(root, &["timeline/"])
}

/// The list of sources, by kind: `sources/`.
pub fn sources(root: &str) -> String {
    join(root, &["sources/"])
}

/// The search page: `search/` (content format 1.1).
pub fn search(root: &str) -> String {
    join(root, &["search/"])
}

/// The folder of the search index, Pagefind's bundle, inside the search
/// page's folder: `search/pagefind/`. Its files are named by Pagefind.
pub fn search_bundle(root: &str) -> String {
    join(root, &["search/pagefind/"])
}

/// The element id of a year's section on the timeline (`year_2021`: the
/// theme's own ids contain `_`, which record ids never do).
pub fn year_id(year: u16) -> String {
    format!("year_{year}")
}

/// A year of the timeline: its section, `timeline/#year_2021`, on a
/// timeline of one page; its page, `timeline/2021/`, on a timeline split
/// by year (`split`).
pub fn timeline_year(root: &str, year: u16, split: bool) -> String {
    if split {
        list_part(root, "timeline/", Part::Year(year, 1))
    } else {
        join(root, &["timeline/#", &year_id(year)])
    }
}

/// Every statement, newest first: `statements/`.
pub fn statements(root: &str) -> String {
    join(root, &["statements/"])
}

/// Every correction, newest first: `corrections/`.
pub fn corrections(root: &str) -> String {
    join(root, &["corrections/"])
}

/// The Atom feed of the corrections: `corrections.xml`.
pub fn corrections_feed(root: &str) -> String {
    join(root, &["corrections.xml"])
}

/// The index of every tag: `tags/`.
pub fn tags(root: &str) -> String {
    join(root, &["tags/"])
}

/// A tag's page: `tags/<slug>/`.
pub fn tag(root: &str, slug: &str) -> String {
    join(root, &["tags/", slug, "/"])
}

/// The Atom feed of the articles: `feed.xml`.
pub fn feed(root: &str) -> String {
    join(root, &["feed.xml"])
}

/// The sitemap for search engines: `sitemap.xml`.
pub fn sitemap(root: &str) -> String {
    join(root, &["sitemap.xml"])
}

/// One open-data file: `data/<name>.json`, `name` a plural ("actors").
pub fn data(root: &str, name: &str) -> String {
    join(root, &["data/", name, ".json"])
}

/// One CSV export: `data/<name>.csv`, `name` a plural ("actors").
pub fn data_csv(root: &str, name: &str) -> String {
    join(root, &["data/", name, ".csv"])
}

/// The FollowTheMoney export: `data/entities.ftm.json`.
pub fn entities(root: &str) -> String {
    join(root, &["data/entities.ftm.json"])
}

/// The TimelineJS export: `data/timeline.json`.
pub fn timeline_json(root: &str) -> String {
    join(root, &["data/timeline.json"])
}

/// Page `number` (from 1) of the list whose folder is `list` (`"articles/"`,
/// relative to the site root): the first page is the list's own folder,
/// later ones `articles/page/<n>/`, so a list that fits on one page keeps
/// its URL.
pub fn list_page(root: &str, list: &str, number: usize) -> String {
    if number <= 1 {
        join(root, &[list])
    } else {
        join(root, &[list, "page/", &number.to_string(), "/"])
    }
}

/// The folder of `part` of the list whose folder is `list` (relative to
/// the site root, ending in `/`), relative to `root`: see [`Part`].
pub fn list_part(root: &str, list: &str, part: Part) -> String {
    let page = |n: u32| {
        if n > 1 {
            format!("page/{n}/")
        } else {
            String::new()
        }
    };
    match part {
        Part::Whole => join(root, &[list]),
        Part::Page(n) => list_page(root, list, n as usize),
        Part::Year(y, n) => join(root, &[list, &y.to_string(), "/", &page(n)]),
        Part::Month(y, m, n) => join(root, &[list, &format!("{y}/{m:02}/"), &page(n)]),
    }
}

/// The file a page's folder URL is written to: `<dir>index.html`, so the
/// folder URL serves it.
pub fn index_file(dir: &str) -> String {
    join(dir, &["index.html"])
}

/// How many folders down a folder URL relative to the site root is
/// (`""` → 0, `"articles/"` → 1, `"articles/x/"` → 2).
pub fn depth_of(dir: &str) -> usize {
    dir.bytes().filter(|&b| b == b'/').count()
}

/// The path part of `base_url` (`"https://x.org/inv/"` → `"/inv/"`): the
/// root of a page that may be served at any depth (the 404 page).
pub fn base_path(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map(|i| rest[i..].to_owned())
            .unwrap_or_else(|| "/".into()),
        None => base_url.to_owned(),
    }
}

/// The way from a page back to the site root, the prefix of every link on
/// it: `"../"` once per folder the page is down (`""` at the top,
/// `"../../"` on a record's page), or, for a page served at any depth,
/// the site's base path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// `None` for a base path, which is the same from any depth.
    depth: Option<usize>,
    prefix: Cow<'static, str>,
}

/// `"../"` as many times as the deepest root served without allocating.
const UPS: &str = "../../../../../../../../../../../../../../../../";

impl Root {
    /// The root of a page `depth` folders down: `"../"` repeated. The
    /// strings for the first sixteen depths are slices of one constant,
    /// allocated never; deeper ones are built.
    pub fn up(depth: usize) -> Root {
        let prefix = match UPS.get(..3 * depth) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned("../".repeat(depth)),
        };
        Root {
            depth: Some(depth),
            prefix,
        }
    }

    /// The root of the page whose folder URL is `dir` (relative to the site root).
    pub fn of_dir(dir: &str) -> Root {
        Root::up(depth_of(dir))
    }

    /// An absolute path as the root (`"/inv/"`), for a page served at any
    /// depth.
    pub fn absolute(path: String) -> Root {
        Root {
            depth: None,
            prefix: Cow::Owned(path),
        }
    }

    /// The prefix itself, to put before a path relative to the site root.
    pub fn as_str(&self) -> &str {
        &self.prefix
    }

    /// How many folders down the page is, `None` for an absolute root.
    /// Caches of what differs by root (the site description's links) are
    /// kept per depth.
    pub fn depth(&self) -> Option<usize> {
        self.depth
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_urls() {
        assert_eq!(article("", "a-b"), "articles/a-b/");
        assert_eq!(actor("../../", "nso"), "../../actors/nso/");
        assert_eq!(source("../", "le-monde"), "../sources/le-monde/");
        assert_eq!(event("", Part::Whole, "e1"), "timeline/#e1");
        assert_eq!(
            event("../", Part::Year(2021, 1), "e1"),
            "../timeline/2021/#e1"
        );
        assert_eq!(
            event("", Part::Month(2021, 3, 2), "e1"),
            "timeline/2021/03/page/2/#e1"
        );
        assert_eq!(statement("../", Part::Whole, "s1"), "../statements/#s1");
        assert_eq!(statement("", Part::Page(3), "s1"), "statements/page/3/#s1");
        assert_eq!(
            article("https://x.org/inv/", "s"),
            "https://x.org/inv/articles/s/"
        );
    }

    #[test]
    fn fixed_urls() {
        assert_eq!(home("../"), "../");
        assert_eq!(articles(""), "articles/");
        assert_eq!(actors(""), "actors/");
        assert_eq!(timeline(""), "timeline/");
        assert_eq!(sources(""), "sources/");
        assert_eq!(statements(""), "statements/");
        assert_eq!(corrections("../"), "../corrections/");
        assert_eq!(corrections_feed(""), "corrections.xml");
        assert_eq!(tags("../"), "../tags/");
        assert_eq!(tag("", "cyber-security"), "tags/cyber-security/");
        assert_eq!(feed("https://x.org/"), "https://x.org/feed.xml");
        assert_eq!(sitemap(""), "sitemap.xml");
        assert_eq!(search("../"), "../search/");
        assert_eq!(search_bundle(""), "search/pagefind/");
        assert_eq!(timeline_year("../", 2021, false), "../timeline/#year_2021");
        assert_eq!(timeline_year("", 2021, true), "timeline/2021/");
        assert_eq!(data("", "actors"), "data/actors.json");
        assert_eq!(index_file("articles/"), "articles/index.html");
        assert_eq!(index_file(""), "index.html");
        assert_eq!(
            absolute("https://x.org/", "actors/"),
            "https://x.org/actors/"
        );
    }

    #[test]
    fn list_pages() {
        assert_eq!(list_page("", "articles/", 1), "articles/");
        assert_eq!(list_page("../", "timeline/", 2), "../timeline/page/2/");
        assert_eq!(depth_of(&list_page("", "articles/", 12)), 3);
    }

    #[test]
    fn record_pages_are_record_depth_down() {
        for dir in [article("", "x"), actor("", "x"), source("", "x")] {
            assert_eq!(depth_of(&dir), RECORD_DEPTH, "{dir}");
        }
    }

    #[test]
    fn roots_at_any_depth() {
        assert_eq!(Root::up(0).as_str(), "");
        assert_eq!(Root::up(1).as_str(), "../");
        assert_eq!(Root::up(2).as_str(), "../../");
        for depth in [15, 16, 17, 40] {
            let root = Root::up(depth);
            assert_eq!(root.as_str(), "../".repeat(depth));
            assert_eq!(root.depth(), Some(depth));
        }
        assert_eq!(Root::of_dir("articles/x/"), Root::up(2));
        assert_eq!(Root::of_dir(""), Root::up(0));
        let abs = Root::absolute("/inv/".into());
        assert_eq!((abs.as_str(), abs.depth()), ("/inv/", None));
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://news.example/pegasus/"), "/pegasus/");
        assert_eq!(base_path("https://news.example"), "/");
        assert_eq!(base_path("/"), "/");
    }
}
