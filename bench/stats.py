"""Small, dependency-free statistics for timing samples."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by the nearest-rank method: always an observed value."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    """p50 and p99 of a set of durations, in milliseconds."""

    n: int
    p50: float
    p99: float

    @classmethod
    def of(cls, samples_ms: Sequence[float]) -> Summary:
        return cls(len(samples_ms), percentile(samples_ms, 50), percentile(samples_ms, 99))


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


Turn = tuple[Callable[[Any, Any], Any], Any]  # a Lambda-style handler, and its event (or a
# callable making a fresh one, not timed)


def interleaved(cases: dict[str, Turn], *, iterations: int, warmup: int) -> dict[str, Summary]:
    """Each case's handler timed on its event, the cases interleaved turn by turn (rotating, so
    none always runs first): noise from the shared machine falls on all of them alike."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    order = list(cases)
    for i in range(warmup + iterations):
        order = order[1:] + order[:1]
        for name in order:
            handler, request = cases[name]
            event = request() if callable(request) else request
            start = time.perf_counter_ns()
            handler(event, None)
            if i >= warmup:
                samples[name].append((time.perf_counter_ns() - start) / 1e6)
    return {name: Summary.of(values) for name, values in samples.items()}
