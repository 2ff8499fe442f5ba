//! `dossier new`: a small investigation to start from.

use crate::Failure;
use std::path::PathBuf;

/// The options of `dossier new`.
#[derive(clap::Args)]
pub struct NewArgs {
    /// The folder to create.
    pub dir: PathBuf,
}

/// Runs `dossier new` and says what to do next.
pub fn run(args: NewArgs) -> Result<(), Failure> {
    crate::scaffold::create(&args.dir)?;
    println!("created a new investigation in {}", args.dir.display());
    println!("next: cd {} && dossier serve", args.dir.display());
    Ok(())
}
