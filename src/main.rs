//! The command line: parse arguments, hand them to the command (see
//! `dossier::commands`), map the outcome to an exit status (0 success,
//! 1 content or build errors, 2 usage).

use clap::{Parser, Subcommand};
use dossier::commands::{
    self, build::BuildArgs, check::CheckArgs, new::NewArgs, serve::ServeArgs, suggest::SuggestArgs,
};
use std::process::ExitCode;

// mimalloc was chosen when minifying (a tree allocated and freed per
// page) spent nearly half its time in the C library's malloc
// (bench/README.md). Pages are no longer minified; the parsers and
// templates still allocate per value. Measured again on 30 November 2026
// (10,000 articles, interleaved): with the C library's malloc a build
// took 1.09 times as long and peaked 15 % lower, `check` the same.
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

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Check everything `build` checks, writing nothing.
    Check(CheckArgs),
    /// Serve a live preview, rebuilding and reloading on every change.
    Serve(ServeArgs),
    /// Create a small investigation to start from.
    New(NewArgs),
    /// List possible actors: names in the articles that have no record yet.
    Suggest(SuggestArgs),
}

fn main() -> ExitCode {
    let outcome = match Cli::parse().command {
        Command::Build(args) => commands::build::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Suggest(args) => commands::suggest::run(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            commands::report(failure);
            ExitCode::from(1)
        }
    }
}
