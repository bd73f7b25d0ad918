#!/usr/bin/env bash
# Regenerates the component fixtures with the reference (wasm-tools as wasm,
# through ../shared/tools/oracle): each folder's world is embedded into a core
# module and made a component (`wasm-tools component new`); X.wit is what the
# reference's `component wit` prints of X.wasm (the main package only); each
# X.wat is assembled into X.wasm, and X.expected is what `component wit`
# prints of it, or `error` and the reference's message.
#   tests/e2e/data/components/make.sh [SHARED_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${1:-$here/../../../../../shared}
oracle=$shared/tools/oracle
export JCO_DIR=${ORACLE_HOME:-$HOME/.cache/wit-oracle}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in app res plain; do
  "$oracle" embed "$here/$dir" "$dir" "$tmp/$dir.core.wasm"
  node "$here/jco.mjs" new "$tmp/$dir.core.wasm" "$here/$dir.wasm"
  "$oracle" wit "$here/$dir.wasm" > "$here/$dir.wit"
done
for wat in "$here"/*.wat; do
  bin=${wat%.wat}.wasm
  node "$here/jco.mjs" parse "$wat" "$bin"
  out=${wat%.wat}.expected
  if "$oracle" wit "$bin" > "$out" 2>"$tmp/err"; then :; else
    { echo "error"; tail -n 1 "$tmp/err"; } > "$out"
  fi
done
