//! `dossier serve`: a live preview. The site is built in memory (never into
//! `public/`), served over HTTP on the loopback interface, rebuilt when
//! `content/`, `themes/` or `templates/` change, and every open page reloads
//! itself through Server-Sent Events. While the content has errors, every
//! page shows them instead, until they are fixed.
//!
//! Three parts, connected by one `tokio::sync::watch` channel that holds the
//! current `Snapshot`:
//! - the builder thread (`Builder`, `rebuild_loop`) owns the file watcher
//!   and publishes a new snapshot after every rebuild;
//! - the HTTP handler (`handle`) answers every request from the snapshot it
//!   finds, so a rebuild in progress never disturbs a request;
//! - the event stream (`/__dossier/events`) tells each page the version of
//!   the site, and the page's script (`/__dossier/live.js`) reloads it when
//!   the version is not the one it was served with.

use crate::preview::OnDemandSite;
use crate::{BuildOptions, Diagnostics, Failure, Timings};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use notify_debouncer_mini::notify::{
    self, EventHandler, EventKind, RecommendedWatcher, RecursiveMode, WatcherKind,
    event::{AccessKind, AccessMode},
};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer_opt};
use std::convert::Infallible;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::watch;

/// The folders below the root whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["content", "themes", "templates"];
/// How long the debouncer holds a change before handing it over. A burst
/// of saves (an editor writing a file and its backup, a `git checkout`) is
/// still one rebuild: while it lasts the debouncer hands over its parts
/// at least this often, and [`SETTLE`], longer, gathers them. Both add to
/// the time from a save to the reload, so they are short.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// How long the watcher must stay quiet after a batch of changes before
/// the rebuild starts (see [`rebuild_loop`]).
const SETTLE: Duration = Duration::from_millis(60);
/// How many ports after the requested one are tried when it is busy.
const PORT_TRIES: u16 = 10;
/// How long a shutdown waits for open connections before giving up on them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

const LIVE_JS_PATH: &str = "/__dossier/live.js";
const OVERLAY_CSS_PATH: &str = "/__dossier/overlay.css";
const EVENTS_PATH: &str = "/__dossier/events";

/// The script every served page loads: it listens to the event stream and
/// reloads the page, keeping its scroll position, when the site changed.
const LIVE_JS: &str = r#"// dossier serve: reloads this page when the site is rebuilt.
(function () {
  'use strict';
  var script = document.currentScript;
  var version = script ? script.getAttribute('data-version') : null;
  var key = 'dossier-scroll:' + location.pathname;
  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
  if (saved !== null) {
    var y = Number(saved) || 0;
    var restore = function () { window.scrollTo(0, y); };
    restore();
    if (document.readyState !== 'complete') window.addEventListener('load', restore, { once: true });
  }
  var source = null;
  function connect() {
    if (source) return;
    source = new EventSource('/__dossier/events');
    source.onmessage = function (event) {
      if (!event.data || event.data === version) return;
      try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
      disconnect();
      location.reload();
    };
  }
  function disconnect() {
    if (source) { source.close(); source = null; }
  }
  // A hidden tab gives its connection back (browsers allow only a few per
  // server) and checks the version again when it is shown.
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener('pagehide', disconnect);
  window.addEventListener('pageshow', function () { if (!document.hidden) connect(); });
  if (!document.hidden) connect();
})();
"#;

/// The style of the error page; a file of its own because the pages'
/// Content-Security-Policy allows no inline styles.
const OVERLAY_CSS: &str = r#":root {
  color-scheme: light dark;
  --bg: #fbf7f0; --fg: #1d1a16; --muted: #5c5247; --accent: #a4161a;
  --box: #fff; --border: #d9cfc2; --code: #f3ede4;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #17140f; --fg: #f1ebe2; --muted: #b9ad9d; --accent: #ff7b72;
          --box: #221e18; --border: #4a4034; --code: #2b261f; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; color: var(--accent); }
.lead { margin: 0 0 1.5rem; color: var(--muted); }
ol { list-style: none; margin: 0; padding: 0; }
li { background: var(--box); border: 1px solid var(--border); border-left: .3rem solid var(--accent);
     border-radius: .3rem; padding: .75rem 1rem; margin: 0 0 1rem; }
