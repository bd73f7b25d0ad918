"""What the Warg e2e tests share: the registry server on loopback, a
tampering proxy in front of it (a malicious registry: it rewrites answers,
and can sign with the operator's key), and records made independently of
plumb (protobuf by hand, ECDSA with python3-cryptography)."""
import argparse
import base64
import hashlib
import http.client
import http.server
import json
import signal
import subprocess
import sys
import threading
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


class RegistryServer:
    """`plumb registry serve` on 127.0.0.1:0; stop() ends it."""

    def __init__(self, plumb, data, env=None, namespaces=("example",)):
        self.args = [plumb, "registry", "serve", "--data", str(data), "--listen", "127.0.0.1:0"]
        for ns in namespaces:
            self.args += ["--namespace", ns]
        self.env = env
        self.stderr = ""
        self.start()

    def start(self):
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            raise RuntimeError("the registry did not start: " + self.proc.stderr.read())
        self.port = int(self.url.rsplit(":", 1)[1].rstrip("/"))

    def stop(self, sig=signal.SIGTERM):
        """Sends `sig` and waits; the exit status (what it said is in .stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        _, self.stderr = self.proc.communicate(timeout=30)
        return self.proc.returncode

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


def run_tests(module_globals):
    """The main of a Warg e2e test: `--plumb PATH` sets the module's PLUMB;
    the other arguments go to unittest."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--plumb", required=True)
    args, rest = parser.parse_known_args()
    module_globals["PLUMB"] = str(Path(args.plumb).resolve())
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


def varint(n):
    out = b""
    while True:
        byte = n & 0x7F
        n >>= 7
        out += bytes([byte | (0x80 if n else 0)])
        if not n:
            return out


def field(number, payload):
    """A length-delimited protobuf field."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def field_varint(number, value):
    return varint(number << 3) + varint(value) if value else b""


def package_release(prev, version, content_digest, seconds):
    """The protobuf bytes of a PackageRecord with one release entry (none
    when `version` is None)."""
    record = field(1, prev.encode()) + field(3, field_varint(1, seconds))
    if version is not None:
        record += field(4, field(4, field(1, version.encode()) + field(2, content_digest.encode())))
    return record


def private_key(text):
    scalar = int.from_bytes(base64.b64decode(text.strip()[11:]), "big")
    return ec.derive_private_key(scalar, ec.SECP256R1())


def key_id(key):
    point = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
    text = "ecdsa-p256:" + base64.b64encode(point).decode()
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def sign(key, prefix, payload):
    der = key.sign(prefix.encode() + b":" + payload, ec.ECDSA(hashes.SHA256()))
    return "ecdsa-p256:" + base64.b64encode(der).decode()


def record_id(contents):
    return "sha256:" + hashlib.sha256(b"WARG-PACKAGE-LOG-RECORD-V0:" + contents).hexdigest()


def published(contents, key, signature=None, index=10**6):
    """A record as fetch/logs sends it, signed by `key` (or with `signature`)."""
    return {"contentBytes": base64.b64encode(contents).decode(), "keyId": key_id(key),
            "signature": signature or sign(key, "WARG-PACKAGE-RECORD-SIGNATURE-V0", contents),
            "registryIndex": index, "fetchToken": record_id(contents)}


def checkpoint_signature(key, contents):
    """A checkpoint's signature over its prefix encoding."""
    def ps(text):
        return varint(len(text)) + text.encode()
    payload = (b"WARG-TIMESTAMPED-CHECKPOINT-V0" + varint(contents["logLength"]) + ps(contents["logRoot"]) +
               ps(contents["mapRoot"]) + varint(contents["timestamp"]))
    return sign(key, "WARG-CHECKPOINT-SIGNATURE-V0", payload)


class TamperingProxy:
    """An HTTP proxy on 127.0.0.1:0 in front of `upstream_port`. Each answer
    goes through `self.tamper(path, status, headers, body)`, which returns
    (status, headers, body), or None to cut the connection half-way through
    the body (a truncated download)."""

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.tamper = lambda path, status, headers, body: (status, headers, body)
        self.sending = threading.Event()  # set once a slow answer has begun
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def forward(self, method):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length) if length else None
                conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("accept-encoding", "host")}
                conn.request(method, self.path, body=body, headers=headers)
                res = conn.getresponse()
                data = res.read()
                out_headers = {k: v for k, v in res.getheaders()
                               if k.lower() not in ("content-length", "transfer-encoding", "connection")}
                conn.close()
                answer = proxy.tamper(self.path, res.status, out_headers, data)
                if answer is None:
                    self.send_response(res.status)
                    for k, v in out_headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                status, out_headers, data = answer[:3]
                self.send_response(status)
                for k, v in out_headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if len(answer) > 3 and answer[3] == "slow":
                    # Dribbled out, so that a test can act in the middle.
                    try:
                        for i in range(0, len(data), 4096):
                            self.wfile.write(data[i:i + 4096])
                            self.wfile.flush()
                            proxy.sending.set()
                            time.sleep(0.01)
                    except (BrokenPipeError, ConnectionResetError):
                        self.close_connection = True  # the client went away: what the test wants
                    return
                self.wfile.write(data)

            def do_GET(self):
                self.forward("GET")

            def do_POST(self):
                self.forward("POST")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def rewrite_json(path_prefix, change):
    """A tamper function that rewrites the JSON of answers to `path_prefix`."""
    def tamper(path, status, headers, body):
        if path.startswith(path_prefix) and status == 200:
            j = json.loads(body)
            change(j)
            body = json.dumps(j).encode()
        return status, headers, body
    return tamper
