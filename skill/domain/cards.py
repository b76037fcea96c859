"""The home card after a workout: what was done, the streak, and tomorrow's whole plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from skill.domain.catalogue import ROUTINE, Dose, move
from skill.domain.ids import MoveId, Style
from skill.domain.progress import UserProgress
from skill.domain.progression import todays_dose
from skill.domain.script import describe_dose
from skill.domain.speech import Card
from skill.domain.words import Phrase, capitalised, say


def _reps_line(reps: Mapping[MoveId, int], style: Style = Style.STANDARD) -> str:
    done = [m for m in ROUTINE if reps.get(m, 0) > 0]
    return say(Phrase.LIST_SEPARATOR).join(
        say(Phrase.CARD_ITEM, title=move(m, style).title, reps=reps[m]) for m in done
    )


def workout_card(
    done: Mapping[MoveId, int],
    streak: int,
    plan: Mapping[MoveId, Dose],
    style: Style = Style.STANDARD,
) -> Card:
    """Reps done today per move, the streak, and the plan for tomorrow: every move, with its
    dose in full (sets, legs, holds), in routine order (the moves titled in `style`)."""
    lines = [say(Phrase.CARD_TODAY, reps=_reps_line(done, style) or say(Phrase.CARD_WARM_UP))]
    if streak > 1:
        lines.append(say(Phrase.CARD_STREAK, days=streak))
    elif streak == 1:
        lines.append(say(Phrase.CARD_STREAK_FIRST))
    if plan:
        lines.append(say(Phrase.CARD_TOMORROW))
        lines += [
            say(Phrase.CARD_PLAN_ITEM, dose=capitalised(describe_dose(move(m, style), plan[m])))
            for m in ROUTINE
            if m in plan
        ]
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
    """The card for a finished (or cut short) plan in `style`: reps of each move done (today's
    dose unless `reps_done` says otherwise, e.g. for a moment), the streak, and tomorrow's whole
    routine at tomorrow's doses, whatever was done today."""
    moves = [m for m in ROUTINE if m in set(done)]
    tomorrow = today + timedelta(days=1)
    reps = {m: todays_dose(m, progress, today, style).total_reps for m in moves}
    reps |= dict(reps_done or {})
    plan = {m: todays_dose(m, progress, tomorrow, style) for m in ROUTINE}
    return workout_card(reps, streak, plan, style)
