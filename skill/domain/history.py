"""Pure computations over a user's progress: streaks, week totals, in-session updates, and the
compact JSON forms (progress, and progress events waiting for the store) that ride in Alexa
session attributes.

A completion adds `reps x sets` to its day (`reps_of`), in every store and here.
Everything here works on dates already in the user's local time zone.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from typing import Any

from skill.domain.bounds import (
    ADJUSTMENT_BOUNDS,
    AGE_BOUNDS,
    MAX_KEY_CHARS,
    MAX_REPS_PER_SET,
    MAX_SETS,
    TEMPO_BOUNDS,
    within,
)
from skill.domain.ids import MoveId, Style
from skill.domain.progress import (
    Completion,
    DayTotal,
    ForgetAccount,
    ForgetUser,
    HistorySummary,
    Profile,
    ProfileUpdate,
    ProgressEvent,
    UserProgress,
)

CODEC_VERSION = 1
# Recent days kept in the session even when they are outside the week: yesterday on a Monday.
RECENT_DAYS = 7
# A store's load returns the user's latest this-many active days (with their HistorySummary):
# every date of this week and of the last seven days, whatever the length of the history (the
# streak and the first routine beyond them come from the summary).
LOADED_DAYS = RECENT_DAYS + 1
_MOVES = tuple(MoveId)
# Bounds on what is read back from session attributes (anyone can forge those; see
# `progress_from_json` and `event_from_json`).
MAX_DAY_REPS = 2_000  # one move's reps in a day: many whole routines, never a million
MAX_CACHED_DAYS = 366  # days in a session's copy: the loaded recent days, well under this
DATE_SLACK = timedelta(days=1)
_DAY = timedelta(days=1)


def reps_of(completion: Completion) -> int:
    """Repetitions a completion adds to its day (every set counts)."""
    return completion.reps * completion.sets


def with_completion(progress: UserProgress, completion: Completion) -> UserProgress:
    """Progress after one more completed move."""
    days = {d.local_date: dict(d.reps) for d in progress.days}
    reps = days.setdefault(completion.local_date, {})
    reps[completion.move] = reps.get(completion.move, 0) + reps_of(completion)
    first = completion.local_date
    if progress.first_active is not None:
        first = min(progress.first_active, first)
    grown = progress._replace(
        first_active=first,
        days=tuple(DayTotal(d, r) for d, r in sorted(days.items())),
    )
    return grown._replace(
        run_start=run_start(grown, grown.days[-1].local_date),
        first_routine=first_routine(grown),
    )


def with_profile_update(profile: Profile, update: ProfileUpdate) -> Profile:
    """A profile with the set fields of `update` applied (dose adjustments merge per move)."""
    changes: dict[str, Any] = {}
    if update.age is not None:
        changes["age"] = update.age
    if update.tempo is not None:
        changes["tempo"] = update.tempo
    if update.dose_adjustments is not None:
        changes["dose_adjustments"] = {**profile.dose_adjustments, **update.dose_adjustments}
    if update.style is not None:
        changes["style"] = update.style
    if update.style_offered is not None:
        changes["style_offered"] = update.style_offered
    return profile._replace(**changes)


def active_dates(progress: UserProgress) -> set[date]:
    return {d.local_date for d in progress.days if any(v > 0 for v in d.reps.values())}


def routine_dates(progress: UserProgress) -> set[date]:
    """Loaded dates on which every move of the routine was done."""
    return {d.local_date for d in progress.days if all(d.reps.get(m, 0) > 0 for m in _MOVES)}


def run_start(progress: UserProgress, end: date) -> date:
    """Where the unbroken run of active days ending at `end` (on or after the latest loaded
    day) began: the loaded days, then `progress.run_start` once they run out."""
    active = active_dates(progress)
    day = end
    while day - _DAY in active:
        day -= _DAY
    if progress.run_start is not None and active and day == min(active):
        return min(day, progress.run_start)
    return day


def first_routine(progress: UserProgress) -> date | None:
    """The first date with a whole routine, loaded or summarised."""
    known = routine_dates(progress)
    if progress.first_routine is not None:
        known.add(progress.first_routine)
    return min(known, default=None)


def summarize(progress: UserProgress) -> HistorySummary | None:
    """What a store keeps with the latest day so that later loads need recent days only."""
    if not progress.days:
        return None
    return HistorySummary(
        first_active=progress.first_active or progress.days[0].local_date,
        run_start=run_start(progress, progress.days[-1].local_date),
        first_routine=first_routine(progress),
    )


def current_streak(progress: UserProgress, today: date) -> int:
    """Consecutive active days ending today, or ending yesterday when today is not done yet."""
    active = active_dates(progress)
    end = today if today in active else today - _DAY
    if end not in active:
        return 0
    return (end - run_start(progress, end)).days + 1


def week_start(today: date) -> date:
    """Monday of the week that holds `today`."""
    return today - timedelta(days=today.weekday())


def week_totals(progress: UserProgress, today: date) -> dict[MoveId, int]:
    """Reps of each move done this week (Monday to today)."""
    start = week_start(today)
    totals: dict[MoveId, int] = {}
    for day in progress.days:
        if start <= day.local_date <= today:
            for move, reps in day.reps.items():
                totals[move] = totals.get(move, 0) + reps
    return totals


def for_session(progress: UserProgress, today: date) -> UserProgress:
    """The days a session needs (this week and the last seven days, or else the most recent
    active day) with the HistorySummary of the rest, so the session attributes stay small and the
    same size however long the history is."""
    summary = summarize(progress)
    if summary is None:
        return progress
    oldest = min(week_start(today), today - timedelta(days=RECENT_DAYS))
    kept = [d for d in progress.days if d.local_date >= oldest] or [progress.days[-1]]
    return progress._replace(
        first_active=summary.first_active,
        days=tuple(kept),
        run_start=summary.run_start,
        first_routine=summary.first_routine,
    )


def progress_to_json(progress: UserProgress) -> dict[str, Any]:
    """Compact JSON: days as [offset from first_active, reps per move in MoveId order]."""
    profile: dict[str, Any] = {"t": progress.profile.tempo}
    if progress.profile.age is not None:
        profile["a"] = progress.profile.age
    if progress.profile.dose_adjustments:
        profile["d"] = {str(m): n for m, n in progress.profile.dose_adjustments.items()}
    if progress.profile.style is not Style.STANDARD:
        profile["s"] = progress.profile.style.value
    if progress.profile.style_offered is not None:
        profile["so"] = progress.profile.style_offered.isoformat()
    data: dict[str, Any] = {"v": CODEC_VERSION, "p": profile}
    if progress.first_active is not None:
        data["f"] = progress.first_active.isoformat()
    if progress.days:
        origin = progress.first_active or progress.days[0].local_date
        data.setdefault("f", origin.isoformat())
        rows = []
        for day in progress.days:
            reps = [day.reps.get(m, 0) for m in _MOVES]
            while reps and reps[-1] == 0:
                reps.pop()
            rows.append([(day.local_date - origin).days, *reps])
        data["d"] = rows
    if progress.run_start is not None:
        data["r"] = progress.run_start.isoformat()
    if progress.first_routine is not None:
        data["fr"] = progress.first_routine.isoformat()
    return data


def progress_from_json(data: Any, today: date | None = None) -> UserProgress | None:
    """Parse `progress_to_json` output; None when it is missing, stale, malformed or outside the
    engine's bounds (age, tempo, adjustments, reps a day; with `today`, no day after it)."""
    if not isinstance(data, dict) or data.get("v") != CODEC_VERSION:
        return None
    try:
        raw_profile = data.get("p") or {}
        age = _exact_int(raw_profile["a"]) if raw_profile.get("a") is not None else None
        profile = Profile(
            age=age,
            tempo=_tempo(raw_profile.get("t", 1.0)),
            dose_adjustments=_adjustments(raw_profile.get("d") or {}),
            style=Style(raw_profile.get("s", Style.STANDARD)),
            style_offered=_optional_date(raw_profile.get("so")),
        )
        if age is not None and not within(age, AGE_BOUNDS):
            return None
        first = date.fromisoformat(data["f"]) if data.get("f") else None
        rows = data.get("d") or ()
        if len(rows) > MAX_CACHED_DAYS:
            return None
        days: list[DayTotal] = []
        for row in rows:
            if first is None or not 1 <= len(row) <= len(_MOVES) + 1:
                return None
            offset, *reps = (_exact_int(x) for x in row)
            if offset < 0 or not all(0 <= n <= MAX_DAY_REPS for n in reps):
                return None
            by_move = {m: n for m, n in zip(_MOVES, reps, strict=False) if n}
            days.append(DayTotal(first + timedelta(days=offset), by_move))
        run = date.fromisoformat(data["r"]) if data.get("r") else None
        routine = date.fromisoformat(data["fr"]) if data.get("fr") else None
    except (KeyError, ValueError, TypeError, AttributeError, OverflowError):
        return None
    latest = today + DATE_SLACK if today is not None else None
    if latest is not None and (
        (first and first > latest) or any(d.local_date > latest for d in days)
    ):
        return None
    return UserProgress(
        profile=profile, first_active=first, days=tuple(days), run_start=run, first_routine=routine
    )


