//! The limits a content file is read under, and what dossier says when one
//! is reached: the one place that knows them (docs/decisions.md, "Limits").
//!
//! They exist for hostile or broken input (an alias bomb, brackets nested
//! thousands deep, a file of empty values), not for long files: a
//! spreadsheet export of 100,000 events in one file (about 25 MiB) loads
//! with room to spare. Each message names the limit that was reached, with
//! a hint that fits it: a file that is merely long is told it may be split,
//! a nested or aliased one is told what in it to look at.

/// Largest file read, in bytes (data files, sidecars and articles alike).
/// A 100,000-event export is 20–26 MiB: this holds about 250,000 such
/// events, and bounds the text kept in memory for quoting in messages.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The budget of one YAML text (serde-saphyr's counters).
#[derive(Debug, Clone, Copy)]
pub struct YamlLimits {
    /// Lists and mappings inside each other. Records are 4 deep at most
    /// (a list of records, a record, a list of links, a link).
    pub depth: usize,
    /// Values: scalars, lists and mappings (about 20–30 per event record).
    pub nodes: usize,
    /// Parser events: values plus the ends of lists and mappings.
    pub events: usize,
    /// References to anchors (`*name`).
    pub aliases: usize,
    /// Values copied in by all references together.
    pub replayed: usize,
    /// Bytes of all values together.
    pub scalar_bytes: usize,
}

/// The budget every YAML text is read under. Nodes and events are set so
/// that any file of real records under [`MAX_FILE_BYTES`] fits (a 64 MiB
/// file of events is about 6.5 million nodes); only a file of tiny values
/// (`[a,a,a,…]`) reaches them, which is what they are for: memory for the
/// values out of proportion to the file's size.
pub const YAML: YamlLimits = YamlLimits {
    // 8 times the deepest record; the readers recurse once per level, and
    // 64 levels overflowed a worker thread's 2 MiB stack in an unoptimised
    // build (at 52).
    depth: 32,
    nodes: 10_000_000,
    events: 20_000_000,
    aliases: 1_000,
    replayed: 100_000,
    // As large as the file may be: a long file never reaches it.
    scalar_bytes: MAX_FILE_BYTES as usize,
};

/// How many values one CSV file may hold (non-empty cells, and each item
/// of a list cell): YAML's node budget, so that a file of empty cells or
/// `;` cannot take memory out of proportion to its size.
pub const MAX_CSV_VALUES: usize = YAML.nodes;

impl YamlLimits {
    /// The budget of one of `parts` parts of a text read at once
    /// (`yaml::in_parts`): each counter shared out, the depth the same, so
    /// that the parts together stay within the whole text's budget.
    pub fn shared_by(&self, parts: usize) -> YamlLimits {
        let parts = parts.max(1);
        YamlLimits {
            depth: self.depth,
            nodes: self.nodes / parts,
            events: self.events / parts,
            aliases: self.aliases / parts,
            replayed: self.replayed / parts,
            scalar_bytes: self.scalar_bytes / parts,
        }
    }
}

/// The serde-saphyr options for `limits`.
pub(super) fn yaml_options(limits: &YamlLimits) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits.depth,
            max_nodes: limits.nodes,
            max_events: limits.events,
            max_aliases: limits.aliases,
            max_total_scalar_bytes: limits.scalar_bytes,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! { max_total_replayed_events: limits.replayed },
    }
}

/// `n` with thousands separated by commas, as a newsroom writes numbers.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const SPLIT: &str = "split it into several files: a kind's records may be spread over any number of files in its folder (`events/2019.yaml`, `events/2020.yaml`, …)";

/// The message of a file larger than `limit` bytes (`len` bytes long);
/// `article` when it is an article's text rather than a data file.
pub(super) fn too_large(len: u64, limit: u64, article: bool) -> (String, &'static str) {
    let mib = |b: u64| b.div_ceil(1 << 20);
    (
        format!(
            "this file is {} MiB; the file size limit is {} MiB",
            mib(len),
            limit >> 20
        ),
        if article {
            "split it into several articles"
        } else {
            SPLIT
        },
    )
}

/// The message of a CSV file that holds more than [`MAX_CSV_VALUES`].
pub(super) fn too_many_cells() -> (String, &'static str) {
    (
        format!(
            "this file holds more than {} values (non-empty cells and items of list cells); the limit is {} values per file, and nothing after this row was read",
            thousands(MAX_CSV_VALUES),
            thousands(MAX_CSV_VALUES)
        ),
        SPLIT,
    )
}

