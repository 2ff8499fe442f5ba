//! `dossier check`: everything `build` checks, nothing written.

use super::{Common, Held, timings_wanted};
use crate::render;
use crate::{BuildOptions, Failure, Purpose, Timings, link, load, validate};
use std::path::Path;

/// The options of `dossier check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    #[arg(long)]
    pub drafts: bool,
    #[arg(long)]
    pub timings: bool,
}

/// Runs `dossier check` and prints what the investigation holds.
pub fn run(args: CheckArgs) -> Result<(), Failure> {
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: None,
    };
    let c = check(&args.common.root, &options)?;
    // What the content holds that dossier does not keep (a TimelineJS
    // sheet's era rows and other columns). The content format's warnings
    // will carry these; till then they are printed here, in their form.
    for note in &c.notes {
        eprintln!(
            "{}",
            note.headline().replacen(": error: ", ": warning: ", 1)
        );
        if let Some(hint) = &note.hint {
            eprintln!("  = hint: {hint}");
        }
    }
    // One count per record kind, in the list's order: "ok: 1 article, 19 actors, …".
    let counts: Vec<String> = (c.counts.each().into_iter())
        .map(|(kind, n)| format!("{n} {}", if n == 1 { kind.name } else { kind.plural }))
        .collect();
    println!("ok: {}", counts.join(", "));
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
    let loaded = timings.time("load", || load::load(root))?;
    // With the built-in templates the site is not rendered, and the model
    // keeps only the lead of each article's text.
    let (site, renderer) = validate(root, &loaded, options, &mut timings, Purpose::Check)?;
    let graph = if renderer.is_built_in() {
        None
    } else {
        let graph = timings.time("link", || link::link(&site));
        timings.time("render", || render::check_pages(&site, &graph, &renderer))?;
        Some(graph)
    };
    Ok(Checked {
        counts: site.counts(),
        notes: loaded.notes().cloned().collect(),
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
    /// What the content holds that dossier does not keep, one message per
    /// file (see `Loaded::notes`): warnings, not errors.
    pub notes: Vec<crate::diag::Diagnostic>,
    pub timings: Timings,
    pub held: Held,
}
