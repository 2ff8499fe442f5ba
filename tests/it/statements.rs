//! Statements, the right of reply and corrections (content format 1.1):
//! every field and its errors, every page a statement or a correction
//! appears on, the open data, the corrections feed and the structured
//! data, on the `statements` fixture (the base fixture with replies of
//! every kind, a missing one, and corrections on every kind of record).

use crate::check::assert_reports;
use crate::common::*;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The `statements` fixture, built.
fn built() -> (tempfile::TempDir, PathBuf) {
    let inv = investigation(Some("statements"));
    let out = build_ok(inv.path());
    (inv, out)
}

fn text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The element with id `id` on a page.
fn by_id<'d>(doc: &'d Html, id: &str) -> ElementRef<'d> {
    doc.select(&sel(&format!("[id='{id}']")))
        .next()
        .unwrap_or_else(|| panic!("no element with id `{id}`"))
}

/// The entries linked from the statements of the section headed `title`
/// (not those among the replies of the events it may show).
fn section(doc: &Html, title: &str) -> Vec<String> {
    let h = doc
        .select(&sel("h2.section-title"))
        .find(|h| text(*h) == title)
        .unwrap_or_else(|| panic!("no section {title}"));
    let section = ElementRef::wrap(h.parent().unwrap()).unwrap();
    section
        .select(&sel(".statement-list > li > article.statement .entry-link"))
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

fn json(out: &Path, name: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(&read(&out.join("data").join(name))).unwrap();
    v.as_array().unwrap().clone()
}

fn row<'a>(rows: &'a [Value], key: &str, id: &str) -> &'a Value {
    rows.iter()
        .find(|r| r[key] == id)
        .unwrap_or_else(|| panic!("no record `{id}`"))
}

