//! Reading one article for names written like proper names. Its text is
//! read block by block (paragraphs, list items, table cells; never
//! headings, code or image text), each block folded as mentions are
//! matched (NFC, straight quotes, one space for any white space), with the
//! names of actors and sources found by the mention matcher. The block is
//! cut into words, the words into runs of capitals, the runs into names;
//! a name seen again in shorter form later in the article ("Varga-Hohl"
//! after "Ilse Varga-Hohl") is written down as that form of that name.

use super::words;
use crate::link::{FoldedText, Known, Matcher, sentence};
use crate::model::{ActorIx, RichText};
use pulldown_cmark::{Event as Md, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use unicode_normalization::char::is_combining_mark;

/// One block of an article's text as a reader reads it.
#[derive(Default)]
pub(super) struct Block {
    pub text: String,
    /// Byte ranges of `text` that are code or raw HTML: never a name.
    code: Vec<(usize, usize)>,
    /// A paragraph (not a list item or a table cell).
    paragraph: bool,
}

/// The blocks of a text, in reading order; the same list every time, so a
/// [`Place`] can be found again.
pub(super) fn blocks(text: &RichText) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur = Block::default();
    // Inside a heading or a code block: nothing is read. Inside an image:
    // its alt text is not read, but the paragraph goes on.
    let mut hidden = 0usize;
    let mut image = 0usize;
    for e in text.events.iter() {
        match e {
            Md::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => {
                flush(&mut out, &mut cur);
                hidden += 1;
            }
            Md::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                hidden = hidden.saturating_sub(1);
                cur = Block::default();
            }
            _ if hidden > 0 => {}
            Md::Start(Tag::Image { .. }) => image += 1,
            Md::End(TagEnd::Image) => image = image.saturating_sub(1),
            _ if image > 0 => {}
            Md::Text(t) => cur.text.push_str(t),
            Md::Code(t) | Md::InlineHtml(t) | Md::InlineMath(t) | Md::DisplayMath(t) => {
                let start = cur.text.len();
                cur.text.push_str(t);
                cur.code.push((start, cur.text.len()));
            }
            Md::SoftBreak | Md::HardBreak => cur.text.push('\n'),
            // Emphasis and links are part of the sentence; link text is
            // read (a reader reads it, and mentions count it too).
            Md::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. },
            )
            | Md::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link,
            )
            | Md::FootnoteReference(_)
            | Md::TaskListMarker(_) => {}
            Md::Start(Tag::Paragraph) => {
                flush(&mut out, &mut cur);
                cur.paragraph = true;
            }
            _ => flush(&mut out, &mut cur),
        }
    }
    flush(&mut out, &mut cur);
    out
}

fn flush(out: &mut Vec<Block>, cur: &mut Block) {
    let block = std::mem::take(cur);
    if !block.text.trim().is_empty() {
        out.push(block);
    }
}

/// The full name a short form was written after: an actor's, or a name
/// with no record (as folded).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Full {
    Actor(ActorIx),
    Name(String),
}

/// Where a name was read: its block, and its bytes in the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    pub block: u32,
    pub start: u32,
    pub end: u32,
}

/// A name read in an article.
#[derive(Debug, Clone)]
pub(super) struct Occurrence {
    /// As folded (NFC, straight quotes, single spaces); a short form as it
    /// was registered ("de Wit" for "De Wit").
    pub form: String,
    /// The full name written before it in the article, when it is a short
    /// form of one.
    pub full: Option<Full>,
    /// One capitalised word opening a sentence, a quotation or a
    /// paragraph, and not a short form of a name written before it: by
    /// itself no sign that it is a name ("However").
    pub unproven: bool,
    pub at: Place,
}

/// What an article yields: its names in reading order, and every short
/// form with the full name it was written after.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub occurrences: Vec<Occurrence>,
    pub shorts: Vec<(String, Full)>,
}

/// Reads an article's text (one pass over each block).
pub(super) fn article(matcher: &Matcher, body: &RichText) -> Found {
    let mut reader = Reader {
        matcher,
        found: Found::default(),
        shorts: HashMap::default(),
        lower: Vec::new(),
        opening: Vec::new(),
    };
    for (i, block) in blocks(body).iter().enumerate() {
        reader.block(i as u32, block);
    }
    // A word opening a sentence that the article also writes in lower
    // case is a common word there ("Dredging" after "Glenmore Dredging",
    // when the text speaks of "dredging"), even if it is a name's short
    // form.
    let Reader {
        mut found,
        mut lower,
        opening,
        ..
    } = reader;
    if !opening.is_empty() && !lower.is_empty() {
        lower.sort_unstable();
        let common: HashSet<usize> = opening
            .into_iter()
            .filter(|&k| {
                let w = found.occurrences[k].form.to_lowercase();
                lower.binary_search(&word_hash(&w)).is_ok()
            })
            .collect();
        let mut k = 0;
        found.occurrences.retain(|_| {
            k += 1;
            !common.contains(&(k - 1))
        });
    }
    found
}

