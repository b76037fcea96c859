"""Daily reminders as rules and words: when to offer one, reading a spoken time, what to say.

Pure: the Alexa Reminders API client lives in skill/voice/reminders.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from skill.domain.catalogue import ROUTINE
from skill.domain.events import Event, EventKind
from skill.domain.ids import MoveId
from skill.domain.progress import UserProgress
from skill.domain.session import Context, Outcome, Phase, SessionState
from skill.domain.speech import Say, Speech
from skill.domain.words import Phrase, capitalised, count_word, say, spoken_list


class ReminderAction(StrEnum):
    """What the user asked of their daily reminder."""

    SET = "set"
    CHANGE = "change"
    CANCEL = "cancel"
    LIST = "list"


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

_UNITS = {
    "zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_FRACTIONS = {"quarter": 15, "half": 30}

_AM = {"am", "a.m.", "a.m", "morning"}
_PM = {"pm", "p.m.", "p.m", "evening", "afternoon", "night", "tonight"}
_FILLER = {"at", "every", "day", "daily", "the", "in", "o'clock", "oclock", "clock", "please"}


def _words_to_numbers(words: list[str]) -> list[int | str]:
    """Turn number words into ints ("forty five" -> 45) and leave other words alone."""
    out: list[int | str] = []
    for word in words:
        value: int | None = None
        if word.isascii() and word.isdigit():
            value = int(word)
        elif word in _UNITS:
            value = _UNITS[word]
        elif word in _TENS:
            value = _TENS[word]
        previous = out[-1] if out else None
        # "forty five": a tens word followed by a unit adds up; "oh five" is 0 then 5.
        if (
            value is not None
            and isinstance(previous, int)
            and previous % 10 == 0
            and previous >= 20
            and value < 10
        ):
            out[-1] = previous + value
        elif value is not None:
            out.append(value)
        else:
            out.append(word)
    return out


def _tokens(text: str) -> list[str]:
    cleaned = text.lower().replace("-", " ")
    # "7:30", "7.30" and "730pm" split into hour and minute; "7pm" into 7 and pm.
    cleaned = re.sub(r"(\d{1,2})[:.](\d{2})", r"\1 \2", cleaned)
    cleaned = re.sub(r"(\d)(am|pm|a\.m\.|p\.m\.)", r"\1 \2", cleaned)
    # "a m" / "p.m" (as normalised text or typed) become "am" / "pm".
    cleaned = re.sub(r"\b([ap])\.? ?m\b\.?", r"\1m", cleaned)
    return [w for w in cleaned.split() if w not in _FILLER]


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
    return _read_items(_words_to_numbers(words), meridiem) if words else None


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
    """Local dates on which every move of the routine was done."""
    return {day.local_date for day in progress.days if all(day.reps.get(m, 0) > 0 for m in MoveId)}


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


# Ways of leaving that are not a "goodbye after feedback": no question tacked on to these.
_NO_OFFER_EVENTS = {EventKind.STOP, EventKind.SESSION_ENDED, EventKind.FORGET_ME}


def offer_after_routine(
    before: SessionState,
    event: Event,
    outcome: Outcome,
    context: Context,
    *,
    offered: bool,
    routine_before_session: bool = False,
) -> tuple[Outcome, time] | None:
    """After the first ever full routine, as the session would end once the user has said how
    it felt, keep the session open and offer a daily reminder at about this time of day.

    Returns the changed outcome and the time offered, or None when there is nothing to offer.
    """
    finished_routine = (
        before.phase is Phase.FEEDBACK
        and before.moment is None
        and set(ROUTINE) <= set(before.done)
    )
    if (
        event.kind in _NO_OFFER_EVENTS
        or not outcome.reply.end_session
        or not should_offer_reminder(
            context.progress,
            context.now.date(),
            routine_completed=finished_routine,
            offered_already=offered,
            routine_before_session=routine_before_session,
        )
    ):
        return None
    at = suggested_time(context.now)
    # The offer keeps the session open, so the goodbye waits for the answer.
    said = outcome.reply.speech.segments
    if said and said[-1] == Say(say(Phrase.SEE_YOU)):
        said = said[:-1]
    reply = outcome.reply._replace(
        speech=Speech(said) + ReminderWords.offer(at),
        reprompt=ReminderWords.offer_reprompt(at),
        end_session=False,
    )
    return outcome._replace(reply=reply), at


# --- Words -----------------------------------------------------------------------------------


def reminder_text() -> str:
    """What the reminder says when it rings."""
    # The count starts the sentence.
    return say(Phrase.REMINDER_TEXT, count=capitalised(count_word(len(ROUTINE))))


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
