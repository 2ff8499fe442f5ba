//! Rich text: Markdown (or wire-copy paragraphs) parsed once into an owned
//! event list. Parsing happens here, in the model, so that forbidden link
//! schemes are reported with their line, raw HTML is neutralised before
//! anything else sees it, and later stages never re-parse.

use crate::diag::Diagnostic;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset};
use std::collections::HashSet;
use std::sync::Arc;

/// Parsed text, ready for mention linking and HTML rendering.
///
/// The events are shared (`Arc`): `dossier serve` keeps each article's
/// parse from one rebuild to the next and hands it to the new site, and
/// its caches ask whether a text is the one they saw. Shared, that is a
/// pointer copy and a pointer comparison, where copying and comparing
/// every article's events was a fifth of a rebuild at 10,000 articles
/// (issue 18). The events are never changed once parsed.
#[derive(Debug, Clone, Default)]
pub struct RichText {
    pub events: Arc<[Event<'static>]>,
    /// The Markdown as written, for a data field (a summary, a
    /// description), which the CSV exports write back; `None` for an
    /// article's text.
    pub source: Option<Box<str>>,
    /// The links into the site that parsing found (id links and relative
    /// references, see [`Dest`]), every one of the text even when only its
    /// lead is kept. Validation takes them (`Ctx::markdown_parsed`) to
    /// resolve once every record is known, so in a validated site this is
    /// empty: rendering finds each destination's target in
    /// `Site::links`.
    pub(crate) written_links: Vec<WrittenLink>,
}

impl PartialEq for RichText {
    /// Equal texts: the same events (the same shared list, or lists
    /// equal event by event), source and links.
    fn eq(&self, other: &Self) -> bool {
        (Arc::ptr_eq(&self.events, &other.events) || self.events == other.events)
            && self.source == other.source
            && self.written_links == other.written_links
    }
}

/// A link or image into the site as written in a text, before it is
/// resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLink {
    /// Byte offset of the link in the parsed source.
    pub offset: usize,
    /// The destination as the Markdown parser gives it (entities decoded).
    pub dest: String,
    /// Whether it is an image's source (which must be a file).
    pub image: bool,
}

/// What a destination written in content points at (content format 1.1,
/// "Links and HTML from content").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// `http:`, `https:` or `mailto:`: left as written.
    External,
    /// Only a fragment or a query (`#note`, `?x`), or nothing: a place on
    /// the page the text is shown on.
    Local,
    /// An id link: `actor:jane-roe`, `tag:shipping` (`prefix`, `key`).
    Id { prefix: String, key: String },
    /// A relative reference, a file of the built site named from its root
    /// (`docs/memo.pdf`, `/docs/memo.pdf`).
    Relative,
}

/// The prefixes of id links that the content format names (1.1). Which of
/// them resolve is the list of kinds' to say (`model::links`): one whose
/// kind this dossier does not have is an error that says so, never a
/// broken link.
pub const ID_LINK_PREFIXES: &[&str] = &["actor", "event", "source", "statement", "article", "tag"];

/// A problem in Markdown found while parsing: a link or image destination
/// with a forbidden scheme, or absurd nesting (errors); an image from
/// another host, shown as a link (a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLink {
    /// Byte offset in the parsed source.
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
    /// A warning (content format 1.1, "Warnings"), not an error.
    pub warning: bool,
}

impl BadLink {
    fn error(offset: usize, message: String) -> BadLink {
        BadLink {
            offset,
            message,
            hint: None,
            warning: false,
        }
    }

    /// The problem said at the place `at` makes of its message.
    pub fn said(self, at: impl FnOnce(String) -> Diagnostic) -> Diagnostic {
        let d = at(self.message).maybe_hint(self.hint);
        if self.warning { d.warning() } else { d }
    }
}

/// How an image of a text is shown: as itself, or, from another host,
/// as a link to it or (inside a link) as its text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Image,
    Link,
    Text,
}

/// The alt text of an image written `![alt](…)` (`written`, its source),
/// as written; `None` when it is not written so (a reference image).
fn alt_of(written: &str) -> Option<&str> {
    let inner = written.strip_prefix("![")?;
    Some(&inner[..inner.find("](")?])
}

/// The host `url` names (`cdn.example.com` of
/// `https://user@cdn.example.com/a.png`): what follows `//`, up to the
/// path, past any user name; without `//`, its first part.
pub fn host_of(url: &str) -> &str {
    let after = url.split_once("//").map_or(url, |(_, rest)| rest);
    let host = after.split(['/', '?', '#']).next().unwrap_or(after);
    host.rsplit('@').next().unwrap_or(host)
}