h2 { margin: 0; font-size: 1rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
     overflow-wrap: anywhere; }
.message { margin: .35rem 0; font-weight: 600; }
.hint { margin: .35rem 0 0; color: var(--muted); }
pre { margin: .5rem 0 0; padding: .5rem .75rem; background: var(--code); border-radius: .25rem;
      overflow-x: auto; font: .9rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
details { margin-top: 2rem; color: var(--muted); }
summary { cursor: pointer; }
"#;

/// What the server shows: the last site that built, and the errors of the
/// last build if it failed. Replaced as a whole after every rebuild.
struct Snapshot {
    /// Changes with every rebuild and every start of the server; a page
    /// served with another version reloads.
    version: String,
    /// The last site that built without errors, rendered page by page on request.
    site: Option<Arc<OnDemandSite>>,
    /// The error page, while the last build failed.
    errors: Option<ErrorPage>,
}

struct ErrorPage {
    /// The page without the live-reload script.
    html: String,
}

/// Builds the site: load, validate and link; pages are rendered when asked
/// for (see `OnDemandSite`), so a rebuild costs about a `check`. It is
/// handed the changed paths so that it can learn to do even less.
struct Builder {
    root: PathBuf,
    options: BuildOptions,
    /// Every file's parse, so that a rebuild reads again only what changed.
    cache: crate::Cache,
    /// `DOSSIER_TIMINGS=1`: each build's stages on stderr, as `--timings`.
    show_timings: bool,
}

impl Builder {
    fn build(&mut self, _changed: &[PathBuf]) -> Result<OnDemandSite, Diagnostics> {
        let mut timings = Timings::default();
        let investigation =
            crate::prepare_with(&self.root, &self.options, &mut timings, &mut self.cache);
        let site = investigation.map(|inv| timings.time("pages", || OnDemandSite::new(inv)));
        if self.show_timings {
            eprint!("{}", timings.report());
        }
        site
    }

    /// A build that cannot take the server down: a panic becomes an error.
    fn build_safely(&mut self, changed: &[PathBuf]) -> Result<OnDemandSite, Diagnostics> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.build(changed))) {
            Ok(result) => result,
            Err(panic) => {
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

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Runs one build and turns its outcome into the next snapshot, reporting
/// it on the terminal.
fn next_snapshot(
    builder: &mut Builder,
    changed: &[PathBuf],
    previous: Option<&Snapshot>,
    versions: &mut Versions,
    verb: &str,
) -> Snapshot {
    let started = Instant::now();
    let result = builder.build_safely(changed);
    let ms = started.elapsed().as_millis();
    let version = versions.next();
    match result {
        Ok(output) => {
            println!("{verb} in {ms} ms");
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

/// `dossier serve`: builds the investigation at `root` in memory and serves
/// it on `bind:port` (or one of the next ten ports when that one is busy)
/// until Ctrl-C, rebuilding on every change. Content errors do not stop it;
/// only a server that cannot start is a `Failure`.
pub fn serve(
    root: &Path,
    bind: &str,
    port: u16,
    open: bool,
    options: BuildOptions,
) -> Result<(), Failure> {
    if !root.is_dir() {
        return Err(Failure::Io(format!(
            "{}: no such folder (give the investigation's folder with --root)",
            root.display()
        )));
    }
    let watch_root = root
        .canonicalize()
        .map_err(|e| Failure::Io(format!("{}: {e}", root.display())))?;

    let (listener, addr) = bind_listener(bind, port)?;
    // The address a browser uses: an unspecified bind address is reached
    // through the loopback one.
    let shown_ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let url_addr = SocketAddr::new(shown_ip, addr.port());
    let url = format!("http://{url_addr}/");

    let hosts = Hosts::new(bind, addr);

    let mut builder = Builder {
        root: root.to_path_buf(),
        options: BuildOptions {
            base_url: Some(url.clone()),
            ..options
        },
        cache: crate::Cache::default(),
        show_timings: std::env::var_os("DOSSIER_TIMINGS").is_some_and(|v| !v.is_empty()),
    };
    let mut versions = Versions::new();

    // The watcher is set up before the first build, so that nothing saved
    // during it is missed.
    let (events_tx, events_rx) = mpsc::channel::<DebounceEventResult>();
    let mut watcher = Watcher::new(&watch_root, events_tx)?;
    watcher.rearm(&[]);

    let first = next_snapshot(&mut builder, &[], None, &mut versions, "built");
    let (snapshot_tx, snapshot_rx) = watch::channel(Arc::new(first));

    std::thread::Builder::new()
        .name("dossier-rebuild".into())
        .spawn(move || rebuild_loop(builder, watcher, events_rx, Arc::new(snapshot_tx), versions))
        .map_err(|e| Failure::Io(format!("cannot start the rebuild thread: {e}")))?;

    println!("serving {} at {url} (Ctrl-C to stop)", root.display());
    let _ = std::io::stdout().flush();

    if open {
        open_browser(&url);
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Io(format!("cannot start the server: {e}")))?;
    runtime.block_on(run_server(listener, hosts, snapshot_rx))?;
    // Connections still open after the grace period are dropped with the
    // runtime.
    runtime.shutdown_timeout(Duration::from_millis(100));
    Ok(())
}

/// Binds `bind:port`, or one of the next ports when that one is busy.
fn bind_listener(bind: &str, port: u16) -> Result<(TcpListener, SocketAddr), Failure> {
    let mut tried = port;
    let mut attempts = 0;
    loop {
        match TcpListener::bind((bind, tried)) {
            Ok(listener) => {
                let addr = listener
                    .local_addr()
                    .map_err(|e| Failure::Io(format!("{bind}:{tried}: {e}")))?;
                listener
                    .set_nonblocking(true)
                    .map_err(|e| Failure::Io(format!("{addr}: {e}")))?;
                if tried != port {
                    println!("port {port} is busy; serving on {tried} instead");
                }
                return Ok((listener, addr));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 => {
                attempts += 1;
                match tried.checked_add(1) {
                    Some(next) if attempts <= PORT_TRIES => tried = next,
                    _ => {
                        return Err(Failure::Io(format!(
                            "port {port} is busy, and so are the {} after it; choose another with --port",
                            attempts - 1
                        )));
                    }
                }
            }
            Err(e) => {
                return Err(Failure::Io(format!(
                    "cannot listen on {bind} port {tried}: {e}"
                )));
            }
        }
    }
}

fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        // Reaped in the background, so that it leaves no zombie.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("could not open a browser ({e}); open {url} yourself"),
    }
}

// ---------------------------------------------------------------------------
// Watching and rebuilding

/// The platform's watcher without the events of files being opened or read:
/// every build reads every file, and would otherwise set off the next one.
/// (The debouncer forgets what kind an event was, so they go before it.)
struct ChangeWatcher(RecommendedWatcher);

impl notify::Watcher for ChangeWatcher {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let inner = RecommendedWatcher::new(
            move |event: notify::Result<notify::Event>| {
                if let Ok(e) = &event {
                    if let EventKind::Access(kind) = e.kind {
                        if kind != AccessKind::Close(AccessMode::Write) {
                            return;
                        }
                    }
                }
                handler.handle_event(event);
            },
            config,
        )?;
        Ok(ChangeWatcher(inner))
    }
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }
    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }
    fn configure(&mut self, option: notify::Config) -> notify::Result<bool> {
        self.0.configure(option)
    }
    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// The file watcher: `content/`, `themes/` and `templates/` recursively,
/// and the root itself (not recursively) to notice when one of them is
/// created, removed or replaced.
struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<ChangeWatcher>,
    /// What each watched folder was when it was watched (see [`dir_identity`]).
    watched: [Option<(u64, u64)>; 3],
}

impl Watcher {
    fn new(root: &Path, events: mpsc::Sender<DebounceEventResult>) -> Result<Self, Failure> {
        let config = notify_debouncer_mini::Config::default().with_timeout(DEBOUNCE);
        let mut debouncer = new_debouncer_opt::<_, ChangeWatcher>(config, events)
            .map_err(|e| Failure::Io(format!("cannot watch {}: {e}", root.display())))?;
        debouncer
            .watcher()
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Failure::Io(format!("cannot watch {}: {e}", root.display())))?;
        Ok(Watcher {
            root: root.to_path_buf(),
            debouncer,
            watched: [None; 3],
        })
    }

    /// Watches each folder that exists and is not watched yet, or that was
    /// replaced or named in `touched` (events at the top of the root), and
    /// forgets those that are gone.
    fn rearm(&mut self, touched: &[&str]) {
        for (i, name) in WATCHED.iter().enumerate() {
            let dir = self.root.join(name);
            let now = dir_identity(&dir);
            let renew = touched.contains(name) || now != self.watched[i];
            if !renew {
                continue;
            }
            if self.watched[i].is_some() {
                let _ = self.debouncer.watcher().unwatch(&dir);
                self.watched[i] = None;
            }
            if now.is_some() {
                match self
                    .debouncer
                    .watcher()
                    .watch(&dir, RecursiveMode::Recursive)
                {
                    Ok(()) => self.watched[i] = now,
                    Err(e) => eprintln!("cannot watch {}: {e}", dir.display()),
                }
            }
        }
    }
}

