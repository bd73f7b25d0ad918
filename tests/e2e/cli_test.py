#!/usr/bin/env python3
"""End-to-end tests of the plumb command line: exit codes, every error of
every file in one run, the message formats, colour; the parser (global
options anywhere, usage errors with did-you-mean, help), paths (missing,
`-`, wit/ by default), unknown features, `plumb explain`.

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


def plumb(*args, env=None, input=None, cwd=None):
    e = dict(os.environ)
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"):
        e.pop(name, None)
    if env:
        e.update(env)
    return subprocess.run([PLUMB, *args], capture_output=True, text=True, env=e, timeout=60, input=input, cwd=cwd)


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
        missing = DATA / "no-such-dir" / "x.wit"
        p = plumb("check", str(missing))
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"error[E0001]: no such file or directory: {missing}\n", p.stderr)

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
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertTrue(p.stderr.startswith("error[E0901]: out of memory\n"), p.stderr)

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
    def test_errors_in_machine_formats_end_as_for_check(self):
        p = plumb("print", "--json", "--message-format", "sarif", str(DATA / "broken"))
        self.assertEqual(p.returncode, 1)
        log = json.loads(p.stdout)
        self.assertEqual(len(log["runs"][0]["results"]), 3)
        p = plumb("print", "--json", "--message-format", "json", str(DATA / "broken"))
        records = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual([r["type"] for r in records], ["diagnostic"] * 3 + ["summary"])

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

    def test_canonical_wit_with_dependencies_nested(self):
        p = plumb("print", str(DATA / "valid"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(p.stdout.startswith("package demo:todo@0.1.0;\n\n/// A to-do list.\ninterface items {\n"
                                            "  use demo:clock/wall.{instant};\n\n  record item {\n"), p.stdout)
        self.assertIn("\n}\npackage demo:clock {\n  interface wall {\n    record instant {\n", p.stdout)
        self.assertTrue(p.stdout.endswith("    now: func() -> instant;\n  }\n}\n"), p.stdout)

    def test_printed_packages_read_back_the_same(self):
        with tempfile.TemporaryDirectory() as tmp:
            p = plumb("print", str(DATA / "valid"), "--out-dir", tmp)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout, "")
            self.assertEqual(sorted(str(f.relative_to(tmp)) for f in Path(tmp).rglob("*.wit")),
                             ["deps/clock.wit", "todo.wit"])
            self.assertIn("Writing: " + str(Path(tmp) / "deps" / "clock.wit"), p.stderr)
            again = plumb("print", tmp)
            self.assertEqual(again.returncode, 0, again.stderr)
            self.assertEqual(again.stdout, plumb("print", str(DATA / "valid")).stdout)

    def test_out_dir_file_names_are_windows_safe(self):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "src"
            (src / "deps").mkdir(parents=True)
            (src / "main.wit").write_text("package app:main;\nworld w {\n  import a:x/i@1.0.0;\n  import b:x/i;\n}\n")
            (src / "deps" / "a.wit").write_text("package a:x@1.0.0;\ninterface i {}\n")
            (src / "deps" / "b.wit").write_text("package b:x;\ninterface i {}\n")
            out = Path(tmp) / "out"
            p = plumb("print", str(src), "--out-dir", str(out))
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(sorted(str(f.relative_to(out)) for f in out.rglob("*")),
                             ["deps", "deps/a-x.wit", "deps/b-x.wit", "main.wit"])
            self.assertEqual((out / "deps" / "a-x.wit").read_text(), "package a:x@1.0.0;\n\ninterface i {\n}\n\n")

    def test_output_file_is_replaced_whole(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "out.wit"
            target.write_text("old contents, longer than what replaces them " * 100)
            p = plumb("print", str(DATA / "valid"), "-o", str(target), "--no-docs")
            self.assertEqual((p.returncode, p.stdout), (0, ""), p.stderr)
            text = target.read_text()
            self.assertTrue(text.startswith("package demo:todo@0.1.0;\n\ninterface items {\n"), text)
            self.assertNotIn("///", text)
            self.assertEqual(os.listdir(tmp), ["out.wit"])

    def test_an_unwritable_output_is_an_error_and_leaves_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "missing" / "out.wit"
            p = plumb("print", str(DATA / "valid"), "-o", str(target))
            self.assertEqual((p.returncode, p.stdout), (1, ""))
            self.assertIn("error[E0007]: cannot create '" + str(target) + "': No such file or directory", p.stderr)
            self.assertEqual(os.listdir(tmp), [])


    @unittest.skipUnless(os.path.exists("/dev/full"), "needs /dev/full")
    def test_a_failed_write_to_stdout_is_an_error(self):
        # A full disk behind stdout must not pass for success with the
        # output cut short: every command that prints says so, exit 1.
        runs = [("print", str(DATA / "valid")), ("print", "--json", str(DATA / "valid")),
                ("check", "--message-format", "json", str(DATA / "valid")), ("--version",),
                ("explain", "E0007")]
        for args in runs:
            with self.subTest(args=args), open("/dev/full", "w") as full:
                p = subprocess.run([PLUMB, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
                self.assertEqual(p.returncode, 1, p.stderr)
                self.assertIn("error[E0007]: cannot write to standard output: No space left on device", p.stderr)
    def test_conflicting_output_options(self):
        p = plumb("print", str(DATA / "valid"), "-o", "x.wit", "--out-dir", "y")
        self.assertEqual((p.returncode, p.stdout), (2, ""))
        self.assertIn("error: the argument '--output' cannot be used with '--out-dir'", p.stderr)
        p = plumb("print", "--json", "--no-docs", str(DATA / "valid"))
        self.assertEqual(p.returncode, 2)


class Build(unittest.TestCase):
    GATED = ("package demo:gated@1.0.0;\n\n"
             "interface api {\n"
             "  @since(version = 1.0.0)\n  stable-call: func();\n\n"
             "  @unstable(feature = fancy)\n  fancy-call: func();\n}\n")

    def test_versioned_windows_safe_name_size_and_digest(self):
        import hashlib
        with tempfile.TemporaryDirectory() as tmp:
            p = plumb("build", str(DATA / "valid"), cwd=tmp)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(os.listdir(tmp), ["demo-todo-0.1.0.wasm"])
            data = (Path(tmp) / "demo-todo-0.1.0.wasm").read_bytes()
            self.assertEqual(data[:8], b"\0asm\x0d\0\x01\0")
            digest = "sha256:" + hashlib.sha256(data).hexdigest()
            self.assertEqual(p.stdout, f"wrote demo-todo-0.1.0.wasm (demo:todo@0.1.0, {len(data)} bytes, {digest})\n")
            j = plumb("build", str(DATA / "valid"), "--format", "json", "-o", "out.wasm", cwd=tmp)
            self.assertEqual(json.loads(j.stdout), {"path": "out.wasm", "package": "demo:todo@0.1.0",
                                                    "size": len(data), "digest": digest})
            self.assertEqual((Path(tmp) / "out.wasm").read_bytes(), data)

    def test_a_large_snapshot_has_the_digest_of_its_bytes(self):
        # Past 1 MiB the digest is taken on a second thread while the file
        # is written: it must still be the file's.
        import hashlib
        funcs = "".join(f"  /// Call number {i}, documented.\n  call-{i}: func(a: u32, b: string) -> list<u8>;\n"
                        for i in range(400))
        wit = "package demo:big@1.0.0;\n\n" + "".join(
            f"interface api{n} {{\n{funcs}}}\n\n" for n in range(60))
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "big.wit").write_text(wit)
            j = plumb("build", str(Path(tmp) / "big.wit"), "--format", "json", "-o", "big.wasm", cwd=tmp)
            self.assertEqual(j.returncode, 0, j.stderr)
            data = (Path(tmp) / "big.wasm").read_bytes()
            self.assertGreater(len(data), 1 << 20)
            self.assertEqual(json.loads(j.stdout)["digest"], "sha256:" + hashlib.sha256(data).hexdigest())

    def test_a_snapshot_prints_and_rebuilds_as_its_source(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "todo.wasm"
            self.assertEqual(plumb("build", str(DATA / "valid"), "-o", str(out)).returncode, 0)
            printed = plumb("print", str(out))
            self.assertEqual(printed.returncode, 0, printed.stderr)
            source = plumb("print", str(DATA / "valid")).stdout
            main_only = source[:source.index("package demo:clock {")]
            self.assertTrue(printed.stdout.startswith(main_only), printed.stdout)
            again = Path(tmp) / "again.wasm"
            self.assertEqual(plumb("build", str(out), "-o", str(again)).returncode, 0)
            self.assertEqual(again.read_bytes(), out.read_bytes())

    def test_wat_writes_the_text_of_the_snapshot(self):
        with tempfile.TemporaryDirectory() as tmp:
            p = plumb("build", "--wat", str(DATA / "valid"), cwd=tmp)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(os.listdir(tmp), ["demo-todo-0.1.0.wat"])
            text = (Path(tmp) / "demo-todo-0.1.0.wat").read_text()
            self.assertTrue(text.startswith("(component\n  (type (;0;)\n    (component\n"), text)
            self.assertIn('\n  (@producers\n    (processed-by "plumb" ', text)
            # The text reads back as the snapshot it prints.
            self.assertEqual(plumb("build", str(DATA / "valid"), "-o", "a.wasm", cwd=tmp).returncode, 0)
            self.assertEqual(plumb("build", "demo-todo-0.1.0.wat", "-o", "b.wasm", cwd=tmp).returncode, 0)
            self.assertEqual((Path(tmp) / "a.wasm").read_bytes(), (Path(tmp) / "b.wasm").read_bytes())

    def test_rebuilding_a_snapshot_keeps_the_function_order_of_its_docs(self):
        # The binary lists resource functions first; the docs keep the source
        # order (`first` before the constructor): decoding must restore it.
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "a.wit").write_text("package a:b;\ninterface i {\n  /// first\n  first: func();\n"
                                              "  resource r {\n    /// make one\n    constructor();\n  }\n}\n")
            one, two = Path(tmp) / "one.wasm", Path(tmp) / "two.wasm"
            self.assertEqual(plumb("build", str(Path(tmp) / "a.wit"), "-o", str(one)).returncode, 0)
            self.assertEqual(plumb("build", str(one), "-o", str(two)).returncode, 0)
            self.assertEqual(one.read_bytes(), two.read_bytes())

    def test_gated_items_are_kept_with_their_gates(self):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "api.wit").write_text(self.GATED)
            snap = Path(tmp) / "gated.wasm"
            self.assertEqual(plumb("build", str(Path(tmp) / "api.wit"), "-o", str(snap)).returncode, 0)
            everything = plumb("print", "--all-features", str(snap)).stdout
            self.assertIn("  @since(version = 1.0.0)\n  stable-call: func();\n", everything)
            self.assertIn("  @unstable(feature = fancy)\n  fancy-call: func();\n", everything)
            # A consumer that does not enable the feature does not see the item.
            plain = plumb("print", str(snap)).stdout
            self.assertIn("stable-call", plain)
            self.assertNotIn("fancy-call", plain)
            # --features narrows what is published.
            narrow = Path(tmp) / "narrow.wasm"
            self.assertEqual(plumb("build", str(Path(tmp) / "api.wit"), "--features", "other",
                                   "-o", str(narrow)).returncode, 0)
            self.assertNotIn("fancy-call", plumb("print", "--all-features", str(narrow)).stdout)

    def test_a_binary_beside_wit_files_is_read_on_its_own(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.assertEqual(plumb("build", str(DATA / "valid"), "-o", str(Path(tmp) / "todo.wasm")).returncode, 0)
            (Path(tmp) / "other.wit").write_text("package x:y;\ninterface unrelated {}\n")
            p = plumb("print", str(Path(tmp) / "todo.wasm"))
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertTrue(p.stdout.startswith("package demo:todo@0.1.0;\n"), p.stdout)

    def test_what_the_component_model_forbids_is_refused_and_nothing_written(self):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "e.wit").write_text("package a:b;\ninterface i {\n  record r {}\n  f: func(x: tuple<>);\n}\n")
            target = Path(tmp) / "e.wasm"
            target.write_bytes(b"previous")
            p = plumb("build", str(Path(tmp) / "e.wit"), "-o", str(target))
            self.assertEqual((p.returncode, p.stdout), (1, ""))
            self.assertIn("error[E0708]: record `r` is empty, which a binary snapshot cannot hold", p.stderr)
            self.assertIn("error[E0708]: the empty tuple `tuple<>` cannot be in a binary snapshot", p.stderr)
            self.assertIn("e.wit:4:14", p.stderr)
            self.assertEqual(target.read_bytes(), b"previous")
            self.assertEqual(sorted(os.listdir(tmp)), ["e.wasm", "e.wit"])

    def test_an_empty_package_is_refused(self):
        p = plumb("build", "-", input="package a:b;\n")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("error[E0707]: package `a:b` has no interfaces or worlds", p.stderr)


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


ROOT = HERE.parent.parent


def write_tree(root, files):
    """Writes {relative path: text} under `root`."""
    for rel, text in files.items():
        path = Path(root) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def error_count(text):
    return len(re.findall(r"^error\[E\d{4}\]: ", text, re.M))


class CommandLine(unittest.TestCase):
    def test_global_options_before_or_after_the_command(self):
        valid = str(DATA / "valid")
        for args in (["--color", "never", "-q", "check", valid],
                     ["check", valid, "--color", "never", "-q"],
                     ["--color=never", "check", "--quiet", valid]):
            p = plumb(*args)
            self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""), args)
        # JSON always ends with its summary record: -q only quiets people's output.
        p = plumb("--message-format", "json", "check", valid, "-q")
        self.assertEqual((p.returncode, p.stderr), (0, ""))
        self.assertEqual([json.loads(line)["type"] for line in p.stdout.splitlines()], ["summary"])
        p = plumb("--message-format=json", "check", str(DATA / "broken"))
        self.assertEqual(p.returncode, 1)
        self.assertEqual([json.loads(line)["type"] for line in p.stdout.splitlines()], ["diagnostic"] * 3 + ["summary"])

    def test_double_dash_ends_options(self):
        with tempfile.TemporaryDirectory() as tmp:
            write_tree(tmp, {"-q.wit": "package t:dash;\ninterface i {}\n"})
            p = plumb("check", "--", "-q.wit", cwd=tmp)
            self.assertEqual((p.returncode, p.stderr), (0, "checked 1 file, 1 package: no errors\n"))
            p = plumb("check", "-q.wit", cwd=tmp)
            self.assertEqual(p.returncode, 2)
            self.assertIn("unexpected argument '-.'", p.stderr)

    def test_version(self):
        for args in (["-V"], ["--version"], ["check", "-V"]):
            p = plumb(*args)
            self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "plumb 0.1.0\n", ""), args)

    def test_every_message_format_is_accepted(self):
        for fmt in ("human", "short", "json", "github", "sarif"):
            p = plumb("check", "--message-format", fmt, str(DATA / "broken"))
            self.assertEqual(p.returncode, 1, fmt)
            self.assertIn("b.wit", p.stdout + p.stderr, fmt)


class UsageErrors(unittest.TestCase):
    def assertUsage(self, p, first_line, usage="plumb <COMMAND> [OPTIONS]", more="plumb help"):
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(p.stdout, "")
        self.assertEqual(p.stderr.splitlines()[0], first_line)
        self.assertIn(f"\nUsage: {usage}\n\nFor more information, try '{more}'.\n", p.stderr)

    def test_unknown_subcommand_with_a_suggestion(self):
        p = plumb("chek", "x")
        self.assertEqual((p.returncode, p.stdout), (2, ""))
        self.assertEqual(p.stderr, "error: unrecognized subcommand 'chek'\n\n"
                                   "  tip: did you mean 'check'?\n\n"
                                   "Usage: plumb <COMMAND> [OPTIONS]\n\n"
                                   "For more information, try 'plumb help'.\n")

    def test_unknown_subcommand_far_from_any_has_no_tip(self):
        p = plumb("frobnicate")
        self.assertUsage(p, "error: unrecognized subcommand 'frobnicate'")
        self.assertNotIn("tip:", p.stderr)

    def test_unknown_option(self):
        p = plumb("check", "--frobnicate", str(DATA / "valid"))
        self.assertUsage(p, "error: unexpected argument '--frobnicate'", "plumb check [OPTIONS] [PATH]...",
                         "plumb help check")
        self.assertNotIn("tip:", p.stderr)
        p = plumb("check", "--featurs", "x", str(DATA / "valid"))
        self.assertUsage(p, "error: unexpected argument '--featurs'", "plumb check [OPTIONS] [PATH]...",
                         "plumb help check")
        self.assertIn("\n  tip: did you mean '--features'?\n", p.stderr)
        # Among that command's options (and the global ones) only.
        p = plumb("explain", "--featurs")
        self.assertNotIn("--features", p.stderr)
        p = plumb("print", "--jsno", str(DATA / "valid"))
        self.assertIn("tip: did you mean '--json'?", p.stderr)

    def test_an_option_of_a_command_before_the_command(self):
        p = plumb("--features", "x", "check", str(DATA / "valid"))
        self.assertUsage(p, "error: unexpected argument '--features'")
        self.assertIn("tip: '--features' is an option of 'plumb check': put it after the command", p.stderr)

    def test_missing_value(self):
        p = plumb("check", str(DATA / "valid"), "--features")
        self.assertUsage(p, "error: a value is required for '--features <LIST>' but none was supplied",
                         "plumb check [OPTIONS] [PATH]...", "plumb help check")
        # The next option is not a value.
        p = plumb("check", "--features", "--all-features", str(DATA / "valid"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("a value is required for '--features <LIST>'", p.stderr)

    def test_invalid_value_names_the_possible_ones(self):
        p = plumb("--color", "blue", "check", str(DATA / "valid"))
        self.assertUsage(p, "error: invalid value 'blue' for '--color <WHEN>'")
        self.assertIn("[possible values: auto, always, never]", p.stderr)
        p = plumb("check", "--message-format=xml", str(DATA / "valid"))
        self.assertIn("[possible values: human, short, json, github, sarif]", p.stderr)
        p = plumb("check", "--color", "nevr", str(DATA / "valid"))
        self.assertIn("tip: did you mean 'never'?", p.stderr)

    def test_a_flag_takes_no_value(self):
        p = plumb("check", "--quiet=yes", str(DATA / "valid"))
        self.assertUsage(p, "error: unexpected value 'yes' for '--quiet'; it takes none",
                         "plumb check [OPTIONS] [PATH]...", "plumb help check")

    def test_too_many_arguments(self):
        p = plumb("print", "--json", str(DATA / "valid"), str(DATA / "broken"))
        self.assertUsage(p, f"error: unexpected argument '{DATA / 'broken'}'", "plumb print [OPTIONS] [PATH]",
                         "plumb help print")

    def test_no_subcommand_prints_the_help_as_an_error(self):
        for args in ([], ["-q"], ["--color", "never"]):
            p = plumb(*args)
            self.assertEqual((p.returncode, p.stdout), (2, ""), args)
            self.assertEqual(p.stderr, plumb("help").stdout)

    def test_help_on_stdout(self):
        main = plumb("help")
        self.assertEqual((main.returncode, main.stderr), (0, ""))
        self.assertIn("Usage: plumb <COMMAND> [OPTIONS]", main.stdout)
        self.assertEqual(plumb("--help").stdout, main.stdout)
        self.assertEqual(plumb("-h").stdout, main.stdout)
        check = plumb("help", "check")
        self.assertEqual((check.returncode, check.stderr), (0, ""))
        self.assertIn("Usage: plumb check [OPTIONS] [PATH]...", check.stdout)
        for args in (["check", "--help"], ["check", "-h"], ["--color", "never", "check", "-h", "--bogus"]):
            p = plumb(*args)
            self.assertEqual((p.returncode, p.stdout, p.stderr), (0, check.stdout, ""), args)

    def test_help_of_an_unknown_command(self):
        p = plumb("help", "prnit")
        self.assertUsage(p, "error: unrecognized subcommand 'prnit'")
        self.assertIn("tip: did you mean 'print'?", p.stderr)


class HelpTexts(unittest.TestCase):
    COMMANDS = ("check", "print", "explain", "help")

    def test_sections_of_every_help(self):
        for cmd in ("", *self.COMMANDS):
            text = plumb("help", *([cmd] if cmd else [])).stdout
            self.assertTrue(text.splitlines()[0], cmd)
            for section in ("\nUsage: plumb ", "\nGlobal options", "\nExamples:\n", "\nExit status:\n"):
                self.assertIn(section, text, (cmd, section))
            if cmd:
                self.assertIn(f"\nUsage: plumb {cmd}", text)
                self.assertIn("\nArguments:\n", text)
            self.assertRegex(text, r"\n  0  ")
            self.assertRegex(text, r"\n  2  usage error")
            for artefact in ("REQUIRED", ":{", "TEXT:", "[option]"):
                self.assertNotIn(artefact, text, cmd)

    def test_every_option_in_a_help_is_accepted(self):
        # The converse (every option the parser accepts is described in its
        # command's help) is a unit test, which reads the parser's tables.
        with tempfile.TemporaryDirectory() as tmp:
            for cmd in self.COMMANDS:
                text = plumb("help", cmd).stdout
                options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b", text))
                self.assertIn("--color", options)
                for option in sorted(options):
                    p = plumb(cmd, option, cwd=tmp)
                    self.assertNotIn("unexpected argument", p.stderr, (cmd, option))
        self.assertIn("--features <LIST>", plumb("help", "check").stdout)


class CheckOptions(unittest.TestCase):
    """Every option of `plumb check`, in front of several paths that each
    have an error: each path's error is reported, whatever the options."""

    OPTION_SETS = [
        ["--features", "x"], ["--features=x"], ["--features", "x", "--features", "y,z"], ["--all-features"],
        ["--color", "never"], ["--color=always"], ["--color", "auto"], ["-q"], ["--quiet"],
        ["--message-format", "human"], ["--message-format", "short"], ["--message-format", "json"],
        ["--message-format", "github"], ["--message-format=sarif"],
        ["--features", "x", "-q", "--all-features", "--color", "never", "--message-format", "json"],
    ]

    def test_the_option_sets_cover_every_option_of_check(self):
        text = plumb("help", "check").stdout
        options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b", text)) - {"-h", "--help", "-V", "--version"}
        tested = {arg.split("=")[0] for args in self.OPTION_SETS for arg in args if arg.startswith("-")}
        self.assertEqual(options - tested, set())

    def test_every_path_is_checked_whatever_the_options(self):
        with tempfile.TemporaryDirectory() as tmp:
            write_tree(tmp, {
                "a/a.wit": "package t:a;\ninterface i {\n  type t = strng;\n}\n",
                "b/b.wit": "package t:b;\n@unstable(feature = x)\ninterface j {\n  f: func() -> nope;\n}\n",
                "c/c.wit": "package t:c;\ninterface k {\n  f: func(;\n}\n",
            })
            paths = ["a/a.wit", "b/b.wit", "c/c.wit"]
            for options in self.OPTION_SETS:
                p = plumb("check", *options, *paths, cwd=tmp)
                self.assertEqual(p.returncode, 1, (options, p.stderr))
                out = p.stdout + p.stderr
                for path in paths:
                    self.assertIn(path, out, (options, out))


