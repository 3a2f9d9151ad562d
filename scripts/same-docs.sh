#!/usr/bin/env bash
# Byte-identical documents of two builds (a refactor must not change them): `run`, `plan`,
# `diff -o` and `proposal` on the bundled examples, with each binary.
#
#   scripts/same-docs.sh OLD_BINARY [NEW_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=${2:-target/release/rasoat}
export SOURCE_DATE_EPOCH=1700000000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for side in old new; do
  # Both sides write into the same folder: the diff workbook names its input files.
  bin=${!side} o=$tmp/work
  "$bin" run examples/submissions --out "$o/run" --quiet || true
  "$bin" plan "$o/run/needs.json" --budget 2000000000 --years 2026-2028 --out "$o/plan" --quiet >/dev/null || true
  "$bin" run examples/submissions --as-of 2030 --out "$o/run2030" --quiet || true
  "$bin" diff "$o/run/needs.json" "$o/run2030/needs.json" -o "$o/diff.xlsx" --format json >"$o/diff.json" || true
  "$bin" proposal examples/submissions --out "$o/proposal" --quiet >/dev/null || true
  mv "$o" "$tmp/$side"
done
bad=0
for f in $(cd "$tmp/old" && find . -type f | sort); do
  if ! cmp -s "$tmp/old/$f" "$tmp/new/$f"; then echo "differs: $f"; bad=1; fi
done
n=$(cd "$tmp/old" && find . -type f | wc -l)
[ $bad = 0 ] && echo "all $n documents byte-identical"
exit $bad
