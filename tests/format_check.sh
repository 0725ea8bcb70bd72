#!/usr/bin/env bash
# One style (.clang-format): every tracked C++ file must be as clang-format writes it.
#   tests/format_check.sh SOURCE_DIR      (CTest: format_check, label style)
# Fix a failure with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "format_check: clang-format is not installed" >&2; exit 1; }
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "format_check: not a git work tree; skipped" >&2
  exit 77
fi
git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run --Werror
