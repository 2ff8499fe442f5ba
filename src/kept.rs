//! What `dossier serve` keeps from one rebuild to the next: for each
//! article (its parse, its mentions, what the possible-actors reading
//! found in it), a value per article file, and a data kind's records
//! built; each good while what it was made from is unchanged. An edit
//! changes one article; redoing that work for every article and record
//! was most of a rebuild at 10,000 articles (issue 18).

use crate::kinds::Kind;
use crate::load::Origin;
use crate::model::validate::{Ctx, IdIndex, Ids, Kept, Said};
use rayon::prelude::*;
use std::collections::HashMap;

/// A value per article file (by its path from the investigation's root),
/// with `K`, what it was made from: the article's text, and any setting
/// the value depends on.
pub(crate) struct PerArticle<K, V>(HashMap<String, (K, V)>);

impl<K, V> Default for PerArticle<K, V> {
    fn default() -> Self {
        PerArticle(HashMap::new())
    }
}

impl<K, V> PerArticle<K, V> {
    /// The value kept for the article at `path`, when `holds` says what it
    /// was made from is what the article is made of now.
    pub(crate) fn get(&self, path: &str, holds: impl FnOnce(&K) -> bool) -> Option<&V> {
        self.0.get(path).filter(|(k, _)| holds(k)).map(|(_, v)| v)
    }

    /// Forgets every value (what they all depend on changed).
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    /// After a rebuild: keeps each value made afresh, forgets the value
    /// of an article remade without one (`None`: what it was made from
    /// depends on more than its key says), and forgets the articles no
    /// longer among `paths`. `paths` are the articles that may have a
    /// value; every one of them without a kept value must be among
    /// `remade`.
    pub(crate) fn replace<'p>(
        &mut self,
        paths: impl IntoIterator<Item = &'p str>,
        remade: impl IntoIterator<Item = (String, Option<(K, V)>)>,
    ) {
        let mut without = 0;
        for (path, value) in remade {
            match value {
                Some(v) => {
                    self.0.insert(path, v);
                }
                None => {
                    self.0.remove(&path);
                    without += 1;
                }
            }
        }
        self.forget_gone(paths, without);
    }

    /// Forgets the values of the articles not among `paths`, of which
    /// `without` have no value.
    fn forget_gone<'p>(&mut self, paths: impl IntoIterator<Item = &'p str>, without: usize) {
        // Every other article of `paths` has its value: any more are of
        // articles gone. Looking each up was a few milliseconds of every
        // rebuild at 10,000 articles, for nothing after an edit.
        let paths: Vec<&str> = paths.into_iter().collect();
        if self.0.len() + without > paths.len() {
            let paths: std::collections::HashSet<&str> = paths.into_iter().collect();
            self.0.retain(|path, _| paths.contains(path.as_str()));
        }
    }

    /// After a rebuild: keeps the values made afresh, each with what it
    /// was made from, and forgets the articles no longer among `paths`,
    /// which must be the articles that each have a value, kept or fresh.
    /// A value still good stays where it is, never copied.
    pub(crate) fn update<'p>(
        &mut self,
        paths: impl IntoIterator<Item = &'p str>,
        fresh: impl IntoIterator<Item = (String, K, V)>,
    ) {
        for (path, key, value) in fresh {
            self.0.insert(path, (key, value));
        }
        self.forget_gone(paths, 0);
    }
}

/// A data kind's records as validation built them, kept by `dossier
/// serve` from one rebuild to the next with what they were built from and
/// what building them said (diagnostics, links into the site).
pub struct KeptBuild<T> {
    built: Option<Box<Built<T>>>,
    reused: bool,
    /// The ids of the records built, once asked for ([`KeptBuild::index`]).
    index: Option<IdIndex<T>>,
}

impl<T> Default for KeptBuild<T> {
    fn default() -> Self {
        KeptBuild {
            built: None,
            reused: false,
            index: None,
        }
    }
}

struct Built<T> {
    origins: Vec<Origin>,
    rules: crate::model::text::TextRules,
    /// The ids known when they were built: those of the kinds built
    /// before, which they may name.
    ids: Ids,
    records: Vec<T>,
    said: Said,
}

impl<T: Kind + Clone + Send + Sync> KeptBuild<T> {
    /// Whether the last rebuild took the records kept, rather than
    /// building them again.
    pub fn reused(&self) -> bool {
        self.reused
    }

