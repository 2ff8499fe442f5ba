//! Statements: who said what, and when: quotes, denials, confirmations,
//! refusals to comment, and questions left unanswered. Content format
//! 1.1: "Statements". An investigation is fair only when each allegation
//! carries the reply of those it accuses; statements make that reply
//! data. Each is an anchor on `statements/` and shows under every event
//! it is `about` (as that event's replies), on the pages of its actors,
//! sources and articles. The right of reply ([`missing_replies`]) is
//! checked here too.

use super::event::Event;
use super::{Actor, Article, Ix, Kind, KindInfo, Ref, Source};
use crate::diag::Diagnostic;
use crate::link::Graph;
use crate::load::fields::{DateInput, Field, Text, written, written_list};
use crate::model::correction::CorrectionFields;
use crate::model::text::plain_paragraphs;
use crate::model::validate::{Ctx, Ids, Unique, text};
use crate::model::{Correction, Date, RichText, Site};
use crate::render::context::{CorrectionCtx, DateCtx, Group, LinkCtx};
use crate::render::page::{KindPages, PageKind};
use crate::render::pages::Env;
use crate::render::paginate;
use crate::url;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashSet;
use tera::Context;

crate::record_fields!(
    /// A statement as written in `statements.yaml` or `statements/*.yaml`.
    StatementFields {
        id: Text,
        by: Text,
        speaker: Text,
        date: Field<DateInput>,
        kind: Text,
        quote: Text,
        summary: Text,
        about: Vec<Text>,
        actors: Vec<Text>,
        sources: Vec<Text>,
        articles: Vec<Text>,
        medium: Text,
        asked: Field<DateInput>,
        question: Text,
        tags: Vec<Text>,
        corrections: Vec<Field<CorrectionFields>>,
    }
);

crate::choices!(
    /// What a statement does. `no-response`: they were asked and had not
    /// replied by the statement's date.
    StatementKind {
        Statement = "statement" / "Statements" / "Statement",
        Denial = "denial" / "Denials" / "Denial",
        Confirmation = "confirmation" / "Confirmations" / "Confirmation",
        Admission = "admission" / "Admissions" / "Admission",
        Demand = "demand" / "Demands" / "Demand",
        NoComment = "no-comment" / "Declined to comment" / "No comment",
        NoResponse = "no-response" / "No response" / "No response",
    }
);

/// A validated statement.
#[derive(Debug)]
pub struct Statement {
    pub id: String,
    /// Who made it: a person, a company, a government.
    pub by: Ix<Actor>,
    /// The person who spoke for `by`, if another.
    pub speaker: Option<Ix<Actor>>,
    /// When it was made (for `no-response`: by when no reply had come).
    pub date: Date,
    pub kind: StatementKind,
    /// The words, verbatim, as written.
    pub quote: Option<String>,
    /// The quote as shown, in quotation marks, for mention linking.
    pub quote_text: Option<RichText>,
    /// A paraphrase (Markdown).
    pub summary: Option<RichText>,
    /// The events it answers or concerns.
    pub about: Vec<Ix<Event>>,
    /// Other actors it concerns (those its words mention are added by linking).
    pub actors: Vec<Ix<Actor>>,
    /// Where it was made or reported.
    pub sources: Vec<Ix<Source>>,
    /// Published articles that report it (a draft is left out).
    pub articles: Vec<Ix<Article>>,
    /// "statement to AFP", "interview with i24news".
    pub medium: Option<String>,
    /// When the question was put to them.
    pub asked: Option<Date>,
    /// What was put to them (Markdown).
    pub question: Option<RichText>,
    pub tags: Vec<String>,
    pub corrections: Vec<Correction>,
    /// Its place in content order (the CSV export's order).
    pub position: usize,
    /// Its page of `statements/`, where it is shown with its id and where
    /// every link to it leads (`render::paginate::numbered_by_bytes`).
    pub page: url::Part,
}

