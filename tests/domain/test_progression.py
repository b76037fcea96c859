"""Progression: today's doses, feedback, tempo and the figures we speak."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from skill.domain.bounds import MAX_REPS_PER_SET, TEMPO_BOUNDS
from skill.domain.catalogue import Sides, move
from skill.domain.ids import Feedback, MoveId
from skill.domain.progress import DayTotal, Profile, ProfileUpdate, UserProgress
from skill.domain.progression import (
    Adjusted,
    FeedbackResult,
    FeedbackStep,
    Meeting,
    adjust_for_feedback,
    change_tempo,
    clamp_tempo,
    feedback_step,
    fill_dose,
    last_done,
    meeting,
    next_big_birthday,
    split_into_sets,
    squat_target,
    streak,
    this_week,
    todays_dose,
    valid_age,
    week_number,
)

TODAY = date(2026, 11, 25)  # a Wednesday


def user(age: int | None = None, weeks_ago: int = 0, **adjust: int) -> UserProgress:
    first = TODAY - timedelta(days=7 * weeks_ago)
    profile = Profile(age=age, dose_adjustments={MoveId(m): n for m, n in adjust.items()})
    return UserProgress(profile=profile, first_active=first)


@pytest.mark.parametrize(
    ("age", "big"), [(0, 10), (9, 10), (39, 40), (40, 50), (41, 50), (49, 50), (99, 100)]
)
def test_next_big_birthday_is_the_next_multiple_of_ten_above(age: int, big: int) -> None:
    assert next_big_birthday(age) == big


@pytest.mark.parametrize(
    ("progress", "week"),
    [
        (UserProgress(), 1),
        (user(weeks_ago=0), 1),
        (UserProgress(first_active=TODAY - timedelta(days=6)), 1),
        (UserProgress(first_active=TODAY - timedelta(days=7)), 2),
        (user(weeks_ago=5), 6),
        (UserProgress(first_active=TODAY + timedelta(days=3)), 1),  # clock skew: never week 0
        (UserProgress(days=(DayTotal(TODAY - timedelta(days=14), {MoveId.SQUATS: 10}),)), 3),
    ],
)
def test_week_number(progress: UserProgress, week: int) -> None:
    assert week_number(progress, TODAY) == week


@pytest.mark.parametrize(
    ("progress", "target"),
    [
        (UserProgress(), 10),  # week one: ten a day
        (user(age=40, weeks_ago=1), 15),  # then five more each week
        (user(age=40, weeks_ago=4), 30),
        (user(age=40, weeks_ago=8), 50),  # reaching the next big birthday...
        (user(age=40, weeks_ago=30), 50),  # ...and staying there
        (user(age=72, weeks_ago=30), 80),
        (user(age=None, weeks_ago=30), 20),  # unknown age: a gentle ceiling
        (user(age=5, weeks_ago=30), 10),
        (user(age=40, weeks_ago=2, squats=1), 25),  # "too easy" adds a step
        (user(age=40, weeks_ago=0, squats=-2), 5),  # "too hard" never goes below five
        (user(age=40, weeks_ago=0, squats=-9), 5),  # out-of-range adjustments are bounded
    ],
)
def test_squat_target(progress: UserProgress, target: int) -> None:
    assert squat_target(progress, TODAY) == target
    dose = todays_dose(MoveId.SQUATS, progress, TODAY)
    assert dose.total_reps == target
    assert dose.reps <= MAX_REPS_PER_SET


@pytest.mark.parametrize(
    ("total", "sets", "per_set"),
    [(10, 1, [10]), (25, 1, [25]), (30, 2, [15, 15]), (35, 2, [18, 17]), (80, 4, [20] * 4)],
)
def test_split_into_sets(total: int, sets: int, per_set: list[int]) -> None:
    dose = split_into_sets(total, move(MoveId.SQUATS).default_dose)
    assert dose.sets == sets
    assert [dose.reps_in_set(n) for n in range(1, sets + 1)] == per_set


@pytest.mark.parametrize(
    ("move_id", "progress", "expect"),
    [
        # toe taps: supported in the first fortnight, then unsupported, then more sets of 10
        (MoveId.TOE_TAPS, user(weeks_ago=0), {"sets": 1, "supported": True}),
        (MoveId.TOE_TAPS, user(weeks_ago=2), {"sets": 1, "supported": False}),
        (MoveId.TOE_TAPS, user(weeks_ago=6), {"sets": 3, "reps": 10}),
        (MoveId.TOE_TAPS, user(weeks_ago=60), {"sets": 3, "reps": 10}),
        # heel rises: two feet first, then one foot at a time
        (MoveId.HEEL_RISES, user(weeks_ago=0), {"sides": Sides.BOTH}),
        (MoveId.HEEL_RISES, user(weeks_ago=4), {"sides": Sides.EACH_LEG}),
        # glute bridge: 2 x 10 with a 2 s hold, building to more reps and a longer hold
        (MoveId.GLUTE_BRIDGE, user(weeks_ago=0), {"reps": 10, "sets": 2, "hold_seconds": 2}),
        (MoveId.GLUTE_BRIDGE, user(weeks_ago=6), {"reps": 15, "hold_seconds": 5}),
        # reverse lunge: supported, then not
        (MoveId.REVERSE_LUNGE, user(weeks_ago=0), {"supported": True}),
        (MoveId.REVERSE_LUNGE, user(weeks_ago=2), {"supported": False}),
        # feedback moves the rung, within the ladder
        (MoveId.TOE_TAPS, user(weeks_ago=0, toe_taps=2), {"sets": 2}),
        (MoveId.TOE_TAPS, user(weeks_ago=6, toe_taps=-1), {"sets": 2}),
        (MoveId.TOE_TAPS, user(weeks_ago=0, toe_taps=-2), {"sets": 1, "supported": True}),
    ],
)
def test_todays_dose_follows_the_ladder(
    move_id: MoveId, progress: UserProgress, expect: dict[str, object]
) -> None:
    dose = todays_dose(move_id, progress, TODAY)
    assert {k: getattr(dose, k) for k in expect} == expect


CHANGED, AT_END, AT_BOUND = FeedbackResult.CHANGED, FeedbackResult.AT_END, FeedbackResult.AT_BOUND
EASY, HARD = Feedback.EASY, Feedback.HARD
SQUATS, HEELS = MoveId.SQUATS, MoveId.HEEL_RISES


@pytest.mark.parametrize(
    ("progress", "move_id", "feedback", "result", "adjustment"),
    [
        (user(), SQUATS, EASY, CHANGED, 1),  # 10 -> 15
        (user(), SQUATS, HARD, CHANGED, -1),  # 10 -> 5
        (user(squats=-1), SQUATS, HARD, AT_END, -1),  # 5 is the fewest
        (user(squats=2), SQUATS, EASY, AT_END, 2),  # 20: the ceiling until the age is known
        (user(age=42, squats=2), SQUATS, EASY, AT_BOUND, 2),  # 25 exists, feedback's limit
        (user(), HEELS, HARD, AT_END, 0),  # the first rung
        (user(), HEELS, EASY, CHANGED, 1),
        # The case: two rungs up by feedback, the ladder has a fourth: not "the top".
        (user(heel_rises=2), HEELS, EASY, AT_BOUND, 2),
        (user(weeks_ago=6), HEELS, EASY, AT_END, 0),  # week 7: the top rung by the weeks alone
        (user(weeks_ago=6), HEELS, HARD, CHANGED, -1),
        # Stored beyond the ladder's top (rung 5 of 4): "too hard" still eases it one rung.
        (user(weeks_ago=6, heel_rises=2), HEELS, HARD, CHANGED, -1),
        (user(weeks_ago=6, heel_rises=2), HEELS, EASY, AT_END, 2),
    ],
)
def test_feedback_steps_report_what_the_plan_really_does(
    progress: UserProgress,
    move_id: MoveId,
    feedback: Feedback,
    result: FeedbackResult,
    adjustment: int,
) -> None:
    step = feedback_step(progress, move_id, feedback, TODAY)
    assert step == FeedbackStep(move_id, result, adjustment)
    before = todays_dose(move_id, progress, TODAY)
    changed = progress._replace(
        profile=progress.profile._replace(dose_adjustments={move_id: adjustment})
    )
    assert (todays_dose(move_id, changed, TODAY) != before) is (result is CHANGED)


def test_about_right_changes_nothing() -> None:
    assert feedback_step(user(), SQUATS, Feedback.RIGHT, TODAY) is None
    assert adjust_for_feedback(user(), (SQUATS,), Feedback.RIGHT, TODAY) == Adjusted(None, ())


def test_feedback_on_several_moves_changes_only_those_with_a_step() -> None:
    adjusted = adjust_for_feedback(user(squats=2), (SQUATS, MoveId.TOE_TAPS), EASY, TODAY)
    assert adjusted.update == ProfileUpdate(dose_adjustments={MoveId.TOE_TAPS: 1})
    assert [s.result for s in adjusted.steps] == [AT_END, CHANGED]


@pytest.mark.parametrize(
    ("tempo", "slower", "new"),
    [(1.0, True, 1.25), (1.0, False, 0.75), (1.5, True, 1.5), (0.75, False, 0.75)],
)
def test_tempo_steps_stay_in_bounds(tempo: float, slower: bool, new: float) -> None:
    assert change_tempo(tempo, slower) == new


@pytest.mark.parametrize(
    ("tempo", "clamped"), [(9.0, 1.5), (0.1, 0.75), (float("nan"), 1.0), (1.25, 1.25)]
)
def test_saved_tempo_is_clamped(tempo: float, clamped: float) -> None:
    assert clamp_tempo(tempo) == clamped
    assert TEMPO_BOUNDS[0] <= clamped <= TEMPO_BOUNDS[1]


@pytest.mark.parametrize(("number", "age"), [(42, 42), (None, None), (0, None), (300, None)])
def test_valid_age(number: int | None, age: int | None) -> None:
    assert valid_age(number) == age


def _days(*offsets: int) -> UserProgress:
    return UserProgress(
        days=tuple(DayTotal(TODAY - timedelta(days=n), {MoveId.SQUATS: 10}) for n in offsets)
    )


@pytest.mark.parametrize(
    ("progress", "done_today", "days"),
    [
        (_days(), False, 0),
        (_days(), True, 1),
        (_days(0, 1, 2), False, 3),
        (_days(1, 2), False, 2),  # still alive until today is over
        (_days(1, 2), True, 3),
        (_days(0, 1, 2), True, 3),  # today already recorded: not counted twice
        (_days(2, 3), False, 0),  # a missed day breaks it
    ],
)
def test_streak(progress: UserProgress, done_today: bool, days: int) -> None:
    assert streak(progress, TODAY, done_today=done_today) == days


def test_this_week_counts_from_monday_in_routine_order() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    progress = UserProgress(
        days=(
            DayTotal(monday - timedelta(days=1), {MoveId.SQUATS: 99}),
            DayTotal(monday, {MoveId.SQUATS: 10, MoveId.TOE_TAPS: 20}),
            DayTotal(TODAY, {MoveId.SQUATS: 15}),
        )
    )
    assert list(this_week(progress, TODAY).items()) == [(MoveId.TOE_TAPS, 20), (MoveId.SQUATS, 25)]


@pytest.mark.parametrize(
    ("tempo", "stage", "reps"),
    [(1.0, 0, 20), (1.0, 2, 10), (1.5, 0, 13), (0.75, 0, 25)],  # 25: MAX_REPS_PER_SET
)
def test_fill_dose_paces_heel_rises_to_two_minutes(tempo: float, stage: int, reps: int) -> None:
    heel_rises = move(MoveId.HEEL_RISES)
    dose = fill_dose(MoveId.HEEL_RISES, heel_rises.ladder[stage], 120.0, tempo)
    assert dose.reps == reps
    legs = 2 if dose.sides is Sides.EACH_LEG else 1
    assert dose.reps * legs * heel_rises.seconds_per_rep(dose) * tempo == pytest.approx(
        120, rel=0.1
    )


def trained(weeks_ago: int, *days_ago: int, move_id: MoveId = MoveId.HEEL_RISES) -> UserProgress:
    """A user who began `weeks_ago` weeks ago and did `move_id` on each of `days_ago`."""
    days = tuple(DayTotal(TODAY - timedelta(days=n), {move_id: 10}) for n in sorted(days_ago))
    return user(weeks_ago=weeks_ago)._replace(days=days)


@pytest.mark.parametrize(
    ("progress", "met"),
    [
        (UserProgress(), Meeting.FIRST_TIME),
        (trained(5, 3, move_id=MoveId.SQUATS), Meeting.FIRST_TIME),  # never a heel rise
        (trained(0, 1), Meeting.AGAIN),  # same week, same rung
        (trained(5, 1), Meeting.AGAIN),  # rung 2 (one foot) yesterday and today
        (trained(4, 0), Meeting.AGAIN),  # met today already (brushing teeth, then the routine)
        (trained(5, 20, 1), Meeting.AGAIN),  # rung 1 three weeks ago, but yesterday counts
        # week 5 is rung 2 (one foot); the last time was in week 4, rung 1 (two feet)
        (trained(4, 1), Meeting.STEPPED_UP),
        (trained(4, 3), Meeting.STEPPED_UP),
        (trained(4, 10), Meeting.STEPPED_UP),
        (trained(6, 30), Meeting.STEPPED_UP),  # a long break: rung 0 then, rung 3 now
    ],
)
def test_meeting_compares_today_with_the_last_day_the_move_was_done(
    progress: UserProgress, met: Meeting
) -> None:
    assert meeting(MoveId.HEEL_RISES, progress, TODAY) is met


def test_a_step_asked_for_by_feedback_is_not_news() -> None:
    """Feedback's step is worked into the last day's rung too: its reply already said it."""
    eased_up = trained(0, 1)._replace(profile=Profile(dose_adjustments={MoveId.HEEL_RISES: 1}))
    assert meeting(MoveId.HEEL_RISES, eased_up, TODAY) is Meeting.AGAIN
    assert last_done(MoveId.HEEL_RISES, eased_up, TODAY) == TODAY - timedelta(days=1)


@pytest.mark.parametrize(
    ("move_id", "progress", "top", "bottom"),
    [
        (MoveId.HEEL_RISES, user(), False, True),
        (MoveId.HEEL_RISES, user(weeks_ago=6), True, False),
        # feedback's bound is reached at rung 2, but the plan has rung 3 still: not the top
        (MoveId.HEEL_RISES, user(heel_rises=2), False, False),
        (MoveId.HEEL_RISES, user(weeks_ago=2, heel_rises=2), True, False),
        (MoveId.TOE_TAPS, user(weeks_ago=2, toe_taps=-2), False, True),
        (MoveId.SQUATS, user(), False, False),
        (MoveId.SQUATS, user(weeks_ago=9), True, False),  # 20: the ceiling without an age
        (MoveId.SQUATS, user(age=42, weeks_ago=5), False, False),  # 35, the ceiling is 50
        (MoveId.SQUATS, user(squats=-2), False, True),
    ],
)
def test_top_and_bottom_of_the_plan_are_told_truthfully(
    move_id: MoveId, progress: UserProgress, top: bool, bottom: bool
) -> None:
    harder = feedback_step(progress, move_id, Feedback.EASY, TODAY)
    easier = feedback_step(progress, move_id, Feedback.HARD, TODAY)
    assert harder is not None
    assert easier is not None
    assert (harder.result is FeedbackResult.AT_END) is top
    assert (easier.result is FeedbackResult.AT_END) is bottom


@pytest.mark.parametrize(
    ("progress", "feedback", "changes"),
    [
        (user(), Feedback.EASY, True),
        (user(weeks_ago=6), Feedback.EASY, False),  # the top rung: nothing to step up to
        (user(weeks_ago=6), Feedback.HARD, True),
        (user(), Feedback.HARD, False),  # the first rung
        (user(heel_rises=-1), Feedback.HARD, False),  # already below the first rung's reach
    ],
)
def test_feedback_with_today_changes_only_what_todays_plan_can_give(
    progress: UserProgress, feedback: Feedback, changes: bool
) -> None:
    update = adjust_for_feedback(progress, (MoveId.HEEL_RISES,), feedback, TODAY).update
    assert (update is not None) is changes
    if update is not None:
        moved = progress._replace(
            profile=progress.profile._replace(dose_adjustments=update.dose_adjustments or {})
        )
        assert todays_dose(MoveId.HEEL_RISES, moved, TODAY) != todays_dose(
            MoveId.HEEL_RISES, progress, TODAY
        )
