//! Articles: the investigation's stories, Markdown with front matter or
//! wire copy with a YAML sidecar. Content format: "Articles". Unlike the
//! other kinds they come from files of their own in `articles/`.

use super::actor::ActorCard;
use super::event::EventItem;
use super::source::SourceCard;
use super::statement::StatementItem;
use super::{Actor, Event, Ix, Kind, KindInfo, Ref, Source, Statement};
use crate::diag::Diagnostic;
use crate::link::Graph;
use crate::load::ArticleBody;
use crate::load::article::{CreditLine, ParagraphMode, WireCopy, fold_headline};
use crate::load::fields::{DateInput, Field, Span, Text};
use crate::model::Keep;
use crate::model::correction::CorrectionFields;
use crate::model::date::{Order, sort_by_date};
use crate::model::summary::summary_of;
use crate::model::text::{BadLink, TextRules, parse_markdown_keeping, plain_paragraphs};
use crate::model::validate::{BuildOptions, Ctx, Ids, Said, Unique};
use crate::model::wire::{self, Boilerplate, FoundDateline};
use crate::model::{BoilerplateCount, Site};
use crate::model::{Correction, Date, RichText};
use crate::render::context::{CorrectionCtx, DateCtx, LinkCtx, RangeCtx};
use crate::render::page::{KindPages, PageKind, RecordPart};
use crate::render::pages::{Env, events_bytes, sources_bytes, statements_bytes, with_events};
use crate::render::paginate;
use crate::url;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::sync::Arc;
use tera::Context;

crate::record_fields!(
    /// Front matter of a `.md` article, or the sidecar of a `.txt` one.
    ArticleFields {
        title: Text,
        date: Field<DateInput>,
        slug: Text,
        url: Text,
        byline: Text,
        kicker: Text,
        sources: Vec<Text>,
        actors: Vec<Text>,
        summary: Text,
        paragraphs: Text,
        boilerplate: Vec<Text>,
        tags: Vec<Text>,
        draft: Field<bool>,
        updated: Field<DateInput>,
        corrections: Vec<Field<CorrectionFields>>,
    }
);

/// One name of a credit line, resolved to a source where one matches.
#[derive(Debug, Clone)]
pub struct CreditName {
    pub text: String,
    pub source: Option<Ix<Source>>,
}

/// A wire story's credit line ("Source: AFP, Reuters", "(Reporting by …)").
#[derive(Debug, Clone)]
pub struct Credit {
    /// "Source" or "Sources", as written (for forms without a label,
    /// "Source" for one name and "Sources" for more).
    pub label: String,
    pub names: Vec<CreditName>,
    /// People credited ("Reporting by Ann Lee"), as written: not sources.
    pub people: Vec<String>,
}

/// A wire story's dateline (`PARIS (AFP)`, `JERUSALEM, July 24
/// (Reuters)`), shown apart from its text (content format 1.1).
#[derive(Debug, Clone)]
pub struct Dateline {
    /// As written, without the dash or colon that ended it.
    pub text: String,
    /// Each agency it names: its bytes in `text`, and the name resolved
    /// like a credit line's.
    pub agencies: Vec<(std::ops::Range<usize>, CreditName)>,
    /// The index of the body paragraph it opens: paragraphs before it
    /// (a byline, a date) are shown before it.
    pub paragraph: usize,
}

/// A validated, published article (drafts only with `--drafts`).
#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub date: Date,
    /// The original publication (external).
    pub url: Option<String>,
    pub byline: Option<String>,
    pub kicker: Option<String>,
    /// The front matter's sources, then those resolved from the credit line.
    pub sources: Vec<Ix<Source>>,
    /// Actors named in the metadata (linked even when not in the text).
    pub actors: Vec<Ix<Actor>>,
    /// The metadata's, or the default summary (content format 1.1); none
    /// when no paragraph reads as one.
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    /// Its text: read again where it is needed ([`Article::body_text`]).
    pub body: Body,
    /// Whether the text can open with a drop capital (see
    /// [`ArticleFull::drop_cap`]), found while it was parsed.
    pub drop_cap: bool,
    pub credit: Option<Credit>,
    /// Wire copy's dateline, taken off its first paragraph.
    pub dateline: Option<Dateline>,
    /// Paragraphs of wire copy left off the page (boilerplate, end
    /// markers), as written, in order: kept in the open data.
    pub omitted: Vec<String>,
    /// The file it came from, relative to the root (for the preview server).
    pub path: String,
    /// When it was last changed (content format 1.1), never before `date`.
    pub updated: Option<Date>,
    /// Its corrections, newest first, none before `date`.
    pub corrections: Vec<Correction>,
}

impl Kind for Article {
    type Fields = ArticleFields;

    const INFO: KindInfo = KindInfo {
        name: "article",
        plural: "articles",
        one: "an article",
    };

    fn key(&self) -> &str {
        &self.slug
    }

    /// The text when it is held; for one left in its file, `None`:
    /// [`Article::body_text`] reads it.
    fn text(&self) -> Option<&RichText> {
        match &self.body {
            Body::Held(t) => Some(t),
            Body::InFile { .. } => None,
        }
    }

    fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Actors in the story (mentioned, in reading order, then those named
    /// in the metadata), then its sources (front matter, then credit line).
    fn references(&self, mentioned: &[Ix<Actor>], out: &mut Vec<Ref>) {
        let mut seen = std::collections::HashSet::new();
        out.extend(
            mentioned
                .iter()
                .chain(&self.actors)
                .filter(|a| seen.insert(**a))
                .map(|&a| Ref::Actor(a)),
        );
        out.extend(self.sources.iter().map(|&s| Ref::Source(s)));
    }

    /// Its fields, sources, actors (in the story or named), the events that
    /// cite it, and its credit line with each name's source.
    fn data_row(site: &Site, graph: &Graph, i: Ix<Self>) -> Value {
        let a = &site.articles[i];
        json!({
            "slug": a.slug, "title": a.title, "date": a.date, "url": a.url, "byline": a.byline,
            "kicker": a.kicker, "summary": a.summary, "tags": a.tags,
            "sources": site.keys(a.sources.iter().copied()),
            "actors": site.keys(graph.refs::<Article, Actor>(i)),
            "events": site.keys(graph.cited_by::<Article, Event>(i)),
            "statements": site.keys(graph.cited_by::<Article, Statement>(i)),
            "updated": a.updated,
            "corrections": crate::model::correction::data(&a.corrections),
            "credit": a.credit.as_ref().map(|c| json!({
                "label": c.label,
                "people": c.people,
                "names": c.names.iter().map(|n| credit_name(site, n)).collect::<Vec<_>>(),
            })),
            "dateline": a.dateline.as_ref().map(|d| json!({
                "text": d.text,
                "agencies": d.agencies.iter().map(|(_, n)| credit_name(site, n)).collect::<Vec<_>>(),
            })),
            "omitted": a.omitted,
            "path": url::article("", &a.slug),
        })
    }
}

/// A credit-line or dateline name in the open data: as written, and the
/// id of its source or null.
fn credit_name(site: &Site, n: &CreditName) -> Value {
    json!({"text": n.text, "source": n.source.map(|s| site.sources[s].id.as_str())})
}

/// An article's text in the model.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Parsed and held: wire copy, and every text in `dossier serve`
    /// (whose caches compare texts from one rebuild to the next).
    Held(RichText),
    /// A Markdown text that a build or a check does not hold between
    /// stages: validated once, then read from its file and parsed again by
    /// each stage that reads it (the possible actors, linking, its page),
    /// so that memory holds a few texts at a time, not every one (issue
    /// 18). Parsing is deterministic, so every stage sees the events
    /// validation saw; a file changed meanwhile is an error
    /// ([`BodyFile::read`](crate::load::BodyFile::read)).
    InFile {
        file: Arc<crate::load::BodyFile>,
        rules: TextRules,
    },
}

impl Article {
    /// The article's text, parsed: the one held, or its file's, read and
    /// parsed again (the same events validation saw).
    ///
    /// Errors: the file cannot be read again, or changed since it was
    /// validated.
    pub fn body_text(&self) -> Result<std::borrow::Cow<'_, RichText>, Diagnostic> {
        use std::borrow::Cow;
        match &self.body {
            Body::Held(t) => Ok(Cow::Borrowed(t)),
            Body::InFile { file, rules } => {
                let whole = file.read()?;
                let markdown = &whole[file.start()..];
                let (mut rich, _) = parse_markdown_keeping(markdown, rules, Keep::Whole);
                // Resolved in validation: rendering finds them in `Site::links`.
                rich.written_links = Vec::new();
                Ok(Cow::Owned(rich))
            }
        }
    }
}

/// An article's Markdown parsed: the text, its bad links, the summary
/// drawn from it when the metadata gives none (`None` inside when no
/// paragraph reads as one), and its repeated paragraphs.
type ParsedBody = (RichText, Vec<BadLink>, Option<Option<String>>, Vec<Repeat>);

/// A paragraph of a Markdown body that repeats an earlier one: its 1-based
/// line in the body, and the earlier one's.
type Repeat = (usize, usize);

/// What `dossier serve` keeps of each Markdown article's parse from one
/// rebuild to the next: parsing every body again was most of a rebuild
/// after a one-article edit (issue 18). An entry holds while its file's
/// whole text (front matter too: whether it gives a summary changes what
/// is drawn from the body), `unsafe_html` and how much is kept are as
/// they were.
#[derive(Default)]
pub struct BodyParses(
    crate::kept::PerArticle<
        (String, crate::model::text::TextRules, crate::model::Keep),
        ParsedBody,
    >,
);

/// What `dossier serve` keeps of each Markdown article built, from one
/// rebuild to the next: building every article again (its metadata
/// checked, its references resolved, its summary drawn) was the largest
/// part of the model's stage after a one-article edit at 10,000 articles
/// (issue 18). An entry holds while the article's parse holds (the same
/// text, front matter and all: [`BodyParses`]), at the same place among
/// the files (the links it names carry it), with the same `--drafts`,
/// and while every source and actor id stands for the same record as
/// when it was built (`ids`). Wire copy is always built afresh: its
/// boilerplate patterns are shared by all wire-copy articles.
#[derive(Default)]
pub struct BuiltArticles {
    built: crate::kept::PerArticle<BuiltKey, KeptArticle>,
    /// The ids known when the articles were built (sources and actors).
    ids: Option<Ids>,
    taken: usize,
}

impl BuiltArticles {
    /// How many articles the last rebuild took whole, rather than
    /// building them again.
    pub fn taken(&self) -> usize {
        self.taken
    }
}

/// What a built article is kept with besides its parse: its place among
/// the files, and `--drafts`.
type BuiltKey = (usize, bool);

fn built_key(raw: &crate::load::RawArticle, options: &BuildOptions) -> BuiltKey {
    (raw.file, options.drafts)
}

/// A built article as kept: what building it came to, and what building
/// it said.
type KeptArticle = (Outcome, Said);

/// What building one article came to, before its slug is checked against
/// the other articles'.
#[derive(Clone)]
enum Outcome {
    /// A required field is missing or bad (said).
    Left,
    /// A draft left out, by its slug.
    Draft(String),
    Built(Box<Article>),
}

/// How many articles a build or a check parses at a time (see
/// `Article::build_all`): enough to keep both cores busy, few enough that
/// their texts weigh little.
const PARSED_AT_ONCE: usize = 512;

/// What the parallel pass over the articles gave each one, before they
/// are checked in order.
enum Made<'k> {
    /// Wire copy, read in order.
    Wire,
    /// A Markdown article kept built, and still good: what building it
    /// came to and what building it said.
    Taken(Outcome, &'k Said),
    /// A Markdown article's parse, and whether it was made now.
    Parsed(ParsedBody, bool),
    /// A Markdown article whose file could not be read again (said).
    Unread,
}

/// What every article's build shares: the sources (which wire copy's
/// credit lines and datelines name), and the site's boilerplate patterns
/// with what each article's patterns removed.
struct Shared<'s> {
    sources: &'s [Source],
    is_source: &'s dyn Fn(&str) -> bool,
    site_patterns: &'s mut Vec<Boilerplate>,
    counts: &'s mut Vec<BoilerplateCount>,
}

/// What wire copy gave an article besides its text.
#[derive(Default)]
struct WireParts {
    credit: Option<(CreditLine, (usize, usize))>,
    dateline: Option<FoundDateline>,
    kicker: Option<String>,
    omitted: Vec<String>,
}