impl super::Written for Statement {
    /// Its fields as written: the actors it names (not those its words
    /// mention), its published articles; corrections are YAML's.
    fn written(site: &Site, i: Ix<Self>) -> StatementFields {
        let s = &site.statements[i];
        let date = |d: Option<Date>| d.map(|d| Field::unplaced(DateInput(d.iso())));
        fn markdown(t: &Option<RichText>) -> Option<&str> {
            t.as_ref().and_then(|t| t.source.as_deref())
        }
        StatementFields {
            id: written(Some(&s.id)),
            by: written(Some(&site.actors[s.by].id)),
            speaker: written(s.speaker.map(|a| site.actors[a].id.as_str())),
            date: date(Some(s.date)),
            kind: written(Some(s.kind.as_str())),
            quote: written(s.quote.as_deref()),
            summary: written(markdown(&s.summary)),
            about: written_list(site.keys(s.about.iter().copied())),
            actors: written_list(site.keys(s.actors.iter().copied())),
            sources: written_list(site.keys(s.sources.iter().copied())),
            articles: written_list(site.keys(s.articles.iter().copied())),
            medium: written(s.medium.as_deref()),
            asked: date(s.asked),
            question: written(markdown(&s.question)),
            tags: written_list(&s.tags),
            corrections: None,
            unknown: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// Statements are shown newest first; their content order is kept apart.
    fn in_content_order(site: &Site) -> Vec<Ix<Self>> {
        let mut all: Vec<Ix<Statement>> = site.statements.ixs().collect();
        all.sort_by_key(|&i| site.statements[i].position);
        all
    }
}

impl Kind for Statement {
    type Fields = StatementFields;

    const INFO: KindInfo = KindInfo {
        name: "statement",
        plural: "statements",
        one: "a statement",
    };

    fn key(&self) -> &str {
        &self.id
    }

    fn text(&self) -> Option<&RichText> {
        self.summary.as_ref()
    }

    fn quote(&self) -> Option<&RichText> {
        self.quote_text.as_ref()
    }

    fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Who made it and who spoke, the actors it names, then those its
    /// words mention; the events it is about; its sources; its articles.
    fn references(&self, mentioned: &[Ix<Actor>], out: &mut Vec<Ref>) {
        let start = out.len();
        let named = std::iter::once(self.by)
            .chain(self.speaker)
            .chain(self.actors.iter().copied())
            .chain(mentioned.iter().copied());
        for a in named {
            if !out[start..].contains(&Ref::Actor(a)) {
                out.push(Ref::Actor(a));
            }
        }
        out.extend(self.about.iter().map(|&e| Ref::Event(e)));
        out.extend(self.sources.iter().map(|&s| Ref::Source(s)));
        out.extend(self.articles.iter().map(|&a| Ref::Article(a)));
    }

    /// Its fields, who made it and spoke, the actors it concerns (named
    /// and mentioned), the events it is about, its sources and articles.
    fn data_row(site: &Site, graph: &Graph, i: Ix<Self>) -> Value {
        let s = &site.statements[i];
        json!({
            "id": s.id, "by": site.actors[s.by].id,
            "speaker": s.speaker.map(|a| site.actors[a].id.as_str()),
            "date": s.date, "precision": s.date.precision(), "display": s.date.to_string(),
            "kind": s.kind.as_str(), "quote": s.quote,
            "summary": s.summary.as_ref().map(RichText::plain),
            "about": site.keys(s.about.iter().copied()),
            "actors": site.keys(s.concerns(graph, i)),
            "sources": site.keys(s.sources.iter().copied()),
            "articles": site.keys(s.articles.iter().copied()),
            "medium": s.medium, "asked": s.asked,
            "question": s.question.as_ref().map(RichText::plain),
            "tags": s.tags,
            "corrections": crate::model::correction::data(&s.corrections),
            "path": url::statement("", s.page, &s.id),
        })
    }
}

impl Statement {
    /// Whether `actor` made the statement or spoke it: what answers an
    /// event's `reply_due`.
    pub fn speaks_for(&self, actor: Ix<Actor>) -> bool {
        self.by == actor || self.speaker == Some(actor)
    }

    /// The actors statement `i` concerns: those it names in `actors` and
    /// those its words mention, but not who made or spoke it.
    pub(crate) fn concerns<'g>(
        &self,
        graph: &'g Graph,
        i: Ix<Statement>,
    ) -> impl Iterator<Item = Ix<Actor>> + 'g {
        let (by, speaker) = (self.by, self.speaker);
        graph
            .refs::<Statement, Actor>(i)
            .filter(move |&a| a != by && Some(a) != speaker)
    }

