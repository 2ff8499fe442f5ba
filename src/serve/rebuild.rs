//! The builder thread: builds the site when the watcher reports a change,
//! publishes each outcome as the next [`Snapshot`], and then renders every
//! page in the background to find template errors on pages nobody opened.

use super::overlay::error_page;
use super::preview::OnDemandSite;
use super::watcher::{Changes, Watcher};
use super::{ErrorPage, Snapshot};
use crate::commands::color;
use crate::diag::plural;
use crate::{BuildOptions, Diagnostics, Timings};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::watch;

/// What the builder thread owns: the builder and the versions it hands out.
/// Made by [`serve`](super::serve), which takes the [`first`](Self::first)
/// snapshot from it, then moved to the thread that [`run`](Self::run)s.
pub(super) struct Rebuilder {
    builder: Builder,
    versions: Versions,
}

impl Rebuilder {
    /// A rebuilder of the investigation at `root`; nothing is built yet.
    pub(super) fn new(root: &Path, options: BuildOptions) -> Self {
        Rebuilder {
            builder: Builder {
                root: root.to_path_buf(),
                options,
                cache: crate::Cache::default(),
                show_timings: std::env::var_os("DOSSIER_TIMINGS").is_some_and(|v| !v.is_empty()),
            },
            versions: Versions::new(),
        }
    }

    /// The first build, as the server's first snapshot.
    pub(super) fn first(&mut self) -> Snapshot {
        let build = self.builder.build_safely(&[]);
        self.snapshot(build, None, "built")
    }

    /// Turns a build's outcome into the next snapshot, reporting it on the
    /// terminal.
    fn snapshot(&mut self, build: Build, previous: Option<&Snapshot>, verb: &str) -> Snapshot {
        let Build { result, ms } = build;
        let version = self.versions.next();
        match result {
            Ok(output) => {
                let warnings = output.warnings();
                eprint!("{}", warnings.clone().render_list(color()));
                println!("{verb} in {ms} ms{}", warnings.count_suffix());
                let _ = std::io::stdout().flush();
                Snapshot {
                    version,
                    site: Some(Arc::new(output)),
                    errors: None,
                }
            }
            Err(diags) => {
                eprint!("{}", diags.clone().render(color()));
                eprintln!("the preview shows these errors until they are fixed");
                Snapshot {
                    version,
                    site: previous.and_then(|p| p.site.clone()),
                    errors: Some(ErrorPage {
                        html: error_page(diags),
                    }),
                }
            }
        }
    }

    /// Rebuilds after every change the watcher reports, publishing each
    /// outcome on `snapshots`, until the watcher stops. Each is built
    /// until settled ([`build_until_settled`]).
    pub(super) fn run(
        mut self,
        mut watcher: Watcher,
        snapshots: Arc<watch::Sender<Arc<Snapshot>>>,
    ) {
        verify_in_background(&snapshots);
        while let Some(mut changed) = watcher.next_changes() {
            let build = build_until_settled(
                &mut changed,
                |paths| self.builder.build_safely(paths),
                || watcher.changes_meanwhile(),
                free_aside,
            );
            let what = match changed.paths() {
                [one] => format!("{} changed; rebuilt", one.display()),
                many => format!("{} changed; rebuilt", plural(many.len(), "file")),
            };
            let previous = snapshots.borrow().clone();
            let next = self.snapshot(build, Some(&previous), &what);
            let replaced = snapshots.send_replace(Arc::new(next));
            verify_in_background(&snapshots);
            free_aside((previous, replaced));
        }
    }
}

/// Builds with the `changed` paths, and again, with what `meanwhile`
/// reports, for as long as something changed while the last build ran: a
/// file saved meanwhile may have been read half written, so that build is
/// handed to `unseen` and never shown. At most [`REBUILDS_UNSHOWN`] builds
/// in a row are dropped, so that a file written without pause cannot hold
/// the preview back for ever; what changes after the last check waits for
/// the next rebuild. `changed` ends holding every path built with. This is
/// what lets the watcher start a rebuild 10 ms after a save instead of
/// waiting for the files to fall quiet.
fn build_until_settled<B>(
    changed: &mut Changes,
    mut build: impl FnMut(&[PathBuf]) -> B,
    mut meanwhile: impl FnMut() -> Changes,
    mut unseen: impl FnMut(B),
) -> B {
    let mut last = build(changed.paths());
    for _ in 0..REBUILDS_UNSHOWN {
        let more = meanwhile();
        if more.is_empty() {
            break;
        }
        changed.merge(more);
        unseen(last);
        last = build(changed.paths());
    }
    last
}

