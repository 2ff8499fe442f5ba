//! Rendering: the model and its links become pages (Tera templates, parsed
//! once), and, through [`crate::export`], feeds and open data, all in
//! memory. Pages render in parallel.

pub(crate) mod context;
pub(crate) mod diagram;
mod markdown;
pub(crate) mod overview;
pub(crate) mod page;
pub(crate) mod pages;
pub mod paginate;
mod svg;
mod tags;
pub mod theme;

use crate::diag::{Diagnostic, Diagnostics};
use crate::export::{self, ExportCtx};
use crate::link::Graph;
use crate::model::{ArticleIx, Site};
use crate::url::{self, Root};
use crate::write::Output;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use tera::{ErrorKind, Tera};

pub use page::{PageKind, PageSpec, Shows};

/// The theme, compiled: templates parsed once, static files ready to copy.
pub struct Renderer {
    /// Shared with [`KeptTheme`] in `dossier serve`.
    tera: Arc<Tera>,
    theme: theme::Theme,
}

/// The templates `dossier serve` keeps compiled from one rebuild to the
/// next, with their sources: parsing every template again was a few
/// milliseconds of every rebuild. The theme's files are still read each
/// time, and compiled again whenever a template's text, name or origin
/// changed.
#[derive(Default)]
pub struct KeptTheme {
    compiled: Option<(BTreeMap<String, theme::TemplateSource>, Arc<Tera>)>,
    stylesheets: theme::Stylesheets,
}

impl Renderer {
    /// Loads and compiles the theme. Template errors come back as
    /// diagnostics naming the template file, line and column.
    pub fn new(root: &Path, theme_name: &str) -> Result<Renderer, Diagnostics> {
        Renderer::new_keeping(root, theme_name, None)
    }

    /// [`Renderer::new`], with the templates compiled last time when
    /// their sources are the same (`dossier serve`).
    pub(crate) fn new_keeping(
        root: &Path,
        theme_name: &str,
        mut kept: Option<&mut KeptTheme>,
    ) -> Result<Renderer, Diagnostics> {
        let mut diags = Diagnostics::default();
        let stylesheets = kept.as_deref_mut().map(|k| &mut k.stylesheets);
        let theme = theme::load_keeping(root, theme_name, &mut diags, stylesheets);
        if !diags.is_empty() {
            return Err(diags);
        }
        let compiled = kept.as_deref().and_then(|k| k.compiled.as_ref());
        if let Some((_, tera)) = compiled.filter(|(sources, _)| *sources == theme.templates) {
            return Ok(Renderer {
                tera: tera.clone(),
                theme,
            });
        }
        let renderer = Renderer::compile(theme, theme_name)?;
        if let Some(k) = kept {
            k.compiled = Some((renderer.theme.templates.clone(), renderer.tera.clone()));
        }
        Ok(renderer)
    }

