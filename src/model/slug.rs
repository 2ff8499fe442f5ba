//! Identifiers and slugs: they become URL path segments, so only
//! `^[a-z0-9]+(-[a-z0-9]+)*$` is accepted, and at most [`MAX_ID`]
//! characters (content format 1.1, "Identifiers").

/// The longest `id` or `slug` accepted, in characters (all ASCII, so
/// bytes too): far below the 255 bytes a file name may have, so no
/// output path segment is too long to write.
pub const MAX_ID: usize = 100;

/// The longest slug made from a file name: longer ones are cut before a
/// `-` (content format 1.1, "Identifiers").
pub const MAX_FILE_SLUG: usize = 80;

/// True when `s` is a valid id or slug.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A slug from a file stem: accents folded to ASCII, lowercase, every run of
/// other characters one `-`. Empty when nothing usable is left.
pub fn slugify(s: &str) -> String {
    let folded = deunicode::deunicode(s);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// `slug` cut to at most `max` characters: to its longest prefix that
/// ends just before a `-` and is at most that long (content format,
/// "Identifiers"). A first word longer than `max` is cut at `max`, as
/// there is no `-` to cut before.
pub fn cut(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    // Slugs are ASCII: bytes are characters.
    match slug.as_bytes()[..=max].iter().rposition(|&b| b == b'-') {
        Some(dash) if dash > 0 => &slug[..dash],
        _ => &slug[..max],
    }
}

/// The slug of an article without a `slug` of its own: its file name
/// slugified ([`slugify`]), cut when longer than [`MAX_FILE_SLUG`]
/// ([`cut`]). Empty when nothing usable is left.
pub fn from_file_stem(stem: &str) -> String {
    cut(&slugify(stem), MAX_FILE_SLUG).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_slugs_are_cut_before_a_hyphen() {
        let long = format!("{}-tail", "a".repeat(78));
        assert_eq!(cut(&long, 80), "a".repeat(78));
        let exact = format!("{}-bcd", "a".repeat(76));
        assert_eq!(cut(&exact, 80), exact);
        assert_eq!(cut(&format!("{}-b", "a".repeat(80)), 80), "a".repeat(80));
        assert_eq!(cut(&"a".repeat(90), 80), "a".repeat(80));
        assert_eq!(cut("short-one", 80), "short-one");
    }
    use proptest::prelude::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("nso-group"));
        assert!(is_valid_id("a1"));
        assert!(!is_valid_id("NSO"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id(".."));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn slugs_fold_accents() {
        assert_eq!(slugify("Élysée Palace — 2021"), "elysee-palace-2021");
        assert_eq!(slugify("François de Rugy"), "francois-de-rugy");
        assert_eq!(slugify("  ..  "), "");
    }

    #[test]
    fn long_file_names_are_cut_before_a_hyphen() {
        let words = "harbour-authority-".repeat(10);
        let slug = from_file_stem(&words);
        assert_eq!(slug.len(), 79, "{slug}");
        assert!(slug.ends_with("-authority-harbour"), "{slug}");
        // A prefix of exactly 80 that ends before a `-` is kept whole.
        let exact = format!("{}-{}", "a".repeat(80), "b".repeat(10));
        assert_eq!(from_file_stem(&exact), "a".repeat(80));
        // One long word has no `-` to cut before.
        assert_eq!(from_file_stem(&"x".repeat(120)), "x".repeat(80));
        assert_eq!(from_file_stem("short-name"), "short-name");
    }

    proptest! {
        #[test]
        fn slugs_are_safe_and_idempotent(s in any::<String>()) {
            let slug = slugify(&s);
            prop_assert!(!slug.contains(".."));
            prop_assert!(!slug.contains('/'));
            prop_assert!(!slug.contains('\0'));
            prop_assert!(slug.is_empty() || is_valid_id(&slug));
            prop_assert_eq!(slugify(&slug), slug.clone());
            let cut = from_file_stem(&s);
            prop_assert!(cut.len() <= MAX_FILE_SLUG);
            prop_assert!(cut.is_empty() || is_valid_id(&cut));
            prop_assert!(slug.starts_with(&cut));
        }
    }
}
