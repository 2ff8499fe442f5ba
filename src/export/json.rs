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
            fn files(&self, ctx: &ExportCtx) -> Vec<(String, Vec<u8>)> {
                let (site, graph) = (ctx.site, ctx.graph);
                vec![$(
                    (
                        url::data("", <$t as Kind>::INFO.plural),
                        pretty_array(&site.$p, |i, _| <$t as Kind>::data_row(site, graph, Ix::new(i))),
                    ),
                )*]
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
/// of indentation.
fn pretty_array<T: Sync>(items: &[T], value: impl Fn(usize, &T) -> Value + Sync) -> Vec<u8> {
    let printed: Vec<Vec<u8>> = items
        .par_iter()
        .enumerate()
        .map(|(i, item)| serde_json::to_vec_pretty(&value(i, item)).unwrap_or_default())
        .collect();
    if printed.is_empty() {
        return b"[]\n".to_vec();
    }
    let len: usize = printed.iter().map(|p| p.len() + p.len() / 8 + 4).sum();
    let mut out = Vec::with_capacity(len + 4);
    out.push(b'[');
    for (i, p) in printed.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
        for (j, line) in p.split(|&b| b == b'\n').enumerate() {
            if j > 0 {
                out.extend_from_slice(b"\n  ");
            }
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(b"\n]\n");
    out
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
        assert_eq!(pretty_array(&items, |_, v| v.clone()), expected);
        let none: [Value; 0] = [];
        let mut expected = serde_json::to_vec_pretty(&Value::Array(Vec::new())).unwrap();
        expected.push(b'\n');
        assert_eq!(pretty_array(&none, |_, v| v.clone()), expected);
    }
}
