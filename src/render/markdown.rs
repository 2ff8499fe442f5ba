//! Rich text to HTML, with mentions turned into links. The links are
//! relative, so the same text renders differently at different depths:
//! `root` is the way from the page to the site root (a `url::Root`:
//! "", "../", "../../"), or `base_url` for the feed.
//!
//! Links into the site written in the text (id links, paths from the site
//! root) get their `href` here, for the page rendered: validation resolved
//! them (`model::links`).
//!
//! Ids (content format 1.1, "Ids on a page"): every id in the HTML made
//! here is unique on any page that shows the text, by its characters:
//! * the theme's own ids contain `_` (`main_content`);
//! * headings get ids of lowercase letters, digits and `-` (their slug, or
//!   as written with `{#…}`, which may use neither `_` nor `:`);
//! * footnotes are numbered, and their ids contain `:` (`fn:1`, and
//!   `fnref:1`, `fnref:1:2` for the references to them);
//! * a text shown among others on a page (an event's summary on the
//!   timeline, an actor's summary, the site description) is given a
//!   `scope` (`event-contract-awarded`), and every id in it starts with
//!   that and `:` (`event-contract-awarded:fn:1`), so two texts never
//!   share one; its own `#…` links follow. An article's body, the one text
//!   of its page that has headings to link to, keeps its ids as written.

use crate::link::Mentions;
use crate::model::{RichText, Site, Target};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// Renders `text` to HTML, linking each mention marked as a link to its
/// actor's page, and each link into the site to its target from `root`.
/// A mention across a line break is one link around both lines' parts.
/// `scope` is `None` for the page's main text (an article's body), else a
/// prefix that keeps the text's ids apart from the other texts' on the
/// page (see the module's documentation).
pub fn to_html(
    site: &Site,
    text: &RichText,
    mentions: &Mentions,
    root: &str,
    scope: Option<&str>,
) -> String {
    let mut out = String::with_capacity(text.events.len() * 16);
    let ids = Ids::new(text, scope);
    let mut next = mentions.0.iter().filter(|m| m.link).peekable();
    let mut events: Vec<Event<'_>> = Vec::with_capacity(text.events.len() + mentions.0.len() * 3);
    // A link opened in an earlier text event: where it ends.
    let mut open: Option<(usize, usize)> = None;
    // A link left out (to a draft): its end is left out too.
    let mut unlinked = false;
    for (i, event) in text.events.iter().enumerate() {
        let Event::Text(t) = event else {
            match event {
                Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                    match link(site, event, root, &ids) {
                        Some(e) => events.push(e),
                        None => unlinked = true,
                    }
                }
                Event::End(TagEnd::Link) if unlinked => unlinked = false,
                Event::Start(Tag::Heading {
                    level,
                    id: Some(id),
                    classes,
                    attrs,
                }) if scope.is_some() => events.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(ids.scoped(id))),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                })),
                _ => events.push(event.clone()),
            }
            continue;
        };
        let mut at = 0;
        match open {
            Some((end_event, end)) if end_event == i => {
                events.push(Event::Text(CowStr::from(&t[..end])));
                events.push(Event::End(TagEnd::Link));
                open = None;
                at = end;
            }
            Some(_) => {
                events.push(event.clone());
                continue;
            }
            None => {}
        }
        while let Some(m) = next.next_if(|m| m.event == i) {
            if m.start > at {
                events.push(Event::Text(CowStr::from(&t[at..m.start])));
            }
            let actor = &site.actors[m.actor];
            events.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(crate::url::actor(root, &actor.id)),
                title: CowStr::from(""),
                id: CowStr::from(""),
            }));
            if m.end_event == i {
                events.push(Event::Text(CowStr::from(&t[m.start..m.end])));
                events.push(Event::End(TagEnd::Link));
                at = m.end;
            } else {
                events.push(Event::Text(CowStr::from(&t[m.start..])));
                open = Some((m.end_event, m.end));
                at = t.len();
                break;
            }
        }
        if at == 0 {
            events.push(event.clone());
        } else if at < t.len() {
            events.push(Event::Text(CowStr::from(&t[at..])));
        }
    }
    let has_notes = events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::FootnoteDefinition(_))));
    if has_notes {
        events = footnotes(events, &ids);
    }
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    // Controls and noncharacters pasted into copy: not in any page.
    super::without_characters_not_in_markup(out)
}

