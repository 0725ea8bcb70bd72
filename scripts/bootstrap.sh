#!/usr/bin/env bash
# The README's two commands.
#   scripts/bootstrap.sh          install what is missing, build, run the main job on data/samples/
#   scripts/bootstrap.sh --test   install what is missing, build, run every test (also under ASan/UBSan),
#                                 then fuzz each libFuzzer target for a short while (when clang is there)
# Works on a fresh Debian 12 (bookworm) machine; installs with apt-get (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
case "$mode" in run|--test) ;; -h|--help) sed -n '2,5p' "$0"; exit 0 ;; *) echo "usage: $0 [--test]" >&2; exit 2 ;; esac

# What the tool needs to build and run; the tests add real peers (rdflib, jsonld.js, Chromium, sqlite3)
# and clang for the fuzzers.
packages=(build-essential cmake pkg-config git
          libboost-graph-dev rapidjson-dev libsqlitecpp-dev libsqlite3-dev libgraphviz-dev graphviz
          libcli11-dev libutf8proc-dev libxxhash-dev libmimalloc-dev)
test_packages=(libgtest-dev libgmock-dev libbenchmark-dev clang-format sqlite3 time python3 python3-rdflib
               python3-networkx chromium clang libclang-rt-14-dev python3-distributed parallel)
[ "$mode" = --test ] && packages+=("${test_packages[@]}")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (NodeSource's nodejs bundles npm and conflicts with
# Debian's npm package), so the commands decide, not the package names.
if [ "$mode" = --test ] && { ! command -v node >/dev/null || ! command -v npm >/dev/null; }; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "dyad: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  apt_log=$(mktemp)
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
           $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1; then
    tail -30 "$apt_log" >&2
    echo "dyad: apt-get could not install: ${missing[*]} (its output is above); install them by hand and run again" >&2
    exit 1
  fi
  rm -f "$apt_log"
fi

jobs=$(nproc 2>/dev/null || echo 2)
configure() {  # dir, extra cmake args...
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYAD_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

if [ "$mode" = run ]; then
  echo "== building"
  configure build -DDYAD_BUILD_TESTS=OFF
  mkdir -p out
  rm -f out/samples.db out/samples.db-wal out/samples.db-shm
  echo "== extracting data/samples/ into out/samples.db"
  build/dyad extract data/samples --db out/samples.db
  build/dyad stats --db out/samples.db
  build/dyad export --db out/samples.db --format jsonld -o out/graph.jsonld
  build/dyad export --db out/samples.db --format dot -o out/graph.dot
  build/dyad render --db out/samples.db -o out/graph.svg
  echo "== done: out/samples.db, out/graph.jsonld, out/graph.dot, out/graph.svg"
  exit 0
fi

if [ ! -d tests/interop/node_modules ]; then
  echo "== installing jsonld.js for the interop tests (tests/interop/package-lock.json)"
  if ! npm ci --prefix tests/interop --no-audit --no-fund; then
    echo "dyad: npm could not install tests/interop from the npm registry. Behind a proxy that" \
         "re-signs TLS, point npm at its CA (npm config set cafile /path/ca.crt, or" \
         "NODE_EXTRA_CA_CERTS=/path/ca.crt) and run again." >&2
    exit 1
  fi
fi
echo "== building and testing (warnings are errors)"
configure build -DDYAD_BUILD_TESTS=ON
(cd build && ctest --output-on-failure -j"$jobs")
echo "== building and testing under AddressSanitizer and UndefinedBehaviorSanitizer"
configure build-asan -DDYAD_BUILD_TESTS=ON -DDYAD_SANITIZE=address,undefined
suppressions="$(pwd)/tests/lsan.supp"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
   LSAN_OPTIONS="suppressions=$suppressions:print_suppressions=0" ctest --output-on-failure -j"$jobs" -LE slow)

# A short fuzz run of every target (docs/reliability.md#fuzzing); the long runs are done by hand.
# New inputs go to a scratch copy; a crash fails the run and leaves its input in build-fuzz/crashes/.
if command -v clang++ >/dev/null && compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  echo "== fuzzing each target for ${DYAD_FUZZ_SECONDS:-20}s (libFuzzer, ASan/UBSan)"
  mkdir -p build-fuzz/crashes
  targets=$(sed -n 's/^set(DYAD_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
  # shellcheck disable=SC2086
  if ! { CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYAD_BUILD_TESTS=OFF \
           -DDYAD_BUILD_FUZZERS=ON -DDYAD_SANITIZE=address,undefined -DDYAD_WERROR=OFF &&
         cmake --build build-fuzz -j"$jobs" --target $targets; } >build-fuzz/build.log 2>&1; then
    grep -E -B2 -A8 "error|Error" build-fuzz/build.log | head -60 >&2 || tail -40 build-fuzz/build.log >&2
    echo "dyad: the fuzz targets did not build with clang (log: build-fuzz/build.log)" >&2
    exit 1
  fi
  for t in $targets; do
    rm -rf "build-fuzz/scratch-$t" && mkdir -p "build-fuzz/scratch-$t"
    dict=()
    [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
    "build-fuzz/tests/fuzz/$t" -max_total_time="${DYAD_FUZZ_SECONDS:-20}" -timeout=20 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$t-" "${dict[@]}" \
      "build-fuzz/scratch-$t" "tests/fuzz/corpus/$t" 2>"build-fuzz/$t.log" \
      || { tail -40 "build-fuzz/$t.log"; echo "dyad: fuzz target $t crashed; the input is in build-fuzz/crashes/" >&2; exit 1; }
    # A summary line only; its absence (libFuzzer's wording varies) must not fail the run.
    grep -E "^Done [0-9]+ runs|^stat::(new_units_added|peak_rss_mb)" "build-fuzz/$t.log" | sed "s/^/   $t: /" || true
  done
else
  echo "== no clang with libFuzzer here: fuzzing skipped"
fi
