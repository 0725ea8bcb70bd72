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
  python3 - "$corpus" "$mb" <<'PY'
import os, random, sys
from pathlib import Path
out, megabytes = Path(sys.argv[1]), int(sys.argv[2])
random.seed(7)
paras = [p for f in sorted(Path("data/samples").glob("*.txt")) for p in f.read_text().split("\n") if p.strip()]
total, i = 0, 0
while total < megabytes * 1_000_000:
    folder = out / ("%04d" % (i // 1000))
    folder.mkdir(parents=True, exist_ok=True)
    random.shuffle(paras)
    body = "\n\n".join(paras[:25]) + "\n\nDocument %d.\n" % i
    (folder / ("doc%07d.txt" % i)).write_text(body)
    total += len(body.encode()); i += 1
print("corpus: %d documents, %.1f MB" % (i, total / 1e6))
PY
  bytes=$(du -sb "$corpus" | cut -f1)
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