/// How many builds in a row may go unshown because files changed while
/// each ran (see [`Rebuilder::run`]).
const REBUILDS_UNSHOWN: usize = 3;

/// Frees `x` on a low-priority thread of its own. Freeing a site (every
/// record and parse of it) took a twentieth of a rebuild at 10,000
/// articles; the browser asks for the new page meanwhile, or the next
/// build runs.
fn free_aside<T: Send + 'static>(x: T) {
    let _ = std::thread::Builder::new()
        .name("dossier-free".into())
        .spawn(move || {
            lower_priority();
            drop(x);
        });
}

/// One build's outcome and how long it took, in milliseconds.
struct Build {
    result: Result<OnDemandSite, Diagnostics>,
    ms: u128,
}

/// Builds the site: load, validate and link; pages are rendered when asked
/// for (see `OnDemandSite`), so a rebuild costs about a `check`. It is
/// handed the changed paths, so that the load looks at those files only
/// (`load::Cache::changed`).
struct Builder {
    root: PathBuf,
    options: BuildOptions,
    /// Every file's parse, so that a rebuild reads again only what changed.
    cache: crate::Cache,
    /// `DOSSIER_TIMINGS=1`: each build's stages on stderr, as `--timings`.
    show_timings: bool,
}

impl Builder {
    fn build(&mut self, changed: &[PathBuf]) -> Result<OnDemandSite, Diagnostics> {
        let mut timings = Timings::default();
        // The first build has no paths: it looks at every file.
        if !changed.is_empty() {
            self.cache
                .load
                .changed(changed.iter().map(PathBuf::as_path));
        }
        let investigation =
            crate::prepare_with(&self.root, &self.options, &mut timings, &mut self.cache);
        let site = investigation.map(|inv| timings.time("pages", || OnDemandSite::new(inv)));
        if self.show_timings {
            eprint!("{}", timings.report());
        }
        site
    }

    /// A build that cannot take the server down: a panic becomes an error.
    fn build_safely(&mut self, changed: &[PathBuf]) -> Build {
        let started = Instant::now();
        let result = self.build_or_error(changed);
        Build {
            result,
            ms: started.elapsed().as_millis(),
        }
    }

    fn build_or_error(&mut self, changed: &[PathBuf]) -> Result<OnDemandSite, Diagnostics> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.build(changed))) {
            Ok(result) => result,
            Err(panic) => {
                // What the cache holds may be half updated: the next
                // build starts afresh, looking at every file.
                self.cache = crate::Cache::default();
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown".into());
                let mut d = Diagnostics::default();
                d.push(
                    crate::Diagnostic::new(
                        self.root.display().to_string(),
                        format!("internal error while building: {what}"),
                    )
                    .with_hint("this is a bug in dossier; please report it"),
                );
                Err(d)
            }
        }
    }
}

/// The versions handed out by one server process: a prefix unique to the
/// process, so that a page reloads after the server restarts, and a count.
struct Versions {
    instance: String,
    count: u64,
}

impl Versions {
    fn new() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Versions {
            instance: format!("{:x}{:x}", nanos, std::process::id()),
            count: 0,
        }
    }
    fn next(&mut self) -> String {
        self.count += 1;
        format!("{}-{}", self.instance, self.count)
    }
}

/// The threads that check every page in the background, apart from rayon's
/// global pool that rebuilds use: sharing it, the next rebuild's parallel
/// work would queue behind the check's thousands of pages (at 10,000
/// articles a save made during a check took 2 s to show instead of 0.5 s).
/// On Linux they also run at a lower priority, so that a rebuild, and the
/// page the browser then asks for, get the cores first.
fn verify_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("dossier-verify-{i}"))
            .start_handler(|_| lower_priority())
            .build()
            .ok()
    })
    .as_ref()
}

