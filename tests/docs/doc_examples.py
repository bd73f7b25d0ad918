#!/usr/bin/env python3
"""Runs the examples in the documentation and compares their output.

In docs/**/*.md, every ```console block holds commands (`$ plumb ...`) each
followed by its expected output (stdout then stderr). A trailing `# exit N`
on the command gives the expected exit status (default 0). Commands run from
the repository root, with `plumb` being the binary under test.

usage: doc_examples.py --plumb PATH --root DIR
"""
import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples(md_text):
    for block in BLOCK.findall(md_text):
        current = None
        for line in block.splitlines():
            if line.startswith("$ "):
                if current:
                    yield current
                command = line[2:]
                status = 0
                m = re.search(r"\s+#\s*exit\s+(\d+)\s*$", command)
                if m:
                    status = int(m[1])
                    command = command[: m.start()]
                current = [command, status, []]
            elif current is not None:
                current[2].append(line)
        if current:
            yield current


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--root", required=True)
    args = ap.parse_args()
    root = Path(args.root)
    args.plumb = str(Path(args.plumb).resolve())
    failures = ran = 0
    for md in [root / "README.md", *sorted((root / "docs").rglob("*.md"))]:
        for command, status, expected in examples(md.read_text()):
            argv = shlex.split(command)
            if argv[0] == "plumb":
                argv[0] = args.plumb
            p = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=60,
                               env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"})
            ran += 1
            got = (p.stdout + p.stderr).rstrip("\n").split("\n") if (p.stdout + p.stderr) else []
            got = [line.rstrip() for line in got]
            want = [line.rstrip() for line in expected]
            while want and want[-1] == "":
                want.pop()
            if got != want or p.returncode != status:
                failures += 1
                print(f"FAIL {md.relative_to(root)}: $ {command}")
                print(f"  exit {p.returncode}, expected {status}")
                print("  --- expected\n" + "\n".join("  " + l for l in want))
                print("  --- got\n" + "\n".join("  " + l for l in got))
    print(f"{ran} documentation examples run, {failures} failed")
    return 1 if failures or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
