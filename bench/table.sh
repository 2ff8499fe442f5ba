#!/usr/bin/env bash
# The benchmark table of bench/README.md and the targets of issue 18, in one
# command: dossier, Hugo and (when a `zola` binary is on PATH) Zola build the
# same investigation, interleaved, medians of RUNS; dossier's page sizes,
# `check` and the `serve` edit latency; each target marked met or missed.
#
#   bench/table.sh              # 10,000 articles, 3 runs
#   RUNS=1 SERVE=0 bench/table.sh 300
#
# Two corpora of N articles each:
#   shared  ../shared/bench/gencorpus_zola.py (the corpus issue 18 measures
#           on): dossier content, a Hugo site and a Zola site from the same
#           random draws;
#   own     bench/generate.py: dossier content and a heavier Hugo site with
#           dossier's markup (no Zola site).
#
# Environment:
#   RUNS        runs per tool and corpus (default 3); medians are reported
#   WARMUP      unmeasured runs of each tool first (default 1)
#   CORPORA     which corpora (default "shared own")
#   SEARCH      1 to build dossier's offline search too (default 0: the
#               generated site.yaml gets `search: false`, as Hugo and Zola
#               build no search index)
#   SERVE       0 to leave out the serve edit latency (default 1: shared corpus)
#   GROWTH      0 to leave out the memory growth (default 1: dossier builds
#               the shared corpus at 5 times N articles too, RUNS times, and
#               its peak is set against the peak at N; the issue's "from
#               10,000 to 50,000 articles")
#   SERVE_RUNS  edits for the serve latency (default 5)
#   DOSSIER     a dossier binary to use (default: cargo build --release)
#   SHARED_GEN  folder of gencorpus_zola.py (default: ../shared/bench from
#               the repository, else /work/shared/bench)
#   BENCH_OUT   where the corpora are generated (default bench/out, git-ignored)
#   BENCH_SITE  where the sites are built (default a folder in /dev/shm)
#   HUGO, ZOLA  the binaries (default hugo, zola)
#
# Nothing is written outside BENCH_OUT, BENCH_SITE and /tmp; the built sites
# are removed at the end.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
n="${1:-10000}"
runs="${RUNS:-3}"
warmup="${WARMUP:-1}"
corpora=(${CORPORA:-shared own})
serve="${SERVE:-1}"
growth="${GROWTH:-1}"
big=$((n * 5))
hugo="${HUGO:-hugo}"
zola="${ZOLA:-zola}"
bench_out="${BENCH_OUT:-$here/out}"
# shellcheck source=bench/shared-corpus.sh
. "$here/shared-corpus.sh"

need() { command -v "$1" >/dev/null 2>&1; }
log() { echo "$@" >&2; }

if [ -z "${BENCH_SITE:-}" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then
        BENCH_SITE="/dev/shm/dossier-table-$$"
    else
        BENCH_SITE="$bench_out/site-$$"
    fi
fi
logs="$(mktemp -d)"
mkdir -p "$BENCH_SITE" "$bench_out"
trap 'rm -rf "$BENCH_SITE" "$logs"' EXIT

if [ ! -x /usr/bin/time ]; then
    log "installing GNU time (for peak memory)"
    apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi
if ! need "$hugo"; then
    log "installing Hugo (Debian package)"
    apt-get install -y -qq hugo >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; } || true
fi
have_hugo=0; need "$hugo" && have_hugo=1
# Zola is not packaged for Debian: it is measured where a binary is on PATH.
have_zola=0; need "$zola" && have_zola=1
[ $have_hugo = 1 ] || log "note: no Hugo; its columns stay empty"
[ $have_zola = 1 ] || log "note: no zola on PATH; the Zola column stays empty (measured elsewhere)"

if [ -z "${DOSSIER:-}" ]; then
    log "building dossier (release)…"
    (cd "$repo" && cargo build --release --quiet --bin dossier)
    DOSSIER="${CARGO_TARGET_DIR:-$repo/target}/release/dossier"
fi
dossier="$DOSSIER"

