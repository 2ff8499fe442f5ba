//! Parse errors of YAML in dossier's words: the one table ([`REPHRASED`])
//! of the parser's messages that dossier rephrases, each pointing at the
//! offending value itself, quoting it as written and saying what to do
//! (content format 1.1, "Errors"). Each entry names the fixture under
//! `tests/fixtures/bad/` that brings it about; a test here holds every
//! entry to its fixture, and `tests/it/errors.rs` asserts what a user
//! reads for each.

/// What dossier says about a parse error, and where (1-based, in the YAML
/// text that was parsed).
pub(super) struct Said {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// What dossier says instead of the parser's `message` at 1-based `line`
/// and `column` of `yaml`, when [`REPHRASED`] has an entry for it.
pub(super) fn rephrase(yaml: &str, line: usize, column: usize, message: &str) -> Option<Said> {
    let at = At {
        yaml,
        line,
        column,
        message,
    };
    REPHRASED
        .iter()
        .find(|r| (r.matches)(&at))
        .map(|r| (r.explain)(&at))
}

/// A parser message that dossier says in its own words: which messages
/// (and places) it covers, what it says instead, at which place, and the
/// folder under `tests/fixtures/bad/` that shows it.
struct Rephrase {
    /// What the parser says, for the reader of this table.
    #[cfg_attr(not(test), allow(dead_code))] // read by the test of the table
    parser_says: &'static str,
    /// The fixture that brings it about (its messages are asserted in
    /// `tests/it/errors.rs`).
    #[cfg_attr(not(test), allow(dead_code))]
    fixture: &'static str,
    matches: fn(&At) -> bool,
    explain: fn(&At) -> Said,
}

/// Where the parser stopped: its message, and the 1-based line and column
/// in the YAML text.
struct At<'a> {
    yaml: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

impl At<'_> {
    /// Line `n` (1-based) of the text, empty past its end.
    fn line_text(&self, n: usize) -> &str {
        self.yaml.lines().nth(n.saturating_sub(1)).unwrap_or("")
    }

    /// The field written on the parser's line, as [`field_on`] reads it.
    fn field(&self) -> Option<FieldOnLine<'_>> {
        field_on(self.line_text(self.line))
    }

    fn said(&self, column: usize, message: String, hint: impl Into<Option<String>>) -> Said {
        Said {
            line: self.line,
            column,
            message,
            hint: hint.into(),
        }
    }

    /// The column of the first character of the parser's line that is not
    /// a space.
    fn indent_column(&self) -> usize {
        let l = self.line_text(self.line);
        l.chars().take_while(|c| *c == ' ').count() + 1
    }
}

/// `key: value` on one line, after any `- ` of list items: the key, the
/// value as written (up to a comment), and the value's 1-based column.
struct FieldOnLine<'a> {
    key: &'a str,
    value: &'a str,
    column: usize,
}

fn field_on(line: &str) -> Option<FieldOnLine<'_>> {
    let body = line.trim_start_matches([' ', '-']);
    let start = line.len() - body.len();
    // A key ends at the first `:` followed by a space (or the line's end).
    let colon = body.char_indices().find(|&(i, c)| {
        c == ':'
            && body[i + 1..]
                .chars()
                .next()
                .is_none_or(|n| n == ' ' || n == '\t')
    })?;
    let key = body[..colon.0].trim();
    let after = &body[colon.0 + 1..];
    let value = after.trim_start();
    let value_at = start + colon.0 + 1 + (after.len() - value.len());
    // A comment starts at ` #`, outside quotes.
    let value = match value.chars().next() {
        Some('"' | '\'') => value.trim_end(),
        _ => value.split(" #").next().unwrap_or(value).trim_end(),
    };
    (!key.is_empty() && !value.is_empty()).then(|| FieldOnLine {
        key,
        value,
        column: line[..value_at].chars().count() + 1,
    })
}

