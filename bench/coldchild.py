"""One cold start, run in a fresh interpreter by bench/coldstart.py (not imported elsewhere).

    python -m bench.coldchild ours|baseline|peer EVENTS.json [--stop startup|init|first]
    pythonX.Y -I -S bench/coldchild.py ours|baseline|peer EVENTS.json --artifact DIR [--stop ...]

`--artifact`: the deployed form (its folder first on the path) instead of this source tree.
`--stop`: leave at once (no output, no interpreter shutdown) once the events are loaded, the
handler is built (init) or the first answer is given: what bench/coldstart.py counts
instructions up to, under valgrind.

Loads what the Lambda runtime loads before any handler, imports the skill's Lambda entry,
answers the first event (a LaunchRequest), then the rest, and prints one JSON line: when the
process got going, how long import + first answer took (CPU time and wall time), and the
resident-set high-water mark at the end.
"""

from __future__ import annotations

import time

STARTED_NS = time.time_ns()  # before anything else this process does on its own account

# json, logging, traceback and warnings: what the AWS Lambda Python runtime has imported before
# it loads a handler module (its bootstrap, awslambdaric/bootstrap.py, logs through `logging`),
# so neither skill is charged for the runtime's own imports.
import copy  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402, F401
import os  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402, F401
import warnings  # noqa: E402, F401
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load_handler(which: str, artifact: Path | None) -> Any:
    if which == "baseline":  # its module, by path: the artifact run has no `bench` package
        return _load("baseline", ROOT / "bench" / "baseline.py").handler
    if which == "peer":  # the persistent peer, built as its module would at import
        return _load("peer", ROOT / "bench" / "peer.py").handler_from_environment()
    # The entry is loaded by path, as the Lambda runtime does ("lambda" is a keyword).
    return _load("app", artifact / "app.py" if artifact else ROOT / "lambda" / "app.py").handler


def _high_water_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main(which: str, events_path: str, artifact: Path | None, stop: str | None) -> None:
    events: list[dict[str, Any]] = json.loads(Path(events_path).read_text())
    if artifact is not None:  # the deployed form: its folder first, as /var/task on Lambda
        sys.path.insert(0, str(artifact))
    if stop == "startup":
        os._exit(0)
    begin_wall, begin_cpu = time.perf_counter_ns(), time.process_time_ns()
    handler = _load_handler(which, artifact)
    init_cpu_ns = time.process_time_ns() - begin_cpu
    if stop == "init":
        os._exit(0)
    first = handler(copy.deepcopy(events[0]), None)
    if stop == "first":
        os._exit(0)
    first_cpu_ns = time.process_time_ns() - begin_cpu
    first_wall_ns = time.perf_counter_ns() - begin_wall
    answered_ns = time.time_ns()
    assert "response" in first
    attributes = first.get("sessionAttributes") or {}
    for event in events[1:]:
        event["session"]["attributes"] = attributes
        attributes = handler(event, None).get("sessionAttributes") or {}
    warm_cpu_ns = time.process_time_ns()
    handler(events[0], None)  # the same launch again, warm: what the first event is held to
    warm_cpu_ns = time.process_time_ns() - warm_cpu_ns
    print(
        json.dumps(
            {
                "started_ns": STARTED_NS,
                "answered_ns": answered_ns,
                "import_and_first_cpu_ms": first_cpu_ns / 1e6,
                "import_and_first_wall_ms": first_wall_ns / 1e6,
                "init_cpu_ms": init_cpu_ns / 1e6,
                "first_event_cpu_ms": (first_cpu_ns - init_cpu_ns) / 1e6,
                "warm_launch_cpu_ms": warm_cpu_ns / 1e6,
                "high_water_kib": _high_water_kib(),
            }
        )
    )


if __name__ == "__main__":
    # By hand, not argparse: importing it would load modules the measured code then gets free.
    which, events_path, *options = sys.argv[1:]
    given = dict(zip(options[::2], options[1::2], strict=True))
    artifact = given.get("--artifact")
    main(which, events_path, Path(artifact) if artifact else None, given.get("--stop"))