    /// Compiles `theme`'s templates, checking that every page's is there.
    fn compile(theme: theme::Theme, theme_name: &str) -> Result<Renderer, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut tera = Tera::new();
        tera.set_escape_fn(escape_html);
        // `{{ n | count }}`: a count as the built-in theme's English words
        // want it, "1,195" (docs/templates.md). Anything that is not a
        // count (a negative or fractional number, a text) is written as it
        // is: the filter cannot fail, so `check` need not render the
        // built-in theme's pages (`is_built_in`).
        tera.register_filter(
            "count",
            |v: tera::Value, _: tera::Kwargs, _: &tera::State| match v
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
            {
                Some(n) => tera::Value::from(crate::diag::grouped(n)),
                None => v,
            },
        );
        // One batch: every add re-checks all templates, and parents must be present.
        let all = theme
            .templates
            .iter()
            .map(|(name, t)| (name.as_str(), t.source.as_str()));
        if let Err(e) = tera.add_raw_templates(all) {
            return Err(template_diagnostics(&theme, &e).into_iter().collect());
        }
        for required in PageKind::all().iter().map(|k| k.template) {
            if !theme.templates.contains_key(required) {
                diags.push(Diagnostic::new(
                    format!("themes/{theme_name}/templates/{required}"),
                    format!("the theme has no template `{required}`"),
                ));
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        Ok(Renderer {
            tera: Arc::new(tera),
            theme,
        })
    }

    /// Whether every template is the built-in theme's own, none replaced
    /// or added by the investigation. Those templates cannot fail on a site
    /// that passed validation: the context of every page has a fixed shape
    /// (the types in `context.rs` and each kind's file), and they only read fields of that shape,
    /// read optional ones behind an `if`, and use filters that accept every
    /// value of it (`safe`, `length`, `join`, and our `count`). `tests/it/builtin_theme.rs`
    /// holds them to that, so `check` need not render their pages.
    pub fn is_built_in(&self) -> bool {
        self.theme.templates.values().all(|t| t.built_in)
    }

    /// The paths of the theme's static files, as the site has them.
    pub fn static_paths(&self) -> impl Iterator<Item = &str> {
        self.theme.static_files.keys().map(String::as_str)
    }

    /// Renders a page into `out`; `check` passes a sink, as it keeps nothing.
    pub(crate) fn render_page(
        &self,
        template: &str,
        ctx: &tera::Context,
        out: impl std::io::Write,
    ) -> Result<(), Diagnostic> {
        self.tera.render_to(template, ctx, out).map_err(|e| {
            template_diagnostics(&self.theme, &e)
                .into_iter()
                .next()
                .unwrap_or_else(|| Diagnostic::new(template, e.to_string()))
        })
    }
}

/// Turns a Tera error into diagnostics at the template's own path.
fn template_diagnostics(theme: &theme::Theme, e: &tera::Error) -> Vec<Diagnostic> {
    let locate =
        |name: &str, line: usize, col: usize, message: String| match theme.templates.get(name) {
            Some(t) => Diagnostic::at(t.origin.clone(), &t.source, line, col, message),
            None => Diagnostic::new(name.to_owned(), message),
        };
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            vec![locate(
                r.filename(),
                r.span().start_line,
                r.span().start_col + 1,
                r.message().to_owned(),
            )]
        }
        _ => {
            // Add-time checks (unknown filter, missing include…) come as text
            // with "error: …" lines followed by " --> name:line:col" lines.
            let text = e.to_string();
            let mut out = Vec::new();
            let mut message = String::new();
            for line in text.lines() {
                if let Some(m) = line.strip_prefix("error: ") {
                    message = m.to_owned();
                } else if let Some(loc) = line.trim_start().strip_prefix("--> ") {
                    let mut it = loc.rsplitn(3, ':');
                    let col = it.next().and_then(|c| c.parse().ok());
                    let ln = it.next().and_then(|l| l.parse().ok());
                    if let (Some(col), Some(ln), Some(name)) = (col, ln, it.next()) {
                        out.push(locate(name, ln, col, message.clone()));
                    }
                }
            }
            if out.is_empty() {
                out.push(Diagnostic::new(
                    "templates",
                    text.lines().next().unwrap_or("template error").to_owned(),
                ));
            }
            out
        }
    }
}

/// Tera's own HTML escaping, written in runs: Tera's default writes every
/// byte with its own `write_all` call, which was a fifth of rendering.
/// Same entities, so the same bytes out.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| LOOK[b as usize] != 0) {
        i += k;
        let entity: &[u8] = match bytes[i] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => match not_in_markup_at(input, i) {
                // Left out: written as nothing, or as a space where it
                // breaks a line ([`breaks_a_line`]).
                Some(n) => {
                    out.write_all(&bytes[start..i])?;
                    if input[i..].chars().next().is_some_and(breaks_a_line) {
                        out.write_all(b" ")?;
                    }
                    i += n;
                    start = i;
                    continue;
                }
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        i += 1;
        start = i;
    }
    out.write_all(&bytes[start..])
}

