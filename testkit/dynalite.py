"""A real DynamoDB-compatible server for the tests and benchmarks: dynalite (npm, pinned in
package.json), listening on 127.0.0.1 on a free port, with its data in a LevelDB directory so that
it survives a kill and restart. Stopped by its own PID (tests/conftest.py runs one per session).

Also a tiny HTTP proxy that sits in front of it to count operations and inject faults
(throttling, slow answers) on the wire, the way a real client would meet them.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from skill.config import Config, StoreKind
from testkit.quiet import QuietHTTPServer

REPO_ROOT = Path(__file__).resolve().parent.parent
DYNALITE_CLI = REPO_ROOT / "node_modules" / "dynalite" / "cli.js"
# Short enough to keep the tests quick, long enough that create_table must really wait.
CREATE_TABLE_MS = 100


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout} s")


class DynaliteServer:
    """One dynalite process; stop() and start() again keep the data (same port, same dir)."""

    def __init__(self, data_dir: Path, port: int | None = None):
        node = shutil.which("node")
        if node is None or not DYNALITE_CLI.exists():
            raise RuntimeError("dynalite is not installed: run `make test` (it runs `npm ci`)")
        self._node = node
        self.data_dir = data_dir
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        assert self._process is None, "already running"
        self._process = subprocess.Popen(
            [
                self._node,
                str(DYNALITE_CLI),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--path",
                str(self.data_dir),
                "--createTableMs",
                str(CREATE_TABLE_MS),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, timeout=10)

    def stop(self) -> None:
        """Kill the process by its PID (SIGKILL: like a crash, no chance to tidy up)."""
        if self._process is None:
            return
        os.kill(self._process.pid, 9)
        self._process.wait(timeout=10)
        self._process = None


class FaultProxy:
    """HTTP proxy to a DynamoDB endpoint that counts operations (by X-Amz-Target) and can answer
    the next N requests with throttling errors or stall them past the client's read timeout."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.calls: Counter[str] = Counter()
        self.throttle_next = 0
        self.stall_next = 0
        self.stall_seconds = 0.0
        self.in_flight = 0
        self._lock = threading.Lock()
        self._server = QuietHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()

    def wait_until_idle(self, timeout: float = 10.0) -> None:
        """Until every request received has been answered (or given up on) upstream."""
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not self.in_flight, "requests still in flight"

    def _take(self, attribute: str) -> bool:
        with self._lock:
            remaining: int = getattr(self, attribute)
            if remaining > 0:
                setattr(self, attribute, remaining - 1)
                return True
            return False

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                operation = self.headers.get("X-Amz-Target", "").rpartition(".")[2]
                with proxy._lock:
                    proxy.calls[operation] += 1
                    proxy.in_flight += 1
                try:
                    self._relay(body)
                finally:
                    with proxy._lock:
                        proxy.in_flight -= 1

            def _relay(self, body: bytes) -> None:
                if proxy._take("throttle_next"):
                    self._answer(400, _throttled())
                    return
                if proxy._take("stall_next"):
                    time.sleep(proxy.stall_seconds)
                upstream = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=10)
                try:
                    upstream.request("POST", self.path, body, dict(self.headers.items()))
                    reply = upstream.getresponse()
                    self._answer(reply.status, reply.read(), reply.getheader("Content-Type"))
                except (OSError, http.client.HTTPException):
                    self.close_connection = True
                finally:
                    upstream.close()

            def _answer(self, status: int, payload: bytes, content_type: str | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type or "application/x-amz-json-1.0")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    self.close_connection = True  # the client gave up (read timeout)

        return Handler


def _throttled() -> bytes:
    return json.dumps(
        {
            "__type": "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
            "message": "The level of configured provisioned throughput for the table was exceeded.",
        }
    ).encode()


def local_config(endpoint: str, table_name: str) -> Config:
    return Config(
        store=StoreKind.DYNAMODB,
        dynamodb_endpoint=endpoint,
        table_name=table_name,
        aws_region="us-east-1",
    )