/// The hrefs of the links inside `e`.
fn hrefs(e: ElementRef) -> Vec<String> {
    e.select(&sel("a[href]"))
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

#[test]
fn statement_fields_are_checked_with_precise_messages() {
    assert_reports(
        "statements",
        &[
            (
                "content/statements/bad.yaml:2:7",
                "unknown actor `acme-shiping`",
            ),
            (
                "content/statements/bad.yaml:3:12",
                "unknown actor `jane-ro`",
            ),
            (
                "content/statements/bad.yaml:6:11",
                "unknown event `contract-awardd`",
            ),
            ("content/statements/bad.yaml:7:12", "unknown actor `obrein`"),
            (
                "content/statements/bad.yaml:8:13",
                "unknown source `harbour-gazete`",
            ),
            (
                "content/statements/bad.yaml:9:14",
                "unknown article `first-stroy`",
            ),
            (
                "content/statements/bad.yaml:10:3",
                "a statement needs its words: a `quote` (verbatim) or a `summary` (a paraphrase)",
            ),
            (
                "content/statements/bad.yaml:17:9",
                "`rebuttal` is not a valid statement kind; allowed: statement, denial, confirmation, admission, demand, no-comment, no-response",
            ),
            (
                "content/statements/bad.yaml:22:9",
                "this `no-response` is dated 2019-05-01, before the question was asked (2019-05-10)",
            ),
            (
                "content/statements/bad.yaml:26:3",
                "unknown field `qoute` in a statement",
            ),
            (
                "content/statements/bad.yaml:27:3",
                "a statement is missing the required field `by`",
            ),
            (
                "content/statements/bad.yaml:29:3",
                "a statement needs its words",
            ),
        ],
    );
    let inv = investigation(Some("bad/statements"));
    let err = stderr(&dossier_in(inv.path(), &["check"]));
    for hint in [
        "did you mean `acme-shipping`?",
        "did you mean `jane-roe`?",
        "did you mean `contract-awarded`?",
        "did you mean `obrien`?",
        "did you mean `harbour-gazette`?",
        "did you mean `first-story`?",
        "did you mean `quote`?",
        "only a `no-response` statement may have neither",
    ] {
        assert!(
            err.contains(&format!("= hint: {hint}")),
            "no hint {hint:?}\n{err}"
        );
    }
    // A misspelt `quote` is reported once, not again as missing words; a
    // `no-response` with neither quote nor summary (in the base fixture)
    // is no error.
    assert!(!err.contains("bad.yaml:23:"), "{err}");
    for field in ["id", "by", "date"] {
        let line =
            format!("bad.yaml:27:3: error: a statement is missing the required field `{field}`");
        assert!(err.contains(&line), "{line}\n{err}");
    }
    assert!(!err.contains("content/statements.yaml"), "{err}");
    assert!(err.contains("14 errors and 1 warning found"), "{err}");
}

#[test]
fn corrections_and_updates_are_checked() {
    assert_reports(
        "corrections",
        &[
            (
                "content/articles/corrected.md:4:10",
                "the article is updated (2019-06-01) before it is published (2019-06-10)",
            ),
            (
                "content/articles/corrected.md:6:11",
                "this correction is dated 2019-06-09, before the article's date (2019-06-10)",
            ),
            (
                "content/articles/corrected.md:10:5",
                "a correction is missing the required field `note`",
            ),
            (
                "content/articles/corrected.md:11:5",
                "a correction is missing the required field `date`",
            ),
            (
                "content/articles/corrected.md:14:5",
                "unknown field `by` in a correction",
            ),
            (
                "content/events/more.yaml:4:15",
                "unknown actor `acme-shiping`",
            ),
            ("content/events/more.yaml:6:13", "month 13 does not exist"),
            (
                "content/events/more.yaml:9:13",
                "`note` of a correction is empty",
            ),
        ],
    );
    let inv = investigation(Some("bad/corrections"));
    let err = stderr(&dossier_in(inv.path(), &["check"]));
    // "June 2019" is not before 10 June 2019: only a date surely earlier is.
    assert!(!err.contains("corrected.md:8:"), "{err}");
    assert!(
        err.contains("= hint: the fields of a correction are: date, note"),
        "{err}"
    );
    assert!(err.contains("8 errors and 2 warnings found"), "{err}");
}

#[test]
fn missing_replies_are_reported_at_their_reply_due_entry() {
    let inv = investigation(Some("statements"));
    let loaded = dossier::load::load(inv.path()).unwrap();
    let site = dossier::model::build(&loaded, &dossier::BuildOptions::default()).unwrap();
    let missing: Vec<String> = dossier::model::missing_replies(&site)
        .into_iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {} | {}",
                d.path,
                d.line.unwrap(),
                d.column.unwrap(),
                d.message,
                d.hint.unwrap_or_default()
            )
        })
        .collect();
    // Acme answered by `by`, O'Brien as Acme's speaker, City Hall with a
    // no-response, the Port Authority with a confirmation; Jane Roe's
    // statement is about another event; on the base fixture's contract
    // event she answered as Acme's speaker.
    assert_eq!(
        missing,
        [
            "content/events/replies.yaml:10:7: event `kickbacks` has no reply from `jane-roe`: no statement about it is by or spoken by them | record their reply as a statement with `about: [kickbacks]` and `by: jane-roe` (or `speaker: jane-roe`); if they were asked and did not answer, say so with `kind: no-response`"
        ]
    );
    // The example's one allegation without a reply.
    let ex = example();
    let loaded = dossier::load::load(ex.path()).unwrap();
    let site = dossier::model::build(&loaded, &dossier::BuildOptions::default()).unwrap();
    let missing: Vec<String> = dossier::model::missing_replies(&site)
        .into_iter()
        .map(|d| d.message)
        .collect();
    assert_eq!(
        missing,
        [
            "event `journalists-selected-for-targeting` has no reply from `nso-group`: no statement about it is by or spoken by them"
        ]
    );
}

