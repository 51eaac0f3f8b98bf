#!/bin/sh
# Benchmarks/profile.sh [N]: a callgrind profile of one full build of the N-page corpus
# (default 1000 pages per language), written to Benchmarks/profile-N.txt.
#
# It copies the working tree (or the tree in $SRC) to $WORK/src (default /tmp/bamaso-profile),
# adds the target `bamaso-profile` (Benchmarks/profile/main.swift: Site.build called from
# synchronous code, since Debian's valgrind 3.19 crashes in the thread pool of Swift concurrency
# that the `bamaso` command starts) to that copy's Package.swift, builds it in release mode,
# strips its DWARF 5 debug information (which valgrind 3.19 cannot read; the symbol table stays,
# so functions keep their names), and runs it under callgrind. Needs valgrind (apt-get install
# valgrind). Takes 10 to 20 minutes for N = 1000 on 2 cores, after a release build.
set -eu

N=${1:-1000}
WORK=${WORK:-/tmp/bamaso-profile}
REPO=$(cd "$(dirname "$0")/.." && pwd)
# The source tree to profile: this checkout's working tree unless SRC names another one.
SRC=${SRC:-$REPO}
OUT=${OUT:-$REPO/Benchmarks/profile-$N.txt}

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
rm -rf "$WORK/src" && mkdir -p "$WORK/src"
# The working tree as it is, without build folders, output or git.
(cd "$SRC" && tar --exclude='./.build*' --exclude=./public --exclude=./.git --exclude='./.public*' -cf - .) \
    | (cd "$WORK/src" && tar -xf -)
mkdir -p "$WORK/src/Sources/bamaso-profile"
cp "$REPO/Benchmarks/profile/main.swift" "$WORK/src/Sources/bamaso-profile/main.swift"
grep -q '"bamaso-profile"' "$WORK/src/Package.swift" || cat >> "$WORK/src/Package.swift" <<'EOF'

// Added by Benchmarks/profile.sh in its copy of the package.
package.targets.append(.executableTarget(name: "bamaso-profile", dependencies: ["BamasoSite"], path: "Sources/bamaso-profile"))
EOF
(cd "$WORK/src" && swift build -c release --scratch-path "$WORK/build" --product bamaso-profile >&2)
objcopy --strip-debug "$WORK/build/release/bamaso-profile" "$WORK/bamaso-profile"

if [ ! -f "$WORK/corpus-$N/STAMP" ]; then
    python3 "$REPO/Benchmarks/generate_corpus.py" "$N" "$WORK/corpus-$N" >&2
    echo "$N" > "$WORK/corpus-$N/STAMP"
fi
rm -rf "$WORK/corpus-$N/bamaso/templates" && cp -R "$SRC/templates" "$WORK/corpus-$N/bamaso/templates"
rm -rf "$WORK/out" "$WORK"/.out.*
valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" \
    "$WORK/bamaso-profile" "$WORK/corpus-$N/bamaso" "$WORK/out" > "$WORK/run.txt" 2> "$WORK/valgrind.txt"
rm -rf "$WORK/out"

annotate() {
    # One function a line, its cost first; Swift symbols demangled, library paths shortened.
    callgrind_annotate --inclusive="$1" --auto=no --threshold=100 "$WORK/callgrind.out" 2>/dev/null \
        | swift demangle --simplified \
        | awk '/^-+$/ { dash++; next } dash == 5 && NF == 0 { exit } dash >= 5' \
        | sed -E 's/\?\?\?://; s#\[[^]]*/([^/]+)\]$#[\1]#' | cut -c1-200
}
{
    echo "# callgrind profile of one full bamaso build of the $N-page corpus"
    echo "# made by: Benchmarks/profile.sh $N ($(date -u +%Y-%m-%d), commit $(git -C "$REPO" rev-parse --short HEAD))"
    echo "# Instruction counts (Ir): repeatable, unlike time. Stage wall times of the run under valgrind:"
    sed 's/^/#   /' "$WORK/run.txt"
    echo
    echo "## Top 30 functions by inclusive cost (the function and everything it calls)"
    annotate yes | head -31
    echo
    echo "## Top 30 functions by self cost (the function's own instructions)"
    annotate no | head -31
} > "$OUT"
echo "wrote $OUT (callgrind data: $WORK/callgrind.out)" >&2
