//! dossier: a static-site generator for investigative journalism.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`load`] (read `content/`, keep spans) → [`model`] (validated, resolved
//! records) → [`link`] (mentions and backlinks) → [`render`] (Markdown and
//! Tera templates) and [`export`] (feed, sitemap, open data) → [`write`](mod@write)
//! (stage, swap into place). [`url`] alone knows the URL layout.
//! [`search`] indexes the rendered pages for the site's offline search.
//! [`suggest`] reads the validated model for names that have no record.
//!
//! These docs are for those who work on dossier, and name private items:
//! read them with `cargo doc --document-private-items`.
#![allow(rustdoc::private_intra_doc_links)]

pub mod commands;
pub mod diag;
pub mod export;
pub mod freed;
pub mod kinds;
pub mod link;
pub mod load;
pub mod model;
pub mod render;
pub mod search;
pub mod suggest;
pub mod url;
pub mod write;

pub use diag::{Diagnostic, Diagnostics};
pub mod kept;
mod quotes;
pub mod scaffold;
pub mod serve;

use kinds::Kind as _;
use link::Graph;
use model::Site;
use render::Renderer;
use std::path::Path;
use std::time::{Duration, Instant};
use write::Output;

pub use commands::Held;
pub use commands::build::{Built, build};
pub use commands::check::{Checked, check};
pub use model::validate::BuildOptions;

/// A loaded, validated and linked investigation with its compiled theme:
/// everything needed to render, built once.
pub struct Investigation {
    pub site: Site,
    pub graph: Graph,
    pub renderer: Renderer,
    /// `content/static/`, copied over the theme's static files.
    pub static_files: Vec<(String, Vec<u8>)>,
}

/// Wall time spent in each stage, for `--timings`.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    pub(crate) fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push((stage, start.elapsed()));
        out
    }

    pub fn report(&self) -> String {
        let total: Duration = self.0.iter().map(|(_, d)| *d).sum();
        let mut s = String::new();
        for (stage, d) in &self.0 {
            s.push_str(&format!(
                "{stage:>8}: {:8.1} ms\n",
                d.as_secs_f64() * 1000.0
            ));
        }
        s.push_str(&format!(
            "{:>8}: {:8.1} ms\n",
            "total",
            total.as_secs_f64() * 1000.0
        ));
        s
    }
}

/// Loads, validates and links the investigation at `root`, and compiles its theme.
pub fn prepare(
    root: &Path,
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<Investigation, Diagnostics> {
    let mut loaded = timings.time("load", || load::load(root))?;
    let articles = model::Articles::Given(std::mem::take(&mut loaded.articles));
    let (mut site, renderer) = validate(
        root,
        &loaded,
        articles,
        options,
        timings,
        None,
        Names::Later,
    )?;
    // The model owns what it needs: the files' texts go before linking
    // and rendering, so that they and the pages are never in memory
    // together.
    let static_files = std::mem::take(&mut loaded.static_files);
    drop(loaded);
    // The possible actors are read beside linking, which leaves a core
    // idle at times: neither needs the other.
    let (graph, names) = timings.time("link", || {
        rayon::join(
            || link::link(&site),
            || possible_actors_warning(&site, None),
        )
    });
    match names {
        Ok(warning) => site.warnings.extend(warning),
        Err(mut unread) => {
            unread.extend(site.warnings);
            return Err(unread);
        }
    }
    Ok(Investigation {
        site,
        graph,
        renderer,
        static_files,
    })
}

/// What `dossier serve` keeps from one rebuild to the next: each file's
/// parse, each article's parsed text, the events built, and the mentions
/// found in every record's text.
#[derive(Default)]
pub struct Cache {
    pub load: load::Cache,
    pub link: link::Cache,
    /// What each article yielded for the possible-actors warning.
    pub suggest: suggest::Cache,
    /// Each Markdown article's parse.
    pub bodies: kinds::article::BodyParses,
    /// The Markdown articles, built.
    pub articles: kinds::article::BuiltArticles,
    /// The actors, built.
    pub actors: kept::KeptBuild<model::Actor>,
    /// The events, built.
    pub events: kept::KeptBuild<model::Event>,
    /// The theme's templates, compiled, and its stylesheets, minified.
    pub theme: render::KeptTheme,
}

/// [`prepare`] for `dossier serve`: only the files that changed since the
/// last call with the same `cache` are parsed again, the actors and events
/// built again and the theme compiled again only when what they are made
/// from changed, and only the texts that changed searched for mentions.
/// The result is the one [`prepare`] would give (`tests/it/model_cache.rs`),
/// provided that, when the cache was told which files changed
/// (`load::Cache::changed`), no other file of `content/` did
/// (docs/decisions.md).
pub fn prepare_with(
    root: &Path,
    options: &BuildOptions,
    timings: &mut Timings,
    cache: &mut Cache,
) -> Result<Investigation, Diagnostics> {
    let loaded = timings.time("load", || load::load_with(root, &mut cache.load))?;
    // The texts and the articles stay in `loaded` (lent), which the
    // cache takes back.
    let validated = validate(
        root,
        &loaded,
        model::Articles::Lent,
        options,
        timings,
        Some(Kept {
            suggest: &mut cache.suggest,
            names: &mut cache.link,
            theme: &mut cache.theme,
            model: model::validate::Kept {
                bodies: &mut cache.bodies,
                articles: &mut cache.articles,
                actors: &mut cache.actors,
                events: &mut cache.events,
            },
        }),
        Names::Now,
    );
    let static_files = loaded.static_files.clone();
    cache.load.give_back(loaded);
    let (site, renderer) = validated?;
    let graph = timings.time("link", || link::link_with(&site, &mut cache.link));
    Ok(Investigation {
        site,
        graph,
        renderer,
        static_files,
    })
}

/// What `dossier serve` keeps from one validation to the next (see
/// [`Cache`]).
pub(crate) struct Kept<'c> {
    pub suggest: &'c mut suggest::Cache,
    /// Linking's cache, for its name matcher.
    pub names: &'c mut link::Cache,
    pub theme: &'c mut render::KeptTheme,
    pub model: model::validate::Kept<'c>,
}

