"""Figure 2 (cold start) and half of figure 5 (peak memory of the Lambda handler process).

Each run is a fresh interpreter (bench/coldchild.py) that imports the Lambda entry and answers
one LaunchRequest; runs alternate between Morning Moves and the baseline. The figure is the
median over runs of the CPU time that import + first answer take inside the child: CPU time,
because wall time on a shared 2-core machine mostly measures the neighbours, and the work is
CPU-bound (files come from the page cache after the untimed first pair). Interpreter start-up is
the same for both; the wall time from spawn to first answer is shown apart. The child then plays
a whole routine (the baseline: as many launches) and reports its resident-set high-water mark.

The user is a returning one whose time zone the store remembers: before the runs, `seed_zone`
records a completed move from yesterday for the benchmark user through the store's own
`record`, carrying a zone the settings API "confirmed" a day ago (well inside the skill's weekly
re-check). So the first request needs no settings-API call, as for most real sessions; the event
still carries an API token and endpoint (a closed loopback port), so a call, if the skill made
one, would be measured. With `zone_known=False` the user is another one, whose zone the store
does not know: the first request asks the settings API (which fails at once; the skill falls
back to its default zone and stores nothing, so every run asks again).
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import re
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import baseline, scenarios
from bench.report import Row, Target, fmt_ms
from bench.stats import median
from skill.config import Config, Env, StoreKind
from skill.dev.simulator import SIMULATOR_SKILL_ID
from skill.domain.ids import MoveId
from skill.domain.progress import Completion, KnownZone
from skill.lambda_entry import make_handler
from skill.store.factory import make_store
from testkit.template import build_script, make_artifact

LAMBDA_ARCH = {"x86_64": "x86_64", "aarch64": "arm64"}  # platform.machine() -> Lambda's name
INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")  # callgrind's total, on stderr
USER = "amzn1.ask.account.BENCH-COLD"
USER_WITHOUT_ZONE = "amzn1.ask.account.BENCH-COLD-NO-ZONE"
SEEDED_ZONE = "America/Chicago"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ChildRun:
    import_and_first_cpu_ms: float
    import_and_first_wall_ms: float
    spawn_to_answer_ms: float
    high_water_kib: int


@dataclass(frozen=True)
class ColdStart:
    label: str
    ours: list[ChildRun]
    baseline: list[ChildRun]
    # Instructions executed by import + first answer (valgrind), when counted: (ours, baseline).
    instructions: tuple[int, int] | None = None

    def median_of(self, runs: list[ChildRun], field: str) -> float:
        return median([getattr(r, field) for r in runs])


@dataclass(frozen=True)
class Runtime:
    """What a cold-start child runs: an interpreter, and the deployed artifact folder or (None)
    this source tree."""

    python: str
    artifact: Path | None
    name: str

    def command(self, which: str, events_file: Path, *options: str) -> list[str]:
        if self.artifact is None:
            return [self.python, "-m", "bench.coldchild", which, str(events_file), *options]
        # -I -S: only the artifact and the standard library are importable, as on Lambda.
        child = str(ROOT / "bench" / "coldchild.py")
        artifact = ["--artifact", str(self.artifact)]
        return [self.python, "-I", "-S", child, which, str(events_file), *artifact, *options]


def source_runtime() -> Runtime:
    """This source tree on this interpreter (quick runs; no build needed)."""
    version = ".".join(map(str, sys.version_info[:2]))
    return Runtime(sys.executable, None, f"source tree, Python {version}")


def this_arch() -> str:
    """This machine's CPU, as Lambda names it."""
    return LAMBDA_ARCH[platform.machine()]


def artifact_runtime() -> Runtime:
    """What Lambda runs: `make package`'s artifact, built for this machine's CPU (x86_64 here;
    only the native wheels differ from the arm64 one), on template.yaml's Python version."""
    folder = make_artifact(this_arch())
    version = build_script().template_target().python_version
    python = build_script().find_interpreter(version)
    if python is None:
        raise RuntimeError(f"no python{version} for the Lambda artifact (pyenv versions?)")
    # The baseline's module is loaded by path there: byte-compile it for that interpreter too.
    baseline_module = str(ROOT / "bench" / "baseline.py")
    subprocess.run([str(python), "-I", "-m", "py_compile", baseline_module], check=True)
    return Runtime(str(python), folder, f"Lambda artifact, Python {version}")