class Paths(unittest.TestCase):
    def test_a_missing_file_is_reported_even_beside_a_deps_folder(self):
        missing = DATA / "valid" / "no-such-file.wit"
        p = plumb("check", "--color", "never", str(missing))
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn(f"error[E0001]: no such file or directory: {missing}\n", p.stderr)

    def test_a_missing_file_is_reported_and_not_its_siblings(self):
        missing = DATA / "broken" / "no-such-file.wit"
        p = plumb("check", "--color", "never", str(missing))
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"error[E0001]: no such file or directory: {missing}\n", p.stderr)
        self.assertEqual(error_count(p.stderr), 1)

    def test_every_named_path_is_checked_or_reported(self):
        missing = DATA / "nope"
        p = plumb("check", str(missing), str(DATA / "broken"), str(DATA / "valid"))
        self.assertEqual(p.returncode, 1)
        self.assertEqual(error_count(p.stderr), 4)
        self.assertIn(f"no such file or directory: {missing}", p.stderr)
        self.assertIn("4 errors, 0 warnings in 3 packages (4 files)", p.stderr)

    def test_the_missing_path_as_json_names_its_file(self):
        import jsonschema
        schema = json.loads((Path(SCHEMAS) / "diagnostic.schema.json").read_text())
        missing = DATA / "nope.wit"
        p = plumb("check", "--message-format", "json", str(missing))
        diag = json.loads(p.stdout.splitlines()[0])
        self.assertEqual((diag["code"], diag["file"]), ("E0001", str(missing)))
        jsonschema.validate(diag, schema)

    def test_print_reads_a_file_as_part_of_its_package(self):
        whole = plumb("print", "--json", str(DATA / "valid"))
        self.assertEqual(whole.returncode, 0, whole.stderr)
        by_file = plumb("print", "--json", str(DATA / "valid" / "todo.wit"))
        self.assertEqual((by_file.returncode, by_file.stdout), (0, whole.stdout), by_file.stderr)

    def test_print_reports_a_missing_path(self):
        p = plumb("print", "--json", str(DATA / "nope.wit"))
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("error[E0001]: no such file or directory", p.stderr)

    def test_no_path_means_wit(self):
        with tempfile.TemporaryDirectory() as tmp:
            p = plumb("check", cwd=tmp)
            self.assertEqual(p.returncode, 2)
            self.assertIn("error: no PATH given, and there is no `wit/` directory here", p.stderr)
            self.assertEqual(plumb("print", "--json", cwd=tmp).returncode, 2)
            write_tree(tmp, {"wit/api.wit": "package t:api;\ninterface i {}\n"})
            p = plumb("check", cwd=tmp)
            self.assertEqual((p.returncode, p.stderr), (0, "checked 1 file, 1 package: no errors\n"))
            p = plumb("print", "--json", cwd=tmp)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(json.loads(p.stdout)["packages"][0]["name"], "t:api")

    def test_dash_reads_standard_input(self):
        p = plumb("check", "--color", "never", "-", input="package t:s;\ninterface i {\n  type t = strng;\n}\n")
        self.assertEqual(p.returncode, 1)
        self.assertIn("--> <stdin>:3:12", p.stderr)
        self.assertIn("1 error, 0 warnings in 1 package (1 file)", p.stderr)
        p = plumb("check", "-", str(DATA / "valid"), input="package t:s;\ninterface i {}\n")
        self.assertEqual((p.returncode, p.stderr), (0, "checked 3 files, 3 packages: no errors\n"))
        p = plumb("print", "--json", "-", input="package t:s;\ninterface i {}\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["packages"][0]["name"], "t:s")


GATED = "package t:gated;\n@unstable(feature = fast)\ninterface f {}\n@unstable(feature = beta)\ninterface b {}\n"


class UnknownFeatures(unittest.TestCase):
    def test_a_feature_no_package_has_is_a_warning(self):
        with tempfile.TemporaryDirectory() as tmp:
            write_tree(tmp, {"gated.wit": GATED})
            p = plumb("check", "--color", "never", "--features", "fast,fats", "gated.wit", cwd=tmp)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "warning[W0001]: feature `fats` is not used by any package\n"
                                   "      = help: the packages read have: beta, fast\n\n"
                                   "0 errors, 1 warning in 1 package (1 file)\n")

    def test_known_features_give_no_warning(self):
        with tempfile.TemporaryDirectory() as tmp:
            write_tree(tmp, {"gated.wit": GATED})
            p = plumb("check", "--features", "fast", "--features=beta", "gated.wit", cwd=tmp)
        self.assertEqual((p.returncode, p.stderr), (0, "checked 1 file, 1 package: no errors\n"))

    def test_the_warning_comes_after_the_errors_with_no_location(self):
        p = plumb("check", "--color", "never", "--features", "active", str(DATA / "semantic"))
        self.assertEqual(p.returncode, 1)
        locations = re.findall(r"--> \S+", p.stderr)
        self.assertTrue(locations[0].endswith("app.wit:6:12"), locations)
        warning = p.stderr.index("warning[W0001]: feature `active` is not used by any package")
        self.assertGreater(warning, p.stderr.rindex("error[E"))
        self.assertNotIn("-->", p.stderr[warning:])
        self.assertIn("the packages read have no @unstable features", p.stderr[warning:])
        self.assertIn("2 errors, 1 warning", p.stderr)


