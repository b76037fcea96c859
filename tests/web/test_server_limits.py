"""Server limits where the bytes arrive: slow drips, giant bodies, greedy clients (loopback)."""

from __future__ import annotations

import json
import selectors
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from flask import Flask

from skill.config import Config, StoreKind
from skill.web import create_app
from skill.web.server import GuardedServer, ServerLimits
from tests.events import load_event
from tests.web.live import guarded_server

# A short deadline keeps the test quick; the attack outlives it, so reconnecting is exercised.
LIMITS = ServerLimits(request_deadline=1.0, idle_timeout=2.0, connections_per_client=32)
DRIP_HEAD = b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(Config(store=StoreKind.MEMORY, verify=False))


@pytest.fixture
def server(app: Flask) -> Iterator[GuardedServer]:
    with guarded_server(app, threads=4, limits=LIMITS) as running:
        yield running


def _launch_request() -> bytes:
    body = json.dumps(load_event("launch")).encode()
    head = (
        "POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def _timed_request(port: int, timeout: float = 5.0) -> float:
    """Seconds for one real launch request on a new connection (timeout counts as timeout)."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(_launch_request())
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 200"), reply[:80]
    return time.perf_counter() - started


class Drippers:
    """`count` connections from several loopback addresses, each sending one byte a second and
    reconnecting whenever the server drops it (an attacker that does not give up)."""

    def __init__(self, port: int, count: int, sources: int = 10) -> None:
        self.port = port
        self.sources = [f"127.0.0.{2 + i % sources}" for i in range(count)]
        self.selector = selectors.DefaultSelector()
        self.stop = threading.Event()
        self.reconnects = 0
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _open(self, source: str) -> None:
        conn = socket.socket()
        conn.bind((source, 0))
        conn.setblocking(False)
        conn.connect_ex(("127.0.0.1", self.port))
        self.selector.register(conn, selectors.EVENT_READ, source)

    def _run(self) -> None:
        for source in self.sources:
            self._open(source)
        while not self.stop.is_set():
            for key in list(self.selector.get_map().values()):
                conn: socket.socket = key.fileobj  # type: ignore[assignment]
                try:
                    conn.send(DRIP_HEAD[:1] if self.reconnects >= 0 else b"")
                except OSError:
                    self._replace(conn, key.data)
            for key, _ in self.selector.select(timeout=1.0):
                conn = key.fileobj  # type: ignore[assignment]
                try:
                    if conn.recv(4096) == b"":
                        self._replace(conn, key.data)
                except OSError:
                    self._replace(conn, key.data)
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]

    def _replace(self, conn: socket.socket, source: str) -> None:
        self.selector.unregister(conn)
        conn.close()
        self.reconnects += 1
        self._open(source)

    def __enter__(self) -> Drippers:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=10)


def test_300_slow_clients_do_not_delay_real_requests(server: GuardedServer) -> None:
    port = server.port
    with Drippers(port, 300) as drippers:
        time.sleep(0.5)  # all 300 connected and dripping
        latencies = sorted(_timed_request(port) for _ in range(60))
        time.sleep(max(0.0, LIMITS.request_deadline + 1.5 - 0.5))
        latencies = sorted([*latencies, *(_timed_request(port) for _ in range(20))])
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    assert p99 < 1.0, latencies[-5:]
    assert server.expired_requests >= 250  # the drips were cut off at the deadline...
    assert drippers.reconnects >= 250  # ...and came back, and were still held off


def test_a_dripped_request_is_cut_off_at_its_deadline(server: GuardedServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as conn:
        started = time.monotonic()
        closed_after = None
        for byte in DRIP_HEAD * 4:
            try:
                conn.send(bytes([byte]))
            except OSError:
                closed_after = time.monotonic() - started
                break
            conn.settimeout(0.2)
            try:
                if conn.recv(1) == b"":
                    closed_after = time.monotonic() - started
                    break
            except TimeoutError:
                pass
    assert closed_after is not None
    assert LIMITS.request_deadline <= closed_after < LIMITS.request_deadline + 2.0


def test_one_client_cannot_hold_more_than_its_share(server: GuardedServer) -> None:
    port = server.port
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]
    try:
        time.sleep(0.3)
        assert server.refused_connections >= 40 - LIMITS.connections_per_client
        with socket.socket() as other:  # another address still gets in
            other.bind(("127.0.0.2", 0))
            other.connect(("127.0.0.1", port))
            other.sendall(_launch_request())
            assert other.recv(12).startswith(b"HTTP/1.1 200")
    finally:
        for conn in held:
            conn.close()


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_300_mb_body_is_refused_after_reading_at_most_1_mib(
    server: GuardedServer, chunked: bool
) -> None:
    before = server.bytes_received
    framing = "Transfer-Encoding: chunked" if chunked else "Content-Length: 300000000"
    head = f"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\n{framing}\r\n\r\n".encode()
    chunk = b"x" * 65536
    piece = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as conn:
        conn.sendall(head + piece * 3)  # past the limit: chunked bodies are counted as read
        reply = conn.recv(4096)
        conn.settimeout(1)
        try:  # the client keeps streaming, as an attacker would, until the server hangs up
            while sent < 300_000_000:
                sent += conn.send(piece)
        except OSError:
            pass
    time.sleep(0.2)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:80]
    assert server.bytes_received - before <= 1024 * 1024
    assert sent < 16 * 1024 * 1024  # socket buffers, not the server, took the rest
