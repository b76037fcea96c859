"""The screen model: counters, step and routine progress, as the Echo Show displays them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.domain.catalogue import MOVES, ROUTINE
from skill.domain.events import Event, EventKind
from skill.domain.ids import MoveId
from skill.domain.screen import Screen, caption, screen_for
from skill.domain.session import step
from skill.domain.state import SessionState
from skill.domain.words import Phrase, say
from tests.domain.engine_driver import context, routine_turns


@pytest.mark.parametrize(
    ("screen", "counter", "step", "percent"),
    [
        (Screen(MoveId.TOE_TAPS, "cue", reps=10, sets=1), "10 reps", "Move 1 of 5", 0),
        (
            Screen(MoveId.TOE_TAPS, "cue", rep=5, reps=10, set_no=1, sets=1),
            "Rep 5 of 10",
            "Move 1 of 5",
            0,  # reps under way are not a completed move
        ),
        (
            Screen(MoveId.SQUATS, "cue", rep=10, reps=10, set_no=2, sets=2, moves_done=1),
            "Rep 10 of 10 · Set 2 of 2",
            "Move 2 of 5",
            20,
        ),
        (
            Screen(MoveId.TOE_TAPS, "cue", rep=3, reps=10, set_no=1, sets=2, side="left"),
            "Rep 3 of 10 · left leg · Set 1 of 2",
            "Move 1 of 5",
            0,
        ),
        # Two moves skipped, one done: the fourth move is under way, the routine 20% done.
        (
            Screen(MoveId.GLUTE_BRIDGE, "cue", moves_done=1, position=3),
            "",
            "Move 4 of 5",
            20,
        ),
        (Screen(MoveId.REVERSE_LUNGE, "cue", moves_done=4), "", "Move 5 of 5", 80),
        (Screen(None, "done", moves_done=5), "", "", 100),
        (
            Screen(MoveId.SQUATS, "moment", rep=3, reps=10, sets=1, set_no=1, moves_total=1),
            "Rep 3 of 10",
            "",
            0,
        ),
    ],
)
def test_counter_step_and_progress(screen: Screen, counter: str, step: str, percent: int) -> None:
    assert (screen.counter, screen.step, screen.progress_percent) == (counter, step, percent)


def test_titles_come_from_the_catalogue() -> None:
    assert Screen(MoveId.HEEL_RISES, "").title == MOVES[MoveId.HEEL_RISES].title
    assert Screen(None, "").title == say(Phrase.APP_TITLE)


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


def test_screen_follows_the_engine_through_a_routine() -> None:
    seen: list[Screen] = []
    for _, _, outcome in routine_turns(context()):
        seen.append(screen_for(outcome.state, outcome.reply))
    coached = [s for s in seen if s.move is not None]
    assert coached[0].move is ROUTINE[0]
    assert {s.move for s in coached} == set(ROUTINE)
    percents = [s.progress_percent for s in seen]
    assert percents == sorted(percents)  # the bar only grows
    assert percents[-1] == 100
    assert seen[-1].move is None  # the last screen is the summary
    assert seen[-1].cue
    counted = [s for s in coached if s.beats]
    assert {s.move for s in counted} == set(ROUTINE)
    for screen in counted:
        # The counter starts at "10 reps" and follows the voice rep by rep to the last.
        assert screen.rep == 0
        assert screen.counter.startswith(f"{screen.reps} reps")
        assert screen.beats[0].counter.startswith(f"Rep 1 of {screen.reps}")
        assert screen.beats[-1].counter.startswith(f"Rep {screen.reps} of {screen.reps}")
        times = [beat.at for beat in screen.beats]
        assert times == sorted(times)
        assert times[0] > 0  # the count starts after the cue and the countdown
    sided = [s for s in counted if "leg" in s.beats[0].counter]
    assert sided, "a two-sided move shows its leg"


def test_skipped_moves_do_not_count_towards_the_routine() -> None:
    state = SessionState()
    seen: list[Screen] = []
    for event in (EventKind.START_ROUTINE, EventKind.SKIP, EventKind.SKIP):
        outcome = step(state, Event(event), context())
        state = outcome.state
        seen.append(screen_for(state, outcome.reply))
    assert [s.step for s in seen] == ["Move 1 of 5", "Move 2 of 5", "Move 3 of 5"]
    assert [s.progress_percent for s in seen] == [0, 0, 0]


def test_an_idle_screen_shows_what_is_said() -> None:
    outcome = step(SessionState(), Event(EventKind.LAUNCH), context())
    screen = screen_for(outcome.state, outcome.reply)
    assert screen.move is None
    assert screen.cue
    assert outcome.reply.speech.text.startswith(screen.cue.rstrip("…"))


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short.", 200, "Short."),
        ("One two three. Four five six seven.", 20, "One two three."),
        ("alpha beta gamma delta", 12, "alpha beta…"),
        ("  spaced\\n out  ", 200, "spaced\\n out"),
    ],
)
def test_caption(text: str, limit: int, expected: str) -> None:
    assert caption(text, limit) == expected