#[test]
fn the_statements_page_lists_every_statement_newest_first_with_its_anchor() {
    let (_inv, out) = built();
    let doc = page(&out, "statements");
    let ids: Vec<&str> = doc
        .select(&sel("article.statement"))
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "city-silent",
            "authority-confirms",
            "obrien-demands",
            "acme-denies-kickbacks",
            "acme-no-comment",
            "authority-no-reply",
            "acme-denies-favour",
            "roe-admits",
        ]
    );
    let years: Vec<String> = doc.select(&sel("h2.year-plate")).map(text).collect();
    assert_eq!(years, ["2019", "2018"]);

    // Who (and the speaker), the kind in words, when, where, the quote as
    // a quotation that can be checked, mentions linked in it.
    let denial = by_id(&doc, "acme-denies-kickbacks");
    let title = text(denial.select(&sel(".statement-title")).next().unwrap());
    assert_eq!(title, "Denial by Acme Shipping, through Sean O'Brien");
    assert!(
        denial
            .select(&sel(".stmt-kind-denial .stmt-mark[aria-hidden=true]"))
            .next()
            .is_some()
    );
    let meta = text(denial.select(&sel(".statement-meta")).next().unwrap());
    assert_eq!(meta, "2 July 2019 · interview with Radio Harbour");
    let quote = denial
        .select(&sel("blockquote.statement-quote"))
        .next()
        .unwrap();
    assert_eq!(quote.value().attr("cite"), Some("https://radio.example/"));
    assert_eq!(text(quote), "“No kickback was ever paid to Jane Roe.”");
    assert_eq!(hrefs(quote), ["../actors/jane-roe/"]);
    let about = denial.select(&sel(".event-links")).next().unwrap();
    assert!(hrefs(about).contains(&"../timeline/#kickbacks".to_owned()));
    assert!(hrefs(about).contains(&"../sources/radio-harbour/".to_owned()));

    // A quote with no source or article URL has no `cite`.
    let demand = by_id(&doc, "obrien-demands");
    let q = demand.select(&sel("blockquote")).next().unwrap();
    assert_eq!(q.value().attr("cite"), None);
    assert!(text(demand).contains("Demand"));

    // The reply process.
    let silent = by_id(&doc, "city-silent");
    assert!(
        text(silent).contains("No response by City Hall"),
        "{}",
        text(silent)
    );
    assert!(
        text(silent).contains("asked on 10 July 2019, no reply by 20 July 2019"),
        "{}",
        text(silent)
    );
    assert!(text(silent).contains("Did the city know of the payments?"));
    assert!(silent.select(&sel("blockquote")).next().is_none());
    // Each kind in words.
    for (id, label) in [
        ("authority-confirms", "Confirmation"),
        ("roe-admits", "Admission"),
        ("acme-no-comment", "No comment"),
    ] {
        let s = by_id(&doc, id);
        assert_eq!(text(s.select(&sel(".stmt-kind")).next().unwrap()), label);
    }
    // A summary's mentions are linked too, each text on its own.
    let confirms = by_id(&doc, "authority-confirms");
    let summary = confirms.select(&sel(".statement-summary")).next().unwrap();
    // An id link to another statement leads to its entry.
    assert_eq!(
        hrefs(summary),
        [
            "../actors/acme-shipping/",
            "../statements/#acme-denies-kickbacks"
        ]
    );
}

#[test]
fn replies_show_under_their_event_with_a_mark_where_one_is_missing() {
    let (_inv, out) = built();
    let doc = page(&out, "timeline");
    let event = by_id(&doc, "kickbacks");
    let replies = event.select(&sel(".replies")).next().unwrap();
    // Date order under the event; each links to its entry; no id of its own.
    let entries: Vec<Vec<String>> = replies
        .select(&sel("article.statement"))
        .map(|s| {
            assert_eq!(s.value().attr("id"), None);
            s.select(&sel(".entry-link"))
                .map(|a| a.value().attr("href").unwrap().to_owned())
                .collect()
        })
        .collect();
    assert_eq!(
        entries,
        [
            ["../statements/#acme-denies-kickbacks"],
            ["../statements/#authority-confirms"],
            ["../statements/#city-silent"],
        ]
    );
    let missing: Vec<String> = replies.select(&sel(".reply-missing")).map(text).collect();
    assert_eq!(
        missing,
        ["No reply recorded from Jane Roe, whose reply this event requires."]
    );
    let mark = replies
        .select(&sel(".reply-missing .missing-mark"))
        .next()
        .unwrap();
    assert_eq!(mark.value().attr("aria-hidden"), Some("true"));
    // Who, when, what kind, the quote.
    let first = text(replies.select(&sel("article.statement")).next().unwrap());
    for part in [
        "Denial",
        "Acme Shipping",
        "Sean O'Brien",
        "2 July 2019",
        "“No kickback was ever paid to Jane Roe.”",
    ] {
        assert!(first.contains(part), "{part} in {first}");
    }
    // An answered event has replies and no mark.
    let contract = by_id(&doc, "contract-awarded");
    assert!(contract.select(&sel(".reply-missing")).next().is_none());
    assert_eq!(
        contract.select(&sel(".replies article.statement")).count(),
        1
    );
    // An event without reply_due or replies has no replies section.
    let talks = by_id(&doc, "talks-begin");
    assert_eq!(talks.select(&sel(".replies article.statement")).count(), 1);
    let review = by_id(&doc, "review");
    assert!(text(review).contains("asked on 1 April 2019, no reply by 8 April 2019"));
}

