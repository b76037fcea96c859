"""Reminder rules: reading a spoken time, when the first reminder rings, when to offer one."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.domain.ids import MoveId
from skill.domain.progress import DayTotal, UserProgress
from skill.domain.reminders import (
    ReminderWords,
    next_occurrence,
    parse_time,
    say_time,
    should_offer_reminder,
    suggested_time,
)
from skill.domain.speech import Speech


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        # AMAZON.TIME slot values
        ("07:00", time(7, 0)),
        ("19:30", time(19, 30)),
        ("MO", time(7, 0)),
        ("EV", time(18, 0)),
        # words and digits
        ("seven", time(7, 0)),
        ("at seven", time(7, 0)),
        ("every day at seven", time(7, 0)),
        ("7", time(7, 0)),
        ("7 am", time(7, 0)),
        ("7am", time(7, 0)),
        ("7:30 am", time(7, 30)),
        ("7.30 a.m.", time(7, 30)),
        ("7:30 pm", time(19, 30)),
        ("seven thirty", time(7, 30)),
        ("seven forty five", time(7, 45)),
        ("seven oh five", time(7, 5)),
        ("six fifteen in the evening", time(18, 15)),
        ("seven o'clock", time(7, 0)),
        ("half past seven", time(7, 30)),
        ("quarter past six", time(6, 15)),
        ("quarter to eight", time(7, 45)),
        ("ten to seven", time(6, 50)),
        ("twenty past six", time(6, 20)),
        ("730", time(7, 30)),
        ("noon", time(12, 0)),
        ("12 pm", time(12, 0)),
        ("12 am", time(0, 0)),
        ("in the morning", time(7, 0)),
        ("eight", time(8, 0)),
    ],
)
def test_parse_time_understands_how_people_say_times(spoken: str, expected: time) -> None:
    assert parse_time(spoken) == expected


@pytest.mark.parametrize(
    "spoken", [None, "", "   ", "banana", "seven bananas", "25:00", "7:75", "half seven", "99"]
)
def test_parse_time_refuses_what_is_not_a_time(spoken: str | None) -> None:
    assert parse_time(spoken) is None


@given(st.text(max_size=40))
def test_parse_time_never_raises(spoken: str) -> None:
    result = parse_time(spoken)
    assert result is None or isinstance(result, time)


@given(st.times())
def test_every_time_said_aloud_reads_back_as_the_same_minute(at: time) -> None:
    at = at.replace(second=0, microsecond=0)
    assert parse_time(say_time(at)) == at


@pytest.mark.parametrize(
    ("at", "now", "expected"),
    [
        (time(7, 0), datetime(2026, 11, 25, 6, 10), datetime(2026, 11, 25, 7, 0)),
        (time(7, 0), datetime(2026, 11, 25, 7, 0), datetime(2026, 11, 26, 7, 0)),
        (time(6, 0), datetime(2026, 11, 25, 6, 10), datetime(2026, 11, 26, 6, 0)),
        (time(0, 30), datetime(2026, 12, 31, 23, 0), datetime(2027, 1, 1, 0, 30)),
    ],
)
def test_next_occurrence_is_strictly_after_now(at: time, now: datetime, expected: datetime) -> None:
    assert next_occurrence(at, now) == expected


@pytest.mark.parametrize(
    ("at", "said"),
    [
        (time(7, 0), "7 a.m."),
        (time(7, 30), "7:30 a.m."),
        (time(18, 5), "6:05 p.m."),
        (time(12, 0), "noon"),
        (time(0, 0), "midnight"),
        (time(12, 45), "12:45 p.m."),
    ],
)
def test_say_time(at: time, said: str) -> None:
    assert say_time(at) == said


@pytest.mark.parametrize(
    ("now", "suggested"),
    [
        (datetime(2026, 11, 25, 7, 8), time(7, 0)),
        (datetime(2026, 11, 25, 7, 20), time(7, 30)),
        (datetime(2026, 11, 25, 23, 50), time(0, 0)),
    ],
)
def test_suggested_time_rounds_to_the_half_hour(now: datetime, suggested: time) -> None:
    assert suggested_time(now) == suggested


TODAY = date(2026, 11, 25)
FULL = dict.fromkeys(MoveId, 10)
PARTIAL = {MoveId.SQUATS: 10}


def _progress(*days: tuple[date, dict[MoveId, int]]) -> UserProgress:
    return UserProgress(days=tuple(DayTotal(d, reps) for d, reps in days))


@pytest.mark.parametrize(
    ("progress", "completed", "offered", "expected"),
    [
        (UserProgress(), True, False, True),  # the first completed routine: offer
        (UserProgress(), False, False, False),  # not finished: no offer
        (UserProgress(), True, True, False),  # offered already this session
        (_progress((date(2026, 11, 20), PARTIAL)), True, False, True),  # earlier partial days
        (_progress((date(2026, 11, 20), FULL)), True, False, False),  # not the first: never nag
        (_progress((TODAY, FULL)), True, False, True),  # today's own routine does not count
    ],
)
def test_offer_once_after_the_first_completed_routine(
    progress: UserProgress, completed: bool, offered: bool, expected: bool
) -> None:
    assert (
        should_offer_reminder(progress, TODAY, routine_completed=completed, offered_already=offered)
        is expected
    )


def test_words_name_the_time_and_never_come_out_empty() -> None:
    at = time(7, 30)
    sentences: list[Speech] = [
        ReminderWords.offer(at),
        ReminderWords.offer_reprompt(at),
        ReminderWords.set_done(at),
        ReminderWords.changed(at),
    ]
    assert all("7:30 a.m." in s.text for s in sentences)
    others = [
        ReminderWords.offer_declined(),
        ReminderWords.cancelled(0),
        ReminderWords.cancelled(1),
        ReminderWords.listing([]),
        ReminderWords.which_time(),
        ReminderWords.permission_card_sent(),
        ReminderWords.permission_denied(),
        ReminderWords.failed(),
    ]
    assert all(s.text.strip() for s in others)
    assert ReminderWords.listing([time(19, 0), time(7, 0)]).text == (
        "You have daily reminders at 7 a.m. and 7 p.m."
    )
