//! Long lists split into pages, so that no HTML page grows past what a
//! browser (and a reader) handles well: the articles list, the timeline
//! and the indexes of a large investigation. Not used by any page yet:
//! every list is still one page.

use crate::url;

/// A list cut into pages of at most `per_page` items, numbered from 1.
///
/// URLs: page 1 is the list's own folder (`articles/`), page `n` ≥ 2 is
/// `articles/page/<n>/` ([`url::list_page`]), so a list that fits on one
/// page keeps the URL it has today. Page `n` ≥ 2 sits two folders below
/// its list: `articles/page/2/` is three down, so its root is
/// `"../../../"` ([`url::Root::of_dir`] of [`Paginator::dir`]).
pub struct Paginator<'a, T> {
    items: &'a [T],
    per_page: usize,
    /// The list's folder URL relative to the site root (`"articles/"`).
    list: &'a str,
}

impl<'a, T> Paginator<'a, T> {
    /// `items` in pages of `per_page` (0 is taken as 1), for the list at
    /// folder URL `list` (relative to the site root, ending in `/`).
    pub fn new(items: &'a [T], per_page: usize, list: &'a str) -> Self {
        Paginator {
            items,
            per_page: per_page.max(1),
            list,
        }
    }

    /// How many pages there are: at least 1, as an empty list still has
    /// its page.
    pub fn page_count(&self) -> usize {
        self.items.len().div_ceil(self.per_page).max(1)
    }

    /// The page numbers, `1..=page_count()`.
    pub fn numbers(&self) -> std::ops::RangeInclusive<usize> {
        1..=self.page_count()
    }

    /// The items on page `number`, in list order; empty for a number
    /// outside `numbers()`.
    pub fn items(&self, number: usize) -> &'a [T] {
        let Some(start) = number.checked_sub(1).map(|n| n * self.per_page) else {
            return &[];
        };
        let start = start.min(self.items.len());
        let end = (start + self.per_page).min(self.items.len());
        &self.items[start..end]
    }

    /// Page `number`'s folder URL relative to the site root.
    pub fn dir(&self, number: usize) -> String {
        url::list_page("", self.list, number)
    }

    /// Page `number`'s URL, relative to `root` (see [`crate::url`]).
    pub fn url(&self, root: &str, number: usize) -> String {
        url::list_page(root, self.list, number)
    }

    /// The URL of the page before `number`, none on the first.
    pub fn prev(&self, root: &str, number: usize) -> Option<String> {
        (number > 1 && number <= self.page_count()).then(|| self.url(root, number - 1))
    }

    /// The URL of the page after `number`, none on the last.
    pub fn next(&self, root: &str, number: usize) -> Option<String> {
        (number >= 1 && number < self.page_count()).then(|| self.url(root, number + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::Root;

    #[test]
    fn pages_of_a_list() {
        let items: Vec<u32> = (1..=7).collect();
        let p = Paginator::new(&items, 3, "articles/");
        assert_eq!(p.page_count(), 3);
        assert_eq!(p.numbers().collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(p.items(1), [1, 2, 3]);
        assert_eq!(p.items(2), [4, 5, 6]);
        assert_eq!(p.items(3), [7]);
        assert!(p.items(0).is_empty());
        assert!(p.items(4).is_empty());
        let all: Vec<u32> = p.numbers().flat_map(|n| p.items(n).to_vec()).collect();
        assert_eq!(all, items);
    }

    #[test]
    fn urls_of_pages() {
        let items = [(); 7];
        let p = Paginator::new(&items, 3, "articles/");
        assert_eq!(p.dir(1), "articles/");
        assert_eq!(p.dir(2), "articles/page/2/");
        assert_eq!(p.url("../../../", 3), "../../../articles/page/3/");
        assert_eq!(Root::of_dir(&p.dir(2)).as_str(), "../../../");
        assert_eq!(p.prev("", 1), None);
        assert_eq!(p.next("", 1).as_deref(), Some("articles/page/2/"));
        assert_eq!(p.prev("../", 2).as_deref(), Some("../articles/"));
        assert_eq!(p.next("", 3), None);
        assert_eq!(p.prev("", 9), None);
    }

    #[test]
    fn short_and_empty_lists_keep_one_page() {
        let none: [u8; 0] = [];
        let p = Paginator::new(&none, 50, "timeline/");
        assert_eq!(p.page_count(), 1);
        assert!(p.items(1).is_empty());
        assert_eq!((p.prev("", 1), p.next("", 1)), (None, None));
        let few = [1, 2];
        let p = Paginator::new(&few, 50, "timeline/");
        assert_eq!((p.page_count(), p.items(1)), (1, &few[..]));
        let p = Paginator::new(&few, 0, "timeline/");
        assert_eq!(p.page_count(), 2);
    }
}