/// When [`validate`] reads the articles for possible actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Names {
    /// With the other warnings about the whole site.
    Now,
    /// Not at all: the caller reads them (`build`, beside linking).
    Later,
}

/// Validates what was loaded and compiles the theme: every error that
/// does not need a page rendered to be found, and the warnings about the
/// whole site. `dossier serve` passes what it keeps from one
/// rebuild to the next. `articles`: the articles as loaded, taken out of
/// `loaded` so that validation lets them go once built (`build`,
/// `check`), or lent (`serve`, whose cache takes them back).
pub(crate) fn validate(
    root: &Path,
    loaded: &load::Loaded,
    articles: model::Articles,
    options: &BuildOptions,
    timings: &mut Timings,
    kept: Option<Kept<'_>>,
    names: Names,
) -> Result<(Site, Renderer), Diagnostics> {
    let (suggest_cache, model_kept, kept_theme) = match kept {
        Some(k) => (Some((k.suggest, k.names)), Some(k.model), Some(k.theme)),
        None => (None, None, None),
    };
    // The model names the theme; the built-in one is render's to know.
    let theme_name =
        model::theme_name(loaded).unwrap_or_else(|| render::theme::DEFAULT_THEME_NAME.to_owned());
    let renderer = timings.time("theme", || {
        Renderer::new_keeping(root, &theme_name, kept_theme)
    });
    // `check` warns about possible actors (content format 1.1, `dossier
    // suggest`), which reads every paragraph: it keeps the whole text like
    // `build`, so that a warning `build` gives, `check` gives too.
    let keep = model::Keep::Whole;
    // Template errors are worth reporting together with content errors.
    // The files a path in content may name are the pages, the exports and
    // the theme's and content's static files (content format 1.1).
    let site = timings.time("model", || match &renderer {
        Ok(r) => {
            let files = |records: &model::Records<'_>, tags: &model::Tags| {
                render::site_files(records, tags, r, &loaded.static_files)
            };
            model::validate::build_from(loaded, articles, options, keep, Some(&files), model_kept)
        }
        Err(_) => model::validate::build_from(loaded, articles, options, keep, None, None),
    });
    // Warnings about the whole validated site (not one record's) belong
    // here, added to `site.warnings`: every command passes this way.
    let site = timings.time("warnings", || match site {
        Ok(mut s) => {
            // The right of reply needs every event and statement (content
            // format 1.1, "Statements").
            s.warnings.extend(missing_replies(&s));
            // Names in the copy that belong to no record yet: one warning with
            // their count; `dossier suggest` lists them.
            if names == Names::Later {
                return Ok(s);
            }
            match possible_actors_warning(&s, suggest_cache) {
                Ok(d) => {
                    s.warnings.extend(d);
                    Ok(s)
                }
                // A text that could not be read again: counted without
                // it, the warning would be wrong, and `check` renders no
                // page that would say so. The site's warnings come too.
                Err(mut unread) => {
                    unread.extend(s.warnings);
                    Err(unread)
                }
            }
        }
        Err(invalid) => Err(warnings_beside_errors(invalid, suggest_cache)),
    });
    match (site, renderer) {
        (Ok(mut s), Ok(r)) => match static_in_the_way(loaded, &mut s, &r) {
            None => Ok((s, r)),
            Some(mut d) => {
                // The site's warnings are reported with these errors, as
                // with any other: the possible actors too, as `check`
                // reports them.
                later_possible_actors(&mut s, names);
                d.extend(s.warnings);
                Err(d)
            }
        },
        (s, r) => {
            // A site's warnings are reported with the theme's errors, the
            // possible actors too, which `build` would count later.
            let mut all = match s {
                Ok(mut s) => {
                    later_possible_actors(&mut s, names);
                    s.warnings
                }
                Err(d) => d,
            };
            all.extend(r.err().into_iter().flatten());
            Err(all)
        }
    }
}

