//! Quote styles that count as the same: a name typed `O'Brien` is found in
//! a text that prints `O’Brien`, a sidecar's title matches its headline, a
//! credit line's `Times of India’s` names the source. Used by every stage
//! that compares names (load, model, link), so it sits apart from them.

/// Folds the typographic quote variants to their straight forms. Every
/// replacement is one character, so folding keeps character positions.
pub fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn typographic_quotes_fold_to_straight_ones() {
        let fold_str = |s: &str| s.chars().map(super::fold).collect::<String>();
        assert_eq!(
            fold_str("O’Brien ‘x’ “y” ‟z” ʼ ′ ″ ‛"),
            "O'Brien 'x' \"y\" \"z\" ' ' \" '"
        );
        assert_eq!(
            fold_str("plain «guillemets» stay"),
            "plain «guillemets» stay"
        );
    }
}
