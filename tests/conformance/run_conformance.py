#!/usr/bin/env python3
"""Runs plumb against the reference's test suites in ../shared (wasm-tools
1.257's wit-parser ui suite and the WASI corpus) and fails when plumb falls
short of what the project has reached.

usage: run_conformance.py --plumb PATH --shared DIR

Exits 77 (meson's "skipped") with a message when DIR/conformance is absent,
or fails when PLUMB_REQUIRE_SHARED=1 (as .ci/run sets).

Checks:
  * every ui input and every corpus package is accepted by `plumb check`;
  * `plumb print --json` of every ui input equals the reference's X.wit.json;
  * every parse-fail case is rejected, plumb's first error at the reference's
    file:line:col with the reference's message.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

LOC = re.compile(r"-->\s*(\S+?):(\d+):(\d+)")
# The reference's bare `file:line:col: message` form, used for very long lines.
BARE_LOC = re.compile(r"^(\S+?\.wit):(\d+):(\d+): (.*)$", re.M)
CONTEXT = re.compile(r"^failed to resolve directory while parsing WIT for path \[[^\]]*\]: "
                     r"(?:failed to parse package: \S+: )?")

# Cases plumb cannot pass yet, with the reason. Each is still run and
# reported; remove an entry as soon as the case passes.
KNOWN_GAPS = {}

# Where plumb deliberately words the first line differently: it shows the
# two locations of a duplicate package as located snippets instead of a list
# after a colon.
MESSAGE_EXCEPTIONS = {
    "multi-package-deps-share-nest": "package `foo:shared` is defined in two different locations",
    "nested-packages-colliding-names": "package `foo:name` is defined in two different locations",
}


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def cases(folder, suffix):
    out = []
    for exp in sorted(folder.glob("*" + suffix)):
        stem = exp.name[: -len(suffix)]
        for cand in (folder / (stem + ".wit"), folder / stem, folder / (stem + ".wat")):
            if cand.exists():
                out.append((stem, cand, exp))
                break
    return out


def reference_error(result_text):
    """(message, (file, line, col) or None) of a .wit.result file."""
    first = CONTEXT.sub("", result_text.split("\n")[0])
    loc = LOC.search(result_text)
    if loc:
        return first, (Path(loc[1]).name, loc[2], loc[3])
    bare = BARE_LOC.search(result_text)
    if bare:
        return bare[4], (Path(bare[1]).name, bare[2], bare[3])
    return first, None


def plumb_first_error(stderr):
    lines = stderr.split("\n")
    head = re.match(r"error(\[[EW]\d{4}\])?: ", lines[0]) if lines else None
    message = lines[0][head.end():] if head else lines[0]
    loc = LOC.search(stderr)
    return message, (Path(loc[1]).name, loc[2], loc[3]) if loc else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--shared", required=True)
    args = ap.parse_args()
    shared = Path(args.shared)
    args.plumb = str(Path(args.plumb).resolve())
    ui = shared / "conformance" / "wit-parser-ui"
    if not ui.is_dir():
        if os.environ.get("PLUMB_REQUIRE_SHARED") == "1":
            print(f"FAIL: {ui} not found, and PLUMB_REQUIRE_SHARED=1 forbids skipping the conformance suite")
            return 1
        print(f"SKIP: {ui} not found; the conformance suite needs ../shared beside the repository")
        return 77

    failures = []

    # 1. Every valid input is accepted, and its JSON is the reference's.
    accepted = json_equal = 0
    valid = cases(ui, ".wit.json")
    corpus = sorted((shared / "corpus").glob("*/wit"))
    for name, path in [(n, p) for n, p, _ in valid] + [(p.parent.name, p) for p in corpus]:
        rc, _, err = run([args.plumb, "check", "-q", "--features", "active", str(path)])
        if rc == 0:
            accepted += 1
        else:
            failures.append((name, f"valid input {name} rejected: {err.strip()[:300]}"))
    for name, path, exp in valid:
        rc, out, err = run([args.plumb, "print", "--json", "--features", "active", str(path)])
        try:
            if rc == 0 and json.loads(out) == json.loads(exp.read_text()):
                json_equal += 1
                continue
        except ValueError:
            pass
        failures.append((name, f"ui {name}: JSON differs from the reference (rc={rc}) {err.strip()[:200]}"))
    print(f"valid inputs accepted: {accepted}/{len(valid) + len(corpus)}")
    print(f"ui JSON equal to the reference: {json_equal}/{len(valid)}")

    # 2. Every parse-fail case is rejected where and as the reference rejects it.
    rejected = exact = 0
    fail_cases = cases(ui / "parse-fail", ".wit.result")
    for name, path, exp in fail_cases:
        rc, _, err = run([args.plumb, "check", "--features", "active", str(path)])
        want_msg, want_loc = reference_error(exp.read_text())
        want_msg = MESSAGE_EXCEPTIONS.get(name, want_msg)
        if rc == 0:
            failures.append((name, f"parse-fail {name}: accepted (reference: {want_msg})"))
            continue
        rejected += 1
        got_msg, got_loc = plumb_first_error(err)
        if got_msg == want_msg and (want_loc is None or got_loc == want_loc):
            exact += 1
        else:
            failures.append((name, f"parse-fail {name}: got {got_loc} {got_msg!r}, reference {want_loc} {want_msg!r}"))
    print(f"parse-fail rejected: {rejected}/{len(fail_cases)}")
    print(f"parse-fail with the reference's message at its file:line:col: {exact}/{len(fail_cases)}")

    hard = []
    for case, f in failures:
        if case in KNOWN_GAPS:
            print(f"KNOWN GAP {case}: {KNOWN_GAPS[case]}")
        else:
            hard.append(f)
            print("FAIL " + f)
    return 1 if hard else 0


if __name__ == "__main__":
    sys.exit(main())
