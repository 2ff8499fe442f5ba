//! The HTTP side of the preview: the server, and the answer to every
//! request, made from the current [`Snapshot`] alone. Only requests for a
//! loopback host name are answered (against DNS rebinding), only GET and
//! HEAD, and only the site's files from memory, never a file on disk.

use super::Snapshot;
use super::overlay::{
    self, LIVE_JS, LIVE_JS_PATH, OVERLAY_CSS, OVERLAY_CSS_PATH, WARNINGS_CSS, WARNINGS_CSS_PATH,
    error_page,
};
use super::preview::OnDemandSite;
use crate::{Diagnostics, Failure};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// How long a shutdown waits for open connections before giving up on them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);
/// The event stream's path; `live.js` names it too.
const EVENTS_PATH: &str = "/__dossier/events";

/// The `Host` headers the server answers, against DNS rebinding: a page of
/// another site whose name is made to point at 127.0.0.1 still sends its
/// own name.
pub(super) struct Hosts {
    port: u16,
    /// Host names (lowercase, IPv6 in brackets) accepted with or without
    /// the port.
    names: Vec<String>,
    /// Bound to all interfaces: any IP address is accepted (a rebinding
    /// attack needs a name).
    any_ip: bool,
}

impl Hosts {
    /// The names a server bound to `bind`, listening at `addr`, answers.
    pub(super) fn new(bind: &str, addr: SocketAddr) -> Self {
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
        if let Some(port) = port
            && port.parse::<u16>().ok() != Some(self.port)
        {
            return false;
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

/// What every request is answered from.
#[derive(Clone)]
struct App {
    hosts: Arc<Hosts>,
    snapshots: watch::Receiver<Arc<Snapshot>>,
    shutdown: watch::Receiver<bool>,
}

/// Serves the snapshots on `listener` until Ctrl-C (or SIGTERM), then
/// ends the event streams and waits a little for open connections.
pub(super) async fn run_server(
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
        WARNINGS_CSS_PATH => (
            [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
            WARNINGS_CSS,
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
    // Warnings are shown on the page, not instead of it.
    let panel = snapshot
        .site
        .as_deref()
        .and_then(OnDemandSite::warnings_panel);
    let with_panel = |bytes: &[u8]| match panel {
        Some(p) => overlay::with_panel(bytes, p),
        None => bytes.to_vec(),
    };
    match found {
        Found::File(key, bytes) if key.ends_with(".html") => {
            html(StatusCode::OK, &with_panel(&bytes), &snapshot.version)
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
            Some(Ok(bytes)) => html(
                StatusCode::NOT_FOUND,
                &with_panel(&bytes),
                &snapshot.version,
            ),
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
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Body::from(overlay::with_live_script(bytes, version)),
    )
        .into_response()
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
}
