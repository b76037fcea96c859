"""The home card after a workout: what was done, the streak, and what comes next."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from skill.domain.catalogue import ROUTINE, move
from skill.domain.ids import MoveId, Style
from skill.domain.progress import UserProgress
from skill.domain.progression import todays_dose
from skill.domain.speech import Card
from skill.domain.words import Phrase, say


def _reps_line(reps: Mapping[MoveId, int], style: Style = Style.STANDARD) -> str:
    done = [m for m in ROUTINE if reps.get(m, 0) > 0]
    return say(Phrase.LIST_SEPARATOR).join(
        say(Phrase.CARD_ITEM, title=move(m, style).title, reps=reps[m]) for m in done
    )


def workout_card(
    done: Mapping[MoveId, int],
    streak: int,
    next_targets: Mapping[MoveId, int],
    style: Style = Style.STANDARD,
) -> Card:
    """Reps done today per move, the streak, and the reps to aim for next time (the moves
    titled in `style`)."""
    lines = [say(Phrase.CARD_TODAY, reps=_reps_line(done, style) or say(Phrase.CARD_WARM_UP))]
    if streak > 1:
        lines.append(say(Phrase.CARD_STREAK, days=streak))
    elif streak == 1:
        lines.append(say(Phrase.CARD_STREAK_FIRST))
    if any(v > 0 for v in next_targets.values()):
        lines.append(say(Phrase.CARD_NEXT_TIME, reps=_reps_line(next_targets, style)))
    lines.append(say(Phrase.CARD_NOT_MEDICAL))
    return Card(say(Phrase.CARD_TITLE), "\n".join(lines))


def routine_card(
    done: Iterable[MoveId],
    progress: UserProgress,
    today: date,
    streak: int,
    reps_done: Mapping[MoveId, int] | None = None,
    *,
    style: Style = Style.STANDARD,
) -> Card:
    """The card for a finished plan in `style`: reps of each move done (today's dose unless
    `reps_done` says otherwise, e.g. for a moment), the streak, and tomorrow's doses."""
    moves = [m for m in ROUTINE if m in set(done)]
    tomorrow = today + timedelta(days=1)
    reps = {m: todays_dose(m, progress, today, style).total_reps for m in moves}
    reps |= dict(reps_done or {})
    targets = {m: todays_dose(m, progress, tomorrow, style).total_reps for m in moves}
    return workout_card(reps, streak, targets, style)
