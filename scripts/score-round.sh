#!/usr/bin/env bash
# Scores a folder of hand-annotated texts with the shared scorer, as eval_test.py does for the dev set.
#   scripts/score-round.sh DIR [--show]          DIR holds texts/NAME.txt and gold/NAME.json
#   DYAD=path/to/dyad DYAD_DATA=path/to/data scripts/score-round.sh DIR   (another build, or an older data/)
# Used for blind rounds (docs/testing.md#blind-rounds): score a new round once, before any rule looks at it,
# with this build and with the commit the round is compared against.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { sed -n '2,6p' "$0" >&2; exit 2; }
dir=$1; shift
dyad=${DYAD:-$here/build/dyad}
score=${SCORE:-$here/../shared/eval/score.py}
[ -x "$dyad" ] || { echo "score-round: no dyad at $dyad (build first, or set DYAD)" >&2; exit 1; }
[ -f "$score" ] || { echo "score-round: no scorer at $score (set SCORE)" >&2; exit 1; }
compgen -G "$dir/gold/*.json" >/dev/null || { echo "score-round: no $dir/gold/*.json" >&2; exit 1; }
data=()
[ -n "${DYAD_DATA:-}" ] && data=(--data "$DYAD_DATA")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pairs=()
for gold in "$dir"/gold/*.json; do
  name=$(basename "$gold" .json)
  text="$dir/texts/$name.txt"
  [ -f "$text" ] || { echo "score-round: $gold has no $text" >&2; exit 1; }
  "$dyad" -q "${data[@]}" extract "$text" --db "$work/$name.db"
  "$dyad" -q "${data[@]}" export --db "$work/$name.db" -o "$work/$name.jsonld"
  pairs+=("$gold" "$work/$name.jsonld")
done
/usr/bin/python3 "$score" "${pairs[@]}" "$@"
