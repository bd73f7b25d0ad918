#!/usr/bin/env python3
"""End-to-end: a package with N independent mistakes gets N errors in one
run, each with its own code, the first one where the reference puts it, and
no error that only follows from another.

usage: every_error_test.py --plumb PATH
"""
import argparse
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

PLUMB = None

# Each mistake is independent of the others; the comment names the code
# plumb gives it. What refers to a broken item (`use-broken`, `list<x>`) must
# not be blamed.
PACKAGE = {
    "wit/store.wit": """package demo:store@0.1.0;

interface types {
  type key = strng;                          // E0301
  record entry { k: key, v: u33, w: list<key> }  // E0301 (u33)
  variant shape { a(u99), b }                // E0301
  enum empty {}                              // E0306
  type uses-broken = option<key>;
}

interface api {
  use types.{key, entry, missing};           // E0301 (missing)
  use wasi:io/streams@0.2.0.{output-streem}; // E0503
  get: func(k: key, k: u32) -> entry;        // E0310
  put: func(e: entry);
  put: func();                               // E0302
  peek: func() -> option<missing>;
}

world service {
  import api;
  import api;                                // E0402
  export nowhere;                            // E0303
}
""",
    "wit/deps/io/streams.wit": """package wasi:io@0.2.0;

interface streams {
  resource output-stream;
  type size = u6;                            // E0301, in the dependency
}
""",
}

EXPECTED_CODES = ["E0301", "E0301", "E0301", "E0306", "E0301", "E0310", "E0302", "E0402", "E0303",
                  "E0301", "E0503"]


def check(*args, cwd):
    return subprocess.run([PLUMB, "check", *args], capture_output=True, text=True, cwd=cwd, timeout=60)


class EveryError(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        for rel, text in PACKAGE.items():
            path = Path(self.tmp.name, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)

    def tearDown(self):
        self.tmp.cleanup()

    def test_n_independent_mistakes_give_n_errors(self):
        p = check("--message-format", "json", cwd=self.tmp.name)
        self.assertEqual(p.returncode, 1, p.stderr)
        records = [json.loads(line) for line in p.stdout.splitlines()]
        diags = [r for r in records if r["type"] == "diagnostic"]
        self.assertEqual([d["code"] for d in diags], EXPECTED_CODES,
                         "\n".join(f'{d["code"]} {d["file"]}:{d.get("line")} {d["message"]}' for d in diags))
        summary = records[-1]
        self.assertEqual((summary["type"], summary["errors"], summary["warnings"]),
                         ("summary", len(EXPECTED_CODES), 0))
        # The first error is the one the reference reports.
        self.assertEqual((diags[0]["message"], diags[0]["line"], diags[0]["column"]),
                         ("type `strng` does not exist", 4, 14))
        # The misspelt foreign `use` says what the interface has.
        self.assertEqual(diags[-1]["help"], ["interface `wasi:io/streams@0.2.0` has a type `output-stream`"])

    def test_the_human_summary_counts_them(self):
        p = check(cwd=self.tmp.name)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stderr.endswith(f"{len(EXPECTED_CODES)} errors, 0 warnings in 2 packages (2 files)\n"),
                        p.stderr[-300:])


def main():
    global PLUMB
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    args, rest = ap.parse_known_args()
    PLUMB = str(Path(args.plumb).resolve())
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