/// Tells a folder from the one that replaced it; `None` when there is none.
fn dir_identity(dir: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// Files an editor or the system writes beside the real ones; the loader
/// skips them, so they need no rebuild.
fn is_scratch(rel: &Path) -> bool {
    rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp")
    })
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
            let diags = match outcome {
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

fn rebuild_loop(
    mut builder: Builder,
    mut watcher: Watcher,
    events: mpsc::Receiver<DebounceEventResult>,
    snapshots: Arc<watch::Sender<Arc<Snapshot>>>,
    mut versions: Versions,
) {
    verify_in_background(&snapshots);
    while let Ok(first) = events.recv() {
        // The debouncer hands over a burst in parts when its events are
        // not quite simultaneous (an editor writing a temporary file, then
        // renaming it); everything until a short quiet spell, and all that
        // arrived while the last build ran, is one rebuild.
        let mut batch = vec![first];
        while let Ok(more) = events.recv_timeout(SETTLE) {
            batch.push(more);
        }
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut touched: Vec<&str> = Vec::new();
        for result in batch {
            match result {
                Ok(list) => {
                    for event in list {
                        let Ok(rel) = event.path.strip_prefix(&watcher.root) else {
                            continue;
                        };
                        let mut parts = rel.components();
                        let Some(top) = parts.next() else { continue };
                        let Some(name) = WATCHED.iter().find(|n| top.as_os_str() == **n) else {
                            continue;
                        };
                        if parts.next().is_none() {
                            touched.push(name);
                        } else if is_scratch(rel) {
                            continue;
                        }
                        if !changed.contains(&rel.to_path_buf()) {
                            changed.push(rel.to_path_buf());
                        }
                    }
                }
                Err(e) => eprintln!("watching files: {e}"),
            }
        }
        watcher.rearm(&touched);
        if changed.is_empty() {
            continue;
        }
        let what = match changed.as_slice() {
            [one] => format!("{} changed; rebuilt", one.display()),
            many => format!("{} files changed; rebuilt", many.len()),
        };
        let previous = snapshots.borrow().clone();
        let next = next_snapshot(
            &mut builder,
            &changed,
            Some(&previous),
            &mut versions,
            &what,
        );
        snapshots.send_replace(Arc::new(next));
        verify_in_background(&snapshots);
    }
}

// ---------------------------------------------------------------------------
// Serving

/// The `Host` headers the server answers, against DNS rebinding: a page of
/// another site whose name is made to point at 127.0.0.1 still sends its
/// own name.
struct Hosts {
    port: u16,
    /// Host names (lowercase, IPv6 in brackets) accepted with or without
    /// the port.
    names: Vec<String>,
    /// Bound to all interfaces: any IP address is accepted (a rebinding
    /// attack needs a name).
    any_ip: bool,
}

impl Hosts {
    fn new(bind: &str, addr: SocketAddr) -> Self {
        let mut names = vec![
            "localhost".to_owned(),
            "127.0.0.1".to_owned(),
            "[::1]".to_owned(),
        ];
        let bind = bind.trim().to_ascii_lowercase();
        names.push(match bind.parse::<std::net::Ipv6Addr>() {
            Ok(ip) => format!("[{ip}]"),
            Err(_) => bind,
        });
        names.push(match addr.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        });
        Hosts {
            port: addr.port(),
            names,
            any_ip: addr.ip().is_unspecified(),
        }
    }

    fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = split_host(&host);
        if let Some(port) = port {
            if port.parse::<u16>().ok() != Some(self.port) {
                return false;
            }
        }
        if self.names.iter().any(|n| n == name) {
            return true;
        }
        self.any_ip
            && (name.parse::<std::net::Ipv4Addr>().is_ok()
                || name
                    .strip_prefix('[')
                    .and_then(|n| n.strip_suffix(']'))
                    .is_some_and(|n| n.parse::<std::net::Ipv6Addr>().is_ok()))
    }
}