impl Article {
    /// Validates every article, and returns the published ones newest
    /// first (ties in content order), the slugs of the drafts left out,
    /// and what each boilerplate pattern removed.
    /// `raws`: the articles as loaded (`Loaded::articles`, or taken out
    /// of it: `model::validate::Articles`).
    pub(crate) fn build_all(
        ctx: &mut Ctx<'_>,
        raws: &[crate::load::RawArticle],
        options: &BuildOptions,
        ids: &Ids,
        sources: &[Source],
    ) -> (Vec<Article>, Vec<String>, Vec<BoilerplateCount>) {
        let loaded = ctx.loaded;
        // An article is large: moved once, not again at every growth of the list.
        let mut out: Vec<(Article, usize)> = Vec::with_capacity(raws.len());
        let mut drafts = Vec::new();
        // By slug, the file of the article that has it, and where its
        // metadata gives it (none when it comes from the file's name).
        let mut seen: Unique<(usize, Option<Span>)> = Unique::with_capacity(raws.len());
        let mut site_patterns: Vec<Boilerplate> = loaded
            .site
            .as_ref()
            .and_then(|s| s.value.boilerplate.as_ref())
            .into_iter()
            .flatten()
            .map(Boilerplate::new)
            .collect();
        let mut counts: Vec<BoilerplateCount> = Vec::new();
        let keep = ctx.keep;
        // The articles built last time (`dossier serve`): taken out of the
        // context while it is lent to each article's checks, put back at
        // the end.
        let mut built_before: Option<BuiltArticles> =
            ctx.kept.as_mut().map(|k| std::mem::take(&mut *k.articles));
        let reusable = built_before
            .as_ref()
            .filter(|b| b.ids.as_ref() == Some(ids))
            .map(|b| &b.built);
        let is_source = |n: &str| Source::by_credit_name(sources, n).is_some();
        // The Markdown articles built now, with what to keep of each for
        // the next rebuild (nothing when what was said of it depends on
        // other files).
        let mut built_now: Vec<(String, Option<(BuiltKey, KeptArticle)>)> = Vec::new();
        let mut taken = 0;
        // `dossier serve` keeps every parse, made in one pass. A build or
        // a check parses a few hundred articles at a time and lets each
        // text go once its article is built (`Ctx::let_go`), so that the
        // texts and the parses are never all in memory together (issue 18).
        let step = match ctx.kept {
            Some(_) => raws.len().max(1),
            None => PARSED_AT_ONCE,
        };
        for (c, chunk) in raws.chunks(step).enumerate() {
            Self::read_again(ctx, chunk);
            let mut made = Self::parse_all(ctx, chunk, options, keep, reusable);
            taken += made.iter().filter(|m| matches!(m, Made::Taken(..))).count();
            for (i, raw) in chunk.iter().enumerate() {
                let order = c * step + i;
                let path = loaded.files[raw.file].path.clone();
                let mark = ctx.mark();
                let outcome = match std::mem::replace(&mut made[i], Made::Wire) {
                    Made::Taken(outcome, said) => {
                        ctx.say_again(said);
                        outcome
                    }
                    // Said by `read_again`.
                    Made::Unread => Outcome::Left,
                    other => {
                        let parsed = match other {
                            Made::Parsed(parse, _) => Some(parse),
                            _ => None,
                        };
                        let outcome = Self::build_one(
                            ctx,
                            options,
                            ids,
                            raw,
                            path.clone(),
                            parsed,
                            &mut Shared {
                                sources,
                                is_source: &is_source,
                                site_patterns: &mut site_patterns,
                                counts: &mut counts,
                            },
                        );
                        if built_before.is_some()
                            && matches!(raw.body, ArticleBody::Markdown { .. })
                        {
                            let keep = ctx
                                .said_since(mark)
                                .map(|said| (built_key(raw, options), (outcome.clone(), said)));
                            built_now.push((path.clone(), keep));
                        }
                        outcome
                    }
                };
                let article = match outcome {
                    Outcome::Left => None,
                    Outcome::Draft(slug) => {
                        drafts.push(slug);
                        None
                    }
                    Outcome::Built(article) => Some(article),
                };
                if let Some(article) = article {
                    let given = raw.meta.as_deref().and_then(|m| m.value.slug.as_ref());
                    let given = given.map(|s| s.span);
                    if let Some(&(first, first_given)) = seen.first(&article.slug) {
                        duplicate_slug(ctx, &article.slug, (raw.file, given), (first, first_given));
                    } else {
                        seen.insert(article.slug.clone(), (raw.file, given));
                        out.push((*article, order));
                    }
                }
                ctx.let_go(raw.file, mark);
            }
        }
        if let Some(mut b) = built_before.take() {
            // Shared maps: a pointer copy.
            b.ids = Some(ids.clone());
            b.taken = taken;
            let markdown = (raws.iter())
                .filter(|raw| matches!(raw.body, ArticleBody::Markdown { .. }))
                .map(|raw| loaded.files[raw.file].path.as_str());
            b.built.replace(markdown, built_now);
            if let Some(k) = ctx.kept.as_mut() {
                *k.articles = b;
            }
        }
        // A wire-copy article that did not load may be the one a pattern
        // was written for: the error about it says enough.
        let all_loaded = !ctx.loaded.unloaded.any_of(Self::INFO.name);
        for b in &site_patterns {
            if !b.matched && all_loaded {
                ctx.warn(b.span, format!("the boilerplate pattern `{}` matches no paragraph of any wire-copy article", b.pattern))
                    .hint = Some("remove it, or correct it: it must match a whole paragraph, `*` standing for any text".into());
            }
        }
        // The site's patterns first, then each article's, in content order.
        let mut all_counts: Vec<BoilerplateCount> =
            site_patterns.iter().map(|b| count(loaded, b)).collect();
        all_counts.extend(counts);
        // Newest first; ties keep content order.
        (
            sort_by_date(out, |a| &a.date, Order::NewestFirst),
            drafts,
            all_counts,
        )
    }

    /// Reads again, in parallel, the texts of the Markdown articles of
    /// `chunk` that the load did not keep ([`Body::InFile`]), into
    /// `ctx.texts`, which lets each go once its article is built. A file
    /// that cannot be read, or changed since it was loaded, is said here.
    fn read_again(ctx: &mut Ctx<'_>, chunk: &[crate::load::RawArticle]) {
        let read: Vec<(usize, Result<String, Diagnostic>)> = chunk
            .par_iter()
            .filter_map(|raw| match &raw.body {
                ArticleBody::Markdown {
                    in_file: Some(f), ..
                } => Some((raw.file, f.read())),
                _ => None,
            })
            .collect();
        for (file, text) in read {
            match text {
                Ok(text) => ctx.texts.hold(file, text),
                Err(d) => {
                    ctx.push(d);
                }
            }
        }
    }

