//! `dossier serve`: a live preview. The site is built in memory (never into
//! `public/`), served over HTTP on the loopback interface, rebuilt when
//! `content/`, `themes/` or `templates/` change, and every open page reloads
//! itself through Server-Sent Events. While the content has errors, every
//! page shows them instead, until they are fixed.
//!
//! Three parts, connected by one `tokio::sync::watch` channel that holds the
//! current [`Snapshot`]:
//! - the builder thread ([`rebuild`]) owns the file watcher ([`watcher`])
//!   and publishes a new snapshot after every rebuild;
//! - the HTTP handler ([`http`]) answers every request from the snapshot it
//!   finds, so a rebuild in progress never disturbs a request;
//! - the event stream (`/__dossier/events`) tells each page the version of
//!   the site, and the page's script ([`overlay`], `live.js`) reloads it
//!   when the version is not the one it was served with.
//!
//! This file starts the three and holds what they share.

mod http;
mod overlay;
mod preview;
mod rebuild;
mod watcher;

use crate::{BuildOptions, Failure};
use preview::OnDemandSite;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// How many ports after the requested one are tried when it is busy.
const PORT_TRIES: u16 = 10;

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

/// The page shown instead of every page while the site has errors.
struct ErrorPage {
    /// The page without the live-reload script.
    html: String,
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

    let hosts = http::Hosts::new(bind, addr);

    crate::freed::keep_freed_memory(crate::freed::KeepFreed::Minute);
    let mut rebuilder = rebuild::Rebuilder::new(
        root,
        BuildOptions {
            base_url: Some(url.clone()),
            ..options
        },
    );

    // The watcher is set up before the first build, so that nothing saved
    // during it is missed.
    let watcher = watcher::Watcher::new(&watch_root)?;

    let first = rebuilder.first();
    let (snapshot_tx, snapshot_rx) = tokio::sync::watch::channel(Arc::new(first));

    std::thread::Builder::new()
        .name("dossier-rebuild".into())
        .spawn(move || rebuilder.run(watcher, Arc::new(snapshot_tx)))
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
    runtime.block_on(http::run_server(listener, hosts, snapshot_rx))?;
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