/// `value` in YAML quotes: double quotes where it has none itself,
/// single quotes otherwise (an inner `'` doubled).
fn quoted(value: &str) -> String {
    if !value.contains('"') && !value.contains('\\') {
        format!("\"{value}\"")
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}

/// "put the value in quotes", with the line as it would then read.
fn quote_hint(f: &FieldOnLine<'_>) -> String {
    format!("put the value in quotes: {}: {}", f.key, quoted(f.value))
}

/// The tab that breaks the indentation: the first in the leading
/// whitespace of the parser's line or of a line below it, else the first
/// at or after the parser's place.
fn tab_at(at: &At) -> Option<(usize, usize)> {
    let lines: Vec<&str> = at.yaml.lines().collect();
    for (i, l) in lines.iter().enumerate().skip(at.line.saturating_sub(1)) {
        let lead: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        if let Some(col) = lead.chars().position(|c| c == '\t') {
            return Some((i + 1, col + 1));
        }
        if i + 1 > at.line + 3 {
            break;
        }
    }
    for (i, l) in lines.iter().enumerate().skip(at.line.saturating_sub(1)) {
        let skip = if i + 1 == at.line {
            at.column.saturating_sub(1)
        } else {
            0
        };
        if let Some(col) = l.chars().skip(skip).position(|c| c == '\t') {
            return Some((i + 1, skip + col + 1));
        }
    }
    None
}

/// The last value up to the parser's line that opens a `[` or `{` it
/// does not close on its line: where a bracket was left open.
fn open_bracket(at: &At) -> Option<(usize, usize)> {
    (1..=at.line).rev().find_map(|n| {
        let f = field_on(at.line_text(n))?;
        let open = f.value.chars().next().filter(|c| *c == '[' || *c == '{')?;
        let close = if open == '[' { ']' } else { '}' };
        let depth = f.value.chars().fold(0i32, |d, c| {
            d + i32::from(c == open) - i32::from(c == close)
        });
        (depth > 0).then_some((n, f.column))
    })
}

/// The parser's own message at its own place.
fn as_said(at: &At) -> Said {
    at.said(at.column, at.message.to_owned(), None)
}

/// The indentation message: where the parser lost track of the layout.
fn misaligned(at: &At) -> Said {
    at.said(
        at.indent_column(),
        "this line does not line up with the lines above it".to_owned(),
        "the fields of one record start in the same column, and so does each `- ` of a list; indent with spaces".to_owned(),
    )
}

/// The parser messages dossier rephrases, the first that matches applies
/// (content format 1.1, "Errors": messages point at the offending value,
/// quote it as written, and say what to do).
const REPHRASED: &[Rephrase] = &[
    Rephrase {
        parser_says: "…found a tab / tabs disallowed within this context / block scalar content cannot start with a tab (often on the line above the tab), or any error on a line indented with a tab",
        fixture: "yaml-tab-indent",
        matches: |at| {
            at.message.contains("tab") && tab_at(at).is_some()
                || at
                    .line_text(at.line)
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .any(|c| c == '\t')
        },
        explain: |at| {
            let (line, column) = tab_at(at).unwrap_or((at.line, at.column));
            Said {
                line,
                column,
                message: "a tab is used for indenting here: YAML indents with spaces only"
                    .to_owned(),
                hint: Some("indent with spaces".to_owned()),
            }
        },
    },
    Rephrase {
        parser_says: "mapping values are not allowed in this context (an unquoted value containing `: `)",
        fixture: "yaml-colon-in-value",
        matches: |at| {
            at.message.contains("mapping values are not allowed")
                && at.field().is_some_and(|f| f.column < at.column)
        },
        explain: |at| {
            let Some(f) = at.field() else {
                return as_said(at);
            };
            at.said(
                f.column,
                format!(
                    "`{}` contains `: `, so YAML reads it as the start of another field",
                    f.value
                ),
                quote_hint(&f),
            )
        },
    },
    Rephrase {
        parser_says: "mapping values are not allowed in this context (a line read as the continuation of the value above)",
        fixture: "yaml-colon-continued",
        matches: |at| at.message.contains("mapping values are not allowed"),
        explain: |at| {
            at.said(
                at.indent_column(),
                "this line is read as part of the value above it, and it contains `: `".to_owned(),
                "if it is a field, line it up with the fields above; if it is text, put the whole value in quotes".to_owned(),
            )
        },
    },
    Rephrase {
        parser_says: "unclosed quote",
        fixture: "yaml-syntax",
        matches: |at| at.message.contains("unclosed quote"),
        explain: |at| {
            let quote = at
                .line_text(at.line)
                .chars()
                .nth(at.column.saturating_sub(1))
                .unwrap_or('"');
            let hint = if quote == '\'' {
                "end the value with `'` (a `'` inside it is written `''`)"
            } else {
                "end the value with `\"` (a `\"` inside it is written `\\\"`)"
            };
            at.said(
                at.column,
                "this quoted value is never closed".to_owned(),
                hint.to_owned(),
            )
        },
    },
    Rephrase {
        parser_says: "invalid trailing content after double-quoted (or single-quoted) scalar",
        fixture: "yaml-text-after-quote",
        matches: |at| at.message.contains("trailing content after") && at.field().is_some(),
        explain: |at| {
            let Some(f) = at.field() else {
                return as_said(at);
            };
            at.said(
                f.column,
                format!(
                    "`{}` goes on after its closing quote: only a whole value can be quoted",
                    f.value
                ),
                quote_hint(&f),
            )
        },
    },
    Rephrase {
        parser_says: "while parsing a block mapping, did not find expected key (after a value starting with `[` or `{`)",
        fixture: "yaml-bracket-value",
        matches: |at| {
            at.message.contains("did not find expected key")
                && at
                    .field()
                    .is_some_and(|f| f.column < at.column && f.value.starts_with(['[', '{']))
        },
        explain: |at| {
            let Some(f) = at.field() else {
                return as_said(at);
            };
            let (bracket, what) = if f.value.starts_with('[') {
                ('[', "a list")
            } else {
                ('{', "a set of fields")
            };
            at.said(
                f.column,
                format!(
                    "`{}` starts with `{bracket}`, so YAML reads {what} and then finds more text",
                    f.value
                ),
                quote_hint(&f),
            )
        },
    },
    Rephrase {
        parser_says: "while parsing a block mapping, did not find expected key / while parsing a block collection, did not find expected '-' indicator",
        fixture: "yaml-bad-indent",
        matches: |at| at.message.contains("did not find expected"),
        explain: misaligned,
    },
    Rephrase {
        parser_says: "unclosed bracket '[' (or '{') / illegal placement of ':' indicator (on a line after a bracket left open)",
        fixture: "yaml-unclosed-bracket",
        matches: |at| {
            at.message.contains("unclosed bracket")
                || at.message.contains("illegal placement") && open_bracket(at).is_some()
        },
        explain: |at| {
            let (line, column) = open_bracket(at).unwrap_or((at.line, at.column));
            let bracket = at
                .line_text(line)
                .chars()
                .nth(column.saturating_sub(1))
                .unwrap_or('[');
            let hint = match field_on(at.line_text(line)) {
                Some(f) => format!(
                    "close it; if the bracket is part of the text, {}",
                    quote_hint(&f)
                ),
                None => "close it, or put the value in quotes if the bracket is part of the text"
                    .to_owned(),
            };
            Said {
                line,
                column,
                message: format!("this `{bracket}` is never closed"),
                hint: Some(hint),
            }
        },
    },
    Rephrase {
        parser_says: "unexpected character: `@' (or a backtick) / found character that cannot start any token",
        fixture: "yaml-reserved-character",
        matches: |at| {
            at.message.contains("unexpected character")
                || at.message.contains("cannot start any token")
        },
        explain: |at| {
            let c = at
                .line_text(at.line)
                .chars()
                .nth(at.column.saturating_sub(1))
                .unwrap_or(' ');
            let hint = match at.field() {
                Some(f) => quote_hint(&f),
                None => "put the value in quotes".to_owned(),
            };
            at.said(
                at.column,
                format!("`{c}` cannot start a value that is not in quotes"),
                hint,
            )
        },
    },
    Rephrase {
        parser_says: "alias references unknown anchor (a value starting with `*`)",
        fixture: "yaml-star-value",
        matches: |at| at.message.contains("unknown anchor"),
        explain: |at| match at.field() {
            Some(f) => at.said(
                f.column,
                format!(
                    "`{}` starts with `*`, so YAML reads it as a reference to an anchor",
                    f.value
                ),
                quote_hint(&f),
            ),
            None => at.said(
                at.column,
                "a value starting with `*` is read as a reference to an anchor".to_owned(),
                "put the value in quotes".to_owned(),
            ),
        },
    },
    Rephrase {
        parser_says: "block sequence entries are not allowed in this context",
        fixture: "yaml-dash-after-key",
        matches: |at| {
            at.message
                .contains("block sequence entries are not allowed")
        },
        explain: |at| {
            at.said(
                at.column,
                "a list cannot start on the line of its field".to_owned(),
                "put each `- item` on a line of its own below the field; if the `-` is part of the text, put the value in quotes".to_owned(),
            )
        },
    },
    Rephrase {
        parser_says: "budget breached: Documents { documents: 2 } / multiple YAML documents detected",
        fixture: "yaml-two-documents",
        matches: |at| {
            at.message.contains("Documents {") || at.message.contains("multiple YAML documents")
        },
        explain: |at| {
            // The `---` that starts the second document, at or above the
            // parser's place (which is the document's first value).
            let line = (1..=at.line)
                .rev()
                .find(|&n| at.line_text(n).starts_with("---"))
                .unwrap_or(at.line);
            Said {
                line,
                column: 1,
                message: "a second YAML document starts here: a file holds one".to_owned(),
                hint: Some(
                    "remove the `---` line: the records of a list need nothing between them"
                        .to_owned(),
                ),
            }
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_on_a_line() {
        let f = field_on("  - title: Pegasus: France's Macron # c").unwrap();
        assert_eq!(
            (f.key, f.value, f.column),
            ("title", "Pegasus: France's Macron", 12)
        );
        assert!(field_on("  - item").is_none());
        assert_eq!(quoted("France's"), "\"France's\"");
        assert_eq!(quoted("say \"no\" it's"), "'say \"no\" it''s'");
    }

    /// Every entry of the table has its fixture, and the fixture's YAML
    /// is rephrased by that entry.
    #[test]
    fn every_rephrasing_has_a_fixture_that_shows_it() {
        let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
        for (i, r) in REPHRASED.iter().enumerate() {
            let dir = bad.join(r.fixture);
            let mut hit = false;
            for entry in walkdir::WalkDir::new(&dir) {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy();
                if !(name.ends_with(".yaml") || name.ends_with(".md")) {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let yaml = match text.strip_prefix("---\n") {
                    Some(rest) => rest.split("\n---").next().unwrap_or(""),
                    None => &text,
                };
                let Some((line, column, message)) = super::super::yaml::syntax_error(yaml) else {
                    continue;
                };
                let at = At {
                    yaml,
                    line,
                    column,
                    message: &message,
                };
                hit |= REPHRASED.iter().position(|r| (r.matches)(&at)) == Some(i);
            }
            assert!(
                hit,
                "no fixture in {} shows `{}`",
                dir.display(),
                r.parser_says
            );
        }
    }
}
