//! The built-in theme renders every valid investigation.
//!
//! `dossier check` does not render the pages of a site whose templates are
//! all the built-in theme's own (only a template of the investigation's
//! own can fail on its data; see `Renderer::is_built_in`). These tests hold
//! the built-in templates to that: random investigations, with every
//! optional field present or absent and every list empty or not, in every
//! mix, must render; and the templates may use only filters, tests and
//! operators that accept every value the page contexts can hold.

use crate::common::*;
use dossier::{BuildOptions, Timings};
use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A YAML scalar holding exactly `s` (a JSON string is a YAML one).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Text that stresses escaping and Unicode without being invalid content.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("O'Brien & Sons <Ltd> \"quoted\"".to_owned()),
        Just("Ünïcödé — ‘curly’ “quotes” 🕵️".to_owned()),
        "[A-Za-z][A-Za-z ,.'&<>]{0,30}",
    ]
}

/// A date at one of the three precisions; optionally an end after it.
fn date(year: i32, month: Option<u8>, day: Option<u8>) -> String {
    match (month, day) {
        (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year}-{m:02}"),
        _ => year.to_string(),
    }
}

#[derive(Debug, Clone)]
struct Opts {
    /// One flag per optional field or list: present / non-empty or not.
    flags: Vec<bool>,
    text: String,
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
    pick: usize,
}

fn opts() -> impl Strategy<Value = Opts> {
    (
        proptest::collection::vec(any::<bool>(), 24),
        text(),
        1990..2030i32,
        proptest::option::of(1..=12u8),
        proptest::option::of(1..=28u8),
        any::<usize>(),
    )
        .prop_map(|(flags, text, year, month, day, pick)| Opts {
            flags,
            text,
            year,
            month,
            day: month.and(day),
            pick,
        })
}

#[derive(Debug, Clone)]
struct Shape {
    site: Opts,
    actors: Vec<Opts>,
    sources: Vec<Opts>,
    events: Vec<Opts>,
    articles: Vec<Opts>,
    statements: Vec<Opts>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        opts(),
        proptest::collection::vec(opts(), 0..5),
        proptest::collection::vec(opts(), 0..4),
        proptest::collection::vec(opts(), 0..6),
        proptest::collection::vec(opts(), 0..5),
        proptest::collection::vec(opts(), 0..5),
    )
        .prop_map(
            |(site, actors, sources, events, articles, statements)| Shape {
                site,
                actors,
                sources,
                events,
                articles,
                statements,
            },
        )
}

const ACTOR_KINDS: &[&str] = &[
    "person",
    "organization",
    "government",
    "company",
    "media",
    "ngo",
    "other",
];
const SOURCE_KINDS: &[&str] = &[
    "outlet",
    "wire",
    "broadcaster",
    "ngo",
    "government",
    "company",
    "document",
    "interview",
    "other",
];
const STATUSES: &[&str] = &["confirmed", "reported", "alleged", "disputed", "denied"];
const STATEMENT_KINDS: &[&str] = &[
    "statement",
    "denial",
    "confirmation",
    "admission",
    "demand",
    "no-comment",
    "no-response",
];

/// `corrections:` with one or two dated notes (Markdown that names an
/// actor and links out), at `indent`, from `year` on.
fn corrections(indent: &str, year: i32, two: bool) -> String {
    let mut out = format!(
        "{indent}corrections:\n{indent}  - date: \"{}-02\"\n{indent}    note: {}\n",
        year + 1,
        q("We misspelt **O'Brien** & <b>more</b>; see [the record](https://example.org/r).")
    );
    if two {
        writeln!(
            out,
            "{indent}  - date: \"{}\"\n{indent}    note: {}",
            year + 2,
            q("Ünïcödé fixed.")
        )
        .unwrap();
    }
    out
}

fn actor_name(i: usize) -> String {
    [
        "Ada Lovelace",
        "Acme Group",
        "Republic of Nowhere",
        "O'Brien",
        "NSO",
    ][i % 5]
        .to_owned()
}

