//! `dossier serve`: the real binary on a real port, one temporary
//! investigation per test. Every wait has a deadline; the server is killed
//! when its guard is dropped, whatever the test did.

use crate::common::{self, copy_dir, fixtures, investigation};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// How long a change may take to show.
const CHANGE_DEADLINE: Duration = Duration::from_secs(10);

/// A running `dossier serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        Server::start_on(root, free_port())
    }

    fn start_on(root: &Path, port: u16) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--root"])
            .arg(root)
            .args(["--port", &port.to_string()])
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dossier serve");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (lines_tx, lines_rx) = mpsc::channel::<String>();
        {
            let out = child.stdout.take().unwrap();
            let keep = stdout.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines() {
                    let Ok(line) = line else { break };
                    keep.lock().unwrap().push_str(&format!("{line}\n"));
                    let _ = lines_tx.send(line);
                }
            });
        }
        {
            let err = child.stderr.take().unwrap();
            let keep = stderr.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(err).lines() {
                    let Ok(line) = line else { break };
                    keep.lock().unwrap().push_str(&format!("{line}\n"));
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            stdout,
            stderr,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines_rx.recv_timeout(left) {
                Ok(line) if line.starts_with("serving ") => {
                    let url = line
                        .split_whitespace()
                        .find(|w| w.starts_with("http://"))
                        .unwrap_or_else(|| panic!("no URL in {line:?}"));
                    assert!(line.ends_with("(Ctrl-C to stop)"), "{line}");
                    let port = url
                        .trim_start_matches("http://127.0.0.1:")
                        .trim_end_matches('/');
                    server.port = port.parse().unwrap_or_else(|_| panic!("port in {url}"));
                    assert_eq!(url, format!("http://127.0.0.1:{}/", server.port));
                    return server;
                }
                Ok(_) => continue,
                Err(_) => panic!(
                    "dossier serve did not start; stdout:\n{}\nstderr:\n{}",
                    server.stdout(),
                    server.stderr()
                ),
            }
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Reply {
        get(&self.url(path))
    }

    fn raw(&self, request: &[u8]) -> String {
        raw(self.port, request)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn get(url: &str) -> Reply {
    let mut response = agent()
        .get(url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = response
        .body_mut()
        .read_to_string()
        .unwrap_or_else(|e| panic!("GET {url}: body: {e}"));
    Reply {
        status,
        headers,
        body,
    }
}

/// Sends `request` as is and returns all the server answers before it
/// closes the connection (or within five seconds).
fn raw(port: u16, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn status_of(response: &str) -> u16 {
    response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {response:?}"))
}

/// Polls `f` until it gives `Some`, for at most `CHANGE_DEADLINE`.
fn eventually<T>(what: &str, server: &Server, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + CHANGE_DEADLINE;
    loop {
        if let Some(v) = f() {
            return v;
        }
        if Instant::now() > deadline {
            panic!(
                "{what}: not within {CHANGE_DEADLINE:?}\nstdout:\n{}\nstderr:\n{}",
                server.stdout(),
                server.stderr()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

const SCRIPT_TAG: &str = r#"<script src="/__dossier/live.js""#;

#[test]
fn serves_every_file_with_its_type() {
    let dir = investigation(None);
    let server = Server::start(dir.path());

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type(), "text/html; charset=utf-8");
    assert!(home.body.contains("The Harbour Files"));
    assert!(home.body.contains(SCRIPT_TAG), "no live reload in the page");
    // Canonical links point at the preview, not at the site's base_url.
    assert!(
        home.body.contains(&format!(
            r#"<link rel="canonical" href="http://127.0.0.1:{}/">"#,
            server.port
        )),
        "{}",
        home.body
    );

    for (path, kind, needle) in [
        (
            "/index.html",
            "text/html; charset=utf-8",
            "The Harbour Files",
        ),
        ("/actors/jane-roe/", "text/html; charset=utf-8", "Jane Roe"),
        ("/style.css", "text/css", ""),
        ("/data/actors.json", "application/json", "jane-roe"),
        ("/sitemap.xml", "application/xml", "<urlset"),
        ("/feed.xml", "application/atom+xml", "<feed"),
        ("/favicon.svg", "image/svg+xml", "<svg"),
        ("/files/doc.txt", "text/plain", "plain file"),
        ("/__dossier/live.js", "text/javascript", "EventSource"),
        ("/__dossier/overlay.css", "text/css", "body"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.content_type().starts_with(kind),
            "{path}: {}",
            r.content_type()
        );
        assert!(r.body.contains(needle), "{path}: no {needle:?}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("access-control-allow-origin"), None, "{path}");
        if !path.starts_with("/__dossier/") {
            let is_html = kind.starts_with("text/html");
            assert_eq!(r.body.contains("__dossier"), is_html, "{path}");
        }
    }

    // HEAD: the headers, no body.
    let head =
        server.raw(b"HEAD /style.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(status_of(&head), 200);
    assert!(head.to_ascii_lowercase().contains("content-type: text/css"));
    assert!(head.ends_with("\r\n\r\n"), "HEAD has a body: {head:?}");
}

#[test]
fn folders_redirect_and_missing_pages_get_the_themes_404() {
    let dir = investigation(None);
    let server = Server::start(dir.path());

    let r = server.get("/actors/jane-roe");
    assert!(matches!(r.status, 301 | 308), "{}", r.status);
    assert_eq!(r.header("location"), Some("/actors/jane-roe/"));
    let r = server.get("/actors?sort=name");
    assert!(matches!(r.status, 301 | 308), "{}", r.status);
    assert_eq!(r.header("location"), Some("/actors/?sort=name"));

    for path in [
        "/no-such-page/",
        "/actors/nobody/",
        "/missing.png",
        "/%252e%252e/x",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.content_type(), "text/html; charset=utf-8", "{path}");
        assert!(r.body.contains(r#"class="kind-404""#), "{path}: {}", r.body);
        assert!(r.body.contains("Page not found"), "{path}");
        assert!(r.body.contains(SCRIPT_TAG), "{path}");
        // Its links use the preview's base path.
        assert!(r.body.contains(r#"href="/style.css""#), "{path}");
    }
}

#[test]
fn nothing_outside_the_site_is_served() {
    let dir = investigation(None);
    // A file beside the site that a traversal would reach.
    std::fs::write(dir.path().join("secret.txt"), "TOP SECRET").unwrap();
    let server = Server::start(dir.path());
    for target in [
        "/../Cargo.toml",
        "/../secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e/secret.txt",
        "/%252e%252e/x",
        "/%252e%252e/secret.txt",
        "/..%5c..%5cetc/passwd",
        "/actors/..%2f..%2f",
        "/actors/..%2f..%2fsecret.txt",
        "/content/site.yaml",
        "/./index.html",
        "/a%00b",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
    ] {
        let request =
            format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        let response = server.raw(request.as_bytes());
        let status = status_of(&response);
        assert!(
            matches!(status, 400 | 404),
            "{target}: {status}\n{response}"
        );
        for leak in [
            "TOP SECRET",
            "[package]",
            "root:",
            "title: The Harbour Files",
        ] {
            assert!(!response.contains(leak), "{target} leaked {leak:?}");
        }
    }
    // An absolute path is not a request target the server takes.
    let response = server
        .raw(b"GET C:/Windows/win.ini HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(status_of(&response), 400);
    // Still serving.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn only_local_hosts_get_answers() {
    let dir = investigation(None);
    let server = Server::start(dir.path());
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_owned(),
        format!("localhost:{port}"),
        "localhost".to_owned(),
        "LocalHost".to_owned(),
        format!("[::1]:{port}"),
        "[::1]".to_owned(),
    ] {
        let response = server
            .raw(format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes());
        assert_eq!(status_of(&response), 200, "Host: {host}");
    }
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "localhost:1".to_owned(),
    ] {
        let response = server
            .raw(format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes());
        assert!(
            matches!(status_of(&response), 403 | 421),
            "Host: {host}: {response}"
        );
        assert!(!response.contains("The Harbour Files"), "Host: {host}");
    }
    // A request in absolute form naming another host.
    let response = server
        .raw(b"GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert!(matches!(status_of(&response), 403 | 421), "{response}");
}

#[test]
fn bad_requests_get_400_and_the_server_goes_on() {
    let dir = investigation(None);
    let server = Server::start(dir.path());
    for request in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET / HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Control: a\x01b\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
        b"GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"GET /%ff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    ] {
        let response = server.raw(request);
        assert_eq!(
            status_of(&response),
            400,
            "{:?}: {response}",
            String::from_utf8_lossy(request)
        );
        assert_eq!(
            server.get("/").status,
            200,
            "server gone after a bad request"
        );
    }
    // A connection that sends half a request and goes away.
    {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
    }
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let response = server.raw(
            format!("{method} / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        assert_eq!(status_of(&response), 405, "{method}");
        assert!(
            !response
                .to_ascii_lowercase()
                .contains("access-control-allow-origin"),
            "{method}"
        );
    }
    let post = agent().post(server.url("/")).send("x=1").expect("POST");
    assert_eq!(post.status().as_u16(), 405);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn build_output_never_has_the_live_reload_script() {
    let dir = investigation(None);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let o = common::dossier_in(dir.path(), &["build", "--out", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let mut pages = 0;
    for (path, bytes) in common::snapshot(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__dossier"), "{}", path.display());
        pages += usize::from(path.extension().is_some_and(|e| e == "html"));
    }
    assert!(pages > 5);
    // …and serving never writes public/ or anything else into the root.
    let before = common::snapshot(dir.path());
    let server = Server::start(dir.path());
    assert!(server.get("/").body.contains(SCRIPT_TAG));
    assert!(server.get("/actors/").body.contains(SCRIPT_TAG));
    drop(server);
    assert_eq!(common::snapshot(dir.path()), before);
    assert!(!dir.path().join("public").exists());
}

/// Reads an event stream over a raw connection.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        stream
            .write_all(b"GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        Events {
            stream,
            seen: String::new(),
        }
    }

    /// The `data:` lines received so far.
    fn data(&self) -> Vec<String> {
        self.seen
            .lines()
            .filter_map(|l| l.strip_prefix("data:"))
            .map(|d| d.trim().to_owned())
            .collect()
    }

    /// Reads until `done` holds for the data lines, or the deadline.
    fn until(&mut self, deadline: Duration, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        let end = Instant::now() + deadline;
        let mut buf = [0u8; 4096];
        while !done(&self.data()) && Instant::now() < end {
            match self.stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {}
            }
        }
        self.data()
    }
}

#[test]
fn an_edit_is_rebuilt_and_announced() {
    let dir = investigation(None);
    let server = Server::start(dir.path());
    let mut events = Events::open(server.port);
    let first = events.until(Duration::from_secs(5), |d| !d.is_empty());
    assert_eq!(first.len(), 1, "no first event: {:?}", events.seen);
    assert!(
        events
            .seen
            .to_ascii_lowercase()
            .contains("text/event-stream"),
        "{}",
        events.seen
    );
    let version = first[0].clone();
    // The page carries the version the stream announced.
    let page = server.get("/articles/first-story/");
    assert!(
        page.body.contains(&format!(r#"data-version="{version}""#)),
        "{}",
        page.body
    );

    let article = dir.path().join("content/articles/first-story.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replace("declined to comment", "refused to say anything at all"),
    )
    .unwrap();
    eventually("the edit in the page", &server, || {
        let r = server.get("/articles/first-story/");
        (r.status == 200 && r.body.contains("refused to say anything at all")).then_some(())
    });
    let all = events.until(CHANGE_DEADLINE, |d| d.iter().any(|v| *v != version));
    assert!(
        all.iter().any(|v| *v != version),
        "no new version announced: {all:?}"
    );
    assert!(
        server.stdout().contains("rebuilt in"),
        "{}",
        server.stdout()
    );

    // A template folder created after the start is watched too.
    std::fs::create_dir_all(dir.path().join("templates/partials")).unwrap();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/steampunk-heart/templates");
    let base = std::fs::read_to_string(theme.join("base.html")).unwrap();
    std::fs::write(
        dir.path().join("templates/base.html"),
        base.replacen("<body", "<body data-test-marker=templated", 1),
    )
    .unwrap();
    eventually("a new template", &server, || {
        let r = server.get("/");
        r.body.contains("data-test-marker=templated").then_some(())
    });
    // The preview keeps the compiled templates; an edit of one is seen.
    std::fs::write(
        dir.path().join("templates/base.html"),
        base.replacen("<body", "<body data-test-marker=edited", 1),
    )
    .unwrap();
    eventually("an edited template", &server, || {
        let r = server.get("/");
        r.body.contains("data-test-marker=edited").then_some(())
    });
}

/// Every file below `content/` modified an hour ago, so that the server's
/// parse cache trusts it (a file changed within the last two seconds is
/// always parsed again).
fn age(root: &Path) {
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(old).unwrap();
        }
    }
}

#[test]
fn added_edited_renamed_and_removed_articles_are_seen() {
    let dir = investigation(None);
    let articles = dir.path().join("content/articles");
    let story = |body: &str| format!("---\ntitle: An extra story\ndate: 2019-05-01\n---\n{body}\n");
    age(dir.path());
    let server = Server::start(dir.path());
    let status = |path: &str| server.get(path).status;
    assert_eq!(status("/articles/first-story/"), 200);

    std::fs::write(articles.join("extra.md"), story("The first version.")).unwrap();
    eventually("an added article", &server, || {
        let r = server.get("/articles/extra/");
        (r.status == 200 && r.body.contains("The first version.")).then_some(())
    });
    age(dir.path());
    // An edit of the same length, then another.
    std::fs::write(articles.join("extra.md"), story("The other version.")).unwrap();
    eventually("an edit", &server, || {
        let r = server.get("/articles/extra/");
        r.body.contains("The other version.").then_some(())
    });
    std::fs::write(articles.join("extra.md"), story("The third version.")).unwrap();
    eventually("another edit", &server, || {
        let r = server.get("/articles/extra/");
        r.body.contains("The third version.").then_some(())
    });
    // Untouched articles are still there, and still up to date.
    let first = server.get("/articles/first-story/");
    assert!(first.body.contains("declined to comment"), "{}", first.body);

    std::fs::rename(articles.join("extra.md"), articles.join("renamed.md")).unwrap();
    eventually("a renamed article", &server, || {
        (status("/articles/extra/") == 404 && status("/articles/renamed/") == 200).then_some(())
    });
    let home = server.get("/");
    assert!(home.body.contains("articles/renamed/"), "{}", home.body);
    assert!(!home.body.contains("articles/extra/"), "{}", home.body);

    std::fs::remove_file(articles.join("renamed.md")).unwrap();
    eventually("a removed article", &server, || {
        (status("/articles/renamed/") == 404).then_some(())
    });
    assert!(!server.get("/").body.contains("articles/renamed/"));
    assert_eq!(status("/articles/first-story/"), 200);
}

#[test]
fn errors_show_on_every_page_until_fixed() {
    let dir = investigation(None);
    let server = Server::start(dir.path());
    let actors = dir.path().join("content/actors.yaml");
    let good = std::fs::read_to_string(&actors).unwrap();
    let bad = good.replace("  name: Acme Shipping\n", "  name: [Acme <Shipping> & Co\n");
    assert_ne!(bad, good);

    // What the command line says about the same mistake.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("base"), copy.path());
    std::fs::write(copy.path().join("content/actors.yaml"), &bad).unwrap();
    let check = common::dossier_in(copy.path(), &["check"]);
    assert!(!check.status.success());
    let said = common::stderr(&check);
    let headline = said.lines().next().unwrap().to_owned();
    let (location, message) = headline.split_once(": error: ").unwrap();
    assert!(location.starts_with("content/actors.yaml:"), "{headline}");
    let escaped = message
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");

    std::fs::write(&actors, &bad).unwrap();
    for path in [
        "/articles/first-story/",
        "/",
        "/actors/jane-roe/",
        "/no-such-page/",
    ] {
        let r = eventually("the error page", &server, || {
            let r = server.get(path);
            (r.status == 500).then_some(r)
        });
        assert_eq!(r.content_type(), "text/html; charset=utf-8");
        assert!(
            r.body.contains(location),
            "{path}: no {location}:\n{}",
            r.body
        );
        assert!(
            r.body.contains(&escaped),
            "{path}: no {escaped}:\n{}",
            r.body
        );
        assert!(
            r.body.contains("[Acme &lt;Shipping&gt; &amp; Co"),
            "{}",
            r.body
        );
        assert!(!r.body.contains("<Shipping>"), "unescaped: {}", r.body);
        assert!(r.body.contains(SCRIPT_TAG), "{path}");
        assert!(r.body.contains("/__dossier/overlay.css"));
        assert!(!r.body.contains(" style="), "inline style: {}", r.body);
        assert!(r.body.trim_end().ends_with("</html>"));
    }
    // The terminal shows it too.
    eventually("the error on the terminal", &server, || {
        server.stderr().contains(&headline).then_some(())
    });
    // The rest of the last good site still loads.
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);

    std::fs::write(&actors, &good).unwrap();
    let r = eventually("the fixed site", &server, || {
        let r = server.get("/articles/first-story/");
        (r.status == 200).then_some(r)
    });
    assert!(r.body.contains("Acme Shipping and the harbour"));
    assert!(!r.body.contains(location));
}

#[test]
fn an_investigation_with_errors_from_the_start_still_serves() {
    let dir = investigation(None);
    std::fs::write(dir.path().join("content/sources.yaml"), "- id: [\n").unwrap();
    let server = Server::start(dir.path());
    let r = server.get("/");
    assert_eq!(r.status, 500);
    assert!(r.body.contains("content/sources.yaml"), "{}", r.body);
    assert!(r.body.contains(SCRIPT_TAG));
    copy_dir(
        &fixtures().join("base/content"),
        &dir.path().join("content"),
    );
    eventually("the fixed site", &server, || {
        (server.get("/").status == 200).then_some(())
    });
}

#[test]
fn a_busy_port_moves_to_the_next_one() {
    let dir = investigation(None);
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start_on(dir.path(), port);
    assert_ne!(server.port, port);
    assert!(server.port > port && server.port <= port + 10);
    assert!(
        server.stdout().contains(&format!(
            "port {port} is busy; serving on {} instead",
            server.port
        )),
        "{}",
        server.stdout()
    );
    assert_eq!(server.get("/").status, 200);
    drop(taken);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_even_with_open_event_streams() {
    let dir = investigation(None);
    let mut server = Server::start(dir.path());
    let mut events = Events::open(server.port);
    assert!(
        !events
            .until(Duration::from_secs(5), |d| !d.is_empty())
            .is_empty()
    );
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}: {}", server.stderr());
    // The event stream ended rather than being cut off.
    let mut rest = Vec::new();
    let _ = events.stream.read_to_end(&mut rest);
}

#[test]
fn a_template_error_on_an_unopened_page_reaches_every_page() {
    // Pages render when asked for; the whole site is still rendered in the
    // background, so an error on a source page shows on the home page too.
    let dir = investigation(None);
    let server = Server::start(dir.path());
    assert_eq!(server.get("/").status, 200);
    copy_dir(&fixtures().join("failing-template"), dir.path());
    let home = eventually("the template error on the home page", &server, || {
        let r = server.get("/");
        (r.status == 500).then_some(r)
    });
    assert!(home.body.contains("templates/source.html"), "{}", home.body);
    assert!(home.body.contains("no_such_field"), "{}", home.body);
    std::fs::remove_dir_all(dir.path().join("templates")).unwrap();
    eventually("the fixed site", &server, || {
        (server.get("/sources/harbour-gazette/").status == 200).then_some(())
    });
}

#[test]
fn the_preview_serves_the_search_page_and_its_index() {
    let dir = investigation(None);
    let server = Server::start(dir.path());
    let page = server.get("/search/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("search.js"), "{}", page.body);
    let home = server.get("/");
    assert!(home.body.contains(r#"action="search/""#), "{}", home.body);
    for (path, kind) in [
        ("/search.js", "text/javascript"),
        ("/search/pagefind/pagefind.js", "text/javascript"),
        ("/search/pagefind/pagefind-worker.js", "text/javascript"),
        ("/search/pagefind/pagefind-entry.json", "application/json"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.content_type().starts_with(kind),
            "{path}: {}",
            r.content_type()
        );
    }
    let entry = server.get("/search/pagefind/pagefind-entry.json");
    assert!(entry.body.contains("\"en\""), "{}", entry.body);
    assert_eq!(
        server.get("/search/pagefind/no-such-file.pf_index").status,
        404
    );
}

#[test]
fn warnings_show_on_every_page_without_hiding_it() {
    // The base fixture's credit line names a paper that is no source: a
    // warning, and the site builds.
    let dir = investigation(None);
    let server = Server::start(dir.path());
    let location = "content/articles/wire/Wire Story.txt:10:18";
    for path in ["/articles/first-story/", "/", "/no-such-page/"] {
        let r = server.get(path);
        assert!(r.status == 200 || r.status == 404, "{path}: {}", r.status);
        // The page itself, and the panel at its end.
        assert!(r.body.contains("<main"), "{path}: {}", r.body);
        assert!(
            r.body.contains(r#"<aside class="dossier-warnings""#),
            "{path}: {}",
            r.body
        );
        assert!(r.body.contains("1 warning</summary>"), "{path}");
        assert!(r.body.contains(location), "{path}");
        assert!(r.body.contains("`Unknown Daily`"), "{path}");
        assert!(r.body.contains(SCRIPT_TAG), "{path}");
        assert!(!r.body.contains(" style="), "inline style: {}", r.body);
    }
    let page = server.get("/articles/first-story/");
    assert!(page.body.contains("Acme Shipping and the harbour"));
    let css = server.get("/__dossier/warnings.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.content_type(), "text/css; charset=utf-8");
    // The terminal counts it.
    assert!(
        server.stdout().contains("; 1 warning"),
        "{}",
        server.stdout()
    );
    assert!(server.stderr().contains(location), "{}", server.stderr());

    // Fixed: the panel goes.
    let wire = dir.path().join("content/articles/wire/Wire Story.txt");
    let text = std::fs::read_to_string(&wire).unwrap();
    std::fs::write(&wire, text.replace(" and Unknown Daily", "")).unwrap();
    eventually("the page without warnings", &server, || {
        let r = server.get("/articles/first-story/");
        (r.status == 200 && !r.body.contains("dossier-warnings")).then_some(())
    });
}

/// `serve` keeps each Markdown article's parse between rebuilds, and lets
/// it go when what it was made from changes: the file (its front matter
/// too, which says whether the summary is drawn from the text) or the
/// site's `unsafe_html`.
#[test]
fn a_kept_parse_follows_its_file_and_the_raw_html_setting() {
    let dir = investigation(None);
    let content = dir.path().join("content");
    let kept = "---\ntitle: Kept story\ndate: 2019-06-01\n---\nThe harbour master, who has run the port for twenty years, said the ships came in at night. Before <b>bold</b> after.\n";
    std::fs::write(content.join("articles/kept.md"), kept).unwrap();
    age(dir.path());
    let server = Server::start(dir.path());
    let page = server.get("/articles/kept/");
    assert!(
        page.body.contains("Before &lt;b&gt;bold&lt;/b&gt; after"),
        "{}",
        page.body
    );

    // Only the site's setting changes: the unchanged article is parsed again.
    let site = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        format!("{site}unsafe_html: true\n"),
    )
    .unwrap();
    eventually("raw HTML kept", &server, || {
        server
            .get("/articles/kept/")
            .body
            .contains("Before <b>bold</b> after")
            .then_some(())
    });
    // Another file changes: the kept parse serves the article as it is.
    age(dir.path());
    let first = content.join("articles/first-story.md");
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(
        &first,
        text.replace("declined to comment", "declined to say more"),
    )
    .unwrap();
    eventually("the other edit", &server, || {
        server
            .get("/articles/first-story/")
            .body
            .contains("declined to say more")
            .then_some(())
    });
    assert!(
        server
            .get("/articles/kept/")
            .body
            .contains("Before <b>bold</b> after")
    );
    // Its front matter changes, its text does not: a summary given now
    // replaces the one drawn from the text.
    let list = server.get("/articles/");
    assert!(
        list.body.contains("ships came in at night"),
        "{}",
        list.body
    );
    std::fs::write(
        content.join("articles/kept.md"),
        kept.replace(
            "date: 2019-06-01\n",
            "date: 2019-06-01\nsummary: A summary given.\n",
        ),
    )
    .unwrap();
    eventually("the given summary", &server, || {
        let list = server.get("/articles/").body;
        (list.contains("A summary given.") && !list.contains("ships came in at night"))
            .then_some(())
    });
}
