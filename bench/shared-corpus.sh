# Sourced by bench/table.sh and bench/errors.sh: where the generator of the
# shared corpus is (SHARED_GEN, else ../shared/bench beside the repository,
# else /work/shared/bench), and `shared_corpus DIR COUNT`, the shared corpus
# of COUNT articles in DIR, generated again only when the generator changed.
# Needs `repo`, the repository's folder.

shared_gen="${SHARED_GEN:-}"
if [ -z "$shared_gen" ]; then
    for d in "$repo/../shared/bench" /work/shared/bench; do
        [ -f "$d/gencorpus_zola.py" ] && { shared_gen="$(cd "$d" && pwd)"; break; }
    done
fi

# shared_corpus DIR COUNT: the shared corpus of COUNT articles in DIR.
shared_corpus() {
    [ -n "$shared_gen" ] || { echo "no gencorpus_zola.py found (set SHARED_GEN)" >&2; exit 1; }
    local stamp
    stamp="$(cat "$shared_gen"/gencorpus*.py | md5sum | cut -d' ' -f1)"
    if [ "$(cat "$1/.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "generating the shared corpus, $2 articles…" >&2
        rm -rf "$1"
        python3 "$shared_gen/gencorpus_zola.py" "$1" "$2" >&2
        echo "$stamp" >"$1/.stamp"
    fi
}
