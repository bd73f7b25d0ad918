#!/usr/bin/env python3
"""Checks the error pages in docs/errors/ against the table of codes, and runs their examples.

Every row of diagnostics/include/plumb/diagnostics/codes.def must have a page
docs/errors/CODE.md whose first line is `# CODE: summary` (the summary as in
the table), and no page may name a code the table lacks; the index
docs/errors/README.md links every page.

A page holds two examples, under `## Wrong` and `## Right`. An example is one
or more fenced blocks; a block's info string is `wit`, `wat` or `hex` (raw
bytes as hex digits, whitespace ignored), optionally followed by `file=PATH`
(relative; default main.wit) and by `norun` (the Wrong example cannot be
triggered from files today: it is shown but not run). An optional `command`
block holds the command line (default `plumb check .`), run from the
example's directory with `--message-format json` added after the command
(`check`, `print` or `build`; a `build` command should add `--format json`,
so that stdout holds JSON only).

A `command` block may hold several lines: all but the last set the example
up and must succeed; the last one is checked. Besides check, print and build,
the registry commands (key, publish, pull, yank, grant, revoke) may be run;
`$REGISTRY` in a line stands for a registry the test serves on loopback for
that example alone (`plumb registry serve --namespace example`), and
PLUMB_HOME is a folder of the example, so keys and state start empty.

The Wrong example must report the page's code (a warning, for W codes; and
exit 1, for E codes); the Right example must exit 0 with no error and no
diagnostic of that code.

usage: explain_test.py --plumb PATH --root DIR
"""
import argparse
import json
import re
import select
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

ROW = re.compile(r'^DIAG\((\w+),\s*"(\w+)",\s*"((?:[^"\\]|\\.)*)"\)', re.M)
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```\s*$", re.M | re.S)
CONTENT_KINDS = {"wit", "wat", "hex"}


class PageError(Exception):
    pass


def read_table(root):
    text = (root / "diagnostics/include/plumb/diagnostics/codes.def").read_text()
    table = {}
    for _, code, summary in ROW.findall(text):
        table[code] = summary.replace('\\"', '"').replace("\\\\", "\\")
    return table


def sections(page_text):
    """The text under each `## Heading` of a page, by heading."""
    out, current = {}, None
    in_fence = False
    for line in page_text.splitlines(keepends=True):
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            current = line[3:].strip()
            out[current] = ""
        elif current is not None:
            out[current] += line
    return out


def parse_example(text, section):
    """The files, command and norun flag of the example in one section."""
    files, command, norun = {}, None, False
    for info, body in FENCE.findall(text):
        words = info.split()
        if not words:
            raise PageError(f"{section}: a fenced block without an info string")
        kind, flags = words[0], words[1:]
        if kind == "command":
            command = [l.strip() for l in body.splitlines() if l.strip()]
            if not command:
                raise PageError(f"{section}: an empty command block")
            continue
        if kind not in CONTENT_KINDS:
            raise PageError(f"{section}: unknown block kind `{kind}`")
        path = "main.wit"
        for flag in flags:
            if flag == "norun":
                norun = True
            elif flag.startswith("file="):
                path = flag[5:]
            else:
                raise PageError(f"{section}: unknown flag `{flag}`")
        p = PurePosixPath(path)
        if p.is_absolute() or ".." in p.parts:
            raise PageError(f"{section}: file={path} must be relative, inside the example")
        if path in files:
            raise PageError(f"{section}: two blocks for {path}")
        if kind == "hex":
            digits = "".join(body.split())
            try:
                files[path] = bytes.fromhex(digits)
            except ValueError:
                raise PageError(f"{section}: {path}: not hex digits")
        else:
            files[path] = body.encode()
    if not files:
        raise PageError(f"{section}: no example file")
    return files, command or ["plumb check ."], norun


RESOLVING = (["check"], ["print"], ["build"])
REGISTRY_COMMANDS = (["key"], ["publish"], ["pull"], ["yank"], ["grant"], ["revoke"])


def command_argv(plumb, line, registry_url, checked):
    argv = shlex.split(line.replace("$REGISTRY", registry_url or "$REGISTRY"))
    if argv[0] != "plumb" or argv[1:2] not in RESOLVING + REGISTRY_COMMANDS:
        raise PageError("a command must be `plumb` and one of check, print, build, key, publish, pull, yank, grant, "
                        f"revoke: {line}")
    return [plumb, argv[1], *(["--message-format", "json"] if checked else []), *argv[2:]]


