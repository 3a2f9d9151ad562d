#!/usr/bin/env bash
# Benchmark `rasoat plan` (issue 18): the national needs.json (25,000 units) phased over 5 years.
# Prints the best of 3 wall times with the CPU time (user + sys) and peak RSS of that run, then
# the phases of one run. Needs GNU time (/usr/bin/time).
#
#   scripts/bench-plan.sh [UNITS] [BUDGET]     default: 25000 2.000.000.000.000
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-25000}
budget=${2:-2.000.000.000.000}
cargo build --release --quiet --bin rasoat --example bench_corpus
bin=target/release/rasoat
dir="target/bench/corpus-$n"
needs="target/bench/needs-$n"
# The needs.json of `rasoat run` over the benchmark corpus (the corpus of scripts/bench.sh).
if [ ! -f "$needs/needs.json" ]; then
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    target/release/examples/bench_corpus "$dir" "$n" 2025 >/dev/null
    touch "$dir/.done"
  fi
  "$bin" run "$dir" --out "$needs" --quiet --jobs 2 || true
fi
cat "$needs/needs.json" > /dev/null   # page cache
best=""
for i in 1 2 3; do
  rm -rf target/bench/plan
  /usr/bin/time -f "%e %U %S %M" -o target/bench/plan-time.txt \
    "$bin" plan "$needs/needs.json" --budget "$budget" --years 2026-2030 --out target/bench/plan --quiet
  read -r secs user sys kib < target/bench/plan-time.txt
  if [ -z "$best" ] || awk -v a="$secs" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
    best="$secs $user $sys $kib"
  fi
done
read -r secs user sys kib <<< "$best"
printf 'plan %d units, 5 years, budget %s: %.2f s wall, %.2f s CPU (user %.2f + sys %.2f), peak %d MiB\n' \
  "$n" "$budget" "$secs" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$user" "$sys" $((kib / 1024))
echo "phases of one run:"
rm -rf target/bench/plan
RASOAT_TIMINGS=1 "$bin" plan "$needs/needs.json" --budget "$budget" --years 2026-2030 \
  --out target/bench/plan --quiet 2>&1 | sed 's/^/  /'