/// The last part of `url`'s path (`chart.png`), or its host.
fn file_name(url: &str) -> &str {
    let after = url.split_once("//").map_or(url, |(_, rest)| rest);
    let path = after.split(['?', '#']).next().unwrap_or(after);
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path)
}

/// What a text's Markdown may do, from `site.yaml`: keep raw HTML
/// (`unsafe_html`), and show images at the site's own address
/// (`base_url`, when it is a whole http(s) URL) as images.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextRules {
    pub unsafe_html: bool,
    /// The site's own address, ending in `/`: an image under it is no
    /// request to another host.
    pub own_url: Option<Arc<str>>,
}

/// The warning for an image from another host, at `offset`, of `url`:
/// it is shown as a link to the image, because a reader's browser would
/// otherwise ask that host for it, telling it who reads the page (the
/// built site makes no request to any other host).
fn external_image(offset: usize, url: &str) -> BadLink {
    let after = url.split_once("//").map_or(url, |(_, rest)| rest);
    let host = host_of(url);
    let name = (after.split(['?', '#']).next().unwrap_or(after))
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty() && *n != host)
        .unwrap_or("image.png");
    BadLink {
        offset,
        message: format!(
            "an image from another host (`{host}`) is shown as a link to it: a reader's browser would otherwise ask that host for it, and tell it who reads the page"
        ),
        hint: Some(format!(
            "copy it into content/static/ and write its path from the site root, such as `img/{name}`"
        )),
        warning: true,
    }
}

pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Whether `scheme` starts an id link: a prefix the content format names,
/// or the name of one of dossier's kinds.
fn is_id_link_prefix(scheme: &str) -> bool {
    ID_LINK_PREFIXES.contains(&scheme) || crate::kinds::KINDS.iter().any(|k| k.name == scheme)
}

/// Why a URL may not be emitted, or None when it is http(s), mailto, an
/// id link or a relative reference.
pub fn url_problem(url: &str) -> Option<String> {
    classify(url).err()
}

