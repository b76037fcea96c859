"""The benchmark harness stays runnable: every code path in its quick mode, and the table logic.

No timing is asserted here; `make bench` checks the ratios.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import baseline, production, production_cold, scenarios
from bench.__main__ import README_END, README_START, main, write_readme
from bench.report import Row, Target, missed, render
from skill.config import Config, StoreKind
from skill.domain.ids import MoveId
from skill.domain.state import Phase
from skill.lambda_entry import make_handler
from tests.events import load_event


def test_baseline_is_a_bare_skill_that_answers_launch() -> None:
    response = baseline.handler(load_event("launch"), None)
    assert baseline.WELCOME in response["response"]["outputSpeech"]["ssml"]
    assert response["response"]["shouldEndSession"] is False


@pytest.mark.parametrize(
    ("target", "measured", "met"),
    [
        (Target("<=", 1.5), 1.5, True),
        (Target("<=", 1.5), 1.51, False),
        (Target(">=", 0.8), 0.8, True),
        (Target(">=", 0.8), 0.79, False),
    ],
)
def test_targets_bound_the_ratio(target: Target, measured: float, met: bool) -> None:
    row = Row("1", "x", "a", "b", ratio=measured, target=target)
    assert row.ok is met
    assert missed([row]) == ([] if met else [row])


def test_a_checked_value_is_bounded_instead_of_the_ratio() -> None:
    row = Row("5", "x", "a", "b", ratio=9.0, target=Target("<=", 128, " MiB"), checked=100.0)
    assert row.ok is True
    assert "≤ 128 MiB" in render([row], "title")


def test_readme_section_is_replaced_between_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{README_START}\nold table\n{README_END}\noutro\n")
    write_readme("new table", readme)
    assert readme.read_text() == f"intro\n{README_START}\nnew table\n{README_END}\noutro\n"


@pytest.mark.slow
def test_quick_run_measures_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quick"]) == 0
    table = capsys.readouterr().out
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    assert {row.split("|")[1].strip() for row in rows} == {"1", "2", "3", "4", "5"}
    assert "QUICK MODE" in table


def test_the_mid_workout_turn_answers_with_a_counted_set() -> None:
    handler = make_handler(Config(store=StoreKind.MEMORY, verify=False))
    event = scenarios.mid_workout_next(handler, "amzn1.ask.account.BENCH-TEST")
    before = scenarios.state_of(event["session"]["attributes"])
    after = scenarios.state_of(handler(event, None)["sessionAttributes"])
    assert (before.phase, after.phase) == (Phase.COUNTED, Phase.COUNTED)
    assert before.index + 1 == after.index == scenarios.MID_ROUTINE_INDEX


def test_a_full_routine_completes_every_move() -> None:
    handler = make_handler(Config(store=StoreKind.MEMORY, verify=False))
    routine = scenarios.full_routine(handler, "amzn1.ask.account.BENCH-TEST")
    assert routine.moves_done == len(MoveId)
    assert len(routine.requests) < scenarios.MAX_ROUTINE_TURNS


def test_the_peer_is_the_sdks_persistent_skill_and_saves_every_move(
    dynamodb_endpoint: str,
) -> None:
    measured = production.measure(dynamodb_endpoint, iterations=1, warmup=0, history=20)
    assert measured.moves == {"ours": 5, "peer": 5}
    # The peer reads its whole item on every turn that touches it and writes it back per move.
    assert measured.ledger.requests["peer"] == 11
    assert measured.ledger.requests["ours"] == 6  # one Query, five UpdateItem
    assert all(row.what for row in production.rows(measured))


def test_production_cold_start_rows_carry_the_targets() -> None:
    run = {
        "init_cpu_ms": 100.0,
        "first_event_cpu_ms": 10.0,
        "warm_launch_cpu_ms": 4.0,
        "high_water_kib": 50 * 1024,
    }
    counts = {"ours": {"init": 90, "first": 10}, "peer": {"init": 100, "first": 20}}
    rows = production_cold.rows(production_cold.ProductionCold([run], [run], counts))
    assert [r.ok for r in rows if r.target] == [True, True, True]
    assert rows[0].ratio == 100 / 120