    /// Validates every statement, resolves its references, and returns them
    /// newest first (ties in content order).
    pub(crate) fn build_all(ctx: &mut Ctx<'_>, ids: &Ids) -> Vec<Statement> {
        let loaded = ctx.loaded;
        let mut out: Vec<(Statement, usize)> = Vec::new();
        let mut seen = Unique::default();
        let no_skip = |_: &str| false;
        for (order, record) in loaded.statements.iter().enumerate() {
            let (r, at) = (&record.value, record.span);
            ctx.unknown_fields(&r.unknown, StatementFields::FIELDS, Self::INFO.one);
            let id = ctx.required(at, r.id.as_ref(), "id", Self::INFO.one);
            let by = ctx
                .required(at, r.by.as_ref(), "by", Self::INFO.one)
                .map(|t| ctx.resolve(&Some(vec![t.clone()]), &ids.actors, "actor", &no_skip))
                .and_then(|mut v| v.pop());
            let speaker = r
                .speaker
                .as_ref()
                .map(|t| ctx.resolve(&Some(vec![t.clone()]), &ids.actors, "actor", &no_skip));
            let date = match &r.date {
                Some(d) => ctx.date(d),
                None if ctx.lack_reported(at, "date") => None,
                None => {
                    ctx.err(at, "a statement is missing the required field `date`")
                        .hint = Some("say when it was made: `date: 2021-07-21`".into());
                    None
                }
            };
            let kind = match &r.kind {
                Some(k) => ctx.enum_value(
                    k,
                    StatementKind::parse,
                    StatementKind::NAMES,
                    "statement kind",
                ),
                None => Some(StatementKind::Statement),
            };
            let quote = text(&r.quote);
            let summary = r
                .summary
                .as_ref()
                .filter(|t| !t.value.trim().is_empty())
                .map(|d| ctx.markdown_field(d));
            // An unknown kind, or a misspelt `quote` or `summary`, is
            // reported once, not again as missing words.
            let misspelt = r
                .unknown
                .iter()
                .any(|k| crate::diag::did_you_mean(&k.value, ["quote", "summary"]).is_some());
            if quote.is_none()
                && summary.is_none()
                && !misspelt
                && kind.is_some_and(|k| k != StatementKind::NoResponse)
            {
                ctx.err(at, "a statement needs its words: a `quote` (verbatim) or a `summary` (a paraphrase)")
                    .hint = Some("only a `no-response` statement may have neither: it records that they did not reply".into());
            }
            // A `no-response` records that a question went unanswered
            // (content format 1.1: "asked on <asked>, no reply by <date>").
            // Words quoted from them say they replied after all, and
            // without `asked` it says no more than "no reply by": it
            // counted as their reply all the same.
            if kind == Some(StatementKind::NoResponse)
                && let (Some(k), Some(q)) = (&r.kind, &r.quote)
                && !q.value.trim().is_empty()
            {
                ctx.warn(q.span, "this `no-response` quotes their words: a statement that quotes them is a reply")
                    .hint = Some(format!(
                        "if they replied, give the reply's kind instead of `{}` (`statement`, `denial`, `no-comment`, …); the question put to them goes in `question`",
                        k.value.trim()
                    ));
            }
            if kind == Some(StatementKind::NoResponse)
                && r.asked.is_none()
                && let Some(k) = &r.kind
            {
                ctx.warn(k.span, "this `no-response` does not say when they were asked: it reads only \"no reply by\" its date")
                    .hint = Some("add `asked: <date>`, the day the question was put to them".into());
            }
            let asked = r.asked.as_ref().and_then(|d| ctx.date(d));
            if let (Some(d), Some(a), Some(StatementKind::NoResponse), Some(field)) =
                (date, asked, kind, &r.date)
                && d.before(&a)
            {
                ctx.err(
                    field.span,
                    format!(
                        "this `no-response` is dated {}, before the question was asked ({})",
                        d.iso(),
                        a.iso()
                    ),
                )
                .hint = Some(
                    "`date` is when no reply had come yet; it cannot be earlier than `asked`"
                        .into(),
                );
            }
            let question = r
                .question
                .as_ref()
                .filter(|t| !t.value.trim().is_empty())
                .map(|d| ctx.markdown_field(d));
            let about = ctx.resolve(&r.about, &ids.events, "event", &no_skip);
            let actors = ctx.resolve(&r.actors, &ids.actors, "actor", &no_skip);
            let sources = ctx.resolve(&r.sources, &ids.sources, "source", &no_skip);
            // As for events: a draft article is left out until it is published.
            let articles = ctx.resolve(&r.articles, &ids.articles, "article", &|s| {
                ids.draft_slugs.contains(s)
            });
            let corrections = ctx.corrections(&r.corrections, None);
            let tags = ctx.tags(&r.tags);
            // Its form is checked whatever else is wrong with the record:
            // it was said only once the rest passed, a run later.
            let id_ok = id.is_some_and(|id| ctx.id(id, "statement id"));
            let (Some(id), Some(by), Some(date), Some(kind)) = (id, by, date, kind) else {
                continue;
            };
            let speaker = match speaker {
                Some(mut v) => match v.pop() {
                    Some(s) => Some(s),
                    None => continue,
                },
                None => None,
            };
            if !id_ok || !seen.check(ctx, id, Self::INFO.name) {
                continue;
            }
            let quote_text = quote
                .as_deref()
                .map(|q| plain_paragraphs([quoted(q).as_str()]));
            out.push((
                Statement {
                    id: id.value.clone(),
                    by,
                    speaker: speaker.filter(|&s| s != by),
                    date,
                    kind,
                    quote,
                    quote_text,
                    summary,
                    about,
                    actors,
                    sources,
                    articles,
                    medium: text(&r.medium),
                    asked,
                    question,
                    tags,
                    corrections,
                    position: order,
                    page: url::Part::Whole,
                },
                order,
            ));
        }
        out.sort_by(|(a, ai), (b, bi)| b.date.key().cmp(&a.date.key()).then(ai.cmp(bi)));
        // Each weighs on its page with every event it is about, which its
        // entry lists (the page budget).
        let weights: Vec<usize> = out
            .iter()
            .map(|(s, _)| paginate::statement_bytes(s.about.len(), s.shown_text(), true))
            .collect();
        let page = paginate::STATEMENTS_PER_PAGE * paginate::bytes::STATEMENT;
        out.into_iter()
            .zip(paginate::numbered_by_bytes(&weights, page))
            .map(|((mut s, _), part)| {
                s.page = part;
                s
            })
            .collect()
    }
}