class Summary(unittest.TestCase):
    def test_packages_that_failed_are_counted(self):
        p = plumb("check", str(DATA / "broken"))
        self.assertIn("3 errors, 0 warnings in 1 package (2 files)", p.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            write_tree(tmp, {
                "app/app.wit": "package t:app;\ninterface i {\n  f: func(;\n}\n",
                "app/deps/lib.wit": "package t:lib;\ninterface l {}\npackage t:inner {\n  interface n {}\n}\n",
            })
            p = plumb("check", "app", cwd=tmp)
        self.assertEqual(p.returncode, 1)
        # app (which failed), lib, and the package nested in lib's file.
        self.assertIn("1 error, 0 warnings in 3 packages (2 files)", p.stderr)


class ColourEnvironment(unittest.TestCase):
    def coloured(self, *args, **env):
        p = plumb(*args, "check", str(DATA / "broken"), env=env)
        return "\x1b[" in p.stderr

    def test_force_color_and_clicolor_force(self):
        self.assertTrue(self.coloured(FORCE_COLOR="1"))
        self.assertTrue(self.coloured(CLICOLOR_FORCE="1"))
        self.assertFalse(self.coloured(FORCE_COLOR="0"))
        self.assertFalse(self.coloured())

    def test_no_color_and_the_flag(self):
        self.assertFalse(self.coloured(NO_COLOR="1", FORCE_COLOR="1"))
        self.assertFalse(self.coloured("--color", "never", FORCE_COLOR="1"))
        self.assertTrue(self.coloured("--color", "always", NO_COLOR="1"))

    def test_usage_errors_follow_the_same_rules(self):
        self.assertIn("\x1b[", plumb("chek", env={"FORCE_COLOR": "1"}).stderr)
        self.assertNotIn("\x1b[", plumb("chek").stderr)
        self.assertNotIn("\x1b[", plumb("--color", "never", "chek", env={"FORCE_COLOR": "1"}).stderr)


class Explain(unittest.TestCase):
    def test_a_code_prints_its_page(self):
        page = (ROOT / "docs" / "errors" / "E0301.md").read_text()
        for code in ("E0301", "e0301"):
            p = plumb("explain", code)
            self.assertEqual((p.returncode, p.stdout, p.stderr), (0, page, ""), code)

    def test_an_unknown_code(self):
        p = plumb("explain", "E0399")
        self.assertEqual((p.returncode, p.stdout), (2, ""))
        self.assertIn("error: no error code 'E0399'", p.stderr)
        self.assertIn("tip: did you mean 'E0309'?", p.stderr)
        self.assertIn("tip: did you mean 'E0309'?", plumb("explain", "e0399").stderr)
        p = plumb("explain", "nonsense")
        self.assertEqual(p.returncode, 2)
        self.assertNotIn("tip:", p.stderr)

    def test_the_list_of_every_code(self):
        rows = re.findall(r'^DIAG\(\w+, "(\w+)", "(.*)"\)$',
                          (ROOT / "diagnostics" / "include" / "plumb" / "diagnostics" / "codes.def").read_text(), re.M)
        self.assertGreater(len(rows), 40)
        expected = "".join(f"{code}  {summary}\n" for code, summary in rows)
        for args in ([], ["--list"]):
            p = plumb("explain", *args)
            self.assertEqual((p.returncode, p.stdout), (0, expected), args)


class FilesThatAreNotWit(unittest.TestCase):
    def write(self, files):
        tmp = tempfile.TemporaryDirectory(prefix="plumb-e2e-")
        self.addCleanup(tmp.cleanup)
        root = Path(tmp.name)
        for rel, data in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        return root

    def check(self, *args):
        # The snippet may echo the file's invalid bytes: decode leniently.
        p = subprocess.run([PLUMB, "check", *args], capture_output=True, timeout=60)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")

    def test_invalid_utf8_is_located_and_the_byte_named(self):
        root = self.write({"pkg/root.wit": b"package a:b;\n\ninterface i { \xff }\n"})
        rc, out, err = self.check(str(root / "pkg"))
        self.assertEqual(rc, 1)
        self.assertIn("error[E0003]: input file is not valid utf-8 [", err)
        self.assertIn(f"--> {root}/pkg/root.wit:3:15", err)
        self.assertIn("byte 0xFF at line 3, column 15 is not valid UTF-8", err)
        self.assertEqual(err.count("error["), 1, err)  # not parsed as well

    def test_utf16_is_named_with_a_way_out(self):
        text = "package a:b;\ninterface i {}\n"
        root = self.write({"pkg/root.wit": text.encode("utf-16")})
        rc, out, err = self.check(str(root / "pkg"))
        self.assertEqual(rc, 1)
        self.assertIn("error[E0004]: input file is UTF-16, not UTF-8 [", err)
        self.assertIn(f"--> {root}/pkg/root.wit:1:1", err)
        self.assertIn("iconv -f UTF-16 -t UTF-8", err)

    def test_a_wasm_dependency_that_is_an_html_page(self):
        root = self.write({"pkg/root.wit": b"package a:b;\ninterface i {}\n",
                           "pkg/deps/dep.wasm": b"<!DOCTYPE html>\n<html><body>Not Found</body></html>\n"})
        rc, out, err = self.check(str(root / "pkg"))
        self.assertEqual(rc, 1)
        self.assertIn(f"error[E0005]: not a WebAssembly binary: {root}/pkg/deps/dep.wasm", err)
        self.assertIn("this looks like an HTML page", err)
        self.assertNotIn("found '<'", err)
        rc, out, err = self.check("--message-format", "json", str(root / "pkg"))
        first = json.loads(out.splitlines()[0])
        self.assertEqual(first["code"], "E0005")
        self.assertEqual(first["file"], f"{root}/pkg/deps/dep.wasm")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--schemas", required=True)
    args, rest = ap.parse_known_args()
    PLUMB = str(Path(args.plumb).resolve())
    SCHEMAS = args.schemas
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