# Corpora are regenerated only when missing or when their generator changed.
corpus_dir() { case "$1" in shared) echo "$bench_out/shared-$n" ;; big) echo "$bench_out/shared-$big" ;; own) echo "$here/out/$n" ;; esac; }
# The memory growth is measured on the shared corpus only.
case " ${corpora[*]} " in *" shared "*) ;; *) growth=0 ;; esac
extra=(); [ "$growth" = 1 ] && extra=(big)
for c in "${corpora[@]}" "${extra[@]}"; do
    dir="$(corpus_dir "$c")"
    case "$c" in
        shared) shared_corpus "$dir" "$n" ;;
        big) shared_corpus "$dir" "$big" ;;
        own)
            stamp="$(cat "$here/generate.py" "$repo/themes/steampunk-heart/static/style.css" | md5sum | cut -d' ' -f1)"
            if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
                log "generating bench's own corpus, $n articles…"
                python3 "$here/generate.py" "$n" >&2
                echo "$stamp" >"$dir/.stamp"
            fi ;;
        *) log "unknown corpus $c"; exit 1 ;;
    esac
done

# Hugo and Zola build no search index: dossier is measured without its
# offline search too (`search: false`), unless SEARCH=1.
for c in "${corpora[@]}" "${extra[@]}"; do
    site="$(corpus_dir "$c")/dossier/content/site.yaml"
    grep -v '^search:' "$site" >"$logs/site.yaml" || true
    [ "${SEARCH:-0}" = 1 ] || echo "search: false" >>"$logs/site.yaml"
    cmp -s "$logs/site.yaml" "$site" || cp "$logs/site.yaml" "$site"
done

# measure LOG CMD…: one run under GNU time; appends "wall_s peak_kb" to LOG
# (with LOG = -, the run is a warm-up and nothing is kept).
measure() {
    local log="$1"; shift
    local tv="$logs/time"
    sync
    if ! /usr/bin/time -v -o "$tv" "$@" >/dev/null 2>"$logs/stderr"; then
        cat "$logs/stderr" >&2
        return 1
    fi
    [ "$log" = - ] && return 0
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
        /Maximum resident set size/ { rss = $2 }
        END { print wall, rss }' "$tv" >>"$log"
}

# One round: every tool once on every corpus, in turn (interleaved, so that
# the machine's drift touches all alike).
round() {
    local tag="$1" c dir out
    for c in "${corpora[@]}"; do
        dir="$(corpus_dir "$c")"
        out="$BENCH_SITE/$c"
        rm -rf "$out-dossier"
        measure "$(logname "$tag" "$c" dossier)" "$dossier" build --root "$dir/dossier" --out "$out-dossier"
        if [ $have_hugo = 1 ]; then
            rm -rf "$out-hugo" "$dir/hugo/resources"
            measure "$(logname "$tag" "$c" hugo)" "$hugo" --minify --quiet -s "$dir/hugo" -d "$out-hugo"
        fi
        if [ $have_zola = 1 ] && [ -d "$dir/zola" ]; then
            rm -rf "$out-zola"
            measure "$(logname "$tag" "$c" zola)" "$zola" --root "$dir/zola" build --output-dir "$out-zola"
        fi
        measure "$(logname "$tag" "$c" check)" "$dossier" check --root "$dir/dossier"
    done
}
logname() { if [ "$1" = warm ]; then echo -; else echo "$logs/$2-$3"; fi; }

for i in $(seq "$warmup"); do log "warm-up $i/$warmup"; round warm; done
for i in $(seq "$runs"); do log "run $i/$runs"; round run; done

# The memory growth: dossier alone on the shared corpus at 5 times the size
# (Hugo takes minutes there, and the target is dossier's own growth).
if [ "$growth" = 1 ]; then
    for i in $(seq "$runs"); do
        log "growth: $big articles, run $i/$runs"
        rm -rf "$BENCH_SITE/big"
        measure "$logs/big-dossier" "$dossier" build --root "$(corpus_dir big)/dossier" --out "$BENCH_SITE/big"
    done
    rm -rf "$BENCH_SITE/big"
fi

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { [ -f "$2" ] && awk -v c="$1" '{ print $c }' "$2" | median || true; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b }' || true; }

