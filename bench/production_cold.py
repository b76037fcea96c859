"""Figure 2 on what production runs: the cold start on the DynamoDB path, ours against the
persistent peer (bench/peer.py), both from built artifacts on template.yaml's Python with
`-I -S` (nothing but the artifact and the standard library importable), both on the same
dynalite, split into init (import and build: Lambda's init phase) and the first event.

Ours is `make lambda-artifact`'s folder for this CPU. The peer's is the same kind of folder:
ask-sdk and its DynamoDB adapter installed by the same uv for the same platform, constrained by
our lock file (so boto3, botocore and ask-sdk-core are the same versions on both sides), with
the full botocore a developer would ship, byte-compiled the same way. Instructions (valgrind)
are the target: the machine's neighbours cannot move them; CPU times are medians of runs that
alternate between the two sides.
"""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import coldstart, peer, production, scenarios
from bench.report import Row, Target, fmt_ms
from bench.stats import median
from skill.config import Config, Env, StoreKind
from skill.dev.simulator import SIMULATOR_SKILL_ID
from skill.lambda_entry import make_handler
from testkit.template import ROOT, build_script

INSTRUCTIONS_TARGET = Target("<=", 0.95)
FIRST_EVENT_TARGET = Target("<=", 3.0)  # our first event after init / our warm launch
PEER_REQUIREMENTS = ("ask-sdk", "ask-sdk-dynamodb-persistence-adapter")
USER = "amzn1.ask.account.BENCH-COLD-PROD"


def peer_artifact(runtime: coldstart.Runtime) -> Path:
    """The peer's dependencies as a Lambda folder for this CPU (built once per lock file)."""
    script = build_script()
    target = script.Target(script.template_target().python_version, coldstart.this_arch())
    folder = ROOT / "build" / "peer" / f"py{target.python_version}-{target.arch}"
    key = f"{script.LOCK.read_text()}{PEER_REQUIREMENTS}"
    stamp = folder / script.STAMP
    if stamp.exists() and stamp.read_text() == key:
        return folder
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    install = [str(script.find_uv()), "pip", "install", "--quiet", "--target", str(folder)]
    install += ["--python", runtime.python, "--python-platform", target.uv_platform]
    install += ["--only-binary", ":all:", "--no-compile", "--constraint", str(script.LOCK)]
    subprocess.run([*install, *PEER_REQUIREMENTS], check=True)
    script._compile(Path(runtime.python), folder, folder)
    stamp.write_text(key)
    return folder


@dataclass(frozen=True)
class ProductionCold:
    ours: list[dict[str, float]]
    peer: list[dict[str, float]]
    instructions: dict[str, dict[str, int]]  # side -> {"init": n, "first": n}


def _events(work_dir: Path) -> tuple[Path, Path]:
    """A returning user's routine for each side, the first event its launch."""
    local = make_handler(Config(store=StoreKind.MEMORY, verify=False))
    ours = scenarios.full_routine(local, USER).requests
    ours[0] = coldstart.with_settings_api_down(ours[0])
    launch = ours[0]
    theirs = [production._peer_request(launch, USER, None, {})]
    theirs += [production._peer_request(launch, USER, "AMAZON.YesIntent", {})] * 10
    theirs += [production._peer_request(launch, USER, "AMAZON.StopIntent", {})]
    files = work_dir / "cold-prod-ours.json", work_dir / "cold-prod-peer.json"
    files[0].write_text(json.dumps(ours))
    files[1].write_text(json.dumps(theirs))
    return files


