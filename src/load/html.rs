//! HTML from other tools' cells (a TimelineJS sheet's `Text`, `Headline`
//! and `Media`), reduced to what dossier keeps of it: Markdown with
//! paragraphs, links and emphasis, everything else as text (content
//! format, "Data files"). html5ever's tokenizer reads the HTML as a browser
//! would (character references, unclosed tags, stray `<`); nothing of the
//! HTML itself ever reaches a page, so `unsafe_html` has no say here.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    states::RawKind,
};
use std::cell::RefCell;

/// What the tokenizer saw, in order.
enum Piece {
    Text(String),
    Start(String, Vec<(String, String)>),
    End(String),
}

#[derive(Default)]
struct Collect(RefCell<Vec<Piece>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut pieces = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(t) => match pieces.last_mut() {
                Some(Piece::Text(s)) => s.push_str(&t),
                _ => pieces.push(Piece::Text(t.to_string())),
            },
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => {
                        let attrs = tag
                            .attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect();
                        let raw = match name.as_str() {
                            "script" => Some(RawKind::ScriptData),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                                Some(RawKind::Rawtext)
                            }
                            "textarea" | "title" => Some(RawKind::Rcdata),
                            _ => None,
                        };
                        pieces.push(Piece::Start(name, attrs));
                        if let Some(kind) = raw.filter(|_| !tag.self_closing) {
                            return TokenSinkResult::RawData(kind);
                        }
                    }
                    TagKind::EndTag => pieces.push(Piece::End(name)),
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tokens of `html`.
fn tokens(html: &str) -> Vec<Piece> {
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Elements whose text is not text a reader sees.
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "noscript" | "iframe" | "title" | "head"
    )
}

/// Elements that end a paragraph where they start and end.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "blockquote"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "table"
            | "tr"
            | "hr"
            | "address"
    )
}

