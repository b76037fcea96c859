"""Figure 1: warm turn latency in-process, through each skill's Lambda handler.

Morning Moves runs on the embedded SQLite store (the default store, in a temporary directory);
the baseline has no store. Cases are interleaved turn by turn so that noise from the shared
machine falls on all of them alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench import baseline, scenarios
from bench.report import Row, fmt_ms
from bench.stats import Summary, interleaved
from skill.config import Config, StoreKind
from skill.lambda_entry import make_handler

USER = "amzn1.ask.account.BENCH-LATENCY"


@dataclass(frozen=True)
class Latency:
    baseline_launch: Summary
    next_counted_set: Summary
    returning_launch: Summary


def bench_config(data_dir: Path) -> Config:
    return Config(store=StoreKind.SQLITE, sqlite_path=data_dir / "latency.sqlite3", verify=False)


def measure(data_dir: Path, *, iterations: int, warmup: int) -> Latency:
    ours = make_handler(bench_config(data_dir))
    scenarios.full_routine(ours, USER)  # a returning user has history to load
    cases = {
        "baseline": (baseline.handler, scenarios.launch(baseline.handler, USER)),
        "next": (ours, scenarios.mid_workout_next(ours, USER)),
        "launch": (ours, scenarios.launch(ours, USER)),
    }
    summaries = interleaved(cases, iterations=iterations, warmup=warmup)
    return Latency(
        baseline_launch=summaries["baseline"],
        next_counted_set=summaries["next"],
        returning_launch=summaries["launch"],
    )


def rows(result: Latency) -> list[Row]:
    base = result.baseline_launch

    def row(what: str, ours: Summary) -> Row:
        return Row(
            "1",
            f"warm turn, {what}, p50 / p99 (ratio of p50)",
            f"{fmt_ms(ours.p50)} / {fmt_ms(ours.p99)}",
            f"{fmt_ms(base.p50)} / {fmt_ms(base.p99)}",
            ours.p50 / base.p50,
            None,  # against hello-world: information only (bench/production.py has the targets)
        )

    return [
        row("mid-workout next (ours: a whole move counted)", result.next_counted_set),
        row("launch, returning user", result.returning_launch),
    ]
