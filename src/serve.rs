//! `dossier serve`: preview with live reload (see issue on serve).

use crate::{BuildOptions, Failure};
use std::path::Path;

pub fn serve(
    _root: &Path,
    _bind: &str,
    _port: u16,
    _open: bool,
    _options: BuildOptions,
) -> Result<(), Failure> {
    Err(Failure::Io("serve is not available yet".into()))
}