/// `k` ids out of `n` (`prefix-0` …), chosen by `pick`.
fn some_ids(prefix: &str, n: usize, pick: usize, on: bool) -> String {
    if !on || n == 0 {
        return "[]".into();
    }
    let k = 1 + pick % n;
    let ids: Vec<String> = (0..k)
        .map(|j| format!("{prefix}-{}", (pick / 7 + j) % n))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    format!("[{}]", ids.join(", "))
}

/// Writes the investigation `s` describes under `root`.
fn write_investigation(root: &Path, s: &Shape) {
    let f = &s.site.flags;
    let mut site = String::from("title: \"A title\"\n");
    if f[0] {
        writeln!(site, "subtitle: {}", q(&s.site.text)).unwrap();
    }
    if f[1] {
        writeln!(site, "description: {}", q("About **Acme Group** and NSO.")).unwrap();
    }
    if f[2] {
        writeln!(site, "author: {}", q(&s.site.text)).unwrap();
    }
    if f[3] {
        site.push_str("language: fr\n");
    }
    if f[4] {
        site.push_str("unsafe_html: true\n");
    }
    if f[5] {
        site.push_str("search: false\n");
    }
    write(root, "content/site.yaml", site);

    let (na, ns, nr) = (s.actors.len(), s.sources.len(), s.articles.len());
    let mut actors = String::new();
    for (i, a) in s.actors.iter().enumerate() {
        let f = &a.flags;
        writeln!(actors, "- id: actor-{i}\n  name: {}", q(&actor_name(i))).unwrap();
        if f[0] {
            writeln!(
                actors,
                "  kind: {}",
                ACTOR_KINDS[a.pick % ACTOR_KINDS.len()]
            )
            .unwrap();
        }
        if f[1] {
            writeln!(actors, "  role: {}", q(&a.text)).unwrap();
        }
        if f[2] {
            writeln!(actors, "  aliases: [{}]", q(&format!("Alias {i}"))).unwrap();
        }
        if f[3] {
            writeln!(actors, "  country: {}", q(&a.text)).unwrap();
        }
        if f[4] {
            let other = actor_name((i + 1) % na);
            writeln!(
                actors,
                "  summary: {}",
                q(&format!("Knows {other}. {}", a.text))
            )
            .unwrap();
        }
        if f[5] {
            writeln!(
                actors,
                "  links:\n    - url: https://example.org/{i}\n      label: {}",
                q(&a.text)
            )
            .unwrap();
        }
        if f[6] && na > 1 {
            writeln!(
                actors,
                "  relations:\n    - actor: actor-{}\n      label: {}",
                (i + 1) % na,
                q("works with")
            )
            .unwrap();
        }
        if f[7] {
            actors.push_str(&corrections("  ", a.year, f[8]));
        }
    }
    write(root, "content/actors.yaml", actors);

    let mut sources = String::new();
    for (i, src) in s.sources.iter().enumerate() {
        let f = &src.flags;
        writeln!(
            sources,
            "- id: source-{i}\n  name: {}",
            q(&format!("Source {i}"))
        )
        .unwrap();
        if f[0] {
            writeln!(
                sources,
                "  kind: {}",
                SOURCE_KINDS[src.pick % SOURCE_KINDS.len()]
            )
            .unwrap();
        }
        if f[1] {
            writeln!(sources, "  url: https://example.org/s{i}").unwrap();
        }
        if f[2] {
            writeln!(sources, "  aliases: [{}]", q(&format!("S{i}"))).unwrap();
        }
        if f[3] {
            writeln!(
                sources,
                "  description: {}",
                q(&format!("{} and Ada Lovelace.", src.text))
            )
            .unwrap();
        }
        if f[4] {
            writeln!(sources, "  archive_url: https://archive.example/{i}").unwrap();
        }
        if f[5] {
            sources.push_str(&corrections("  ", src.year, f[6]));
        }
    }
    write(root, "content/sources.yaml", sources);

    let mut events = String::new();
    for (i, e) in s.events.iter().enumerate() {
        let f = &e.flags;
        writeln!(
            events,
            "- id: event-{i}\n  date: {}\n  title: {}",
            q(&date(e.year, e.month, e.day)),
            q(if e.text.is_empty() {
                "Untitled"
            } else {
                &e.text
            })
        )
        .unwrap();
        if f[0] {
            writeln!(
                events,
                "  end: {}",
                q(&date(
                    e.year + 1 + (e.pick % 3) as i32,
                    e.day.map(|_| 1),
                    None
                ))
            )
            .unwrap();
        }
        if f[1] {
            events.push_str("  approximate: true\n");
        }
        if f[2] {
            writeln!(
                events,
                "  summary: {}",
                q(&format!("Acme Group met NSO. {}", e.text))
            )
            .unwrap();
        }
        writeln!(events, "  actors: {}", some_ids("actor", na, e.pick, f[3])).unwrap();
        writeln!(
            events,
            "  sources: {}",
            some_ids("source", ns, e.pick, f[4])
        )
        .unwrap();
        writeln!(
            events,
            "  articles: {}",
            some_ids("article", nr, e.pick, f[5])
        )
        .unwrap();
        if f[6] {
            writeln!(events, "  status: {}", STATUSES[e.pick % STATUSES.len()]).unwrap();
        }
        if f[7] {
            writeln!(events, "  place: {}", q(&e.text)).unwrap();
        }
        if f[8] {
            writeln!(events, "  tags: [{}, money]", q(&e.text)).unwrap();
        }
        writeln!(
            events,
            "  reply_due: {}",
            some_ids("actor", na, e.pick / 3, f[9])
        )
        .unwrap();
        if f[10] {
            events.push_str(&corrections("  ", e.year, f[11]));
        }
    }
    write(root, "content/events.yaml", events);

    for (i, a) in s.articles.iter().enumerate() {
        let f = &a.flags;
        let mut meta = format!(
            "title: {}\ndate: {}\nslug: article-{i}\n",
            q(&format!("Story {i}: {}", a.text)),
            q(&date(a.year, a.month, a.day))
        );
        if f[0] {
            meta.push_str("url: https://example.org/original\n");
        }
        if f[1] {
            writeln!(meta, "byline: {}", q(&a.text)).unwrap();
        }
        if f[2] {
            writeln!(meta, "kicker: {}", q(&a.text)).unwrap();
        }
        writeln!(meta, "sources: {}", some_ids("source", ns, a.pick, f[3])).unwrap();
        writeln!(meta, "actors: {}", some_ids("actor", na, a.pick, f[4])).unwrap();
        if f[5] {
            writeln!(meta, "summary: {}", q(&a.text)).unwrap();
        }
        if f[6] {
            writeln!(meta, "tags: [{}, courts]", q(&a.text)).unwrap();
        }
        if f[16] {
            writeln!(meta, "updated: \"{}\"", a.year + 1).unwrap();
        }
        if f[17] {
            meta.push_str(&corrections("", a.year, f[18]));
        }
        // Bodies name some actors (or none), so that first-mention
        // sentences and mention counts take every form.
        let named: Vec<String> = (0..na)
            .filter(|j| f[8 + j % 8] ^ (a.pick % 2 == 0))
            .map(actor_name)
            .collect();
        let body = format!(
            "{} said little. {}\n\n## A heading with {}\n\n- a list\n\n`code {}`\n\n[a link](https://example.org) and <b>raw</b> & more.\n",
            named.join(" and "),
            a.text,
            named.first().cloned().unwrap_or_default(),
            named.last().cloned().unwrap_or_default(),
        );
        if f[7] {
            // Wire copy: a sidecar, a kicker line, a credit line.
            let mut credit = String::from("Sources: Unknown Daily");
            if ns > 0 {
                write!(credit, " and Source {}", a.pick % ns).unwrap();
            }
            write(root, &format!("content/articles/article-{i}.yaml"), &meta);
            let title = format!("Story {i}: {}", a.text);
            write(
                root,
                &format!("content/articles/article-{i}.txt"),
                format!(
                    "KICKER\n\n{title}\n\n{}\n\n{credit}\n",
                    body.replace('#', "")
                ),
            );
        } else {
            write(
                root,
                &format!("content/articles/article-{i}.md"),
                format!("---\n{meta}---\n{body}"),
            );
        }
    }
}

