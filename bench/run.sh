#!/usr/bin/env bash
# Builds synthetic investigations with dossier and with Hugo, side by side,
# and prints a Markdown table. See bench/README.md.
#
#   bench/run.sh                # sizes 1000 and 10000, 3 runs each
#   RUNS=5 bench/run.sh 10000   # one size, 5 runs
#
# Environment:
#   RUNS        runs per tool and size (default 3); the median is reported
#   BENCH_SITE  where the built sites go (default: a folder in /dev/shm when
#               it exists, so that the disk's write-back does not decide the
#               result; set it to a folder on disk to include the disk)
#   HUGO        the Hugo binary (default: hugo)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
runs="${RUNS:-3}"
hugo="${HUGO:-hugo}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

if [ -z "${BENCH_SITE:-}" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then
        BENCH_SITE="/dev/shm/dossier-bench-$$"
    else
        BENCH_SITE="$here/out/site"
    fi
fi
mkdir -p "$BENCH_SITE"
trap 'rm -rf "$BENCH_SITE"' EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak memory)" >&2
    apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi
if ! need "$hugo"; then
    echo "installing Hugo (Debian package)" >&2
    apt-get install -y -qq hugo >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; } || true
fi
have_hugo=0
need "$hugo" && have_hugo=1
if need zola; then
    echo "note: zola is installed, but bench/generate.py writes no Zola site yet; skipped" >&2
fi

echo "building dossier (release)…" >&2
(cd "$repo" && cargo build --release --quiet --bin dossier)
dossier="$repo/target/release/dossier"