/// Lowers the calling thread's scheduling priority (nice 10). On Linux a
/// priority belongs to the thread; elsewhere it would be the whole
/// process's, so nothing is done.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority has no memory-safety preconditions; on Linux,
    // `who` 0 with PRIO_PROCESS names the calling thread. A failure only
    // leaves the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Renders every page of a freshly published snapshot on a thread of its
/// own (and [`verify_pool`]): pages are otherwise rendered only when asked
/// for, and a template error on a page nobody has opened must still reach
/// the overlay. The result replaces the snapshot only if no newer one was
/// published since.
fn verify_in_background(snapshots: &Arc<watch::Sender<Arc<Snapshot>>>) {
    let current = snapshots.borrow().clone();
    let Some(site) = current.site.clone().filter(|_| current.errors.is_none()) else {
        return;
    };
    let snapshots = Arc::clone(snapshots);
    let _ = std::thread::Builder::new()
        .name("dossier-verify".into())
        .spawn(move || {
            let verify = || site.verify();
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match verify_pool() {
                    Some(pool) => pool.install(verify),
                    None => verify(),
                }));
            let mut diags = match outcome {
                Ok(Ok(())) => return,
                Ok(Err(diags)) => diags,
                Err(_) => {
                    let mut d = Diagnostics::default();
                    d.push(
                        crate::Diagnostic::new("templates", "internal error while rendering")
                            .with_hint("this is a bug in dossier; please report it"),
                    );
                    d
                }
            };
            // The page lists the site's warnings with the template errors.
            diags.extend(site.warnings().clone());
            eprint!("{}", diags.clone().render(color()));
            eprintln!("the preview shows these errors until they are fixed");
            let page = error_page(diags);
            snapshots.send_if_modified(|shown| {
                if shown.version != current.version {
                    return false;
                }
                *shown = Arc::new(Snapshot {
                    version: format!("{}-checked", current.version),
                    site: Some(site.clone()),
                    errors: Some(ErrorPage { html: page.clone() }),
                });
                true
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(paths: &[&str]) -> Changes {
        let mut c = Changes::default();
        for p in paths {
            c.add(PathBuf::from(p));
        }
        c
    }

    /// Runs [`build_until_settled`] with `reports[i]` as what changed
    /// while build `i` ran; returns the paths each build was given, which
    /// builds were dropped unseen, and which one was returned.
    fn settle(first: &[&str], reports: &[&[&str]]) -> (Vec<Vec<String>>, Vec<usize>, usize) {
        let mut changed = changes(first);
        let mut built: Vec<Vec<String>> = Vec::new();
        let mut dropped = Vec::new();
        let mut asked = 0;
        let shown = build_until_settled(
            &mut changed,
            |paths| {
                built.push(paths.iter().map(|p| p.display().to_string()).collect());
                built.len() - 1
            },
            || {
                asked += 1;
                changes(reports.get(asked - 1).copied().unwrap_or_default())
            },
            |b| dropped.push(b),
        );
        (built, dropped, shown)
    }

    #[test]
    fn a_build_with_nothing_changed_meanwhile_is_shown() {
        let (built, dropped, shown) = settle(&["content/a.md"], &[]);
        assert_eq!(built, [["content/a.md"]]);
        assert!(dropped.is_empty());
        assert_eq!(shown, 0);
    }

    #[test]
    fn a_change_while_building_is_built_before_anything_is_shown() {
        // The article is saved again while the first build reads it, and
        // a second file is saved too.
        let (built, dropped, shown) =
            settle(&["content/a.md"], &[&["content/a.md", "content/b.md"], &[]]);
        assert_eq!(
            built,
            [vec!["content/a.md"], vec!["content/a.md", "content/b.md"]]
        );
        assert_eq!(dropped, [0]);
        assert_eq!(shown, 1);
    }

    #[test]
    fn a_file_written_without_pause_cannot_hold_the_preview_back() {
        let log: &[&str] = &["content/log.md"];
        let busy = [log; 10];
        let (built, dropped, shown) = settle(&["content/log.md"], &busy);
        assert_eq!(built.len(), 1 + REBUILDS_UNSHOWN);
        assert_eq!(dropped, (0..REBUILDS_UNSHOWN).collect::<Vec<_>>());
        assert_eq!(shown, REBUILDS_UNSHOWN);
    }
}