def _run(command: list[str], env: Mapping[str, str], timeout: float) -> Any:
    """A child process from the project root with `env` added; its output captured."""
    return subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def run_child(which: str, events_file: Path, env: Mapping[str, str], runtime: Runtime) -> ChildRun:
    spawned = time.time_ns()
    out = _run(runtime.command(which, events_file), env, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"cold-start child ({which}) failed:\n{out.stderr}")
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return ChildRun(
        import_and_first_cpu_ms=data["import_and_first_cpu_ms"],
        import_and_first_wall_ms=data["import_and_first_wall_ms"],
        spawn_to_answer_ms=(data["answered_ns"] - spawned) / 1e6,
        high_water_kib=data["high_water_kib"],
    )


def count_instructions(
    which: str, events_file: Path, env: Mapping[str, str], runtime: Runtime, stop: str
) -> int:
    """Instructions a child executes until `stop` ("startup": events loaded; "first": first
    answer given), counted by valgrind: the same on a busy machine as on an idle one."""
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    out = _run([*valgrind, *runtime.command(which, events_file, "--stop", stop)], env, 600)
    found = INSTRUCTIONS.search(out.stderr)
    if out.returncode != 0 or found is None:
        raise RuntimeError(f"counting {which} ({stop}) under valgrind failed:\n{out.stderr}")
    return int(found.group(1).replace(",", ""))


def first_answer_instructions(
    which: str, events_file: Path, env: Mapping[str, str], runtime: Runtime, runs: int
) -> int:
    """Import + first answer in instructions: to the first answer, less interpreter start-up
    (and loading the events); the median of `runs` (string hashing varies a little per run)."""
    startup = count_instructions(which, events_file, env, runtime, "startup")
    first = [count_instructions(which, events_file, env, runtime, "first") for _ in range(runs)]
    return round(median(first)) - startup


