#!/usr/bin/env bash
# The whole test run (the README's test command; .ci/run runs it too):
#   1. scripts/setup.sh: packages, and the release build in build/ with
#      -Dwerror=true;
#   2. every suite on that build;
#   3. the unit and e2e suites again on a debug build under ASan+UBSan
#      (clang, build-asan/), which also holds the libFuzzer targets;
#   4. each fuzz target for PLUMB_FUZZ_SECONDS (30) on its seed corpus.
# For a quick loop while working, `meson test -C build` alone is step 2.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

PLUMB_MESON_OPTIONS="-Dwerror=true" scripts/setup.sh
if ! meson configure build | grep -Eq '^ *werror +true'; then meson configure build -Dwerror=true; fi
meson test -C build --print-errorlogs

asan=${PLUMB_ASAN_BUILD_DIR:-$root/build-asan}
if [[ ! -f $asan/build.ninja ]]; then
  CC=clang CXX=clang++ meson setup "$asan" --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false \
    -Dstatic_cli=false -Dfuzz=true >/dev/null
fi
ninja -C "$asan" >&2
# Any sanitizer report fails the run, in the tests' own processes and in the
# plumb processes they start.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# A debug sanitized build runs several times slower than the release one.
meson test -C "$asan" --suite unit --suite e2e --print-errorlogs --timeout-multiplier 6

tests/fuzz/smoke.sh "$asan" "${PLUMB_FUZZ_SECONDS:-30}"
