//! `dossier check`: everything `build` checks, nothing written.

use super::{Common, plural, timings_wanted};
use crate::{BuildOptions, Failure, check};

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
    println!(
        "ok: {}, {}, {}, {}",
        plural(c.articles, "article"),
        plural(c.actors, "actor"),
        plural(c.events, "event"),
        plural(c.sources, "source")
    );
    if timings_wanted(args.timings) {
        eprint!("{}", c.timings.report());
    }
    std::mem::forget(c.held); // freed by the OS at exit
    Ok(())
}