/// A word's hash (64-bit FNV-1a), to remember the lower-case words of an
/// article without keeping them; a rare collision only makes a short
/// form opening a sentence count as a common word.
fn word_hash(w: &str) -> u64 {
    w.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

struct Reader<'m> {
    matcher: &'m Matcher,
    found: Found,
    /// Short forms registered so far in this article: the last full name
    /// each was written after.
    shorts: HashMap<String, Full, BuildHasherDefault<words::Fnv>>,
    /// The lower-case words of the article (hashed), 3 bytes or longer.
    lower: Vec<u64>,
    /// The occurrences that are one capitalised word opening a sentence.
    opening: Vec<usize>,
}

impl Reader<'_> {
    fn block(&mut self, ix: u32, block: &Block) {
        if is_furniture(block) {
            return;
        }
        let folded = FoldedText::new(&block.text);
        let h = folded.as_str();
        let known = self.matcher.find_folded(&folded);
        let web = folded.web_spans();
        let code = &block.code;
        // URLs, e-mail addresses, domains and code name no one. Words
        // are asked about in order, so each list is walked once.
        let (mut w, mut c) = (0, 0);
        let mut blocked = |start: usize, end: usize| {
            while web.get(w).is_some_and(|&(_, e)| e <= start) {
                w += 1;
            }
            let (s, e) = (folded.original(start), folded.original(end));
            while code.get(c).is_some_and(|&(_, ce)| ce <= s) {
                c += 1;
            }
            web.get(w).is_some_and(|&(ws, _)| ws < end)
                || code.get(c).is_some_and(|&(cs, _)| cs < e)
        };
        let lead = dateline_end(h);
        let toks = tokens(h, lead, &known, &mut blocked);
        for t in toks
            .iter()
            .filter(|t| t.class == Class::Other && t.end - t.start >= 3)
        {
            let w = &h[t.start..t.end];
            if w.starts_with(char::is_lowercase) {
                self.lower.push(word_hash(w));
            }
        }
        let place = |start: usize, end: usize| Place {
            block: ix,
            start: folded.original(start) as u32,
            end: folded.original(end) as u32,
        };
        // The last name read, for an acronym in brackets right after it.
        let mut last: Option<(usize, Full)> = None;
        for run in runs(h, &toks) {
            for seg in segments(h, &run) {
                let (start, end) = (seg[0].start, seg[seg.len() - 1].end);
                let form = &h[start..end];
                if seg.iter().all(|t| matches!(t.class, Class::Known(_))) {
                    last = match seg[..] {
                        [
                            Token {
                                class: Class::Known(Some(actor)),
                                ..
                            },
                        ] => {
                            let full = Full::Actor(actor);
                            self.register(form, &full);
                            Some((end, full))
                        }
                        _ => None,
                    };
                    continue;
                }
                // "the Committee for Fair Tenders (CFT)": a short form.
                let bracketed = h[..start].ends_with('(') && h[end..].starts_with(')');
                if seg.len() == 1 && seg[0].class == Class::Acronym && bracketed {
                    if let Some((_, full)) = last.take().filter(|(e, _)| &h[*e..start] == " (") {
                        self.add_short(form.to_owned(), &full);
                        self.found.occurrences.push(Occurrence {
                            form: form.to_owned(),
                            full: Some(full),
                            unproven: false,
                            at: place(start, end),
                        });
                    }
                    continue;
                }
                if !worth_reading(h, &seg) {
                    last = None;
                    continue;
                }
                let opening = seg.len() == 1 && seg[0].class == Class::Cap && opens(h, start, lead);
                if opening {
                    self.opening.push(self.found.occurrences.len());
                }
                let registered = self
                    .shorts
                    .get_key_value(form)
                    .or_else(|| self.shorts.get_key_value(&lowered_particle(form)?));
                let occurrence = match registered {
                    Some((short, full)) => Occurrence {
                        form: short.clone(),
                        full: Some(full.clone()),
                        unproven: false,
                        at: place(start, end),
                    },
                    None => {
                        let full = Full::Name(form.to_owned());
                        if seg.iter().filter(|t| t.class.is_name()).count() >= 2 {
                            self.register(form, &full);
                        }
                        Occurrence {
                            form: form.to_owned(),
                            full: None,
                            unproven: opening,
                            at: place(start, end),
                        }
                    }
                };
                last = Some((
                    end,
                    occurrence.full.clone().unwrap_or(Full::Name(form.into())),
                ));
                self.found.occurrences.push(occurrence);
            }
        }
    }

    /// Registers the short forms of a full name written out: a company's
    /// name without its legal or trade suffix ("Veltra" for "Veltra
    /// Systems", "NSO" for "NSO Group"); or a person's last word
    /// ("Halloran"), and that word with the particles before it ("de
    /// Wit"). The latter only for names written as people's are
    /// (capitalised words, initials and particles: not "Prosecutors in
    /// Paris", "Committee for Fair Tenders"), and unless the word only
    /// names a kind of institution ("Board").
    fn register(&mut self, name: &str, full: &Full) {
        let words: Vec<&str> = name.split(' ').collect();
        let kept = words
            .iter()
            .rposition(|w| !words::is_company_suffix(&w.to_lowercase()))
            .map_or(0, |k| k + 1);
        if kept < words.len() {
            let short = &words[..kept];
            let meaningful = |w: &str| {
                let w = w.to_lowercase();
                !(words::is_generic(&w) || words::is_demonym(&w) || words::is_stop(&w))
            };
            if short.iter().any(|w| meaningful(w)) {
                self.add_short(short.join(" "), full);
            }
            return;
        }
        let Some((&last, before)) = words.split_last() else {
            return;
        };
        let as_people_write =
            |w: &&str| w.starts_with(|c: char| c.is_uppercase()) || words::is_particle(w);
        if before.is_empty() || !is_capitalised(last) || !before.iter().all(as_people_write) {
            return;
        }
        let lower = last.to_lowercase();
        if words::is_generic(&lower) || words::is_org_head(&lower) || words::is_demonym(&lower) {
            return;
        }
        let particles = before
            .iter()
            .rev()
            .take_while(|w| words::is_particle(w))
            .count();
        let mut shorts = vec![last.to_owned()];
        if particles > 0 && particles < before.len() {
            shorts.push(words[words.len() - 1 - particles..].join(" "));
        }
        for short in shorts {
            self.add_short(short, full);
        }
    }

    fn add_short(&mut self, short: String, full: &Full) {
        // An actor named twenty times registers its short forms once.
        if self.shorts.get(&short) != Some(full) {
            self.shorts.insert(short.clone(), full.clone());
            self.found.shorts.push((short, full.clone()));
        }
    }
}