/// The words in quotation marks, unless the author already wrote them
/// inside a pair.
fn quoted(q: &str) -> String {
    let opens = |c: char| matches!(c, '"' | '“' | '«' | '„');
    let closes = |c: char| matches!(c, '"' | '”' | '»' | '“');
    let q = q.trim();
    match (q.chars().next(), q.chars().last()) {
        (Some(a), Some(b)) if q.chars().count() > 1 && opens(a) && closes(b) => q.to_owned(),
        _ => format!("“{q}”"),
    }
}

/// The right of reply (content format 1.1, Statements): for each event,
/// every actor in its `reply_due` must have a statement `about` that
/// event whose `by` or `speaker` is that actor (a `no-response` counts:
/// it records that they were asked). Each one missing is a diagnostic
/// naming the event and the actor, at that actor's entry in the event's
/// `reply_due`, once per actor and event. These are warnings: they do not
/// stop a build.
pub fn missing_replies(site: &Site) -> Vec<Diagnostic> {
    let answered: HashSet<(Ix<Event>, Ix<Actor>)> = site
        .statements
        .iter()
        .flat_map(|s| {
            s.about
                .iter()
                .flat_map(move |&e| std::iter::once((e, s.by)).chain(s.speaker.map(|sp| (e, sp))))
        })
        .collect();
    let mut out = Vec::new();
    for (e, event) in site.events.enumerate() {
        for due in &event.reply_due {
            if answered.contains(&(e, due.actor)) {
                continue;
            }
            let actor = &site.actors[due.actor].id;
            out.push(
                due.at
                    .diagnostic(format!(
                        "event `{}` has no reply from `{actor}`: no statement about it is by or spoken by them",
                        event.id
                    ))
                    .with_hint(format!(
                        "record their reply as a statement with `about: [{}]` and `by: {actor}` (or `speaker: {actor}`); if they were asked and did not answer, say so with `kind: no-response`",
                        event.id
                    )),
            );
        }
    }
    out
}

