//! The commands of the `dossier` program, one file each: the options it
//! takes on the command line, what it does, and the summary it prints.
//! `main.rs` only parses the arguments and hands them to a `run`.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;
pub mod suggest;

use crate::Failure;
use crate::diag::plural;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The options every command that reads an investigation takes.
#[derive(clap::Args)]
pub struct Common {
    /// The investigation's folder (holds content/).
    #[arg(long, default_value = ".", global = true)]
    pub root: PathBuf,
}

/// Prints why a command failed, as the command line shows it: content
/// errors with their quoted lines, an I/O failure on one line.
pub fn report(failure: Failure) {
    match failure {
        Failure::Content(d) => eprint!("{}", d.render(color())),
        Failure::Io(e) => eprintln!("error: {e}"),
    }
}

/// Whether messages on stderr are coloured: on a terminal, unless
/// `NO_COLOR` is set (and not empty).
pub(crate) fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `--timings`, or `DOSSIER_TIMINGS` set to anything.
fn timings_wanted(flag: bool) -> bool {
    flag || std::env::var_os("DOSSIER_TIMINGS").is_some()
}

/// The memory a command worked in (the model, the rendered site), freed
/// when this is dropped. Freeing hundreds of thousands of allocations one
/// by one takes a noticeable share of a `check`; a command-line program
/// about to exit can `std::mem::forget` this and let the operating
/// system take the memory back at once.
pub struct Held {
    /// Never read: kept only to be dropped (or forgotten) as a whole.
    _kept: Box<dyn std::any::Any + Send>,
}
