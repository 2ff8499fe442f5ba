//! `dossier suggest`: the possible actors of the investigation (content
//! format 1.1, Command line), printed to be read on a terminal and pasted
//! into `actors.yaml`: the whole output is YAML, each possible actor a
//! commented record (why it is listed, then the record).

use super::{Common, plural, timings_wanted};
use crate::model::Site;
use crate::suggest::{self, PossibleActor, PossibleAlias, Suggestions};
use crate::{BuildOptions, Failure, Timings, load, model};
use std::io::Write;

/// The options of `dossier suggest`.
#[derive(clap::Args)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub common: Common,
    /// List names written at least this many times.
    #[arg(long, default_value_t = suggest::DEFAULT_MIN as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub min: u32,
    /// Read articles marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
}

/// At most this many articles are named after a possible actor.
const ARTICLES_SHOWN: usize = 10;

/// Runs `dossier suggest`. The investigation is read and validated as
/// `build` reads it (theme aside); content errors are reported and
/// nothing is suggested, since records in a broken file would be missing
/// and their names suggested again.
pub fn run(args: SuggestArgs) -> Result<(), Failure> {
    crate::freed::keep_freed_memory(crate::freed::KeepFreed::UntilExit);
    let mut timings = Timings::default();
    let loaded = timings.time("load", || load::load(&args.common.root))?;
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: None,
    };
    let site = timings.time("model", || model::build(&loaded, &options))?;
    let min = args.min as usize;
    let found = timings.time("suggest", || suggest::suggest(&site, min));
    // A list read without an article would be wrong without a word.
    if !found.unread.is_empty() {
        return Err(Failure::Content(found.unread.into_iter().collect()));
    }
    let text = render(&site, &found, min);
    if timings_wanted(args.timings) {
        eprint!("{}", timings.report());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // Piped into `head`: the reader has what it wanted.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Io(format!("cannot write the suggestions: {e}")))
        }
        _ => {
            std::mem::forget((loaded, site)); // freed by the OS at exit
            Ok(())
        }
    }
}

/// The output: a header, each possible actor (comments, then its record),
/// then the possible aliases (comments only). All of it is valid YAML.
pub fn render(site: &Site, s: &Suggestions, min: usize) -> String {
    let mut out = String::new();
    let times = plural(min, "time");
    if s.actors.is_empty() {
        out.push_str(&format!(
            "# No possible actors: every name written like a proper name at least {times}\n\
             # in the articles belongs to an actor or a source.\n"
        ));
    } else {
        out.push_str(&format!(
            "# {}: names written like proper names at least {times} in the\n\
             # articles that are no actor's or source's name or alias. Paste the records\n\
             # into content/actors.yaml (or a file in content/actors/), then set each\n\
             # `kind` and add a `role`.\n",
            plural(s.actors.len(), "possible actor")
        ));
        for a in &s.actors {
            out.push('\n');
            actor(&mut out, site, a);
        }
    }
    if !s.aliases.is_empty() {
        out.push_str(&format!(
            "\n# Possible aliases: short forms written at least {times} after an actor's\n\
             # name in the same article, but none of its aliases, so they are not linked.\n\
             # Add each to that actor's `aliases`.\n"
        ));
        for a in &s.aliases {
            out.push_str("#\n");
            alias(&mut out, site, a);
        }
    }
    out
}

fn actor(out: &mut String, site: &Site, a: &PossibleActor) {
    heading(out, site, &a.name, a.count, &a.articles);
    first(out, site, &a.sentence, a.sentence_in);
    if a.forms.len() > 1 {
        let forms: Vec<String> = (a.forms.iter())
            .map(|(f, n)| format!("{f} ({})", crate::diag::grouped(*n)))
            .collect();
        comment(out, &format!("Forms: {}", forms.join(", ")));
    }
    if let Some(n) = &a.nearest {
        let actor = &site.actors[n.actor];
        let close = if n.name == actor.name {
            String::new()
        } else {
            format!(", alias \"{}\"", n.name)
        };
        comment(
            out,
            &format!(
                "Looks like actor {} ({}){close}: {}. If it is the same, add \"{}\" to its aliases instead.",
                actor.id,
                actor.name,
                n.how.describe(),
                a.name
            ),
        );
    }
    out.push_str(&a.record());
}

fn alias(out: &mut String, site: &Site, a: &PossibleAlias) {
    heading(out, site, &a.alias, a.count, &a.articles);
    first(out, site, &a.sentence, a.sentence_in);
    let actor = &site.actors[a.actor];
    comment(
        out,
        &format!(
            "Written after actor {} ({}): add \"{}\" to its aliases.",
            actor.id, actor.name, a.alias
        ),
    );
}

/// "# Name: 4 times in 2 articles: a, b".
fn heading(
    out: &mut String,
    site: &Site,
    name: &str,
    count: usize,
    articles: &[crate::model::ArticleIx],
) {
    let slugs: Vec<&str> = site.keys(articles.iter().take(ARTICLES_SHOWN).copied());
    let more = articles.len().saturating_sub(ARTICLES_SHOWN);
    let more = if more > 0 {
        format!(" and {} more", crate::diag::grouped(more))
    } else {
        String::new()
    };
    comment(
        out,
        &format!(
            "{name}: {} in {}: {}{more}",
            plural(count, "time"),
            plural(articles.len(), "article"),
            slugs.join(", ")
        ),
    );
}

fn first(out: &mut String, site: &Site, sentence: &str, article: crate::model::ArticleIx) {
    comment(
        out,
        &format!("First: “{sentence}” ({})", site.articles[article].slug),
    );
}

/// One comment line: whatever the text holds, it stays one line.
fn comment(out: &mut String, text: &str) {
    out.push_str("# ");
    out.extend(text.chars().map(|c| {
        if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            ' '
        } else {
            c
        }
    }));
    out.push('\n');
}
