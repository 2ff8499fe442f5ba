#!/usr/bin/env bash
# Proves a change that should not change behaviour did not: builds the
# example, every fixture under tests/fixtures (broken ones: `check`'s
# messages and exit code) and, when present, the benchmark investigation
# bench/out/10000/dossier, with a given binary, into one snapshot folder.
# Two snapshots are then compared byte for byte with `diff -r`.
#
#   bench/same-output.sh snap BIN DIR     # write a snapshot of BIN's outputs to DIR
#   bench/same-output.sh diff DIR_A DIR_B # compare two snapshots (exit 1 if they differ)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

snap() {
    local bin dir
    bin="$(realpath "$1")"; dir="$2"
    rm -rf "$dir"; mkdir -p "$dir"
    dir="$(realpath "$dir")"
    local work; work="$(mktemp -d)"
    # site ROOT NAME: build it (or check it when broken), keep output and messages.
    site() {
        local root="$1" name="$2" out="$work/$2.public"
        local rc=0
        (cd "$root" && "$bin" build --out "$out" >"$dir/$name.build.stdout" 2>"$dir/$name.build.stderr") || rc=$?
        echo "$rc" >"$dir/$name.build.rc"
        rc=0
        (cd "$root" && "$bin" check >"$dir/$name.check.stdout" 2>"$dir/$name.check.stderr") || rc=$?
        echo "$rc" >"$dir/$name.check.rc"
        # Timings and paths of the temporary folder are not behaviour.
        sed -i -e "s#$work#OUT#g" -e 's/ in [0-9.]* *m\?s//' "$dir/$name".*.std* 2>/dev/null || true
        if [ -d "$out" ]; then mv "$out" "$dir/$name.public"; fi
    }
    site "$repo" example
    for f in "$repo"/tests/fixtures/*/ "$repo"/tests/fixtures/bad/*/; do
        [ -d "$f/content" ] || [ -d "$f/templates" ] || [ -d "$f/themes" ] || continue
        local name; name="$(basename "$f")"
        case "$f" in */bad/*) name="bad-$name" ;; esac
        local copy="$work/src-$name"
        # Every fixture but base is an overlay on base (tests/it/common.rs).
        mkdir -p "$copy"
        cp -r "$repo/tests/fixtures/base/." "$copy/"
        cp -r "$f/." "$copy/"
        site "$copy" "$name"
    done
    if [ -d "$repo/bench/out/10000/dossier" ]; then
        site "$repo/bench/out/10000/dossier" bench10000
    fi
    rm -rf "$work"
}

case "${1:-}" in
    snap) snap "$2" "$3" ;;
    diff) diff -r -q "$2" "$3" && echo "same output: $(find "$2" -type f | wc -l) files" ;;
    *) echo "usage: $0 snap BIN DIR | diff A B" >&2; exit 2 ;;
esac
