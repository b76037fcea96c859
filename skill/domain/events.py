"""What the user (or Alexa) did, as the engine understands it."""

from __future__ import annotations

from datetime import time
from enum import StrEnum
from typing import NamedTuple

from skill.domain.effects import CallReminders
from skill.domain.ids import Feedback, MomentId, MoveId, Style
from skill.domain.reminders import ConsentAnswer, ReminderAction, ReminderResult


class EventKind(StrEnum):
    """Every kind of event the session state machine handles."""

    LAUNCH = "launch"
    START_ROUTINE = "start_routine"
    START_MOVE = "start_move"
    START_MOMENT = "start_moment"
    NEXT = "next"
    YES = "yes"
    NO = "no"
    PAUSE = "pause"
    RESUME = "resume"
    REPEAT = "repeat"
    AGAIN = "again"  # "again", "one more time": what it repeats depends on the phase
    DONE = "done"  # "I'm done": a set finished mid-workout, but at the menu it means leaving
    SKIP = "skip"
    START_OVER = "start_over"
    SLOWER = "slower"
    FASTER = "faster"
    HOW_MANY_LEFT = "how_many_left"
    EXPLAIN = "explain"
    WHATS_NEXT = "whats_next"
    PROGRESS = "progress"
    SET_AGE = "set_age"
    FEEDBACK = "feedback"
    FORGET_ME = "forget_me"
    HELP = "help"
    STOP = "stop"
    UNKNOWN = "unknown"
    SESSION_ENDED = "session_ended"
    REMINDER = "reminder"  # set, change, cancel or list the daily reminder
    REMINDER_DONE = "reminder_done"  # the result of a CallReminders effect
    CONSENT = "consent"  # Alexa's answer to our AskPermission effect
    NAME_CONSENT = "name_consent"  # Alexa's answer to our AskNamePermission effect
    CHOOSE_STYLE = "choose_style"  # "make it gentle", "back to the standard moves"


class Event(NamedTuple):
    """One event; only the fields its kind needs are set."""

    kind: EventKind
    move: MoveId | None = None
    moment: MomentId | None = None
    feedback: Feedback | None = None
    number: int | None = None
    # SET_AGE from "my next big birthday is fifty": the target birthday rather than the age.
    big_birthday: int | None = None
    reminder: ReminderAction | None = None  # REMINDER: what was asked
    at: time | None = None  # REMINDER: the time said; CONSENT: the time asked for
    call: CallReminders | None = None  # REMINDER_DONE: the call this answers
    result: ReminderResult | None = None  # REMINDER_DONE: how it went
    consent: ConsentAnswer | None = None  # CONSENT, NAME_CONSENT: the user's answer
    end_after: bool = False  # CONSENT: end the session after answering
    style: Style | None = None  # START_ROUTINE ("start my gentle moves"), CHOOSE_STYLE