// ---- Pages: `statements/` (each statement an anchor there), and what templates see.

const INDEX_PAGE: PageKind =
    PageKind::new("statements", "statements.html", "statements", "Statements");

/// A statement as its entry, an event's replies and record pages show it
/// (`statement` partial).
#[derive(Serialize, Clone)]
pub struct StatementItem {
    pub id: String,
    /// Link to its entry: `…/statements/#<id>`.
    pub href: String,
    /// The kind as written (`denial`, `no-response`), for classes.
    pub kind: &'static str,
    /// The kind as a reader reads it ("Denial", "No response").
    pub kind_label: &'static str,
    pub by: LinkCtx,
    pub speaker: Option<LinkCtx>,
    pub date: DateCtx,
    /// When the question was put to them.
    pub asked: Option<DateCtx>,
    pub question_html: Option<String>,
    /// The words in quotation marks, mentions linked.
    pub quote_html: Option<String>,
    pub summary_html: Option<String>,
    /// Where the quotation can be checked, for `<blockquote cite>`: the
    /// first of its sources with a URL, else the first of its articles'
    /// original publications.
    pub cite: Option<String>,
    pub medium: Option<String>,
    /// The events it is about: on its entry every one, elsewhere the
    /// first [`paginate::ABOUT_SHOWN`].
    pub about: Vec<LinkCtx>,
    /// How many events it is about that `about` leaves out (then `href`,
    /// its entry, lists them all).
    pub about_more: usize,
    /// Other actors it concerns (named, or mentioned in its words).
    pub actors: Vec<LinkCtx>,
    pub sources: Vec<LinkCtx>,
    pub articles: Vec<LinkCtx>,
    /// Its tags, each a link to the tag's page.
    pub tags: Vec<LinkCtx>,
    pub corrections: Vec<CorrectionCtx>,
}

impl Statement {
    /// The statement as pages other than its entry show it (under an
    /// event, on a record's page, a tag's), links relative to `root`: the
    /// events it is about cut to [`paginate::ABOUT_SHOWN`].
    pub(crate) fn item(env: &Env, i: Ix<Statement>, root: &str) -> StatementItem {
        Statement::card(env, i, root, false)
    }

    /// The statement as its entry on `statements/` shows it, with every
    /// event it is about.
    pub(crate) fn entry(env: &Env, i: Ix<Statement>, root: &str) -> StatementItem {
        Statement::card(env, i, root, true)
    }