/// What `url` points at, or why it may not be emitted. Browsers ignore
/// ASCII tab and newline anywhere in a URL and strip leading/trailing
/// spaces and control characters, so the scheme is read the way a browser
/// would read it.
pub fn classify(url: &str) -> Result<Dest, String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_matches(|c: char| c.is_ascii_control() || c == ' ' || c == '\u{0}')
        .to_owned();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    let Some(colon) = scheme_end.filter(|&i| cleaned.as_bytes()[i] == b':') else {
        // No scheme: a relative reference, or a place on the page.
        if cleaned.is_empty() || cleaned.starts_with(['#', '?']) {
            return Ok(Dest::Local);
        }
        if cleaned.starts_with("//") || cleaned.starts_with("\\\\") {
            return Err(format!(
                "`{cleaned}` leads to another host without saying how; write the whole URL, starting with https://"
            ));
        }
        return Ok(Dest::Relative);
    };
    let scheme = &cleaned[..colon];
    if matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "mailto"
    ) {
        return Ok(Dest::External);
    }
    if is_id_link_prefix(scheme) {
        return Ok(Dest::Id {
            prefix: scheme.to_owned(),
            key: cleaned[colon + 1..].to_owned(),
        });
    }
    let shown: String = scheme.chars().flat_map(char::escape_default).collect();
    let mut message = format!(
        "the link scheme `{shown}:` is not allowed; use http:, https:, mailto:, an id link ({}) or a path from the site root",
        ID_LINK_PREFIXES
            .iter()
            .map(|p| format!("{p}:…"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // `Actor:x`, `actors:x`: an id link misspelt.
    let lower = scheme.to_ascii_lowercase();
    if let Some(close) = ID_LINK_PREFIXES
        .iter()
        .map(|p| (strsim::jaro_winkler(&lower, p), p))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
    {
        message.push_str(&format!("; did you mean `{}:`?", close.1));
    }
    Err(message)
}

/// Percent-encodes the characters that may not appear in a URL (space,
/// quotes, angle brackets, controls…), so every emitted `href` is a valid
/// URL and not merely an escaped string. `%` is kept: the author may have
/// encoded already.
pub fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_control()
            || matches!(
                c,
                ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^'
            )
        {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// How deeply Markdown elements may nest. Real writing stays far below;
/// 50,000 nested emphasis markers would make pages no browser or parser
/// downstream can handle, so they are refused with a message.
pub const MAX_NESTING: usize = 100;

/// How much of a text's parse the model keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// All of it: the site is going to be rendered.
    #[default]
    Whole,
    /// Up to the end of the first paragraph that
    /// [reads as text](super::summary::reads_as_text), which is all that
    /// validation reads (an article's default summary is drawn from it).
    /// The whole text is still parsed and its links checked. For `check`,
    /// when it renders nothing: keeping every article's text twice over is
    /// most of its memory.
    Lead,
}

/// Parses Markdown. `unsafe_html` false turns raw HTML into plain text.
pub fn parse_markdown(src: &str, rules: &TextRules) -> (RichText, Vec<BadLink>) {
    parse_markdown_keeping(src, rules, Keep::Whole)
}

/// [`parse_markdown`], keeping only what `keep` says.
pub fn parse_markdown_keeping(
    src: &str,
    rules: &TextRules,
    keep: Keep,
) -> (RichText, Vec<BadLink>) {
    let unsafe_html = rules.unsafe_html;
    let own = |url: &str| (rules.own_url.as_deref()).is_some_and(|o| url.starts_with(o));
    let mut events = Vec::new();
    let mut kept_enough = false;
    let mut bad = Vec::new();
    let parser = Parser::new_ext(src, markdown_options()).into_offset_iter();
    let mut in_html_block = false;
    let mut depth = 0usize;
    let mut written_links = Vec::new();
    let mut own_ids = HashSet::new();
    // For each image open, how it is shown; how many links are open.
    let mut images: Vec<Shown> = Vec::new();
    let mut links = 0usize;
    for (event, range) in TextMergeWithOffset::new(parser) {
        match &event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    bad.push(BadLink::error(
                        range.start,
                        format!("Markdown nested more than {MAX_NESTING} levels deep (emphasis, quotes or lists inside each other)"),
                    ));
                    return (RichText::default(), bad);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        let event = match event {
            // `<desk@news.example>`: the renderer adds `mailto:`.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => event,
            Event::Start(Tag::Link { ref dest_url, .. })
            | Event::Start(Tag::Image { ref dest_url, .. }) => {
                match classify(dest_url) {
                    Err(message) => bad.push(BadLink::error(range.start, message)),
                    Ok(Dest::Id { .. } | Dest::Relative) => written_links.push(WrittenLink {
                        offset: range.start,
                        dest: dest_url.to_string(),
                        image: matches!(event, Event::Start(Tag::Image { .. })),
                    }),
                    Ok(Dest::External | Dest::Local) => {}
                }
                event
            }
            Event::Start(Tag::Heading {
                id: Some(ref id), ..
            }) => {
                if let Some(message) = own_id_problem(id, &mut own_ids) {
                    bad.push(BadLink::error(range.start, message));
                }
                event
            }
            Event::Html(html) | Event::InlineHtml(html) if !unsafe_html => Event::Text(html),
            Event::Start(Tag::HtmlBlock) if !unsafe_html => {
                in_html_block = true;
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::HtmlBlock) if !unsafe_html => {
                in_html_block = false;
                Event::End(TagEnd::Paragraph)
            }
            other => other,
        };
        // An HTML block shown as text keeps its line breaks as spaces.
        let event = match event {
            Event::Text(t) if in_html_block => {
                Event::Text(CowStr::from(t.trim_end_matches('\n').replace('\n', " ")))
            }
            e => e,
        };
        // An image from another host becomes a link to it, its alt text
        // the link's ("Image: A chart"), with a warning.
        // Inside a link it is its text alone (a link in a link is no
        // HTML); without alt text, its file's name is the text.
        let (event, lead) = match event {
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) if matches!(classify(&dest_url), Ok(Dest::External)) && !own(&dest_url) => {
                bad.push(external_image(range.start, &dest_url));
                let label = match src.get(range.clone()).and_then(alt_of) {
                    Some("") | None => format!("Image: {}", file_name(&dest_url)),
                    Some(_) => "Image: ".to_owned(),
                };
                let label = Event::Text(label.into());
                if links > 0 {
                    images.push(Shown::Text);
                    (label, None)
                } else {
                    images.push(Shown::Link);
                    let link = Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id,
                    };
                    (Event::Start(link), Some(label))
                }
            }
            e @ Event::Start(Tag::Image { .. }) => {
                images.push(Shown::Image);
                (e, None)
            }
            Event::End(TagEnd::Image) => match images.pop() {
                Some(Shown::Link) => (Event::End(TagEnd::Link), None),
                // Nothing to close: the alt text stays as text.
                Some(Shown::Text) => (Event::Text("".into()), None),
                _ => (Event::End(TagEnd::Image), None),
            },
            e => (e, None),
        };
        match &event {
            Event::Start(Tag::Link { .. }) => links += 1,
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            _ => {}
        }
        if !kept_enough {
            let ends_paragraph = matches!(event, Event::End(TagEnd::Paragraph));
            push_merged(&mut events, event);
            if let Some(lead) = lead {
                push_merged(&mut events, lead);
            }
            kept_enough = keep == Keep::Lead && ends_paragraph && ends_summary(&events);
        }
    }
    assign_heading_ids(&mut events);
    (
        RichText {
            events: events.into(),
            source: None,
            written_links,
        },
        bad,
    )
}