/// Adds to `site.warnings` the possible actors that `build` (`names` is
/// [`Names::Later`]) would have counted after validation, beside linking,
/// when an error stops it before: see [`possible_actors_reported`]. They
/// travel with the warnings into the report of that error.
fn later_possible_actors(site: &mut Site, names: Names) {
    if names == Names::Later {
        let reported = possible_actors_reported(site, None);
        site.warnings.extend(reported);
    }
}

/// What a report that already has errors says of the possible actors: the
/// warning, or the errors of texts that could not be read again for it.
fn possible_actors_reported(
    site: &Site,
    cache: Option<(&mut suggest::Cache, &mut link::Cache)>,
) -> Diagnostics {
    match possible_actors_warning(site, cache) {
        Ok(w) => w.into_iter().collect(),
        Err(unread) => unread,
    }
}

/// The events that lack a reply (content format 1.1, "Statements"), as
/// warnings.
fn missing_replies(site: &Site) -> impl Iterator<Item = Diagnostic> + use<> {
    kinds::statement::missing_replies(site)
        .into_iter()
        .map(Diagnostic::warning)
}

/// What a validation stopped by errors reports: its errors and warnings,
/// and the warnings about the whole site (missing replies, possible
/// actors) that the records which passed their checks give, as long as
/// no error lies in a file of a kind they read. A reporter then learns
/// everything in one run (content format 1.1, "Errors"), and nothing that
/// only follows from an error: a statement that failed its checks would
/// leave its event without a reply, an actor that failed, its name a
/// possible actor. The possible actors read every article (a surname
/// alone counts under the full name another article gives) as
/// `site.yaml` says (its boilerplate is not read): an error in either
/// holds them back.
fn warnings_beside_errors(
    invalid: model::validate::Invalid,
    suggest_cache: Option<(&mut suggest::Cache, &mut link::Cache)>,
) -> Diagnostics {
    let mut all = invalid.diagnostics;
    let Some(partial) = invalid.partial else {
        return all;
    };
    let touched: Vec<load::Holds> = (all.iter())
        .filter(|d| !d.is_warning())
        .map(|d| load::holds(&d.path))
        .collect();
    // `settings`: whether the warning reads the articles' texts, which
    // `site.yaml` shapes.
    let clear = |kinds: &[&str], settings: bool| {
        touched.iter().all(|h| match h {
            load::Holds::Records(k) => !kinds.contains(k),
            load::Holds::Settings => !settings,
            load::Holds::NoRecords => true,
            load::Holds::Any => false,
        })
    };
    let [actor, event, statement, source, article] = [
        kinds::Actor::INFO.name,
        kinds::Event::INFO.name,
        kinds::Statement::INFO.name,
        kinds::Source::INFO.name,
        kinds::Article::INFO.name,
    ];
    if clear(&[actor, event, statement], false) {
        all.extend(missing_replies(&partial));
    }
    if clear(&[actor, source, article], true) {
        all.extend(possible_actors_reported(&partial, suggest_cache));
    }
    all
}

