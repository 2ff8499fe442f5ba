//! `corrections.xml`: every correction of the investigation as an Atom
//! feed, newest first (content format 1.1, Corrections), for readers and
//! press monitors who follow what an investigation has put right.

use super::feed::stamp;
use super::{Export, ExportCtx};
use crate::model::correction::all;
use crate::render::escape_markup;
use crate::render::page::record_link;
use crate::url;
use std::fmt::Write as _;

/// The Atom feed of every correction.
pub struct CorrectionsFeed;

impl Export for CorrectionsFeed {
    fn make(&self, ctx: &ExportCtx, put: &mut dyn FnMut(String, Vec<u8>)) {
        put(url::corrections_feed(""), feed(ctx).into_bytes());
    }

    fn paths(&self) -> Vec<String> {
        vec![url::corrections_feed("")]
    }
}

/// Atom (RFC 4287). Each entry's id is the correction's anchor on the
/// corrections page, its link the corrected record, its content the note
/// as HTML with its links into the site absolute, from `base_url` (feed
/// readers do not all honour `xml:base`).
/// `updated` is the newest correction's date, never the build time, so
/// identical input gives identical bytes.
fn feed(ctx: &ExportCtx) -> String {
    let site = ctx.site;
    let base = &site.config.base_url;
    let entries = all(site.records());
    let updated = entries
        .iter()
        .map(|c| c.correction.date)
        .max_by_key(|d| d.key())
        .map(|d| stamp(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let author = site
        .config
        .author
        .clone()
        .unwrap_or_else(|| site.config.title.clone());
    let page = url::corrections(base);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(
        s,
        "<title>{}: corrections</title>",
        escape_markup(&site.config.title)
    );
    let _ = writeln!(s, "<link href=\"{}\"/>", escape_markup(&page));
    let _ = writeln!(
        s,
        "<link rel=\"self\" href=\"{}\"/>",
        escape_markup(&url::corrections_feed(base))
    );
    let _ = writeln!(
        s,
        "<id>{}</id>",
        escape_markup(&url::corrections_feed(base))
    );
    let _ = writeln!(s, "<updated>{updated}</updated>");
    let _ = writeln!(
        s,
        "<author><name>{}</name></author>",
        escape_markup(&author)
    );
    let _ = writeln!(s, "<generator>dossier</generator>");
    let none = crate::link::Mentions::default();
    for c in &entries {
        let record = record_link(site, c.record, base);
        let id = format!("{page}#{}", c.anchor);
        let note = crate::render::note_html(site, &c.correction.note, &none, base, Some(&c.anchor));
        let _ = writeln!(s, "<entry>");
        let _ = writeln!(
            s,
            "<title>Correction to {} “{}”</title>",
            c.kind.name,
            escape_markup(&record.text)
        );
        let _ = writeln!(s, "<link href=\"{}\"/>", escape_markup(&record.href));
        let _ = writeln!(s, "<id>{}</id>", escape_markup(&id));
        let _ = writeln!(s, "<published>{}</published>", stamp(&c.correction.date));
        let _ = writeln!(s, "<updated>{}</updated>", stamp(&c.correction.date));
        let _ = writeln!(
            s,
            "<content type=\"html\">{}</content>",
            escape_markup(&note)
        );
        let _ = writeln!(s, "</entry>");
    }
    s.push_str("</feed>\n");
    s
}