/// Whether `events`, which end with a paragraph, end with the one the
/// default summary is drawn from: the first that reads as text.
fn ends_summary(events: &[Event<'static>]) -> bool {
    let start = events
        .iter()
        .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))
        .unwrap_or(0);
    let text = RichText::paragraph_text(&events[start..]);
    super::summary::reads_as_text(&text)
}

/// Wire copy: paragraphs separated by blank lines, line breaks inside a
/// paragraph kept as spaces. Nothing is interpreted as markup.
pub fn plain_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> RichText {
    let mut events = Vec::new();
    for p in paragraphs {
        events.push(Event::Start(Tag::Paragraph));
        events.push(Event::Text(CowStr::from(p.to_owned())));
        events.push(Event::End(TagEnd::Paragraph));
    }
    RichText {
        events: events.into(),
        source: None,
        written_links: Vec::new(),
    }
}

/// Why a heading's own id (`## Notes {#notes}`) may not be used: ids
/// that dossier makes are kept apart by their characters (see
/// `render::markdown`), so an author's id may not use theirs, and no two
/// headings of a text may share one.
fn own_id_problem(id: &str, seen: &mut HashSet<String>) -> Option<String> {
    if id.contains(['_', ':']) || id.chars().any(char::is_whitespace) {
        return Some(format!(
            "the heading id `{id}` may not contain `_`, `:` or spaces: the theme's ids and the footnotes' use them"
        ));
    }
    if !seen.insert(id.to_owned()) {
        return Some(format!(
            "two headings have the id `{id}`; every id on a page must be unique"
        ));
    }
    None
}

/// Raw HTML turned into text can sit next to other text; one text event per
/// run keeps mention matching from missing a name split across two. Merged
/// as they come, so the events are never copied into a second list.
fn push_merged(events: &mut Vec<Event<'static>>, event: Event<'_>) {
    if let (Event::Text(t), Some(Event::Text(prev))) = (&event, events.last_mut()) {
        *prev = CowStr::from(format!("{prev}{t}"));
        return;
    }
    events.push(event.into_static());
}

/// Headings without an explicit `{#id}` get one from their text, unique in
/// the document, so every heading can be linked to.
fn assign_heading_ids(events: &mut [Event<'static>]) {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = match super::slug::slugify(&text) {
                s if s.is_empty() => "section".to_owned(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
            i = j;
        }
        i += 1;
    }
}

impl RichText {
    /// How long the text is as written, in bytes: its Markdown where it is
    /// kept (a data field's), else the length of its text and code. What
    /// the page budget weighs a text by (`render::paginate::text_bytes`).
    pub fn written_len(&self) -> usize {
        match &self.source {
            Some(s) => s.len(),
            None => (self.events.iter())
                .map(|e| match e {
                    Event::Text(t) | Event::Code(t) => t.len(),
                    _ => 0,
                })
                .sum(),
        }
    }