def with_settings_api_down(event: dict[str, Any]) -> dict[str, Any]:
    """A real first request carries an API token, so the skill asks Alexa's settings API for the
    device's time zone: that client is part of a real cold start. Here the API is a closed
    loopback port, so the call fails at once (the skill falls back to its default zone) and no
    traffic leaves the machine."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    system = event["context"]["System"]
    system["apiAccessToken"] = "bench-token"
    system["apiEndpoint"] = f"https://127.0.0.1:{port}"
    return event


def seed_zone(env: Mapping[str, str], user_id: str) -> None:
    """Make `user_id` a returning user whose zone the settings API confirmed yesterday: one
    completed move yesterday, recorded through the store the child will open (`env`)."""
    store = make_store(Config.load({**os.environ, **env}))
    now = datetime.now(UTC)
    yesterday = now - timedelta(days=1)
    store.record(
        user_id,
        Completion(
            key="bench-seed-zone",
            move=MoveId.SQUATS,
            reps=10,
            sets=1,
            local_date=yesterday.date(),
            completed_at=yesterday,
            time_zone=KnownZone(SEEDED_ZONE, yesterday),
        ),
    )
    close = getattr(store, "close", None)
    if close is not None:
        close()


def compile_sources() -> None:
    for package in ("skill", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1, workers=0)
    compileall.compile_file(ROOT / "lambda" / "app.py", quiet=1)


def measure(
    work_dir: Path,
    store_env: Mapping[str, str],
    *,
    runs: int,
    label: str,
    warmup: bool = True,
    api_token: bool = True,
    zone_known: bool = True,
    runtime: Runtime | None = None,
    counted_runs: int = 0,
) -> ColdStart:
    """`runtime` runs the children (default: this source tree, `source_runtime`); with
    `counted_runs`, import + first answer are also counted in instructions (valgrind).
    `store_env` configures Morning Moves' store (MORNING_MOVES_* variables); without
    `api_token` the first request skips the settings API, as the simulator's requests do;
    without `zone_known` the user is one whose time zone the store does not know yet."""
    runtime = runtime or source_runtime()
    user = USER if zone_known else USER_WITHOUT_ZONE
    local = make_handler(Config(store=StoreKind.MEMORY, verify=False))
    ours_events = scenarios.full_routine(local, user).requests
    fake: dict[str, str] = {}
    if api_token:
        ours_events[0] = with_settings_api_down(ours_events[0])
        # Allowed as a fake, so the call is really attempted, as it would be at Amazon's host.
        fake[Env.ALEXA_API_FAKE.value] = ours_events[0]["context"]["System"]["apiEndpoint"]
    base_events = [scenarios.launch(baseline.handler, user)] * len(ours_events)
    ours_file, base_file = work_dir / f"cold-{label}-ours.json", work_dir / "cold-baseline.json"
    ours_file.write_text(json.dumps(ours_events))
    base_file.write_text(json.dumps(base_events))
    # The deployed function answers only its own skill (lambda/app.py): the simulator's here.
    env = {Env.VERIFY.value: "false", Env.SKILL_ID.value: SIMULATOR_SKILL_ID, **fake, **store_env}
    if zone_known:
        seed_zone(env, user)
    # The baseline's code is all in site-packages, byte-compiled by pip; ours is a source tree
    # (and PYTHONDONTWRITEBYTECODE may be set), so compile it too rather than time the compiler.
    compile_sources()
    if warmup:  # one untimed pair: pages both in, and makes the user a returning one
        run_child("ours", ours_file, env, runtime)
        run_child("baseline", base_file, env, runtime)
    ours: list[ChildRun] = []
    base: list[ChildRun] = []
    for i in range(runs):
        pair = [("ours", ours_file, ours), ("baseline", base_file, base)]
        for which, events_file, sink in pair if i % 2 == 0 else reversed(pair):
            sink.append(run_child(which, events_file, env, runtime))
    instructions = None
    if counted_runs:
        instructions = (
            first_answer_instructions("ours", ours_file, env, runtime, counted_runs),
            first_answer_instructions("baseline", base_file, env, runtime, counted_runs),
        )
    return ColdStart(f"{label}; {runtime.name}", ours, base, instructions)


def cpu_row(result: ColdStart) -> Row:
    """Import + first answer, CPU time: the cold-start figure."""
    ours = result.median_of(result.ours, "import_and_first_cpu_ms")
    base = result.median_of(result.baseline, "import_and_first_cpu_ms")
    return Row(
        "2",
        f"cold start ({result.label}): import + first launch, CPU time, median of "
        f"{len(result.ours)}",
        fmt_ms(ours),
        fmt_ms(base),
        ours / base,
    )


def instructions_row(result: ColdStart, instructions: tuple[int, int]) -> Row:
    ours, base = instructions
    return Row(
        "2",
        f"cold start ({result.label}): import + first launch, instructions executed (valgrind)",
        f"{ours / 1e6:.0f} M",
        f"{base / 1e6:.0f} M",
        ours / base,
    )


def rows(result: ColdStart) -> list[Row]:
    """The cold-start figure (instructions where they were counted: the machine's neighbours
    cannot move them; else the CPU time), the CPU time and the wall time from spawn; against
    hello-world, so for information only."""
    ours_wall = result.median_of(result.ours, "spawn_to_answer_ms")
    base_wall = result.median_of(result.baseline, "spawn_to_answer_ms")
    figure = cpu_row(result)
    extra: list[Row] = []
    if result.instructions is not None:
        figure, extra = instructions_row(result, result.instructions), [figure]
    return [
        figure,
        *extra,
        Row(
            "2",
            f"cold start ({result.label}): process spawn to first answer, wall, median of "
            f"{len(result.ours)}",
            fmt_ms(ours_wall),
            fmt_ms(base_wall),
            ours_wall / base_wall,
        ),
    ]


def peak_memory_row(result: ColdStart, limit_mib: int | None) -> Row:
    ours = max(r.high_water_kib for r in result.ours) / 1024
    base = max(r.high_water_kib for r in result.baseline) / 1024
    return Row(
        "5",
        f"peak RSS of the Lambda handler process ({result.label}), after a whole routine",
        f"{ours:.1f} MiB",
        f"{base:.1f} MiB",
        ours / base,
        None if limit_mib is None else Target("<=", limit_mib, " MiB (MemorySize)"),
        checked=ours,
    )
