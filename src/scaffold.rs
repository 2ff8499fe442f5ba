//! `dossier new`: a small commented investigation to start from.

use crate::Failure;
use std::path::Path;

pub fn create(_dir: &Path) -> Result<(), Failure> {
    Err(Failure::Io("new is not available yet".into()))
}