/// Writes the statements `s` describes, every field present or absent.
fn write_statements(root: &Path, s: &Shape) {
    let (na, ns, ne, nr) = (
        s.actors.len(),
        s.sources.len(),
        s.events.len(),
        s.articles.len(),
    );
    if na == 0 {
        return;
    }
    let mut out = String::new();
    for (i, st) in s.statements.iter().enumerate() {
        let f = &st.flags;
        let kind = STATEMENT_KINDS[st.pick % STATEMENT_KINDS.len()];
        writeln!(
            out,
            "- id: statement-{i}\n  by: actor-{}\n  date: {}",
            st.pick % na,
            q(&date(st.year, st.month, st.day))
        )
        .unwrap();
        if f[0] {
            writeln!(out, "  speaker: actor-{}", (st.pick / 5) % na).unwrap();
        }
        if f[1] {
            writeln!(out, "  kind: {kind}").unwrap();
        }
        // A statement needs words, except a `no-response`.
        let words = !(f[1] && kind == "no-response");
        if f[2] || (words && !f[3]) {
            writeln!(
                out,
                "  quote: {}",
                q(&format!("Acme Group & NSO <did> it. {}", st.text))
            )
            .unwrap();
        }
        if f[3] {
            writeln!(
                out,
                "  summary: {}",
                q(&format!("Says **O'Brien** knew. {}", st.text))
            )
            .unwrap();
        }
        writeln!(out, "  about: {}", some_ids("event", ne, st.pick, f[4])).unwrap();
        writeln!(
            out,
            "  actors: {}",
            some_ids("actor", na, st.pick / 2, f[5])
        )
        .unwrap();
        writeln!(out, "  sources: {}", some_ids("source", ns, st.pick, f[6])).unwrap();
        writeln!(
            out,
            "  articles: {}",
            some_ids("article", nr, st.pick, f[7])
        )
        .unwrap();
        if f[8] {
            writeln!(out, "  medium: {}", q(&st.text)).unwrap();
        }
        if f[9] {
            writeln!(out, "  asked: \"{}\"", st.year - 1).unwrap();
        }
        if f[10] {
            writeln!(
                out,
                "  question: {}",
                q(&format!("Did Ada Lovelace know? {}", st.text))
            )
            .unwrap();
        }
        if f[11] {
            writeln!(out, "  tags: [{}, replies]", q(&st.text)).unwrap();
        }
        if f[12] {
            out.push_str(&corrections("  ", st.year, f[13]));
        }
    }
    write(root, "content/statements.yaml", out);
}

