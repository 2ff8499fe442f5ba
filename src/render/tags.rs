//! The tag pages (content format 1.1, "The built site"): `tags/`, every
//! tag with its counts, and `tags/<slug>/`, the records that carry one,
//! kind by kind. Tags are not a record kind (they are what records list
//! under `tags`), so their pages are made here, from `Site::tags`; the
//! kinds they list are any kinds with tags.

use super::context::LinkCtx;
use super::page::listed;
use super::pages::Env;
use crate::kinds::KINDS;
use crate::model::Tag;
use crate::url;
use serde::Serialize;
use tera::{Context, Value};

/// How many records of one kind carry a tag.
#[derive(Serialize)]
pub struct TagCount {
    /// The kind's plural, as data files name it: "articles".
    pub kind: &'static str,
    pub count: usize,
    /// "1 article", "3 events".
    pub label: String,
}

/// A tag on the tag index (`tags` on `tags.html`).
#[derive(Serialize)]
pub struct TagCard {
    pub name: String,
    pub slug: String,
    pub href: String,
    /// Every record with the tag.
    pub count: usize,
    /// Per kind that has any, in the list order of kinds.
    pub counts: Vec<TagCount>,
}

/// The records of one kind on a tag's page.
#[derive(Serialize)]
pub struct TagSection {
    /// The kind's plural: "articles", "events".
    pub kind: &'static str,
    /// Its heading: "Articles", "Events".
    pub label: String,
    /// Each record as lists show it: an article's card, an event as the
    /// timeline shows it, for other kinds `{text, href}`; on a tag's list
    /// split into pages, those on this page.
    pub items: Vec<Value>,
    /// How many records of the kind carry the tag, on every page.
    pub total: usize,
}

/// `tag` on `tag.html`.
#[derive(Serialize)]
pub struct TagFull {
    #[serde(flatten)]
    pub card: TagCard,
    pub sections: Vec<TagSection>,
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn card(tag: &Tag, root: &str) -> TagCard {
    let counts = KINDS
        .iter()
        .map(|k| {
            (
                k,
                tag.records
                    .iter()
                    .filter(|r| r.info().name == k.name)
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| TagCount {
            kind: k.plural,
            count: n,
            label: k.counted(n),
        })
        .collect();
    TagCard {
        name: tag.name.clone(),
        slug: tag.slug.clone(),
        href: url::tag(root, &tag.slug),
        count: tag.records.len(),
        counts,
    }
}

/// The tag index: every tag, by name, with its counts; on an index
/// split into pages ([`super::paginate::TAGS_PER_PAGE`] a page), the tags
/// of page `part`.
pub(crate) fn index_context(
    env: &Env,
    ctx: &mut Context,
    root: &str,
    part: url::Part,
) -> (String, String) {
    use super::paginate::{self, TAGS_PER_PAGE};
    let site = env.site;
    let shown = paginate::numbered_slice(site.tags.len(), TAGS_PER_PAGE, part);
    let tags: Vec<TagCard> = (site.tags.iter().skip(shown.start))
        .take(shown.len())
        .map(|t| card(t, root))
        .collect();
    ctx.insert("tags", &tags);
    let parts = paginate::numbered(site.tags.len(), TAGS_PER_PAGE);
    let title = super::pages::paged_list(
        ctx,
        root,
        &url::tags(""),
        &parts,
        part,
        super::page::PageKind::TAGS.title,
    );
    (
        title,
        format!("The themes followed across {}", site.config.title),
    )
}

/// The page of a tag's list each of its records is on, in its order:
/// pages filled by what each record weighs there
/// (`KindPages::listed_bytes`), [`super::paginate::TAG_PAGE`] a page.
pub(crate) fn tag_parts(records: &crate::model::Records<'_>, tag: &Tag) -> Vec<url::Part> {
    let weights: Vec<usize> = (tag.records.iter())
        .map(|&r| super::page::listed_bytes(records, r))
        .collect();
    super::paginate::numbered_by_bytes(&weights, super::paginate::TAG_PAGE)
}

/// One tag's page: its records, kind by kind.
pub(crate) fn tag_context(
    env: &Env,
    t: usize,
    part: url::Part,
    ctx: &mut Context,
    root: &str,
) -> (String, String) {
    use super::paginate;
    let tag = &env.site.tags[t];
    let mut sections: Vec<TagSection> = Vec::new();
    let on = tag_parts(&env.site.records(), tag);
    for (&r, &on) in tag.records.iter().zip(&on) {
        let (info, value) = if on == part {
            let (info, value) = listed(env, r, root);
            (info, Some(value))
        } else {
            (super::page::kind_info(r), None)
        };
        if sections.last().is_none_or(|s| s.kind != info.plural) {
            sections.push(TagSection {
                kind: info.plural,
                label: capitalised(info.plural),
                items: Vec::new(),
                total: 0,
            });
        }
        if let Some(s) = sections.last_mut() {
            s.total += 1;
            s.items.extend(value);
        }
    }
    sections.retain(|s| !s.items.is_empty());
    let parts = paginate::pages_of(&on);
    let list = url::tag("", &tag.slug);
    ctx.insert(
        "pagination",
        &paginate::pagination(root, &list, &parts, part),
    );
    let label = paginate::label(part);
    ctx.insert("part_label", &label);
    let full = TagFull {
        card: card(tag, root),
        sections,
    };
    let what: Vec<&str> = full.card.counts.iter().map(|c| c.label.as_str()).collect();
    let description = format!(
        "{} tagged “{}” in {}",
        capitalised(&what.join(", ")),
        tag.name,
        env.site.config.title
    );
    ctx.insert("tag", &full);
    let title = match label {
        Some(l) => format!("{}: {l}", tag.name),
        None => tag.name.clone(),
    };
    (title, description)
}

/// A record's tags as links to their pages (what record pages show).
pub(crate) fn links(env: &Env, tags: &[String], root: &str) -> Vec<LinkCtx> {
    tags.iter()
        .filter_map(|t| {
            let at = env.site.tags.find(t)?;
            Some(LinkCtx {
                text: t.clone(),
                href: url::tag(root, &env.site.tags[at].slug),
            })
        })
        .collect()
}