# Inputs are regenerated only when the generator changed.
stamp="$(cat "$here/generate.py" "$repo/themes/steampunk-heart/static/style.css" | md5sum | cut -d' ' -f1)"
for size in "${sizes[@]}"; do
    if [ "$(cat "$here/out/$size/.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "generating $size articles…" >&2
        python3 "$here/generate.py" "$size" >&2
        echo "$stamp" >"$here/out/$size/.stamp"
    fi
done

# run NAME LOG CMD…: one timed run; appends "wall_s peak_kb" to LOG.
run() {
    local log="$1"; shift
    local tv; tv="$(mktemp)"
    sync
    /usr/bin/time -v -o "$tv" "$@" >/dev/null 2>"$tv.err" || { cat "$tv.err" >&2; rm -f "$tv" "$tv.err"; return 1; }
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
        /Maximum resident set size/ { rss = $2 }
        END { print wall, rss }' "$tv" >>"$log"
    # dossier --timings goes to stderr: keep it for the stage profile.
    grep -E '^ *[a-z]+: +[0-9.]+ ms$' "$tv.err" >>"$log.stages" 2>/dev/null || true
    rm -f "$tv" "$tv.err"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" '{ print $c }' "$2" | median; }
count_pages() { find "$1" -name '*.html' | wc -l; }
html_bytes() { find "$1" -name '*.html' -print0 | du -cb --files0-from=- | tail -1 | cut -f1; }
all_bytes() { du -sb --apparent-size "$1" | cut -f1; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

logs="$(mktemp -d)"
results="$logs/results"
for size in "${sizes[@]}"; do
    src="$here/out/$size"
    for i in $(seq "$runs"); do
        echo "size $size, run $i/$runs" >&2
        rm -rf "$BENCH_SITE/d"
        run "$logs/d$size" "$dossier" build --root "$src/dossier" --out "$BENCH_SITE/d" --timings
        if [ $have_hugo = 1 ]; then
            rm -rf "$BENCH_SITE/h" "$src/hugo/resources"
            run "$logs/h$size" "$hugo" --minify --quiet -s "$src/hugo" -d "$BENCH_SITE/h"
        fi
        run "$logs/c$size" "$dossier" check --root "$src/dossier" --timings
        # The same site with one template of its own: check then renders
        # every page (with the built-in templates alone it need not).
        own="$BENCH_SITE/own$size"
        if [ ! -d "$own" ]; then
            mkdir -p "$own/templates"
            cp -r "$src/dossier/content" "$own/content"
            cp "$repo/themes/steampunk-heart/templates/article.html" "$own/templates/"
        fi
        run "$logs/o$size" "$dossier" check --root "$own" --timings
    done
    d_wall="$(col 1 "$logs/d$size")"; d_rss="$(col 2 "$logs/d$size")"
    c_wall="$(col 1 "$logs/c$size")"; c_rss="$(col 2 "$logs/c$size")"
    echo "$size dossier $d_wall $d_rss $(count_pages "$BENCH_SITE/d") $(html_bytes "$BENCH_SITE/d") $(all_bytes "$BENCH_SITE/d")" >>"$results"
    echo "$size check $c_wall $c_rss - - -" >>"$results"
    echo "$size check-own $(col 1 "$logs/o$size") $(col 2 "$logs/o$size") - - -" >>"$results"
    if [ $have_hugo = 1 ]; then
        echo "$size hugo $(col 1 "$logs/h$size") $(col 2 "$logs/h$size") $(count_pages "$BENCH_SITE/h") $(html_bytes "$BENCH_SITE/h") $(all_bytes "$BENCH_SITE/h")" >>"$results"
    fi
done

echo
echo "Median of $runs runs; $(nproc) cores; output in $( [[ "$BENCH_SITE" == /dev/shm/* ]] && echo "tmpfs" || echo "$BENCH_SITE" ); $("$hugo" version 2>/dev/null | cut -d' ' -f1-2 || echo "no Hugo")."
echo
echo "| articles | tool | wall time | peak memory | pages | HTML | all files | time vs Hugo | memory vs Hugo |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
while read -r size tool wall rss pages html all; do
    h_wall="$(awk -v s="$size" '$1 == s && $2 == "hugo" { print $3 }' "$results")"
    h_rss="$(awk -v s="$size" '$1 == s && $2 == "hugo" { print $4 }' "$results")"
    ratio_t="–"; ratio_m="–"
    if [ -n "$h_wall" ] && [ "$tool" != hugo ]; then
        ratio_t="$(awk -v a="$wall" -v b="$h_wall" 'BEGIN { printf "%.2f", a / b }')"
        ratio_m="$(awk -v a="$rss" -v b="$h_rss" 'BEGIN { printf "%.2f", a / b }')"
    fi
    name="$tool"; [ "$tool" = check ] && name="dossier check"; [ "$tool" = dossier ] && name="dossier build"
    [ "$tool" = check-own ] && name="dossier check, a template of its own"
    [ "$tool" = hugo ] && name="hugo --minify"
    if [ "$pages" = - ]; then
        printf "| %s | %s | %.2f s | %s MiB | – | – | – | %s | %s |\n" "$size" "$name" "$wall" "$(mb $((rss * 1024)))" "$ratio_t" "$ratio_m"
    else
        printf "| %s | %s | %.2f s | %s MiB | %s | %s MiB | %s MiB | %s | %s |\n" "$size" "$name" "$wall" "$(mb $((rss * 1024)))" "$pages" "$(mb "$html")" "$(mb "$all")" "$ratio_t" "$ratio_m"
    fi
done <"$results"

echo
while read -r size tool wall _; do
    case "$tool" in check) what="dossier check" ;; check-own) what="dossier check (a template of its own)" ;; *) continue ;; esac
    d="$(awk -v s="$size" '$1 == s && $2 == "dossier" { print $3 }' "$results")"
    awk -v s="$size" -v c="$wall" -v d="$d" -v w="$what" 'BEGIN { printf "%s articles: %s takes %.2f of the build time.\n", s, w, c / d }'
done <"$results"

echo
echo "dossier build, per stage (median ms, from --timings):"
echo
header=""
for size in "${sizes[@]}"; do
    # "stage median" lines, in the order the stages ran.
    awk '{ gsub(":", "", $1); print $1, $2 }' "$logs/d$size.stages" |
        awk '{ n[$1]++; v[$1, n[$1]] = $2; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
             END { for (i = 1; i <= k; i++) { s = order[i]; m = n[s]; for (a = 1; a <= m; a++) t[a] = v[s, a];
                   for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (t[b] < t[a]) { x = t[a]; t[a] = t[b]; t[b] = x }
                   med = (m % 2) ? t[(m + 1) / 2] : (t[m / 2] + t[m / 2 + 1]) / 2; printf "%s %.0f\n", s, med } }' \
        >"$logs/d$size.medians"
    if [ -z "$header" ]; then
        header="| articles |$(awk '{ printf " %s |", $1 }' "$logs/d$size.medians")"
        echo "$header"
        echo "|---:|$(awk '{ printf "%s", "---:|" }' "$logs/d$size.medians")"
    fi
    echo "| $size |$(awk '{ printf " %s |", $2 }' "$logs/d$size.medians")"
done
rm -rf "$logs"
