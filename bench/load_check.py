"""Loopback load check: many simulated Echo devices against one `morning-moves` web server.

    python -m bench.load_check [--devices 50] [--seconds 60] [--json PATH]

The server is a child process (`bench/webserver.py`: waitress with the threads `morning-moves
serve` uses, the embedded SQLite store in a temporary directory) with request verification ON,
trusting a throwaway CA made for this run. Each device is a thread holding its own simulated
Alexa conversation (`skill.dev.simulator.Conversation`, so real envelopes and session attributes),
signing every request like Alexa does, and working through a routine again and again. Bounded
in time and in requests; stops by itself; talks to 127.0.0.1 only. Exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.quiet import metrics_to_devnull
from bench.throughput import running_server
from skill.dev.simulator import Conversation
from testkit.pki import Pki, make_pki

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


# --- the devices -------------------------------------------------------------------------


class Device:
    """One simulated Echo: its own user, conversation and keep-alive connection."""

    def __init__(self, number: int, port: int, pki: Pki) -> None:
        self.number = number
        self.transport = SignedHttpTransport(port, pki)
        user = f"amzn1.ask.account.LOADCHECK{number:03d}"
        # Signed: stamped by the real clock, which the server's verifier checks to 150 s.
        self.conversation = Conversation(self.transport, user_id=user, plays_replies=False)
        self.requests = self.errors = self.routines = 0
        self.failures: list[str] = []

    def run(self, deadline: float) -> None:
        """Work through the routine until the deadline or the request budget."""
        try:
            while time.monotonic() < deadline and self.requests < MAX_REQUESTS_PER_DEVICE:
                for utterance in ROUTINE:
                    if time.monotonic() >= deadline:
                        break
                    self.say(utterance)
                else:
                    self.routines += 1
        finally:
            self.transport.close()

    def say(self, utterance: str) -> None:
        self.requests += 1
        try:
            self.conversation.say(utterance)
        except Exception as exc:  # counted, not raised: the check reports every failure
            self.errors += 1
            self.failures.append(f"device {self.number} {utterance!r}: {exc}")


def run_load_check(devices: int = 50, seconds: float = 60.0, pki: Pki | None = None) -> Result:
    """Start the server, run the devices until `seconds` pass, stop the server, report."""
    pki = pki or make_pki("Load check")
    with (
        tempfile.TemporaryDirectory(prefix="mm-load-") as workdir,
        running_server(Path(workdir), pki) as port,
    ):
        # Built before the clock starts: the first conversation also loads the NLU.
        fleet = [Device(n, port, pki) for n in range(devices)]
        started = time.monotonic()
        threads = [
            threading.Thread(target=device.run, args=(started + seconds,)) for device in fleet
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 60)
        elapsed = time.monotonic() - started
    latencies = [sample for device in fleet for sample in device.transport.latencies]
    requests = sum(device.requests for device in fleet)
    return Result(
        devices=devices,
        seconds=elapsed,
        requests=requests,
        errors=sum(device.errors for device in fleet),
        routines=sum(device.routines for device in fleet),
        throughput_rps=requests / elapsed if elapsed else 0.0,
        latency_ms=_percentiles(latencies),
        first_errors=[failure for device in fleet for failure in device.failures][:5],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_check", description=__doc__)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not 1 <= args.devices <= 200 or not 0 < args.seconds <= 600:
        parser.error("devices must be 1..200 and seconds 0..600")
    with metrics_to_devnull():
        result = run_load_check(args.devices, args.seconds)
    print(result.summary())
    for failure in result.first_errors:
        print(f"  {failure}")
    if args.json:
        args.json.write_text(json.dumps(asdict(result), indent=2) + "\n")
    return 1 if result.errors or not result.requests else 0


if __name__ == "__main__":
    raise SystemExit(main())