/// For each byte, what text escaping must look at: 1 for what HTML
/// escapes, 2 for a byte that may start a character
/// [not in markup](not_in_markup) (a control, or the lead byte of
/// U+0080–U+00BF, U+F000–U+FFFF or planes 1 to 16). Scanning runs of
/// bytes against a table keeps the common case, plain text, fast.
static LOOK: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        if !matches!(b, 0x09 | 0x0A | 0x0D) {
            t[b] = 2;
        }
        b += 1;
    }
    t[0x7F] = 2;
    t[0xC2] = 2;
    t[0xEF] = 2;
    let mut b = 0xF0;
    while b <= 0xF4 {
        t[b] = 2;
        b += 1;
    }
    t[b'&' as usize] = 1;
    t[b'<' as usize] = 1;
    t[b'>' as usize] = 1;
    t[b'"' as usize] = 1;
    t[b'\'' as usize] = 1;
    t
};

/// Whether `c` may not appear in an HTML page or an XML file: the
/// controls other than tab and line ends (C0, DEL and C1), which HTML
/// calls parse errors and XML 1.0 forbids (those of C0), and the
/// noncharacters (U+FDD0–U+FDEF, U+xFFFE and U+xFFFF), which HTML also
/// calls errors and XML forbids at U+FFFE and U+FFFF (HTML Living
/// Standard, "Preprocessing the input stream"; XML 1.0, "Characters").
/// Such characters come into copy pasted from PDFs and word processors;
/// they show nothing, and are left out of every page.
pub(crate) fn not_in_markup(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

/// The length in bytes of the character at byte `i` of `s` when it is
/// [not in markup](not_in_markup). A continuation byte is never taken
/// for a character's start: none is marked in [`LOOK`].
fn not_in_markup_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes()[i];
    if LOOK[b as usize] != 2 {
        return None;
    }
    if b < 0x80 {
        return Some(1);
    }
    let c = s[i..].chars().next()?;
    not_in_markup(c).then(|| c.len_utf8())
}

/// `html` without the characters [not in markup](not_in_markup): the
/// same string when it has none, as nearly every text.
pub(crate) fn without_characters_not_in_markup(html: String) -> String {
    let bytes = html.as_bytes();
    let mut i = 0;
    let first = loop {
        match bytes[i..].iter().position(|&b| LOOK[b as usize] == 2) {
            None => return html,
            Some(k) => {
                i += k;
                if not_in_markup_at(&html, i).is_some() {
                    break i;
                }
                i += 1;
            }
        }
    };
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..first]);
    for c in html[first..].chars() {
        if breaks_a_line(c) {
            out.push(' ');
        } else if !not_in_markup(c) {
            out.push(c);
        }
    }
    out
}

/// Whether `c`, [not in markup](not_in_markup), ends a line where it was
/// typed: Word's line break (U+000B, vertical tab), a form feed
/// (U+000C), a next-line (U+0085). Left out, it glued the words on each
/// side together ("Body textwith"); it is a space instead.
pub(crate) fn breaks_a_line(c: char) -> bool {
    matches!(c, '\u{B}' | '\u{C}' | '\u{85}')
}