/// "De Wit" as "de Wit": a particle capitalised to open a sentence.
fn lowered_particle(form: &str) -> Option<String> {
    let (first, rest) = form.split_once(' ')?;
    let lower = first.to_lowercase();
    words::is_particle(&lower).then(|| format!("{lower} {rest}"))
}

/// A capital followed by at least one lower-case letter.
fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
}

/// What a word is, for reading names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A capital, then lower case: "Macron", "Ben-Barak", "al-Assad", "O'Brien".
    Cap,
    /// Capitals only, 2 letters or more, or dotted ("NSO", "G7", "U.S."):
    /// an organisation's initials, or a dateline, or shouting.
    Acronym,
    /// One capital with a full stop ("K.").
    Initial,
    /// A lower-case particle ("de", "van", "bin").
    Particle,
    /// "of", "for", "on", "to", "the": inside an organisation's name only.
    Connector,
    /// An actor's name or alias (`Some`), or a source's (`None`).
    Known(Option<ActorIx>),
    /// Anything else: no name goes on past it.
    Other,
}

impl Class {
    fn is_name(self) -> bool {
        matches!(
            self,
            Class::Cap | Class::Acronym | Class::Initial | Class::Known(_)
        )
    }
}

/// A word of a block's folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    class: Class,
    /// No name goes on past it: a possessive ("Brandt's"), or a name cut
    /// before a lower-case part ("Paris-based").
    closes: bool,
}

/// The words of `h` from `lead` on (what comes before is a dateline).
fn tokens(
    h: &str,
    lead: usize,
    known: &[Known],
    blocked: &mut dyn FnMut(usize, usize) -> bool,
) -> Vec<Token> {
    let mut out = Vec::new();
    let mut known = known.iter().peekable();
    let mut i = lead;
    while i < h.len() {
        // Names that start inside a word ("Barak" in "Ben-Barak") are
        // part of that word.
        while known.next_if(|k| k.start < i).is_some() {}
        if let Some(k) = known.next_if(|k| k.start == i) {
            out.push(Token {
                start: k.start,
                end: k.end,
                class: Class::Known(k.actor),
                closes: false,
            });
            i = k.end;
            continue;
        }
        let b = h.as_bytes();
        // Spaces, punctuation and plain lower-case words are most of any
        // text: they are read byte by byte, without decoding characters.
        if b[i].is_ascii() && !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if let Some((mut token, next)) = plain_word(h, i) {
            if blocked(token.start, next) {
                token.class = Class::Other;
            }
            out.push(token);
            i = next;
            continue;
        }
        let Some(c) = h[i..].chars().next() else {
            break;
        };
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let (mut token, next) = word(h, i);
        if blocked(token.start, next) {
            token.class = Class::Other;
        }
        out.push(token);
        i = next;
    }
    out
}

/// [`word`] for a plain lower-case ASCII word at `i` (letters and digits,
/// with nothing joined on and no other letter after it), read without
/// decoding characters: most words of any text are such. `None` for
/// anything else.
fn plain_word(h: &str, i: usize) -> Option<(Token, usize)> {
    let b = h.as_bytes();
    if !b.get(i)?.is_ascii_lowercase() {
        return None;
    }
    let mut j = i + 1;
    while b
        .get(j)
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        j += 1;
    }
    let plain = b
        .get(j)
        .is_none_or(|&c| c.is_ascii() && !c.is_ascii_alphanumeric() && !matches!(c, b'-' | b'\''));
    if !plain {
        return None;
    }
    let w = &h[i..j];
    let class = if words::is_particle(w) {
        Class::Particle
    } else if words::is_connector(w) {
        Class::Connector
    } else {
        Class::Other
    };
    let token = Token {
        start: i,
        end: j,
        class,
        closes: false,
    };
    Some((token, j))
}

