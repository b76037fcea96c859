"""Pure progress computations: streaks, week totals, in-session updates and the session codec."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from skill.domain.history import (
    RECENT_DAYS,
    current_streak,
    event_from_json,
    event_to_json,
    for_session,
    progress_from_json,
    progress_to_json,
    week_totals,
    with_completion,
    with_profile_update,
)
from skill.domain.ids import MoveId
from skill.domain.progress import (
    DayTotal,
    ForgetAccount,
    ForgetUser,
    Profile,
    ProfileUpdate,
    ProgressEvent,
    UserProgress,
)
from tests.store.conftest import completion

TODAY = date(2026, 11, 25)  # a Wednesday


def active_on(*days_ago: int) -> UserProgress:
    days = sorted(TODAY - timedelta(days=n) for n in days_ago)
    return UserProgress(
        first_active=days[0] if days else None,
        days=tuple(DayTotal(d, {MoveId.SQUATS: 10}) for d in days),
    )


def test_completions_and_profile_updates_apply_in_session() -> None:
    progress = with_completion(UserProgress(), completion("a", reps=10, sets=2, on=TODAY))
    progress = with_completion(progress, completion("b", MoveId.TOE_TAPS, reps=5, on=TODAY))
    assert progress.days == (DayTotal(TODAY, {MoveId.SQUATS: 20, MoveId.TOE_TAPS: 5}),)
    assert progress.first_active == TODAY
    profile = with_profile_update(
        Profile(age=40, dose_adjustments={MoveId.SQUATS: 1}),
        ProfileUpdate(tempo=0.8, dose_adjustments={MoveId.HEEL_RISES: 2}),
    )
    assert profile == Profile(
        age=40, tempo=0.8, dose_adjustments={MoveId.SQUATS: 1, MoveId.HEEL_RISES: 2}
    )


def test_the_session_codec_round_trips() -> None:
    progress = UserProgress(
        profile=Profile(age=52, tempo=1.2, dose_adjustments={MoveId.REVERSE_LUNGE: -2}),
        first_active=date(2026, 1, 5),
        days=(
            DayTotal(date(2026, 1, 5), {MoveId.GLUTE_BRIDGE: 20}),
            DayTotal(TODAY, dict.fromkeys(MoveId, 10)),
        ),
    )
    assert progress_from_json(json.loads(json.dumps(progress_to_json(progress)))) == progress
    assert progress_from_json(progress_to_json(UserProgress())) == UserProgress()


@pytest.mark.parametrize("garbage", [None, {}, {"v": 99}, {"v": 1, "d": [["x"]]}, "text"])
def test_a_damaged_session_copy_is_refused(garbage: object) -> None:
    assert progress_from_json(garbage) is None


@pytest.mark.parametrize(
    "event",
    [
        completion("run-1:0:squats", reps=12, sets=1),
        ProfileUpdate(age=47),
        ProfileUpdate(tempo=1.25, dose_adjustments={MoveId.SQUATS: -1}),
        ProfileUpdate(dose_adjustments={}),
        ForgetUser(),
        ForgetAccount(),
    ],
    ids=repr,
)
def test_pending_events_round_trip(event: ProgressEvent) -> None:
    assert event_from_json(json.loads(json.dumps(event_to_json(event)))) == event


@pytest.mark.parametrize("garbage", [None, [], {}, {"c": "k"}, {"p": 1, "a": "old"}, "f"])
def test_a_damaged_pending_event_is_dropped(garbage: object) -> None:
    assert event_from_json(garbage) is None


def test_a_session_keeps_the_streak_and_the_week_but_not_old_history() -> None:
    long_ago = active_on(400, 399, *range(0, 30))
    kept = for_session(long_ago, TODAY)
    assert current_streak(kept, TODAY) == 30
    assert kept.first_active == long_ago.first_active
    assert week_totals(kept, TODAY) == week_totals(long_ago, TODAY)
    assert len(kept.days) == RECENT_DAYS + 1
    assert progress_from_json(progress_to_json(kept)) == kept


def test_a_session_counts_on_from_the_summary_of_days_it_did_not_keep() -> None:
    long_ago = active_on(400, 399, *range(1, 30))
    kept = for_session(long_ago, TODAY)
    grown = with_completion(kept, completion("today", on=TODAY))
    assert current_streak(grown, TODAY) == 30
    assert current_streak(for_session(grown, TODAY + timedelta(days=1)), TODAY) == 30
    assert grown.first_active == long_ago.first_active


def test_the_first_whole_routine_survives_the_session_trim() -> None:
    routine = dict.fromkeys(MoveId, 10)
    history = UserProgress(
        days=(DayTotal(TODAY - timedelta(days=90), routine), DayTotal(TODAY, {MoveId.SQUATS: 5}))
    )
    kept = for_session(history, TODAY)
    assert kept.days == history.days[-1:]
    assert kept.first_routine == TODAY - timedelta(days=90)


def test_a_session_copy_stays_small_even_after_years_of_daily_moves() -> None:
    every_day = UserProgress(
        days=tuple(
            DayTotal(TODAY - timedelta(days=n), dict.fromkeys(MoveId, 20))
            for n in reversed(range(3 * 365))
        )
    )
    kept = for_session(every_day, TODAY)
    assert current_streak(kept, TODAY) == 3 * 365
    # Alexa allows 24 KB per response, session attributes included.
    assert len(json.dumps(progress_to_json(kept), separators=(",", ":"))) < 1000


def test_a_lapsed_user_keeps_their_last_active_day() -> None:
    lapsed = active_on(60, 40)
    assert for_session(lapsed, TODAY).days == lapsed.days[-1:]
