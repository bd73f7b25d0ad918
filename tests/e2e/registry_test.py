#!/usr/bin/env python3
"""End-to-end tests of `plumb registry serve`: it serves on an ephemeral
loopback port, prints its URL once ready, answers the v1 API, keeps its
store and operator key (0600) in --data, stops cleanly on SIGTERM and
SIGINT, and comes back with what it had.

usage: registry_test.py --plumb PATH
"""
import argparse
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request
from pathlib import Path

PLUMB = None


class Server:
    """`plumb registry serve` on 127.0.0.1:0, stopped by the test."""

    def __init__(self, data, *extra):
        self.proc = subprocess.Popen([PLUMB, "registry", "serve", "--data", str(data), "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()
        assert self.url.startswith("http://127.0.0.1:"), self.proc.stderr.read()

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), json.loads(r.read())

    def post(self, path, body):
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=20)
        return self.proc.returncode, err


class RegistryServe(unittest.TestCase):
    def test_serves_and_stops_cleanly(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "reg"
            s = Server(data, "--namespace", "example")
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
                code, err = s.stop()
            self.assertEqual(code, 0, err)
            self.assertIn("plumb registry: stopped", err)
            self.assertEqual(stat.S_IMODE(os.stat(data / "operator.key").st_mode), 0o600)

            # Again: the same operator key, the same log; SIGINT stops it too.
            s = Server(data, "--namespace", "example")
            try:
                _, _, again = s.get("v1/fetch/checkpoint")
                self.assertEqual(again["keyId"], cp["keyId"])
                self.assertEqual(again["contents"]["logRoot"], cp["contents"]["logRoot"])
            finally:
                code, err = s.stop(signal.SIGINT)
            self.assertEqual(code, 0, err)

            # A new namespace is a new operator record.
            s = Server(data, "--namespace", "example", "--namespace", "more")
            try:
                _, _, grown = s.get("v1/fetch/checkpoint")
                self.assertEqual(grown["contents"]["logLength"], 2)
            finally:
                s.stop()

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
    parser = argparse.ArgumentParser()
    parser.add_argument("--plumb", required=True)
    args, rest = parser.parse_known_args()
    PLUMB = str(Path(args.plumb).resolve())
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