/// The word starting at `i` (a letter or digit), and where reading goes on.
fn word(h: &str, i: usize) -> (Token, usize) {
    if let Some(end) = dotted_capitals(h, i) {
        let token = Token {
            start: i,
            end,
            class: Class::Acronym,
            closes: false,
        };
        return (token, end);
    }
    // Letters, digits and marks, joined by hyphens and apostrophes.
    let mut end = i;
    let mut chars = h[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        // Combining marks start at U+0300: most characters need no lookup.
        if c.is_alphanumeric() || (c >= '\u{300}' && is_combining_mark(c)) {
            end = i + k + c.len_utf8();
        } else if !(is_joiner(c) && chars.peek().is_some_and(|&(_, d)| d.is_alphanumeric())) {
            break;
        }
    }
    let next = end;
    let mut closes = false;
    // A possessive ends a name: "Brandt's deputy", "the Journalists' fund".
    let w = &h[i..end];
    if let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("'S")) {
        end = i + stem.len();
        closes = true;
    } else if w.ends_with('s')
        && h[end..].starts_with('\'')
        && !h[end + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        closes = true;
    }
    let w = &h[i..end];
    let Some(first) = w.chars().next() else {
        return (other(i, next), next);
    };
    let class = if first.is_lowercase() {
        match w.split_once(['-', '\'']) {
            // "al-Assad", "d'Estaing"
            Some((particle, rest))
                if words::is_joined_particle(particle)
                    && rest.chars().next().is_some_and(char::is_uppercase) =>
            {
                Class::Cap
            }
            Some(_) => Class::Other,
            None if words::is_particle(w) => Class::Particle,
            None if words::is_connector(w) => Class::Connector,
            None => Class::Other,
        }
    } else if first.is_uppercase() {
        // "Paris-based", "Israeli-made": the name is the part before.
        let cut = w.char_indices().find(|&(k, c)| {
            is_joiner(c) && c != '\'' && w[k + c.len_utf8()..].starts_with(char::is_lowercase)
        });
        if let Some((k, _)) = cut {
            end = i + k;
            closes = true;
        }
        let w = &h[i..end];
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if w.chars().any(char::is_lowercase) {
            if words::is_date(&w.to_lowercase()) {
                Class::Other
            } else if matches!(w, "St" | "Ste" | "Mt" | "Ft") && h[end..].starts_with('.') {
                // "St. Petersburg": an abbreviation inside a name.
                Class::Initial
            } else {
                Class::Cap
            }
        } else if w.chars().count() == 1 {
            if h[end..].starts_with('.') {
                Class::Initial
            } else {
                Class::Other
            }
        } else if letters >= 2 {
            Class::Acronym
        } else {
            Class::Other
        }
    } else {
        Class::Other
    };
    let token = Token {
        start: i,
        end,
        class,
        closes,
    };
    (token, next)
}

fn other(start: usize, end: usize) -> Token {
    Token {
        start,
        end,
        class: Class::Other,
        closes: true,
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2010}' | '\u{2011}')
}

/// The end of dotted capitals at `i` ("U.S.", "A.P."), if there are some.
fn dotted_capitals(h: &str, i: usize) -> Option<usize> {
    let b = h.as_bytes();
    let (mut j, mut n) = (i, 0);
    while j + 1 < b.len() && b[j].is_ascii_uppercase() && b[j + 1] == b'.' {
        j += 2;
        n += 1;
    }
    (n >= 2 && !b.get(j).is_some_and(u8::is_ascii_alphanumeric)).then_some(j)
}

/// Runs of capitalised words, one space apart (or an initial's ". "),
/// with particles between them and, after an institution word,
/// connectors ("Committee for Fair Tenders").
fn runs(h: &str, tokens: &[Token]) -> Vec<Vec<Token>> {
    let mut runs = Vec::new();
    let mut cur: Vec<Token> = Vec::new();
    // Lower-case words read since the last name word of `cur`.
    let mut pending: Vec<Token> = Vec::new();
    let mut prev: Option<Token> = None;
    for &t in tokens {
        let joined = prev.is_some_and(|p| !p.closes && joins(h, &p, &t));
        if !joined {
            end_run(&mut runs, &mut cur);
            pending.clear();
        }
        match t.class {
            Class::Other => {
                end_run(&mut runs, &mut cur);
                pending.clear();
            }
            Class::Particle | Class::Connector => pending.push(t),
            _ => {
                if !pending.is_empty() {
                    let goes_on = cur.last().is_some_and(|last| may_join(h, last, &pending));
                    if goes_on {
                        cur.append(&mut pending);
                    } else {
                        end_run(&mut runs, &mut cur);
                        // Particles may open a name: "de Wit".
                        let k = pending
                            .iter()
                            .rposition(|p| p.class != Class::Particle)
                            .map_or(0, |k| k + 1);
                        cur.extend_from_slice(&pending[k..]);
                        pending.clear();
                    }
                }
                cur.push(t);
            }
        }
        prev = Some(t);
    }
    end_run(&mut runs, &mut cur);
    runs
}