    /// The parallel pass over `chunk` of the articles: each Markdown
    /// article's parse, with the summary drawn from its text when the
    /// metadata gives none, and whether it was parsed afresh; or, when
    /// the parse holds and so does the article built from it
    /// (`reusable`, `dossier serve`), that article, copied out of what is
    /// kept, on every core (ten thousand records of a dozen strings and
    /// lists each). Parsing the Markdown is most of validating articles.
    /// `dossier serve` passes every article at once, and keeps the parses.
    fn parse_all<'k>(
        ctx: &mut Ctx<'_>,
        chunk: &[crate::load::RawArticle],
        options: &BuildOptions,
        keep: crate::model::Keep,
        reusable: Option<&'k crate::kept::PerArticle<BuiltKey, KeptArticle>>,
    ) -> Vec<Made<'k>> {
        let (loaded, rules) = (ctx.loaded, &ctx.rules);
        // Updating the kept parses forgets every article not in `chunk`.
        debug_assert!(ctx.kept.is_none() || chunk.len() == loaded.articles.len());
        let kept = ctx.kept.as_ref().map(|k| &k.bodies.0);
        let texts = &ctx.texts;
        let made: Vec<Made<'_>> = chunk
            .par_iter()
            .map(|raw| {
                let ArticleBody::Markdown {
                    start, ref in_file, ..
                } = raw.body
                else {
                    return Made::Wire;
                };
                let file = &loaded.files[raw.file];
                let whole = match texts.get(raw.file) {
                    Some(t) => t.text(),
                    None if in_file.is_some() => return Made::Unread,
                    None => file.text.as_str(),
                };
                let holds =
                    |(text, r, k): &(String, _, _)| *r == *rules && *k == keep && *text == whole;
                if let Some(parse) = kept.and_then(|p| p.get(&file.path, holds)) {
                    let key = built_key(raw, options);
                    return match reusable.and_then(|b| b.get(&file.path, |k| *k == key)) {
                        Some((outcome, said)) => Made::Taken(outcome.clone(), said),
                        None => Made::Parsed(parse.clone(), false),
                    };
                }
                let text = &whole[start..];
                let (rich, bad) = parse_markdown_keeping(text, rules, keep);
                let has_summary = raw.meta.as_ref().is_some_and(|m| m.value.summary.is_some());
                let summary = (!has_summary).then(|| summary_of(rich.paragraphs()));
                Made::Parsed((rich, bad, summary, repeated_blocks(text)), true)
            })
            .collect();
        if let Some(parses) = ctx.kept.as_mut().map(|k| &mut *k.bodies) {
            let file = |raw: &crate::load::RawArticle| &loaded.files[raw.file];
            let fresh = (chunk.iter().zip(&made)).filter_map(|(raw, m)| match m {
                Made::Parsed(parse, true) => {
                    let f = file(raw);
                    Some((
                        f.path.clone(),
                        (f.text.clone(), rules.clone(), keep),
                        parse.clone(),
                    ))
                }
                _ => None,
            });
            // The Markdown articles: each has its parse, kept or fresh.
            let markdown = (chunk.iter().zip(&made)).filter(|(_, m)| !matches!(m, Made::Wire));
            parses
                .0
                .update(markdown.map(|(raw, _)| file(raw).path.as_str()), fresh);
        }
        made
    }

    /// Validates one article: what it came to (built, a draft left out,
    /// or left out for a problem said), before its slug is checked
    /// against the other articles'. `parsed` is its Markdown's parse when
    /// made beforehand (`None`: parsed here, or wire copy).
    fn build_one(
        ctx: &mut Ctx<'_>,
        options: &BuildOptions,
        ids: &Ids,
        raw: &crate::load::RawArticle,
        path: String,
        parsed: Option<ParsedBody>,
        shared: &mut Shared<'_>,
    ) -> Outcome {
        let loaded = ctx.loaded;
        let (rules, keep) = (ctx.rules.clone(), ctx.keep);
        let meta = raw.meta.as_deref();

        let m = meta.map(|l| &l.value);
        let mloc = meta.map(|l| l.span).unwrap_or(Span::whole_file(raw.file));
        // A Markdown article's front matter opens on its first line.
        let front_matter = Span::new(raw.file, 1, 1);
        if let Some(m) = m {
            ctx.unknown_fields(&m.unknown, ArticleFields::FIELDS, "article metadata");
        }
        let field = |f: fn(&ArticleFields) -> &Option<Text>| m.and_then(|m| f(m).as_ref());
        let draft = m.and_then(|m| m.draft.as_ref()).is_some_and(|d| d.value);
        let given_summary = field(|m| &m.summary);
        // Body first: Markdown links are checked even in drafts.
        let mut parts = WireParts::default();
        let (body, wire, text_summary) = match &raw.body {
            ArticleBody::Markdown {
                start, first_line, ..
            } => {
                let whole = ctx.text(raw.file);
                let text = &whole[*start..];
                let (mut rich, bad, summary, repeats) = parsed.unwrap_or_else(|| {
                    let (rich, bad) = parse_markdown_keeping(text, &rules, keep);
                    (rich, bad, None, Vec::new())
                });
                ctx.links_in_body(raw.file, text, *first_line, bad, &mut rich);
                for (line, first) in repeats {
                    let d = ctx.at_line(
                        raw.file,
                        first_line + line,
                        1,
                        format!(
                            "this paragraph repeats the one at line {}",
                            first_line + first
                        ),
                    );
                    ctx.push(d.warning().with_hint("remove one of the two"));
                }
                (rich, None, summary.flatten())
            }
            ArticleBody::Wire(w) => {
                let mut own: Vec<Boilerplate> = m
                    .and_then(|m| m.boilerplate.as_ref())
                    .into_iter()
                    .flatten()
                    .map(Boilerplate::new)
                    .collect();
                let story = wire::read(
                    ctx,
                    raw.file,
                    w,
                    &mut own,
                    shared.site_patterns,
                    field(|m| &m.kicker).is_some(),
                    shared.is_source,
                );
                for b in &own {
                    if !b.matched {
                        ctx.warn(b.span, format!("the boilerplate pattern `{}` matches no paragraph of this article", b.pattern))
                            .hint = Some("remove it, or correct it: it must match a whole paragraph, `*` standing for any text".into());
                    }
                }
                shared.counts.extend(own.iter().map(|b| count(loaded, b)));
                let shown: Vec<&str> = story.paragraphs.iter().map(|p| p.text.as_str()).collect();
                let summary = given_summary.is_none().then(|| {
                    summary_of(
                        story
                            .paragraphs
                            .iter()
                            .filter(|p| !p.above)
                            .map(|p| p.text.as_str()),
                    )
                });
                let rich = plain_paragraphs(shown);
                parts.credit = story.credit.zip(story.credit_at);
                parts.dateline = story.dateline;
                parts.kicker = story.kicker;
                parts.omitted = story.omitted;
                (rich, Some(w), summary.flatten())
            }
        };
        if let Some(p) = m.and_then(|m| m.paragraphs.as_ref()) {
            if wire.is_some() {
                ctx.enum_value(
                    p,
                    ParagraphMode::parse,
                    ParagraphMode::NAMES,
                    "`paragraphs` setting",
                );
            } else {
                ctx.err(p.span, "`paragraphs` applies only to .txt wire copy: a Markdown article's paragraphs are its own")
                    .hint = Some("remove it; in Markdown a blank line starts a paragraph".into());
            }
        }
        if let (Some(b), None) = (m.and_then(|m| m.boilerplate.as_ref()), wire) {
            let span = b.first().map_or(mloc, |t| t.span);
            ctx.err(span, "`boilerplate` applies only to .txt wire copy: a Markdown article's text is its own")
                .hint = Some("remove it, and delete the paragraphs you do not want from the text".into());
        }
        let sidecar_title = field(|m| &m.title);
        let headline = wire.and_then(|w| w.headline.as_ref());
        if let Some(w) = wire {
            headline_warnings(ctx, raw.file, w, sidecar_title);
        }
        let title = match (sidecar_title, headline) {
            (Some(t), _) if !t.value.trim().is_empty() => Some(t.value.trim().to_owned()),
            (_, Some(h)) => Some(h.text.clone()),
            (t, None) => {
                let what = if wire.is_some() {
                    "this article has no title: its text is empty and its sidecar gives none"
                } else {
                    "article metadata is missing the required field `title`"
                };
                match (t, meta) {
                    (Some(t), _) => {
                        ctx.err(t.span, "`title` of the article is empty");
                    }
                    (None, Some(_)) if ctx.lack_reported(mloc, "title") => {}
                    (None, Some(_)) => {
                        ctx.err(mloc, what);
                    }
                    // Front matter with nothing in it (or only comments).
                    (None, None) if wire.is_none() => {
                        ctx.err(front_matter, what).hint = Some(
                            "write `title: …` and `date: 2021-07-24` between the `---` lines"
                                .into(),
                        );
                    }
                    (None, None) => {
                        ctx.push(Diagnostic::new(path.clone(), what));
                    }
                }
                None
            }
        };
        let date = match m.and_then(|m| m.date.as_ref()) {
            Some(d) => ctx.date(d),
            None => {
                let message = "article metadata is missing the required field `date`";
                if meta.is_some() {
                    if !ctx.lack_reported(mloc, "date") {
                        ctx.err(mloc, message);
                    }
                } else if wire.is_none() {
                    ctx.err(front_matter, message);
                } else {
                    let stem = &raw.stem;
                    ctx.push(Diagnostic::new(path.clone(), "this article has no date: a .txt article needs a sidecar with its `date`")
                        .with_hint(format!("`{stem}.yaml` beside it needs a line such as `date: 2021-07-24`")));
                }
                None
            }
        };
        let slug = match field(|m| &m.slug) {
            Some(s) => ctx.id(s, "slug").then(|| s.value.clone()),
            None => {
                let s = crate::model::slug::from_file_stem(&raw.stem);
                if s.is_empty() {
                    ctx.push(
                        Diagnostic::new(path.clone(), "cannot make a slug from this file name")
                            .with_hint("rename the file, or give a `slug` in its metadata"),
                    );
                    None
                } else {
                    Some(s)
                }
            }
        };
        let url = field(|m| &m.url).and_then(|u| ctx.url(u));
        // An update or a correction comes after what it changes.
        let updated_field = m.and_then(|m| m.updated.as_ref());
        let updated = updated_field.and_then(|u| ctx.date(u));
        if let (Some(u), Some(d), Some(f)) = (updated, date, updated_field)
            && u.before(&d)
        {
            ctx.err(
                f.span,
                format!(
                    "the article is updated ({}) before it is published ({})",
                    u.iso(),
                    d.iso()
                ),
            )
            .hint = Some("`updated` is when the article last changed: check it and `date`".into());
        }
        let corrections = match m {
            Some(m) => ctx.corrections(&m.corrections, date.map(|d| (d, "the article's date"))),
            None => Vec::new(),
        };
        let no_skip = |_: &str| false;
        let article_sources = ctx.resolve(
            &m.and_then(|m| m.sources.clone()),
            &ids.sources,
            "source",
            &no_skip,
        );
        let article_actors = ctx.resolve(
            &m.and_then(|m| m.actors.clone()),
            &ids.actors,
            "actor",
            &no_skip,
        );
        // Names of the credit line and the dateline: resolved, or a
        // warning where they are written.
        let file_text = ctx.text(raw.file);
        let resolve_name = |ctx: &mut Ctx<'_>, name: &str, at: (usize, usize), what: &str| {
            let source = Source::by_credit_name(shared.sources, name);
            // Unless a source did not load: it may be the one named.
            if source.is_none() && !ctx.loaded.unloaded.any_of(Source::INFO.name) {
                let (line, column) = wire::locate(&file_text, at.0, at.1, name);
                let d = ctx.at_line(raw.file, line, column, format!("the {what} names `{name}`, which matches no source: it is shown as plain text"));
                ctx.push(d.warning().with_hint(format!(
                    "add a source with this name, or with `aliases: [{name}]`, to sources.yaml"
                )));
            }
            CreditName {
                text: name.to_owned(),
                source,
            }
        };
        let credit = parts.credit.map(|(c, at)| Credit {
            label: c.label.clone(),
            people: c.people.clone(),
            names: c
                .names
                .iter()
                .map(|n| resolve_name(ctx, n, at, "credit line"))
                .collect(),
        });
        let dateline = parts.dateline.map(|d| Dateline {
            agencies: d
                .agencies
                .iter()
                .map(|r| {
                    let name = resolve_name(ctx, &d.text[r.clone()], (d.line, d.lines), "dateline");
                    (r.clone(), name)
                })
                .collect(),
            text: d.text,
            paragraph: d.paragraph,
        });
        let summary = match given_summary {
            Some(s) => Some(s.value.trim().to_owned()).filter(|s| !s.is_empty()),
            None => {
                // A draft left out is on no list and in no feed: what it
                // lacks there is said when it is built (`--drafts`).
                if text_summary.is_none() && (!draft || options.drafts) {
                    ctx.warn(mloc, "no paragraph of this article reads as a summary (the first of at least 8 words that is not a byline, a date or a dateline): it has none on lists, in the feed and in its description")
                        .hint = Some("give one as `summary` in its metadata".into());
                }
                text_summary
            }
        };
        let (Some(title), Some(date), Some(slug)) = (title, date, slug) else {
            return Outcome::Left;
        };
        if draft && !options.drafts {
            return Outcome::Draft(slug);
        }
        let mut all_sources = article_sources;
        let named = credit.iter().flat_map(|c| &c.names);
        let dated = dateline
            .iter()
            .flat_map(|d| d.agencies.iter().map(|(_, n)| n));
        for s in dated.chain(named).filter_map(|n| n.source) {
            if !all_sources.contains(&s) {
                all_sources.push(s);
            }
        }
        let kicker = match field(|m| &m.kicker) {
            Some(k) => Some(k.value.trim().to_owned()).filter(|k| !k.is_empty()),
            None => parts.kicker,
        };
        let tags = m.map(|m| ctx.tags(&m.tags)).unwrap_or_default();
        let drop_cap = dateline.is_none() && opens_with_drop_cap(&body);
        let body = match &raw.body {
            ArticleBody::Markdown {
                in_file: Some(file),
                ..
            } if ctx.kept.is_none() => Body::InFile {
                file: file.clone(),
                rules,
            },
            _ => Body::Held(body),
        };
        Outcome::Built(Box::new(Article {
            slug,
            title,
            date,
            url,
            byline: field(|m| &m.byline)
                .map(|b| b.value.trim().to_owned())
                .filter(|b| !b.is_empty()),
            kicker,
            sources: all_sources,
            actors: article_actors,
            summary,
            tags,
            draft,
            body,
            drop_cap,
            credit,
            dateline,
            omitted: parts.omitted,
            path,
            updated,
            corrections,
        }))
    }
}

