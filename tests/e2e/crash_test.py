#!/usr/bin/env python3
"""Crash safety. The registry is killed with SIGKILL at random points during
200 publishes and restarted each time; then a client verifies the whole
log: every publish that was acknowledged is there, and nothing partial is.
And `plumb pull` killed in the middle of a download leaves the output file
as it was and no entry, partial or not, in the cache.

usage: crash_test.py --plumb PATH
"""
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import warg_tools as wt  # noqa: E402

PLUMB = None
PUBLISHES = 200


class Crashes(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        self.env = dict(os.environ, PLUMB_HOME=str(self.root / "home"), NO_COLOR="1")

    def tearDown(self):
        self.tmp.cleanup()

    def run_plumb(self, *args, env=None):
        return subprocess.run([PLUMB, *args], capture_output=True, text=True, env=env or self.env, timeout=120,
                              cwd=self.root)

    def test_kill_9_during_publishes_loses_nothing_acknowledged(self):
        server = wt.RegistryServer(PLUMB, self.root / "reg", self.env)
        port = server.port
        server.args[server.args.index("127.0.0.1:0")] = "127.0.0.1:%d" % port
        self.run_plumb("key", "new")
        wit = self.root / "wit"
        wit.mkdir()
        acknowledged = []
        kills = 0
        lock = threading.Lock()
        done = threading.Event()

        def killer():
            nonlocal kills
            rng = random.Random(1234)
            while not done.wait(rng.uniform(0.05, 0.6)):
                with lock:
                    server.stop(signal.SIGKILL)
                    kills += 1
                    for _ in range(100):  # the port comes back once the old socket is gone
                        try:
                            server.start()
                            break
                        except RuntimeError:
                            time.sleep(0.05)

        thread = threading.Thread(target=killer)
        thread.start()
        try:
            for i in range(PUBLISHES):
                version = "1.0.%d" % i
                (wit / "api.wit").write_text(f"package example:api@{version};\ninterface i {{\n  f: func() -> u32;\n}}\n")
                for attempt in range(50):
                    p = self.run_plumb("publish", str(wit), "--registry", "http://127.0.0.1:%d/" % port)
                    if p.returncode == 0:
                        acknowledged.append(version)
                        break
                    if "which is already released" in p.stderr:
                        break  # it landed, though its publish did not hear so
                    time.sleep(0.05)
                else:
                    self.fail("publish %s never succeeded: %s" % (version, p.stderr))
        finally:
            done.set()
            thread.join()
        print("\n%d publishes, %d SIGKILLs of the registry, %d acknowledged" % (PUBLISHES, kills, len(acknowledged)),
              file=sys.stderr)
        self.assertGreater(kills, 5)
        self.assertGreater(len(acknowledged), PUBLISHES // 2)

        # A fresh client verifies everything, and finds every acknowledged release.
        with lock:
            server.stop(signal.SIGKILL)
            server.start()
        try:
            fresh = dict(self.env, PLUMB_HOME=str(self.root / "fresh"))
            # The first pull verifies the whole log (every record of every
            # log, the checkpoint, the proofs); each acknowledged release is
            # then there, with its content.
            for version in acknowledged:
                p = self.run_plumb("pull", "example:api@" + version, "--registry", server.url, "-o",
                                   str(self.root / "out.wasm"), env=fresh)
                self.assertEqual(p.returncode, 0, p.stderr)
                text = self.run_plumb("print", str(self.root / "out.wasm")).stdout
                self.assertTrue(text.startswith("package example:api@%s;" % version), text)
        finally:
            server.stop()

    def test_kill_9_during_a_pull_leaves_old_or_nothing(self):
        server = wt.RegistryServer(PLUMB, self.root / "reg", self.env)
        proxy = wt.TamperingProxy(server.port)
        try:
            self.run_plumb("key", "new")
            wit = self.root / "wit"
            wit.mkdir()
            docs = "".join("/// %s\n" % ("x" * 200) for _ in range(8000))  # a snapshot of about 1.6 MB
            (wit / "api.wit").write_text(f"package example:big@1.0.0;\n{docs}interface i {{\n  f: func();\n}}\n")
            p = self.run_plumb("publish", str(wit), "--registry", server.url)
            self.assertEqual(p.returncode, 0, p.stderr)
            server_url, proxy_url = server.url, proxy.url

            def slow(path, status, headers, body):
                if path.startswith("/v1/content/"):
                    return status, headers, body.replace(server_url.encode(), proxy_url.encode())
                if path.startswith("/content/"):
                    return status, headers, body, "slow"
                return status, headers, body
            proxy.tamper = slow
            out = self.root / "big.wasm"
            out.write_bytes(b"the old file")
            consumer = dict(self.env, PLUMB_HOME=str(self.root / "consumer"))
            pull = subprocess.Popen([PLUMB, "pull", "example:big", "--registry", proxy.url, "-o", str(out)],
                                    env=consumer, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertTrue(proxy.sending.wait(30), "the download never started")
            time.sleep(0.2)
            pull.kill()
            pull.communicate(timeout=20)
            self.assertEqual(pull.returncode, -signal.SIGKILL)
            self.assertEqual(out.read_bytes(), b"the old file")
            cache = self.root / "consumer" / "cache"
            self.assertEqual(list(cache.iterdir()) if cache.exists() else [], [])
            self.assertEqual([f.name for f in self.root.iterdir() if f.name.startswith("big.wasm.")], [])

            # Done again, uninterrupted: the new file, and one cache entry.
            proxy.tamper = lambda path, status, headers, body: (
                status, headers, body.replace(server_url.encode(), proxy_url.encode()))
            p = self.run_plumb("pull", "example:big", "--registry", proxy.url, "-o", str(out), env=consumer)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertGreater(out.stat().st_size, 1_000_000)
            self.assertEqual(len(list(cache.iterdir())), 1)
        finally:
            proxy.stop()
            server.stop()


if __name__ == "__main__":
    wt.run_tests(globals())
