#!/usr/bin/env bash
# Fuzzes the page pipeline (front matter and Markdown through parse, resolve and render) with
# libFuzzer for SECONDS seconds (default 60), seeded with the site's own content.
#
#   Fuzz/run.sh [SECONDS] [more libFuzzer options]
#
# The fuzz target is Sources/BamasoFuzz; it is built here, apart from the normal build, with
# libFuzzer and AddressSanitizer and `-DFUZZING` into .build-fuzz/ (libFuzzer then provides
# `main`). The corpus grows in .build-fuzz/work/corpus between runs; an input that
# crashes, hangs, leaks or makes an output that breaks a rule (OutputCheck.swift) is saved in
# .build-fuzz/work/crashes/ and replayed with `swift run BamasoFuzz FILE`. Exit status is
# libFuzzer's: 0 when nothing was found.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
# `--sanitize=fuzzer` tells SwiftPM that libFuzzer provides `main`. The sanitizers go to swiftc
# as one flag: given `-sanitize=fuzzer -sanitize=address`, swiftc 6.3 keeps only one of them,
# and SwiftPM's order of the two varies, so a build could silently lose all its coverage.
# Release mode: a run is several times faster, and overflow checks and preconditions stay on.
flags=(--scratch-path .build-fuzz -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
       -Xcc -fsanitize=address -Xswiftc -DFUZZING)
swift build --product BamasoFuzz "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/BamasoFuzz"

work=.build-fuzz/work
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$work/corpus" "$work/crashes"

# A seed is one byte choosing where the file goes (FuzzProject.places), then the file itself.
choice() {
    case "$1" in
        content/_index.rw.md) echo 0 ;;
        content/_index.en.md) echo 1 ;;
        content/*/_index.*) echo 2 ;;
        content/risks/*.rw.md) echo 3 ;;
        content/risks/*.en.md) echo 4 ;;
        content/schools/*.en.md) echo 5 ;;
        content/schools/*.rw.md) echo 6 ;;
        content/radio/*) echo 7 ;;
        content/contact/*) echo 8 ;;
        content/contacts.yml) echo 11 ;;
        *) echo 9 ;;
    esac
}
n=0
while IFS= read -r file; do
    n=$((n + 1))
    { printf "\\$(printf '%03o' "$(choice "$file")")"; cat "$file"; } > "$seeds/seed-$n"
done < <(find content -name '*.md' -o -name contacts.yml | sort)
echo "== $n seeds from content/; fuzzing for $seconds s"

# Shorter allocation stack traces make AddressSanitizer much faster; leaks are still found.
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=5}"
# A build without coverage would fuzz blindly and find nothing: check that the Swift code is
# instrumented (tens of thousands of counters, not only the C code's few thousand).
counters=$("$binary" -runs=0 "$seeds/seed-1" 2>&1 | sed -n 's/.*(\([0-9]*\) inline 8-bit counters).*/\1/p')
if [ "${counters:-0}" -lt 20000 ]; then
    echo "the fuzz target has only ${counters:-no} coverage counters: the Swift code is not instrumented"
    exit 1
fi
"$binary" "$work/corpus" "$seeds" \
    -dict=Fuzz/bamaso.dict \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$work/crashes/" -print_final_stats=1 "$@"
