#!/usr/bin/env bash
# Byte-identical outputs before and after a change that must not change them (issue 19).
#
#   scripts/same-outputs.sh save DIR     # run the current build on the examples and the
#                                          conformance set, keep the outputs in DIR
#   scripts/same-outputs.sh check DIR    # run again and `cmp` every file with DIR's
set -euo pipefail
cd "$(dirname "$0")/.."
mode=$1 dir=$2
bin=target/release/rasoat
export SOURCE_DATE_EPOCH=1700000000
conf=../shared/conformance
out=$dir
[ "$mode" = check ] && out=$(mktemp -d)
rm -rf "$out/ex" "$out/conf"
"$bin" run examples/submissions --out "$out/ex" --quiet || true
if [ -d "$conf" ]; then
  "$bin" run "$conf/submissions" --catalog "$conf/catalog" --as-of 2025 --out "$out/conf" --quiet || true
fi
if [ "$mode" = check ]; then
  bad=0
  for f in $(cd "$dir" && find . -type f | sort); do
    if ! cmp -s "$dir/$f" "$out/$f"; then echo "differs: $f"; bad=1; fi
  done
  [ $bad = 0 ] && echo "all outputs byte-identical"
  rm -rf "$out"
  exit $bad
fi
