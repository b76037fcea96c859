"""CloudWatch metrics in the embedded metric format (EMF): counted while a request runs, written
after it as one JSON line on stdout, which CloudWatch Logs turns into metrics. No API call on the
request path and no permission beyond writing the function's own log group.

Code anywhere calls `count(Metric.X)`; it is a no-op outside `collecting()`, which the Lambda
entry and the web app open around each request. Only the metrics a request moved are written.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum

NAMESPACE = "MorningMoves"
SERVICE = "morning-moves"


class Metric(StrEnum):
    """What we count (template.yaml's alarms and the README runbook use these names)."""

    # A day's five moves all done, counted once, by the finishing move when its write succeeds
    # on its own turn (one that waited in the session for a failed store is not counted).
    ROUTINES_COMPLETED = "RoutinesCompleted"
    MOVES_RECORDED = "MovesRecorded"  # a completed move the store counted (not a retry)
    STORE_ERRORS = "StoreErrors"  # a store call throttled, timed out or refused
    VERIFICATION_FAILURES = "VerificationFailures"  # a request refused as not from our skill


Counts = dict[Metric, int]
_counts: ContextVar[Counts | None] = ContextVar("morning_moves_metrics", default=None)


def count(metric: Metric, value: int = 1) -> None:
    """Add `value` to `metric` for the request being handled (nothing outside one)."""
    counts = _counts.get()
    if counts is not None:
        counts[metric] = counts.get(metric, 0) + value


def emf_line(counts: Counts, timestamp: float) -> str:
    """One EMF document: the counts as metrics of NAMESPACE, dimension Service."""
    return json.dumps(
        {
            "_aws": {
                "Timestamp": int(timestamp * 1000),
                "CloudWatchMetrics": [
                    {
                        "Namespace": NAMESPACE,
                        "Dimensions": [["Service"]],
                        "Metrics": [{"Name": m.value, "Unit": "Count"} for m in counts],
                    }
                ],
            },
            "Service": SERVICE,
            **{m.value: v for m, v in counts.items()},
        },
        separators=(",", ":"),
    )


def _stdout(line: str) -> None:
    # Straight to stdout, not through logging: Lambda's JSON log format would wrap a logged line
    # in its own object, and CloudWatch reads EMF only from a line that is the document itself.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# Where collecting() writes by default: the last of these (stdout, for CloudWatch, unless
# writing_to() pushed another).
_sinks: list[Callable[[str], None]] = [_stdout]


@contextmanager
def writing_to(write: Callable[[str], None]) -> Iterator[None]:
    """Send every request's EMF line to `write` while the block runs, whatever thread serves
    the request. For processes that are not Lambda's: the bench, whose in-process handlers and
    web server would otherwise print one line per counted request among its own output."""
    _sinks.append(write)
    try:
        yield
    finally:
        _sinks.remove(write)


@contextmanager
def collecting(
    write: Callable[[str], None] | None = None, clock: Callable[[], float] = time.time
) -> Iterator[Counts]:
    """Count for one request; on exit write its EMF line, if anything was counted (to `write`,
    else to the process's sink: stdout)."""
    counts: Counts = {}
    token = _counts.set(counts)
    try:
        yield counts
    finally:
        _counts.reset(token)
        if counts:
            (write or _sinks[-1])(emf_line(counts, clock()))
