#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/debian-packages.txt (only the
# missing ones), then configures and builds plumb into build/.
#
#   scripts/setup.sh            # install + configure + build
#   PLUMB_BUILD_DIR=out scripts/setup.sh
#   PLUMB_MESON_OPTIONS=-Dwerror=true scripts/setup.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PLUMB_BUILD_DIR:-$root/build}

mapfile -t wanted < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$root/scripts/debian-packages.txt")
missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=()
  if [[ $(id -u) != 0 ]]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PLUMB_MESON_OPTIONS: more options for a new build dir (scripts/test.sh
# passes -Dwerror=true).
if [[ ! -f $build_dir/build.ninja ]]; then
  # shellcheck disable=SC2086  # a list of options, split on purpose
  meson setup "$build_dir" "$root" --buildtype=release ${PLUMB_MESON_OPTIONS:-} >/dev/null
fi
ninja -C "$build_dir" >&2
