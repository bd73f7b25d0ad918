#!/usr/bin/env python3
"""End-to-end tests of the plumb command line: exit codes, every error of
every file in one run, the three message formats, colour.

usage: cli_test.py --plumb PATH --schemas DIR
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PLUMB = None
SCHEMAS = None


def plumb(*args, env=None, input=None):
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    return subprocess.run([PLUMB, *args], capture_output=True, text=True, env=e, timeout=60, input=input)


class ExitCodes(unittest.TestCase):
    def test_valid_package_exits_0(self):
        p = plumb("check", str(DATA / "valid"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("no errors", p.stderr)

    def test_quiet_prints_nothing_when_valid(self):
        p = plumb("check", "-q", str(DATA / "valid"))
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))

    def test_errors_exit_1(self):
        self.assertEqual(plumb("check", str(DATA / "broken")).returncode, 1)

    def test_usage_errors_exit_2(self):
        self.assertEqual(plumb().returncode, 2)
        self.assertEqual(plumb("check").returncode, 2)
        self.assertEqual(plumb("check", "--bogus", str(DATA / "valid")).returncode, 2)
        self.assertEqual(plumb("check", "--message-format", "xml", str(DATA / "valid")).returncode, 2)
        self.assertEqual(plumb("frobnicate").returncode, 2)

    def test_help_exits_0(self):
        p = plumb("check", "--help")
        self.assertEqual(p.returncode, 0)
        self.assertIn("--features", p.stdout)
        self.assertIn("--all-features", p.stdout)

    def test_missing_path_is_an_error(self):
        p = plumb("check", str(DATA / "no-such-dir" / "x.wit"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("failed to read path for WIT", p.stderr)

    def test_a_file_from_a_pipe_is_read_once_and_whole(self):
        # A pipe has no size and can be read only once: finding its package
        # must not consume it before the loader reads it.
        text = "package demo:piped;\n" + "".join(f"interface i{n} {{}}\n" for n in range(2000))
        p = plumb("check", "/dev/stdin", input=text)
        self.assertEqual(p.returncode, 0, p.stderr)
        bad = plumb("check", "/dev/stdin", input=text + "interface oops {\n")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("expected", bad.stderr)

    def test_exceptions_end_the_run_with_a_message(self):
        # A (sparse) 1 TiB file cannot be held in memory: the allocation
        # fails, and plumb says so and exits 1 rather than aborting.
        with tempfile.TemporaryDirectory() as tmp:
            huge = Path(tmp) / "huge.wit"
            try:
                with open(huge, "wb") as f:
                    f.truncate(1 << 40)
            except OSError as e:
                self.skipTest(f"no sparse 1 TiB file here: {e}")
            limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
            p = subprocess.run([PLUMB, "check", str(huge)], capture_output=True, text=True, timeout=60,
                               preexec_fn=limit)
        if "Sanitizer" in p.stderr:
            # A sanitizer cannot start under an address-space limit, and its
            # allocator aborts rather than throwing std::bad_alloc.
            self.skipTest("a sanitized build cannot run out of memory gracefully")
        self.assertEqual((p.returncode, p.stderr), (1, "error: std::bad_alloc\n"))

    def test_feature_flags_are_accepted(self):
        p = plumb("check", "--features", "a,b", "--features", "c", "--all-features", str(DATA / "valid"))
        self.assertEqual(p.returncode, 0, p.stderr)


class AllErrorsInOneRun(unittest.TestCase):
    def test_every_syntax_error_of_every_file(self):
        p = plumb("check", "--color", "never", str(DATA / "broken"))
        locations = [line.split("--> ")[1] for line in p.stderr.splitlines() if "--> " in line]
        self.assertEqual(locations, [
            f"{DATA / 'broken'}/a.wit:5:3",
            f"{DATA / 'broken'}/a.wit:7:7",
            f"{DATA / 'broken'}/b.wit:2:22",
        ])
        self.assertIn("error[E0201]: expected '>', found keyword `record`", p.stderr)
        self.assertIn("error[E0201]: expected ':', found keyword `f32`", p.stderr)
        self.assertIn("error[E0201]: expected a type, found ';'", p.stderr)

    def test_several_paths_in_one_run(self):
        # b.wit has no package header of its own: it is checked as part of
        # its directory's package, so a.wit's errors are reported too.
        p = plumb("check", str(DATA / "valid"), str(DATA / "broken" / "b.wit"))
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(re.findall(r"^error\[E\d{4}\]: ", p.stderr, re.M)), 3)

    def test_files_of_one_package_are_checked_once(self):
        broken = DATA / "broken"
        p = plumb("check", str(broken / "a.wit"), str(broken / "b.wit"))
        self.assertEqual(len(re.findall(r"^error\[E\d{4}\]: ", p.stderr, re.M)), 3)

    def test_a_package_is_checked_once_however_its_path_is_spelt(self):
        broken = DATA / "broken"
        p = plumb("check", str(broken / "a.wit"), str(broken / "." / "b.wit"), str(broken) + "/",
                  str(broken / ".." / "broken"))
        self.assertEqual(len(re.findall(r"^error\[E\d{4}\]: ", p.stderr, re.M)), 3)
        valid = DATA / "valid"
        p = plumb("check", str(valid), str(valid) + "/", str(valid / "todo.wit"),
                  str(valid / "deps" / ".." / "todo.wit"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "checked 2 files, 2 packages: no errors\n")


class Semantics(unittest.TestCase):
    def test_every_independent_semantic_error_with_help(self):
        p = plumb("check", "--color", "never", str(DATA / "semantic"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("error[E0301]: type `usr` does not exist", p.stderr)
        self.assertIn("error[E0301]: name `strin` does not exist", p.stderr)
        self.assertIn("help: did you mean `string`?", p.stderr)
        self.assertIn(f"--> {DATA / 'semantic'}/app.wit:6:12", p.stderr)

    def test_a_file_of_a_dependency_checks_the_package_that_reads_it(self):
        dep = DATA / "valid" / "deps" / "clock" / "wall.wit"
        p = plumb("check", str(dep))
        self.assertEqual(p.returncode, 0, p.stderr)
        # The package and its dependency: two files, two packages.
        self.assertEqual(p.stderr, "checked 2 files, 2 packages: no errors\n")

    def test_the_summary_counts_nested_packages(self):
        with tempfile.TemporaryDirectory() as tmp:
            f = Path(tmp) / "nested.wit"
            f.write_text("package demo:outer;\n\npackage demo:inner {\n  interface a {}\n}\n\ninterface b {}\n")
            p = plumb("check", str(f))
        self.assertEqual((p.returncode, p.stderr), (0, "checked 1 file, 2 packages: no errors\n"))

    def test_unrelated_files_in_one_folder_are_packages_of_their_own(self):
        good = plumb("check", str(DATA / "mixed" / "one.wit"))
        self.assertEqual(good.returncode, 0, good.stderr)
        self.assertEqual(good.stderr, "checked 1 file, 1 package: no errors\n")
        bad = plumb("check", str(DATA / "mixed" / "one.wit"), str(DATA / "mixed" / "two.wit"))
        self.assertEqual(bad.returncode, 1)
        self.assertIn("name `nope` does not exist", bad.stderr)
        self.assertEqual(plumb("check", str(DATA / "mixed" / "one.wit"), str(DATA / "valid")).stderr,
                         "checked 3 files, 3 packages: no errors\n")


class Print(unittest.TestCase):
    def test_json_of_the_resolved_model(self):
        p = plumb("print", "--json", str(DATA / "valid"))
        self.assertEqual(p.returncode, 0, p.stderr)
        model = json.loads(p.stdout)
        self.assertEqual(list(model), ["worlds", "interfaces", "types", "packages"])
        self.assertEqual([pkg["name"] for pkg in model["packages"]], ["demo:clock", "demo:todo@0.1.0"])
        items = next(i for i in model["interfaces"] if i["name"] == "items")
        self.assertEqual(items["docs"], {"contents": "A to-do list."})
        self.assertEqual(list(items["functions"]), ["add", "all"])
        world = model["worlds"][0]
        # Elaboration: the world imports `wall` because `items` uses it.
        self.assertEqual(list(world["imports"]), ["interface-0", "interface-1"])

    def test_errors_instead_of_json(self):
        p = plumb("print", "--json", str(DATA / "semantic"))
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("does not exist", p.stderr)

    def test_print_needs_json_for_now(self):
        self.assertEqual(plumb("print", str(DATA / "valid")).returncode, 2)


class MessageFormats(unittest.TestCase):
    def test_json_lines_follow_the_schema(self):
        import jsonschema
        schema = json.loads((Path(SCHEMAS) / "diagnostic.schema.json").read_text())
        p = plumb("check", "--message-format", "json", str(DATA / "broken"))
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 4)  # three diagnostics, then the summary record
        for line in lines:
            obj = json.loads(line)
            jsonschema.validate(obj, schema)
        first = json.loads(lines[0])
        self.assertEqual((first["line"], first["column"]), (5, 3))
        self.assertTrue(first["file"].endswith("a.wit"))

    def test_github_annotations(self):
        p = plumb("check", "--message-format", "github", str(DATA / "broken"))
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertTrue(all(line.startswith("::error file=") for line in lines), lines)
        self.assertIn(",line=5,col=3,", lines[0])


class Colour(unittest.TestCase):
    def test_no_colour_when_piped(self):
        self.assertNotIn("\x1b[", plumb("check", str(DATA / "broken")).stderr)

    def test_colour_when_forced(self):
        self.assertIn("\x1b[", plumb("check", "--color", "always", str(DATA / "broken")).stderr)

    def test_no_color_wins_over_a_terminal(self):
        # `script` gives plumb a terminal; NO_COLOR must still turn colour off.
        cmd = f"{PLUMB} check {DATA / 'broken'}"
        with_tty = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True, text=True,
                                  env={**os.environ, "TERM": "xterm"})
        if with_tty.returncode not in (0, 1):
            self.skipTest("no `script` to provide a terminal")
        self.assertIn("\x1b[", with_tty.stdout)
        no_color = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True, text=True,
                                  env={**os.environ, "TERM": "xterm", "NO_COLOR": "1"})
        self.assertNotIn("\x1b[", no_color.stdout)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--schemas", required=True)
    args, rest = ap.parse_known_args()
    PLUMB = str(Path(args.plumb).resolve())
    SCHEMAS = args.schemas
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