/// Says that two articles have the slug `slug`: `this` (its file, and
/// where its metadata gives the slug) and `first`, built before it. The
/// message stands at a `slug:` line when either gives one, this one's
/// first, since that line is what to change; only when both slugs come
/// from the files' names (`a/story.md` and `b/story.md`) has it no line.
fn duplicate_slug(
    ctx: &mut Ctx<'_>,
    slug: &str,
    this: (usize, Option<Span>),
    first: (usize, Option<Span>),
) {
    let files = &ctx.loaded.files;
    let (this_path, first_path) = (files[this.0].path.clone(), files[first.0].path.clone());
    let d = match (this.1, first.1) {
        (Some(at), _) => {
            let first_at = match first.1 {
                Some(s) => ctx.loaded.place(s),
                None => format!("{first_path} (named from its file)"),
            };
            ctx.err(
                at,
                format!("two articles have the slug `{slug}`: this one and {first_at}"),
            )
        }
        // The first article is built: its text may be let go, not its
        // front matter.
        (None, Some(at)) => {
            let d = ctx.at_front_matter(
                at,
                format!("two articles have the slug `{slug}`: this one and {this_path} (named from its file)"),
            );
            ctx.push(d)
        }
        (None, None) => ctx.push(Diagnostic::new(
            this_path,
            format!("two articles have the slug `{slug}`, both from their files' names: this one and {first_path}"),
        )),
    };
    d.hint = Some(match (this.1, first.1) {
        (None, None) => "rename one of the files, or give one of them a `slug` of its own".into(),
        _ => "give one of them a `slug` of its own".into(),
    });
}