/// `name:port` into its parts; IPv6 addresses keep their brackets.
fn split_host(host: &str) -> (&str, Option<&str>) {
    if host.starts_with('[') {
        match host.find(']') {
            Some(end) => {
                let (name, rest) = host.split_at(end + 1);
                (name, rest.strip_prefix(':'))
            }
            None => (host, None),
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    }
}

#[derive(Clone)]
struct App {
    hosts: Arc<Hosts>,
    snapshots: watch::Receiver<Arc<Snapshot>>,
    shutdown: watch::Receiver<bool>,
}

async fn run_server(
    listener: TcpListener,
    hosts: Hosts,
    snapshots: watch::Receiver<Arc<Snapshot>>,
) -> Result<(), Failure> {
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| Failure::Io(format!("cannot start the server: {e}")))?;
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let app = App {
        hosts: Arc::new(hosts),
        snapshots,
        shutdown: shutdown_rx.clone(),
    };
    let router = Router::new().fallback(handle).with_state(app);
    let mut stopping = shutdown_rx;
    let server = axum::serve(listener, router).with_graceful_shutdown(async move {
        let _ = stopping.wait_for(|stop| *stop).await;
    });
    let mut server = tokio::spawn(server.into_future());
    tokio::select! {
        () = stop_signal() => {}
        done = &mut server => {
            return match done {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(Failure::Io(format!("the server stopped: {e}"))),
                Err(e) => Err(Failure::Io(format!("the server stopped: {e}"))),
            };
        }
    }
    println!("stopping");
    let _ = std::io::stdout().flush();
    // Ends the event streams, so that the open pages let go.
    shutdown_tx.send_replace(true);
    if tokio::time::timeout(SHUTDOWN_GRACE, server).await.is_err() {
        eprintln!("some connections did not close in time; stopping anyway");
    }
    Ok(())
}

