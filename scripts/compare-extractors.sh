#!/usr/bin/env bash
# dyad beside other English entity extractors (the npm packages wink-nlp and compromise) on one
# generated corpus, one after the other on one core each, in MB/s.
#   scripts/compare-extractors.sh [MEGABYTES]      default: 20
# Needs Node.js and npm (installs tests/bench/compare/ from its lock file) and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-20}
command -v node >/dev/null || { echo "compare: needs Node.js and npm" >&2; exit 1; }
[ -d tests/bench/compare/node_modules ] || npm ci --prefix tests/bench/compare --no-audit --no-fund >/dev/null
# The same configuration as scripts/bench.sh, so that neither script rebuilds the other's tree.
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DDYAD_BUILD_TESTS=ON -DDYAD_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build-bench -j"$(nproc)" --target dyad >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
python3 scripts/make_corpus.py "$work/corpus" "$mb"
bytes=$(find "$work/corpus" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
start=$EPOCHREALTIME
build-bench/dyad -q extract "$work/corpus" --db "$work/bench.db" -j 1
end=$EPOCHREALTIME
awk -v b="$bytes" -v s="$(awk -v a="$start" -v z="$end" 'BEGIN {print z - a}')" \
  'BEGIN {printf "dyad: %.1f MB in %.1f s: %.2f MB/s (entities and relations, into SQLite, 1 thread)\n", b / 1e6, s, b / 1e6 / s}'
# The extraction alone: nothing written.
start=$EPOCHREALTIME
build-bench/dyad -q extract "$work/corpus" --dry-run -j 1
end=$EPOCHREALTIME
awk -v b="$bytes" -v s="$(awk -v a="$start" -v z="$end" 'BEGIN {print z - a}')" \
  'BEGIN {printf "dyad: %.1f MB in %.1f s: %.2f MB/s (entities and relations, --dry-run: nothing written, 1 thread)\n", b / 1e6, s, b / 1e6 / s}'
# The same extraction without a database: each document's graph as N-Quads, thrown away.
start=$EPOCHREALTIME
build-bench/dyad -q extract "$work/corpus" --emit nq -j 1 >/dev/null
end=$EPOCHREALTIME
awk -v b="$bytes" -v s="$(awk -v a="$start" -v z="$end" 'BEGIN {print z - a}')" \
  'BEGIN {printf "dyad: %.1f MB in %.1f s: %.2f MB/s (entities and relations, --emit nq, no database, 1 thread)\n", b / 1e6, s, b / 1e6 / s}'
node tests/bench/compare/compare.mjs wink "$work/corpus"
node tests/bench/compare/compare.mjs compromise "$work/corpus"