fn end_run(runs: &mut Vec<Vec<Token>>, cur: &mut Vec<Token>) {
    if !cur.is_empty() {
        runs.push(std::mem::take(cur));
    }
}

/// Whether `t` goes on from `p`: one space apart, or an initial's ". ".
fn joins(h: &str, p: &Token, t: &Token) -> bool {
    let gap = &h[p.end..t.start];
    gap == " " || (p.class == Class::Initial && gap == ". ")
}

/// Whether the lower-case words `pending` join `last` to the next name
/// word: particles ("Jonas de Wit"), or after an institution word a
/// connector ("Bank of England", "Church of the Nativity").
fn may_join(h: &str, last: &Token, pending: &[Token]) -> bool {
    if pending.len() <= 3 && pending.iter().all(|p| p.class == Class::Particle) {
        return true;
    }
    let words: Vec<&str> = pending.iter().map(|p| &h[p.start..p.end]).collect();
    let shape = match words[..] {
        [c] | [c, "the"] => words::is_connector(c) && c != "the",
        _ => false,
    };
    shape && last.class == Class::Cap && words::is_org_head(&h[last.start..last.end].to_lowercase())
}

/// A run cut into names: function words ("The") and titles ("President",
/// "CEO") split it and are left out, with the words that only say which
/// title ("French Foreign Minister", "Secretary of State").
fn segments(h: &str, run: &[Token]) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    let mut cur: Vec<Token> = Vec::new();
    let mut after_title = false;
    for (k, &t) in run.iter().enumerate() {
        let lower = matches!(t.class, Class::Cap | Class::Acronym)
            .then(|| h[t.start..t.end].to_lowercase());
        // A title word that ends a name is a surname: "Stephen King",
        // "John Major" (but "the Foreign Minister", "Tellurion CEO").
        let surname = k + 1 == run.len()
            && t.class == Class::Cap
            && cur.last().is_some_and(|p| {
                p.class == Class::Cap && {
                    let w = h[p.start..p.end].to_lowercase();
                    !(is_office_word(h, p) || words::is_generic(&w) || words::is_title(&w))
                }
            });
        match lower.as_deref() {
            Some(w) if words::is_title(w) && !surname => {
                while cur.last().is_some_and(|p| is_office_word(h, p)) {
                    cur.pop();
                }
                end_segment(&mut out, &mut cur);
                after_title = true;
                continue;
            }
            Some(w) if words::is_stop(w) => {
                end_segment(&mut out, &mut cur);
                after_title = false;
                continue;
            }
            _ => {}
        }
        if after_title && cur.is_empty() && (is_office_word(h, &t) || t.class == Class::Connector) {
            continue;
        }
        after_title = false;
        cur.push(t);
    }
    end_segment(&mut out, &mut cur);
    out
}

/// A word that only says which office a title is ("Foreign", "French",
/// "U.S." in "U.S. Attorney General").
fn is_office_word(h: &str, t: &Token) -> bool {
    let w = h[t.start..t.end].to_lowercase();
    match t.class {
        Class::Cap => words::is_portfolio(&w) || words::is_demonym(&w),
        Class::Acronym => true,
        _ => false,
    }
}

/// Keeps `cur` as a name, without connectors at its start or particles
/// and connectors at its end, if a name word is left.
fn end_segment(out: &mut Vec<Vec<Token>>, cur: &mut Vec<Token>) {
    let mut seg = std::mem::take(cur);
    while seg
        .last()
        .is_some_and(|t| matches!(t.class, Class::Particle | Class::Connector))
    {
        seg.pop();
    }
    let lead = seg
        .iter()
        .take_while(|t| t.class == Class::Connector)
        .count();
    seg.drain(..lead);
    if seg.iter().any(|t| t.class.is_name()) {
        out.push(seg);
    }
}

/// Whether a name read (not an actor's or source's) may be listed: not
/// one word that is a nationality, an institution, a date, an agency, a
/// title or a function word, not a lone initial or an abbreviation, not
/// capitals only ("NEW DELHI", "BREAKING NEWS").
fn worth_reading(h: &str, seg: &[Token]) -> bool {
    if let [t] = seg {
        let w = h[t.start..t.end].to_lowercase();
        return match t.class {
            Class::Cap => {
                !(words::is_demonym(&w)
                    || words::is_generic(&w)
                    || words::is_date(&w)
                    || words::is_agency(&w)
                    || words::is_stop(&w)
                    || words::is_title(&w))
            }
            // Longer words in capitals are shouting ("SPYWARE").
            Class::Acronym => {
                let w = w.replace('.', "");
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                letters <= 6 && !(words::is_not_acronym(&w) || words::is_agency(&w))
            }
            _ => false,
        };
    }
    !seg.iter()
        .filter(|t| t.class.is_name())
        .all(|t| t.class == Class::Acronym)
}

/// What may stand before the first letter of a sentence or a quotation.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '«' | '‹' | '„' | '¿' | '¡' | '*' | '_'
    )
}

