"""What the user (or Alexa) did, as the engine understands it."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from skill.domain.ids import Feedback, MomentId, MoveId


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


class Event(NamedTuple):
    """One event; only the fields its kind needs are set."""

    kind: EventKind
    move: MoveId | None = None
    moment: MomentId | None = None
    feedback: Feedback | None = None
    number: int | None = None
    # SET_AGE from "my next big birthday is fifty": the target birthday rather than the age.
    big_birthday: int | None = None
