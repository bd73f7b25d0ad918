#!/usr/bin/env python3
"""Runs the examples in the documentation and compares their output.

In docs/**/*.md, every ```console block holds commands (`$ plumb ...`) each
followed by its expected output (stdout then stderr). A trailing `# exit N`
on the command gives the expected exit status (default 0). Commands run from
the repository root, with `plumb` being the binary under test.

usage: doc_examples.py --plumb PATH --root DIR [--update]

With --update, the expected output of every example is rewritten to what the
command prints now (review the diff before committing it).
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


def run_example(plumb, root, command):
    argv = shlex.split(command)
    if argv[0] == "plumb":
        argv[0] = plumb
    p = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=60,
                       env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"})
    got = (p.stdout + p.stderr).rstrip("\n").split("\n") if (p.stdout + p.stderr) else []
    return p.returncode, [line.rstrip() for line in got]


def update(plumb, root, md):
    """Rewrites the expected output of every example in `md`."""
    def redo(block):
        lines, out = block[1].splitlines(), []
        for line in lines:
            if line.startswith("$ "):
                command = re.sub(r"\s+#\s*exit\s+\d+\s*$", "", line[2:])
                status, got = run_example(plumb, root, command)
                out.append("$ " + command + (f"  # exit {status}" if status else ""))
                out.extend(got)
        return "```console\n" + "\n".join(out) + "\n```"
    text = md.read_text()
    new = BLOCK.sub(redo, text)
    if new != text:
        md.write_text(new)
        print(f"updated {md.relative_to(root)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    root = Path(args.root)
    args.plumb = str(Path(args.plumb).resolve())
    failures = ran = 0
    for md in [root / "README.md", *sorted((root / "docs").rglob("*.md"))]:
        if args.update:
            update(args.plumb, root, md)
            continue
        for command, status, expected in examples(md.read_text()):
            p_returncode, got = run_example(args.plumb, root, command)
            ran += 1
            want = [line.rstrip() for line in expected]
            while want and want[-1] == "":
                want.pop()
            if got != want or p_returncode != status:
                failures += 1
                print(f"FAIL {md.relative_to(root)}: $ {command}")
                print(f"  exit {p_returncode}, expected {status}")
                print("  --- expected\n" + "\n".join("  " + l for l in want))
                print("  --- got\n" + "\n".join("  " + l for l in got))
    if args.update:
        return 0
    print(f"{ran} documentation examples run, {failures} failed")
    return 1 if failures or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