/// Whether a text can open with a drop capital (see
/// [`ArticleFull::drop_cap`]): its first block is a paragraph that opens
/// with a letter and is at least [`DROP_CAP_CHARS`] long.
fn opens_with_drop_cap(body: &RichText) -> bool {
    use pulldown_cmark::{Event, Tag};
    if !matches!(body.events.first(), Some(Event::Start(Tag::Paragraph))) {
        return false;
    }
    let first = body.paragraphs().next().unwrap_or_default();
    first.chars().next().is_some_and(char::is_alphabetic) && first.chars().count() >= DROP_CAP_CHARS
}

/// What a boilerplate pattern removed, and where it is written.
fn count(loaded: &crate::load::Loaded, b: &Boilerplate) -> BoilerplateCount {
    let f = &loaded.files[b.span.file()];
    BoilerplateCount {
        pattern: b.pattern.clone(),
        place: format!("{}:{}:{}", f.path, b.span.line(), b.span.column()),
        removed: b.removed,
    }
}

/// The headline warnings of wire copy (content format 1.1, "Articles"): a
/// sidecar `title` that matches no line (naming the closest), or, without
/// one, a first line too long to be a headline.
fn headline_warnings(ctx: &mut Ctx<'_>, file: usize, w: &WireCopy, title: Option<&Text>) {
    let text = ctx.text(file);
    match (title, &w.headline) {
        (Some(t), None) if !t.value.trim().is_empty() => {
            let want = fold_headline(&t.value);
            // The first lines are where a headline is; a long text is not
            // searched to its end.
            let closest = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .take(40)
                .map(|(i, l)| {
                    (
                        strsim::normalized_levenshtein(&want, &fold_headline(l)),
                        i,
                        l,
                    )
                })
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            let message = match closest {
                Some((_, i, l)) => format!(
                    "the title matches no line of {}; the closest is line {}: “{}”",
                    ctx.loaded.files[file].path,
                    i + 1,
                    crate::model::summary::shorten(l.trim())
                ),
                None => format!(
                    "the title matches no line of {}",
                    ctx.loaded.files[file].path
                ),
            };
            ctx.warn(t.span, message).hint = Some(
                "make the title equal to the headline line (case, quote styles and spaces aside): that line then becomes the headline, and the lines above it the kicker; until then every line stays in the body".into(),
            );
        }
        (None, Some(h)) if h.text.chars().count() > MAX_HEADLINE_CHARS => {
            let d = ctx.at_line(
                file,
                h.line,
                h.column,
                format!(
                    "the first line, taken as the headline, is {} characters long: it reads like a paragraph (a headline is at most {MAX_HEADLINE_CHARS})",
                    h.text.chars().count()
                ),
            );
            ctx.push(d.warning().with_hint(
                "give the headline as `title` in the sidecar: the line equal to it becomes the headline",
            ));
        }
        _ => {}
    }
}

