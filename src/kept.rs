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

    /// After a rebuild: forgets the articles no longer among `paths`, and
    /// keeps the values made afresh, each with what it was made from. A
    /// value still good stays where it is, never copied.
    pub(crate) fn update<'p>(
        &mut self,
        paths: impl IntoIterator<Item = &'p str>,
        fresh: impl IntoIterator<Item = (String, K, V)>,
    ) {
        let paths: std::collections::HashSet<&str> = paths.into_iter().collect();
        self.0.retain(|path, _| paths.contains(path.as_str()));
        for (path, key, value) in fresh {
            self.0.insert(path, (key, value));
        }
    }
}