/// Escapes text for HTML and XML alike: the Atom feed, and the preview's
/// error page. Characters [not in markup](not_in_markup) are dropped.
pub(crate) fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    // Runs of bytes that need nothing are copied whole (the feed escapes
    // every article's HTML).
    let plain = |b: &u8| LOOK[*b as usize] == 0;
    let mut rest = s;
    while !rest.is_empty() {
        let n = rest.bytes().take_while(plain).count();
        out.push_str(&rest[..n]);
        rest = &rest[n..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than emitted.
            c if not_in_markup(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Article `i`'s body as HTML, its links relative to the article's page
/// (a record's page, [`url::RECORD_DEPTH`] down), as that page and the
/// feed's `xml:base` both want it.
///
/// Errors: its text could not be read again (`Article::body_text`).
pub(crate) fn article_body(site: &Site, graph: &Graph, i: ArticleIx) -> Result<String, Diagnostic> {
    article_body_at(site, graph, i, Root::up(url::RECORD_DEPTH).as_str())
}

/// [`article_body`] with its links relative to `root`.
pub(crate) fn article_body_at(
    site: &Site,
    graph: &Graph,
    i: ArticleIx,
    root: &str,
) -> Result<String, Diagnostic> {
    let text = site.articles[i].body_text()?;
    Ok(markdown::to_html(
        site,
        &text,
        &graph.mentions.articles[i],
        root,
        None,
    ))
}

/// The texts that could not be read again while the site was made
/// (`Article::body_text`: a file changed meanwhile), gathered from the
/// threads that make pages and exports: what was made of them is empty,
/// and the build fails with these.
#[derive(Debug, Default)]
pub(crate) struct Unread(std::sync::Mutex<Vec<Diagnostic>>);

impl Unread {
    /// Keeps `d`.
    pub(crate) fn say(&self, d: Diagnostic) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }

    /// What was said, taken: one message per file, in path order (the
    /// threads said them in no order, some more than once).
    pub(crate) fn take(&self) -> Vec<Diagnostic> {
        let mut all = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all.dedup_by(|a, b| a.path == b.path);
        all
    }
}

/// A text of the model as HTML (a correction's note for the corrections
/// feed), its mentions linked, its links relative to `root`, its ids
/// prefixed with `scope` (see `markdown::to_html`).
pub(crate) fn note_html(
    site: &Site,
    text: &crate::model::RichText,
    mentions: &crate::link::Mentions,
    root: &str,
    scope: Option<&str>,
) -> String {
    markdown::to_html(site, text, mentions, root, scope)
}

/// An article body rendered for its page (by [`article_body`]) with every
/// link into the site made absolute, from `base_url`, for the feed (feed
/// readers do not all honour `xml:base`). Every such link the renderer
/// writes is an `href` or `src` attribute that starts with the page's root
/// (`../../`), and nothing else can: paths in content that go above the
/// site root are refused, and text is escaped (`"` as `&quot;`), so
/// replacing that start is exact.
pub(crate) fn absolute_links(body: &str, base_url: &str) -> String {
    let root = Root::up(url::RECORD_DEPTH);
    let mut out = body.to_owned();
    for attr in ["href", "src"] {
        let from = format!("{attr}=\"{}", root.as_str());
        if out.contains(&from) {
            out = out.replace(&from, &format!("{attr}=\"{base_url}"));
        }
    }
    out
}

/// What every page is rendered from, made once before the pages: the
/// list of pages (read by the pages, the sitemap and the search).
///
/// Article bodies are not rendered beforehand: each is rendered for its
/// own page and dropped with it, and again only for the few newest that
/// the feed holds. Keeping them all for the feed held the whole text of
/// the investigation as HTML through the pages (about 300 MB at 50,000
/// articles; issue 18).
pub struct Plan {
    pub pages: Vec<PageSpec>,
}

impl Plan {
    /// Makes the list of pages.
    pub fn new(site: &Site, graph: &Graph) -> Plan {
        Plan {
            pages: PageSpec::all(site, graph),
        }
    }
}

/// Renders every page of `plan`, in parallel, handing each to `each` as
/// soon as it is rendered, so that no page need be kept: the caller
/// writes it. Every template error is collected;
/// the first error of `each` (an I/O error) stops the pages not begun.
pub fn each_page<E: Send>(
    site: &Site,
    graph: &Graph,
    renderer: &Renderer,
    plan: &Plan,
    each: impl Fn(&PageSpec, &[u8]) -> Result<(), E> + Sync,
) -> Result<Result<(), Diagnostics>, E> {
    let env = pages::Env::new(site, graph);
    // Largest pages first would balance better, but their sizes are not
    // known before rendering: the list's order (indexes, then records) puts
    // the big index pages early.
    let done: Result<Vec<Option<Diagnostic>>, E> = plan
        .pages
        .par_iter()
        .map_init(Vec::new, |buf, page| {
            let ctx = env.context(page);
            buf.clear();
            match renderer.render_page(page.template(), &ctx, &mut *buf) {
                // A theme's static file of the same path wins (as over an
                // export): the page is rendered for its errors only, so
                // that which file is written never depends on timing.
                Ok(()) if renderer.theme.static_files.contains_key(&page.output_path) => Ok(None),
                Ok(()) => each(page, buf).map(|()| None),
                Err(d) => Ok(Some(d)),
            }
        })
        .collect();
    let mut diags: Diagnostics = done?.into_iter().flatten().collect();
    diags.extend(env.unread.take());
    Ok(if diags.is_empty() { Ok(()) } else { Err(diags) })
}

/// Hands every export (feed, sitemap, open data), then the theme's static
/// files, to `put` as each is made, none kept: the theme's files win over
/// an export of the same path, which is then not made at all.
pub fn each_asset<E: Send>(
    site: &Site,
    graph: &Graph,
    renderer: &Renderer,
    plan: &Plan,
    put: impl Fn(&str, &[u8], bool) -> Result<(), E> + Sync,
) -> Result<Result<(), Diagnostics>, E> {
    let ctx = ExportCtx {
        site,
        graph,
        pages: &plan.pages,
        unread: Default::default(),
    };
    put_assets(&ctx, renderer, put)?;
    let unread: Diagnostics = ctx.unread.take().into_iter().collect();
    Ok(if unread.is_empty() {
        Ok(())
    } else {
        Err(unread)
    })
}

/// [`each_asset`] for the exports of `ctx`.
fn put_assets<E: Send>(
    ctx: &ExportCtx,
    renderer: &Renderer,
    put: impl Fn(&str, &[u8], bool) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let theme = &renderer.theme.static_files;
    export::each_file(ctx, |path, bytes, more| match theme.contains_key(&path) {
        true => Ok(()),
        false => put(&path, &bytes, more),
    })?;
    theme
        .iter()
        .try_for_each(|(path, bytes)| put(path, bytes, false))
}

/// Renders every page, feed and data file of the site into memory.
pub fn render(site: &Site, graph: &Graph, renderer: &Renderer) -> Result<Output, Diagnostics> {
    let plan = Plan::new(site, graph);
    let sink = crate::write::InMemory::default();
    let put = |path: &str, bytes: &[u8]| crate::write::Sink::put(&sink, path, bytes);
    let put_part = |path: &str, bytes: &[u8], more: bool| match more {
        true => crate::write::Sink::append(&sink, path, bytes),
        false => put(path, bytes),
    };
    let (pages, assets) = rayon::join(
        || {
            each_page(site, graph, renderer, &plan, |page, html| {
                put(&page.output_path, html)
            })
        },
        || each_asset(site, graph, renderer, &plan, put_part),
    );
    // Memory does not fail (`InMemory::put` is always `Ok`): only
    // template errors, and texts that could not be read again, come back.
    pages.unwrap_or(Ok(()))?;
    assets.unwrap_or(Ok(()))?;
    Ok(sink.into_output())
}

/// The path of every file [`render`] makes (pages, exports, the theme's
/// static files), none of them made, that is known before linking: the
/// later pages of a record whose lists are split are not among them (see
/// `PageSpec::before_linking`).
///
/// Without `graph`, the pages known before linking: every page but a
/// record's later pages (which linking decides).
pub fn output_paths(site: &Site, renderer: &Renderer, graph: Option<&Graph>) -> Vec<String> {
    let pages = match graph {
        Some(graph) => PageSpec::all(site, graph),
        None => PageSpec::before_linking(site),
    };
    let mut paths: Vec<String> = pages.into_iter().map(|p| p.output_path).collect();
    paths.extend(export::paths());
    paths.extend(renderer.static_paths().map(str::to_owned));
    paths
}

/// Renders every page as `render` does, keeping nothing: all that `check`
/// needs (exports cannot fail, so they are not built).
pub fn check_pages(site: &Site, graph: &Graph, renderer: &Renderer) -> Result<(), Diagnostics> {
    let env = pages::Env::new(site, graph);
    let mut diags: Vec<Diagnostic> = PageSpec::all(site, graph)
        .par_iter()
        .filter_map(|page| {
            renderer
                .render_page(page.template(), &env.context(page), std::io::sink())
                .err()
        })
        .collect();
    // A text that could not be read again rendered as nothing: said, as
    // `build` says it.
    diags.extend(env.unread.take());
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags.into_iter().collect())
    }
}