proptest! {
    #![proptest_config(proptest_cases(96))]

    /// Every page of every valid investigation renders with the built-in theme.
    #[test]
    fn every_valid_investigation_renders(s in shape()) {
        let dir = tempfile::tempdir().unwrap();
        write_investigation(dir.path(), &s);
        write_statements(dir.path(), &s);
        let mut t = Timings::default();
        let inv = dossier::prepare(dir.path(), &BuildOptions::default(), &mut t)
            .map_err(|d| TestCaseError::fail(format!("the generated investigation is invalid:\n{}", d.render(false))))?;
        prop_assert!(inv.renderer.is_built_in());
        let out = inv.render(&mut t)
            .map_err(|d| TestCaseError::fail(format!("a built-in template failed:\n{}", d.render(false))))?;
        let pages = out.files.keys().filter(|p| p.ends_with(".html")).count();
        // Home, five indexes, the corrections, the tag index, 404, the
        // search page unless `search: false`; a page per actor, source,
        // article and tag.
        let mut tags = std::collections::BTreeSet::new();
        for e in s.events.iter().filter(|e| e.flags[8]) {
            tags.extend([e.text.as_str(), "money"].map(dossier::model::slug::slugify));
        }
        for a in s.articles.iter().filter(|a| a.flags[6]) {
            tags.extend([a.text.as_str(), "courts"].map(dossier::model::slug::slugify));
        }
        // Statements are written only when there is an actor to make them.
        for st in s.statements.iter().filter(|st| st.flags[11] && !s.actors.is_empty()) {
            tags.extend([st.text.as_str(), "replies"].map(dossier::model::slug::slugify));
        }
        tags.remove("");
        let search = usize::from(!s.site.flags[5]);
        prop_assert_eq!(
            pages,
            9 + search + s.actors.len() + s.sources.len() + s.articles.len() + tags.len()
        );
    }
}