/// Ctrl-C, or on Unix a SIGTERM.
async fn stop_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            eprintln!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Every request: answered by [`respond`], with the headers every answer has.
async fn handle(State(app): State<App>, request: Request) -> Response {
    let mut response = respond(&app, request.method(), request.uri(), request.headers());
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.remove(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    response
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

fn respond(app: &App, method: &Method, uri: &Uri, headers: &HeaderMap) -> Response {
    // The Host header, and the authority of a request in absolute form.
    let mut hosts = headers.get_all(header::HOST).iter();
    let host = match (hosts.next().map(|h| h.to_str()), hosts.next()) {
        (Some(Ok(h)), None) => Some(h),
        (None, _) => None,
        _ => return text(StatusCode::BAD_REQUEST, "bad request: bad Host header\n"),
    };
    if host.is_none() && uri.authority().is_none() {
        return text(StatusCode::BAD_REQUEST, "bad request: no Host header\n");
    }
    let allowed = host.is_none_or(|h| app.hosts.allows(h))
        && uri.authority().is_none_or(|a| app.hosts.allows(a.as_str()));
    if !allowed {
        return text(
            StatusCode::FORBIDDEN,
            "forbidden: this preview answers only requests for localhost\n",
        );
    }
    if method != Method::GET && method != Method::HEAD {
        let mut r = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed: the preview answers GET and HEAD only\n",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let Some(path) = decode_path(uri.path()) else {
        return text(StatusCode::BAD_REQUEST, "bad request: invalid path\n");
    };
    match path.as_str() {
        EVENTS_PATH => events(app),
        LIVE_JS_PATH => (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            LIVE_JS,
        )
            .into_response(),
        OVERLAY_CSS_PATH => (
            [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
            OVERLAY_CSS,
        )
            .into_response(),
        _ => {
            let snapshot = app.snapshots.borrow().clone();
            page(&snapshot, &path, uri)
        }
    }
}

/// The path of a request, percent-decoded once; `None` for any path that
/// is not a plain `/`-separated list of names: a `.` or `..` segment, a
/// backslash, a control character (NUL included), or bytes that are not
/// UTF-8. Only ever looked up in the site in memory, never on disk.
fn decode_path(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let rest = path.strip_prefix('/')?;
    let bad =
        |seg: &str| seg == "." || seg == ".." || seg.chars().any(|c| c == '\\' || c.is_control());
    if rest.split('/').any(bad) {
        return None;
    }
    Some(path)
}

/// Where a request path leads in a site.
enum Found {
    File(String, Arc<[u8]>),
    /// A page whose template failed: shown like a content error.
    Broken(crate::Diagnostic),
    /// A folder asked for without its final `/`.
    Folder,
    Missing,
}

fn find(site: &OnDemandSite, path: &str) -> Found {
    let key = &path[1..];
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_owned()
    };
    match site.get(&key) {
        Some(Ok(bytes)) => return Found::File(key, bytes),
        Some(Err(d)) => return Found::Broken(d),
        None => {}
    }
    if !path.ends_with('/') && site.contains(&format!("{key}/index.html")) {
        return Found::Folder;
    }
    Found::Missing
}

/// Whether a path names a page rather than an asset: an HTML file, a
/// folder, or a name without an extension.
fn is_page_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.ends_with(".html") || !last.contains('.')
}

fn page(snapshot: &Snapshot, path: &str, uri: &Uri) -> Response {
    let found = snapshot
        .site
        .as_deref()
        .map_or(Found::Missing, |site| find(site, path));
    if let Some(errors) = &snapshot.errors {
        // Assets of the last good site still load; every page shows the errors.
        return match found {
            Found::File(key, bytes) if !key.ends_with(".html") => file(&key, &bytes),
            Found::Folder => redirect(uri),
            _ if is_page_path(path) || matches!(found, Found::File(..) | Found::Broken(_)) => html(
                StatusCode::INTERNAL_SERVER_ERROR,
                errors.html.as_bytes(),
                &snapshot.version,
            ),
            _ => text(StatusCode::NOT_FOUND, "not found\n"),
        };
    }
    match found {
        Found::File(key, bytes) if key.ends_with(".html") => {
            html(StatusCode::OK, &bytes, &snapshot.version)
        }
        Found::File(key, bytes) => file(&key, &bytes),
        Found::Broken(d) => {
            let diags: Diagnostics = [d].into_iter().collect();
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                error_page(diags).as_bytes(),
                &snapshot.version,
            )
        }
        Found::Folder => redirect(uri),
        Found::Missing => match snapshot.site.as_ref().and_then(|s| s.get("404.html")) {
            Some(Ok(bytes)) => html(StatusCode::NOT_FOUND, &bytes, &snapshot.version),
            _ => text(StatusCode::NOT_FOUND, "not found\n"),
        },
    }
}

