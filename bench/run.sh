#!/usr/bin/env bash
# Prints plumb's benchmark figures:
#   * lex+parse throughput (MB/s), AST size and peak memory on ../shared/corpus
#     and on a generated 12 MB WIT package (bench/gen_wit.py);
#   * parse+resolve in process (what `plumb check` does, files read
#     included) on WASI 0.2 and on the 10.6 MB package that
#     ../shared/tools/gen-synthetic-wit writes (20000 interfaces);
#   * snapshots, in process: encode, decode and print of WASI 0.2 and of the
#     synthetic package (throughput, peak memory);
#   * Warg: records verified per second, publish -> published latency,
#     fetch-logs requests per second, a cached `plumb pull`;
#   * the median wall time of `plumb check`, `plumb build` and `plumb print`
#     on ../shared/corpus/wasi-0.2/wit and the synthetic package, with an
#     empty process for scale.
#
#   bench/run.sh [BUILD_DIR]        (default: build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
shared=$root/../shared
data=$build/bench-data
mkdir -p "$data"

ninja -C "$build" cli/plumb cli/plumb-registry bench/parse-bench bench/resolve-bench bench/snapshot-bench bench/check-timer \
  bench/warg-bench >/dev/null

[[ -f $data/gen/gen.wit ]] || python3 "$root/bench/gen_wit.py" "$data/gen" 12 >/dev/null

echo "== lex + parse (in process; median of repeated runs)"
inputs=("$data/gen")
if [[ -d $shared/corpus ]]; then inputs=("$shared/corpus" "$shared/corpus/wasi-0.2/wit" "${inputs[@]}"); fi
"$build/bench/parse-bench" --repeat 15 "${inputs[@]}"

echo
echo "== parse + resolve (in process; median of repeated runs)"
if [[ -d $shared/corpus ]]; then
  [[ -f $data/synthetic/big.wit ]] || "$shared/tools/gen-synthetic-wit" "$data/synthetic" 20000 10 >/dev/null
  # WASI 0.2 takes a millisecond: many runs give a median that holds still.
  "$build/bench/resolve-bench" --repeat 300 "$shared/corpus/wasi-0.2/wit"
  "$build/bench/resolve-bench" --repeat 300 --check "$shared/corpus/wasi-0.2/wit"
  "$build/bench/resolve-bench" --repeat 15 "$data/synthetic"
else
  echo "(../shared absent: skipping)"
fi

echo
echo "== snapshots: encode, decode, print (in process; median of repeated runs)"
if [[ -d $shared/corpus ]]; then
  "$build/bench/snapshot-bench" --repeat 300 "$shared/corpus/wasi-0.2/wit"
  "$build/bench/snapshot-bench" --repeat 10 "$data/synthetic"
else
  echo "(../shared absent: skipping)"
fi

echo
echo "== whole process"
if [[ -d $shared/corpus/wasi-0.2/wit ]]; then
  printf '%-48s' "plumb check -q corpus/wasi-0.2/wit:"
  "$build/bench/check-timer" 300 "$build/cli/plumb" check -q "$shared/corpus/wasi-0.2/wit"
  printf '%-48s' "plumb build corpus/wasi-0.2/wit:"
  "$build/bench/check-timer" 300 "$build/cli/plumb" build -q "$shared/corpus/wasi-0.2/wit" -o "$data/wasi.wasm"
  # To stdout, as the reference (`wasm-tools component wit DIR`) was timed;
  # then to a file, which replacing costs a filesystem's rename.
  printf '%-48s' "plumb print corpus/wasi-0.2/wit:"
  "$build/bench/check-timer" 300 "$build/cli/plumb" print "$shared/corpus/wasi-0.2/wit"
  printf '%-48s' "plumb print corpus/wasi-0.2/wit -o FILE:"
  "$build/bench/check-timer" 300 "$build/cli/plumb" print "$shared/corpus/wasi-0.2/wit" -o "$data/wasi.wit"
  printf '%-48s' "plumb build synthetic:"
  "$build/bench/check-timer" 10 "$build/cli/plumb" build -q "$data/synthetic" -o "$data/synthetic.wasm"
  printf '%-48s' "plumb print synthetic:"
  "$build/bench/check-timer" 10 "$build/cli/plumb" print "$data/synthetic" -o "$data/synthetic.wit"
else
  echo "(../shared/corpus absent: skipping the WASI 0.2 timing)"
fi
echo
echo "== Warg: verification, the registry on loopback, a cached pull"
"$build/bench/warg-bench" 20000
warg=$(mktemp -d)
PLUMB_HOME=$warg/home "$build/cli/plumb" registry serve --data "$warg/reg" --listen 127.0.0.1:0 --namespace example \
  >"$warg/url" 2>/dev/null &
server=$!
for _ in $(seq 100); do [[ -s $warg/url ]] && break; sleep 0.05; done
url=$(head -n 1 "$warg/url")
PLUMB_HOME=$warg/home "$build/cli/plumb" key new >/dev/null 2>&1
PLUMB_HOME=$warg/home "$build/cli/plumb" publish "$root/examples/calculator/wit" --registry "$url" >/dev/null
PLUMB_HOME=$warg/home "$build/cli/plumb" pull example:calculator --registry "$url" -o "$warg/c.wasm" >/dev/null
printf '%-48s' "plumb pull, cached (whole process):"
PLUMB_HOME=$warg/home "$build/bench/check-timer" 50 "$build/cli/plumb" pull -q example:calculator --registry "$url" \
  -o "$warg/c.wasm"
printf '%-48s' "plumb-registry --version (its start-up alone):"
"$build/bench/check-timer" 50 "$build/cli/plumb-registry" --version
kill -TERM "$server"; wait "$server" 2>/dev/null || true
rm -rf "$warg"

echo
printf '%-48s' "an empty process (/bin/true), for scale:"
"$build/bench/check-timer" 300 /bin/true