#[test]
fn actor_pages_show_what_they_said_and_what_was_said_about_them() {
    let (_inv, out) = built();
    // O'Brien spoke for Acme, and made a demand of his own.
    let obrien = page(&out, "actors/obrien");
    assert_eq!(
        section(&obrien, "On the record"),
        [
            "../../statements/#obrien-demands",
            "../../statements/#acme-denies-kickbacks"
        ]
    );
    // Named in the base fixture's statement's `actors`.
    assert_eq!(
        section(&obrien, "Said about them"),
        ["../../statements/#acme-denies-favour"]
    );
    // Jane Roe spoke for Acme in the base fixture and made an admission;
    // Acme's denial names her in its quote.
    let roe = page(&out, "actors/jane-roe");
    assert_eq!(
        section(&roe, "On the record"),
        [
            "../../statements/#acme-denies-favour",
            "../../statements/#roe-admits"
        ]
    );
    assert_eq!(
        section(&roe, "Said about them"),
        ["../../statements/#acme-denies-kickbacks"]
    );
    let city = page(&out, "actors/city-hall");
    assert_eq!(
        section(&city, "On the record"),
        ["../../statements/#city-silent"]
    );
    assert_eq!(
        section(&city, "Said about them"),
        ["../../statements/#authority-confirms"]
    );
    // An actor with none says so.
    let base = investigation(None);
    let out = build_ok(base.path());
    let obrien = page(&out, "actors/obrien");
    assert!(text(obrien.root_element()).contains("No statement by Sean O'Brien is recorded."));
}

#[test]
fn source_and_article_pages_show_their_statements() {
    let (_inv, out) = built();
    let here = "Statements made or reported here";
    let statements = |doc: &Html| section(doc, here);
    let radio = page(&out, "sources/radio-harbour");
    assert_eq!(
        statements(&radio),
        ["../../statements/#acme-denies-kickbacks"]
    );
    let gazette = page(&out, "sources/harbour-gazette");
    assert_eq!(
        statements(&gazette),
        ["../../statements/#acme-denies-favour"]
    );
    let wap = page(&out, "sources/wire-agency");
    assert!(statements(&wap).is_empty());
    assert!(text(wap.root_element()).contains("No statement cites this source."));
    let story = page(&out, "articles/first-story");
    assert_eq!(
        section(&story, "Statements it reports"),
        [
            "../../statements/#authority-confirms",
            "../../statements/#acme-denies-favour"
        ]
    );
    // The home page counts them, and the navigation leads to them.
    let home = page(&out, "");
    let counts: Vec<(String, String)> = home
        .select(&sel(".counts > div"))
        .map(|d| {
            let dt = text(d.select(&sel("dt")).next().unwrap());
            (dt, text(d.select(&sel("dd")).next().unwrap()))
        })
        .collect();
    assert!(
        counts.contains(&("Statements".into(), "8".into())),
        "{counts:?}"
    );
    assert!(hrefs(home.select(&sel(".site-nav")).next().unwrap()).contains(&"statements/".into()));
}

