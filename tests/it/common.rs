//! Helpers shared by the integration tests: real binary, real files in
//! temporary folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary investigation: the base fixture with `overlay` (a folder
/// under tests/fixtures/) copied over it.
pub fn investigation(overlay: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("base"), dir.path());
    if let Some(o) = overlay {
        copy_dir(&fixtures().join(o), dir.path());
    }
    dir
}

/// A temporary copy of the example investigation shipped in content/.
pub fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &dir.path().join("content"),
    );
    dir
}

pub fn dossier(args: &[&str]) -> Output {
    dossier_with_env(args, &[])
}

/// `dossier` run with `args` and the variables `env` (name, value) set
/// besides `NO_COLOR`: a number of threads, a time zone, a locale.
pub fn dossier_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

pub fn dossier_in(root: &Path, args: &[&str]) -> Output {
    dossier_in_with_env(root, args, &[])
}

/// [`dossier_in`] with the variables `env` set ([`dossier_with_env`]).
pub fn dossier_in_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.push("--root");
    let r = root.to_str().unwrap();
    all.push(r);
    dossier_with_env(&all, env)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The lines of a command's standard error that head an error
/// (`path:line:column: error: …`), in order.
pub fn error_lines(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.contains(": error: ")).collect()
}

/// Where each error of [`error_lines`] is: `path:line:column`.
pub fn error_places(err: &str) -> Vec<&str> {
    error_lines(err)
        .into_iter()
        .map(|l| l.split(": error: ").next().unwrap_or(l))
        .collect()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file below `dir` with its bytes, for "nothing changed" checks.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            out.push((
                entry.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    out
}

/// Runs `check` on `root`, which must fail (exit 1); its standard error.
pub fn check_fails(root: &Path) -> String {
    let o = dossier_in(root, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    stderr(&o)
}

/// `check`, then `build` into `root/site`: each must fail with exit status
/// 1, `build` writing nothing. Their standard error, by command name: both
/// report every problem of one run.
pub fn check_and_build_fail(root: &Path) -> [(&'static str, String); 2] {
    let out = root.join("site");
    let build = ["build", "--out", out.to_str().unwrap()];
    [("check", &["check"][..]), ("build", &build[..])].map(|(name, cmd)| {
        let o = dossier_in(root, cmd);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(!out.exists(), "{name} wrote {}", out.display());
        (name, stderr(&o))
    })
}

/// Builds `root` into `root/public` and returns the output folder.
pub fn build_ok(root: &Path) -> PathBuf {
    let o = dossier_in(root, &["build"]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    root.join("public")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// proptest's config with `cases` cases, keeping regression seeds beside
/// the area's source file (`tests/it/<area>.proptest-regressions`), where
/// they were before the tests became one crate. proptest's default,
/// `SourceParallel`, stops at the folder holding `main.rs` and would look
/// in `tests/proptest-regressions/<area>.txt` instead. Persistence stays
/// off when `PROPTEST_DISABLE_FAILURE_PERSISTENCE` turns it off.
pub fn proptest_cases(cases: u32) -> proptest::test_runner::Config {
    let mut config = proptest::test_runner::Config {
        cases,
        ..proptest::test_runner::Config::default()
    };
    if config.failure_persistence.is_some() {
        config.failure_persistence = Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        ));
    }
    config
}

/// A temporary copy of a case under `tests/fixtures/cases/` (copies of the
/// failing inputs in `shared/cases/`).
pub fn case(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("cases").join(name), dir.path());
    dir
}

/// The built page at `rel` (a folder below `out`), parsed.
pub fn page(out: &Path, rel: &str) -> scraper::Html {
    scraper::Html::parse_document(&read(&out.join(rel).join("index.html")))
}
