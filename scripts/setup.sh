#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/debian-packages.txt (only the
# missing ones), then configures and builds plumb into build/.
#
#   scripts/setup.sh            # install + configure + build
#   PLUMB_BUILD_DIR=out scripts/setup.sh
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

if [[ ! -f $build_dir/build.ninja ]]; then
  meson setup "$build_dir" "$root" --buildtype=release >/dev/null
fi
ninja -C "$build_dir" >&2