/// The visible text of `html` on one line: tags left out, character
/// references decoded, white space runs as one space (a headline).
pub fn to_text(html: &str) -> String {
    let mut out = String::new();
    let mut hidden = 0usize;
    for piece in tokens(html) {
        match piece {
            Piece::Text(t) if hidden == 0 => out.push_str(&t),
            Piece::Start(name, _) if is_hidden(&name) => hidden += 1,
            Piece::End(name) if is_hidden(&name) => hidden = hidden.saturating_sub(1),
            Piece::Start(name, _) | Piece::End(name) if is_block(&name) || name == "br" => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first URL `html` links to or embeds (`href`, then `src`), for a
/// TimelineJS `Media` cell given as HTML (an embed code).
pub fn first_url(html: &str) -> Option<String> {
    tokens(html).into_iter().find_map(|p| match p {
        Piece::Start(_, attrs) => attrs
            .into_iter()
            .find(|(k, v)| (k == "href" || k == "src") && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned()),
        _ => None,
    })
}

/// A TimelineJS `Media` cell as a paragraph of Markdown: a link to the
/// media (`Media: [host](url)`), the cell being its URL or an embed code
/// whose first URL is taken; HTML that links nothing (a quotation) and text
/// that is no URL are kept as text instead.
pub fn media(cell: &str) -> String {
    let cell = cell.trim();
    let Some(url) = media_url(cell) else {
        return to_markdown(cell);
    };
    let label = match url.contains("//") {
        true => crate::model::text::host_of(&url),
        false => url.as_str(),
    };
    let label = if label.is_empty() {
        url.as_str()
    } else {
        label
    };
    let mut out = String::from("Media: [");
    escape(label, &mut out);
    out.push_str("](");
    destination(&url, &mut out);
    out.push(')');
    out
}

/// The address a TimelineJS `Media` cell links to, as [`media`] links
/// it: the cell itself, or an embed code's first URL; `None` for text
/// that is no address.
pub fn media_url(cell: &str) -> Option<String> {
    let cell = cell.trim();
    let url = if cell.starts_with('<') {
        first_url(cell)
    } else if cell.contains(char::is_whitespace) && !cell.contains("://") {
        None
    } else {
        Some(cell.to_owned())
    };
    url.map(|u| with_scheme(&u))
}

/// What a `Media` cell holds beside its address: the words before it
/// (a caption), else a second address joined to it (`…/a.jpg;https://…`)
/// or the rest of the cell after it (a second address, words), which
/// [`media_url`] would take as part of one address; `None` for an embed
/// code (whose first address is taken), a lone address, or text that
/// holds no address (kept as text). An address is a word holding `://`,
/// or starting with `//` or `www.` (which [`media_url`] gives `https:`).
pub fn beside_address(cell: &str) -> Option<&str> {
    let cell = cell.trim();
    if cell.starts_with('<') {
        return None;
    }
    let is_address = |w: &str| {
        w.contains("://")
            || w.starts_with("//")
            || w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
    };
    let start = cell
        .split_whitespace()
        .find(|w| is_address(w))
        .map(|w| w.as_ptr() as usize - cell.as_ptr() as usize)?;
    let before = cell[..start].trim_end();
    if !before.is_empty() {
        return Some(before);
    }
    let word = cell[start..].split_whitespace().next().unwrap_or("");
    // A second scheme in the same word: two addresses joined by `;`, `,`
    // or `|`, from the start of its scheme's letters.
    let first = word.find("://").map_or(0, |i| i + 3);
    if let Some(i) = word[first..].find("://").map(|i| first + i) {
        let scheme = word[..i]
            .rfind(|c: char| !c.is_ascii_alphanumeric() && !matches!(c, '+' | '.' | '-'))
            .map_or(0, |j| j + 1);
        return Some(&word[scheme..]);
    }
    let after = cell[start + word.len()..].trim_start();
    (!after.is_empty()).then_some(after)
}

/// A URL that names its host without a scheme given `https:`, the scheme
/// a published page has; dossier's link rules want the whole URL. Such
/// are `//host/path`, which browsers take from the page, and
/// `www.host/path`, which TimelineJS recognises as its media (a YouTube
/// or Flickr address copied without `https://`) and dossier read as a
/// path in the site.
fn with_scheme(url: &str) -> String {
    if url.starts_with("//") {
        format!("https:{url}")
    } else if url.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("www.")) {
        format!("https://{url}")
    } else {
        url.to_owned()
    }
}

/// `html` as Markdown: paragraphs (`<p>` and the other block elements), line
/// breaks, links (`<a href>`), emphasis (`<em>`, `<i>`, `<strong>`, `<b>`),
/// an image's alt text; every other element's text as plain text, with
/// Markdown's own characters escaped so that it stays text.
pub fn to_markdown(html: &str) -> String {
    let mut md = Markdown::default();
    let mut hidden = 0usize;
    for piece in tokens(html) {
        match piece {
            Piece::Text(t) => {
                if hidden == 0 {
                    md.text(&t)
                }
            }
            Piece::Start(name, attrs) => {
                if is_hidden(&name) {
                    hidden += 1;
                    continue;
                }
                match name.as_str() {
                    "br" => md.line_break(),
                    "em" | "i" => md.open(Mark::Em),
                    "strong" | "b" => md.open(Mark::Strong),
                    "a" => {
                        let href = attrs.into_iter().find(|(k, _)| k == "href").map(|(_, v)| v);
                        match href.filter(|h| !h.trim().is_empty()) {
                            Some(h) => md.open(Mark::Link(with_scheme(h.trim()))),
                            None => md.open(Mark::Plain),
                        }
                    }
                    "img" => {
                        if let Some((_, alt)) = attrs.into_iter().find(|(k, _)| k == "alt") {
                            md.text(&alt)
                        }
                    }
                    n if is_block(n) => md.paragraph(),
                    _ => {}
                }
            }
            Piece::End(name) => {
                if is_hidden(&name) {
                    hidden = hidden.saturating_sub(1);
                    continue;
                }
                match name.as_str() {
                    "em" | "i" => md.close(|m| matches!(m, Mark::Em)),
                    "strong" | "b" => md.close(|m| matches!(m, Mark::Strong)),
                    "a" => md.close(|m| matches!(m, Mark::Link(_) | Mark::Plain)),
                    "br" => md.line_break(),
                    n if is_block(n) => md.paragraph(),
                    _ => {}
                }
            }
        }
    }
    md.finish()
}

/// An open inline element.
#[derive(Debug, PartialEq)]
enum Mark {
    Em,
    Strong,
    Link(String),
    /// An `<a>` without a link: its text is plain.
    Plain,
}

impl Mark {
    fn opening(&self) -> &'static str {
        match self {
            Mark::Em => "*",
            Mark::Strong => "**",
            Mark::Link(_) => "[",
            Mark::Plain => "",
        }
    }
}

/// Markdown being written: finished paragraphs, the current one, and the
/// inline elements open in it (each written out only once it has text, so
/// that an empty `<em></em>` leaves nothing behind).
#[derive(Default)]
struct Markdown {
    done: Vec<String>,
    para: String,
    /// Open elements, and where in `para` each was written, once it is.
    open: Vec<(Mark, Option<usize>)>,
    /// A space seen and not yet written (runs of white space are one).
    space: bool,
}

/// A hard line break in the Markdown being written.
const BREAK: &str = "\\\n";

impl Markdown {
    fn text(&mut self, t: &str) {
        let mut rest = t;
        loop {
            let trimmed = rest.trim_start();
            if trimmed.len() != rest.len() {
                self.space = true;
            }
            if trimmed.is_empty() {
                return;
            }
            let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            self.word(&trimmed[..end]);
            rest = &trimmed[end..];
        }
    }

    /// Writes a word (no white space in it), after the space before it
    /// and the opening of the elements open around it.
    fn word(&mut self, w: &str) {
        if self.space && !self.para.is_empty() && !self.para.ends_with('\n') {
            self.para.push(' ');
        }
        self.space = false;
        for (mark, at) in &mut self.open {
            if at.is_none() {
                // `![` would open an image: the `!` before a link is text.
                if matches!(mark, Mark::Link(_)) && ends_unescaped(&self.para, '!') {
                    self.para.insert(self.para.len() - 1, '\\');
                }
                *at = Some(self.para.len());
                self.para.push_str(mark.opening());
            }
        }
        escape(w, &mut self.para);
    }

    fn open(&mut self, mark: Mark) {
        // A link inside a link is not one: its text is the outer link's.
        if matches!(mark, Mark::Link(_))
            && self.open.iter().any(|(m, _)| matches!(m, Mark::Link(_)))
        {
            self.open.push((Mark::Plain, None));
            return;
        }
        self.open.push((mark, None));
    }

    /// Closes the innermost open element that `is` matches, and the
    /// elements opened inside it.
    fn close(&mut self, is: impl Fn(&Mark) -> bool) {
        let Some(k) = self.open.iter().rposition(|(m, _)| is(m)) else {
            return;
        };
        while self.open.len() > k {
            let (mark, at) = self.open.pop().expect("k < len");
            if let Some(at) = at {
                self.write_close(&mark, at);
            }
        }
    }

    /// Closes `mark`, written at `at`. Emphasis is kept only where
    /// Markdown reads it back as emphasis: around text that starts and
    /// ends with a letter or digit (`*"x"*y` is no emphasis to Markdown);
    /// elsewhere its text stays, plain. A line break that ends it goes
    /// after it.
    fn write_close(&mut self, mark: &Mark, at: usize) {
        let broke = self.para.ends_with(BREAK);
        if broke {
            self.para.truncate(self.para.len() - BREAK.len());
        }
        match mark {
            Mark::Em | Mark::Strong => {
                let open = mark.opening();
                let inner = &self.para[at + open.len()..];
                let fits = inner.starts_with(char::is_alphanumeric)
                    && inner.ends_with(char::is_alphanumeric);
                if fits {
                    self.para.push_str(open);
                } else {
                    self.para.replace_range(at..at + open.len(), "");
                    // `!` and a link's `[` now side by side: no image.
                    if self.para[at..].starts_with('[') && ends_unescaped(&self.para[..at], '!') {
                        self.para.insert(at - 1, '\\');
                    }
                }
            }
            Mark::Link(href) => {
                self.para.push_str("](");
                destination(href, &mut self.para);
                self.para.push(')');
            }
            Mark::Plain => {}
        }
        if broke {
            self.para.push_str(BREAK);
        }
    }

    fn line_break(&mut self) {
        if !self.para.is_empty() && !self.para.ends_with('\n') {
            self.para.push_str(BREAK);
        }
        self.space = false;
    }

    /// Ends the current paragraph; open elements close with it, and open
    /// again in the next one when it has text for them.
    fn paragraph(&mut self) {
        for k in (0..self.open.len()).rev() {
            if let Some(at) = self.open[k].1.take() {
                let mark = std::mem::replace(&mut self.open[k].0, Mark::Plain);
                self.write_close(&mark, at);
                self.open[k].0 = mark;
            }
        }
        let para = std::mem::take(&mut self.para);
        let para = para.trim_end_matches(['\\', '\n']).trim();
        if !para.is_empty() {
            self.done.push(escape_line_starts(para));
        }
        self.space = false;
    }

    fn finish(mut self) -> String {
        while let Some((mark, at)) = self.open.pop() {
            if let Some(at) = at {
                self.write_close(&mark, at);
            }
        }
        self.paragraph();
        self.done.join("\n\n")
    }
}

/// Whether `s` ends with `c` not escaped by a backslash.
fn ends_unescaped(s: &str, c: char) -> bool {
    let Some(rest) = s.strip_suffix(c) else {
        return false;
    };
    let backslashes = rest.len() - rest.trim_end_matches('\\').len();
    backslashes % 2 == 0
}

/// Appends `word` (no white space in it) escaped so that Markdown reads it
/// as the text it is. Every `&` is escaped: a word may be cut by a tag
/// (`&<b>amp;</b>`), and the pieces must not make a character reference.
fn escape(word: &str, out: &mut String) {
    for c in word.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A finished paragraph with what would open a block at the start of a
/// line escaped (`-`, `+`, `=`, `#`, `1.`, `1)`: a list, a heading, a
/// rule). Done on whole lines, since the words of a line may come in
/// pieces between tags.
fn escape_line_starts(para: &str) -> String {
    let mut out = String::with_capacity(para.len() + 4);
    for (i, line) in para.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&line[digits..]);
        } else {
            if line.starts_with(['-', '+', '=', '#']) {
                out.push('\\');
            }
            out.push_str(line);
        }
    }
    out
}

