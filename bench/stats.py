"""Small, dependency-free statistics for timing samples."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


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
