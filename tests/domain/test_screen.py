"""The screen model: counters, step and routine progress, as the Echo Show displays them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.domain.catalogue import MOVES
from skill.domain.ids import MoveId
from skill.domain.screen import APP_TITLE, Screen


@pytest.mark.parametrize(
    ("screen", "counter", "step", "percent"),
    [
        (Screen(MoveId.TOE_TAPS, "cue"), "", "Move 1 of 5", 0),
        (
            Screen(MoveId.TOE_TAPS, "cue", rep=5, reps=10, set_no=1, sets=1),
            "Rep 5 of 10",
            "Move 1 of 5",
            10,
        ),
        (
            Screen(MoveId.SQUATS, "cue", rep=10, reps=10, set_no=2, sets=2, moves_done=1),
            "Rep 10 of 10 · Set 2 of 2",
            "Move 2 of 5",
            40,
        ),
        (Screen(MoveId.REVERSE_LUNGE, "cue", moves_done=4), "", "Move 5 of 5", 80),
        (Screen(None, "done", moves_done=5), "", "", 100),
        (
            Screen(MoveId.SQUATS, "moment", rep=3, reps=10, sets=1, set_no=1, moves_total=1),
            "Rep 3 of 10",
            "",
            30,
        ),
    ],
)
def test_counter_step_and_progress(screen: Screen, counter: str, step: str, percent: int) -> None:
    assert (screen.counter, screen.step, screen.progress_percent) == (counter, step, percent)


def test_titles_come_from_the_catalogue() -> None:
    assert Screen(MoveId.HEEL_RISES, "").title == MOVES[MoveId.HEEL_RISES].title
    assert Screen(None, "").title == APP_TITLE


@given(
    st.sampled_from([*MoveId, None]),
    st.integers(-3, 30),
    st.integers(0, 30),
    st.integers(-3, 5),
    st.integers(0, 5),
    st.integers(-2, 8),
    st.integers(0, 6),
)
def test_progress_is_always_a_percentage(
    move: MoveId | None, rep: int, reps: int, set_no: int, sets: int, done: int, total: int
) -> None:
    screen = Screen(move, "cue", rep, reps, set_no, sets, done, total)
    assert 0 <= screen.progress_percent <= 100