/// Whether the word at `at` opens a sentence, a quotation, what follows a
/// colon, or the block (after its dateline, if any): where any word is
/// capitalised.
fn opens(h: &str, at: usize, lead: usize) -> bool {
    let chunk = h[..at].trim_end_matches(is_opener).len();
    if chunk <= lead {
        return true;
    }
    if h[chunk..at].contains(['"', '\'', '«', '„', '‹']) {
        return true;
    }
    if h[..chunk].trim_end().ends_with(':') {
        return true;
    }
    sentence::opens_sentence(h, chunk)
}

/// Where the text after a dateline starts (0 without one): `ROME (NWR) -`,
/// `JERUSALEM, July 24 (Reuters) -`, `NEW DELHI:`, `(ANSA) - PARIS, July
/// 20 -`. A dateline is capitals, numbers and months, with anything in
/// brackets, before a dash or a colon near the start of a block.
fn dateline_end(h: &str) -> usize {
    let mut at = 0;
    for _ in 0..2 {
        let rest = &h[at..];
        let window = crate::diag::char_floor(rest, 100);
        let found = [" - ", " – ", " — ", " -- ", ": "]
            .iter()
            .filter_map(|sep| rest[..window].find(sep).map(|p| (p, sep.len())))
            .min();
        match found {
            Some((p, len)) if is_dateline(&rest[..p]) => at += p + len,
            _ => break,
        }
    }
    at
}

fn is_dateline(p: &str) -> bool {
    // What is in brackets is the agency: "(Reuters)", "(ANSA)".
    let mut outside = String::new();
    let mut depth = 0usize;
    let mut bracketed = false;
    for c in p.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                bracketed = true;
            }
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let mut capitals = false;
    for w in outside
        .split([' ', ',', '.', '/'])
        .filter(|w| !w.is_empty())
    {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && !w.chars().any(char::is_lowercase) {
            capitals = true;
        } else if !(w.chars().all(|c| c.is_ascii_digit()) || words::is_date(&w.to_lowercase())) {
            return false;
        }
    }
    capitals || (bracketed && outside.trim().is_empty())
}

