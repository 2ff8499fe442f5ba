//! What the preview adds to the site's pages: the script that reloads
//! them (`live.js`), and the page shown instead of each of them while the
//! content has errors, with its style (`overlay.css`).

use crate::Diagnostics;
use std::fmt::Write as _;

/// Where the server answers with [`LIVE_JS`].
pub(super) const LIVE_JS_PATH: &str = "/__dossier/live.js";
/// Where the server answers with [`OVERLAY_CSS`].
pub(super) const OVERLAY_CSS_PATH: &str = "/__dossier/overlay.css";

/// The script every served page loads: it listens to the event stream and
/// reloads the page, keeping its scroll position, when the site changed.
pub(super) const LIVE_JS: &str = include_str!("live.js");
/// The style of the error page; a file of its own because the pages'
/// Content-Security-Policy allows no inline styles.
pub(super) const OVERLAY_CSS: &str = include_str!("overlay.css");

/// An HTML page as served: with the live-reload script, which knows the
/// `version` of the site the page belongs to, at its end.
pub(super) fn with_live_script(page: &[u8], version: &str) -> Vec<u8> {
    let tag = format!(r#"<script src="{LIVE_JS_PATH}" data-version="{version}"></script>"#);
    inject(page, tag.as_bytes())
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

/// The page shown instead of every page while the site has errors: each
/// diagnostic as the command line shows it (location, message, the quoted
/// line with its caret, hint), escaped.
pub(super) fn error_page(diags: Diagnostics) -> String {
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
