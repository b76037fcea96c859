"""The home card after a workout: what was done, streak, next targets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from skill.domain.cards import CARD_TITLE, NOT_MEDICAL_ADVICE, streak_days, workout_card
from skill.domain.ids import MoveId

TODAY = date(2026, 11, 25)


def _days_ago(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in offsets]


@pytest.mark.parametrize(
    ("active", "streak"),
    [
        ([], 0),
        (_days_ago(0), 1),
        (_days_ago(0, 1, 2), 3),
        (_days_ago(0, 1, 3, 4), 2),  # a gap ends the streak
        (_days_ago(1, 2), 0),  # nothing today yet
    ],
)
def test_streak_counts_days_in_a_row_ending_today(active: list[date], streak: int) -> None:
    assert streak_days(active, TODAY) == streak


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
