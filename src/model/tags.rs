//! Tags: the themes an investigation follows across its records (content
//! format 1.1, "The built site": `tags/` and `tags/<tag>/`). A tag is a
//! page of its own whose path segment is the tag's slug, so two spellings
//! with one slug ("Cyber security", "cyber-security") are one tag.

use super::Records;
use super::slug::slugify;
use crate::kinds::Ref;
use std::collections::HashMap;

/// The longest tag slug accepted, in bytes: it becomes a folder name, and
/// file systems refuse names over 255 bytes.
pub const MAX_TAG_SLUG: usize = 100;

/// One tag and the records that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The path segment of its page (`tags/<slug>/`).
    pub slug: String,
    /// How it is shown: its first spelling (kinds in list order, records
    /// in display order).
    pub name: String,
    /// Every record with the tag, once each: kinds in list order, records
    /// in display order (articles newest first, events by date).
    pub records: Vec<Ref>,
}

/// Every tag of the site, in the order the tag index lists them: by name,
/// accents folded and case ignored.
#[derive(Debug, Default)]
pub struct Tags {
    list: Vec<Tag>,
    by_slug: HashMap<String, usize>,
}

/// Why a tag as written cannot have a page, if it cannot.
pub fn tag_problem(tag: &str) -> Option<String> {
    let slug = slugify(tag);
    if slug.is_empty() {
        return Some(format!(
            "the tag `{tag}` has no letter or digit to make its page's address (`tags/<tag>/`) from"
        ));
    }
    if slug.len() > MAX_TAG_SLUG {
        return Some(format!(
            "the tag `{tag}` is too long to be a page's address: its slug has {} characters, at most {MAX_TAG_SLUG} are allowed",
            slug.len()
        ));
    }
    None
}

impl Tags {
    /// The tags of every record of `records`. Tags without a slug were
    /// reported by validation and are left out.
    pub fn of(records: &Records<'_>) -> Tags {
        let mut list: Vec<Tag> = Vec::new();
        let mut by_slug: HashMap<String, usize> = HashMap::new();
        records.each_tagged(|r, tags| {
            for t in tags {
                let slug = slugify(t);
                if tag_problem(t).is_some() {
                    continue;
                }
                let at = *by_slug.entry(slug.clone()).or_insert_with(|| {
                    list.push(Tag {
                        slug,
                        name: t.trim().to_owned(),
                        records: Vec::new(),
                    });
                    list.len() - 1
                });
                // A record that lists one tag twice (or two spellings of it)
                // is on its page once.
                if list[at].records.last() != Some(&r) {
                    list[at].records.push(r);
                }
            }
        });
        list.sort_by_cached_key(|t| (deunicode::deunicode(&t.name).to_lowercase(), t.slug.clone()));
        let by_slug = list
            .iter()
            .enumerate()
            .map(|(i, t)| (t.slug.clone(), i))
            .collect();
        Tags { list, by_slug }
    }

    /// The position of the tag whose slug is `slug`.
    pub fn by_slug(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// The position of the tag written `tag` (any spelling of it).
    pub fn find(&self, tag: &str) -> Option<usize> {
        self.by_slug(&slugify(tag))
    }
}

impl std::ops::Deref for Tags {
    type Target = [Tag];
    fn deref(&self) -> &[Tag] {
        &self.list
    }
}
