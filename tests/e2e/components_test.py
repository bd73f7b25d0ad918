#!/usr/bin/env python3
"""End-to-end tests of component .wasm files given as the path: printed,
checked and built as their world, as `wasm-tools component wit` shows it,
and refused with the reference's message when they are invalid.

usage: components_test.py --plumb PATH
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PLUMB = None


def plumb(*args, cwd=None):
    return subprocess.run([PLUMB, *args], capture_output=True, text=True, timeout=60, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"})


class Components(unittest.TestCase):
    """A component .wasm (not a WIT package) given as the path is its world:
    its imports and exports as `world root` of `root:component`, and the
    packages they come from nested after it, as `wasm-tools component wit`
    shows them. The fixtures, their .wit/.expected files and make.sh that
    writes them with the reference are in data/components."""
    COMPONENTS = DATA / "components"

    def test_worlds_of_components_print_as_the_reference(self):
        cases = [(f.with_suffix(".wasm"), f.read_text()) for f in self.COMPONENTS.glob("*.wit")]
        cases += [(f.with_suffix(".wasm"), f.read_text()) for f in self.COMPONENTS.glob("*.expected")
                  if not f.read_text().startswith("error\n")]
        self.assertEqual(len(cases), 5)
        for wasm, expected in cases:
            with self.subTest(wasm.name):
                p = plumb("print", str(wasm))
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertTrue(p.stdout.startswith(expected), p.stdout)

    def test_types_of_exported_instances_are_their_imports(self):
        # What an exported instance uses from an imported one is a `use`,
        # not a copy: the reference's type renamings.
        p = plumb("print", str(self.COMPONENTS / "app.wasm"))
        self.assertIn("\n  interface api {\n    use types.{point, counter};\n", p.stdout)
        p = plumb("print", str(self.COMPONENTS / "res.wasm"))
        self.assertIn("\n  interface store {\n    use host.{blob};\n\n    enum mode {\n", p.stdout)
        p = plumb("print", str(self.COMPONENTS / "nested.wasm"))
        self.assertTrue(p.stdout.endswith("  interface api {\n    use host.{r};\n\n    f: func() -> u32;\n  }\n}\n"),
                        p.stdout)

    def test_invalid_components_are_refused_with_the_reference_message(self):
        cases = [f for f in self.COMPONENTS.glob("*.expected") if f.read_text().startswith("error\n")]
        self.assertEqual(len(cases), 3)
        for f in cases:
            with self.subTest(f.name):
                message = f.read_text().split("\n")[1]
                message = re.sub(r" \(at offset (0x[0-9a-f]+)\)$", r" (at byte offset \1", message)
                p = plumb("check", str(f.with_suffix(".wasm")))
                self.assertEqual((p.returncode, p.stdout), (1, ""))
                self.assertIn("failed to decode WIT package [" + str(f.with_suffix(".wasm")) + "]: ", p.stderr)
                self.assertIn(message, p.stderr)

    def test_check_and_build_accept_a_component(self):
        wasm = self.COMPONENTS / "res.wasm"
        p = plumb("check", str(wasm))
        self.assertEqual(p.returncode, 0, p.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            p = plumb("build", str(wasm), cwd=tmp)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(os.listdir(tmp), ["root-component.wasm"])
            snapshot = Path(tmp) / "root-component.wasm"
            self.assertEqual(plumb("print", str(snapshot)).stdout, plumb("print", str(wasm)).stdout)
            again = Path(tmp) / "again.wasm"
            self.assertEqual(plumb("build", str(snapshot), "-o", str(again)).returncode, 0)
            self.assertEqual(again.read_bytes(), snapshot.read_bytes())

    def test_a_component_in_deps_is_refused_as_the_reference_does(self):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "deps").mkdir()
            (Path(tmp) / "main.wit").write_text("package a:b;\ninterface i {}\n")
            (Path(tmp) / "deps" / "res.wasm").write_bytes((self.COMPONENTS / "res.wasm").read_bytes())
            p = plumb("check", tmp)
            self.assertEqual(p.returncode, 1)
            self.assertIn("found an actual component instead of an encoded WIT package in wasm", p.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--plumb", required=True)
    args, rest = parser.parse_known_args()
    PLUMB = str(Path(args.plumb).resolve())
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
