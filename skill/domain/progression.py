"""Today's dose for each move, and the progress figures we speak, from a user's history.

Rules (documented choices):
- Week one is the week of the user's first activity; each later week is one step on.
- Squats: 10 a day in week one, then SQUAT_WEEKLY_STEP (5) more each week, up to the user's next
  big birthday (the next multiple of ten above their age). Until we know the age the ceiling is
  SQUAT_CEILING_WITHOUT_AGE, a gentle number that asking for the age can lift.
- Other moves climb their catalogue ladder one rung every WEEKS_PER_RUNG weeks; so do the gentle
  variants, squats' too (sit-to-stand has its own short ladder: the age target never applies).
- Feedback moves a per-move adjustment by one step (easy +1, hard -1), kept within
  ADJUSTMENT_BOUNDS; for squats one step is SQUAT_WEEKLY_STEP reps, for the others one rung.
  Nothing goes below the first rung or SQUAT_MIN reps, or above the top rung or the ceiling; a
  step that would not change the dose is not taken (feedback_step says why).
- Streak and week totals come from history.py (the store's view of the same days).
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from skill.domain.bounds import (
    ADJUSTMENT_BOUNDS,
    AGE_BOUNDS,
    MAX_REPS_PER_SET,
    TEMPO_BOUNDS,
    within,
)
from skill.domain.catalogue import Dose, Sides, move
from skill.domain.history import active_dates, current_streak, week_totals
from skill.domain.ids import Feedback, MoveId, Style
from skill.domain.progress import ProfileUpdate, UserProgress

SQUAT_START = 10
SQUAT_WEEKLY_STEP = 5
SQUAT_MIN = 5
SQUAT_CEILING_WITHOUT_AGE = 20
WEEKS_PER_RUNG = 2

TEMPO_STEP = 0.25
FILL_ROUNDING = 0.25  # fill_dose rounds a part rep up only from 0.75


def week_number(progress: UserProgress, today: date) -> int:
    """1 in the week of the first activity (or for a new user), then counting up."""
    first = progress.first_active
    if first is None:
        days = [d.local_date for d in progress.days]
        first = min(days) if days else None
    if first is None or first > today:
        return 1
    return (today - first).days // 7 + 1


def next_big_birthday(age: int) -> int:
    """The next multiple of ten above `age` (40 -> 50, 39 -> 40)."""
    return (age // 10 + 1) * 10


def _adjustment(progress: UserProgress, move_id: MoveId) -> int:
    low, high = ADJUSTMENT_BOUNDS
    return max(low, min(high, progress.profile.dose_adjustments.get(move_id, 0)))


def squat_ceiling(progress: UserProgress) -> int:
    age = progress.profile.age
    return next_big_birthday(age) if age is not None else SQUAT_CEILING_WITHOUT_AGE


def squat_target(progress: UserProgress, today: date) -> int:
    """Today's number of squats."""
    return _squats(progress, today, _adjustment(progress, MoveId.SQUATS))


def _squats(progress: UserProgress, today: date, adjustment: int) -> int:
    steps = week_number(progress, today) - 1 + adjustment
    target = SQUAT_START + SQUAT_WEEKLY_STEP * steps
    return max(SQUAT_MIN, min(squat_ceiling(progress), target))


def split_into_sets(total: int, base: Dose) -> Dose:
    """A dose of `total` reps in as few sets of at most MAX_REPS_PER_SET as possible."""
    sets = max(1, math.ceil(total / MAX_REPS_PER_SET))
    reps = math.ceil(total / sets)
    last = total - reps * (sets - 1)
    return base._replace(reps=reps, sets=sets, last_set_reps=0 if last == reps else last)


class Plan(NamedTuple):
    """Today's dose of one move and the ladder rung it came from."""

    rung: int
    dose: Dose


def todays_plan(
    move_id: MoveId, progress: UserProgress, today: date, style: Style = Style.STANDARD
) -> Plan:
    return _plan(move_id, progress, today, _adjustment(progress, move_id), style)


def _plan(
    move_id: MoveId, progress: UserProgress, today: date, adjustment: int, style: Style
) -> Plan:
    """The plan with a given adjustment (not held to ADJUSTMENT_BOUNDS: feedback_step asks
    what one more step would give)."""
    ladder = move(move_id, style).ladder
    if move_id is MoveId.SQUATS and style is Style.STANDARD:
        return Plan(0, split_into_sets(_squats(progress, today, adjustment), ladder[0]))
    rung = (week_number(progress, today) - 1) // WEEKS_PER_RUNG + adjustment
    rung = max(0, min(len(ladder) - 1, rung))
    return Plan(rung, ladder[rung])


def todays_dose(
    move_id: MoveId, progress: UserProgress, today: date, style: Style = Style.STANDARD
) -> Dose:
    return todays_plan(move_id, progress, today, style).dose


class Meeting(StrEnum):
    """How today's level of a move stands to what the user has done of it before."""

    FIRST_TIME = "first_time"  # no day with this move is known: everything about it is new
    STEPPED_UP = "stepped_up"  # the plan is a rung higher than on the last day it was done
    AGAIN = "again"  # the same rung (or lower) as last time, or it was done today already


def last_done(move_id: MoveId, progress: UserProgress, today: date) -> date | None:
    """The latest day up to `today` with reps of `move_id`, among the days the progress has."""
    done = [d.local_date for d in progress.days if d.reps.get(move_id, 0) > 0]
    return max((d for d in done if d <= today), default=None)


