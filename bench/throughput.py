"""Figure 3: web service throughput and p99 over loopback, N concurrent simulated devices.

The server (bench/webserver.py) runs in its own process; the devices are threads here, each with
its own keep-alive connection, each a different user. Requests are built and signed before a
round starts, so the clients spend their time on HTTP only. Rounds alternate between Morning
Moves (each device replays whole routines: open, yes, next..., stop) and the baseline (launches).
Every request is signed by a test CA (testkit/pki.py) that the server trusts instead of Amazon's.
Bounded: a fixed number of requests per round, and a timeout on every request.
"""

from __future__ import annotations

import copy
import http.client
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from bench import baseline, peer, scenarios
from bench.production import AWS_LOCAL, _aws_defaults, _peer_request
from bench.report import Row, Target, fmt_ms
from bench.stats import Summary
from bench.webserver import BASELINE_PREFIX, PEER_PREFIX, PEER_TABLE, TABLE
from skill.config import Config, StoreKind
from skill.lambda_entry import make_handler
from skill.web.app import ALEXA_PATH
from testkit.pki import Pki, iso, make_pki, signed_body

ROOT = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT_S = 10.0
ROUTINES_TARGET = Target(">=", 1.5)


@dataclass(frozen=True)
class Load:
    devices: int
    requests_per_device: int
    rounds: int


@dataclass(frozen=True)
class RoundResult:
    wall_s: float
    latencies_ms: list[float]
    failures: int


@dataclass(frozen=True)
class Throughput:
    load: Load
    ours: list[RoundResult]
    baseline: list[RoundResult]


def _rps(rounds: list[RoundResult]) -> float:
    requests = sum(len(r.latencies_ms) for r in rounds)
    return requests / sum(r.wall_s for r in rounds)


@contextmanager
def running_server(data_dir: Path, pki: Pki, endpoint: str | None = None) -> Iterator[int]:
    """Start bench/webserver.py on a free loopback port, trusting `pki` (with `endpoint`: both
    skills on DynamoDB there); stop it by its PID."""
    pki_dir = data_dir / "pki"
    pki_dir.mkdir(exist_ok=True)
    (pki_dir / "root.pem").write_bytes(pki.root.public_bytes(serialization.Encoding.PEM))
    (pki_dir / "chain.pem").write_bytes(pki.chain_pem())
    with subprocess.Popen(
        [sys.executable, "-m", "bench.webserver", str(data_dir), str(pki_dir)]
        + ([endpoint] if endpoint else []),
        cwd=ROOT,
        env={**os.environ, **AWS_LOCAL},
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            if not line.startswith("port "):
                raise RuntimeError(f"bench web server did not start (exit {proc.poll()})")
            yield int(line.split()[1])
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _stamp(event: dict[str, Any], device: int, serial: int) -> bytes:
    event["request"]["requestId"] = f"amzn1.echo-api.request.bench-{device}-{serial}"
    event["request"]["timestamp"] = iso(datetime.now(UTC))
    return signed_body(event)


def _device_bodies(skill: str, device: int, count: int) -> list[bytes]:
    """What one device sends in a round: same user throughout, a fresh request id each time."""
    user = f"amzn1.ask.account.BENCH-DEVICE-{device}"
    if skill == "baseline":
        launch = scenarios.launch(baseline.handler, user)
        return [_stamp(copy.deepcopy(launch), device, i) for i in range(count)]
    if skill == "peer":
        routine = peer_routine_requests(user)
        return [_stamp(copy.deepcopy(routine[i % len(routine)]), device, i) for i in range(count)]
    # Whole routines, again and again: the session state travels in the envelopes, so they can
    # be prepared in-process; the server loads and records progress as it would for real.
    routine = _our_routine(user)
    return [_stamp(copy.deepcopy(routine[i % len(routine)]), device, i) for i in range(count)]


def _our_routine(user: str) -> list[dict[str, Any]]:
    local = make_handler(Config(store=StoreKind.MEMORY, verify=False))
    return scenarios.full_routine(local, user).requests


def _run_round(port: int, path: str, bodies: list[list[bytes]], pki: Pki) -> RoundResult:
    signed = [[(body, pki.headers(body)) for body in device] for device in bodies]
    latencies: list[list[float]] = [[] for _ in signed]
    failures = [0] * len(signed)
    ready = threading.Barrier(len(signed) + 1)

    def device(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
        ready.wait()
        try:
            for body, headers in signed[index]:
                start = time.perf_counter_ns()
                conn.request("POST", path, body, headers)
                reply = conn.getresponse()
                reply.read()
                latencies[index].append((time.perf_counter_ns() - start) / 1e6)
                if reply.status != 200:
                    failures[index] += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=device, args=(i,)) for i in range(len(signed))]
    for t in threads:
        t.start()
    ready.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return RoundResult(wall, [ms for device in latencies for ms in device], sum(failures))