#[test]
fn statements_are_open_data_and_in_the_events_data() {
    let (_inv, out) = built();
    let rows = json(&out, "statements.json");
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 8);
    assert_eq!(ids[0], "city-silent", "newest first");
    let denial = row(&rows, "id", "acme-denies-kickbacks");
    assert_eq!(denial["by"], "acme-shipping");
    assert_eq!(denial["speaker"], "obrien");
    assert_eq!(denial["kind"], "denial");
    assert_eq!(denial["date"], "2019-07-02");
    assert_eq!(denial["precision"], "day");
    assert_eq!(denial["quote"], "No kickback was ever paid to Jane Roe.");
    assert_eq!(denial["about"], serde_json::json!(["kickbacks"]));
    assert_eq!(denial["actors"], serde_json::json!(["jane-roe"]));
    assert_eq!(denial["sources"], serde_json::json!(["radio-harbour"]));
    assert_eq!(denial["medium"], "interview with Radio Harbour");
    assert_eq!(denial["path"], "statements/#acme-denies-kickbacks");
    let silent = row(&rows, "id", "city-silent");
    assert_eq!(silent["kind"], "no-response");
    assert_eq!(silent["asked"], "2019-07-10");
    assert_eq!(silent["question"], "Did the city know of the payments?");
    assert_eq!(silent["quote"], Value::Null);
    assert_eq!(silent["summary"], Value::Null);
    assert_eq!(
        silent["corrections"],
        serde_json::json!([{"date": "2019-07-21", "note": "The question was sent on 10 July, not 9 July."}])
    );
    let events = json(&out, "events.json");
    let kickbacks = row(&events, "id", "kickbacks");
    assert_eq!(
        kickbacks["statements"],
        serde_json::json!(["acme-denies-kickbacks", "authority-confirms", "city-silent"])
    );
    assert_eq!(
        kickbacks["reply_due"],
        serde_json::json!([
            "acme-shipping",
            "obrien",
            "port-authority",
            "city-hall",
            "jane-roe"
        ])
    );
    assert_eq!(
        kickbacks["missing_replies"],
        serde_json::json!(["jane-roe"])
    );
    let actors = json(&out, "actors.json");
    let obrien = row(&actors, "id", "obrien");
    assert_eq!(
        obrien["statements"],
        serde_json::json!(["obrien-demands", "acme-denies-kickbacks"])
    );
    assert_eq!(
        obrien["statements_about"],
        serde_json::json!(["acme-denies-favour"])
    );
    let sources = json(&out, "sources.json");
    assert_eq!(
        row(&sources, "id", "radio-harbour")["statements"],
        serde_json::json!(["acme-denies-kickbacks"])
    );
    let articles = json(&out, "articles.json");
    let story = row(&articles, "slug", "first-story");
    assert_eq!(
        story["statements"],
        serde_json::json!(["authority-confirms", "acme-denies-favour"])
    );
    assert_eq!(story["updated"], "2019-04-20");
}

#[test]
fn corrections_show_on_their_record_newest_first() {
    let (_inv, out) = built();
    let corrections = |e: ElementRef| -> Vec<String> {
        e.select(&sel(".corrections li"))
            .map(|li| {
                let date = text(li.select(&sel(".correction-date time")).next().unwrap());
                let note = text(li.select(&sel(".correction-note")).next().unwrap());
                format!("{date} {note}")
            })
            .collect()
    };
    let story = page(&out, "articles/first-story");
    let article = story.select(&sel("article.story")).next().unwrap();
    assert_eq!(
        corrections(article),
        [
            "20 April 2019 The contract’s value was wrong; see the record.",
            "5 April 2019 An earlier version misnamed the Port Authority."
        ]
    );
    let dateline = text(story.select(&sel(".story-meta")).next().unwrap());
    assert!(dateline.contains("Updated 20 April 2019"), "{dateline}");
    // On a record's page, its own corrections have a section of their own
    // (those of the statements it lists show with each statement).
    let own = |doc: &Html| -> Vec<String> {
        let h = doc
            .select(&sel("h2.section-title"))
            .find(|h| text(*h) == "Corrections")
            .unwrap();
        corrections(ElementRef::wrap(h.parent().unwrap()).unwrap())
    };
    let city = page(&out, "actors/city-hall");
    assert_eq!(
        own(&city),
        ["1 September 2019 An earlier version called it the Town Hall."]
    );
    let radio = page(&out, "sources/radio-harbour");
    assert_eq!(own(&radio), ["2 August 2019 Its name was misspelt."]);
    let timeline = page(&out, "timeline");
    assert_eq!(
        corrections(by_id(&timeline, "kickbacks")),
        // The event's own, and its reply's (City Hall's), each under its record.
        [
            "21 July 2019 The question was sent on 10 July, not 9 July.",
            "1 August 2019 The month was wrong."
        ]
    );
    let statements = page(&out, "statements");
    assert_eq!(
        corrections(by_id(&statements, "city-silent")),
        ["21 July 2019 The question was sent on 10 July, not 9 July."]
    );
    // A record without corrections shows none.
    let obrien = page(&out, "actors/obrien");
    assert!(obrien.select(&sel(".corrections")).next().is_none());
}

