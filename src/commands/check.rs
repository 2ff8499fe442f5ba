//! `dossier check`: everything `build` checks, nothing written.

use super::{Common, Held, color, plural, timings_wanted};
use crate::model::BoilerplateCount;
use crate::render;
use crate::{BuildOptions, Diagnostics, Failure, Timings, link, load, validate};
use std::path::Path;

/// The options of `dossier check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings as errors: print them and exit 1 (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
    #[arg(long)]
    pub timings: bool,
}

/// Runs `dossier check` and prints what the investigation holds.
pub fn run(args: CheckArgs) -> Result<(), Failure> {
    crate::freed::keep_freed_memory(crate::freed::KeepFreed::UntilExit);
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: None,
    };
    let c = check(&args.common.root, &options)?;
    if args.deny_warnings && !c.warnings.is_empty() {
        return Err(Failure::Content(c.warnings));
    }
    eprint!("{}", c.warnings.clone().render_list(color()));
    // What each boilerplate pattern left off, where it is written.
    for b in &c.boilerplate {
        println!(
            "{}: boilerplate `{}` removed {}",
            b.place,
            b.pattern,
            plural(b.removed, "paragraph")
        );
    }
    // One count per record kind, in the list's order: "ok: 1 article, 19 actors, …".
    let counts: Vec<String> = (c.counts.each().into_iter())
        .map(|(kind, n)| kind.counted(n))
        .collect();
    println!("ok: {}{}", counts.join(", "), c.warnings.count_suffix());
    if timings_wanted(args.timings) {
        eprint!("{}", c.timings.report());
    }
    std::mem::forget(c.held); // freed by the OS at exit
    Ok(())
}

/// `dossier check`: everything `build` checks, nothing written.
///
/// Pages are rendered, as `build` renders them, whenever a template is the
/// investigation's own. The built-in theme's templates cannot fail on a
/// site that passed validation (see
/// [`Renderer::is_built_in`](render::Renderer::is_built_in)), so with them
/// alone rendering would find nothing, and linking, which only feeds
/// rendering, is skipped too.
pub fn check(root: &Path, options: &BuildOptions) -> Result<Checked, Failure> {
    let mut timings = Timings::default();
    let mut loaded = timings.time("load", || load::load(root))?;
    let articles = crate::model::Articles::Given(std::mem::take(&mut loaded.articles));
    // With the built-in templates the site is not rendered.
    let (site, renderer) = validate(
        root,
        &loaded,
        articles,
        options,
        &mut timings,
        None,
        crate::Names::Now,
    )?;
    let graph = if renderer.is_built_in() {
        None
    } else {
        let graph = timings.time("link", || link::link(&site));
        timings
            .time("render", || render::check_pages(&site, &graph, &renderer))
            .map_err(|mut errors| {
                // Template errors come with the content's warnings.
                errors.extend(site.warnings.clone());
                errors
            })?;
        Some(graph)
    };
    Ok(Checked {
        counts: site.counts(),
        warnings: site.warnings.clone(),
        boilerplate: site.boilerplate.clone(),
        timings,
        held: Held {
            _kept: Box::new((loaded, site, renderer, graph)),
        },
    })
}

/// The outcome of a successful `check`: what the investigation holds.
pub struct Checked {
    /// How many records of each kind.
    pub counts: crate::model::Counts,
    /// What did not stop the check (content format 1.1, "Warnings").
    pub warnings: Diagnostics,
    /// Each `boilerplate` pattern and how many paragraphs it removed.
    pub boilerplate: Vec<BoilerplateCount>,
    pub timings: Timings,
    pub held: Held,
}