fn file(key: &str, bytes: &[u8]) -> Response {
    (
        [(header::CONTENT_TYPE, content_type(key))],
        Body::from(bytes.to_vec()),
    )
        .into_response()
}

/// An HTML page as served: with the live-reload script at its end.
fn html(status: StatusCode, bytes: &[u8], version: &str) -> Response {
    let tag = format!(r#"<script src="{LIVE_JS_PATH}" data-version="{version}"></script>"#);
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Body::from(inject(bytes, tag.as_bytes())),
    )
        .into_response()
}

/// `page` with `tag` at the end of its body: before a closing `</body>` or
/// `</html>` that ends the page, or else at the very end (minified pages
/// leave both out).
fn inject(page: &[u8], tag: &[u8]) -> Vec<u8> {
    fn strip_end<'a>(s: &'a [u8], end: &[u8]) -> Option<&'a [u8]> {
        let s = s.trim_ascii_end();
        let at = s.len().checked_sub(end.len())?;
        s[at..].eq_ignore_ascii_case(end).then(|| &s[..at])
    }
    let before_html = strip_end(page, b"</html>").unwrap_or(page);
    let head = strip_end(before_html, b"</body>")
        .or_else(|| strip_end(page, b"</html>"))
        .unwrap_or(page);
    let mut out = Vec::with_capacity(page.len() + tag.len());
    out.extend_from_slice(head);
    out.extend_from_slice(tag);
    out.extend_from_slice(&page[head.len()..]);
    out
}