/// `check`'s one warning for the possible actors of `dossier suggest`
/// (content format 1.1, Command line): how many there are, at the
/// articles folder, or none when there are none. `Err`: the articles
/// whose text could not be read again (a file changed while dossier ran).
fn possible_actors_warning(
    site: &Site,
    cache: Option<(&mut suggest::Cache, &mut link::Cache)>,
) -> Result<Option<Diagnostic>, Diagnostics> {
    let n = match cache {
        Some((cache, names)) => {
            suggest::possible_actors_with(site, suggest::DEFAULT_MIN, cache, names)
        }
        None => suggest::possible_actors(site, suggest::DEFAULT_MIN),
    }
    .map_err(|unread| unread.into_iter().collect::<Diagnostics>())?
    .len();
    let message = match n {
        0 => return Ok(None),
        1 => "1 name in the articles looks like an actor's and is no actor's, source's or alias"
            .to_owned(),
        n => format!(
            "{} names in the articles look like actors' and are no actor's, source's or alias",
            diag::grouped(n)
        ),
    };
    Ok(Some(
        Diagnostic::new("content/articles", message)
            .with_hint("`dossier suggest` lists them, each with a record ready to paste")
            .warning(),
    ))
}

/// The files of `content/static/` that cannot be written beside the
/// site's own (a file named like one of its folders, a folder named like
/// one of its files): found here, before anything is rendered, so that
/// `check` reports what `build` would fail on.
fn static_in_the_way(
    loaded: &load::Loaded,
    site: &mut Site,
    renderer: &Renderer,
) -> Option<Diagnostics> {
    if loaded.static_files.is_empty() {
        return None;
    }
    // A record's later pages (`actors/<id>/page/2/`) are known only after
    // linking, which is done here only when a static file lies where one
    // could be.
    let graph = (loaded.static_files.iter())
        .any(|(p, _)| p.contains("/page"))
        .then(|| link::link(site));
    let mut made = render::output_paths(site, renderer, graph.as_ref());
    let placed: Vec<&str> = loaded
        .static_files
        .iter()
        .map(|(p, _)| p.as_str())
        .collect();
    site.warnings
        .extend(replacing_made_files(&placed, &made, renderer));
    // The search index's files are named by Pagefind as it indexes, so
    // they are not among the paths above: its folder is the search's
    // alone. A file of `content/static/` there replaced one of its files
    // (and broke the search) or, named like the folder, failed the build
    // with no more than an I/O error after `check` had passed.
    let bundle = url::search_bundle("");
    let mut in_search: Diagnostics = Diagnostics::default();
    if site.config.search {
        made.push(format!("{bundle}pagefind.js"));
        // A path below the one file named there (`…/pagefind.js/x`) is
        // the clash below, said once.
        let stand_in = format!("{bundle}pagefind.js/");
        for &p in &placed {
            if p.starts_with(bundle.as_str()) && !p.starts_with(&stand_in) {
                in_search.push(
                    Diagnostic::new(
                        format!("content/static/{p}"),
                        format!("`{bundle}` holds the search index, made by every build: this file would replace part of it"),
                    )
                    .with_hint("move it into a folder of its own, such as `content/static/files/`, or set `search: false` in site.yaml"),
                );
            }
        }
    }
    let mut found: Diagnostics = write::in_the_way(&placed, &made)
        .into_iter()
        .map(|clash| match clash {
            write::InTheWay::AFolder { file, below } => Diagnostic::new(
                format!("content/static/{file}"),
                format!("the site has a folder `{file}/` (with `{below}`): this file cannot be written there"),
            )
            .with_hint("rename it, or move it into a folder of its own such as `content/static/files/`"),
            write::InTheWay::AFile { path, file } => Diagnostic::new(
                format!("content/static/{path}"),
                format!("`{file}` is a file of the site: it cannot also be a folder holding this file"),
            )
            .with_hint(format!("rename the folder `content/static/{file}/`")),
        })
        .collect();
    found.extend(in_search);
    (!found.is_empty()).then_some(found)
}

/// A warning for each file of `content/static/` (`placed`, paths from the
/// output root) at the path of a page or an export dossier makes
/// (`made`, less the theme's static files): content format 1.1 has
/// `content/static/` win on a clash, so the file replaces it, but a
/// replaced page or feed no longer follows the records (its links, its
/// list), and nothing said so. A theme's file (`style.css`) replaced on
/// purpose is the reason for that rule, and is not warned about.
fn replacing_made_files(placed: &[&str], made: &[String], renderer: &Renderer) -> Vec<Diagnostic> {
    let theme: std::collections::HashSet<&str> = renderer.static_paths().collect();
    let made: std::collections::HashSet<&str> = (made.iter().map(String::as_str))
        .filter(|m| !theme.contains(m))
        .collect();
    placed
        .iter()
        .filter(|p| made.contains(*p))
        .map(|p| {
            let what = if p.ends_with(".html") { "a page" } else { "a file" };
            Diagnostic::new(
                format!("content/static/{p}"),
                format!("dossier makes {what} at `{p}` from the records: this file replaces it, and it will not follow them"),
            )
            .with_hint("rename or move the file, unless it is meant to stand in for that one")
            .warning()
        })
        .collect()
}

