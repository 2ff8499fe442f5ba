//! Identifiers and slugs: they become URL path segments, so only
//! `^[a-z0-9]+(-[a-z0-9]+)*$` is accepted.

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

#[cfg(test)]
mod tests {
    use super::*;
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

    proptest! {
        #[test]
        fn slugs_are_safe_and_idempotent(s in any::<String>()) {
            let slug = slugify(&s);
            prop_assert!(!slug.contains(".."));
            prop_assert!(!slug.contains('/'));
            prop_assert!(!slug.contains('\0'));
            prop_assert!(slug.is_empty() || is_valid_id(&slug));
            prop_assert_eq!(slugify(&slug), slug.clone());
        }
    }
}