/// `/actors/x` → `/actors/x/`, keeping the query.
fn redirect(uri: &Uri) -> Response {
    let mut location = format!("{}/", uri.path());
    if let Some(q) = uri.query() {
        location.push('?');
        location.push_str(q);
    }
    match HeaderValue::from_str(&location) {
        Ok(value) => (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, value)],
            "",
        )
            .into_response(),
        Err(_) => text(StatusCode::BAD_REQUEST, "bad request\n"),
    }
}

fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match (path, ext.as_str()) {
        ("feed.xml", _) => "application/atom+xml; charset=utf-8",
        (_, "html" | "htm") => "text/html; charset=utf-8",
        (_, "css") => "text/css; charset=utf-8",
        (_, "js" | "mjs") => "text/javascript; charset=utf-8",
        (_, "json") => "application/json",
        (_, "xml") => "application/xml; charset=utf-8",
        (_, "atom") => "application/atom+xml; charset=utf-8",
        (_, "rss") => "application/rss+xml; charset=utf-8",
        (_, "svg") => "image/svg+xml",
        (_, "png") => "image/png",
        (_, "jpg" | "jpeg") => "image/jpeg",
        (_, "gif") => "image/gif",
        (_, "webp") => "image/webp",
        (_, "avif") => "image/avif",
        (_, "ico") => "image/x-icon",
        (_, "pdf") => "application/pdf",
        (_, "woff") => "font/woff",
        (_, "woff2") => "font/woff2",
        (_, "ttf") => "font/ttf",
        (_, "otf") => "font/otf",
        (_, "txt") => "text/plain; charset=utf-8",
        (_, "md") => "text/markdown; charset=utf-8",
        (_, "csv") => "text/csv; charset=utf-8",
        (_, "webmanifest") => "application/manifest+json",
        (_, "wasm") => "application/wasm",
        (_, "mp3") => "audio/mpeg",
        (_, "ogg" | "oga") => "audio/ogg",
        (_, "mp4") => "video/mp4",
        (_, "webm") => "video/webm",
        (_, "zip") => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The event stream: the site's version at once, then after every rebuild;
/// it ends when the server stops.
fn events(app: &App) -> Response {
    let snapshots = app.snapshots.clone();
    let shutdown = app.shutdown.clone();
    let stream = futures_util::stream::unfold(
        (snapshots, shutdown, true),
        |(mut snapshots, mut shutdown, first)| async move {
            if *shutdown.borrow() {
                return None;
            }
            if first {
                let version = snapshots.borrow_and_update().version.clone();
                let event = Event::default()
                    .retry(Duration::from_millis(1000))
                    .data(version);
                return Some((Ok::<_, Infallible>(event), (snapshots, shutdown, false)));
            }
            let changed = tokio::select! {
                changed = snapshots.changed() => changed.is_ok(),
                _ = shutdown.wait_for(|stop| *stop) => false,
            };
            if !changed {
                return None;
            }
            let version = snapshots.borrow_and_update().version.clone();
            Some((
                Ok(Event::default().data(version)),
                (snapshots, shutdown, false),
            ))
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

// ---------------------------------------------------------------------------
// The error page

/// The page shown instead of every page while the site has errors: each
/// diagnostic as the command line shows it (location, message, the quoted
/// line with its caret, hint), escaped.
fn error_page(diags: Diagnostics) -> String {
    let terminal = diags.clone().render(false);
    let all = diags.sorted();
    let n = all.len();
    let count = format!("{n} error{}", if n == 1 { "" } else { "s" });
    let mut body = String::new();
    for d in &all {
        let mut location = d.path.clone();
        if let Some(line) = d.line {
            let _ = write!(location, ":{line}");
            if let Some(column) = d.column {
                let _ = write!(location, ":{column}");
            }
        }
        let _ = write!(
            body,
            "<li><h2>{}</h2><p class=\"message\">{}</p>",
            crate::render::escape_markup(&location),
            crate::render::escape_markup(&d.message)
        );
        // The quoted line and caret, exactly as on the terminal.
        let shown = d.render(false);
        let quote: Vec<&str> = shown
            .lines()
            .skip(1)
            .filter(|l| !l.starts_with("  = hint: "))
            .collect();
        if !quote.is_empty() {
            let _ = write!(
                body,
                "<pre>{}</pre>",
                crate::render::escape_markup(&quote.join("\n"))
            );
        }
        if let Some(hint) = &d.hint {
            let _ = write!(
                body,
                "<p class=\"hint\">hint: {}</p>",
                crate::render::escape_markup(hint)
            );
        }
        body.push_str("</li>\n");
    }
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{count} · dossier serve</title>
<link rel="stylesheet" href="{OVERLAY_CSS_PATH}">
</head>
<body>
<main>
<h1>The site has {count}</h1>
<p class="lead">Fix {them} and save: this page reloads by itself.</p>
<ol>
{body}</ol>
<details><summary>As shown on the command line</summary><pre>{terminal}</pre></details>
</main>
</body>
</html>
"#,
        them = if n == 1 { "it" } else { "them" },
        terminal = crate::render::escape_markup(&terminal),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_once_and_checked() {
        assert_eq!(decode_path("/actors/x/").as_deref(), Some("/actors/x/"));
        assert_eq!(decode_path("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(decode_path("/%252e%252e/x").as_deref(), Some("/%2e%2e/x"));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..%5c..%5cetc/passwd",
            "/actors/..%2f..%2f",
            "/a/./b",
            "/a%00b",
            "/%zz",
            "/%2",
            "/%ff",
            "relative",
        ] {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn hosts() {
        let h = Hosts::new("127.0.0.1", "127.0.0.1:1111".parse().unwrap());
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost:2222",
            "127.0.0.2",
            "localhost.evil.example",
            "",
            "[::1",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
        let any = Hosts::new("0.0.0.0", "0.0.0.0:1111".parse().unwrap());
        assert!(any.allows("192.168.1.20:1111"));
        assert!(!any.allows("evil.example:1111"));
    }

    #[test]
    fn script_goes_at_the_end_of_the_body() {
        let t = b"<s>";
        assert_eq!(inject(b"<p>x", t), b"<p>x<s>");
        assert_eq!(
            inject(b"<p>x</body>\n</html>\n", t),
            b"<p>x<s></body>\n</html>\n"
        );
        assert_eq!(inject(b"<p>x</HTML>", t), b"<p>x<s></HTML>");
        assert_eq!(inject(b"<p>x</body>", t), b"<p>x<s></body>");
    }

    #[test]
    fn error_page_escapes() {
        let mut d = Diagnostics::default();
        d.push(
            crate::Diagnostic::at("content/a.yaml", "x: <b>", 1, 4, "bad <b>")
                .with_hint("use \"&\""),
        );
        let page = error_page(d);
        assert!(page.contains("content/a.yaml:1:4"));
        assert!(page.contains("bad &lt;b&gt;"));
        assert!(page.contains("use &quot;&amp;&quot;"));
        assert!(!page.contains("<b>"));
    }
}
