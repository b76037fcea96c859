"""`python -m bench` (what `make bench` runs): measure every figure, print one table, exit 1 when
a target is missed.

    python -m bench            # the real run (2-5 minutes on 2 shared cores)
    python -m bench --quick    # every code path, tiny sizes, no targets enforced (tests use it)
    python -m bench --readme   # also write the table into README.md's Performance section
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import coldstart, dbwork, footprint, latency, production, production_cold, throughput
from bench.production import LONG_HISTORY
from bench.quiet import metrics_to_devnull
from bench.report import Row, heading, missed, render
from skill.config import Env

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"


@dataclass(frozen=True)
class Sizes:
    """How much work each figure does: the real run, or the quick one that only keeps code alive."""

    latency_iterations: int
    latency_warmup: int
    cold_runs: int  # the embedded-store cold start, which has the target
    cold_runs_dynamodb: int  # the variants shown for information (DynamoDB; no API call; new zone)
    cold_warmup: bool
    cold_counted: int  # the target's cold starts counted in instructions (valgrind), a side
    load: throughput.Load
    routines: int
    production_iterations: int  # interleaved rounds of the eight production-path turns, at most
    # ... and fewer once this many are in and every median is known this well (relative error)
    production_enough: tuple[int, float] | None
    history: int  # days of history of the long-standing user (the figure names 3,650)
    # Build the deployed forms: `make package` (slow the first time: it builds the deploy tools'
    # venv) and the Lambda artifact the cold starts run in (else they run this source tree).
    package: bool

    @classmethod
    def full(cls) -> Sizes:
        # Sized so that run-to-run noise on a shared 2-core machine stays well inside the
        # targets' margins: 11 cold starts a side, one valgrind count of the embedded-store cold
        # start (no target; counts vary under 1% run to run), five rounds of 640 web requests a
        # side, 40 to 120 interleaved rounds of the production turns (until every median is
        # known within 2%).
        load = throughput.Load(devices=8, requests_per_device=80, rounds=5)
        production_rounds = (120, (40, 0.02))
        return cls(2000, 200, 11, 11, True, 1, load, 3, *production_rounds, LONG_HISTORY, True)

    @classmethod
    def quick(cls) -> Sizes:
        load = throughput.Load(devices=2, requests_per_device=3, rounds=1)
        return cls(5, 2, 1, 1, False, 1, load, 1, 2, None, 30, package=False)


_STARTED = time.monotonic()


def _phase(what: str) -> None:
    """Progress on stderr, with the time since the run began (so a slow phase shows)."""
    elapsed = int(time.monotonic() - _STARTED)
    print(f"[{elapsed // 60:2d}:{elapsed % 60:02d}] {what}", file=sys.stderr, flush=True)


def _cold_start(
    work_dir: Path,
    sizes: Sizes,
    label: str,
    store_env: dict[str, str],
    runtime: coldstart.Runtime,
    *,
    target: bool,
) -> list[Row]:
    _phase(f"2/5 cold start ({label}) ...")
    runs = sizes.cold_runs if target else sizes.cold_runs_dynamodb
    cold = coldstart.measure(
        work_dir,
        store_env,
        runs=runs,
        label=label,
        warmup=sizes.cold_warmup,
        runtime=runtime,
        counted_runs=sizes.cold_counted if target else 0,
    )
    memory = coldstart.peak_memory_row(cold, limit_mib=footprint.memory_limit_mib())
    return [*coldstart.rows(cold), memory]


def _cold_variant(
    work_dir: Path,
    sizes: Sizes,
    store_env: dict[str, str],
    label: str,
    runtime: coldstart.Runtime,
    *,
    api_token: bool = True,
    zone_known: bool = True,
) -> Row:
    """An embedded-store cold start shown for information."""
    _phase(f"2/5 cold start ({label}; {runtime.name}) ...")
    result = coldstart.measure(
        work_dir,
        store_env,
        runs=sizes.cold_runs_dynamodb,
        label=label,
        warmup=sizes.cold_warmup,
        api_token=api_token,
        zone_known=zone_known,
        runtime=runtime,
    )
    return coldstart.cpu_row(result)


def run(work_dir: Path, sizes: Sizes) -> list[Row]:
    rows: list[Row] = []
    _phase("1/5 warm turn latency ...")
    rows += latency.rows(
        latency.measure(work_dir, iterations=sizes.latency_iterations, warmup=sizes.latency_warmup)
    )
    sqlite_env = {
        Env.STORE.value: "sqlite",
        Env.SQLITE_PATH.value: str(work_dir / "cold.sqlite3"),
    }
    # The target is on what Lambda runs (the built artifact, the template's Python); the same
    # from this source tree on this interpreter is shown beside it.
    runtime = coldstart.artifact_runtime() if sizes.package else coldstart.source_runtime()
    rows += _cold_start(work_dir, sizes, "embedded SQLite", sqlite_env, runtime, target=True)
    if runtime.artifact is not None:
        source = coldstart.source_runtime()
        rows.append(_cold_variant(work_dir, sizes, sqlite_env, "embedded SQLite", source))
    no_call = "embedded SQLite, no settings-API call"
    rows.append(_cold_variant(work_dir, sizes, sqlite_env, no_call, runtime, api_token=False))
    new_zone = "embedded SQLite, user's zone not known yet: settings-API call"
    rows.append(_cold_variant(work_dir, sizes, sqlite_env, new_zone, runtime, zone_known=False))
    _phase("3/5 web service throughput ...")
    rows += throughput.rows(throughput.measure(work_dir, sizes.load))
    with dbwork.dynalite(work_dir / "dynalite") as server:
        _phase("4/5 database work per routine ...")
        rows += dbwork.rows(dbwork.measure(server.port, routines=sizes.routines))
        _phase("4/5 production path against the persistent peer ...")
        measured = production.measure(
            server.url,
            iterations=sizes.production_iterations,
            warmup=max(1, sizes.production_iterations // 10),
            history=sizes.history,
            enough=sizes.production_enough,
        )
        rows += production.rows(measured)
        _phase("3/5 whole routines per second against the persistent peer ...")
        rows += throughput.routine_rows(throughput.measure(work_dir, sizes.load, server.url))
        if sizes.package:  # the built artifacts, both sides (quick runs skip the builds)
            _phase("2/5 cold start on DynamoDB against the persistent peer ...")
            cold = production_cold.measure(
                server.url, work_dir, runs=sizes.cold_runs_dynamodb, counted=True
            )
            rows += production_cold.rows(cold)
        dynamo_env = {
            Env.STORE.value: "dynamodb",
            Env.DYNAMODB_ENDPOINT.value: server.url,
            Env.TABLE_NAME.value: dbwork.TABLE,
        }
        rows += _cold_start(work_dir, sizes, "DynamoDB store", dynamo_env, runtime, target=False)
    _phase("5/5 deployment artifact ...")
    package, why_not = footprint.build_package() if sizes.package else (None, "quick mode")
    rows += footprint.rows(package, why_not, footprint.peer_artifact(work_dir))
    return rows


def write_readme(table: str, readme: Path = README) -> None:
    text = readme.read_text()
    start, end = text.index(README_START), text.index(README_END)
    readme.write_text(text[: start + len(README_START)] + "\n" + table + "\n" + text[end:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes; no targets enforced")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    sizes = Sizes.quick() if args.quick else Sizes.full()
    with tempfile.TemporaryDirectory(prefix="mm-bench-") as tmp, metrics_to_devnull():
        rows = run(Path(tmp), sizes)
    table = render(sorted(rows, key=lambda r: r.figure), heading(ROOT, quick=args.quick))
    print(table)
    if args.readme and not args.quick:
        write_readme(table)
    failures = missed(rows)
    for row in failures:
        print(f"MISSED: {row.what}: {row.ratio} (target {row.target})", file=sys.stderr)
    return 1 if failures and not args.quick else 0


if __name__ == "__main__":
    raise SystemExit(main())