/// A first line longer than this is a warning when it becomes the headline.
pub const MAX_HEADLINE_CHARS: usize = 200;

/// The paragraphs of a Markdown body that repeat an earlier one, read from
/// the source so that `check`, which keeps only the lead of a parse, finds
/// the same: blocks of lines between blank lines, outside fenced code,
/// that start as a paragraph does (not a heading, list, quote, table, HTML
/// or indented code), compared as wire copy's are ([`wire::repeats`]).
/// Lines are 1-based in `body`.
fn repeated_blocks(body: &str) -> Vec<Repeat> {
    // Each block: its first line, and its bytes in `body`.
    let mut blocks: Vec<(usize, &str)> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut block: Option<(usize, usize)> = None;
    let mut skipping = false;
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        let opens_fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        if trimmed.is_empty() || opens_fence {
            if let Some((first, from)) = block.take() {
                blocks.push((first, &body[from..start]));
            }
            skipping = false;
            if opens_fence {
                fence = Some(&trimmed[..3]);
            }
            continue;
        }
        if block.is_some() || skipping {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        // `1.` or `1)`: an ordered list.
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let list = digits > 0 && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'));
        let not_text = indent >= 4
            || list
            || trimmed.starts_with(['#', '|', '>', '-', '*', '+', '<', '[', '!', '=']);
        if not_text {
            skipping = true;
        } else {
            block = Some((i + 1, start));
        }
    }
    if let Some((first, from)) = block {
        blocks.push((first, &body[from..]));
    }
    wire::repeats(blocks)
}

// ---- Pages: `articles/` and `articles/<slug>/`, and what their templates see.

const INDEX_PAGE: PageKind = PageKind::new("articles", "articles.html", "articles", "Articles");
const RECORD_PAGE: PageKind = PageKind::new("article", "article.html", "articles", "Article");

/// An article in a list (`article-card` partial).
#[derive(Serialize, Clone)]
pub struct ArticleCard {
    pub slug: String,
    pub title: String,
    pub href: String,
    pub date: DateCtx,
    pub kicker: Option<String>,
    pub byline: Option<String>,
    /// None when the article has no summary (no paragraph reads as one).
    pub summary: Option<String>,
}

/// A credit-line name: linked when it resolved to a source.
#[derive(Serialize, Clone)]
pub struct CreditNameCtx {
    pub text: String,
    pub href: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct CreditCtx {
    pub label: String,
    pub names: Vec<CreditNameCtx>,
    /// People credited ("Reporting by Ann Lee"), as written.
    pub people: Vec<String>,
}

/// A wire story's dateline, in parts: the text around its agencies, and
/// each agency (linked when it resolved to a source); and the body cut
/// where it belongs, so that a theme can run it into its paragraph.
#[derive(Serialize, Clone)]
pub struct DatelineCtx {
    /// As written (`PARIS (AFP)`).
    pub text: String,
    /// `text` in order: plain runs (no `href`) and agency names.
    pub parts: Vec<CreditNameCtx>,
    /// The body's paragraphs before the one the dateline opens (a byline,
    /// a date; usually none), as HTML.
    pub before_html: String,
    /// The body from the paragraph the dateline opens, as HTML:
    /// `before_html` and this make `body_html`.
    pub from_html: String,
}

/// `article` on an article's page.
#[derive(Serialize)]
pub struct ArticleFull {
    #[serde(flatten)]
    pub card: ArticleCard,
    /// The original publication (external).
    pub url: Option<String>,
    pub body_html: String,
    /// Whether the body's first paragraph can take a drop capital: it is
    /// the body's first element, opens with a letter (not a bracket, a
    /// quotation mark or a digit, which the capital would split from their
    /// word) and is long enough to run beside it ([`DROP_CAP_CHARS`]).
    /// Never with a dateline, which opens the story instead.
    pub drop_cap: bool,
    pub dateline: Option<DatelineCtx>,
    pub credit: Option<CreditCtx>,
    /// Its tags, each a link to the tag's page.
    pub tags: Vec<LinkCtx>,
    /// Its sources and the actors in it: this page's share of each (all
    /// of them unless the record's lists are split into pages: an article
    /// naming hundreds of officials would not fit one page).
    pub sources: Vec<SourceCard>,
    pub sources_range: RangeCtx,
    pub actors: Vec<ActorCard>,
    pub actors_range: RangeCtx,
    pub events: Vec<EventItem>,
    /// When it was last changed, if the metadata says.
    pub updated: Option<DateCtx>,
    /// Statements the article reports, newest first: this page's share of
    /// them (all of them unless the record's lists are split into pages).
    pub statements: Vec<StatementItem>,
    /// Which of the statements this page shows, of how many.
    pub statements_range: RangeCtx,
    pub corrections: Vec<CorrectionCtx>,
}

impl Article {
    /// The article as a card, its link relative to `root`.
    pub(crate) fn card(env: &Env, i: Ix<Article>, root: &str) -> ArticleCard {
        let a = &env.site.articles[i];
        ArticleCard {
            slug: a.slug.clone(),
            title: a.title.clone(),
            href: url::article(root, &a.slug),
            date: DateCtx::of(&a.date),
            kicker: a.kicker.clone(),
            byline: a.byline.clone(),
            summary: a.summary.clone(),
        }
    }