#[test]
fn the_corrections_page_lists_every_correction_linking_to_what_it_corrects() {
    let (_inv, out) = built();
    // Every link of the site resolves, anchors on the timeline and the
    // statements and corrections pages included.
    assert!(crate::build::assert_links_resolve(&out) > 100);
    let doc = page(&out, "corrections");
    let entries: Vec<(String, String, String, String)> = doc
        .select(&sel(".correction-log > li"))
        .map(|li| {
            let a = li.select(&sel(".correction-title a")).next().unwrap();
            (
                li.value().attr("id").unwrap().to_owned(),
                a.value().attr("href").unwrap().to_owned(),
                text(li.select(&sel("time")).next().unwrap()),
                text(li.select(&sel(".correction-title .label")).next().unwrap()),
            )
        })
        .collect();
    let expect = |id: &str, href: &str, date: &str, kind: &str| {
        (
            id.to_owned(),
            href.to_owned(),
            date.to_owned(),
            kind.to_owned(),
        )
    };
    assert_eq!(
        entries,
        [
            expect(
                "correction-actor-city-hall-2019-09-01",
                "../actors/city-hall/",
                "1 September 2019",
                "actor"
            ),
            expect(
                "correction-source-radio-harbour-2019-08-02",
                "../sources/radio-harbour/",
                "2 August 2019",
                "source"
            ),
            expect(
                "correction-event-kickbacks-2019-08-01",
                "../timeline/#kickbacks",
                "1 August 2019",
                "event"
            ),
            expect(
                "correction-statement-city-silent-2019-07-21",
                "../statements/#city-silent",
                "21 July 2019",
                "statement"
            ),
            expect(
                "correction-article-first-story-2019-04-20",
                "../articles/first-story/",
                "20 April 2019",
                "article"
            ),
            expect(
                "correction-article-first-story-2019-04-05",
                "../articles/first-story/",
                "5 April 2019",
                "article"
            ),
        ]
    );
    let titles: Vec<String> = doc.select(&sel(".correction-title a")).map(text).collect();
    assert_eq!(titles[3], "No response by City Hall, 20 July 2019");
    assert_eq!(titles[4], "Acme Shipping and the harbour");
    // The note's own link is kept, relative links rewritten for this page.
    let note = doc.select(&sel(".correction-note")).nth(4).unwrap();
    assert_eq!(hrefs(note), ["https://gazette.example/record"]);
    // Every page links to it and to its feed.
    let home = page(&out, "");
    let footer = hrefs(home.select(&sel(".colophon")).next().unwrap());
    assert!(footer.contains(&"corrections/".to_owned()), "{footer:?}");
    assert!(footer.contains(&"corrections.xml".to_owned()), "{footer:?}");
    // With none, the page says so.
    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(empty.path().join("content")).unwrap();
    std::fs::write(empty.path().join("content/site.yaml"), "title: Empty\n").unwrap();
    let out = build_ok(empty.path());
    assert!(
        text(page(&out, "corrections").root_element()).contains("No corrections have been made.")
    );
    assert!(read(&out.join("corrections.xml")).contains("<updated>1970-01-01T00:00:00Z</updated>"));
}

/// The child elements of `node` in the Atom namespace named `name`.
fn atom<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children()
        .filter(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", name)))
        .collect()
}

#[test]
fn the_corrections_feed_is_valid_atom() {
    let (_inv, out) = built();
    let xml = read(&out.join("corrections.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name(("http://www.w3.org/2005/Atom", "feed")));
    // RFC 4287 4.1.1: exactly one id, title and updated; an author (here
    // at the feed level, covering every entry).
    for one in ["id", "title", "updated", "author"] {
        assert_eq!(atom(feed, one).len(), 1, "feed/{one}");
    }
    assert_eq!(
        atom(feed, "updated")[0].text(),
        Some("2019-09-01T00:00:00Z"),
        "the newest correction's date, never the build time"
    );
    let links = atom(feed, "link");
    assert!(links.iter().any(|l| l.attribute("rel") == Some("self")
        && l.attribute("href") == Some("https://news.example/harbour/corrections.xml")));
    let entries = atom(feed, "entry");
    assert_eq!(entries.len(), 6);
    let mut ids = std::collections::HashSet::new();
    let mut stamps = Vec::new();
    for e in &entries {
        for one in ["id", "title", "updated", "content"] {
            assert_eq!(atom(*e, one).len(), 1, "entry/{one}");
        }
        let id = atom(*e, "id")[0].text().unwrap().to_owned();
        assert!(
            id.starts_with("https://news.example/harbour/corrections/#correction-"),
            "{id}"
        );
        assert!(ids.insert(id), "entry ids are unique");
        let link = atom(*e, "link")[0].attribute("href").unwrap();
        assert!(link.starts_with("https://news.example/harbour/"), "{link}");
        let content = atom(*e, "content")[0];
        assert_eq!(content.attribute("type"), Some("html"));
        stamps.push(atom(*e, "updated")[0].text().unwrap().to_owned());
    }
    let mut sorted = stamps.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(stamps, sorted, "newest first");
    let first = entries[0];
    assert_eq!(
        atom(first, "title")[0].text(),
        Some("Correction to actor “City Hall”")
    );
    assert_eq!(
        atom(first, "link")[0].attribute("href"),
        Some("https://news.example/harbour/actors/city-hall/")
    );
    assert!(
        atom(first, "content")[0]
            .text()
            .unwrap()
            .contains("<em>Town</em>")
    );
    // Every page announces both feeds.
    let home = read(&out.join("index.html"));
    assert!(home.contains("href=corrections.xml") || home.contains("href=\"corrections.xml\""));
}

/// The schema.org JSON-LD of a page, if it has some.
fn structured(out: &Path, rel: &str) -> Option<Value> {
    let doc = page(out, rel);
    doc.select(&sel("script[type='application/ld+json']"))
        .next()
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).unwrap())
}

