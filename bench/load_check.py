"""Loopback load check: many simulated Echo devices against one `morning-moves` web server.

    python -m bench.load_check [--devices 50] [--seconds 60] [--json PATH]

The server is a child process (waitress, the threads `morning-moves serve` uses, the default
embedded store in a temporary directory) with request verification ON, trusting a throwaway CA
made for this run. Each device is a thread holding its own simulated Alexa conversation
(`skill.simulator.Conversation`, so real envelopes and session attributes), signing every request
like Alexa does, and working through a routine again and again. Bounded in time and in requests;
stops by itself; talks to 127.0.0.1 only. Exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from skill.simulator import SIMULATOR_SKILL_ID, Conversation
from tests.web.pki import CHAIN_URL, ChainHost, Pki, make_pki

# One pass of a device's routine; repeated until time or the request budget runs out.
ROUTINE = ("open morning moves", "start my morning moves", "next", "next", "repeat that", "stop")
MAX_REQUESTS_PER_DEVICE = 20_000


class SignedHttpTransport:
    """Sends envelopes like Alexa: compact JSON, signed with the test leaf, over keep-alive."""

    def __init__(self, port: int, pki: Pki, timeout: float = 10.0) -> None:
        self._port = port
        self._pki = pki
        self._timeout = timeout
        self._connection: http.client.HTTPConnection | None = None
        self.latencies: list[float] = []

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps(envelope, separators=(",", ":")).encode("utf-8")
        headers = self._pki.headers(body)
        started = time.perf_counter()
        if self._connection is None:
            self._connection = http.client.HTTPConnection("127.0.0.1", self._port, self._timeout)
        try:
            self._connection.request("POST", "/alexa", body=body, headers=headers)
            reply = self._connection.getresponse()
            data = reply.read()
        except (OSError, http.client.HTTPException):
            self._connection.close()
            self._connection = None
            raise
        self.latencies.append(time.perf_counter() - started)
        if reply.status != 200:
            raise RuntimeError(f"HTTP {reply.status}: {data[:200]!r}")
        parsed: dict[str, Any] = json.loads(data)
        return parsed

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


@dataclass
class Result:
    devices: int
    seconds: float
    requests: int = 0
    errors: int = 0
    routines: int = 0
    throughput_rps: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)
    first_errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lat = self.latency_ms
        return (
            f"{self.devices} devices, {self.seconds:.1f} s, signing on: {self.requests} requests "
            f"({self.routines} routines), {self.errors} errors, "
            f"{self.throughput_rps:.0f} req/s, latency ms p50 {lat.get('p50', 0):.1f} "
            f"p95 {lat.get('p95', 0):.1f} p99 {lat.get('p99', 0):.1f} max {lat.get('max', 0):.1f}"
        )


def _percentiles(samples: list[float]) -> dict[str, float]:
    if len(samples) < 2:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "max": max(samples) * 1000,
    }


# --- the server side (child process) -------------------------------------------------------


def _serve(ca_dir: Path) -> None:
    """Child: the real app with verification on, trusting only this run's CA."""
    import logging

    from waitress.server import create_server

    from skill.cli import SERVE_THREADS, stop_on_sigterm
    from skill.config import Config, StoreKind
    from skill.web import create_app
    from skill.web.verifier import default_verifiers

    root = x509.load_pem_x509_certificate((ca_dir / "root.pem").read_bytes())
    chains = ChainHost({CHAIN_URL: (ca_dir / "chain.pem").read_bytes()})
    config = Config.load(
        skill_id=SIMULATOR_SKILL_ID,
        store=StoreKind.SQLITE,
        sqlite_path=ca_dir / "progress.sqlite3",
        verify=True,
    )
    app = create_app(config, verifiers=default_verifiers(cert_fetcher=chains, trusted_roots=[root]))
    server = create_server(app, host="127.0.0.1", port=0, threads=SERVE_THREADS)
    # waitress warns on every queued task; with more devices than threads that is the point.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    print(f"port {server.effective_port}", flush=True)  # type: ignore[union-attr]
    stop_on_sigterm()
    with contextlib.suppress(KeyboardInterrupt):
        server.run()


def _start_server(pki: Pki, workdir: Path) -> tuple[subprocess.Popen[str], int]:
    (workdir / "root.pem").write_bytes(pki.root.public_bytes(serialization.Encoding.PEM))
    (workdir / "chain.pem").write_bytes(pki.chain_pem())
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.load_check", "--serve", str(workdir)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "MORNING_MOVES_LOG_LEVEL": "ERROR"},
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line.startswith("port "):
        child.kill()
        raise RuntimeError("the load-check server did not start")
    return child, int(line.split()[1])


# --- the devices -------------------------------------------------------------------------


def _device(
    number: int,
    port: int,
    pki: Pki,
    deadline: float,
    result: Result,
    latencies: list[float],
    lock: threading.Lock,
) -> None:
    transport = SignedHttpTransport(port, pki)
    conversation = Conversation(transport, user_id=f"amzn1.ask.account.LOADCHECK{number:03d}")
    requests = errors = routines = 0
    failures: list[str] = []
    try:
        while time.monotonic() < deadline and requests < MAX_REQUESTS_PER_DEVICE:
            for utterance in ROUTINE:
                if time.monotonic() >= deadline:
                    break
                requests += 1
                try:
                    conversation.say(utterance)
                except Exception as exc:  # counted, not raised: the check reports every failure
                    errors += 1
                    failures.append(f"device {number} {utterance!r}: {exc}")
            else:
                routines += 1
    finally:
        transport.close()
    with lock:
        result.requests += requests
        result.errors += errors
        result.routines += routines
        result.first_errors.extend(failures[: max(0, 5 - len(result.first_errors))])
        latencies.extend(transport.latencies)


def run_load_check(devices: int = 50, seconds: float = 60.0) -> Result:
    """Start the server, run the devices until `seconds` pass, stop the server, report."""
    pki = make_pki("Load check")
    result = Result(devices=devices, seconds=seconds)
    latencies: list[float] = []
    with tempfile.TemporaryDirectory(prefix="mm-load-") as workdir:
        child, port = _start_server(pki, Path(workdir))
        try:
            lock = threading.Lock()
            started = time.monotonic()
            deadline = started + seconds
            threads = [
                threading.Thread(
                    target=_device, args=(n, port, pki, deadline, result, latencies, lock)
                )
                for n in range(devices)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=seconds + 60)
            result.seconds = time.monotonic() - started
        finally:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            if child.stdout is not None:
                child.stdout.close()
    result.latency_ms = _percentiles(latencies)
    result.throughput_rps = result.requests / result.seconds if result.seconds else 0.0
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_check", description=__doc__)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve)
        return 0
    if not 1 <= args.devices <= 200 or not 0 < args.seconds <= 600:
        parser.error("devices must be 1..200 and seconds 0..600")
    result = run_load_check(args.devices, args.seconds)
    print(result.summary())
    for failure in result.first_errors:
        print(f"  {failure}")
    if args.json:
        args.json.write_text(json.dumps(asdict(result), indent=2) + "\n")
    return 1 if result.errors or not result.requests else 0


if __name__ == "__main__":
    raise SystemExit(main())