/// Everything but the pages: every export (feed, sitemap, open data) and
/// the theme's static files.
pub fn render_assets(site: &Site, graph: &Graph, renderer: &Renderer) -> Output {
    assets(site, graph, renderer, &PageSpec::all(site, graph))
}

/// The exports of [`export::ALL`], then the theme's static files (which
/// win over an export of the same path).
fn assets(site: &Site, graph: &Graph, renderer: &Renderer, pages: &[PageSpec]) -> Output {
    let ctx = ExportCtx {
        site,
        graph,
        pages,
        unread: Default::default(),
    };
    let sink = crate::write::InMemory::default();
    // Memory does not fail.
    let _ = put_assets(&ctx, renderer, |path, bytes, more| match more {
        true => crate::write::Sink::append(&sink, path, bytes),
        false => crate::write::Sink::put(&sink, path, bytes),
    });
    sink.into_output()
}

/// Every file that `build` would write for a site of `records` and
/// `tags`, by its path from the output folder: the pages
/// (`articles/x/index.html`), the exports, the theme's static files and
/// `static_files` (`content/static/`). Made without rendering, and before
/// the site is, so that relative references in content are checked with
/// the rest of it, by `check` too (`model::links::check_files`).
pub fn site_files(
    records: &crate::model::Records<'_>,
    tags: &crate::model::Tags,
    renderer: &Renderer,
    static_files: &[(String, Vec<u8>)],
) -> std::collections::BTreeSet<String> {
    let mut files: std::collections::BTreeSet<String> = PageSpec::all_of(records, tags, "/")
        .into_iter()
        .map(|p| p.output_path)
        .collect();
    files.extend(export::paths());
    files.extend(renderer.theme.static_files.keys().cloned());
    files.extend(static_files.iter().map(|(p, _)| p.clone()));
    files
}

/// Renders one page alone (the preview server's fast path).
pub fn render_one(
    site: &Site,
    graph: &Graph,
    renderer: &Renderer,
    page: &PageSpec,
) -> Result<(String, Vec<u8>), Diagnostic> {
    let env = pages::Env::new(site, graph);
    let mut buf = Vec::new();
    renderer.render_page(page.template(), &env.context(page), &mut buf)?;
    Ok((page.output_path.clone(), buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_matches_tera() {
        for s in [
            "",
            "plain",
            "<a href=\"x\">O'Brien & Co</a>",
            "&&",
            "é<€>'",
            "x'",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(s, &mut ours).unwrap();
            tera::escape_html(s, &mut teras).unwrap();
            assert_eq!(ours, teras, "{s:?}");
        }
    }

    #[test]
    fn markup_escaping() {
        assert_eq!(
            escape_markup("<a href=\"x\">O'Brien & Co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&apos;Brien &amp; Co&lt;/a&gt;"
        );
        assert_eq!(escape_markup("é\u{1}\t\n\r€<"), "é\t\n\r€&lt;");
        assert_eq!(escape_markup(""), "");
    }
}
