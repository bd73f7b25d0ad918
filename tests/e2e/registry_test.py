#!/usr/bin/env python3
"""End-to-end tests of `plumb registry serve`: it serves on an ephemeral
loopback port, prints its URL once ready, answers the v1 API, keeps its
store and operator key (0600) in --data, stops cleanly on SIGTERM and
SIGINT, and comes back with what it had.

usage: registry_test.py --plumb PATH
"""
import os
import signal
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import warg_tools as wt  # noqa: E402

PLUMB = None


class RegistryServe(unittest.TestCase):
    def test_serves_and_stops_cleanly(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "reg"
            s = wt.RegistryServer(PLUMB, data)
            try:
                status, ctype, cp = s.get("v1/fetch/checkpoint")
                self.assertEqual((status, ctype), (200, "application/json"))
                self.assertEqual(cp["contents"]["logLength"], 1)
                status, logs = s.post("v1/fetch/logs", {"logLength": 1})
                self.assertEqual(status, 200)
                self.assertEqual(len(logs["operator"]), 1)
                self.assertEqual(s.post("v1/fetch/logs", {"logLength": 5})[1],
                                 {"status": 404, "type": "logLength", "id": 5})
                _, _, known = s.get(".well-known/wasm-pkg/registry.json")
                self.assertEqual(known["preferredProtocol"], "warg")
                self.assertEqual(known["wargUrl"], s.url.rstrip("/"))
            finally:
                code, err = s.stop(), s.stderr
            self.assertEqual(code, 0, err)
            self.assertIn("plumb registry: stopped", err)
            self.assertEqual(stat.S_IMODE(os.stat(data / "operator.key").st_mode), 0o600)

            # Again: the same operator key, the same log; SIGINT stops it too.
            s = wt.RegistryServer(PLUMB, data)
            try:
                _, _, again = s.get("v1/fetch/checkpoint")
                self.assertEqual(again["keyId"], cp["keyId"])
                self.assertEqual(again["contents"]["logRoot"], cp["contents"]["logRoot"])
            finally:
                code, err = s.stop(signal.SIGINT), s.stderr
            self.assertEqual(code, 0, err)

            # A new namespace is a new operator record.
            s = wt.RegistryServer(PLUMB, data, namespaces=("example", "more"))
            try:
                _, _, grown = s.get("v1/fetch/checkpoint")
                self.assertEqual(grown["contents"]["logLength"], 2)
            finally:
                s.stop()

    def test_json_of_another_shape_is_a_422(self):
        with tempfile.TemporaryDirectory() as tmp:
            s = wt.RegistryServer(PLUMB, Path(tmp) / "reg")
            try:
                status, body = s.post("v1/fetch/logs", {"logLength": 1, "operator": 5})
                self.assertEqual(status, 422)
                self.assertTrue(body["message"].startswith("the request is not the Warg API's: "), body)
                zero = "sha256:" + "0" * 64
                status, body = s.post(f"v1/package/{zero}/record", {"packageName": 5, "record": []})
                self.assertEqual(status, 422, body)
                # Still serving.
                self.assertEqual(s.get("v1/fetch/checkpoint")[0], 200)
            finally:
                self.assertEqual(s.stop(), 0, s.stderr)

    def test_usage_errors(self):
        p = subprocess.run([PLUMB, "registry", "serve", "--listen", "nowhere"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("invalid value 'nowhere' for '--listen <ADDR>'", p.stderr)
        p = subprocess.run([PLUMB, "registry", "start"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("unrecognized subcommand 'start'", p.stderr)

    def test_an_unusable_store_is_an_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "file").write_text("not a folder")
            p = subprocess.run([PLUMB, "registry", "serve", "--data", str(Path(tmp) / "file"), "--listen", "127.0.0.1:0"],
                               capture_output=True, text=True, timeout=20)
            self.assertEqual((p.returncode, p.stdout), (1, ""))
            self.assertIn("cannot open the registry in", p.stderr)


if __name__ == "__main__":
    wt.run_tests(globals())