# Serve: the edit latency on the shared corpus (or the first one).
serve_ms=""; serve_build_ms=""
if [ "$serve" = 1 ]; then
    c="${corpora[0]}"; dir="$(corpus_dir "$c")"
    article="$(cd "$dir/dossier/content/articles" && ls | grep '\.md$' | sort | sed -n 43p | sed 's/\.md$//')"
    [ -n "$article" ] || article="$(cd "$dir/dossier/content/articles" && ls | grep '\.md$' | sort | head -1 | sed 's/\.md$//')"
    log "serve: editing $article in the $c corpus"
    if DOSSIER="$dossier" SITE="$dir/dossier" ARTICLE="$article" RUNS="${SERVE_RUNS:-5}" \
        python3 "$here/serve-latency.py" >"$logs/serve" 2>"$logs/serve.err"; then
        serve_ms="$(awk '/page shows edit/ { print $4 }' "$logs/serve")"
        serve_build_ms="$(awk '/full build/ { print $3 }' "$logs/serve")"
    else
        log "serve latency failed:"; tail -5 "$logs/serve.err" >&2
    fi
fi

echo
echo "## $n articles: median of $runs runs after $warmup warm-up, interleaved; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "dossier $("$dossier" --version 2>/dev/null | awk '{ print $2 }'), $( [ $have_hugo = 1 ] && "$hugo" version | cut -d' ' -f2 | sed 's/^/Hugo /' | cut -d+ -f1 || echo "no Hugo"), $( [ $have_zola = 1 ] && "$zola" --version || echo "no Zola (not on PATH: measured elsewhere)"); sites written to $( [[ "$BENCH_SITE" == /dev/shm/* ]] && echo tmpfs || echo "$BENCH_SITE")."
echo
echo "| corpus | tool | wall time | peak memory | pages | HTML | p50 page | p90 page | p99 page | largest page | median article page |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
declare -A wall rss
for c in "${corpora[@]}"; do
    for tool in dossier check hugo zola; do
        [ "$tool" = zola ] && [ $have_zola = 0 ] && continue
        f="$logs/$c-$tool"
        [ -f "$f" ] || continue
        wall[$c-$tool]="$(col 1 "$f")"; rss[$c-$tool]="$(col 2 "$f")"
        name="$tool"
        case "$tool" in dossier) name="dossier build" ;; check) name="dossier check" ;; hugo) name="hugo --minify" ;; zola) name="zola build" ;; esac
        sizes="– | – | – | – | – | – | –"
        if [ "$tool" != check ] && [ -d "$BENCH_SITE/$c-$tool" ]; then
            read -r pages total p50 p90 p99 max largest amed arts < <(python3 "$here/pagesizes.py" "$BENCH_SITE/$c-$tool")
            echo "$pages $total $p50 $p90 $p99 $max $largest $amed $arts" >"$logs/$c-$tool.sizes"
            sizes="$pages | $(mib "$total") | $(kib "$p50") | $(kib "$p90") | $(kib "$p99") | $(kib "$max") | $( [ "$amed" -gt 0 ] && kib "$amed" || echo –)"
        fi
        printf "| %s | %s | %.2f s | %s | %s |\n" "$c" "$name" "${wall[$c-$tool]}" "$(mib $(( ${rss[$c-$tool]} * 1024 )))" "$sizes"
        if [ "$tool" = hugo ] && [ "$c" = shared ] && [ $have_zola = 0 ]; then
            echo "| shared | zola build | not on PATH | | | | | | | | |"
        fi
    done
done

echo
for c in "${corpora[@]}"; do
    [ -f "$logs/$c-dossier.sizes" ] || continue
    read -r pages total p50 p90 p99 max largest amed arts <"$logs/$c-dossier.sizes"
    echo "dossier, $c corpus: $pages pages, $(mib "$total") of HTML; largest page \`$largest\` ($(kib "$max")); median of $arts article pages $(kib "$amed")."
done
big_rss=""
if [ -f "$logs/big-dossier" ]; then
    big_rss="$(col 2 "$logs/big-dossier")"
    printf "dossier, shared corpus at %s articles: %.2f s, peak %s (median of %s).\n" "$big" "$(col 1 "$logs/big-dossier")" "$(mib $(( big_rss * 1024 )))" "$runs"
fi
if [ -n "$serve_ms" ]; then
    echo "serve, ${corpora[0]} corpus: a one-article edit shows in $serve_ms ms (median of ${SERVE_RUNS:-5} edits; full build in the same session $serve_build_ms ms)."
fi

# met GOAL_OP VALUE LIMIT: "met" / "missed" / "not measured".
verdict() {
    [ -n "$2" ] || { echo "not measured"; return; }
    awk -v v="$2" -v l="$3" -v op="$1" 'BEGIN { ok = (op == "le") ? (v <= l) : (v >= l); print ok ? "met" : "missed" }'
}
echo
echo "Targets of issue 18 (the issue measures them at 10,000 articles on the shared corpus):"
echo
header="| target | goal |"; rule="|---|---:|"
for c in "${corpora[@]}"; do header="$header $c corpus | |"; rule="$rule---:|---|"; done
echo "$header"; echo "$rule"
row() { # row LABEL GOAL OP LIMIT then per corpus: VALUE SHOWN
    local label="$1" goal="$2" op="$3" limit="$4"; shift 4
    local line="| $label | $goal |"
    while [ $# -gt 0 ]; do
        local v="$1" shown="$2"; shift 2
        line="$line ${shown:-–} | $(verdict "$op" "$v" "$limit") |"
    done
    echo "$line"
}
args_build_hugo=(); args_build_zola=(); args_mem_zola=(); args_growth=(); args_check=(); args_serve=(); args_largest=(); args_article=()
for c in "${corpora[@]}"; do
    d="${wall[$c-dossier]:-}"
    r="$(ratio "$d" "${wall[$c-hugo]:-}")"; args_build_hugo+=("$r" "$r")
    r="$(ratio "$d" "${wall[$c-zola]:-}")"; args_build_zola+=("$r" "$r")
    r="$(ratio "${rss[$c-dossier]:-}" "${rss[$c-zola]:-}")"; args_mem_zola+=("$r" "$r")
    r=""; [ "$c" = shared ] && r="$(ratio "$big_rss" "${rss[$c-dossier]:-}")"; args_growth+=("$r" "$r")
    r="$(ratio "${wall[$c-check]:-}" "$d")"; args_check+=("$r" "$r")
    r=""
    if [ "$c" = "${corpora[0]}" ] && [ -n "$serve_ms" ]; then r="$(ratio "$serve_ms" "$(awk -v s="$d" 'BEGIN { print s * 1000 }')")"; fi
    args_serve+=("$r" "$r")
    if [ -f "$logs/$c-dossier.sizes" ]; then
        read -r _ _ _ _ _ max _ amed _ <"$logs/$c-dossier.sizes"
        args_largest+=("$max" "$(kib "$max")")
        if [ "$amed" -gt 0 ]; then args_article+=("$amed" "$(kib "$amed")"); else args_article+=("" ""); fi
    else
        args_largest+=("" ""); args_article+=("" "")
    fi
done
row "build time / Hugo's" "≤ 0.25" le 0.25 "${args_build_hugo[@]}"
row "build time / Zola's" "≤ 0.70" le 0.70 "${args_build_zola[@]}"
row "peak memory / Zola's" "≤ 1.00" le 1.00 "${args_mem_zola[@]}"
row "peak memory at $big / at $n articles" "≤ 3.00" le 3.00 "${args_growth[@]}"
row "check time / build time" "≤ 0.08" le 0.08 "${args_check[@]}"
row "serve edit visible / build time" "≤ 0.05" le 0.05 "${args_serve[@]}"
row "largest HTML page" "≤ 256 KiB" le 262144 "${args_largest[@]}"
row "median article page" "≤ 30 KiB" le 30720 "${args_article[@]}"
echo
echo "(The serve ratio divides by the median build of this table's runs; the"
echo "build that serve-latency.py times in its own session was ${serve_build_ms:-–} ms.)"