    /// The ids of `records`, which [`KeptBuild::build`] just gave: those
    /// kept with them when it gave the records kept.
    pub(crate) fn index(
        ctx: &mut Ctx<'_>,
        kept: impl for<'k, 'c> Fn(&'k mut Kept<'c>) -> &'k mut KeptBuild<T>,
        records: &[T],
    ) -> IdIndex<T> {
        let Some(k) = ctx.kept.as_mut().map(kept) else {
            return IdIndex::of(records);
        };
        // Forgotten whenever `build` builds: one kept is of these records.
        k.index.get_or_insert_with(|| IdIndex::of(records)).clone()
    }

    /// The records `build` makes, or those it made last time (`kept`
    /// picks them out of what `dossier serve` keeps) when building them
    /// now would give the same: the very same loaded records (the same
    /// parses at the same places among the files), the same
    /// `unsafe_html`, and every id known so far standing for the same
    /// record. Nothing else of the investigation reaches a kind's records
    /// whose every reference names a record of the site; records with one
    /// that does not (unknown, or a record that did not load) are never
    /// kept, as what is said of it depends on every file
    /// ([`Ctx::said_since`]).
    pub(crate) fn build(
        ctx: &mut Ctx<'_>,
        ids: &Ids,
        kept: impl for<'k, 'c> Fn(&'k mut Kept<'c>) -> &'k mut KeptBuild<T>,
        build: impl FnOnce(&mut Ctx<'_>) -> Vec<T>,
    ) -> Vec<T> {
        let origins: Vec<Origin> = (ctx.loaded.origins.iter())
            .filter(|o| o.kind == T::INFO.name)
            .copied()
            .collect();
        let rules = ctx.rules.clone();
        if let Some(k) = ctx.kept.as_mut().map(&kept) {
            k.reused = false;
            let holds = |b: &&Built<T>| b.origins == origins && b.rules == rules && b.ids == *ids;
            if let Some(built) = k.built.as_deref().filter(holds) {
                k.reused = true;
                // Thousands of records of a dozen lists and strings each:
                // copied on every core.
                let records = built.records.par_iter().cloned().collect();
                let said = built.said.clone();
                ctx.say_again(&said);
                return records;
            }
        }
        let mark = ctx.mark();
        let records = build(ctx);
        let said = ctx.said_since(mark);
        if let Some(k) = ctx.kept.as_mut().map(&kept) {
            // Made for other records.
            k.index = None;
            k.built = said.map(|said| {
                Box::new(Built {
                    origins,
                    rules,
                    ids: ids.clone(),
                    records: records.clone(),
                    said,
                })
            });
        }
        records
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_keeps_fresh_values_and_forgets_articles_gone() {
        let mut kept: PerArticle<&str, u32> = PerArticle::default();
        let fresh = |list: &[(&str, u32)]| {
            list.iter()
                .map(|&(p, v)| (p.to_owned(), "text", v))
                .collect::<Vec<_>>()
        };
        kept.update(["a", "b"], fresh(&[("a", 1), ("b", 2)]));
        assert_eq!(kept.get("a", |_| true), Some(&1));
        // `a` edited: its value replaced, `b` kept.
        kept.update(["a", "b"], fresh(&[("a", 3)]));
        assert_eq!(
            (kept.get("a", |_| true), kept.get("b", |_| true)),
            (Some(&3), Some(&2))
        );
        // `b` renamed to `c`, then `a` removed.
        kept.update(["a", "c"], fresh(&[("c", 2)]));
        assert_eq!(kept.get("b", |_| true), None);
        kept.update(["c"], fresh(&[]));
        assert_eq!(kept.get("a", |_| true), None);
        assert_eq!(kept.0.len(), 1);
    }

    #[test]
    fn replace_forgets_an_article_gone_while_another_is_remade_without_a_value() {
        let mut kept: PerArticle<&str, u32> = PerArticle::default();
        kept.replace(
            ["a", "b"],
            [("a".into(), Some(("t", 1))), ("b".into(), Some(("t", 2)))],
        );
        // `b` renamed to `c`, which now depends on more than its key.
        kept.replace(["a", "c"], [("c".into(), None)]);
        assert_eq!(kept.get("b", |_| true), None);
        assert_eq!(kept.0.len(), 1);
    }
}
