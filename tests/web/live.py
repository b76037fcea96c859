"""A real waitress server on a free loopback port, in a thread, stopped by whoever started it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask
from waitress import wasyncore

from skill.web.server import GuardedServer, ServerLimits, make_server


@contextmanager
def live_server(app: Flask, *, threads: int = 4) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 (free port) and yield its base URL; stop and join on exit."""
    with guarded_server(app, threads=threads) as server:
        yield f"http://127.0.0.1:{server.port}"


@contextmanager
def guarded_server(
    app: Flask, *, threads: int = 4, limits: ServerLimits | None = None
) -> Iterator[GuardedServer]:
    """`morning-moves serve`'s server for `app` on 127.0.0.1 (free port), in a thread."""
    server = make_server(app, host="127.0.0.1", port=0, threads=threads, limits=limits)
    assert isinstance(server, GuardedServer)
    port = server.port
    socket_map = server._map
    stop = threading.Event()

    def loop() -> None:
        # Poll in short slices so the loop notices `stop`; close in this same thread.
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=socket_map, use_poll=True, count=1)
        server.task_dispatcher.shutdown()
        wasyncore.close_all(socket_map)

    thread = threading.Thread(target=loop, name=f"waitress-{port}", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join(timeout=10)


def free_port() -> int:
    """A port nobody is listening on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class ServerProcess:
    """`morning-moves serve` running as a child process."""

    process: subprocess.Popen[str]
    url: str
    banner: list[str]

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str, str]:
        """Signal the server by its own PID; return (exit code, rest of stdout, stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            out, err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return self.process.returncode, out, err


@contextmanager
def serve_process(*args: str, env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    """Start `morning-moves serve ARGS` on a free loopback port; wait until it answers."""
    port = free_port()
    command = [sys.executable, "-m", "skill.cli", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), *args]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MORNING_MOVES_STORE": "memory", **(env or {})},
    )
    server = ServerProcess(process, f"http://127.0.0.1:{port}", [])
    try:
        assert process.stdout is not None
        while not any("Ctrl-C" in line for line in server.banner):
            line = process.stdout.readline()
            if not line:
                raise RuntimeError(f"server exited early: {process.stderr.read()}")  # type: ignore[union-attr]
            server.banner.append(line)
        _wait_until_healthy(server.url)
        yield server
    finally:
        server.stop()


def _wait_until_healthy(url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.05)
