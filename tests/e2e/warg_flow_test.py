#!/usr/bin/env python3
"""End-to-end tests of the Warg client commands against `plumb registry
serve` on loopback: keys (0600), publish -> pull byte for byte, the newest
release that is not yanked, grant and revoke, JSON output, and the errors
of a package or release that is not there.

usage: warg_flow_test.py --plumb PATH
"""
import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import warg_tools as wt  # noqa: E402

PLUMB = None


class Flow(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        self.env = dict(os.environ, PLUMB_HOME=str(self.root / "home"), NO_COLOR="1")
        self.server = wt.RegistryServer(PLUMB, self.root / "reg", self.env)
        self.url = self.server.url

    def tearDown(self):
        self.server.stop()
        self.tmp.cleanup()

    def plumb(self, *args, home=None):
        env = dict(self.env, PLUMB_HOME=str(home)) if home else self.env
        return subprocess.run([PLUMB, *args], capture_output=True, text=True, env=env, timeout=60, cwd=self.root)

    def package(self, version, doc="greets"):
        wit = self.root / "wit"
        wit.mkdir(exist_ok=True)
        (wit / "greet.wit").write_text(f"package example:greet@{version};\n\n/// {doc}\ninterface hello {{\n"
                                       "  greet: func(name: string) -> string;\n}\n")
        return wit

    def test_publish_then_pull_byte_for_byte(self):
        p = self.plumb("key", "new")
        self.assertEqual(p.returncode, 0, p.stderr)
        key_file = self.root / "home" / "keys" / "default.key"
        self.assertEqual(stat.S_IMODE(key_file.stat().st_mode), 0o600)
        shown = json.loads(self.plumb("key", "show", "--format", "json").stdout)
        self.assertTrue(shown["publicKey"].startswith("ecdsa-p256:"))
        self.assertEqual(self.plumb("key", "new").returncode, 1)  # never overwritten

        wit = self.package("1.0.0")
        p = self.plumb("publish", str(wit), "--registry", self.url, "--format", "json")
        self.assertEqual(p.returncode, 0, p.stderr)
        published = json.loads(p.stdout)
        self.assertEqual((published["package"], published["version"]), ("example:greet", "1.0.0"))
        built = self.plumb("build", str(wit), "-o", str(self.root / "built.wasm"))
        self.assertEqual(built.returncode, 0, built.stderr)

        # Pulled by someone else (a fresh home): the same bytes, verified.
        other = self.root / "other"
        p = self.plumb("pull", "example:greet", "--registry", self.url, "-o", str(self.root / "pulled.wasm"), home=other)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual((self.root / "pulled.wasm").read_bytes(), (self.root / "built.wasm").read_bytes())
        self.assertEqual(self.plumb("check", str(self.root / "pulled.wasm")).returncode, 0)
        cached = list((other / "cache").iterdir())
        self.assertEqual([c.name for c in cached], ["sha256-" + published["digest"][7:]])

        # A newer release is what `pull` takes; once yanked, the older one.
        self.assertEqual(self.plumb("publish", str(self.package("1.1.0")), "--registry", self.url).returncode, 0)
        p = self.plumb("pull", "example:greet", "--registry", self.url, "--format", "json", home=other)
        self.assertEqual(json.loads(p.stdout)["version"], "1.1.0", p.stderr)
        self.assertTrue((self.root / "example-greet-1.1.0.wasm").exists())
        p = self.plumb("yank", "example:greet@1.1.0", "--registry", self.url)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.plumb("pull", "example:greet", "--registry", self.url, "--format", "json", home=other)
        self.assertEqual(json.loads(p.stdout)["version"], "1.0.0", p.stderr)
        p = self.plumb("pull", "example:greet@1.1.0", "--registry", self.url, home=other)
        self.assertEqual(p.returncode, 1)
        self.assertIn("example:greet@1.1.0 was yanked", p.stderr)

        # The same version again is refused by the log's rules.
        p = self.plumb("publish", str(self.package("1.0.0", doc="again")), "--registry", self.url)
        self.assertEqual(p.returncode, 1)
        self.assertIn("an entry attempted to release version 1.0.0 which is already released", p.stderr)

    def test_a_log_held_from_an_older_checkpoint_is_brought_up_to_date(self):
        # `other` pulls greet, then (after greet 1.1.0 is published) only
        # calc: its greet log is verified against an older checkpoint than
        # the one it now trusts, so the next pull of greet must fetch again.
        self.plumb("key", "new")
        self.assertEqual(self.plumb("publish", str(self.package("1.0.0")), "--registry", self.url).returncode, 0)
        other = self.root / "other"
        p = self.plumb("pull", "example:greet", "--registry", self.url, "--format", "json", home=other)
        self.assertEqual(json.loads(p.stdout)["version"], "1.0.0", p.stderr)
        self.assertEqual(self.plumb("publish", str(self.package("1.1.0")), "--registry", self.url).returncode, 0)
        calc = self.root / "calc"
        calc.mkdir()
        (calc / "calc.wit").write_text("package example:calc@0.1.0;\ninterface add {\n  add: func(a: u32, b: u32) -> u32;\n}\n")
        self.assertEqual(self.plumb("publish", str(calc), "--registry", self.url).returncode, 0)
        p = self.plumb("pull", "example:calc", "--registry", self.url, home=other)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.plumb("pull", "example:greet", "--registry", self.url, "--format", "json", home=other)
        self.assertEqual(json.loads(p.stdout)["version"], "1.1.0", p.stderr)

    def on_a_terminal(self, *args, home):
        # stderr on a pseudo-terminal, stdout piped: what a user at a shell sees.
        import pty
        leader, follower = pty.openpty()
        try:
            p = subprocess.run([PLUMB, *args], stdout=subprocess.PIPE, stderr=follower, text=True, timeout=60,
                               env=dict(self.env, PLUMB_HOME=str(home)), cwd=self.root)
            os.close(follower)
            follower = -1
            seen = b""
            while True:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            return p.returncode, seen.decode()
        finally:
            if follower >= 0:
                os.close(follower)
            os.close(leader)

    def test_progress_on_a_terminal_and_quiet_when_piped(self):
        self.plumb("key", "new")
        code, stderr = self.on_a_terminal("publish", str(self.package("1.0.0")), "--registry", self.url,
                                          home=self.root / "home")
        self.assertEqual(code, 0, stderr)
        self.assertIn("100%", stderr)
        code, stderr = self.on_a_terminal("pull", "example:greet", "--registry", self.url, "-o",
                                          str(self.root / "a.wasm"), home=self.root / "fresh")
        self.assertEqual(code, 0, stderr)
        self.assertIn("100%", stderr)
        p = self.plumb("pull", "example:greet", "--registry", self.url, "-o", str(self.root / "b.wasm"),
                       home=self.root / "piped")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("%", p.stderr)
        self.assertIn("pulled example:greet@1.0.0", p.stdout)

    def test_grant_and_revoke(self):
        self.plumb("key", "new")
        self.plumb("key", "new", "--name", "bob")
        self.assertEqual(self.plumb("publish", str(self.package("1.0.0")), "--registry", self.url).returncode, 0)
        bob = json.loads(self.plumb("key", "show", "--name", "bob", "--format", "json").stdout)
        p = self.plumb("publish", str(self.package("2.0.0")), "--registry", self.url, "--key", "bob")
        self.assertEqual(p.returncode, 1)
        self.assertIn("unknown key id", p.stderr)
        p = self.plumb("grant", "example:greet", bob["publicKey"], "--permission", "release", "--registry", self.url)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.plumb("publish", str(self.package("2.0.0")), "--registry", self.url, "--key", "bob")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.plumb("yank", "example:greet@2.0.0", "--registry", self.url, "--key", "bob")
        self.assertEqual(p.returncode, 1)
        self.assertIn("did not have required permission yank", p.stderr)
        p = self.plumb("revoke", "example:greet", bob["keyId"], "--permission", "release", "--registry", self.url)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.plumb("publish", str(self.package("3.0.0")), "--registry", self.url, "--key", "bob")
        self.assertEqual(p.returncode, 1)
        self.assertIn("did not have required permission release", p.stderr)

    def test_what_is_not_there(self):
        self.plumb("key", "new")
        p = self.plumb("pull", "example:nothing", "--registry", self.url)
        self.assertEqual(p.returncode, 1)
        self.assertIn("error[E1009]: the registry has no package example:nothing", p.stderr)
        # The same through the diagnostics engine's JSON, on stdout.
        p = self.plumb("pull", "example:nothing", "--registry", self.url, "--message-format", "json")
        records = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual([(r["type"], r.get("code")) for r in records], [("diagnostic", "E1009"), ("summary", None)])
        self.assertEqual(self.plumb("publish", str(self.package("1.0.0")), "--registry", self.url).returncode, 0)
        p = self.plumb("yank", "example:greet@9.9.9", "--registry", self.url)
        self.assertIn("error[E1003]: cannot yank example:greet@9.9.9: the registry rejected the record: an entry "
                      "attempted to yank version 9.9.9 which had not yet been released", p.stderr)
        wit = self.root / "elsewhere"
        wit.mkdir()
        (wit / "a.wit").write_text("package other:thing@1.0.0;\ninterface i {}\n")
        p = self.plumb("publish", str(wit), "--registry", self.url)
        self.assertEqual(p.returncode, 1)
        self.assertIn("namespace", p.stderr)
        p = self.plumb("pull", "Not_A_Name", "--registry", self.url)
        self.assertEqual(p.returncode, 2)
        # A registry URL plumb will not use is a usage error, before anything is done.
        p = self.plumb("pull", "example:greet", "--registry", "http://example.com/")
        self.assertEqual(p.returncode, 2)
        self.assertIn("invalid value 'http://example.com/' for '--registry <URL>'", p.stderr)
        self.assertIn("refusing plain http to `example.com`: only https, or http on loopback", p.stderr)
        p = self.plumb("publish", str(self.package("1.0.0")), "--registry", "ftp://127.0.0.1/")
        self.assertEqual(p.returncode, 2)
        self.assertIn("unsupported registry URL `ftp://127.0.0.1/`", p.stderr)


if __name__ == "__main__":
    wt.run_tests(globals())
