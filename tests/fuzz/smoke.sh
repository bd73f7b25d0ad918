#!/usr/bin/env bash
# Runs every fuzz target of BUILD_DIR (configured with -Dfuzz=true) for
# SECONDS on its seed corpus, two at a time; fails when any of them finds a
# crash, hang, leak or sanitizer report. New inputs go to a scratch corpus
# in BUILD_DIR/fuzz-work, never into the seeds.
#
#   tests/fuzz/smoke.sh BUILD_DIR [SECONDS]     # CI: 30 s each
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "$1" && pwd)
seconds=${2:-30}
fuzz=$build/tests/fuzz
work=$build/fuzz-work
rm -rf "$work" && mkdir -p "$work"
python3 "$root/tests/fuzz/make_corpus.py" --root "$root" --out "$work/seeds" --wat-to-wasm "$fuzz/wat-to-wasm" \
  --plumb "$build/cli/plumb"

run() {
  local target=$1 dict=()
  case $target in
    parse | resolve) dict=(-dict="$root/tests/fuzz/wit.dict") ;;
    wat) dict=(-dict="$root/tests/fuzz/wat.dict") ;;
  esac
  mkdir -p "$work/$target/new" "$work/$target/artifacts"
  if "$fuzz/$target-fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    "${dict[@]}" -artifact_prefix="$work/$target/artifacts/" "$work/$target/new" "$work/seeds/$target" \
    >"$work/$target/log" 2>&1; then
    echo "fuzz $target: $(grep -o 'Done [0-9]* runs' "$work/$target/log" || echo done) in ${seconds}s"
  else
    echo "fuzz $target: FAILED (log: $work/$target/log, input: $(ls "$work/$target/artifacts"))" >&2
    tail -n 40 "$work/$target/log" >&2
    return 1
  fi
}

status=0
run parse & p1=$!
run resolve & p2=$!
wait $p1 || status=1
wait $p2 || status=1
run decode & p1=$!
run wat & p2=$!
wait $p1 || status=1
wait $p2 || status=1
exit $status
