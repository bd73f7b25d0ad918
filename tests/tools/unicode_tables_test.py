#!/usr/bin/env python3
"""Checks that support/src/unicode_tables.inc is what its generator,
tools/gen_unicode_tables.py, writes from the Unicode Character Database of
Debian's unicode-data package (/usr/share/unicode, UCD 15.0.0, the data the
committed tables were made from).

usage: unicode_tables_test.py --root REPO [--ucd DIR]

Without the UCD the test is skipped (exit 77), except with CI=true, where
it fails: Python's own unicodedata is another Unicode version, so it cannot
stand in for the data.
"""
import argparse
import difflib
import os
import subprocess
import sys
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--ucd", default="/usr/share/unicode", type=Path)
    args = ap.parse_args()
    if not (args.ucd / "DerivedCoreProperties.txt").is_file():
        why = f"{args.ucd}/DerivedCoreProperties.txt not found (install Debian's unicode-data)"
        if os.environ.get("CI") == "true":
            print(f"unicode_tables_test: FAIL: {why}, and CI=true forbids skipping", file=sys.stderr)
            return 1
        print(f"unicode_tables_test: SKIP: {why}", file=sys.stderr)
        return 77
    generated = subprocess.run([sys.executable, str(args.root / "tools" / "gen_unicode_tables.py"), str(args.ucd)],
                               check=True, capture_output=True, text=True).stdout
    committed_path = args.root / "support" / "src" / "unicode_tables.inc"
    committed = committed_path.read_text(encoding="utf-8")
    if generated != committed:
        diff = difflib.unified_diff(committed.splitlines(True), generated.splitlines(True),
                                    str(committed_path), "generated")
        sys.stderr.writelines(list(diff)[:60])
        print("unicode_tables_test: FAIL: the committed tables differ from the generator's output; "
              "run tools/gen_unicode_tables.py > support/src/unicode_tables.inc", file=sys.stderr)
        return 1
    print(f"unicode_tables_test: ok, {len(committed.splitlines())} lines match the generator")
    return 0


if __name__ == "__main__":
    sys.exit(main())