class Registry:
    """`plumb registry serve` on 127.0.0.1:0 for one example, or nothing."""

    def __init__(self, plumb, folder, wanted):
        self.proc, self.url = None, None
        if not wanted:
            return
        self.proc = subprocess.Popen([plumb, "registry", "serve", "--data", str(folder), "--listen", "127.0.0.1:0",
                                      "--namespace", "example"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        # Its URL, or nothing within 20 s (a server that never says it is
        # ready must not hang the test).
        ready, _, _ = select.select([self.proc.stdout], [], [], 20)
        self.url = self.proc.stdout.readline().strip() if ready else ""
        if not self.url.startswith("http://127.0.0.1:"):
            err = self.stop()
            raise PageError(f"the example's registry did not start: {err[:300]}")

    def stop(self):
        """Stops the server; what it wrote on stderr."""
        if not self.proc:
            return ""
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        self.proc = None
        return err


def run_example(plumb, files, command):
    """Materialises the example and runs it: (exit status, [(severity, code)])."""
    with tempfile.TemporaryDirectory(prefix="plumb-explain-") as tmp:
        for path, data in files.items():
            target = Path(tmp) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PLUMB_HOME": str(Path(tmp) / ".plumb-home")}
        registry = Registry(plumb, Path(tmp) / ".registry", any("$REGISTRY" in line for line in command))
        try:
            for setup in command[:-1]:
                p = subprocess.run(command_argv(plumb, setup, registry.url, False), cwd=tmp, capture_output=True,
                                   timeout=60, env=env)
                if p.returncode != 0:
                    raise PageError(f"the set-up step `{setup}` failed: {p.stderr.decode(errors='replace')[:300]}")
            p = subprocess.run(command_argv(plumb, command[-1], registry.url, True), cwd=tmp, capture_output=True,
                               timeout=60, env=env)
        except subprocess.TimeoutExpired as e:
            raise PageError(f"`{' '.join(e.cmd)}` did not finish within {e.timeout} s")
        finally:
            registry.stop()
    diags = []
    for line in p.stdout.decode(errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError:
            raise PageError(f"stdout line is not JSON: {line[:120]}")
        diags.append((d.get("severity"), d.get("code")))
    return p.returncode, diags


def describe(status, diags):
    codes = ", ".join(f"{s} {c}" for s, c in diags) or "no diagnostics"
    return f"exit {status}, {codes}"


def check_wrong(plumb, code, example):
    files, command, _ = example
    status, diags = run_example(plumb, files, command)
    warning = code.startswith("W")
    want = "warning" if warning else "error"
    if not any(c == code and s == want for s, c in diags):
        raise PageError(f"Wrong: expected {want} {code}; got {describe(status, diags)}")
    if not warning and status != 1:
        raise PageError(f"Wrong: expected exit 1; got {describe(status, diags)}")


def note_norun(plumb, code, example):
    """Runs a Wrong example marked norun anyway, and says so when it now
    reports its code (then `norun` should go). Never a failure."""
    try:
        check_wrong(plumb, code, example)
    except PageError:
        return
    print(f"NOTE {code}: the Wrong example marked norun now reports {code}: remove `norun`")


def check_right(plumb, code, example):
    files, command, norun = example
    if norun:
        raise PageError("Right: the Right example must run (norun is for Wrong only)")
    status, diags = run_example(plumb, files, command)
    if status != 0 or any(c == code or s == "error" for s, c in diags):
        raise PageError(f"Right: expected exit 0 without {code} or errors; got {describe(status, diags)}")


def check_page(plumb, code, summary, page):
    """Checks one page; returns the number of examples not run (norun)."""
    text = page.read_text()
    title = text.split("\n", 1)[0]
    if title != f"# {code}: {summary}":
        raise PageError(f"title is `{title}`, expected `# {code}: {summary}`")
    parts = sections(text)
    for needed in ("Wrong", "Right"):
        if needed not in parts:
            raise PageError(f"no `## {needed}` section")
    wrong = parse_example(parts["Wrong"], "Wrong")
    right = parse_example(parts["Right"], "Right")
    if not wrong[2]:
        check_wrong(plumb, code, wrong)
    else:
        note_norun(plumb, code, wrong)
    check_right(plumb, code, right)
    return 1 if wrong[2] else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--root", required=True)
    args = ap.parse_args()
    root = Path(args.root)
    plumb = str(Path(args.plumb).resolve())
    table = read_table(root)
    pages_dir = root / "docs/errors"
    pages = {p.stem: p for p in pages_dir.glob("*.md") if p.name != "README.md"}
    passed = failed = not_run = 0

    def fail(code, why):
        nonlocal failed
        failed += 1
        print(f"FAIL {code}: {why}")

    if not table:
        fail("codes.def", "no DIAG rows found")
    for stray in sorted(set(pages) - set(table)):
        fail(stray, f"docs/errors/{stray}.md names a code that codes.def does not have")
    index = (pages_dir / "README.md").read_text() if (pages_dir / "README.md").exists() else ""
    for code, summary in table.items():
        if f"[{code}]({code}.md)" not in index:
            fail(code, "not linked from the index docs/errors/README.md")
        if code not in pages:
            fail(code, f"no page docs/errors/{code}.md")
            continue
        try:
            not_run += check_page(plumb, code, summary, pages[code])
            passed += 1
        except PageError as e:
            fail(code, str(e))
    if not_run:
        print(f"{not_run} Wrong examples marked norun (not run)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