def _child(which: str, events: Path, env: dict[str, str], runtime: coldstart.Runtime) -> Any:
    out = coldstart._run(runtime.command(which, events), env, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"cold-start child ({which}) failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(endpoint: str, work_dir: Path, *, runs: int, counted: bool) -> ProductionCold:
    ours_runtime = coldstart.artifact_runtime()
    assert ours_runtime.artifact is not None
    peer_runtime = coldstart.Runtime(
        ours_runtime.python, peer_artifact(ours_runtime), ours_runtime.name
    )
    import boto3

    table, peer_table = "morning-moves-cold", "peer-cold"
    with production._aws_defaults():
        client = boto3.client("dynamodb", endpoint_url=endpoint)
        from skill.store.dynamodb import create_table

        create_table(client, table)
        peer.create_table(client, peer_table)
        resource = boto3.resource("dynamodb", endpoint_url=endpoint)
        yesterday = datetime.now(UTC).date() - timedelta(days=1)
        peer.seed_days(resource, peer_table, USER, [yesterday])
    env = {
        **production.AWS_LOCAL,
        Env.VERIFY.value: "false",
        Env.SKILL_ID.value: SIMULATOR_SKILL_ID,  # without one the entry refuses every request
        Env.STORE.value: "dynamodb",
        Env.DYNAMODB_ENDPOINT.value: endpoint,
        Env.TABLE_NAME.value: table,
        peer.TABLE_VARIABLE: peer_table,
        peer.ENDPOINT_VARIABLE: endpoint,
    }
    coldstart.seed_zone(env, USER)
    ours_events, peer_events = _events(work_dir)
    sides = {"ours": (ours_events, ours_runtime), "peer": (peer_events, peer_runtime)}
    for which, (events, runtime) in sides.items():  # untimed: pages in, a returning user
        _child(which, events, env, runtime)
    results: dict[str, list[dict[str, float]]] = {"ours": [], "peer": []}
    for i in range(runs):
        order = list(sides) if i % 2 == 0 else list(reversed(sides))
        for which in order:
            events, runtime = sides[which]
            results[which].append(_child(which, events, env, runtime))
    instructions: dict[str, dict[str, int]] = {}
    if counted:
        # Six runs under valgrind, two at a time: counts do not depend on what else runs.
        jobs = [(which, stop) for which in sides for stop in ("startup", "init", "first")]

        def count(job: tuple[str, str]) -> int:
            which, stop = job
            events, runtime = sides[which]
            return coldstart.count_instructions(which, events, env, runtime, stop)

        with ThreadPoolExecutor(max_workers=2) as pool:
            counts = dict(zip(jobs, pool.map(count, jobs), strict=True))
        for which in sides:
            instructions[which] = {
                "init": counts[which, "init"] - counts[which, "startup"],
                "first": counts[which, "first"] - counts[which, "init"],
            }
    return ProductionCold(results["ours"], results["peer"], instructions)


def rows(result: ProductionCold) -> list[Row]:
    def cpu(side: list[dict[str, float]], field: str) -> float:
        return median([run[field] for run in side])

    label = "cold start on DynamoDB (Lambda artifacts, -I -S)"
    out: list[Row] = []
    if result.instructions:
        ours, theirs = result.instructions["ours"], result.instructions["peer"]
        total = (ours["init"] + ours["first"]) / (theirs["init"] + theirs["first"])
        out.append(
            Row(
                "2",
                f"{label}: init + first launch, instructions executed (valgrind)",
                f"{(ours['init'] + ours['first']) / 1e6:.0f} M",
                f"{(theirs['init'] + theirs['first']) / 1e6:.0f} M",
                total,
                INSTRUCTIONS_TARGET,
            )
        )
        for part in ("init", "first"):
            out.append(
                Row(
                    "2",
                    f"{label}: {'init (import, build)' if part == 'init' else 'first event'}, "
                    "instructions",
                    f"{ours[part] / 1e6:.0f} M",
                    f"{theirs[part] / 1e6:.0f} M",
                    ours[part] / theirs[part],
                )
            )
    n = len(result.ours)
    for field, what in (("init_cpu_ms", "init"), ("first_event_cpu_ms", "first event")):
        ours_ms, theirs_ms = cpu(result.ours, field), cpu(result.peer, field)
        out.append(
            Row(
                "2",
                f"{label}: {what}, CPU time, median of {n}",
                fmt_ms(ours_ms),
                fmt_ms(theirs_ms),
                ours_ms / theirs_ms,
            )
        )
    first, warm = cpu(result.ours, "first_event_cpu_ms"), cpu(result.ours, "warm_launch_cpu_ms")
    out.append(
        Row(
            "2",
            "our first event after init / our warm launch in the same process (CPU, median)",
            f"{fmt_ms(first)} / {fmt_ms(warm)}",
            "",
            first / warm,
            FIRST_EVENT_TARGET,
        )
    )
    high = {
        side: max(run["high_water_kib"] for run in runs)
        for side, runs in (("ours", result.ours), ("peer", result.peer))
    }
    out.append(
        Row(
            "5",
            f"peak RSS of the Lambda process on DynamoDB after a whole routine ({label})",
            f"{high['ours'] / 1024:.1f} MiB",
            f"{high['peer'] / 1024:.1f} MiB",
            high["ours"] / high["peer"],
            Target("<=", 1.0),
        )
    )
    return out