/// A block that is not the story's text: a byline ("By Lena Fisk"), a
/// credit or caption line ("Reporting by …", "Photo: …"), or a paragraph
/// that is a title ("Dam Contract Under Scrutiny"), which capitalises
/// every word.
fn is_furniture(block: &Block) -> bool {
    let t = block.text.trim();
    let head: String = t
        .trim_start_matches(['(', '['])
        .chars()
        .take(32)
        .collect::<String>()
        .to_lowercase();
    const LABELS: &[&str] = &[
        "reporting by",
        "additional reporting by",
        "writing by",
        "editing by",
        "compiled by",
        "photo:",
        "photo by",
        "photos:",
        "photograph:",
        "image:",
        "picture:",
        "credit:",
        "illustration:",
        "video:",
        "source:",
        "sources:",
        "read more:",
        "related:",
        "see also:",
    ];
    if LABELS.iter().any(|l| head.starts_with(l)) {
        return true;
    }
    if let Some(rest) = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY ")) {
        let rest: Vec<&str> = rest.split_whitespace().take(11).collect();
        let byline_word = |w: &&str| {
            let w = w.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | '(' | ')'));
            w.is_empty()
                || matches!(w, "and" | "&" | "in" | "with" | "for")
                || words::is_particle(w)
                || w.starts_with(char::is_uppercase)
        };
        if !rest.is_empty() && rest.len() <= 10 && rest.iter().all(byline_word) {
            return true;
        }
    }
    let ends_like_text = t.ends_with(['.', '!', '?', ':', ';', ',', '"', '\'', '”', '’', ')', '…']);
    if !block.paragraph || ends_like_text {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().take(13).collect();
    (3..=12).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() < 4
                || w.starts_with(|c: char| !c.is_lowercase())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Ix;
    use crate::model::text::{parse_markdown, plain_paragraphs};

    /// The names read in `text` (Markdown), with `known` actor names:
    /// (form, full name it is a short form of, unproven).
    fn read(text: &str, known: &[&str]) -> Vec<(String, Option<String>, bool)> {
        let matcher = Matcher::new(
            known.iter().enumerate().map(|(i, &n)| (Ix::new(i), n)),
            ["The Harbour Gazette", "AFP"],
        );
        let (body, _) = parse_markdown(text, &Default::default());
        shown(article(&matcher, &body), known)
    }

    fn shown(found: Found, known: &[&str]) -> Vec<(String, Option<String>, bool)> {
        found
            .occurrences
            .into_iter()
            .map(|o| {
                let full = o.full.map(|f| match f {
                    Full::Actor(a) => format!("actor {}", known[a.get()]),
                    Full::Name(n) => n,
                });
                (o.form, full, o.unproven)
            })
            .collect()
    }

    fn forms(text: &str) -> Vec<String> {
        read(text, &[]).into_iter().map(|(f, _, _)| f).collect()
    }

    /// The forms read where a capital says something (not opening a sentence).
    fn proven(text: &str) -> Vec<String> {
        read(text, &[])
            .into_iter()
            .filter(|(_, _, unproven)| !unproven)
            .map(|(f, _, _)| f)
            .collect()
    }

    #[test]
    fn runs_of_capitals_with_particles_and_initials() {
        assert_eq!(
            forms("They met Jonas de Wit and Anna K. Brandt and George W. Bush in Rome."),
            ["Jonas de Wit", "Anna K. Brandt", "George W. Bush", "Rome"]
        );
        assert_eq!(
            forms("They named Mohammed bin Salman, al-Assad, Valéry d'Estaing and Ram Ben-Barak."),
            [
                "Mohammed bin Salman",
                "al-Assad",
                "Valéry d'Estaing",
                "Ram Ben-Barak"
            ]
        );
        // Commas, a possessive and lower-case words end a name.
        assert_eq!(
            forms("as Halloran, Brandt's deputy and Tellurion staff saw"),
            ["Halloran", "Brandt", "Tellurion"]
        );
    }

    #[test]
    fn connectors_only_after_an_institution_word() {
        assert_eq!(
            forms(
                "the Bank of England, the Committee to Protect Journalists and Lars Ekdahl of Tellurion"
            ),
            [
                "Bank of England",
                "Committee to Protect Journalists",
                "Lars Ekdahl",
                "Tellurion"
            ]
        );
        assert_eq!(
            forms("the Church of the Nativity and Macron and Bennett."),
            ["Church of the Nativity", "Macron", "Bennett"]
        );
    }

    #[test]
    fn titles_and_function_words_are_left_out() {
        assert_eq!(
            forms(
                "said President Joe Biden, French Foreign Minister Anne Roux and Tellurion CEO Jane Doe."
            ),
            ["Joe Biden", "Anne Roux", "Tellurion", "Jane Doe"]
        );
        assert_eq!(
            forms("to Secretary of State Antony Blinken and the Attorney General Jane Doe."),
            ["Antony Blinken", "Jane Doe"]
        );
        assert_eq!(
            forms("when The Guardian and Mr. Roe met"),
            ["Guardian", "Roe"]
        );
        // A title word ending a name is a surname.
        assert_eq!(
            forms("as Stephen King told King Charles and the Foreign Minister in St. Petersburg."),
            ["Stephen King", "Charles", "St. Petersburg"]
        );
        assert!(forms("the President and the Prime Minister said").is_empty());
        // French and other titles of address (a newcomer's "Maître Paul
        // Girard" was a name of its own).
        assert_eq!(
            forms("said Maître Paul Girard, Mme Anne Roux and Dr. Jane Doe."),
            ["Paul Girard", "Anne Roux", "Jane Doe"]
        );
    }

    #[test]
    fn words_that_name_no_one() {
        let text = "On Friday in March, Israeli and French officials, the Committee, AFP, \
                    Reuters, the TV and CEO, BREAKING NEWS, SPYWARE and a van drove.";
        assert!(proven(text).is_empty(), "{:?}", proven(text));
        // A hyphenated adjective keeps its name part.
        assert_eq!(forms("the Paris-based Tellurion."), ["Paris", "Tellurion"]);
        assert!(forms("the Israeli-made spyware").is_empty());
    }

    #[test]
    fn sentence_openers_are_unproven() {
        let got = read(
            "Officials said Tellurion lied. Tellurion denied it. “Tellurion is fine,” he said: Tellurion again. Mr. Tellurion too.",
            &[],
        );
        let unproven: Vec<bool> = got.iter().map(|g| g.2).collect();
        assert_eq!(
            got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            [
                "Officials",
                "Tellurion",
                "Tellurion",
                "Tellurion",
                "Tellurion",
                "Tellurion"
            ]
        );
        assert_eq!(unproven, [true, false, true, true, true, false]);
        // Two or more words are a name wherever they stand.
        assert!(!read("Lars Ekdahl said so.", &[])[0].2);
    }

    #[test]
    fn short_forms_after_the_full_name() {
        assert_eq!(
            read(
                "Halloran spoke first. Pieter Halloran, then Halloran and Jonas de Wit. De Wit said; de Wit wrote. \
                 Marta Kellner met Kellner.",
                &["Marta Kellner"]
            ),
            [
                ("Halloran".into(), None, true),
                ("Pieter Halloran".into(), None, false),
                ("Halloran".into(), Some("Pieter Halloran".into()), false),
                ("Jonas de Wit".into(), None, false),
                ("de Wit".into(), Some("Jonas de Wit".into()), false),
                ("de Wit".into(), Some("Jonas de Wit".into()), false),
                ("Kellner".into(), Some("actor Marta Kellner".into()), false),
            ]
        );
        // A company without its suffix; a title's country is no name.
        assert_eq!(
            read(
                "Veltra Systems Ltd sued. Veltra lost, said U.S. Attorney General Ann Roe.",
                &[]
            ),
            [
                ("Veltra Systems Ltd".into(), None, false),
                ("Veltra".into(), Some("Veltra Systems Ltd".into()), false),
                ("Ann Roe".into(), None, false),
            ]
        );
        // A common word opening a sentence is no short form.
        assert_eq!(
            read(
                "Glenmore Dredging bid. Dredging costs rose, and dredging stopped. Halloran. Pieter Halloran. Halloran said.",
                &["Glenmore Dredging"]
            ),
            [
                ("Halloran".into(), None, true),
                ("Pieter Halloran".into(), None, false),
                ("Halloran".into(), Some("Pieter Halloran".into()), false),
            ]
        );
        // Only names written as people's are have short forms.
        assert_eq!(
            read(
                "Prosecutors in Paris and the Committee for Fair Tenders met. Paris and Tenders agreed.",
                &["Prosecutors in Paris"]
            ),
            [
                ("Committee for Fair Tenders".into(), None, false),
                ("Paris".into(), None, true),
                ("Tenders".into(), None, false),
            ]
        );
        // An acronym in brackets right after a name is its short form.
        assert_eq!(
            read(
                "The Committee for Fair Tenders (CFT) and the CFT. Marta Kellner (MK) and MK. (NWR)",
                &["Marta Kellner"]
            ),
            [
                ("Committee for Fair Tenders".into(), None, false),
                (
                    "CFT".into(),
                    Some("Committee for Fair Tenders".into()),
                    false
                ),
                (
                    "CFT".into(),
                    Some("Committee for Fair Tenders".into()),
                    false
                ),
                ("MK".into(), Some("actor Marta Kellner".into()), false),
                ("MK".into(), Some("actor Marta Kellner".into()), false),
            ]
        );
    }

    #[test]
    fn never_in_code_urls_headings_or_furniture() {
        assert!(
            proven(
                "# Lakeside Water Board\n\nSee `Zentrix` at <https://x.example/Zentrix>, \
                 press@Zentrix.example and Zentrix.example.\n\n![Zentrix Logo](z.png)\n\n\
                 By Lena Fisk\n\nReporting by Lena Fisk; Editing by Ann Lee\n\n\
                 Photo: Lena Fisk\n\nDam Contract Under Scrutiny\n\n```\nZentrix\n```\n"
            )
            .is_empty()
        );
        // A sentence that opens with "By" is text.
        assert_eq!(forms("By Friday Tellurion had paid."), ["Tellurion"]);
    }

    #[test]
    fn datelines() {
        for text in [
            "ROME (NWR) - Officials said Tellurion paid.",
            "ROME, July 24 (Reuters) – Officials said Tellurion paid.",
            "NEW DELHI: Officials said Tellurion paid.",
            "(ANSA) - ROME, July 20 - Officials said Tellurion paid.",
        ] {
            let body = plain_paragraphs([text]);
            let matcher = Matcher::new(std::iter::empty(), std::iter::empty());
            let got = shown(article(&matcher, &body), &[]);
            assert_eq!(
                got,
                [
                    ("Officials".into(), None, true),
                    ("Tellurion".into(), None, false)
                ],
                "{text}"
            );
        }
        // Not a dateline: lower-case words before the dash.
        assert_eq!(forms("NSO Group - the firm - sold it."), ["NSO Group"]);
    }

    #[test]
    fn names_of_actors_and_sources_are_known() {
        assert_eq!(
            read(
                "The Harbour Gazette said Marta Kellner and Martha Kellner met.",
                &["Marta Kellner", "Kellner"]
            ),
            [("Martha Kellner".into(), None, false)]
        );
    }

    proptest::proptest! {
        /// The fast path reads a plain word as `word` does.
        #[test]
        fn plain_words_read_as_any_word(text in "[a-zA-Z0-9 .,'\\-éß]{0,40}") {
            for i in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                if let Some(fast) = plain_word(&text, i) {
                    proptest::prop_assert_eq!(fast, word(&text, i));
                }
            }
        }

        /// Whatever the text, reading it never panics, and every place
        /// read is a piece of its block that a sentence can be quoted from.
        #[test]
        fn any_text_reads_without_panic(
            text in "([A-Z][a-z]{0,6}|[a-z]{1,4}|de|of|the|U\\.S\\.|K\\.|NSO|’s|'s|-|\\(|\\)|“|”|\\.|,|:| |\n|\u{A0}|e\u{301}|Ö|ROME \\(NWR\\) - |`|\\*|@|www\\.x\\.example|https://a\\.example/B){0,40}"
        ) {
            let matcher = Matcher::new([(Ix::new(0), "Marta Kellner"), (Ix::new(1), "de Rugy")], ["NWR"]);
            for body in [parse_markdown(&text, &Default::default()).0, plain_paragraphs([text.as_str()])] {
                let found = article(&matcher, &body);
                let blocks = blocks(&body);
                for o in &found.occurrences {
                    let b = &blocks[o.at.block as usize].text;
                    let (s, e) = (o.at.start as usize, o.at.end as usize);
                    proptest::prop_assert!(s < e && b.is_char_boundary(s) && b.is_char_boundary(e), "{:?}", o);
                    let quoted = sentence::sentence_of(b, s, e);
                    proptest::prop_assert!(!quoted.is_empty());
                }
            }
        }
    }
}
