#!/usr/bin/env bash
# Throughput and memory of dyad on a generated corpus, plus the Google Benchmark micro-benchmarks.
#   scripts/bench.sh [MEGABYTES ...]      default: 200
# The corpus is made from the bundled samples (our own writing): paragraphs shuffled into ~10 KB
# documents, each made unique, so nothing is skipped as already stored. Reports MB/s and peak RSS
# (/usr/bin/time -v) for extract into SQLite with 1 thread and with every core.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-200}")
jobs=$(nproc 2>/dev/null || echo 2)
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DDYAD_BUILD_TESTS=ON -DDYAD_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build-bench -j"$jobs" --target dyad dyad_bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== micro-benchmarks (tests/bench/bench_pipeline.cpp)"
build-bench/tests/dyad_bench --benchmark_min_time=1 2>/dev/null | grep -E "^BM_|^-|Benchmark"
for mb in "${sizes[@]}"; do
  corpus="$work/corpus-$mb"
  python3 scripts/make_corpus.py "$corpus" "$mb"
  bytes=$(du -sb "$corpus" | cut -f1)
  # The extraction stage alone (read, decode, extract; nothing written: --dry-run), then with the
  # N-Quads written for a cluster (--emit nq, to /dev/null): one thread, then every core.
  for mode in dry-run emit; do
    for threads in 1 0; do
      args=(--dry-run); [ "$mode" = emit ] && args=(--emit nq)
      /usr/bin/time -v build-bench/dyad -q extract "$corpus" "${args[@]}" -j "$threads" >/dev/null 2>"$work/time.txt"
      secs=$(awk -F': ' '/Elapsed/ {n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; print s}' "$work/time.txt")
      rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")
      label=$([ "$threads" = 0 ] && echo "all cores" || echo "1 thread")
      what=$([ "$mode" = emit ] && echo "N-Quads to /dev/null (--emit nq)" || echo "extraction alone (--dry-run)")
      awk -v b="$bytes" -v s="$secs" -v r="$rss" -v mb="$mb" -v w="$what" -v l="$label" \
        'BEGIN {printf "extract %s MB, %s, %s: %.1f s, %.2f MB/s, peak RSS %.0f MB\n", mb, w, l, s, b / 1e6 / s, r / 1024}'
    done
  done
  for threads in 1 0; do
    rm -f "$work/bench.db"*
    /usr/bin/time -v build-bench/dyad -q extract "$corpus" --db "$work/bench.db" -j "$threads" 2>"$work/time.txt"
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34"
    secs=$(awk -F': ' '/Elapsed/ {n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")
    label=$([ "$threads" = 0 ] && echo "all cores" || echo "1 thread")
    awk -v b="$bytes" -v s="$secs" -v r="$rss" -v l="$label" -v mb="$mb" \
      'BEGIN {printf "extract %s MB into SQLite, %s: %.1f s, %.2f MB/s, peak RSS %.0f MB\n", mb, l, s, b / 1e6 / s, r / 1024}'
  done
  rm -rf "$corpus"
done
