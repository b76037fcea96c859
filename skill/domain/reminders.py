"""Daily reminders as rules and words: when to offer one, reading a spoken time, what to say,
and the values the Reminders API calls give back.

Pure: the Alexa Reminders API client lives in skill/voice/reminders.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple

from skill.domain.history import first_routine, routine_dates
from skill.domain.numbers import read_numbers
from skill.domain.progress import UserProgress
from skill.domain.script import routine_size
from skill.domain.speech import Speech
from skill.domain.words import Phrase, capitalised, say, spoken_list


class ReminderAction(StrEnum):
    """What the user asked of their daily reminder."""

    SET = "set"
    CHANGE = "change"
    CANCEL = "cancel"
    LIST = "list"


class ReminderStatus(StrEnum):
    """How a call to the Reminders API went."""

    DONE = "done"
    NO_PERMISSION = "no_permission"
    FAILED = "failed"


class ReminderResult(NamedTuple):
    """What happened, and the reminder times involved (the ones found, kept or cancelled)."""

    status: ReminderStatus
    times: tuple[time, ...] = ()
    existed: bool = False


class ConsentAnswer(StrEnum):
    """The user's answer when Alexa asked them for the reminders permission."""

    ACCEPTED = "ACCEPTED"
    DENIED = "DENIED"
    NOT_ANSWERED = "NOT_ANSWERED"


# What Alexa asks for and what we request: one source for the directive, the card and tests.
REMINDERS_PERMISSION = "alexa::alerts:reminders:skill:readwrite"

# A moment-of-day answer ("in the morning") becomes this time.
_PERIODS = {
    "MO": time(7, 0),
    "AF": time(14, 0),
    "EV": time(18, 0),
    "NI": time(21, 0),
    "morning": time(7, 0),
    "afternoon": time(14, 0),
    "evening": time(18, 0),
    "night": time(21, 0),
    "noon": time(12, 0),
    "midday": time(12, 0),
    "midnight": time(0, 0),
}

_FRACTIONS = {"quarter": 15, "half": 30}

_AM = {"am", "a.m.", "a.m", "morning"}
_PM = {"pm", "p.m.", "p.m", "evening", "afternoon", "night", "tonight"}
_FILLER = {"at", "every", "day", "daily", "the", "in", "o'clock", "oclock", "clock", "please"}
_SAID_AS_ZERO = {"oh", "o"}  # "seven oh five"


def _tokens(text: str) -> list[str]:
    cleaned = text.lower().replace("-", " ")
    # "7:30", "7.30" and "730pm" split into hour and minute; "7pm" into 7 and pm.
    cleaned = re.sub(r"(\d{1,2})[:.](\d{2})", r"\1 \2", cleaned)
    cleaned = re.sub(r"(\d)(am|pm|a\.m\.|p\.m\.)", r"\1 \2", cleaned)
    # "a m" / "p.m" (as normalised text or typed) become "am" / "pm".
    cleaned = re.sub(r"\b([ap])\.? ?m\b\.?", r"\1m", cleaned)
    return ["zero" if w in _SAID_AS_ZERO else w for w in cleaned.split() if w not in _FILLER]


def parse_time(spoken: str | None) -> time | None:
    """A local time of day from an AMAZON.TIME value or from words.

    Understands "07:00", "19:30", "MO", "seven", "7:30 am", "half past seven", "quarter to
    eight", "seven thirty in the evening", "noon". An hour from 1 to 11 without am or pm means
    the morning: these are morning moves. Returns None when no time can be read.
    """
    if not spoken or not spoken.strip():
        return None
    raw = spoken.strip()
    if raw in _PERIODS:
        return _PERIODS[raw]
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", raw)
    if match:
        return _clock(int(match.group(1)), int(match.group(2)), None)
    words = _tokens(raw)
    if len(words) == 1 and words[0] in _PERIODS:
        return _PERIODS[words[0]]
    meridiem = _meridiem(words)
    words = [w for w in words if w not in _AM | _PM]
    return _read_items(read_numbers(words), meridiem) if words else None


def _meridiem(words: list[str]) -> str | None:
    if any(w in _PM for w in words):
        return "pm"
    if any(w in _AM for w in words):
        return "am"
    return None


def _read_items(items: list[int | str], meridiem: str | None) -> time | None:
    # "half past seven", "quarter to eight", "ten past six"
    if len(items) == 3 and items[1] in {"past", "after", "to", "before"}:
        first, relation, hour = items
        minutes = _FRACTIONS.get(first, first) if isinstance(first, str) else first
        if not isinstance(minutes, int) or not isinstance(hour, int):
            return None
        if relation in {"to", "before"}:
            return _clock(hour - 1 if hour > 1 else 12, 60 - minutes, meridiem)
        return _clock(hour, minutes, meridiem)
    numbers = [i for i in items if isinstance(i, int)]
    if len(numbers) != len(items) or not 1 <= len(numbers) <= 3:
        return None
    hour, minutes = numbers[0], sum(numbers[1:])
    if len(numbers) == 1 and hour >= 100:
        # "730" as a spoken-digits time.
        hour, minutes = divmod(hour, 100)
    return _clock(hour, minutes, meridiem)


