//! What the preview adds to the site's pages: the script that reloads
//! them (`live.js`), the page shown instead of each of them while the
//! content has errors, with its style (`overlay.css`), and the panel of
//! warnings shown on every page while there are some, without hiding it
//! (`warnings.css`).

use crate::Diagnostics;
use std::fmt::Write as _;

/// Where the server answers with [`LIVE_JS`].
pub(super) const LIVE_JS_PATH: &str = "/__dossier/live.js";
/// Where the server answers with [`OVERLAY_CSS`].
pub(super) const OVERLAY_CSS_PATH: &str = "/__dossier/overlay.css";

/// Where the server answers with [`WARNINGS_CSS`].
pub(super) const WARNINGS_CSS_PATH: &str = "/__dossier/warnings.css";
/// The style of the warnings panel: every rule scoped to the panel, so that
/// the page around it keeps its own look.
pub(super) const WARNINGS_CSS: &str = include_str!("warnings.css");

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

/// One diagnostic as a list item of the error page or the warnings panel:
/// location, message, the quoted line with its caret (exactly as on the
/// terminal), hint; escaped.
fn item(d: &crate::Diagnostic) -> String {
    let mut location = d.path.to_string();
    if let Some(line) = d.line {
        let _ = write!(location, ":{line}");
        if let Some(column) = d.column {
            let _ = write!(location, ":{column}");
        }
    }
    // Warnings say so: the error page lists them with the errors.
    let (class, label) = if d.is_warning() {
        (" class=\"warning\"", "warning: ")
    } else {
        ("", "")
    };
    let mut body = format!(
        "<li{class}><h2>{}</h2><p class=\"message\">{label}{}</p>",
        crate::render::escape_markup(&location),
        crate::render::escape_markup(&d.message)
    );
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
    body
}

/// The panel of warnings added at the end of every page while the site has
/// some: a small box in a corner that opens into the list, leaving the
/// page as it is (content format 1.1: warnings are "shown in `serve`'s
/// browser overlay without hiding the page"). `None` without warnings.
pub(super) fn warnings_panel(warnings: &Diagnostics) -> Option<String> {
    if warnings.is_empty() {
        return None;
    }
    let all = warnings.clone().sorted();
    let n = all.len();
    let items: String = all.iter().map(item).collect();
    Some(format!(
        r#"<aside class="dossier-warnings" aria-label="dossier serve"><link rel="stylesheet" href="{WARNINGS_CSS_PATH}"><details><summary>{count}</summary><p class="lead">The site builds; these do not stop it. <code>--deny-warnings</code> makes them errors.</p><ol>
{items}</ol></details></aside>"#,
        count = crate::diag::plural(n, "warning"),
    ))
}

/// A page with the warnings `panel` at the end of its body.
pub(super) fn with_panel(page: &[u8], panel: &str) -> Vec<u8> {
    inject(page, panel.as_bytes())
}

/// The page shown instead of every page while the site has errors: each
/// diagnostic as the command line shows it (location, message, the quoted
/// line with its caret, hint), escaped.
pub(super) fn error_page(diags: Diagnostics) -> String {
    let terminal = diags.clone().render(false);
    let (errors, warnings) = (diags.errors(), diags.warnings());
    let all = diags.sorted();
    let count = match warnings {
        0 => crate::diag::plural(errors, "error"),
        w => format!(
            "{} and {}",
            crate::diag::plural(errors, "error"),
            crate::diag::plural(w, "warning")
        ),
    };
    let body: String = all.iter().map(item).collect();
    let n = errors;
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
    fn warnings_panel_lists_each_warning_escaped() {
        assert_eq!(warnings_panel(&Diagnostics::default()), None);
        let mut d = Diagnostics::default();
        d.push(crate::Diagnostic::at("content/a.txt", "x <b>\n", 1, 3, "odd <b>").warning());
        let panel = warnings_panel(&d).unwrap();
        assert!(panel.contains("1 warning</summary>"), "{panel}");
        assert!(panel.contains("content/a.txt:1:3"));
        assert!(panel.contains("odd &lt;b&gt;"));
        assert!(!panel.contains("<b>"));
        assert_eq!(with_panel(b"<p>x</body>", "<aside>"), b"<p>x<aside></body>");
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
