//! `dossier build`: the site, rendered in memory, then written into the
//! output folder.

use super::{Common, Held, color, plural, timings_wanted};
use crate::{BuildOptions, Diagnostics, Failure, Timings, prepare, write};
use std::path::{Path, PathBuf};

/// The options of `dossier build`.
#[derive(clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: Common,
    #[arg(long, help = "Output folder [default: <root>/public]")]
    pub out: Option<PathBuf>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Override `base_url` from site.yaml (for absolute URLs in sitemap, feed, canonical links).
    #[arg(long, value_parser = base_url_arg)]
    pub base_url: Option<String>,
    /// Replace an output folder that dossier did not write.
    #[arg(long)]
    pub force: bool,
    /// Treat warnings as errors: print them, write nothing, exit 1 (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
}

/// A `--base-url` the content format accepts (no query or fragment): any
/// other is a usage error, exit 2, before anything is read.
fn base_url_arg(s: &str) -> Result<String, String> {
    crate::model::validate::normalize_base_url(s)
        .map(|_| s.to_owned())
        .map_err(|e| e.to_string())
}

/// Runs `dossier build` and prints what it wrote.
pub fn run(args: BuildArgs) -> Result<(), Failure> {
    let root = args.common.root;
    let out = args.out.unwrap_or_else(|| root.join("public"));
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: args.base_url,
    };
    let b = build(&root, &out, &options, args.force, args.deny_warnings)?;
    eprint!("{}", b.warnings.clone().render_list(color()));
    println!(
        "built {} ({}, {} KiB) into {}{}",
        plural(b.pages, "page"),
        plural(b.files, "file"),
        crate::diag::grouped(b.bytes / 1024),
        b.out.display(),
        b.warnings.count_suffix()
    );
    if timings_wanted(args.timings) {
        eprint!("{}", b.timings.report());
    }
    std::mem::forget(b.held); // freed by the OS at exit
    Ok(())
}

/// The outcome of a successful `build`.
pub struct Built {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    /// What did not stop the build (content format 1.1, "Warnings").
    pub warnings: Diagnostics,
    pub timings: Timings,
    pub held: Held,
}

/// `dossier build`: each page is written into a staging folder as soon
/// as it is rendered; the output folder is touched only when the whole site
/// is there, and a build that fails leaves it exactly as it was. With
/// `deny_warnings`, a warning fails the build as an error would: nothing
/// is written.
pub fn build(
    root: &Path,
    out: &Path,
    options: &BuildOptions,
    force: bool,
    deny_warnings: bool,
) -> Result<Built, Failure> {
    write::check_out_dir(root, out, force)
        .map_err(|d| Failure::Content([d].into_iter().collect()))?;
    let mut timings = Timings::default();
    let inv = prepare(root, options, &mut timings)?;
    // Known before anything is rendered; template errors are reported
    // with them.
    if deny_warnings && !inv.warnings().is_empty() {
        let mut all = crate::render::check_pages(&inv.site, &inv.graph, &inv.renderer)
            .err()
            .unwrap_or_default();
        all.extend(inv.warnings().clone());
        return Err(Failure::Content(all));
    }
    let cannot_write =
        |e: String| Failure::Io(format!("{}: cannot write the site: {e}", out.display()));
    let mut waiting = || {
        eprintln!(
            "waiting for another build writing into {} to finish",
            out.display()
        )
    };
    let staging =
        write::Staging::begin(out, &mut waiting).map_err(|e| cannot_write(e.to_string()))?;
    inv.write(&staging, &mut timings)
        .map_err(|failure| match failure {
            Failure::Content(mut errors) => {
                errors.extend(inv.warnings().clone());
                Failure::Content(errors)
            }
            Failure::Io(e) => cannot_write(e),
        })?;
    let written = timings
        .time("swap", || staging.finish())
        .map_err(|e| cannot_write(e.to_string()))?;
    Ok(Built {
        out: out.to_path_buf(),
        pages: written.pages,
        files: written.files,
        bytes: written.bytes,
        warnings: inv.warnings().clone(),
        timings,
        held: Held {
            _kept: Box::new(inv),
        },
    })
}