    fn card(env: &Env, i: Ix<Statement>, root: &str, home: bool) -> StatementItem {
        let (site, graph) = (env.site, env.graph);
        let s = &site.statements[i];
        let text_len = s.summary.as_ref().map_or(0, |t| t.events.len());
        let (summary_mentions, quote_mentions) = graph.mentions.statements[i].split(text_len);
        let cite = s
            .sources
            .iter()
            .find_map(|&x| site.sources[x].url.clone())
            .or_else(|| {
                s.articles
                    .iter()
                    .find_map(|&a| site.articles[a].url.clone())
            });
        StatementItem {
            id: s.id.clone(),
            href: url::statement(root, s.page, &s.id),
            kind: s.kind.as_str(),
            kind_label: s.kind.label(),
            by: Actor::link(env, s.by, root),
            speaker: s.speaker.map(|a| Actor::link(env, a, root)),
            date: DateCtx::of(&s.date),
            asked: s.asked.as_ref().map(DateCtx::of),
            question_html: env.rich_part(s, "question", s.question.as_ref(), root),
            // A quote is plain text: no ids in it to keep apart.
            quote_html: env.rich(s, s.quote_text.as_ref(), &quote_mentions, root),
            summary_html: env.rich(s, s.summary.as_ref(), &summary_mentions, root),
            cite,
            medium: s.medium.clone(),
            about_more: if home {
                0
            } else {
                s.about.len().saturating_sub(paginate::ABOUT_SHOWN)
            },
            about: s
                .about
                .iter()
                .take(if home {
                    usize::MAX
                } else {
                    paginate::ABOUT_SHOWN
                })
                .map(|&e| LinkCtx {
                    text: site.events[e].title.clone(),
                    href: url::event(root, site.events[e].page, &site.events[e].id),
                })
                .collect(),
            actors: s
                .concerns(graph, i)
                .map(|a| Actor::link(env, a, root))
                .collect(),
            sources: s
                .sources
                .iter()
                .map(|&x| LinkCtx {
                    text: site.sources[x].name.clone(),
                    href: url::source(root, &site.sources[x].id),
                })
                .collect(),
            articles: s
                .articles
                .iter()
                .map(|&a| LinkCtx {
                    text: site.articles[a].title.clone(),
                    href: url::article(root, &site.articles[a].slug),
                })
                .collect(),
            tags: env.tag_links(&s.tags, root),
            corrections: env.corrections(s, root),
        }
    }

    /// How the statement is named where it is linked to (the corrections
    /// page): "Denial by NSO Group, 21 July 2021".
    pub(crate) fn title(&self, site: &Site) -> String {
        format!(
            "{} by {}, {}",
            self.kind.label(),
            site.actors[self.by].name,
            self.date
        )
    }
}

impl KindPages for Statement {
    const INDEX: &'static PageKind = &INDEX_PAGE;
    const RECORD: Option<&'static PageKind> = None;

    fn index_dir() -> String {
        url::statements("")
    }

    fn title(site: &Site, i: Ix<Self>) -> String {
        site.statements[i].title(site)
    }

    /// The statement as its entry shows it (linking there).
    fn listed(env: &Env, i: Ix<Self>, root: &str) -> tera::Value {
        tera::Value::from_serializable(&Statement::item(env, i, root))
    }

    /// Its quote, summary, question, medium and corrections.
    fn shown_text(&self) -> usize {
        let rich = |t: &Option<RichText>| t.as_ref().map_or(0, RichText::written_len);
        self.quote.as_ref().map_or(0, String::len)
            + rich(&self.summary)
            + rich(&self.question)
            + self.medium.as_ref().map_or(0, String::len)
            + crate::model::correction::written_len(&self.corrections)
    }

    /// As its entry shows it, away from it.
    fn listed_bytes(&self, _records: &crate::model::Records<'_>) -> usize {
        paginate::statement_bytes(self.about.len(), self.shown_text(), false)
    }

    /// Its anchor on its page of `statements/`.
    fn href(&self, root: &str) -> String {
        url::statement(root, self.page, &self.id)
    }

    /// The pages the statements are on: [`paginate::STATEMENTS_PER_PAGE`]
    /// statements a page, fewer where they are about many events.
    fn index_parts(statements: &[Self]) -> Vec<url::Part> {
        let parts: Vec<url::Part> = statements.iter().map(|s| s.page).collect();
        paginate::pages_of(&parts)
    }

