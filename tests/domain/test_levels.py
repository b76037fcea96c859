"""Every progression explained: the first time a user meets a level of a move, its intro says
what is new and how to do it and stay steady; a step up since last time is announced."""

from __future__ import annotations

from datetime import timedelta

import pytest

from skill.domain import script
from skill.domain.catalogue import MOVES, ROUTINE, Sides, move
from skill.domain.events import EventKind as K
from skill.domain.ids import MoveId
from skill.domain.progress import DayTotal, Profile, UserProgress
from skill.domain.progression import Meeting
from tests.domain.talk import NOW, Talk

TODAY = NOW.date()


def _user(weeks: int, last_time_days_ago: int | None) -> UserProgress:
    """Began `weeks` weeks ago; did every move `last_time_days_ago` days ago."""
    first = TODAY - timedelta(days=7 * weeks)
    days: tuple[DayTotal, ...] = ()
    if last_time_days_ago is not None:
        when = TODAY - timedelta(days=last_time_days_ago)
        days = (DayTotal(when, dict.fromkeys(ROUTINE, 10)),)
    return UserProgress(Profile(), first_active=first if days else None, days=days)


def _intro(move_id: MoveId, progress: UserProgress) -> str:
    talk = Talk(progress=progress)
    talk.say(K.START_MOVE, move=move_id)
    return talk.outcomes[-1].reply.speech.text


@pytest.mark.parametrize(
    ("move_id", "level"),
    [(m.id, n) for m in MOVES.values() for n in range(1, len(m.ladder))],
)
@pytest.mark.parametrize("met", list(Meeting))
def test_intro_says_what_is_new_about_a_level_and_how_to_stay_steady(
    move_id: MoveId, level: int, met: Meeting
) -> None:
    m = move(move_id)
    dose = m.ladder[level]
    words = m.level_words(dose)
    said = script.introduce(m, dose, 0, 1, met).text
    assert (words.news in said) is (met is Meeting.STEPPED_UP)
    assert (words.form in said) is (met is not Meeting.AGAIN)
    if dose.supported:
        assert words.support in said


def test_stepping_up_to_one_foot_heel_rises_is_announced_and_explained() -> None:
    heel = move(MoveId.HEEL_RISES)
    one_foot = heel.level_words(heel.ladder[2])
    said = _intro(MoveId.HEEL_RISES, _user(weeks=4, last_time_days_ago=7))  # week 5: rung 2
    assert "From today, heel rises on one foot at a time." in said
    assert one_foot.form in said
    assert one_foot.support in said  # hold the counter


def test_the_same_level_as_last_time_is_not_news() -> None:
    heel = move(MoveId.HEEL_RISES)
    said = _intro(MoveId.HEEL_RISES, _user(weeks=5, last_time_days_ago=1))
    assert "From today" not in said
    assert heel.level_words(heel.ladder[2]).support in said  # a supported rung: every time


def test_one_foot_heel_rises_say_which_foot_and_keep_the_counter_in_every_set() -> None:
    talk = Talk(progress=_user(weeks=5, last_time_days_ago=1))
    talk.say(K.START_MOVE, move=MoveId.HEEL_RISES)
    talk.say(K.NEXT)
    counted = talk.outcomes[-1].reply.speech.text
    heel = move(MoveId.HEEL_RISES)
    dose = heel.ladder[2]
    assert dose.sides is Sides.EACH_LEG
    assert dose.supported
    assert "Right foot first: lift your left foot, and keep a hand on the counter." in counted
    assert "Now your left foot" in counted


def test_a_new_user_hears_the_first_level_as_it_always_was() -> None:
    said = _intro(MoveId.TOE_TAPS, UserProgress())
    toe_taps = move(MoveId.TOE_TAPS)
    assert "From today" not in said
    assert toe_taps.level_words(toe_taps.ladder[0]).support in said


def test_levels_follow_the_last_day_even_from_long_ago() -> None:
    said = _intro(MoveId.REVERSE_LUNGE, _user(weeks=7, last_time_days_ago=45))
    lunge = move(MoveId.REVERSE_LUNGE)
    assert lunge.level_words(lunge.ladder[3]).news in said


def test_explain_during_one_foot_heel_rises_includes_that_level() -> None:
    talk = Talk(progress=_user(weeks=5, last_time_days_ago=1))
    talk.say(K.START_MOVE, move=MoveId.HEEL_RISES)
    talk.say(K.EXPLAIN)
    said = talk.outcomes[-1].reply.speech.text
    heel = move(MoveId.HEEL_RISES)
    one_foot = heel.level_words(heel.ladder[2])
    assert heel.cues[0] in said
    assert one_foot.form in said
    assert one_foot.support in said