#[test]
fn pages_with_corrections_carry_them_as_structured_data() {
    let (_inv, out) = built();
    let article = structured(&out, "articles/first-story").unwrap();
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "Article");
    assert_eq!(article["headline"], "Acme Shipping and the harbour");
    assert_eq!(article["datePublished"], "2019-04-02");
    assert_eq!(article["dateModified"], "2019-04-20");
    assert_eq!(
        article["correction"],
        serde_json::json!([
            {"@type": "CorrectionComment", "datePublished": "2019-04-20", "text": "The contract’s value was wrong; see the record."},
            {"@type": "CorrectionComment", "datePublished": "2019-04-05", "text": "An earlier version misnamed the Port Authority."}
        ])
    );
    let city = structured(&out, "actors/city-hall").unwrap();
    assert_eq!(city["@type"], "WebPage");
    assert_eq!(city["correction"][0]["@type"], "CorrectionComment");
    let timeline = structured(&out, "timeline").unwrap();
    assert_eq!(
        timeline["correction"],
        serde_json::json!([{
            "@type": "CorrectionComment", "datePublished": "2019-08-01",
            "text": "The month was wrong.",
            "url": "https://news.example/harbour/timeline/#kickbacks"
        }])
    );
    let statements = structured(&out, "statements").unwrap();
    assert_eq!(statements["correction"].as_array().unwrap().len(), 1);
    // Pages without corrections carry none (an article is always an Article).
    assert!(structured(&out, "actors/obrien").is_none());
    assert!(structured(&out, "actors").is_none());
    let plain = structured(&out, "articles/wire-story").unwrap();
    assert_eq!(plain["@type"], "Article");
    assert!(plain.get("correction").is_none());
    assert!(plain.get("dateModified").is_none());
}

#[test]
fn corrections_are_open_data() {
    let (_inv, out) = built();
    let note =
        |file: &str, key: &str, id: &str| row(&json(&out, file), key, id)["corrections"].clone();
    assert_eq!(
        note("articles.json", "slug", "first-story"),
        serde_json::json!([
            {"date": "2019-04-20", "note": "The contract’s value was wrong; see the record."},
            {"date": "2019-04-05", "note": "An earlier version misnamed the Port Authority."}
        ])
    );
    assert_eq!(
        note("actors.json", "id", "city-hall"),
        serde_json::json!([{"date": "2019-09-01", "note": "An earlier version called it the Town Hall."}])
    );
    assert_eq!(
        note("sources.json", "id", "radio-harbour"),
        serde_json::json!([{"date": "2019-08-02", "note": "Its name was misspelt."}])
    );
    assert_eq!(
        note("events.json", "id", "kickbacks"),
        serde_json::json!([{"date": "2019-08-01", "note": "The month was wrong."}])
    );
    assert_eq!(note("actors.json", "id", "obrien"), serde_json::json!([]));
    // The feed of articles says when the corrected article was updated.
    let feed = read(&out.join("feed.xml"));
    assert!(
        feed.contains("<updated>2019-04-20T00:00:00Z</updated>"),
        "{feed}"
    );
}