    /// Page `at` of the article's page as a template value: on the first
    /// page the whole article; on later ones (its lists split into pages)
    /// its headline and the next share of the events and statements
    /// citing it.
    fn full(env: &Env, i: Ix<Article>, root: &str, at: RecordPart) -> tera::Value {
        let (site, graph) = (env.site, env.graph);
        let a = &site.articles[i];
        let body_html = at.first_only(|| env.article_body(i, root));
        let statements: Vec<Ix<Statement>> = graph.cited_by::<Article, Statement>(i).collect();
        let (statements, statements_range) =
            at.share(&statements, |&s| Statement::item(env, s, root));
        let actors: Vec<Ix<Actor>> = graph.refs::<Article, Actor>(i).collect();
        let (actors, actors_range) = at.share(&actors, |&x| Actor::card(env, x, root));
        let (sources, sources_range) = at.share(&a.sources, |&s| Source::card(env, s, root));
        let base = ArticleFull {
            card: Article::card(env, i, root),
            url: a.url.as_deref().map(|u| env.href(u, root)),
            drop_cap: a.drop_cap,
            dateline: a.dateline.as_ref().map(|d| {
                let (before, from) = split_at_paragraph(&body_html, d.paragraph);
                DatelineCtx {
                    text: d.text.clone(),
                    parts: dateline_parts(d, |s| url::source(root, &site.sources[s].id)),
                    before_html: before.to_owned(),
                    from_html: from.to_owned(),
                }
            }),
            body_html,
            credit: a.credit.as_ref().map(|c| CreditCtx {
                label: c.label.clone(),
                people: c.people.clone(),
                names: c
                    .names
                    .iter()
                    .map(|n| CreditNameCtx {
                        text: n.text.clone(),
                        href: n.source.map(|s| url::source(root, &site.sources[s].id)),
                    })
                    .collect(),
            }),
            tags: env.tag_links(&a.tags, root),
            sources,
            sources_range,
            actors,
            actors_range,
            events: Vec::new(),
            updated: a.updated.as_ref().map(DateCtx::of),
            statements_range,
            statements,
            corrections: at.first_only(|| env.corrections(a, root)),
        };
        let events: Vec<Ix<Event>> = graph.cited_by::<Article, Event>(i).collect();
        with_events(&base, env, &events, root, at)
    }
}

/// A drop capital stands three lines high: a first paragraph shorter than
/// this many characters may not fill them at the widest measure.
pub const DROP_CAP_CHARS: usize = 250;

/// `html` (a wire story's body: paragraphs only, their text escaped) cut
/// before its paragraph `n`.
fn split_at_paragraph(html: &str, n: usize) -> (&str, &str) {
    let at = html
        .match_indices("<p>")
        .nth(n)
        .map_or(html.len(), |(i, _)| i);
    html.split_at(at)
}

/// The dateline's text cut around its agencies: plain runs, and each
/// agency with the link `href` gives its source.
fn dateline_parts(d: &Dateline, href: impl Fn(Ix<Source>) -> String) -> Vec<CreditNameCtx> {
    let mut parts = Vec::new();
    let mut at = 0;
    for (range, name) in &d.agencies {
        if range.start > at {
            parts.push(CreditNameCtx {
                text: d.text[at..range.start].to_owned(),
                href: None,
            });
        }
        parts.push(CreditNameCtx {
            text: d.text[range.clone()].to_owned(),
            href: name.source.map(&href),
        });
        at = range.end;
    }
    if at < d.text.len() {
        parts.push(CreditNameCtx {
            text: d.text[at..].to_owned(),
            href: None,
        });
    }
    parts
}

/// The page of `articles/` each article (newest first) is on: pages
/// filled by what each card weighs ([`paginate::card_bytes`]),
/// [`paginate::ARTICLES_PAGE`] a page.
fn index_pages(articles: &[Article]) -> Vec<url::Part> {
    let weights: Vec<usize> = (articles.iter())
        .map(|a| paginate::card_bytes(a.shown_text()))
        .collect();
    paginate::numbered_by_bytes(&weights, paginate::ARTICLES_PAGE)
}

impl KindPages for Article {
    const INDEX: &'static PageKind = &INDEX_PAGE;
    const RECORD: Option<&'static PageKind> = Some(&RECORD_PAGE);

    fn index_dir() -> String {
        url::articles("")
    }

    fn record_dir(&self) -> String {
        url::article("", &self.slug)
    }

    fn title(site: &Site, i: Ix<Self>) -> String {
        site.articles[i].title.clone()
    }

    /// Its card.
    fn listed(env: &Env, i: Ix<Self>, root: &str) -> tera::Value {
        tera::Value::from_serializable(&Article::card(env, i, root))
    }

    /// Its card's kicker, title, byline and summary.
    fn shown_text(&self) -> usize {
        let len = |t: &Option<String>| t.as_ref().map_or(0, String::len);
        len(&self.kicker) + self.title.len() + len(&self.byline) + len(&self.summary)
    }

    fn listed_bytes(&self, _records: &crate::model::Records<'_>) -> usize {
        paginate::card_bytes(self.shown_text())
    }

    /// Articles dated to the day say so; an update since, when it is.
    fn lastmod(&self) -> Option<String> {
        let last = self.updated.unwrap_or(self.date);
        last.day.is_some().then(|| last.iso())
    }

    /// Pages of [`paginate::ARTICLES_PER_PAGE`] articles with short
    /// summaries, fewer where they are long.
    fn index_parts(articles: &[Self]) -> Vec<url::Part> {
        paginate::pages_of(&index_pages(articles))
    }

    /// The articles on page `part`, newest first.
    fn index_context(
        env: &Env,
        ctx: &mut Context,
        root: &str,
        part: url::Part,
    ) -> (String, String) {
        let site = env.site;
        let cards: Vec<ArticleCard> = (index_pages(&site.articles).into_iter().enumerate())
            .filter(|&(_, on)| on == part)
            .map(|(i, _)| Article::card(env, Ix::new(i), root))
            .collect();
        ctx.insert("articles", &cards);
        let title = crate::render::pages::paged::<Article>(env, ctx, root, part, Self::INDEX.title);
        (title, format!("All articles of {}", site.config.title))
    }

    /// The events and statements citing it, its actors and its sources,
    /// weighed as its pages show them, all cut across its pages; its
    /// text is on its first page alone (it is never split: it is the
    /// article).
    fn record_pages(site: &Site, graph: &Graph, i: Ix<Self>) -> usize {
        let (whole, events) = events_bytes(
            site,
            &graph.cited_by::<Article, Event>(i).collect::<Vec<_>>(),
        );
        let cards = (graph.refs::<Article, Actor>(i))
            .map(|a| paginate::chip_bytes(site.actors[a].shown_text()))
            .sum::<usize>()
            + sources_bytes(site, &site.articles[i].sources);
        let statements: usize = statements_bytes(site, graph.cited_by::<Article, Statement>(i));
        paginate::record_pages(whole, events + statements + cards)
    }

    fn record_context(
        env: &Env,
        i: Ix<Self>,
        ctx: &mut Context,
        root: &str,
        at: RecordPart,
    ) -> (String, String) {
        ctx.insert_value("article", Article::full(env, i, root, at));
        let a = &env.site.articles[i];
        // Without a summary, the headline describes the page.
        let description = a.summary.clone().unwrap_or_else(|| a.title.clone());
        (a.title.clone(), description)
    }
}
