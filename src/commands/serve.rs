//! `dossier serve`: the options of the live preview (the server itself is
//! [`crate::serve`]).

use super::Common;
use crate::{BuildOptions, Failure};

/// The options of `dossier serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: Common,
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    #[arg(long)]
    pub drafts: bool,
}

/// Runs `dossier serve` until Ctrl-C.
pub fn run(args: ServeArgs) -> Result<(), Failure> {
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: None,
    };
    crate::serve::serve(&args.common.root, &args.bind, args.port, args.open, options)
}