impl Investigation {
    /// The problems found that do not stop the build (content format 1.1,
    /// "Warnings").
    ///
    /// Where warnings come from: a check of one record reports its
    /// warnings with `Ctx::warn` (or a `Diagnostic::warning()` pushed on the
    /// `Ctx`) in its kind's `build_all`, as errors are reported, and they
    /// reach `Site::warnings` when there is no error. A warning that needs
    /// the whole validated site (the count of possible actors of `dossier
    /// suggest`) is added to `site.warnings` in [`validate`], which
    /// `build`, `check` and `serve` all go through, so that `check` reports
    /// what `build` does.
    pub fn warnings(&self) -> &Diagnostics {
        &self.site.warnings
    }

    /// Renders the whole site in memory, as [`Investigation::write`]
    /// would write it.
    pub fn render(&self, timings: &mut Timings) -> Result<Output, Diagnostics> {
        let sink = write::InMemory::default();
        match self.write(&sink, timings) {
            Ok(()) => Ok(sink.into_output()),
            Err(Failure::Content(d)) => Err(d),
            // Memory does not fail.
            Err(Failure::Io(e)) => Err([Diagnostic::new("public", e)].into_iter().collect()),
        }
    }

    /// Renders every page and puts it into `sink` as soon as
    /// it is made, so that memory holds the model and the pages being made,
    /// not the site; then the exports, the static files and the search
    /// index. `content/static/` wins over any file of the site's own.
    ///
    /// Errors: the template errors of every page (nothing of the site is
    /// usable then: a build's staging folder is dropped), or the sink's
    /// first I/O error.
    pub fn write(&self, sink: &dyn write::Sink, timings: &mut Timings) -> Result<(), Failure> {
        let (site, graph, renderer) = (&self.site, &self.graph, &self.renderer);
        let io = |e: std::io::Error| Failure::Io(e.to_string());
        let taken: std::collections::HashSet<&str> =
            self.static_files.iter().map(|(p, _)| p.as_str()).collect();
        let put = |path: &str, bytes: &[u8]| match taken.contains(path) {
            true => Ok(()),
            false => sink.put(path, bytes),
        };
        // An export's large file comes in parts (`export::Export::make`).
        let put_part = |path: &str, bytes: &[u8], more: bool| match (taken.contains(path), more) {
            (true, _) => Ok(()),
            (false, true) => sink.append(path, bytes),
            (false, false) => sink.put(path, bytes),
        };
        let plan = timings.time("plan", || render::Plan::new(site, graph));
        // The search index is cut from each page as it is rendered.
        // Pages are written as the templates make them, not minified: the
        // built-in theme's templates emit no indentation, and minifying
        // took a third of a build to save 7–10 % of the bytes (optional end
        // tags and attribute quotes; docs/decisions.md).
        let finder = site.config.search.then(|| search::Finder::new(site));
        let found = std::sync::Mutex::new(Vec::new());
        let (pages, assets) = timings.time("pages", || {
            rayon::join(
                || {
                    render::each_page(site, graph, renderer, &plan, |page, html| {
                        if let Some(finder) = &finder {
                            let docs = finder.documents_of(&page.output_path, html);
                            if !docs.is_empty() {
                                let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
                                found.extend(docs);
                            }
                        }
                        put(&page.output_path, html)
                    })
                },
                // The exports and the theme's files, each written as it is
                // made, beside the pages.
                || render::each_asset(site, graph, renderer, &plan, put_part),
            )
        });
        pages.map_err(io)??;
        assets.map_err(io)??;
        timings
            .time("static", || -> std::io::Result<()> {
                for (path, bytes) in &self.static_files {
                    sink.put(path, bytes)?;
                }
                Ok(())
            })
            .map_err(io)?;
        if finder.is_some() {
            let found = found.into_inner().unwrap_or_else(|e| e.into_inner());
            let bundle = timings
                .time("search", || search::start_with(site, found).finish())
                .map_err(|d| Failure::Content([d].into_iter().collect()))?;
            for (path, bytes) in bundle {
                put(&path, &bytes).map_err(io)?;
            }
        }
        Ok(())
    }
}

/// What went wrong in a command: content to fix (exit 1) or an I/O failure.
#[derive(Debug)]
pub enum Failure {
    Content(Diagnostics),
    Io(String),
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Content(d)
    }
}
