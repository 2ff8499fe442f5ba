//! `dossier new`: a small, commented investigation to start from. The
//! files live in `src/scaffold/` and are embedded in the binary.

use crate::Failure;
use include_dir::{Dir, include_dir};
use std::path::Path;

static STARTER: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold");

/// Creates the starter investigation in `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<(), Failure> {
    let shown = dir.display();
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            if entries.into_iter().next().is_some() {
                return Err(Failure::Io(format!(
                    "{shown} exists and is not empty; choose a new folder"
                )));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Failure::Io(format!("{shown}: {e}"))),
    }
    write_dir(&STARTER, dir)
        .map_err(|e| Failure::Io(format!("{shown}: cannot create the investigation: {e}")))?;
    std::fs::write(dir.join(".gitignore"), "/public\n")
        .map_err(|e| Failure::Io(format!("{shown}: {e}")))
}

fn write_dir(from: &Dir<'_>, to: &Path) -> std::io::Result<()> {
    for entry in from.entries() {
        let target = to.join(entry.path());
        match entry {
            include_dir::DirEntry::Dir(d) => {
                std::fs::create_dir_all(&target)?;
                write_dir(d, to)?;
            }
            include_dir::DirEntry::File(f) => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&target, f.contents())?;
            }
        }
    }
    Ok(())
}