/// Appends a link destination: as it is when Markdown reads it back
/// unchanged, else in angle brackets with `<`, `>` and `\` escaped.
fn destination(href: &str, out: &mut String) {
    let href: String = href.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
    // `&` too: `&copy;` in a destination would be read as a character.
    let plain = !href.is_empty()
        && !href
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "()<>\\&".contains(c));
    if plain {
        out.push_str(&href);
        return;
    }
    out.push('<');
    for c in href.chars() {
        if matches!(c, '<' | '>' | '\\' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Seeds of failures found are kept beside this file.
        #![proptest_config(ProptestConfig {
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
            )),
            ..ProptestConfig::default()
        })]

        /// Whatever the HTML, the Markdown made of it holds no HTML of its
        /// own (every tag is gone or escaped), and keeps its words.
        #[test]
        fn the_markdown_keeps_the_words_and_no_html(parts in proptest::collection::vec(prop_oneof![
            Just("<p>".to_owned()), Just("</p>".to_owned()), Just("<em>".to_owned()), Just("</em>".to_owned()),
            Just("<b>".to_owned()), Just("</b>".to_owned()), Just("<a href=\"https://x.example/a\">".to_owned()),
            Just("</a>".to_owned()), Just("<br>".to_owned()), Just("<div>".to_owned()), Just("<span>".to_owned()),
            Just("&amp;".to_owned()), Just("&lt;b&gt;".to_owned()), Just("<!-- c -->".to_owned()),
            "[a-z0-9*_#>+=`~.!&;\\[\\]()|-]{1,6}", " ", "\n",
        ], 0..30)) {
            let html = parts.concat();
            let md = to_markdown(&html);
            let (text, _) = crate::model::text::parse_markdown(&md, &crate::model::text::TextRules { unsafe_html: true, own_url: None });
            for e in text.events.iter() {
                prop_assert!(!matches!(e, pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)), "{:?} from {:?}", md, html);
            }
            let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
            // Typography is the page's (`--` shows as a dash), not a loss.
            let shown = text.plain().replace('—', "---").replace('–', "--").replace('…', "...");
            prop_assert_eq!(words(&shown), words(&to_text(&html)), "{:?}", md);
        }
    }

    #[test]
    fn paragraphs_links_and_emphasis_are_kept() {
        let html = "<p>Take <a href=\"https://en.wikipedia.org/wiki/Ada_Lovelace\">Ada <em>Lovelace</em></a>: she's <b>first</b>.</p><span class=\"tl-note\">A   note.</span>";
        assert_eq!(
            to_markdown(html),
            "Take [Ada *Lovelace*](https://en.wikipedia.org/wiki/Ada_Lovelace): she's **first**.\n\nA note."
        );
    }

    #[test]
    fn text_stays_text() {
        assert_eq!(
            to_markdown("1. *not* [a] link &amp;copy; <3"),
            "1\\. \\*not\\* \\[a\\] link \\&copy; \\<3"
        );
        assert_eq!(
            to_markdown("# no heading<br>- no list"),
            "\\# no heading\\\n\\- no list"
        );
        assert_eq!(to_markdown("<script>alert(1)</script>Hi"), "Hi");
        assert_eq!(to_markdown("<em> spaced </em>out"), "*spaced* out");
        assert_eq!(to_markdown("<em></em>"), "");
    }

    #[test]
    fn odd_destinations_are_bracketed() {
        assert_eq!(
            to_markdown("<a href=\"https://x.example/a (b)\">x</a>"),
            "[x](<https://x.example/a (b)>)"
        );
        assert_eq!(
            to_markdown("<a href=\"javascript:alert(1)\">x</a>"),
            "[x](<javascript:alert(1)>)"
        );
    }

    #[test]
    fn headlines_and_embeds() {
        assert_eq!(
            to_text("Edith <i>Clarke</i>:\n Bucking &amp; the Trend"),
            "Edith Clarke: Bucking & the Trend"
        );
        assert_eq!(
            first_url("<iframe src=\"https://www.youtube.com/embed/x\"></iframe>").as_deref(),
            Some("https://www.youtube.com/embed/x")
        );
        assert_eq!(first_url("<blockquote>Words</blockquote>"), None);
        assert_eq!(
            media("//farm8.staticflickr.com/1.jpg"),
            "Media: [farm8.staticflickr.com](https://farm8.staticflickr.com/1.jpg)"
        );
        assert_eq!(
            media("https://upload.wikimedia.org/a_b.jpg"),
            "Media: [upload.wikimedia.org](https://upload.wikimedia.org/a_b.jpg)"
        );
        assert_eq!(
            media("<blockquote>“Words,” he said.</blockquote>"),
            "“Words,” he said."
        );
        assert_eq!(
            media("<iframe src=\"https://www.youtube.com/embed/x\"></iframe>"),
            "Media: [www.youtube.com](https://www.youtube.com/embed/x)"
        );
    }
}
