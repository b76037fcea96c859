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
    """p50 and p99 of a set of durations, in milliseconds; the interquartile range (p25..p75)
    as the spread; with a probe (see interleaved), the p50 of each turn's probed part (time
    spent waiting on the database) and of the rest (the handler's own work)."""

    n: int
    p50: float
    p99: float
    p25: float = 0.0
    p75: float = 0.0
    probed_p50: float | None = None
    rest_p50: float | None = None

    @classmethod
    def of(cls, samples_ms: Sequence[float], probed_ms: Sequence[float] = ()) -> Summary:
        split: dict[str, float] = {}
        if probed_ms:
            split["probed_p50"] = percentile(probed_ms, 50)
            rest = [t - p for t, p in zip(samples_ms, probed_ms, strict=True)]
            split["rest_p50"] = percentile(rest, 50)
        return cls(
            len(samples_ms),
            percentile(samples_ms, 50),
            percentile(samples_ms, 99),
            percentile(samples_ms, 25),
            percentile(samples_ms, 75),
            **split,
        )

    @property
    def spread(self) -> float:
        """The interquartile range relative to the median."""
        return (self.p75 - self.p25) / self.p50 if self.p50 else 0.0


def median_error(samples: Sequence[float]) -> float:
    """The standard error of the samples' median relative to it, from their spread (the normal
    approximation, 1.2533 sigma / sqrt(n), with sigma estimated as the IQR / 1.349)."""
    summary = Summary.of(samples)
    return 1.2533 * summary.spread / 1.349 / math.sqrt(len(samples))


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


CHECK_EVERY = 10  # rounds between checks of `enough`
Turn = tuple[Callable[[Any, Any], Any], Any]  # a Lambda-style handler, and its event (or a
# callable making a fresh one, not timed)


def _enough(samples: dict[str, list[float]], rounds: int, least: int, error: float) -> bool:
    if rounds < least or rounds % CHECK_EVERY:
        return False
    return all(median_error(values) <= error for values in samples.values())


def interleaved(
    cases: dict[str, Turn],
    *,
    iterations: int,
    warmup: int,
    probe: Callable[[], float] | None = None,
    enough: tuple[int, float] | None = None,
) -> dict[str, Summary]:
    """Each case's handler timed on its event, the cases interleaved turn by turn (rotating, so
    none always runs first): noise from the shared machine falls on all of them alike.

    `probe`, when given, reads a running total in ms (time spent waiting on a server): each
    turn's share of it is summarised apart from the rest of the turn. `enough` = (rounds,
    error): stop before `iterations` once at least that many rounds are in and every case's
    median is known within that relative standard error (a quiet machine needs fewer rounds
    than a busy one; the rows say how many were run)."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    probed: dict[str, list[float]] = {name: [] for name in cases}
    order = list(cases)
    for i in range(warmup + iterations):
        order = order[1:] + order[:1]
        for name in order:
            handler, request = cases[name]
            event = request() if callable(request) else request
            waited = probe() if probe else 0.0
            start = time.perf_counter_ns()
            handler(event, None)
            elapsed = (time.perf_counter_ns() - start) / 1e6
            if i >= warmup:
                samples[name].append(elapsed)
                if probe:
                    probed[name].append(probe() - waited)
        if enough and _enough(samples, i + 1 - warmup, *enough):
            break
    return {name: Summary.of(samples[name], probed[name]) for name in cases}