    /// The statements on page `part`, newest first, grouped by year.
    fn index_context(
        env: &Env,
        ctx: &mut Context,
        root: &str,
        part: url::Part,
    ) -> (String, String) {
        let site = env.site;
        let mut years: Vec<Group<StatementItem>> = Vec::new();
        for s in site
            .statements
            .ixs()
            .filter(|&s| site.statements[s].page == part)
        {
            let year = site.statements[s].date.year.to_string();
            if years.last().is_none_or(|g| g.key != year) {
                years.push(Group {
                    key: year.clone(),
                    label: year,
                    items: Vec::new(),
                    total: 0,
                });
            }
            if let Some(g) = years.last_mut() {
                g.items.push(Statement::entry(env, s, root));
                g.total += 1;
            }
        }
        ctx.insert("years", &years);
        let title =
            crate::render::pages::paged::<Statement>(env, ctx, root, part, Self::INDEX.title);
        (
            title,
            format!(
                "Who said what in {}: statements, denials and replies, newest first",
                site.config.title
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::BuildOptions;

    const EVENTS: &str = "\
- id: bribe
  date: 2020
  title: A bribe
  reply_due:
    - acme
    - city
    - acme
- id: leak
  date: 2021
  title: A leak
  reply_due: [roe]
";

    /// The site of an investigation with three actors, the events above
    /// and `statements` (a YAML list).
    fn site(statements: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        let write = |name: &str, text: &str| std::fs::write(content.join(name), text).unwrap();
        write("site.yaml", "title: T\n");
        write(
            "actors.yaml",
            "- {id: acme, name: Acme}\n- {id: city, name: City Hall}\n- {id: roe, name: Jane Roe}\n",
        );
        write("events.yaml", EVENTS);
        write("statements.yaml", statements);
        let loaded = crate::load::load(dir.path()).unwrap();
        crate::model::build(&loaded, &BuildOptions::default()).unwrap()
    }

    /// Each missing reply as `line:column message`.
    fn missing(statements: &str) -> Vec<String> {
        let mut out: Vec<String> = missing_replies(&site(statements))
            .into_iter()
            .map(|d| {
                assert_eq!(&*d.path, "content/events.yaml");
                format!("{}:{} {}", d.line.unwrap(), d.column.unwrap(), d.message)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn each_missing_reply_is_named_once_at_its_entry() {
        assert_eq!(
            missing("[]"),
            [
                "11:15 event `leak` has no reply from `roe`: no statement about it is by or spoken by them",
                "5:7 event `bribe` has no reply from `acme`: no statement about it is by or spoken by them",
                "6:7 event `bribe` has no reply from `city`: no statement about it is by or spoken by them",
            ]
        );
        let d = &missing_replies(&site("[]"))[0];
        assert_eq!(
            d.source_line.as_deref().map(|q| &*q.text),
            Some("    - acme")
        );
        assert!(d.hint.as_deref().unwrap().contains("`about: [bribe]`"));
    }

    #[test]
    fn a_statement_by_the_actor_about_the_event_answers() {
        let m =
            missing("- {id: s, by: acme, date: 2020, kind: denial, quote: No., about: [bribe]}\n");
        assert_eq!(m.len(), 2);
        assert!(m.iter().all(|l| !l.contains("`acme`")), "{m:?}");
    }

    #[test]
    fn a_statement_spoken_by_the_actor_answers() {
        let m = missing(
            "- {id: s, by: city, speaker: roe, date: 2021, summary: Not us., about: [leak, bribe]}\n",
        );
        // Roe spoke (for City Hall): both are answered where it is about them.
        assert_eq!(
            m,
            [
                "5:7 event `bribe` has no reply from `acme`: no statement about it is by or spoken by them"
            ]
        );
    }

    #[test]
    fn a_no_response_counts_as_a_reply() {
        let m = missing(
            "- {id: s, by: acme, date: 2020-03, kind: no-response, asked: 2020-02, about: [bribe]}\n\
             - {id: t, by: city, date: 2020-03, kind: no-response, about: [bribe]}\n\
             - {id: u, by: roe, date: 2021, kind: no-response, about: [leak]}\n",
        );
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn a_reply_about_another_event_or_by_someone_else_does_not_count() {
        let m = missing(
            "- {id: s, by: acme, date: 2021, quote: Not the leak., about: [leak]}\n\
             - {id: t, by: roe, date: 2020, quote: About Acme., about: [bribe], actors: [acme]}\n",
        );
        assert_eq!(m.len(), 3, "{m:?}");
    }

    #[test]
    fn quotes_are_set_in_quotation_marks_once() {
        assert_eq!(quoted("Not us."), "“Not us.”");
        assert_eq!(quoted("  “Not us.”  "), "“Not us.”");
        assert_eq!(quoted("\"Not us.\""), "\"Not us.\"");
        assert_eq!(quoted("“Half"), "““Half”");
        assert_eq!(quoted("\""), "“\"”");
    }
}
