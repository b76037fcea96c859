"""The home card after a workout: what was done, streak, next targets."""

from __future__ import annotations

from datetime import date

from skill.domain.cards import routine_card, workout_card
from skill.domain.catalogue import ROUTINE, move
from skill.domain.events import Event, EventKind
from skill.domain.ids import MoveId
from skill.domain.progress import DayTotal, UserProgress
from skill.domain.progression import todays_dose
from skill.domain.session import step
from skill.domain.speech import Card
from skill.domain.state import SessionState
from skill.domain.words import Phrase, say
from tests.domain.engine_driver import context, finished_routine, routine_turns

CARD_TITLE = say(Phrase.CARD_TITLE)
NOT_MEDICAL_ADVICE = say(Phrase.CARD_NOT_MEDICAL)
TODAY = date(2026, 11, 25)


def test_card_lists_what_was_done_the_streak_and_next_targets() -> None:
    card = workout_card(
        {MoveId.SQUATS: 10, MoveId.TOE_TAPS: 20},
        streak=3,
        next_targets={MoveId.SQUATS: 12, MoveId.TOE_TAPS: 20},
    )
    assert card.title == CARD_TITLE
    assert card.text.splitlines() == [
        "Today: Toe taps 20, Squats 10.",
        "Streak: 3 days in a row.",
        "Next time: Toe taps 20, Squats 12.",
        NOT_MEDICAL_ADVICE,
    ]


def test_first_day_card_invites_a_second_day() -> None:
    card = workout_card({MoveId.HEEL_RISES: 10}, streak=1, next_targets={})
    assert "day 1" in card.text
    assert "Next time" not in card.text


def test_next_targets_are_the_doses_of_the_next_day() -> None:
    # Three weeks in: squats have grown past the first week's ten.
    progress = UserProgress(first_active=date(2026, 11, 4))
    card = routine_card([MoveId.SQUATS], progress, TODAY, streak=2)
    tomorrow = todays_dose(MoveId.SQUATS, progress, date(2026, 11, 26)).total_reps
    today = todays_dose(MoveId.SQUATS, progress, TODAY).total_reps
    assert f"Today: Squats {today}." in card.text
    assert f"Next time: Squats {tomorrow}." in card.text


def test_a_finished_routine_ends_with_the_workout_card() -> None:
    yesterday = DayTotal(date(2026, 11, 24), {MoveId.SQUATS: 10})
    ctx = context(UserProgress(first_active=date(2026, 11, 24), days=(yesterday,)))
    _, outcome = finished_routine(ctx)
    card = outcome.reply.card
    assert isinstance(card, Card)
    assert card.title == CARD_TITLE
    today_line, streak_line, next_line, _ = card.text.splitlines()
    for move_id in ROUTINE:
        assert move(move_id).title in today_line
        assert move(move_id).title in next_line
    assert streak_line == "Streak: 2 days in a row."


def test_stopping_after_some_moves_still_gives_a_card() -> None:
    ctx = context()
    for _, _, outcome in routine_turns(ctx):
        if outcome.state.done:
            break
    stopped = step(outcome.state, Event(EventKind.STOP), ctx)  # the second move was heard too
    card = stopped.reply.card
    assert isinstance(card, Card)
    assert card.text.startswith(f"Today: {move(ROUTINE[0]).title} ")
    assert move(ROUTINE[1]).title in card.text
    assert move(ROUTINE[2]).title not in card.text


def test_stopping_before_any_move_gives_no_card() -> None:
    stopped = step(SessionState(), Event(EventKind.STOP), context())
    assert stopped.reply.card is None
