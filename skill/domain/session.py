"""The session state machine: `step(state, event, context) -> Outcome`.

Foundation version: answers launch, help, stop and confusion. The coaching engine issue
replaces the body of `step` while keeping these types.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from skill.domain.events import Event, EventKind
from skill.domain.progress import ProgressEvent, UserProgress
from skill.domain.speech import Reply, Speech

STATE_VERSION = 1


class Phase(StrEnum):
    """Where the conversation is."""

    IDLE = "idle"
    ENDED = "ended"


@dataclass(frozen=True)
class SessionState:
    """Everything carried between turns in session attributes: small, versioned, JSON-safe."""

    phase: Phase = Phase.IDLE
    version: int = STATE_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> SessionState:
        """Parse session attributes; anything unknown or stale starts afresh."""
        if not data or data.get("version") != STATE_VERSION:
            return cls()
        try:
            return cls(phase=Phase(data["phase"]))
        except (KeyError, ValueError, TypeError):
            return cls()


@dataclass(frozen=True)
class Context:
    """Facts about this turn that the engine needs but must not fetch itself."""

    now: datetime
    progress: UserProgress = field(default_factory=UserProgress)
    turn_id: str = ""


@dataclass(frozen=True)
class Outcome:
    """The result of one step: the next state, what to say, what progress to record."""

    state: SessionState
    reply: Reply
    progress: tuple[ProgressEvent, ...] = ()


_HELP = Speech.of(
    "I coach five quick strength moves for runners: toe taps, squats, heel rises, "
    "glute bridges and reverse lunges. Say start my morning moves to begin.",
)
_REPROMPT = Speech.of("Say start my morning moves, or ask for help.")


def step(state: SessionState, event: Event, context: Context) -> Outcome:
    """Advance the conversation by one event."""
    del context  # used by the full engine
    match event.kind:
        case EventKind.SESSION_ENDED:
            return Outcome(SessionState(Phase.ENDED), Reply(Speech(), end_session=True))
        case EventKind.STOP:
            return Outcome(
                SessionState(Phase.ENDED),
                Reply(Speech.of("Well done today. See you tomorrow."), end_session=True),
            )
        case EventKind.HELP:
            return Outcome(state, Reply(_HELP, reprompt=_REPROMPT))
        case EventKind.LAUNCH:
            welcome = Speech.of("Welcome to Morning Moves.") + _HELP
            return Outcome(SessionState(), Reply(welcome, reprompt=_REPROMPT))
        case _:
            return Outcome(
                state,
                Reply(Speech.of("Sorry, I didn't catch that.") + _REPROMPT, reprompt=_REPROMPT),
            )