    /// The plain text, for summaries and meta descriptions.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for e in self.events.iter() {
            match e {
                Event::Text(t) | Event::Code(t) => out.push_str(t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The text of each paragraph, white space folded, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = String> + '_ {
        let events = &self.events[..];
        events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, Event::Start(Tag::Paragraph)))
            .map(move |(i, _)| RichText::paragraph_text(&events[i..]))
    }

    /// The text of the paragraph `events` start with: its text and code,
    /// breaks as spaces, white space folded. An image's alt text is not
    /// the paragraph's prose: a picture opening an article is no summary.
    fn paragraph_text(events: &[Event<'_>]) -> String {
        let mut out = String::new();
        let mut in_image = 0usize;
        for e in events.iter().skip(1) {
            match e {
                Event::End(TagEnd::Paragraph) => break,
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                _ if in_image > 0 => {}
                Event::Text(t) | Event::Code(t) => out.push_str(t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The text of the first paragraph.
    pub fn first_paragraph(&self) -> String {
        let mut out = String::new();
        let mut inside = false;
        for e in self.events.iter() {
            match e {
                Event::Start(Tag::Paragraph) => inside = true,
                Event::End(TagEnd::Paragraph) if inside => break,
                Event::Text(t) | Event::Code(t) if inside => out.push_str(t),
                Event::SoftBreak | Event::HardBreak if inside => out.push(' '),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Shortens text to at most `max` characters on a word boundary, with "…".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
    )
}

/// The first sentence of a text, for meta descriptions.
pub fn first_sentence(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    text.split_sentence_bounds()
        .next()
        .unwrap_or("")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_is_what_a_summary_needs() {
        // A byline is no summary: the lead runs to the paragraph after it.
        let src = "# Title\n\nBy Ann Lee\n\nThe first *para*graph that has eight words in it.\n\nSecond [bad](javascript:x).\n";
        let (whole, bad_whole) = parse_markdown(src, &TextRules::default());
        let (lead, bad_lead) = parse_markdown_keeping(src, &TextRules::default(), Keep::Lead);
        let summary = "The first paragraph that has eight words in it.";
        assert_eq!(
            lead.paragraphs().collect::<Vec<_>>(),
            ["By Ann Lee", summary]
        );
        assert_eq!(
            super::super::summary::summary_of(
                whole
                    .paragraphs()
                    .collect::<Vec<_>>()
                    .iter()
                    .map(String::as_str)
            ),
            Some(summary.to_owned())
        );
        assert!(lead.events.len() < whole.events.len());
        assert_eq!(bad_lead.len(), 1, "links after the lead are still checked");
        assert_eq!(bad_whole.len(), bad_lead.len());
    }

    #[test]
    fn a_pictures_alt_text_is_not_its_paragraphs_text() {
        let src = "![Cranes in the harbour at dawn, seen from the pier](harbour.png)\n\nThe port authority awarded the contract on Monday.\n\nA map ![of the port](map.png) shows it.\n";
        let (t, _) = parse_markdown(src, &TextRules::default());
        assert_eq!(
            t.paragraphs().collect::<Vec<_>>(),
            [
                "",
                "The port authority awarded the contract on Monday.",
                "A map shows it."
            ]
        );
    }

    #[test]
    fn forbidden_schemes() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            " javascript:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "\u{1}javascript:x",
        ] {
            assert!(url_problem(bad).is_some(), "{bad:?} should be refused");
        }
        for ok in [
            "https://a.example",
            "http://a",
            "mailto:x@y",
            "../actors/x/",
            "#top",
            "page?a=b:c",
            "/abs/path",
        ] {
            assert_eq!(url_problem(ok), None, "{ok:?} should pass");
        }
    }

    #[test]
    fn urls_are_encoded_not_just_escaped() {
        assert_eq!(
            encode_url("https://e.com/?q=\"><script>"),
            "https://e.com/?q=%22%3E%3Cscript%3E"
        );
        assert_eq!(encode_url(" https://e.com/a b "), "https://e.com/a%20b");
        assert_eq!(encode_url("https://e.com/%20é"), "https://e.com/%20é");
    }

    #[test]
    fn entity_encoded_scheme_is_caught() {
        let (_, bad) = parse_markdown("[x](&#106;avascript:alert(1))", &TextRules::default());
        assert_eq!(bad.len(), 1);
        let (_, bad) = parse_markdown("[x](javascript&colon;alert(1))", &TextRules::default());
        assert_eq!(bad.len(), 1);
    }

    #[test]
    fn raw_html_becomes_text() {
        let (t, _) = parse_markdown(
            "a <b>bold</b> c\n\n<script>alert(1)</script>\n",
            &TextRules::default(),
        );
        let texts: Vec<String> = t
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert!(texts.iter().any(|t| t.contains("<b>bold</b>")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("<script>")), "{texts:?}");
        assert!(
            !t.events
                .iter()
                .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        );
    }

    #[test]
    fn headings_get_unique_ids() {
        let (t, _) = parse_markdown(
            "# Hello World\n\n## Hello World\n\n## Own {#mine}\n",
            &TextRules::default(),
        );
        let ids: Vec<String> = t
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["hello-world", "hello-world-2", "mine"]);
    }

    #[test]
    fn absurd_nesting_is_refused() {
        let (_, bad) = parse_markdown(
            &format!("{}x{}", "*".repeat(50_000), "*".repeat(50_000)),
            &TextRules::default(),
        );
        assert!(bad[0].message.contains("nested more than"), "{bad:?}");
        let (_, bad) = parse_markdown(&format!("{}deep", "> ".repeat(500)), &Default::default());
        assert_eq!(bad.len(), 1);
        let (_, ok) = parse_markdown(&format!("{}fine", "> ".repeat(20)), &Default::default());
        assert!(ok.is_empty());
    }

    #[test]
    fn shortening() {
        assert_eq!(shorten("one two three four", 9), "one two…");
        assert_eq!(shorten("short", 9), "short");
    }
}
