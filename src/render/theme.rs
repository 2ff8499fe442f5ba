//! Themes: the built-in `steampunk-heart` embedded in the binary, a theme
//! folder of the investigation's own, and single-template overrides.
//! Layered: built-in files first, then the theme's, then `templates/`, so a
//! theme of one's own only needs the files it changes.

use crate::diag::{Diagnostic, Diagnostics, display_path};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/steampunk-heart");
pub const DEFAULT_THEME_NAME: &str = "steampunk-heart";

/// A template's source and where it came from (for error messages).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateSource {
    pub source: String,
    /// Path relative to the root, or `(built-in theme)/…`.
    pub origin: String,
    /// Embedded in the binary, not read from the investigation.
    pub built_in: bool,
}

#[derive(Debug, Default, Clone)]
pub struct Theme {
    /// Template name (`article.html`, `partials/event.html`) to source.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Static files, path relative to the output root.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

fn add_embedded(theme: &mut Theme, dir: &Dir<'_>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => add_embedded(theme, d),
            include_dir::DirEntry::File(f) => {
                let path = f.path().to_string_lossy().replace('\\', "/");
                if let Some(name) = path.strip_prefix("templates/") {
                    if let Some(text) = f.contents_utf8() {
                        theme.templates.insert(
                            name.to_owned(),
                            TemplateSource {
                                source: text.to_owned(),
                                origin: format!("(built-in theme)/{path}"),
                                built_in: true,
                            },
                        );
                    }
                } else if let Some(name) = path.strip_prefix("static/") {
                    theme
                        .static_files
                        .insert(name.to_owned(), f.contents().to_vec());
                }
            }
        }
    }
}

/// Reads every file below `dir` into `into`, keyed by its path under `dir`.
/// Hidden files are skipped, as everywhere in an investigation.
pub fn read_tree(
    root: &Path,
    dir: &Path,
    mut add: impl FnMut(String, Vec<u8>, String),
    diags: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in crate::diag::walk(root, dir, true) {
        let entry = match entry {
            Ok(e) => e,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let key = crate::diag::slash_separated(rel);
        let shown = display_path(root, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => add(key, bytes, shown),
            Err(e) => diags.push(Diagnostic::new(
                shown,
                format!("cannot read this file: {e}"),
            )),
        }
    }
}

/// Minifies a stylesheet. Browser targets keep `min-width` media queries
/// as written (the range syntax would drop browsers older than 2023).
fn minify_css(source: &str) -> Result<String, String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    use lightningcss::targets::{Browsers, Targets};
    let targets = Targets::from(Browsers {
        safari: Some(14 << 16),
        chrome: Some(90 << 16),
        firefox: Some(90 << 16),
        ..Browsers::default()
    });
    let mut sheet =
        StyleSheet::parse(source, ParserOptions::default()).map_err(|e| e.to_string())?;
    sheet
        .minify(MinifyOptions {
            targets,
            ..MinifyOptions::default()
        })
        .map_err(|e| e.to_string())?;
    let out = sheet
        .to_css(PrinterOptions {
            minify: true,
            targets,
            ..PrinterOptions::default()
        })
        .map_err(|e| e.to_string())?;
    Ok(out.code)
}

/// Minifies every `.css` file of the theme, once per build. A stylesheet
/// that does not parse is an error naming it: shipping it unminified
/// would hide the mistake.
/// Each stylesheet as minified last time, by its path, with its text
/// before: kept by `dossier serve`, as minifying the theme's stylesheets
/// again was most of loading the theme on every rebuild.
#[derive(Default)]
pub struct Stylesheets(std::collections::HashMap<String, (Vec<u8>, Vec<u8>)>);

fn minify_stylesheets(
    theme: &mut Theme,
    diags: &mut Diagnostics,
    mut kept: Option<&mut Stylesheets>,
) {
    for (path, bytes) in theme
        .static_files
        .iter_mut()
        .filter(|(p, _)| p.ends_with(".css"))
    {
        let known = kept.as_deref().and_then(|k| k.0.get(path.as_str()));
        if let Some((_, minified)) = known.filter(|(source, _)| source == bytes) {
            *bytes = minified.clone();
            continue;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        match minify_css(text) {
            Ok(css) => {
                let css = css.into_bytes();
                if let Some(k) = kept.as_deref_mut() {
                    k.0.insert(path.clone(), (std::mem::take(bytes), css.clone()));
                }
                *bytes = css;
            }
            Err(e) => diags.push(Diagnostic::new(
                format!("(theme static)/{path}"),
                format!("this stylesheet does not parse: {e}"),
            )),
        }
    }
}

/// Loads the theme named in `site.yaml`, layered as described above.
pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Theme {
    load_keeping(root, name, diags, None)
}

/// [`load`], with the stylesheets minified last time when their texts
/// are the same (`dossier serve`).
pub(crate) fn load_keeping(
    root: &Path,
    name: &str,
    diags: &mut Diagnostics,
    stylesheets: Option<&mut Stylesheets>,
) -> Theme {
    let mut theme = Theme::default();
    add_embedded(&mut theme, &DEFAULT_THEME);
    let local = root.join("themes").join(name);
    if local.is_dir() {
        read_theme_folder(root, &local, &mut theme, diags);
    } else if name != DEFAULT_THEME_NAME {
        let mut known = vec![DEFAULT_THEME_NAME.to_owned()];
        if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
            known.extend(
                entries
                    .flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned()),
            );
        }
        diags.push(
            Diagnostic::new(
                "content/site.yaml",
                format!(
                    "unknown theme `{name}`: it is neither built in nor a folder `themes/{name}/`"
                ),
            )
            .with_hint(format!("themes available: {}", known.join(", "))),
        );
    }
    read_templates(root, &root.join("templates"), &mut theme, diags);
    minify_stylesheets(&mut theme, diags, stylesheets);
    theme
}

fn read_theme_folder(root: &Path, dir: &Path, theme: &mut Theme, diags: &mut Diagnostics) {
    read_templates(root, &dir.join("templates"), theme, diags);
    read_tree(
        root,
        &dir.join("static"),
        |key, bytes, _| {
            theme.static_files.insert(key, bytes);
        },
        diags,
    );
}

fn read_templates(root: &Path, dir: &Path, theme: &mut Theme, diags: &mut Diagnostics) {
    let mut bad = Vec::new();
    read_tree(
        root,
        dir,
        |key, bytes, shown| {
            if !key.ends_with(".html") {
                return;
            }
            match String::from_utf8(bytes) {
                Ok(source) => {
                    theme.templates.insert(
                        key,
                        TemplateSource {
                            source,
                            origin: shown,
                            built_in: false,
                        },
                    );
                }
                Err(_) => bad.push(Diagnostic::new(shown, "this template is not valid UTF-8")),
            }
        },
        diags,
    );
    diags.extend(bad);
}
