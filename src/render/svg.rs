//! A small writer of inline SVG for the pictures drawn at build time
//! (content format 1.1, "Pictures"). Every coordinate is an integer, so no
//! float is ever formatted (the same bytes on every machine); every text is
//! escaped; colours come from the theme's classes (the pages' Content-
//! Security-Policy allows no inline style), so pictures follow the colour
//! scheme as the rest of the page does.

use super::escape_markup;
use std::fmt::Write as _;

/// An SVG document being written.
pub(crate) struct Svg {
    out: String,
}

impl Svg {
    /// Opens an `<svg>` of `width` × `height` user units with class
    /// `class`, named by its `<title>` and described by its `<desc>`
    /// (`id` prefixes their ids, which contain `_` as the theme's own do).
    /// A group, not an image: its links stay reachable.
    pub(crate) fn new(
        class: &str,
        id: &str,
        width: i32,
        height: i32,
        title: &str,
        desc: &str,
    ) -> Svg {
        let mut out = String::with_capacity(4096);
        let _ = write!(
            out,
            "<svg class=\"{class}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"group\" aria-labelledby=\"{id}_title {id}_desc\"><title id=\"{id}_title\">{}</title><desc id=\"{id}_desc\">{}</desc>",
            escape_markup(title),
            escape_markup(desc)
        );
        Svg { out }
    }

    /// Appends markup as it is (made by the other methods, or constant).
    pub(crate) fn raw(&mut self, s: &str) -> &mut Self {
        self.out.push_str(s);
        self
    }

    /// Opens a link to `href`, named by `name` (its `<title>`, which
    /// browsers show on hover and assistive technology reads).
    pub(crate) fn link(&mut self, href: &str, name: &str, class: &str) -> &mut Self {
        let _ = write!(
            self.out,
            "<a class=\"{class}\" href=\"{}\"><title>{}</title>",
            escape_markup(href),
            escape_markup(name)
        );
        self
    }

    pub(crate) fn end_link(&mut self) -> &mut Self {
        self.out.push_str("</a>");
        self
    }

    pub(crate) fn line(
        &mut self,
        class: &str,
        (x1, y1): (i32, i32),
        (x2, y2): (i32, i32),
    ) -> &mut Self {
        let _ = write!(
            self.out,
            "<line class=\"{class}\" x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\"/>"
        );
        self
    }

    pub(crate) fn rect(
        &mut self,
        class: &str,
        x: i32,
        y: i32,
        w: i32,
        h: i32,
        rx: i32,
    ) -> &mut Self {
        let _ = write!(
            self.out,
            "<rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\""
        );
        if rx > 0 {
            let _ = write!(self.out, " rx=\"{rx}\"");
        }
        self.out.push_str("/>");
        self
    }

    pub(crate) fn circle(&mut self, class: &str, (cx, cy): (i32, i32), r: i32) -> &mut Self {
        let _ = write!(
            self.out,
            "<circle class=\"{class}\" cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\"/>"
        );
        self
    }

    /// Text at `(x, y)` (its baseline), anchored `start`, `middle` or `end`.
    pub(crate) fn text(
        &mut self,
        class: &str,
        (x, y): (i32, i32),
        anchor: &str,
        text: &str,
    ) -> &mut Self {
        let _ = write!(
            self.out,
            "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\">{}</text>",
            escape_markup(text)
        );
        self
    }

    /// Closes the `<svg>` and gives its markup.
    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// `s` in at most `max` characters: cut at a word where one is near,
/// with "…" when anything is left out.
pub(crate) fn fit(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i >= cut.len() * 2 / 3 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '-']))
}

/// `s` in at most `lines` lines of at most `width` characters, broken
/// between words; the last line is shortened with "…" if the text is longer.
pub(crate) fn wrap(s: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<&str> = s.split_whitespace().collect();
    for (k, word) in words.iter().enumerate() {
        let fits = out
            .last()
            .is_some_and(|line| line.chars().count() + 1 + word.chars().count() <= width);
        if fits {
            if let Some(line) = out.last_mut() {
                line.push(' ');
                line.push_str(word);
            }
        } else if out.len() == lines {
            // No room left: what remains goes on the last line, shortened.
            if let Some(last) = out.last_mut() {
                *last = fit(&format!("{last} {}", words[k..].join(" ")), width);
            }
            break;
        } else {
            out.push(fit(word, width));
        }
    }
    out
}

/// `(x, y)` of a point at `angle` thousandths of a turn (0 at the top,
/// clockwise) on a circle of `radius` around `centre`, rounded to whole
/// units. Computed with the `libm` crate's sine and cosine, which are the
/// same code on every platform (the C library's are not), so the rounded
/// point is too.
pub(crate) fn on_circle(centre: (i32, i32), radius: i32, angle: i32) -> (i32, i32) {
    let a = f64::from(angle) / 1000.0 * std::f64::consts::TAU;
    let r = f64::from(radius);
    (
        centre.0 + (r * libm::sin(a)).round() as i32,
        centre.1 - (r * libm::cos(a)).round() as i32,
    )
}

/// The point `by` units from `from` towards `to`, rounded (to end a line
/// at the edge of a node rather than its centre).
pub(crate) fn towards(from: (i32, i32), to: (i32, i32), by: i32) -> (i32, i32) {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    // `sqrt` is exactly rounded on every platform (IEEE 754).
    let len = (dx * dx + dy * dy).sqrt();
    if len <= f64::from(by) || len == 0.0 {
        return from;
    }
    let k = f64::from(by) / len;
    (
        from.0 + (dx * k).round() as i32,
        from.1 + (dy * k).round() as i32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_text() {
        assert_eq!(fit("Short", 10), "Short");
        assert_eq!(
            fit("Amnesty International Security Lab", 20),
            "Amnesty Internation…"
        );
        assert_eq!(
            fit("Amnesty International Lab", 24),
            "Amnesty International…"
        );
        assert_eq!(fit("Abcdefghijklmnopqrstuvwxyz", 10), "Abcdefghi…");
        assert_eq!(
            fit("received the leaked list with", 24),
            "received the leaked…"
        );
    }

    #[test]
    fn wrapping_text() {
        assert_eq!(
            wrap("office of the head of government of", 20, 2),
            ["office of the head", "of government of"]
        );
        assert_eq!(wrap("a b c", 20, 2), ["a b c"]);
        assert_eq!(
            wrap("one two three four five six", 9, 2),
            ["one two", "three…"]
        );
        assert!(wrap("", 9, 2).is_empty());
    }

    #[test]
    fn points_on_a_circle() {
        assert_eq!(on_circle((100, 100), 50, 0), (100, 50));
        assert_eq!(on_circle((100, 100), 50, 250), (150, 100));
        assert_eq!(on_circle((100, 100), 50, 500), (100, 150));
        assert_eq!(on_circle((100, 100), 50, 750), (50, 100));
        assert_eq!(towards((0, 0), (30, 40), 10), (6, 8));
        assert_eq!(towards((0, 0), (3, 4), 10), (0, 0));
    }

    #[test]
    fn escaped_and_integer() {
        let mut s = Svg::new("c", "x", 10, 20, "A & B", "<d>");
        s.link("../a/?q=1&b", "Name \"q\"", "n")
            .text("t", (1, 2), "start", "O'Brien <x>")
            .end_link();
        let out = s.finish();
        assert!(out.contains("A &amp; B"), "{out}");
        assert!(out.contains("href=\"../a/?q=1&amp;b\""), "{out}");
        assert!(out.contains("O&apos;Brien &lt;x&gt;"), "{out}");
        assert!(out.ends_with("</svg>"));
    }
}