def meeting(
    move_id: MoveId, progress: UserProgress, today: date, style: Style = Style.STANDARD
) -> Meeting:
    """Whether today's rung of `move_id` is new to the user. The rung of the last day is
    worked out with today's profile, so a step that feedback asked for is not announced as
    news (the feedback reply said it); a step the weeks bring is."""
    last = last_done(move_id, progress, today)
    if last is None:
        return Meeting.FIRST_TIME
    if last < today and todays_plan(move_id, progress, today, style).rung > (
        todays_plan(move_id, progress, last, style).rung
    ):
        return Meeting.STEPPED_UP
    return Meeting.AGAIN


def fill_dose(
    move_id: MoveId, base: Dose, seconds: float, tempo: float, style: Style = Style.STANDARD
) -> Dose:
    """One set of `base` with as many reps as fill about `seconds` at `tempo` (at most
    MAX_REPS_PER_SET a leg). A part rep is rounded up only from three quarters: the words in
    the count (a switch of legs, the total) add a few seconds of their own."""
    per_rep = move(move_id, style).seconds_per_rep(base) * tempo
    legs = 2 if base.sides is Sides.EACH_LEG else 1
    reps = max(1, min(MAX_REPS_PER_SET, round(seconds / (per_rep * legs) - FILL_ROUNDING)))
    return base._replace(reps=reps, sets=1, last_set_reps=0)


class FeedbackResult(StrEnum):
    """What feedback did to one move's plan."""

    CHANGED = "changed"  # its dose from now on is one step harder (easier)
    AT_END = "at_end"  # the plan has no step further that way: top rung or ceiling, or bottom
    AT_BOUND = "at_bound"  # the plan goes on, but feedback has moved it ADJUSTMENT_BOUNDS already


# More steps than any plan has from end to end (squats: SQUAT_MIN to the oldest ceiling).
_FURTHEST_STEP = (next_big_birthday(AGE_BOUNDS[1]) - SQUAT_MIN) // SQUAT_WEEKLY_STEP + 1


class FeedbackStep(NamedTuple):
    move: MoveId
    result: FeedbackResult
    adjustment: int  # the move's adjustment afterwards


def feedback_step(
    progress: UserProgress,
    move_id: MoveId,
    feedback: Feedback,
    today: date,
    style: Style = Style.STANDARD,
) -> FeedbackStep | None:
    """What easy (+1) or hard (-1) feedback does to `move_id`'s plan; None for "about right".
    Judged on the dose itself, so "the top of the plan" is said only when no further step
    exists, and a step the ladder cannot take (a rung beyond the top) is not stored."""
    delta = {Feedback.EASY: 1, Feedback.HARD: -1}.get(feedback, 0)
    if not delta:
        return None
    current = _adjustment(progress, move_id)
    now = _plan(move_id, progress, today, current, style).dose
    # The nearest adjustment that way that changes the dose: a stored adjustment can overshoot
    # the ladder (rung 5 of 4 is the top rung), and "too hard" there must still ease it off.
    for steps in range(1, _FURTHEST_STEP + 1):
        new = current + delta * steps
        if _plan(move_id, progress, today, new, style).dose != now:
            if within(new, ADJUSTMENT_BOUNDS):
                return FeedbackStep(move_id, FeedbackResult.CHANGED, new)
            return FeedbackStep(move_id, FeedbackResult.AT_BOUND, current)
    return FeedbackStep(move_id, FeedbackResult.AT_END, current)


class Adjusted(NamedTuple):
    """Feedback on some moves: the profile change (None: nothing changes) and each move's step."""

    update: ProfileUpdate | None
    steps: tuple[FeedbackStep, ...]


def adjust_for_feedback(
    progress: UserProgress,
    moves: tuple[MoveId, ...],
    feedback: Feedback,
    today: date,
    style: Style = Style.STANDARD,
) -> Adjusted:
    """The profile change that feedback on `moves` asks for, with what it does to each."""
    steps = tuple(
        step
        for m in moves
        if (step := feedback_step(progress, m, feedback, today, style)) is not None
    )
    changed = {s.move: s.adjustment for s in steps if s.result is FeedbackResult.CHANGED}
    return Adjusted(ProfileUpdate(dose_adjustments=changed) if changed else None, steps)


def change_tempo(tempo: float, slower: bool) -> float:
    """One step slower or faster, within TEMPO_BOUNDS."""
    low, high = TEMPO_BOUNDS
    stepped = tempo + (TEMPO_STEP if slower else -TEMPO_STEP)
    return round(max(low, min(high, stepped)), 2)


def clamp_tempo(tempo: float) -> float:
    low, high = TEMPO_BOUNDS
    if not math.isfinite(tempo):
        return 1.0
    return round(max(low, min(high, tempo)), 2)


def valid_age(number: int | None) -> int | None:
    low, high = AGE_BOUNDS
    return number if number is not None and low <= number <= high else None


def streak(progress: UserProgress, today: date, *, done_today: bool = False) -> int:
    """The current streak (see history.current_streak); `done_today` counts today even before
    the store has recorded this session's completions."""
    days = current_streak(progress, today)
    if done_today and today not in active_dates(progress):
        days += 1
    return days


def this_week(progress: UserProgress, today: date) -> dict[MoveId, int]:
    """This week's reps per move, in routine order, leaving out moves not done."""
    totals = week_totals(progress, today)
    return {m: totals[m] for m in MoveId if totals.get(m, 0) > 0}