def peer_routine_requests(user: str) -> list[dict[str, Any]]:
    """The peer's whole routine (launch, yes twice a move, stop), its session attributes as the
    peer sets them, made from one of our launches."""
    local = make_handler(Config(store=StoreKind.MEMORY, verify=False))
    launch = scenarios.launch(local, user)
    requests = [_peer_request(launch, user, None, {})]
    for move in range(len(peer.MOVES)):
        for counted in (False, True):
            attributes = {"move": move, "counted": counted}
            requests.append(_peer_request(launch, user, "AMAZON.YesIntent", attributes))
    stop = {"move": len(peer.MOVES), "counted": False}
    return [*requests, _peer_request(launch, user, "AMAZON.StopIntent", stop)]


def measure(data_dir: Path, load: Load, endpoint: str | None = None) -> Throughput:
    """Rounds alternating between ours and the baseline, or (with `endpoint`) the persistent
    peer, both skills then on DynamoDB at `endpoint`."""
    other = "baseline" if endpoint is None else "peer"
    prefix = BASELINE_PREFIX if endpoint is None else PEER_PREFIX
    paths = {"ours": ALEXA_PATH, other: prefix + ALEXA_PATH}
    results: dict[str, list[RoundResult]] = {"ours": [], other: []}
    pki = make_pki("Bench")
    if endpoint is not None:
        _create_tables(endpoint)
    with running_server(data_dir, pki, endpoint) as port:
        # One untimed round each to warm the server's threads, caches and database.
        for r in range(load.rounds + 1):
            order = ["ours", other] if r % 2 == 0 else [other, "ours"]
            for skill in order:
                bodies = [
                    _device_bodies(skill, d, load.requests_per_device) for d in range(load.devices)
                ]
                result = _run_round(port, paths[skill], bodies, pki)
                if result.failures:
                    raise RuntimeError(f"{result.failures} {skill} requests were not answered 200")
                if r > 0:
                    results[skill].append(result)
    return Throughput(load, results["ours"], results[other])


def _create_tables(endpoint: str) -> None:
    import boto3

    from skill.store.dynamodb import create_table

    with _aws_defaults():
        client = boto3.client("dynamodb", endpoint_url=endpoint)
        create_table(client, TABLE)
        peer.create_table(client, PEER_TABLE)


def routine_rows(result: Throughput) -> list[Row]:
    """Whole routines per second, ours against the peer's, both on DynamoDB."""
    ours_len = len(_our_routine("amzn1.ask.account.BENCH-LENGTH"))
    theirs_len = len(peer_routine_requests("amzn1.ask.account.BENCH-LENGTH"))
    ours = _rps(result.ours) / ours_len
    theirs = _rps(result.baseline) / theirs_len
    load = result.load
    return [
        Row(
            "3",
            f"whole routines per second over loopback ({load.devices} devices, DynamoDB on "
            f"dynalite, signed, verification on; {ours_len} / {theirs_len} requests a routine)",
            f"{ours:.1f} /s",
            f"{theirs:.1f} /s",
            ours / theirs,
            ROUTINES_TARGET,
        )
    ]


def rows(result: Throughput) -> list[Row]:
    ours_rps, base_rps = _rps(result.ours), _rps(result.baseline)
    ours = Summary.of([ms for r in result.ours for ms in r.latencies_ms])
    base = Summary.of([ms for r in result.baseline for ms in r.latencies_ms])
    load = result.load
    how = f"{load.devices} devices, {ours.n} requests each skill, signed, verification on"
    return [
        Row(
            "3",
            f"web throughput over loopback ({how})",
            f"{ours_rps:.0f} req/s",
            f"{base_rps:.0f} req/s",
            ours_rps / base_rps,
            None,  # against hello-world: information only (bench/production.py has the targets)
        ),
        Row(
            "3",
            "web latency under that load, p99",
            fmt_ms(ours.p99),
            fmt_ms(base.p99),
            ours.p99 / base.p99,
        ),
    ]
