#!/usr/bin/env bash
# plumb's main job, end to end, on the embedded default registry: check the
# example package, start `plumb registry serve` on loopback (a scratch store),
# publish the package's snapshot with a new key, pull it back as a fresh
# client would (verifying every signature, log rule, checkpoint and proof),
# check what came back, and stop the server.
#
#   scripts/demo.sh [BUILD_DIR]        (default: build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
plumb=$(cd "${1:-$root/build}" && pwd)/cli/plumb
work=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]]; then kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n$ %s\n' "$*" >&2; }
export PLUMB_HOME=$work/home NO_COLOR=${NO_COLOR:-}

step plumb check examples/calculator/wit
"$plumb" check "$root/examples/calculator/wit"

step plumb registry serve --namespace example --listen 127.0.0.1:0
"$plumb" registry serve --data "$work/registry" --listen 127.0.0.1:0 --namespace example >"$work/url" &
server=$!
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.05; done
url=$(head -n 1 "$work/url")
[[ $url == http://127.0.0.1:* ]] || { echo "demo: the registry did not start" >&2; exit 1; }

step plumb key new
"$plumb" key new

step plumb publish examples/calculator/wit --registry "$url"
"$plumb" publish "$root/examples/calculator/wit" --registry "$url"

step plumb pull example:calculator --registry "$url" -o calculator.wasm
PLUMB_HOME=$work/someone-else "$plumb" pull example:calculator --registry "$url" -o "$work/calculator.wasm"

step plumb check calculator.wasm
"$plumb" check "$work/calculator.wasm"
"$plumb" build "$root/examples/calculator/wit" -q -o "$work/built.wasm"
cmp "$work/built.wasm" "$work/calculator.wasm"
echo "demo: pulled back byte for byte what was published" >&2