/// The ids of one text on a page: its scope, and its headings' ids (its
/// own `#…` links to them follow the scope).
struct Ids<'t> {
    /// `"<scope>:"`, or empty for the page's main text.
    prefix: String,
    headings: HashSet<&'t str>,
}

impl<'t> Ids<'t> {
    fn new(text: &'t RichText, scope: Option<&str>) -> Self {
        let headings = match scope {
            Some(_) => text
                .events
                .iter()
                .filter_map(|e| match e {
                    Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.as_ref()),
                    _ => None,
                })
                .collect(),
            None => HashSet::new(),
        };
        Ids {
            prefix: scope.map(|s| format!("{s}:")).unwrap_or_default(),
            headings,
        }
    }

    /// The id `id` of the text as it is on the page.
    fn scoped(&self, id: &str) -> String {
        format!("{}{id}", self.prefix)
    }
}

/// A link's or image's start with its destination made for the page at
/// `root`: a link into the site to its target, a `#…` link to a heading
/// of a scoped text to its id on the page. `None` for a link left out (an
/// article still a draft): its text stays.
fn link<'e>(site: &Site, event: &Event<'e>, root: &str, ids: &Ids<'_>) -> Option<Event<'e>> {
    let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
        event
    else {
        return Some(event.clone());
    };
    let href = if let Some(id) = dest_url
        .strip_prefix('#')
        .filter(|id| ids.headings.contains(id))
    {
        format!("#{}", ids.scoped(id))
    } else {
        match site.links.target(dest_url) {
            None => return Some(event.clone()),
            Some(Target::Unlinked) => return None,
            Some(Target::Record(r)) => super::page::href(site, *r, root),
            Some(Target::Tag(t)) => crate::url::tag(root, &site.tags[*t].slug),
            Some(Target::File(path)) => format!("{root}{path}"),
        }
    };
    let dest = CowStr::from(href);
    Some(Event::Start(match event {
        Event::Start(Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => Tag::Image {
            link_type: *link_type,
            dest_url: dest,
            title: title.clone(),
            id: id.clone(),
        },
        Event::Start(Tag::Link {
            link_type,
            title,
            id,
            ..
        }) => Tag::Link {
            link_type: *link_type,
            dest_url: dest,
            title: title.clone(),
            id: id.clone(),
        },
        _ => return Some(event.clone()),
    }))
}

/// A footnote label as the parser matches it: case and runs of white
/// space ignored.
fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The footnotes of a text, numbered in the order they are first referred
/// to: each reference a link to its note (`fn:<n>`) with an id of its own
/// (`fnref:<n>`, then `fnref:<n>:2`…), each note at the end of the text
/// with a link back to every reference to it. Notes that nothing refers to
/// follow, in the order written, so no text is lost.
fn footnotes<'e>(events: Vec<Event<'e>>, ids: &Ids<'_>) -> Vec<Event<'e>> {
    // The notes' texts by label, and the rest of the text.
    let mut notes: HashMap<String, Vec<Event<'e>>> = HashMap::new();
    let mut written: Vec<String> = Vec::new();
    let mut main = Vec::with_capacity(events.len());
    let mut current: Option<(String, Vec<Event<'e>>, usize)> = None;
    for e in events {
        match (&mut current, e) {
            (None, Event::Start(Tag::FootnoteDefinition(label))) => {
                current = Some((label_key(&label), Vec::new(), 0));
            }
            (Some((_, body, depth)), Event::Start(Tag::FootnoteDefinition(l))) => {
                *depth += 1;
                body.push(Event::Start(Tag::FootnoteDefinition(l)));
            }
            (Some((_, body, depth)), Event::End(TagEnd::FootnoteDefinition)) if *depth > 0 => {
                *depth -= 1;
                body.push(Event::End(TagEnd::FootnoteDefinition));
            }
            (Some(_), Event::End(TagEnd::FootnoteDefinition)) => {
                if let Some((label, body, _)) = current.take()
                    && let std::collections::hash_map::Entry::Vacant(slot) =
                        notes.entry(label.clone())
                {
                    written.push(label);
                    slot.insert(body);
                }
            }
            (Some((_, body, _)), e) => body.push(e),
            (None, e) => main.push(e),
        }
    }
    let mut numbers = Numbers::default();
    let mut out = numbers.refer_all(main, &notes, ids);
    // Notes are numbered as they are referred to, also from other notes.
    let mut n = 0;
    let mut items: Vec<(usize, Vec<Event<'e>>)> = Vec::new();
    loop {
        if n == numbers.order.len() {
            // Notes nothing refers to, in the order written.
            match written.iter().find(|l| !numbers.of.contains_key(*l)) {
                Some(l) => numbers.number(l),
                None => break,
            };
        }
        let label = numbers.order[n].clone();
        let body = notes.remove(&label).unwrap_or_default();
        let body = numbers.refer_all(body, &notes, ids);
        items.push((n + 1, body));
        n += 1;
    }
    out.push(Event::Html(CowStr::from(
        "<section class=\"footnotes\" aria-label=\"Notes\">\n<ol>\n",
    )));
    for (n, mut body) in items {
        out.push(Event::Html(CowStr::from(format!(
            "<li id=\"{}\">\n",
            ids.scoped(&format!("fn:{n}"))
        ))));
        let refs = numbers.refs[n - 1];
        let mut back = String::new();
        for k in 1..=refs {
            let (id, label, mark) = if k == 1 {
                (
                    format!("fnref:{n}"),
                    "Back to the text".to_owned(),
                    String::new(),
                )
            } else {
                (
                    format!("fnref:{n}:{k}"),
                    format!("Back to the text ({k})"),
                    format!("<sup>{k}</sup>"),
                )
            };
            back.push_str(&format!(
                " <a href=\"#{}\" class=\"footnote-back\" aria-label=\"{label}\">↩\u{FE0E}{mark}</a>",
                ids.scoped(&id)
            ));
        }
        // Inside the note's last paragraph, where a reader ends.
        if matches!(body.last(), Some(Event::End(TagEnd::Paragraph))) {
            body.insert(body.len() - 1, Event::InlineHtml(CowStr::from(back)));
        } else if !back.is_empty() {
            body.push(Event::Html(CowStr::from(format!("<p>{back}</p>\n"))));
        }
        out.extend(body);
        out.push(Event::Html(CowStr::from("</li>\n")));
    }
    out.push(Event::Html(CowStr::from("</ol>\n</section>\n")));
    out
}

/// Footnote numbers by label, in the order first referred to, and how
/// many references each has had.
#[derive(Default)]
struct Numbers {
    of: HashMap<String, usize>,
    order: Vec<String>,
    refs: Vec<usize>,
}

impl Numbers {
    fn number(&mut self, label: &str) -> usize {
        if let Some(&n) = self.of.get(label) {
            return n;
        }
        self.order.push(label.to_owned());
        self.refs.push(0);
        let n = self.order.len();
        self.of.insert(label.to_owned(), n);
        n
    }

    /// `events` with each reference to a note made a link to it. A
    /// reference to no note stays as written.
    fn refer_all<'e>(
        &mut self,
        events: Vec<Event<'e>>,
        notes: &HashMap<String, Vec<Event<'e>>>,
        ids: &Ids<'_>,
    ) -> Vec<Event<'e>> {
        events
            .into_iter()
            .map(|e| match e {
                Event::FootnoteReference(label) => {
                    let key = label_key(&label);
                    if !notes.contains_key(&key) && !self.of.contains_key(&key) {
                        return Event::Text(CowStr::from(format!("[^{label}]")));
                    }
                    let n = self.number(&key);
                    self.refs[n - 1] += 1;
                    let k = self.refs[n - 1];
                    let id = if k == 1 {
                        format!("fnref:{n}")
                    } else {
                        format!("fnref:{n}:{k}")
                    };
                    Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"footnote-ref\"><a href=\"#{}\" id=\"{}\" aria-label=\"Note {n}\">{n}</a></sup>",
                        ids.scoped(&format!("fn:{n}")),
                        ids.scoped(&id)
                    )))
                }
                e => e,
            })
            .collect()
    }
}
