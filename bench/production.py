"""Figures 1 and 4 on what production runs: Morning Moves on its DynamoDB store against the peer
(bench/peer.py, the SDK's StandardSkillBuilder + DynamoDB persistence adapter), both through
their Lambda handlers, in-process, on the same dynalite, in the same run.

Warm turns: a launch of a returning user with 1 and with 3,650 days of history, a counted-set
turn (no database on either side) and a move-completing turn (a real write on both: ours a
fresh day item each time, the peer's whole attributes item written back). The cases are
interleaved turn by turn, so the shared machine's noise falls on every case alike; p50s are
compared. Database work: one whole routine each, every DynamoDB request and its consumed
capacity taken from the responses (ReturnConsumedCapacity=TOTAL, added by a botocore hook on
both sides' clients).
"""

from __future__ import annotations

import copy
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bench import peer, scenarios
from bench.report import Row, Target, fmt_ms
from bench.stats import Summary, interleaved
from skill.lambda_entry import make_handler
from skill.store.dynamodb import DynamoDbStore, create_table, make_client
from testkit.dynalite import local_config
from testkit.history import daily_until, seed_old_history

TABLE = "morning-moves-production"
PEER_TABLE = "peer-persistent-skill"
LONG_HISTORY = 3650
LAUNCH_TARGET = Target("<=", 0.7)
GROWTH_TARGET = Target("<=", 1.2)  # our 3,650-day launch / our 1-day launch
COMPLETING_TARGET = Target("<=", 0.5)
READ_UNITS_TARGET = Target("<=", 2.0, " units")
Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


@dataclass
class Ledger:
    """DynamoDB requests and consumed capacity, per side (`side` names who is calling)."""

    side: str = "ours"
    requests: Counter[str] = field(default_factory=Counter)
    reads: Counter[str] = field(default_factory=Counter)  # in read units, x1000 (integers)
    writes: Counter[str] = field(default_factory=Counter)
    session_start_reads: list[float] = field(default_factory=list)
    # Time inside the DynamoDB round trips (request sent to response received: loopback and
    # the server's work), both sides' together: interleaved() reads each turn's share.
    waited_ns: int = 0
    _sent_ns: int = 0

    def sending(self, **_: Any) -> None:
        """botocore `before-send`: the request is about to go on the wire."""
        self._sent_ns = time.perf_counter_ns()

    def received(self, **_: Any) -> None:
        """botocore `before-parse`: the response is in."""
        self.waited_ns += time.perf_counter_ns() - self._sent_ns

    def waited_ms(self) -> float:
        return self.waited_ns / 1e6

    def add_capacity(self, **kwargs: Any) -> None:
        """botocore `provide-client-params`: ask every data call for its consumed capacity."""
        if kwargs["model"].name in CAPACITY_OPS:
            kwargs["params"].setdefault("ReturnConsumedCapacity", "TOTAL")

    def count(self, **kwargs: Any) -> None:
        """botocore `after-call`: add up the request and what it consumed."""
        name = kwargs["model"].name
        if name not in CAPACITY_OPS:
            return
        self.requests[self.side] += 1
        consumed = kwargs["parsed"].get("ConsumedCapacity") or []
        for item in consumed if isinstance(consumed, list) else [consumed]:
            units = item.get("CapacityUnits", 0.0)
            ledger = self.reads if name in READ_OPS else self.writes
            ledger[self.side] += round(units * 1000)
            if name in READ_OPS:
                self.session_start_reads.append(units)

    def reset(self) -> None:
        for counter in (self.requests, self.reads, self.writes):
            counter.clear()
        self.session_start_reads.clear()


