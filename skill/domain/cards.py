"""The home card after a workout: what was done, the streak, and what comes next."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from skill.domain.catalogue import ROUTINE, move
from skill.domain.ids import MoveId
from skill.domain.speech import Card

CARD_TITLE = "Morning Moves: today's workout"
NOT_MEDICAL_ADVICE = "Morning Moves is a coaching aid, not medical advice. Stop if anything hurts."


def streak_days(active_dates: Iterable[date], today: date) -> int:
    """Days in a row, ending today, on which the user did at least one move."""
    active = set(active_dates)
    count = 0
    day = today
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count


def _reps_line(reps: Mapping[MoveId, int]) -> str:
    return ", ".join(f"{move(m).title} {reps[m]}" for m in ROUTINE if reps.get(m, 0) > 0)


def workout_card(
    done: Mapping[MoveId, int], streak: int, next_targets: Mapping[MoveId, int]
) -> Card:
    """Reps done today per move, the streak, and the reps to aim for next time."""
    lines = [f"Today: {_reps_line(done) or 'a warm-up'}."]
    if streak > 1:
        lines.append(f"Streak: {streak} days in a row.")
    elif streak == 1:
        lines.append("Streak: day 1. Come back tomorrow to make it two.")
    if any(v > 0 for v in next_targets.values()):
        lines.append(f"Next time: {_reps_line(next_targets)}.")
    lines.append(NOT_MEDICAL_ADVICE)
    return Card(CARD_TITLE, "\n".join(lines))
