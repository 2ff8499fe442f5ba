#!/usr/bin/env bash
# `dossier check` on the shared corpus of N articles (10,000 by default) and
# on three variants of it that hold one thing on every event, to see that
# checking stays about as fast when every record has a message:
#
#   valid    the corpus as generated
#   linked   every event's summary starts with an id link (`actor:actor-1`):
#            still valid, each link placed on its line of events.yaml
#   field    every event misspells `sources` as `soruces`: an error each,
#            with its line quoted and a "did you mean"
#   ref      every event names its article as `articel-…`: an error each,
#            with a "did you mean" among every article's slug while the
#            run's budget for them lasts (docs/decisions.md)
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

if [ ! -d "$corpus/content" ]; then
    gen="${SHARED_GEN:-}"
    for d in "$repo/../shared/bench" /work/shared/bench; do
        [ -z "$gen" ] && [ -f "$d/gencorpus_zola.py" ] && gen="$d"
    done
    [ -n "$gen" ] || { echo "no gencorpus_zola.py found (set SHARED_GEN)" >&2; exit 1; }
    echo "generating the shared corpus, $n articles…" >&2
    python3 "$gen/gencorpus_zola.py" "$bench_out/shared-$n" "$n" >&2
fi
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

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| variant | check wall time (median of $runs) | exit | last line |"
echo "|---|---:|---:|---|"
for v in valid linked field ref; do
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
