#!/usr/bin/env python3
"""plumb's ECDSA P-256 (OpenSSL) against an independent implementation,
Debian's python3-cryptography: keys plumb makes and signatures it writes
verify there, keys and signatures made there verify in plumb, key ids and
text forms agree, and a changed message or signature is refused by both.

usage: cross_signature_test.py --tool PATH   (tests/unit/registry-client/sign_tool.cc)
"""
import argparse
import base64
import hashlib
import os
import subprocess
import sys
import unittest

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
except ImportError:
    ec = None

TOOL = None
PREFIX = "WARG-PACKAGE-RECORD-SIGNATURE-V0"


def tool(*args):
    return subprocess.run([TOOL, *args], capture_output=True, text=True, timeout=30)


def public_text(public_key):
    point = public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
    return "ecdsa-p256:" + base64.b64encode(point).decode()


def python_public(text):
    assert text.startswith("ecdsa-p256:")
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), base64.b64decode(text[11:]))


def python_verify(public, message, signature):
    try:
        public.verify(base64.b64decode(signature[11:]), message, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


@unittest.skipIf(ec is None and os.environ.get("CI") != "true", "python3-cryptography is not installed")
class CrossSignatures(unittest.TestCase):
    def test_plumb_signatures_verify_in_python(self):
        p = tool("keygen")
        self.assertEqual(p.returncode, 0, p.stderr)
        private, public, key_id = p.stdout.split()
        self.assertEqual(key_id, "sha256:" + hashlib.sha256(public.encode()).hexdigest())
        scalar = int.from_bytes(base64.b64decode(private[11:]), "big")
        derived = ec.derive_private_key(scalar, ec.SECP256R1())
        self.assertEqual(public_text(derived.public_key()), public)
        for payload in (b"", b"record bytes", bytes(range(256)) * 4):
            sig = tool("sign", private, PREFIX, payload.hex())
            self.assertEqual(sig.returncode, 0, sig.stderr)
            message = PREFIX.encode() + b":" + payload
            self.assertTrue(python_verify(python_public(public), message, sig.stdout.strip()))
            self.assertFalse(python_verify(python_public(public), message + b"x", sig.stdout.strip()))

    def test_python_signatures_verify_in_plumb(self):
        key = ec.generate_private_key(ec.SECP256R1())
        public = public_text(key.public_key())
        uncompressed = "ecdsa-p256:" + base64.b64encode(key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)).decode()
        for payload in (b"", b"checkpoint payload", os.urandom(1000)):
            der = key.sign(PREFIX.encode() + b":" + payload, ec.ECDSA(hashes.SHA256()))
            signature = "ecdsa-p256:" + base64.b64encode(der).decode()
            for text in (public, uncompressed):
                self.assertEqual(tool("verify", text, PREFIX, payload.hex(), signature).returncode, 0)
            self.assertEqual(tool("verify", public, PREFIX, (payload + b"!").hex(), signature).returncode, 1)
            other = "WARG-OPERATOR-RECORD-SIGNATURE-V0"
            self.assertEqual(tool("verify", public, other, payload.hex(), signature).returncode, 1)

    def test_a_python_key_signs_in_plumb(self):
        key = ec.generate_private_key(ec.SECP256R1())
        scalar = key.private_numbers().private_value.to_bytes(32, "big")
        private = "ecdsa-p256:" + base64.b64encode(scalar).decode()
        sig = tool("sign", private, PREFIX, b"abc".hex())
        self.assertEqual(sig.returncode, 0, sig.stderr)
        self.assertTrue(python_verify(key.public_key(), PREFIX.encode() + b":abc", sig.stdout.strip()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    args, rest = parser.parse_known_args()
    TOOL = args.tool
    if ec is None and os.environ.get("CI") == "true":
        sys.exit("python3-cryptography is needed with CI=true (scripts/debian-packages.txt)")
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