/// The text inside every `{{ }}` and `{% %}` tag of the built-in templates,
/// string literals blanked out.
fn template_code() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/steampunk-heart/templates");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(&dir)
            .unwrap()
            .display()
            .to_string();
        let source = std::fs::read_to_string(entry.path()).unwrap();
        let mut rest = source.as_str();
        while let Some(start) = rest.find(['{']) {
            let after = &rest[start + 1..];
            let close = match after.chars().next() {
                Some('{') => "}}",
                Some('%') => "%}",
                _ => {
                    rest = after;
                    continue;
                }
            };
            let end = after.find(close).expect("an unclosed tag");
            let code = &after[1..end];
            let mut blanked = String::new();
            let mut quote = None;
            for c in code.chars() {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == '"' || c == '\'' || c == '`' => {
                        quote = Some(c);
                        blanked.push_str("\"\"");
                    }
                    None => blanked.push(c),
                }
            }
            out.push((name.clone(), blanked.trim_matches('-').to_owned()));
            rest = &after[end + 2..];
        }
    }
    out
}

#[test]
fn built_in_templates_use_only_operations_that_cannot_fail() {
    // Filters that accept every value the contexts give them: `safe` a
    // string, `length` a list, `join` a list of strings, dossier's `count`
    // any value (it groups the digits of a count and writes anything else
    // as it is). A filter that can
    // fail on some values (`int`, `date`, `nth`, …), arithmetic (a division
    // by zero) or a function call would let a page fail on its data, and
    // `check` would no longer find every error `build` finds.
    const FILTERS: &[&str] = &["safe", "length", "join", "count"];
    let code = template_code();
    assert!(code.len() > 100, "found the templates' tags");
    for (name, tag) in &code {
        let words: Vec<&str> = tag.split_whitespace().collect();
        for pair in tag.split('|').skip(1) {
            let filter: String = pair
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            assert!(
                FILTERS.contains(&filter.as_str()),
                "{name}: filter `{filter}` in `{tag}` may fail on some data"
            );
        }
        assert!(
            !words.contains(&"is"),
            "{name}: a test in `{tag}` (review it, then allow it here)"
        );
        for c in ['+', '*', '/', '%'] {
            assert!(!tag.contains(c), "{name}: arithmetic in `{tag}`");
        }
        let calls = tag.match_indices('(').filter(|&(i, _)| {
            let before = tag[..i].trim_end();
            !before.ends_with("join")
        });
        assert_eq!(calls.count(), 0, "{name}: a function call in `{tag}`");
    }
}

#[test]
fn check_still_renders_the_pages_of_a_template_of_ones_own() {
    // A template that fails only on actors without a role: `check` must
    // render every actor page to find it, as `build` would.
    let dir = investigation(None);
    write(
        dir.path(),
        "templates/actor.html",
        "{% extends \"base.html\" %}{% block content %}\
         {% if actor.role %}{{ actor.role }}{% else %}{{ actor.no_such_field.x }}{% endif %}\
         {% endblock content %}",
    );
    let o = dossier_in(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("templates/actor.html:1:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_count_filter_groups_counts_and_writes_anything_else_as_it_is() {
    // A theme of one's own may hand `count` a text or a negative number:
    // written as it is, never a failed page.
    let dir = investigation(None);
    write(
        dir.path(),
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}\
         <p id=\"n\">{{ 1234567 | count }} {{ 999 | count }} {{ -1200 | count }} \
         {{ site.title | count }}</p>{% endblock content %}",
    );
    let out = build_ok(dir.path());
    let home = read(&out.join("index.html"));
    assert!(
        home.contains("<p id=\"n\">1,234,567 999 -1200 The Harbour Files</p>"),
        "{home}"
    );
}
