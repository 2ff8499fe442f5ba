//! What `dossier serve` keeps for each article from one rebuild to the
//! next (its parse, its mentions, what the possible-actors reading found
//! in it): a value per article file, good while what it was made from is
//! unchanged. An edit changes one article; redoing that work for every
//! article was most of a rebuild at 10,000 articles (issue 18).

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
        // Every article of `paths` has its value now: any more are of
        // articles gone. Looking each up was a few milliseconds of every
        // rebuild at 10,000 articles, for nothing after an edit.
        let paths: Vec<&str> = paths.into_iter().collect();
        if self.0.len() > paths.len() {
            let paths: std::collections::HashSet<&str> = paths.into_iter().collect();
            self.0.retain(|path, _| paths.contains(path.as_str()));
        }
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
}
