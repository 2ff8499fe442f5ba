//! Micro-benchmarks of the build's hot paths, on synthetic input made here
//! (no files needed):
//!
//! * mention linking: a long article against 2,000 actors (`link::Matcher`);
//! * Markdown parsing (`model::text::parse_markdown`);
//! * page rendering (`render::render_one`) on a small generated investigation;
//!
//! `cargo bench --bench hot_paths` (add `-- <filter>` to run some).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::kinds::{Ix, Ref};
use dossier::link::Matcher;
use dossier::model::MentionLinks;
use dossier::model::text::parse_markdown;
use dossier::render::{PageSpec, Shows};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

const FIRST: &[&str] = &[
    "Adele", "Amara", "Anton", "Aurelio", "Beatriz", "Bilal", "Boris", "Camille", "Chiara",
    "Cyrus", "Dalia", "Dmitri", "Elif", "Emeka", "Esther", "Farid", "Fiona", "Gideon", "Greta",
    "Hamid", "Helena", "Ines", "Ivo", "Jasmin", "Joaquin", "Kamala", "Kenji", "Lars", "Leila",
    "Lorenzo", "Magnus", "Malik", "Marisol", "Milan", "Nadia", "Nikolai", "Oksana", "Omar",
    "Paloma", "Pavel", "Quentin", "Rafael", "Rania", "Rosalind", "Samir", "Selma", "Soren",
    "Talia", "Teodor", "Ulla",
];
const LAST: &[&str] = &[
    "Abara",
    "Bergstrom",
    "Castellanos",
    "Dragomir",
    "Eklund",
    "Falkenrath",
    "Gallardo",
    "Halvorsen",
    "Ibarra",
    "Jovanovic",
    "Kowalczyk",
    "Lindqvist",
    "Marchetti",
    "Nakamura",
    "Oyelaran",
    "Petrosyan",
    "Quintero",
    "Rasmussen",
    "Szabo",
    "Takahashi",
    "Umarov",
    "Valverde",
    "Wojcik",
    "Xenakis",
    "Yilmaz",
    "Zamora",
    "Achterberg",
    "Brandao",
    "Cifuentes",
    "Delacroix",
    "Esposito",
    "Fontaine",
    "Grimaldi",
    "Haddad",
    "Ishikawa",
    "Jankowski",
    "Kristiansen",
    "Lombardi",
    "Mendoza",
    "Novak",
];
/// Source names the matcher is given as shields.
const SOURCES: &[&str] = &[
    "Radio France",
    "The Times of Israel",
    "Agence France-Presse",
    "AFP",
];
const WORDS: &[&str] = &[
    "the",
    "contract",
    "harbour",
    "payment",
    "board",
    "records",
    "show",
    "officials",
    "said",
    "ministry",
    "million",
    "transfer",
    "offshore",
    "director",
    "approved",
    "audit",
    "report",
    "tender",
    "consortium",
    "emails",
    "reviewed",
    "denied",
    "inquiry",
    "funds",
    "shares",
];

/// A tiny deterministic generator (xorshift), so inputs are the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }
}

/// `n` unique "First Last" names (n ≤ 2,000).
fn actor_names(n: usize) -> Vec<String> {
    FIRST
        .iter()
        .flat_map(|f| LAST.iter().map(move |l| format!("{f} {l}")))
        .take(n)
        .collect()
}

/// Markdown of about `words` words in paragraphs of ~100, naming an actor
/// about every 40 words (with typographic apostrophes now and then).
fn article(rng: &mut Rng, names: &[String], words: usize) -> String {
    let mut s = String::new();
    for w in 0..words {
        if w % 100 == 0 && w > 0 {
            s.push_str(if w % 500 == 0 {
                "\n\n## The money trail\n\n"
            } else {
                ".\n\n"
            });
        } else if w > 0 {
            s.push(' ');
        }
        if w % 40 == 17 {
            s.push_str(&names[rng.next() % names.len()]);
            if w % 3 == 0 {
                s.push_str("’s");
            }
        } else {
            s.push_str(rng.pick(WORDS));
        }
    }
    s.push_str(".\n");
    s
}