READ_OPS = frozenset({"GetItem", "Query", "BatchGetItem", "Scan"})
CAPACITY_OPS = READ_OPS | {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"}


# The region and dummy credentials a loopback server needs, for the peer's boto3 resource (its
# adapter module builds a default resource at import, which needs a region).
AWS_LOCAL = {
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_EC2_METADATA_DISABLED": "true",
}


@contextmanager
def _aws_defaults() -> Iterator[None]:
    """AWS_LOCAL in the environment while the block runs."""
    saved = {name: os.environ.get(name) for name in AWS_LOCAL}
    os.environ.update(AWS_LOCAL)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _with_user(envelope: dict[str, Any], user_id: str) -> dict[str, Any]:
    changed = copy.deepcopy(envelope)
    changed["session"]["user"]["userId"] = user_id
    changed["context"]["System"]["user"]["userId"] = user_id
    return changed


def _peer_request(
    template: dict[str, Any], user_id: str, intent: str | None, attributes: dict[str, Any]
) -> dict[str, Any]:
    """The peer's request, made from one of ours (same envelope shape, same timestamp)."""
    envelope = _with_user(template, user_id)
    envelope["session"]["attributes"] = copy.deepcopy(attributes)
    envelope["session"]["new"] = intent is None
    request = envelope["request"]
    if intent is None:
        request.pop("intent", None)
        request.pop("dialogState", None)
        request["type"] = "LaunchRequest"
    else:
        request["type"] = "IntentRequest"
        request["intent"] = {"name": intent, "confirmationStatus": "NONE"}
    return envelope


def peer_routine(handler: Handler, template: dict[str, Any], user_id: str) -> int:
    """Launch, yes (count, then done) for each move, stop; the moves saved."""
    response = handler(_peer_request(template, user_id, None, {}), None)
    saved = 0
    while True:
        attributes = response.get("sessionAttributes") or {}
        if attributes.get("move", 0) >= len(peer.MOVES):
            handler(_peer_request(template, user_id, "AMAZON.StopIntent", attributes), None)
            return saved
        saved += bool(attributes.get("counted"))
        response = handler(_peer_request(template, user_id, "AMAZON.YesIntent", attributes), None)


@dataclass(frozen=True)
class Production:
    turns: dict[str, Summary]
    ledger: Ledger
    moves: dict[str, int]  # completed in the measured routine, per side
    history: int  # days of the long-standing user


def measure(
    endpoint: str,
    *,
    iterations: int,
    warmup: int,
    history: int,
    enough: tuple[int, float] | None = None,
) -> Production:
    import boto3

    from skill.aws import botocore_session

    ledger = Ledger()
    with _aws_defaults():
        # One botocore session under both sides, so the hooks below see every request: ours
        # makes its clients from it (skill.aws), the peer's boto3 resource through boto3's.
        boto3.setup_default_session(botocore_session=botocore_session())
        assert boto3.DEFAULT_SESSION is not None
        events = boto3.DEFAULT_SESSION.events
        events.register("provide-client-params.dynamodb", ledger.add_capacity)
        events.register("after-call.dynamodb", ledger.count)
        events.register("before-send.dynamodb", ledger.sending)
        events.register("before-parse.dynamodb", ledger.received)
        config = local_config(endpoint, TABLE)
        client = make_client(config)
        create_table(client, TABLE)
        resource = boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
        peer.create_table(resource.meta.client, PEER_TABLE)
        ours: Handler = make_handler(config)
        theirs: Handler = peer.build(PEER_TABLE, resource).lambda_handler()
        cases = _cases(ours, theirs, client, resource, history)
        ledger.reset()
        ledger.side = "ours"
        routine_moves = scenarios.full_routine(ours, "amzn1.ask.account.BENCH-PROD-ROUTINE")
        ledger.side = "peer"
        template = cases["launch 1 day"][1]
        peer_moves = peer_routine(theirs, template, "amzn1.ask.account.BENCH-PROD-ROUTINE")
        requests, reads, writes = (
            Counter(c) for c in (ledger.requests, ledger.reads, ledger.writes)
        )
        start_reads = _session_start_reads(ours, template, ledger)
        turns = interleaved(
            cases, iterations=iterations, warmup=warmup, probe=ledger.waited_ms, enough=enough
        )
    measured = Ledger(requests=requests, reads=reads, writes=writes)
    measured.session_start_reads = start_reads
    moves = {"ours": routine_moves.moves_done, "peer": peer_moves}
    return Production(turns, measured, moves, history)


def _cases(
    ours: Handler, theirs: Handler, client: Any, resource: Any, history: int
) -> dict[str, tuple[Handler, Any]]:
    """Each case: a handler and what to send it (a request, or a callable making one)."""
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    new, old = "amzn1.ask.account.BENCH-PROD-NEW", "amzn1.ask.account.BENCH-PROD-OLD"
    scenarios.full_routine(ours, new)  # one day done
    seed_old_history(DynamoDbStore(client, TABLE), old, daily_until(yesterday, history))
    launch_new = scenarios.launch(ours, new)
    launch_old = _with_user(launch_new, old)
    ours(launch_old, None)  # its first session start after the upgrade: the summary is stored
    next_set = scenarios.mid_workout_next(ours, new)
    completing = scenarios.move_completing_next(ours, new)
    peer_routine(theirs, launch_new, new)
    peer.seed_days(resource, PEER_TABLE, old, daily_until(yesterday, history))
    counter = iter(range(10**9))
    return {
        "launch 1 day": (ours, launch_new),
        "launch 3650 days": (ours, launch_old),
        "counted set": (ours, next_set),
        "completing": (ours, lambda: _with_user(completing, f"{new}-{next(counter)}")),
        "peer launch 1 day": (theirs, _peer_request(launch_new, new, None, {})),
        "peer launch 3650 days": (theirs, _peer_request(launch_new, old, None, {})),
        "peer counted set": (
            theirs,
            _peer_request(launch_new, new, "AMAZON.NextIntent", {"move": 2, "counted": False}),
        ),
        "peer completing": (
            theirs,
            _peer_request(launch_new, new, "AMAZON.NextIntent", {"move": 2, "counted": True}),
        ),
    }


def _session_start_reads(ours: Handler, template: dict[str, Any], ledger: Ledger) -> list[float]:
    """Read units of our session starts: a new user, then the ten-year one."""
    ledger.session_start_reads.clear()
    ledger.side = "ours"
    ours(template, None)
    ours(_with_user(template, "amzn1.ask.account.BENCH-PROD-OLD"), None)
    return list(ledger.session_start_reads)


def _p50_p99(turn: Summary) -> str:
    return f"{fmt_ms(turn.p50)} / {fmt_ms(turn.p99)}, {fmt_ms(turn.p25)}-{fmt_ms(turn.p75)}"


def rows(result: Production) -> list[Row]:
    t = result.turns

    def turn(what: str, name: str, target: Target | None) -> Row:
        ours, theirs = t[name], t[f"peer {name}"]
        return Row(
            "1",
            f"warm turn on DynamoDB, {what}, p50 / p99, p25-p75 of {ours.n} (ratio of p50)",
            _p50_p99(ours),
            _p50_p99(theirs),
            ours.p50 / theirs.p50,
            target,
        )

    def split(what: str, name: str) -> list[Row]:
        """Where a turn's time goes: the DynamoDB round trips (loopback and dynalite's work, the
        same server for both sides) and the rest (the skill, its SDK and the client library)."""
        ours, theirs = t[name], t[f"peer {name}"]
        if ours.probed_p50 is None or theirs.probed_p50 is None:
            return []
        assert ours.rest_p50 is not None
        assert theirs.rest_p50 is not None
        return [
            Row(
                "1",
                f"{what}: waiting on DynamoDB (round trips, server and loopback), p50",
                fmt_ms(ours.probed_p50),
                fmt_ms(theirs.probed_p50),
                ours.probed_p50 / theirs.probed_p50 if theirs.probed_p50 else None,
            ),
            Row(
                "1",
                f"{what}: the rest (skill, SDK, client library), p50",
                fmt_ms(ours.rest_p50),
                fmt_ms(theirs.rest_p50),
                ours.rest_p50 / theirs.rest_p50,
            ),
        ]

    days = f"{result.history:,} days"
    growth = t["launch 3650 days"].p50 / t["launch 1 day"].p50
    ledger, moves = result.ledger, result.moves

    def per_routine(counter: Counter[str], what: str, scale: float = 1.0) -> Row:
        ours, theirs = counter["ours"] / scale, counter["peer"] / scale
        return Row(
            "4",
            f"DynamoDB {what} per whole routine ({moves['ours']} / {moves['peer']} moves saved)",
            f"{ours:g}",
            f"{theirs:g}",
            ours / theirs if theirs else None,
        )

    start = max(ledger.session_start_reads, default=0.0)
    return [
        turn("launch, returning user, 1 day of history", "launch 1 day", LAUNCH_TARGET),
        turn(f"launch, returning user, {days} of history", "launch 3650 days", LAUNCH_TARGET),
        Row(
            "1",
            f"our launch with {days} / with 1 day of history (p50)",
            fmt_ms(t["launch 3650 days"].p50),
            fmt_ms(t["launch 1 day"].p50) + " (ours, 1 day)",
            growth,
            GROWTH_TARGET,
        ),
        *split("launch, 1 day of history", "launch 1 day"),
        turn("counted-set turn (no database)", "counted set", None),
        turn("move-completing turn (a real write)", "completing", COMPLETING_TARGET),
        *split("move-completing turn", "completing"),
        per_routine(ledger.requests, "requests"),
        per_routine(ledger.reads, "read units", 1000),
        per_routine(ledger.writes, "write units", 1000),
        Row(
            "4",
            f"read units of our session start, 1 day and {days} of history (the larger)",
            f"{start:g}",
            "",
            None,
            READ_UNITS_TARGET,
            checked=start,
        ),
    ]
