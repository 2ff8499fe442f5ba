//! `dossier build`: the site, rendered in memory, then written into the
//! output folder.

use super::{Common, plural, timings_wanted};
use crate::{BuildOptions, Failure, build};
use std::path::PathBuf;

/// The options of `dossier build`.
#[derive(clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: Common,
    /// Output folder [default: <root>/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Override `base_url` from site.yaml (for absolute URLs in sitemap, feed, canonical links).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Replace an output folder that dossier did not write.
    #[arg(long)]
    pub force: bool,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
}

/// Runs `dossier build` and prints what it wrote.
pub fn run(args: BuildArgs) -> Result<(), Failure> {
    let root = args.common.root;
    let out = args.out.unwrap_or_else(|| root.join("public"));
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: args.base_url,
    };
    let b = build(&root, &out, &options, args.force)?;
    println!(
        "built {} ({}, {} KiB) into {}",
        plural(b.pages, "page"),
        plural(b.files, "file"),
        b.bytes / 1024,
        b.out.display()
    );
    if timings_wanted(args.timings) {
        eprint!("{}", b.timings.report());
    }
    std::mem::forget(b.held); // freed by the OS at exit
    Ok(())
}
