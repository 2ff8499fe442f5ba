//! The command line: parse arguments, call the library, map the outcome
//! to an exit status (0 success, 1 content or build errors, 2 usage).

use clap::{Parser, Subcommand};
use dossier::{BuildOptions, Failure};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

// Minifying allocates and frees a tree per page, and the C library's malloc
// was nearly half of that stage's time; mimalloc takes about a quarter off
// the whole build (bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build the microsite of an investigation: articles, actors, timeline, sources."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Common {
    /// The investigation's folder (holds content/).
    #[arg(long, default_value = ".", global = true)]
    root: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder [default: <root>/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Override `base_url` from site.yaml (for absolute URLs in sitemap, feed, canonical links).
        #[arg(long)]
        base_url: Option<String>,
        /// Replace an output folder that dossier did not write.
        #[arg(long)]
        force: bool,
        /// Print the time each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Check everything `build` checks, writing nothing.
    Check {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        timings: bool,
    },
    /// Serve a live preview, rebuilding and reloading on every change.
    Serve {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        drafts: bool,
    },
    /// Create a small investigation to start from.
    New {
        /// The folder to create.
        dir: PathBuf,
    },
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn fail(f: Failure) -> ExitCode {
    match f {
        Failure::Content(d) => eprint!("{}", d.render(color())),
        Failure::Io(e) => eprintln!("error: {e}"),
    }
    ExitCode::from(1)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let timings_wanted = |flag: bool| flag || std::env::var_os("DOSSIER_TIMINGS").is_some();
    match cli.command {
        Command::Build {
            common,
            out,
            drafts,
            base_url,
            force,
            timings,
        } => {
            let out = out.unwrap_or_else(|| common.root.join("public"));
            let options = BuildOptions { drafts, base_url };
            match dossier::build(&common.root, &out, &options, force) {
                Ok(b) => {
                    println!(
                        "built {} ({}, {} KiB) into {}",
                        plural(b.pages, "page"),
                        plural(b.files, "file"),
                        b.bytes / 1024,
                        b.out.display()
                    );
                    if timings_wanted(timings) {
                        eprint!("{}", b.timings.report());
                    }
                    std::mem::forget(b.held); // freed by the OS at exit
                    ExitCode::SUCCESS
                }
                Err(f) => fail(f),
            }
        }
        Command::Check {
            common,
            drafts,
            timings,
        } => {
            let options = BuildOptions {
                drafts,
                base_url: None,
            };
            match dossier::check(&common.root, &options) {
                Ok(c) => {
                    println!(
                        "ok: {}, {}, {}, {}",
                        plural(c.articles, "article"),
                        plural(c.actors, "actor"),
                        plural(c.events, "event"),
                        plural(c.sources, "source")
                    );
                    if timings_wanted(timings) {
                        eprint!("{}", c.timings.report());
                    }
                    std::mem::forget(c.held); // freed by the OS at exit
                    ExitCode::SUCCESS
                }
                Err(f) => fail(f),
            }
        }
        Command::Serve {
            common,
            port,
            bind,
            open,
            drafts,
        } => {
            let options = BuildOptions {
                drafts,
                base_url: None,
            };
            match dossier::serve::serve(&common.root, &bind, port, open, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(f) => fail(f),
            }
        }
        Command::New { dir } => match dossier::scaffold::create(&dir) {
            Ok(()) => {
                println!("created a new investigation in {}", dir.display());
                println!("next: cd {} && dossier serve", dir.display());
                ExitCode::SUCCESS
            }
            Err(f) => fail(f),
        },
    }
}