def _clock(hour: int, minute: int, meridiem: str | None) -> time | None:
    if not 0 <= minute < 60 or not 0 <= hour < 24:
        return None
    if meridiem == "pm" and 1 <= hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    return time(hour, minute)


def next_occurrence(at: time, now: datetime) -> datetime:
    """The next local date-time at `at` strictly after `now` (naive, local wall-clock)."""
    local_now = now.replace(tzinfo=None)
    candidate = datetime.combine(local_now.date(), at)
    if candidate <= local_now:
        candidate += timedelta(days=1)
    return candidate


def say_time(at: time) -> str:
    """A time as Alexa should say it: "7 a.m.", "6:30 p.m.", "noon", "midnight"."""
    if at == time(12, 0):
        return say(Phrase.NOON)
    if at == time(0, 0):
        return say(Phrase.MIDNIGHT)
    suffix = say(Phrase.AM) if at.hour < 12 else say(Phrase.PM)
    hour = at.hour % 12 or 12
    if at.minute == 0:
        return say(Phrase.CLOCK_HOUR, hour=hour, suffix=suffix)
    return say(Phrase.CLOCK_MINUTES, hour=hour, minute=at.minute, suffix=suffix)


def suggested_time(now: datetime) -> time:
    """The time to suggest after a workout: now, rounded to the nearest half hour."""
    minutes = round((now.hour * 60 + now.minute) / 30) * 30 % (24 * 60)
    return time(minutes // 60, minutes % 60)


def completed_routine_dates(progress: UserProgress) -> set[date]:
    """Local dates on which every move of the routine was done: the loaded days', and the first
    such date ever when the store summarised older days (history.first_routine)."""
    known = first_routine(progress)
    return routine_dates(progress) | ({known} if known is not None else set())


def should_offer_reminder(
    progress: UserProgress,
    today: date,
    *,
    routine_completed: bool,
    offered_already: bool,
    routine_before_session: bool = False,
) -> bool:
    """Offer a reminder once: right after the user's first ever completed routine, never again.

    A completed routine on an earlier date (in `progress`), or already in the store when this
    session began (`routine_before_session`, e.g. earlier today), means the first one has passed,
    and with it the one offer: we never nag.
    """
    if not routine_completed or offered_already or routine_before_session:
        return False
    return not any(d < today for d in completed_routine_dates(progress))


# --- Words -----------------------------------------------------------------------------------


def reminder_text() -> str:
    """What the reminder says when it rings."""
    # The count starts the sentence.
    return say(Phrase.REMINDER_TEXT, count=capitalised(routine_size()))


def _sentence(text: str) -> str:
    """End with one full stop, even after "a.m."."""
    return text if text.endswith(".") else f"{text}."


class ReminderWords:
    """Every sentence the reminder conversation says, from the phrasebook."""

    @staticmethod
    def offer(at: time) -> Speech:
        return Speech.of(say(Phrase.REMINDER_OFFER, time=say_time(at)))

    @staticmethod
    def offer_reprompt(at: time) -> Speech:
        return Speech.of(say(Phrase.REMINDER_OFFER_REPROMPT, time=say_time(at)))

    @staticmethod
    def offer_declined() -> Speech:
        return Speech.of(say(Phrase.REMINDER_DECLINED))

    @staticmethod
    def set_done(at: time) -> Speech:
        return Speech.of(say(Phrase.REMINDER_SET, time=say_time(at)))

    @staticmethod
    def changed(at: time) -> Speech:
        return Speech.of(_sentence(say(Phrase.REMINDER_CHANGED, time=say_time(at))))

    @staticmethod
    def cancelled(count: int) -> Speech:
        if count == 0:
            return Speech.of(say(Phrase.REMINDER_NONE_TO_CANCEL))
        return Speech.of(say(Phrase.REMINDER_CANCELLED))

    @staticmethod
    def listing(times: Iterable[time]) -> Speech:
        spoken = [say_time(t) for t in sorted(times)]
        if not spoken:
            return Speech.of(say(Phrase.REMINDER_NONE))
        if len(spoken) == 1:
            return Speech.of(_sentence(say(Phrase.REMINDER_ONE, time=spoken[0])))
        return Speech.of(_sentence(say(Phrase.REMINDER_MANY, times=spoken_list(spoken))))

    @staticmethod
    def which_time() -> Speech:
        return Speech.of(say(Phrase.REMINDER_WHICH_TIME))

    @staticmethod
    def permission_card_sent() -> Speech:
        return Speech.of(say(Phrase.REMINDER_PERMISSION_CARD))

    @staticmethod
    def permission_denied() -> Speech:
        return Speech.of(say(Phrase.REMINDER_PERMISSION_DENIED))

    @staticmethod
    def failed() -> Speech:
        return Speech.of(say(Phrase.REMINDER_FAILED))

    @staticmethod
    def carry_on() -> Speech:
        return Speech.of(say(Phrase.REMINDER_CARRY_ON))