#[test]
fn the_example_shows_the_denials_under_the_allegations() {
    let inv = example();
    let out = build_ok(inv.path());
    let timeline = page(&out, "timeline");
    let replies = |id: &str| -> String {
        text(
            by_id(&timeline, id)
                .select(&sel(".replies"))
                .next()
                .unwrap(),
        )
    };
    let macron = replies("macron-number-on-leaked-list");
    for part in [
        "Denial by NSO Group, through Chaim Gelfand",
        "21 July 2021",
        "i24news",
        "“We can specifically come out and say for sure that the president of France, Macron, was not a target”",
    ] {
        assert!(macron.contains(part), "{part:?} in {macron}");
    }
    assert!(!macron.contains("No reply recorded"), "{macron}");
    for event in [
        "morocco-alleged-targeting-of-journalists",
        "de-rugy-phone-hacking-evidence",
    ] {
        let morocco = replies(event);
        for part in [
            "Denial by Morocco",
            "July 2021",
            "Government of Morocco (statement)",
            "“never acquired computer software to infiltrate communication devices”",
        ] {
            assert!(morocco.contains(part), "{part:?} under {event}: {morocco}");
        }
    }
    // The statements page holds every statement the article reports.
    let statements = page(&out, "statements");
    let ids: Vec<&str> = statements
        .select(&sel("article.statement"))
        .map(|s| s.value().attr("id").unwrap())
        .collect();
    for id in [
        "nso-denies-macron-was-a-target",
        "morocco-denies-acquiring-the-software",
        "de-rugy-demands-explanations",
        "source-close-to-macron-plays-down-risk",
        "macron-asks-bennett-to-look-into-claims",
        "bennett-events-predate-his-term",
        "ben-barak-review-committee",
        "nso-exports-to-45-countries",
    ] {
        assert!(ids.contains(&id), "{id} on the statements page");
    }
    assert_eq!(ids.len(), 8);
}

/// A `no-response` quoting their words, or not saying when they were
/// asked, passed without a word, and counted as their reply: each is a
/// warning at its field. The base fixture's `no-response` (with `asked`,
/// no quote) gives neither.
#[test]
fn a_no_response_that_quotes_or_was_never_asked_is_a_warning() {
    let dir = investigation(None);
    std::fs::create_dir_all(dir.path().join("content/statements")).unwrap();
    std::fs::write(
        dir.path().join("content/statements/unsure.yaml"),
        "- id: quoted-silence\n  by: port-authority\n  date: 2019-05-01\n  kind: no-response\n  asked: 2019-04-20\n  quote: We have nothing to add.\n\
         - id: never-asked\n  by: port-authority\n  date: 2019-05-02\n  kind: no-response\n",
    )
    .unwrap();
    let o = dossier_in(dir.path(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("statements/unsure.yaml") && l.contains(": warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/statements/unsure.yaml:6:10: warning: this `no-response` quotes their words: a statement that quotes them is a reply",
            "content/statements/unsure.yaml:10:9: warning: this `no-response` does not say when they were asked: it reads only \"no reply by\" its date",
        ],
        "{err}"
    );
    assert!(err.contains("hint: add `asked: <date>`"), "{err}");
    let o = dossier_in(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1));
}

/// A run stopped by an error still says which replies are missing, unless
/// the error is in a file a reply could be in: `check` and `build` list
/// every problem in one run, and nothing that follows from an error.
#[test]
fn missing_replies_come_with_errors_elsewhere_but_not_after_a_broken_reply() {
    let missing =
        "content/events/replies.yaml:10:7: warning: event `kickbacks` has no reply from `jane-roe`";
    let inv = investigation(Some("statements"));
    let articles = inv.path().join("content/articles");
    std::fs::write(
        articles.join("broken.md"),
        "---\ntitle: Broken\ndate: 2019-02-30\n---\nText.\n",
    )
    .unwrap();
    for (cmd, err) in check_and_build_fail(inv.path()) {
        assert!(
            err.contains("content/articles/broken.md:3:7: error: `2019-02-30` is not a real date"),
            "{err}"
        );
        assert!(err.contains(missing), "{cmd}: {err}");
    }
    // Jane Roe's reply, written with an impossible date: the reply is
    // there, only broken, and its event is not said to lack it.
    let replies = inv.path().join("content/statements/replies.yaml");
    let mut text = read(&replies);
    text.push_str(
        "- id: roe-denies\n  by: jane-roe\n  date: 2019-07-40\n  kind: denial\n  quote: Not true.\n  about: [kickbacks]\n",
    );
    std::fs::write(&replies, text).unwrap();
    let err = check_fails(inv.path());
    assert!(err.contains("2019-07-40"), "{err}");
    assert!(!err.contains("has no reply from"), "{err}");
}
