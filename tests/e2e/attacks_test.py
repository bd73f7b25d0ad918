#!/usr/bin/env python3
"""A malicious registry, one attack per test: a tampering proxy in front of
`plumb registry serve` rewrites what it answers (signing with the
operator's key where a real malicious registry could), and `plumb pull`
through it must refuse with a clear error and write nothing: no output
file, no cache entry, no change to what the client trusts.

usage: attacks_test.py --plumb PATH
"""
import base64
import hashlib
import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import warg_tools as wt  # noqa: E402

PLUMB = None
LOG = "sha256:" + hashlib.sha256(b"WARG-PACKAGE-LOG-ID-V0:WARG-PACKAGE-ID-V0" + bytes([len("example:api")]) +
                                 b"example:api").hexdigest()


class Attacks(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        self.publisher = dict(os.environ, PLUMB_HOME=str(self.root / "publisher"), NO_COLOR="1")
        self.consumer = dict(os.environ, PLUMB_HOME=str(self.root / "consumer"), NO_COLOR="1")
        self.server = wt.RegistryServer(PLUMB, self.root / "reg", self.publisher)
        self.proxy = wt.TamperingProxy(self.server.port)
        self.run_plumb(self.publisher, "key", "new")
        self.publish("1.0.0")
        # The consumer's first, honest pull: what it trusts from now on.
        self.pull(expect=0)
        (self.root / "api.wasm").unlink()
        self.trusted = self.state()

    def tearDown(self):
        self.proxy.stop()
        self.server.stop()
        self.tmp.cleanup()

    def run_plumb(self, env, *args):
        import subprocess
        return subprocess.run([PLUMB, *args], capture_output=True, text=True, env=env, timeout=60, cwd=self.root)

    def publish(self, version):
        wit = self.root / "wit"
        wit.mkdir(exist_ok=True)
        (wit / "api.wit").write_text(f"package example:api@{version};\ninterface i {{\n  f: func() -> u32;\n}}\n")
        p = self.run_plumb(self.publisher, "publish", str(wit), "--registry", self.server.url)
        self.assertEqual(p.returncode, 0, p.stderr)

    def pull(self, expect, *extra):
        p = self.run_plumb(self.consumer, "pull", "example:api", "--registry", self.proxy.url, "-o",
                           str(self.root / "api.wasm"), *extra)
        self.assertEqual(p.returncode, expect, p.stderr)
        return p.stderr

    def state(self):
        """What the consumer has written: its registry state and its cache."""
        home = self.root / "consumer"
        return {str(f.relative_to(home)): f.read_bytes() for f in sorted(home.rglob("*")) if f.is_file()}

    def refused(self, code, message):
        stderr = self.pull(1)
        self.assertIn(f"error[{code}]: ", stderr)
        self.assertIn(message, stderr)
        self.assertFalse((self.root / "api.wasm").exists(), "an output file was written")
        self.assertEqual(self.state(), self.trusted, "the client's state or cache changed")

    def alice(self):
        return wt.private_key((self.root / "publisher" / "keys" / "default.key").read_text())

    def operator(self):
        return wt.private_key((self.root / "reg" / "operator.key").read_text())

    def add_record(self, make):
        """Appends to the package's records in fetch/logs what make(head) gives."""
        def change(j):
            records = j.get("packages", {}).get(LOG)
            if records is None:
                return
            head = records[-1]["fetchToken"] if records else None
            records.append(make(head))
        self.proxy.tamper = wt.rewrite_json("/v1/fetch/logs", change)

    def tamper_content(self, change):
        """Content served through the proxy (its sources point there), as
        change(body) makes it; change may return None to cut it short."""
        server, proxy = self.server.url, self.proxy.url

        def tamper(path, status, headers, body):
            if path.startswith("/v1/content/"):
                body = body.replace(server.encode(), proxy.encode())
            elif path.startswith("/content/"):
                body = change(body)
                if body is None:
                    return None
            return status, headers, body
        self.proxy.tamper = tamper

    def fresh_consumer(self):
        """A consumer with nothing cached (so that it downloads)."""
        cache = self.root / "consumer" / "cache"
        for f in cache.iterdir():
            f.unlink()
        self.trusted = self.state()

    def test_modified_content(self):
        self.fresh_consumer()

        self.tamper_content(lambda body: body[:-1] + bytes([body[-1] ^ 1]))
        self.refused("E1006", "not sha256:")

    def test_truncated_download(self):
        self.fresh_consumer()
        self.tamper_content(lambda body: None)
        self.refused("E1006", "cannot download")

    def test_a_content_source_off_loopback_in_plain_http(self):
        # The client never fetches from where --registry could not point:
        # refused before any connection (the host is never contacted).
        self.fresh_consumer()

        def change(j):
            for sources in j.get("contentSources", {}).values():
                for source in sources:
                    source["url"] = "http://example.com/content"
        self.proxy.tamper = wt.rewrite_json("/v1/content/", change)
        self.refused("E1001", "an unusable source: refusing plain http to `example.com`")

    def test_upload_instructions_of_another_shape(self):
        # The publisher's side: the registry asks for content without saying
        # where to send it.
        def tamper(path, status, headers, body):
            if path.startswith("/v1/package/") and path.endswith("/record"):
                j = json.loads(body)
                for digest in j.get("missingContent", {}):
                    j["missingContent"][digest] = {}
                body = json.dumps(j).encode()
            return status, headers, body
        self.proxy.tamper = tamper
        wit = self.root / "wit"
        (wit / "api.wit").write_text("package example:api@3.0.0;\ninterface i {\n  f: func() -> u64;\n}\n")
        p = self.run_plumb(self.publisher, "publish", str(wit), "--registry", self.proxy.url)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("error[E1001]: cannot publish example:api@3.0.0: the registry gives no upload URL for sha256:",
                      p.stderr)

    def test_json_of_another_shape(self):
        # Valid JSON, but not what the API answers: refused, not a crash.
        self.publish("1.1.0")

        def tamper(path, status, headers, body):
            if path.startswith("/v1/fetch/logs"):
                body = b"[]"
            return status, headers, body
        self.proxy.tamper = tamper
        self.refused("E1001", "the registry's answer is not the Warg API's")

    def test_forged_signature(self):
        self.publish("1.1.0")
        other = wt.private_key("ecdsa-p256:" + base64.b64encode(os.urandom(31) + b"\1").decode())

        def change(j):
            for rec in j.get("packages", {}).get(LOG, []):
                rec["signature"] = wt.sign(other, "WARG-PACKAGE-RECORD-SIGNATURE-V0",
                                           base64.b64decode(rec["contentBytes"]))
        self.proxy.tamper = wt.rewrite_json("/v1/fetch/logs", change)
        self.refused("E1004", "unable to verify signature")

    def test_unknown_key(self):
        self.publish("1.1.0")
        stranger = wt.private_key("ecdsa-p256:" + base64.b64encode(os.urandom(31) + b"\2").decode())
        # A record that needs no permission, so that only the signer's key is at fault.
        self.add_record(lambda head: wt.published(wt.package_release(head, None, None, 2 * 10**9), stranger))
        self.refused("E1003", "the Key ID used to sign this envelope is not known to this package log")

    def test_release_by_a_key_without_permission(self):
        # Bob may yank but not release.
        p = self.run_plumb(self.publisher, "key", "new", "--name", "bob")
        self.assertEqual(p.returncode, 0, p.stderr)
        bob_text = (self.root / "publisher" / "keys" / "bob.key").read_text()
        bob_public = json.loads(self.run_plumb(self.publisher, "key", "show", "--name", "bob", "--format", "json").stdout)
        p = self.run_plumb(self.publisher, "grant", "example:api", bob_public["publicKey"], "--permission", "yank",
                           "--registry", self.server.url)
        self.assertEqual(p.returncode, 0, p.stderr)
        bob = wt.private_key(bob_text)
        self.add_record(lambda head: wt.published(wt.package_release(head, "9.0.0", "sha256:" + "cd" * 32, 2 * 10**9), bob))
        self.refused("E1003", "did not have required permission release")

    def test_a_log_that_forks_from_what_the_client_saw(self):
        self.publish("1.1.0")
        alice = self.alice()

        def change(j):
            records = j.get("packages", {}).get(LOG, [])
            # Another history: the new record linked to a head the client never saw.
            forged = wt.package_release("sha256:" + "ee" * 32, "1.1.0", "sha256:" + "ef" * 32, 2 * 10**9)
            records[:] = [wt.published(forged, alice, index=records[0]["registryIndex"] if records else 10**6)]
        self.proxy.tamper = wt.rewrite_json("/v1/fetch/logs", change)
        self.refused("E1003", "previous record hash does not match")

    def test_rollback_to_an_older_checkpoint(self):
        import urllib.request
        with urllib.request.urlopen(self.server.url + "v1/fetch/checkpoint") as r:
            old = r.read()  # the checkpoint the consumer trusts now
        self.publish("1.1.0")
        self.pull(expect=0)  # the consumer now trusts the newer checkpoint
        (self.root / "api.wasm").unlink()
        self.trusted = self.state()
        self.proxy.tamper = lambda path, status, headers, body: (
            status, headers, old if path.startswith("/v1/fetch/checkpoint") else body)
        self.refused("E1005", "(a rollback)")

    def test_bad_inclusion_proof(self):
        self.publish("1.1.0")

        def change(j):
            raw = bytearray(base64.b64decode(j["log"]))
            raw[-1] ^= 1  # the last byte of the last hash
            j["log"] = base64.b64encode(bytes(raw)).decode()
        self.proxy.tamper = wt.rewrite_json("/v1/proof/inclusion", change)
        self.refused("E1005", "the inclusion proof of registry index")

    def test_bad_consistency_proof(self):
        self.publish("1.1.0")

        def change(j):
            raw = bytearray(base64.b64decode(j["proof"]))
            raw[-1] ^= 1
            j["proof"] = base64.b64encode(bytes(raw)).decode()
        self.proxy.tamper = wt.rewrite_json("/v1/proof/consistency", change)
        self.refused("E1005", "the consistency proof")

    def test_bad_checkpoint_signature(self):
        self.publish("1.1.0")
        self.proxy.tamper = wt.rewrite_json("/v1/fetch/checkpoint",
                                            lambda j: j["contents"].update(timestamp=j["contents"]["timestamp"] + 1))
        self.refused("E1004", "the signature of the checkpoint of length")

    def test_non_monotonic_timestamp(self):
        self.publish("1.1.0")
        operator = self.operator()

        def change(j):
            j["contents"]["timestamp"] -= 3600  # before the one the client trusts, validly signed
            j["signature"] = wt.checkpoint_signature(operator, j["contents"])
        self.proxy.tamper = wt.rewrite_json("/v1/fetch/checkpoint", change)
        self.refused("E1005", "is before that of the checkpoint seen before")

    def test_the_honest_path_through_the_proxy(self):
        # The proxy itself changes nothing: the same pull succeeds.
        self.publish("1.1.0")
        self.pull(expect=0)
        self.assertTrue((self.root / "api.wasm").exists())


if __name__ == "__main__":
    wt.run_tests(globals())
