//! `data/*.json`: every record of each kind as a JSON array, with its
//! links resolved to ids (shape documented in `docs/data.md`). Each kind
//! builds its own rows (`Kind::data_row`, in its file under `src/kinds/`).

use super::{Export, ExportCtx};
use crate::kinds::{Actor, Article, Event, Ix, Kind, Source, Statement};
use crate::url;
use rayon::prelude::*;
use serde_json::Value;

/// The open data: `data/<plural>.json` for every kind of the list in
/// `kinds`, each record's row from its kind's `Kind::data_row`.
pub struct Json;

macro_rules! data_files {
    (all { $($p:ident: $t:ident),* } data { $($dp:ident: $dt:ident),* }) => {
        impl Export for Json {
            fn make(&self, ctx: &ExportCtx, put: &mut dyn FnMut(String, Vec<u8>)) {
                let (site, graph) = (ctx.site, ctx.graph);
                $(
                    super::in_parts(url::data("", <$t as Kind>::INFO.plural), put, |spill| {
                        pretty_array(
                            &site.$p,
                            |i, _| <$t as Kind>::data_row(site, graph, Ix::new(i)),
                            spill,
                        )
                    });
                )*
            }

            fn paths(&self) -> Vec<String> {
                vec![$(url::data("", <$t as Kind>::INFO.plural),)*]
            }
        }
    };
}
crate::with_kinds!(data_files);

/// `serde_json::to_vec_pretty` of the array of `items`, plus a final newline,
/// with the items built and serialised in parallel: the same bytes, since
/// pretty JSON only ever has newlines between tokens (never inside strings),
/// so an item printed alone is the item printed in the array, less one level
/// of indentation. What is printed so far is handed to `spill` after each
/// run of items, as [`pretty_array_into`] does; the rest is returned.
fn pretty_array<T: Sync>(
    items: &[T],
    value: impl Fn(usize, &T) -> Value + Sync,
    spill: &mut dyn FnMut(&mut Vec<u8>),
) -> Vec<u8> {
    let mut out = Vec::new();
    pretty_array_into(&mut out, 0, items, value, spill);
    out.push(b'\n');
    out
}

/// Appends the array of `items` to `out` as `serde_json::to_vec_pretty`
/// prints it nested `depth` levels deep (two spaces a level), the items
/// built and printed in parallel, a run at a time, so that only one run of
/// printed items is held beside `out`. After each run `out` is handed to
/// `spill`, which may take what it holds on as a part of the file
/// ([`super::in_parts`]).
pub(super) fn pretty_array_into<T: Sync>(
    out: &mut Vec<u8>,
    depth: usize,
    items: &[T],
    value: impl Fn(usize, &T) -> Value + Sync,
    spill: &mut dyn FnMut(&mut Vec<u8>),
) {
    if items.is_empty() {
        out.extend_from_slice(b"[]");
        return;
    }
    const RUN: usize = 4096;
    let indent = "  ".repeat(depth + 1);
    let first = format!("\n{indent}");
    let next = format!(",\n{indent}");
    out.push(b'[');
    for (r, run) in items.chunks(RUN).enumerate() {
        let printed: Vec<Vec<u8>> = run
            .par_iter()
            .enumerate()
            .map(|(k, item)| {
                serde_json::to_vec_pretty(&value(r * RUN + k, item)).unwrap_or_default()
            })
            .collect();
        for (k, p) in printed.iter().enumerate() {
            let lead = if r == 0 && k == 0 { &first } else { &next };
            out.extend_from_slice(lead.as_bytes());
            push_nested(out, p, first.as_bytes());
        }
        spill(out);
    }
    out.push(b'\n');
    out.extend_from_slice("  ".repeat(depth).as_bytes());
    out.push(b']');
}

/// Appends `printed`, a value as `serde_json::to_vec_pretty` prints it,
/// nested one level deeper: each of its line breaks becomes `newline`
/// (a line break and the deeper indentation). Pretty JSON has line breaks
/// only between tokens, never inside strings, so this is exact.
pub(super) fn push_nested(out: &mut Vec<u8>, printed: &[u8], newline: &[u8]) {
    for (j, line) in printed.split(|&b| b == b'\n').enumerate() {
        if j > 0 {
            out.extend_from_slice(newline);
        }
        out.extend_from_slice(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pretty_arrays_print_as_serde_json_does() {
        let items = [
            json!({"a": [1, {"b": []}], "c": "x\ny"}),
            json!([]),
            json!(null),
        ];
        let mut expected = serde_json::to_vec_pretty(&Value::Array(items.to_vec())).unwrap();
        expected.push(b'\n');
        assert_eq!(
            pretty_array(&items, |_, v| v.clone(), &mut |_| {}),
            expected
        );
        // Nested, across a run of printed items, and empty.
        let many: Vec<Value> = (0..4097).map(|i| json!({"n": i, "l": [i]})).collect();
        for items in [&many[..], &many[..1], &[]] {
            let whole = json!({"events": items, "title": {"text": {"t": "x"}}});
            let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
            expected.push(b'\n');
            let mut out = b"{\n  \"events\": ".to_vec();
            // Taken out after every run, as a file in parts.
            let mut parts = Vec::new();
            pretty_array_into(&mut out, 1, items, |_, v| v.clone(), &mut |o| {
                parts.append(o)
            });
            parts.append(&mut out);
            let mut out = parts;
            out.extend_from_slice(
                b",\n  \"title\": {\n    \"text\": {\n      \"t\": \"x\"\n    }\n  }\n}\n",
            );
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
        let none: [Value; 0] = [];
        let mut expected = serde_json::to_vec_pretty(&Value::Array(Vec::new())).unwrap();
        expected.push(b'\n');
        assert_eq!(pretty_array(&none, |_, v| v.clone(), &mut |_| {}), expected);
    }
}
