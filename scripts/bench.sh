#!/usr/bin/env bash
# Benchmark rasoat against its I/O floor. Prints, for each corpus size, the best of 3 wall times
# of the read floor (bare calamine reading every input cell, issue 7), of the write floor (bare
# rust_xlsxwriter writing every cell of the run's outputs, and their other bytes), of `rasoat
# run`; run's ratio to the I/O floor (read + write) and to the read floor alone; rasoat's peak
# RSS; and the single-file `rasoat check` time. Needs GNU time (/usr/bin/time).
#
#   scripts/bench.sh [SIZES...]        default: 1300 25000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1300 25000}")
[ $# -eq 0 ] && sizes=(1300 25000)
cargo build --release --quiet --bin rasoat --example bench_corpus --example calamine_floor --example write_floor
bin=target/release/rasoat
# awk, not head: head may close the pipe while sort still writes, and under pipefail the
# SIGPIPE stops the script.
best() { sort -g | awk 'NR == 1'; }
for n in "${sizes[@]}"; do
  dir="target/bench/corpus-$n"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    target/release/examples/bench_corpus "$dir" "$n" 2025 >/dev/null
    touch "$dir/.done"
  fi
  cat $(find "$dir" -name '*.xlsx') > /dev/null   # page cache, as the anchors were measured
  floor=$(for i in 1 2 3; do target/release/examples/calamine_floor "$dir" 2 | awk '{print $NF}'; done | best)
  runs=""; peak=0
  for i in 1 2 3; do
    rm -rf target/bench/out
    /usr/bin/time -f "%e %M" -o target/bench/time.txt "$bin" run "$dir" --out target/bench/out --quiet --jobs 2 || true
    read -r secs kib < target/bench/time.txt
    runs="$runs$secs"$'\n'
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  run=$(printf '%s' "$runs" | best)
  # The write floor: the last run's outputs, written again bare.
  write=$(for i in 1 2 3; do target/release/examples/write_floor target/bench/out 2 | awk '{print $NF}'; done | best)
  io=$(awk -v a="$floor" -v b="$write" 'BEGIN { printf "%.3f", a + b }')
  ratio=$(awk -v a="$run" -v b="$io" 'BEGIN { printf "%.2f", a / b }')
  ratio_read=$(awk -v a="$run" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
  printf 'files %6d  read floor %5.2f s  write floor %5.2f s  I/O floor %5.2f s  rasoat run %5.2f s  ratio %s (to the read floor %s)  peak %d MiB\n' \
    "$n" "$floor" "$write" "$io" "$run" "$ratio" "$ratio_read" $((peak / 1024))
done
one=$(find target/bench/corpus-"${sizes[0]}" -name '*.xlsx' | sort | awk 'NR == 1')
best_ms=""
for i in $(seq 1 20); do
  t0=$EPOCHREALTIME; "$bin" check "$one" --quiet >/dev/null || true; t1=$EPOCHREALTIME
  ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
  if [ -z "$best_ms" ] || awk -v a="$ms" -v b="$best_ms" 'BEGIN { exit !(a < b) }'; then best_ms=$ms; fi
done
printf 'single-file check: %s ms (best of 20, start-up included)\n' "$best_ms"
echo "phases of one run over ${sizes[-1]} files:"
RASOAT_TIMINGS=1 "$bin" run "target/bench/corpus-${sizes[-1]}" --out target/bench/out --quiet --jobs 2 2>&1 | sed 's/^/  /' || true
