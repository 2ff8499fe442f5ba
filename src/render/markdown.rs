//! Rich text to HTML, with mentions turned into links. The links are
//! relative, so the same text renders differently at different depths:
//! `root` is the way from the page to the site root (a `url::Root`:
//! "", "../", "../../").

use crate::link::Mentions;
use crate::model::{RichText, Site};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Renders `text` to HTML, linking each mention marked as a link to its
/// actor's page. A mention across a line break is one link around both
/// lines' parts.
pub fn to_html(site: &Site, text: &RichText, mentions: &Mentions, root: &str) -> String {
    let mut out = String::with_capacity(text.events.len() * 16);
    let mut next = mentions.0.iter().filter(|m| m.link).peekable();
    let mut events: Vec<Event<'_>> = Vec::with_capacity(text.events.len() + mentions.0.len() * 3);
    // A link opened in an earlier text event: where it ends.
    let mut open: Option<(usize, usize)> = None;
    for (i, event) in text.events.iter().enumerate() {
        let Event::Text(t) = event else {
            events.push(event.clone());
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
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}