def _exact_int(value: Any) -> int:
    """An int as JSON carries one; floats and bools are not counts."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return value


def _optional_date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _tempo(value: Any) -> float:
    tempo = float(value)
    if not (math.isfinite(tempo) and within(tempo, TEMPO_BOUNDS)):
        raise ValueError(f"tempo out of bounds: {tempo}")
    return tempo


def _adjustments(raw: Any) -> dict[MoveId, int]:
    adjustments = {MoveId(m): _exact_int(n) for m, n in raw.items()}
    if not all(within(n, ADJUSTMENT_BOUNDS) for n in adjustments.values()):
        raise ValueError("dose adjustment out of bounds")
    return adjustments


def event_to_json(event: ProgressEvent) -> dict[str, Any]:
    """A progress event as compact JSON, for events that wait in the session for the store."""
    match event:
        case Completion():
            return {
                "c": event.key,
                "m": event.move.value,
                "r": event.reps,
                "s": event.sets,
                "d": event.local_date.isoformat(),
                "at": event.completed_at.isoformat(),
            }
        case ProfileUpdate():
            data: dict[str, Any] = {"p": 1}
            if event.age is not None:
                data["a"] = event.age
            if event.tempo is not None:
                data["t"] = event.tempo
            if event.dose_adjustments is not None:
                data["d"] = {m.value: n for m, n in event.dose_adjustments.items()}
            if event.style is not None:
                data["s"] = event.style.value
            if event.style_offered is not None:
                data["so"] = event.style_offered.isoformat()
            return data
        case ForgetUser():
            return {"f": 1}
        case ForgetAccount():
            return {"fa": 1}


def event_from_json(data: Any, now: datetime | None = None) -> ProgressEvent | None:
    """Parse `event_to_json` output; None when malformed or outside the engine's bounds (reps
    and sets within the dose ladder, age, tempo, adjustments; with `now`, a completion within a
    day of it)."""
    if not isinstance(data, dict):
        return None
    try:
        if "c" in data:
            return _completion(data, now)
        if "p" in data:
            age = None if data.get("a") is None else _exact_int(data["a"])
            if age is not None and not within(age, AGE_BOUNDS):
                return None
            adjustments = data.get("d")
            return ProfileUpdate(
                age=age,
                tempo=None if data.get("t") is None else _tempo(data["t"]),
                dose_adjustments=None if adjustments is None else _adjustments(adjustments),
                style=None if data.get("s") is None else Style(data["s"]),
                style_offered=_optional_date(data.get("so")),
            )
        if "f" in data:
            return ForgetUser()
        if "fa" in data:
            return ForgetAccount()
    except (KeyError, ValueError, TypeError, AttributeError, OverflowError):
        return None
    return None


def _completion(data: dict[str, Any], now: datetime | None) -> Completion | None:
    key = data["c"]
    completion = Completion(
        key=key if isinstance(key, str) else "",
        move=MoveId(data["m"]),
        reps=_exact_int(data["r"]),
        sets=_exact_int(data["s"]),
        local_date=date.fromisoformat(data["d"]),
        completed_at=datetime.fromisoformat(data["at"]),
    )
    if not (0 < len(completion.key) <= MAX_KEY_CHARS):
        return None
    if not (1 <= completion.reps <= MAX_REPS_PER_SET and 1 <= completion.sets <= MAX_SETS):
        return None
    if now is not None:
        at = completion.completed_at
        at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
        if abs(at - now) > DATE_SLACK or abs(completion.local_date - now.date()) > DATE_SLACK:
            return None
    return completion


def with_event(progress: UserProgress, event: ProgressEvent) -> UserProgress:
    """Progress after one progress event (a forgotten user starts afresh)."""
    match event:
        case Completion():
            return with_completion(progress, event)
        case ProfileUpdate():
            return progress._replace(profile=with_profile_update(progress.profile, event))
        case ForgetUser() | ForgetAccount():
            return UserProgress()
