//! `data/timeline.json`: the timeline in TimelineJS3's JSON format
//! (content format, "The built site"), carrying dossier's events the way
//! TimelineJS's own sample timelines carry theirs: a title slide (the
//! site's title and description), then one slide per event in date order
//! with its dates at their precision (a year alone stays a year: no day is
//! made up), the date as dossier writes it (`display_date`), the title as
//! headline, the summary as HTML with its status below, and its first tag
//! as the TimelineJS group. Links are absolute from `base_url`, since the
//! file is shown away from the site.

use super::{Export, ExportCtx};
use crate::model::Date;
use crate::render::{escape_markup, note_html};
use crate::url;
use serde_json::{Map, Value, json};

/// The TimelineJS export.
pub struct Timeline;

impl Export for Timeline {
    fn make(&self, ctx: &ExportCtx, put: &mut dyn FnMut(String, Vec<u8>)) {
        super::in_parts(url::timeline_json(""), put, |spill| timeline(ctx, spill));
    }

    fn paths(&self) -> Vec<String> {
        vec![url::timeline_json("")]
    }
}

/// A TimelineJS date object: the parts dossier has, no more (TimelineJS
/// shows a date at the precision of the parts given).
fn date(d: &Date) -> Value {
    let mut m = Map::new();
    m.insert("year".into(), json!(d.year.to_string()));
    if let Some(month) = d.month {
        m.insert("month".into(), json!(month.to_string()));
    }
    if let Some(day) = d.day {
        m.insert("day".into(), json!(day.to_string()));
    }
    Value::Object(m)
}

/// The file, printed as `serde_json::to_vec_pretty` prints the whole
/// object (keys in order), but with the slides made and printed a run at
/// a time: the whole object as one value was several times the file's
/// size in memory. Parts of it are handed to `spill` as they are made
/// ([`super::in_parts`]); the last is returned.
fn timeline(ctx: &ExportCtx, spill: &mut dyn FnMut(&mut Vec<u8>)) -> Vec<u8> {
    let site = ctx.site;
    let base = site.config.base_url.as_str();
    let intro = match (&site.config.description, &site.config.subtitle) {
        (Some(d), _) => note_html(
            site,
            d,
            &crate::link::Mentions::default(),
            base,
            Some("site"),
        ),
        (None, Some(s)) => format!("<p>{}</p>", escape_markup(s)),
        (None, None) => String::new(),
    };
    let title = json!({"text": {"headline": escape_markup(&site.config.title), "text": intro}});
    let mut out = b"{\n  \"events\": ".to_vec();
    super::json::pretty_array_into(
        &mut out,
        1,
        &site.events,
        |i, e| slide(ctx, crate::kinds::Ix::new(i), e),
        spill,
    );
    out.extend_from_slice(b",\n  \"title\": ");
    let printed = serde_json::to_vec_pretty(&title).unwrap_or_default();
    super::json::push_nested(&mut out, &printed, b"\n  ");
    out.extend_from_slice(b"\n}\n");
    out
}

/// One event's slide.
fn slide(
    ctx: &ExportCtx,
    i: crate::kinds::Ix<crate::model::Event>,
    e: &crate::model::Event,
) -> Value {
    let (site, graph) = (ctx.site, ctx.graph);
    let base = site.config.base_url.as_str();
    let absolute = base.starts_with("http://") || base.starts_with("https://");
    let mut text = e
        .summary
        .as_ref()
        .map(|s| {
            let scope = format!("event-{}", e.id);
            note_html(site, s, &graph.mentions.events[i], base, Some(&scope))
        })
        .unwrap_or_default();
    text.push_str(&format!("<p><em>{}</em>", e.status.label()));
    if absolute {
        text.push_str(&format!(
            " · <a href=\"{}\">{}</a>",
            escape_markup(&url::event(base, e.page, &e.id)),
            escape_markup(&site.config.title)
        ));
    }
    text.push_str("</p>");
    let mut slide = json!({
        "unique_id": e.id,
        "start_date": date(&e.when.start),
        "display_date": e.when.display(),
        "text": {"headline": escape_markup(&e.title), "text": text},
    });
    if let Some(end) = &e.when.end {
        slide["end_date"] = date(end);
    }
    if let Some(tag) = e.tags.first() {
        slide["group"] = json!(tag);
    }
    slide
}