/// The message and hint for a parse that stopped at one of `limits`; None
/// when `e` is not about a limit. `message` is the parser's own text (the
/// parser's nesting limit for brackets is only known by it).
pub(super) fn yaml_said(
    e: &serde_saphyr::Error,
    message: &str,
    limits: &YamlLimits,
) -> Option<(String, String)> {
    use serde_saphyr::budget::BudgetBreach as B;
    let mut inner = e;
    while let serde_saphyr::Error::WithSnippet { error, .. }
    | serde_saphyr::Error::AliasError { error, .. } = inner
    {
        inner = error;
    }
    let nesting = |depth: String| {
        (
            format!("lists and mappings are nested {depth} deep here; the nesting limit is {} levels", limits.depth),
            "records are at most a few levels deep: look for an indentation that runs away or brackets that are never closed".to_owned(),
        )
    };
    let aliases = |what: String| {
        (
            what,
            "write the values out in full instead of repeating them with `&anchor` and `*anchor`"
                .to_owned(),
        )
    };
    let long = |what: String| (what, SPLIT.to_owned());
    Some(match inner {
        serde_saphyr::Error::Budget { breach, .. } => match breach {
            B::Depth { depth } => nesting(format!("{depth} levels")),
            B::Nodes { .. } => long(format!(
                "this file holds more than {} values (scalars, lists and mappings); the limit is {} values per file",
                thousands(limits.nodes),
                thousands(limits.nodes)
            )),
            B::Events { .. } => long(format!(
                "this file holds more than {} YAML parser events; the limit is {} per file",
                thousands(limits.events),
                thousands(limits.events)
            )),
            B::ScalarBytes { .. } => long(format!(
                "the values of this file add up to more than {} MiB; the limit is {} MiB per file",
                limits.scalar_bytes >> 20,
                limits.scalar_bytes >> 20
            )),
            B::Aliases { .. } => aliases(format!(
                "this file refers to anchors (`*name`) more than {} times; the alias limit is {}",
                thousands(limits.aliases),
                thousands(limits.aliases)
            )),
            B::Anchors { .. } | B::AliasAnchorRatio { .. } | B::MergeKeys { .. } => {
                aliases(format!(
                    "this file uses more anchors and aliases than the limits allow ({breach:?})"
                ))
            }
            B::Documents { .. } => return None,
            _ => (
                format!("this file reaches a limit of the YAML reader ({breach:?})"),
                SPLIT.to_owned(),
            ),
        },
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => aliases(format!(
            "the aliases (`*name`) of this file copy in more than {} values; the alias replay limit is {}",
            thousands(limits.replayed),
            thousands(limits.replayed)
        )),
        // The parser's own guard for brackets, reached before the budget
        // sees the levels.
        _ if message.contains("recursion limit exceeded") => {
            nesting(format!("more than {} levels", limits.depth))
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message for `yaml` read under `limits`.
    fn said(yaml: &str, limits: YamlLimits) -> (String, String) {
        let e =
            serde_saphyr::from_str_with_options::<serde_json::Value>(yaml, yaml_options(&limits))
                .expect_err("a limit is reached");
        let message = e.to_string();
        yaml_said(&e, &message, &limits).unwrap_or((message, String::new()))
    }

    fn events(n: usize) -> String {
        (0..n)
            .map(|i| format!("- id: event-{i}\n  title: Event {i}\n  actors: [a, b]\n"))
            .collect()
    }

    #[test]
    fn a_long_file_is_told_the_limit_it_reached_and_to_split() {
        let small = YamlLimits { nodes: 100, ..YAML };
        let (message, hint) = said(&events(50), small);
        assert_eq!(
            message,
            "this file holds more than 100 values (scalars, lists and mappings); the limit is 100 values per file"
        );
        assert!(hint.starts_with("split it into several files"), "{hint}");
        let small = YamlLimits {
            events: 100,
            ..YAML
        };
        let (message, hint) = said(&events(50), small);
        assert_eq!(
            message,
            "this file holds more than 100 YAML parser events; the limit is 100 per file"
        );
        assert!(hint.starts_with("split it into several files"), "{hint}");
        let small = YamlLimits {
            scalar_bytes: 1 << 20,
            ..YAML
        };
        let (message, hint) = said(&format!("- {}\n", "x".repeat(2 << 20)), small);
        assert_eq!(
            message,
            "the values of this file add up to more than 1 MiB; the limit is 1 MiB per file"
        );
        assert!(hint.starts_with("split it into several files"), "{hint}");
    }

    #[test]
    fn nesting_and_aliases_are_told_their_own_limit() {
        let deep: String = (0..200)
            .map(|i| format!("{}- \n", "  ".repeat(i)))
            .collect();
        let (message, hint) = said(&deep, YAML);
        assert_eq!(
            message,
            "lists and mappings are nested 33 levels deep here; the nesting limit is 32 levels"
        );
        assert!(hint.starts_with("records are at most a few levels deep"));
        let refs: String = "a: &a x\nb: [".to_owned() + &"*a,".repeat(1_001) + "]\n";
        let (message, hint) = said(&refs, YAML);
        assert_eq!(
            message,
            "this file refers to anchors (`*name`) more than 1,000 times; the alias limit is 1,000"
        );
        assert!(hint.starts_with("write the values out in full"));
    }

    #[test]
    fn the_budget_admits_a_spreadsheet_export_of_100000_events() {
        // An event of the shape the issue measured (7 fields, 3 of them
        // lists) is 25 values and 29 parser events: 100,000 of them fit
        // both budgets with room (a quarter of the values, and not a
        // sixth of the events).
        let record = "- id: e\n  date: 2020-01-01\n  title: t\n  summary: s\n  actors: [a, b]\n  sources: [s]\n  articles: [x]\n";
        let limits = YamlLimits {
            nodes: 25,
            events: 29,
            ..YAML
        };
        serde_saphyr::from_str_with_options::<serde_json::Value>(record, yaml_options(&limits))
            .expect("one record within 25 values and 29 events");
        const { assert!(YAML.nodes >= 4 * 25 * 100_000) };
        const { assert!(YAML.events >= 6 * 29 * 100_000) };
        const { assert!(YAML.scalar_bytes as u64 >= MAX_FILE_BYTES) };
        assert_eq!(thousands(10_000_000), "10,000,000");
        assert_eq!(
            too_large(70 << 20, MAX_FILE_BYTES, true),
            (
                "this file is 70 MiB; the file size limit is 64 MiB".to_owned(),
                "split it into several articles"
            )
        );
        assert!(
            too_large((64 << 20) + 1, MAX_FILE_BYTES, false)
                .1
                .starts_with("split it into several files")
        );
        assert_eq!(thousands(999), "999");
    }
}