fn linking(c: &mut Criterion) {
    let names = actor_names(2000);
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let text = article(&mut rng, &names, 10_000);
    let mut g = c.benchmark_group("link");
    g.bench_function("matcher_new_2000_actors", |b| {
        b.iter(|| {
            Matcher::new(
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (Ix::new(i), n.as_str())),
                SOURCES.iter().copied(),
            )
        })
    });
    let matcher = Matcher::new(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (Ix::new(i), n.as_str())),
        SOURCES.iter().copied(),
    );
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("find_10000_words_2000_actors", |b| {
        b.iter(|| matcher.find(black_box(&text)))
    });
    // The sentence of each actor's first mention: an article of paragraphs,
    // and one long paragraph with no sentence end naming every actor.
    let (body, _) = parse_markdown(&text, &Default::default());
    let mentions = dossier::link::find_mentions(&matcher, &body, None, MentionLinks::First);
    g.bench_function("summary_10000_words_2000_actors", |b| {
        b.iter(|| mentions.summary(black_box(&body)))
    });
    let long: String = names.iter().map(|n| format!("{n} and ")).collect();
    let (long, _) = parse_markdown(&long, &Default::default());
    let mentions = dossier::link::find_mentions(&matcher, &long, None, MentionLinks::First);
    g.throughput(Throughput::Elements(mentions.0.len() as u64));
    g.bench_function("summary_one_paragraph_2000_first_mentions", |b| {
        b.iter(|| mentions.summary(black_box(&long)))
    });
    g.finish();
}

fn markdown(c: &mut Criterion) {
    let names = actor_names(2000);
    let mut rng = Rng(0xD1B54A32D192ED03);
    let text = article(&mut rng, &names, 10_000);
    let mut g = c.benchmark_group("markdown");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("parse_10000_words", |b| {
        b.iter(|| parse_markdown(black_box(&text), &Default::default()))
    });
    g.finish();
}

/// Writes a small investigation: 200 actors, 100 articles of ~600 words,
/// 200 events, 10 sources.
fn write_investigation(root: &Path) {
    let content = root.join("content");
    std::fs::create_dir_all(content.join("articles")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        "title: Bench\nsubtitle: Synthetic\ndescription: A **synthetic** investigation.\nbase_url: https://news.example/bench/\n",
    )
    .unwrap();
    let names = actor_names(200);
    let id = |n: &str| n.to_lowercase().replace(' ', "-");
    let mut actors = String::new();
    for n in &names {
        let _ = writeln!(
            actors,
            "- id: {}\n  name: {n}\n  kind: person\n  role: official\n  summary: {n} works at the harbour.",
            id(n)
        );
    }
    std::fs::write(content.join("actors.yaml"), actors).unwrap();
    let mut sources = String::new();
    for s in 0..10 {
        let _ = writeln!(
            sources,
            "- id: source-{s}\n  name: Source {s}\n  kind: outlet\n  url: https://s{s}.example/"
        );
    }
    std::fs::write(content.join("sources.yaml"), sources).unwrap();
    let mut rng = Rng(0x2545F4914F6CDD1D);
    let mut events = String::new();
    for a in 0..100 {
        let body = article(&mut rng, &names, 600);
        let text = format!(
            "---\ntitle: Story {a}\ndate: 2020-{:02}-{:02}\nbyline: A. Reporter\nsources: [source-{}]\n---\n{body}",
            1 + a % 12,
            1 + a % 28,
            a % 10
        );
        std::fs::write(content.join(format!("articles/story-{a}.md")), text).unwrap();
        for e in 0..2 {
            let who = &names[rng.next() % names.len()];
            let _ = writeln!(
                events,
                "- id: event-{a}-{e}\n  date: 2020-{:02}-{:02}\n  title: Payment {a}.{e}\n  summary: Signed by {who}.\n  actors: [{}]\n  sources: [source-{}]\n  articles: [story-{a}]",
                1 + (a + e) % 12,
                1 + a % 28,
                id(who),
                a % 10
            );
        }
    }
    std::fs::write(content.join("events.yaml"), events).unwrap();
}

fn pages(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    write_investigation(dir.path());
    let mut timings = dossier::Timings::default();
    let inv = match dossier::prepare(dir.path(), &Default::default(), &mut timings) {
        Ok(inv) => inv,
        Err(d) => panic!("the generated investigation does not build: {d:?}"),
    };
    let (site, graph, renderer) = (&inv.site, &inv.graph, &inv.renderer);
    let mut g = c.benchmark_group("render");
    for (name, page) in [
        (
            "article_page",
            Shows::Record(Ref::Article(Ix::new(0)), dossier::url::Part::Whole),
        ),
        (
            "actor_page",
            Shows::Record(Ref::Actor(Ix::new(0)), dossier::url::Part::Whole),
        ),
        ("timeline_page", Shows::Index(2, dossier::url::Part::Whole)),
    ] {
        let page = PageSpec::new(site, page);
        g.bench_function(name, |b| {
            b.iter(|| dossier::render::render_one(site, graph, renderer, &page).unwrap())
        });
    }
    g.sample_size(10);
    g.bench_function("whole_site_100_articles", |b| {
        b.iter(|| dossier::render::render(site, graph, renderer).unwrap())
    });
    g.finish();
}

criterion_group!(benches, linking, markdown, pages);
criterion_main!(benches);
