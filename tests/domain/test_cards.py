"""The home card after a workout: what was done, the streak, tomorrow's whole plan."""

from __future__ import annotations

from datetime import date

import pytest

from skill.domain.cards import routine_card, workout_card
from skill.domain.catalogue import ROUTINE, Dose, Sides, move
from skill.domain.events import Event, EventKind
from skill.domain.ids import MoveId
from skill.domain.progress import DayTotal, UserProgress
from skill.domain.progression import todays_dose
from skill.domain.script import describe_dose
from skill.domain.session import step
from skill.domain.speech import Card
from skill.domain.state import SessionState
from skill.domain.words import Phrase, capitalised, say
from tests.domain.engine_driver import context, finished_routine, routine_turns

CARD_TITLE = say(Phrase.CARD_TITLE)
NOT_MEDICAL_ADVICE = say(Phrase.CARD_NOT_MEDICAL)
TODAY = date(2026, 11, 25)


def test_card_lists_what_was_done_the_streak_and_tomorrows_plan() -> None:
    card = workout_card(
        {MoveId.SQUATS: 10, MoveId.TOE_TAPS: 20},
        streak=3,
        plan={
            MoveId.SQUATS: Dose(12),
            MoveId.TOE_TAPS: Dose(10, 2, Sides.EACH_LEG),
            MoveId.GLUTE_BRIDGE: Dose(12, 2, hold_seconds=3.0),
        },
    )
    assert card.title == CARD_TITLE
    assert card.text.splitlines() == [
        "Today: Toe taps 20, Squats 10.",
        "Streak: 3 days in a row.",
        "Tomorrow's plan:",
        "- 2 sets of 10 toe taps on each leg",
        "- 12 squats",
        "- 2 sets of 12 glute bridges, holding for 3 seconds at the top",
        NOT_MEDICAL_ADVICE,
    ]


def test_first_day_card_invites_a_second_day() -> None:
    card = workout_card({MoveId.HEEL_RISES: 10}, streak=1, plan={})
    assert "day 1" in card.text
    assert "Tomorrow" not in card.text


@pytest.mark.parametrize(
    "done",
    [
        pytest.param(ROUTINE, id="full routine"),
        pytest.param((MoveId.TOE_TAPS,), id="partial: toe taps only"),
        pytest.param((MoveId.SQUATS, MoveId.REVERSE_LUNGE), id="partial: two moves"),
    ],
)
@pytest.mark.parametrize(
    "first_active",
    [pytest.param(TODAY, id="day one"), pytest.param(date(2026, 11, 4), id="week four")],
)
def test_the_plan_is_every_move_at_tomorrows_dose(
    done: tuple[MoveId, ...], first_active: date
) -> None:
    """Not only the moves done today ("Next time: Toe taps 20." after a partial day)."""
    progress = UserProgress(first_active=first_active)
    card = routine_card(done, progress, TODAY, streak=1)
    tomorrow = date(2026, 11, 26)
    plan = card.text.splitlines()[2:-1]
    assert plan[0] == say(Phrase.CARD_TOMORROW)
    assert plan[1:] == [
        "- " + capitalised(describe_dose(move(m), todays_dose(m, progress, tomorrow)))
        for m in ROUTINE
    ]


def test_today_line_has_todays_reps_of_the_moves_done() -> None:
    # Four weeks in: squats have grown past the first week's ten.
    progress = UserProgress(first_active=date(2026, 11, 4))
    card = routine_card([MoveId.SQUATS], progress, TODAY, streak=2)
    today = todays_dose(MoveId.SQUATS, progress, TODAY).total_reps
    assert today > 10
    assert card.text.startswith(f"Today: Squats {today}.\n")


def test_a_finished_routine_ends_with_the_workout_card() -> None:
    yesterday = DayTotal(date(2026, 11, 24), {MoveId.SQUATS: 10})
    ctx = context(UserProgress(first_active=date(2026, 11, 24), days=(yesterday,)))
    _, outcome = finished_routine(ctx)
    card = outcome.reply.card
    assert isinstance(card, Card)
    assert card.title == CARD_TITLE
    today_line, streak_line, plan_title, *plan, _ = card.text.splitlines()
    for move_id in ROUTINE:
        assert move(move_id).title in today_line
    assert plan_title == say(Phrase.CARD_TOMORROW)
    assert len(plan) == len(ROUTINE)
    assert streak_line == "Streak: 2 days in a row."


def test_stopping_after_some_moves_still_gives_a_card() -> None:
    ctx = context()
    for _, _, outcome in routine_turns(ctx):
        if outcome.state.done:
            break
    stopped = step(outcome.state, Event(EventKind.STOP), ctx)
    card = stopped.reply.card
    assert isinstance(card, Card)
    assert card.text.startswith(f"Today: {move(ROUTINE[0]).title} ")
    assert move(ROUTINE[1]).title not in card.text.splitlines()[0]
    assert say(Phrase.CARD_TOMORROW) in card.text.splitlines()


def test_stopping_before_any_move_gives_no_card() -> None:
    stopped = step(SessionState(), Event(EventKind.STOP), context())
    assert stopped.reply.card is None
