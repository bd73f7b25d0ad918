#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora from the repository's own test data.

    make_corpus.py --root REPO --out DIR [--wat-to-wasm EXE] [--plumb EXE]

Writes DIR/parse, DIR/resolve (WIT), DIR/wat (WebAssembly text) and, with
--wat-to-wasm, DIR/decode (each WAT seed converted to a binary package);
with --plumb, DIR/decode also gets the snapshot (`plumb build`) of each WIT
seed that builds, so that the decoder is fuzzed on the encoder's output.
Sources: *.wit files, ```wit blocks of docs/**/*.md, raw string literals of
tests/unit/*.cc and string constants of tests/**/*.py that hold WIT or WAT,
and the committed tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/.
Seeds are named by their SHA-1, so rerunning adds nothing twice.
"""
import argparse
import ast
import hashlib
import pathlib
import re
import subprocess
import sys

WIT_WORDS = re.compile(r"\b(package|interface|world|type|record|variant|resource|func|use)\b")
RAW_STRING = re.compile(r'R"([^(\s]{0,16})\((.*?)\)\1"', re.S)
WIT_FENCE = re.compile(r"^```wit\n(.*?)^```", re.S | re.M)
SKIP_DIRS = {"build", ".git"}


def files(root, pattern):
    for path in sorted(root.rglob(pattern)):
        rel = path.relative_to(root)
        if rel.parts and (rel.parts[0] in SKIP_DIRS or rel.parts[0].startswith("build")):
            continue
        yield path


def classify(text):
    if "(component" in text:
        return "wat"
    if WIT_WORDS.search(text):
        return "wit"
    return None


def python_strings(path):
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 8:
            yield node.value


def collect(root):
    seeds = {"wit": [], "wat": []}

    def add(text, kind=None):
        kind = kind or classify(text)
        if kind:
            seeds[kind].append(text.encode("utf-8", "surrogateescape"))

    for path in files(root, "*.wit"):
        add(path.read_text(encoding="utf-8", errors="surrogateescape"), "wit")
    for path in files(root / "docs", "*.md"):
        for block in WIT_FENCE.findall(path.read_text(encoding="utf-8")):
            add(block, "wit")
    for path in files(root / "tests" / "unit", "*.cc"):
        for _, body in RAW_STRING.findall(path.read_text(encoding="utf-8")):
            add(body)
    for path in files(root / "tests", "*.py"):
        for text in python_strings(path):
            add(text)
    return seeds


def write(directory, blobs):
    directory.mkdir(parents=True, exist_ok=True)
    for blob in blobs:
        (directory / hashlib.sha1(blob).hexdigest()).write_bytes(blob)


def committed(root, target):
    blobs = []
    for sub in (root / "tests" / "fuzz" / "corpus" / target, root / "tests" / "fuzz" / "regressions" / target):
        if sub.is_dir():
            blobs += [p.read_bytes() for p in sorted(sub.iterdir()) if p.is_file()]
    return blobs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=pathlib.Path, required=True)
    ap.add_argument("--out", type=pathlib.Path, required=True)
    ap.add_argument("--wat-to-wasm", help="converter from WAT to binary (tests/fuzz/wat_to_wasm.cc)")
    ap.add_argument("--plumb", help="plumb, to build the WIT seeds into snapshots for decode")
    args = ap.parse_args()
    seeds = collect(args.root)
    write(args.out / "parse", seeds["wit"] + committed(args.root, "parse"))
    write(args.out / "resolve", seeds["wit"] + committed(args.root, "resolve"))
    write(args.out / "wat", seeds["wat"] + committed(args.root, "wat"))
    counts = {"parse": len(seeds["wit"]), "wat": len(seeds["wat"])}
    if args.wat_to_wasm:
        decode = args.out / "decode"
        decode.mkdir(parents=True, exist_ok=True)
        converted = 0
        for wat in sorted((args.out / "wat").iterdir()):
            result = subprocess.run([args.wat_to_wasm], input=wat.read_bytes(), capture_output=True)
            if result.returncode == 0 and result.stdout:
                write(decode, [result.stdout])
                converted += 1
        write(decode, committed(args.root, "decode"))
        counts["decode"] = converted
    if args.plumb:
        decode = args.out / "decode"
        decode.mkdir(parents=True, exist_ok=True)
        built = 0
        snapshot = args.out / "snapshot.wasm"
        for wit in sorted((args.out / "resolve").iterdir()):
            result = subprocess.run([args.plumb, "build", "-q", "-", "-o", str(snapshot)], input=wit.read_bytes(),
                                    capture_output=True, timeout=60)
            if result.returncode == 0 and snapshot.exists():
                write(decode, [snapshot.read_bytes()])
                snapshot.unlink()
                built += 1
        counts["snapshots"] = built
    print("corpus:", ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
