#!/usr/bin/env bash
# `dossier check` on the shared corpus of N articles (10,000 by default) and
# on variants of it that hold one thing on every event, or one long
# article, to see that checking stays about as fast when every record or
# every paragraph has a message:
#
#   valid    the corpus as generated
#   linked   every event's summary starts with an id link (`actor:actor-1`):
#            still valid, each link placed on its line of events.yaml
#   field    every event misspells `sources` as `soruces`: an error each,
#            with its line quoted and a "did you mean"
#   ref      every event names its article as `articel-…`: an error each,
#            with a "did you mean" among every article's slug while the
#            run's budget for them lasts (docs/decisions.md)
#   annex    one more article of 50,000 lines alike (an annex, a list),
#            each with an id link: still valid
#   wire     one more article of wire copy whose 20,000 paragraphs
#            alternate a line and the same sentence: 10,000 warnings
#   folded   one more event whose folded summary (`>`) runs over 10,000
#            lines, each with an id link: each placed on its own line of
#            the file (a pass per link from the value's start took 38.7 s
#            on a debug build, 2 December 2026)
#
#   bench/errors.sh            # 10,000 articles, 3 runs each
#   RUNS=1 bench/errors.sh 300
#
# Environment: RUNS (default 3), DOSSIER (a binary; default cargo build
# --release), BENCH_OUT (default bench/out), SHARED_GEN (the folder of
# gencorpus_zola.py; default ../shared/bench, else /work/shared/bench),
# BENCH_SITE (where the variants are written; default a folder in /dev/shm,
# removed at the end).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
n="${1:-10000}"
runs="${RUNS:-3}"
bench_out="${BENCH_OUT:-$here/out}"
work="${BENCH_SITE:-/dev/shm/dossier-errors-$$}"
corpus="$bench_out/shared-$n/dossier"
# shellcheck source=bench/shared-corpus.sh
. "$here/shared-corpus.sh"
shared_corpus "$bench_out/shared-$n" "$n"
dossier="${DOSSIER:-}"
if [ -z "$dossier" ]; then
    (cd "$repo" && cargo build --release --quiet)
    dossier="$repo/target/release/dossier"
fi

trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
# variant NAME SED: a copy of the corpus with SED applied to events.yaml,
# which must change every event.
variant() {
    local dir="$work/$1" events
    mkdir -p "$dir"
    cp -r "$corpus/content" "$dir/"
    events="$dir/content/events.yaml"
    if [ -n "$2" ]; then
        sed -i "$2" "$events"
        local all changed
        all="$(grep -c '^- id:' "$events")"
        changed="$(grep -c "$3" "$events" || true)"
        [ "$all" = "$changed" ] || { echo "$1: $changed of $all events changed; has the generator's format changed?" >&2; exit 1; }
    fi
}
variant valid "" ""
variant linked 's/^  summary: /  summary: See [the record](actor:actor-1). /' '^  summary: See \[the record\]'
variant field 's/^  sources: \[/  soruces: [/' '^  soruces: '
variant ref 's/^  articles: \[article-/  articles: [articel-/' '^  articles: \[articel-'
variant annex "" ""
python3 - "$work/annex/content/articles/annex.md" <<'PY'
import sys
lines = ["---", "title: The annex", "date: 2021-07-18", "summary: The list.", "---", ""]
lines += [f"Entry {i} names [the record](actor:actor-1) in a line of the annex.\n" for i in range(50000)]
open(sys.argv[1], "w").write("\n".join(lines))
PY
variant wire "" ""
python3 - "$work/wire/content/articles/wire" <<'PY'
import sys
lines = ["Wire headline about the annex", ""]
lines += ["The ministry declined to comment.\n" if i % 2 else f"Entry {i} of the annex.\n" for i in range(20000)]
open(sys.argv[1] + ".txt", "w").write("\n".join(lines))
open(sys.argv[1] + ".yaml", "w").write("title: Wire headline about the annex\ndate: 2021-07-19\n")
PY
variant folded "" ""
python3 - "$work/folded/content/events/folded.yaml" <<'PY'
import os, sys
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
lines = ["- id: folded-summary", "  date: 2021-07-20", "  title: A summary of many lines", "  summary: >"]
lines += [f"    Line {i} names [the record](actor:actor-1) in the summary." for i in range(10000)]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| variant | check wall time (median of $runs) | exit | last line |"
echo "|---|---:|---:|---|"
for v in valid linked field ref annex wire folded; do
    times=()
    for _ in $(seq "$runs"); do
        start="$(date +%s.%N)"
        code=0
        (cd "$work/$v" && "$dossier" check >"$work/$v.out" 2>&1) || code=$?
        end="$(date +%s.%N)"
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')")
    done
    t="$(printf '%s\n' "${times[@]}" | median)"
    echo "| $v | $t s | $code | $(tail -n 1 "$work/$v.out") |"
done
