"""What the coach remembers between turns: the phase it waits in and the plan it is running.

Phases (what the coach is waiting for):
    IDLE               the menu: what shall we do?
    READY              a move was introduced (or a set interrupted): "say next" counts a set
    COUNTED            a set was just counted out in full: "say next" confirms it
    PAUSED             on a break; behaves like READY, but says so
    CONFIRM_FORGET     asked "delete everything?"; anything but yes or no carries on where we were
    FEEDBACK           the plan is finished: "how did that feel?"
    OFFER_REMINDER     after the first full routine's goodbye: "shall I remind you every day?"
    OFFER_STANDARD     at the welcome, to someone at the top of the gentle moves: "would you like
                       to try the standard moves today?"
    ASKING_PERMISSION  handed over to Alexa to ask for the reminders permission; her answer
                       comes back as a CONSENT event, then we carry on where we were (`back`)
    ENDED              the session is over

`SessionState.to_json`/`from_json` are the state's half of the session codec
(skill/voice/session_codec.py); `from_json` also reads version 2 (before the reminder phases).
"""

from __future__ import annotations

import math
from datetime import time
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from skill.domain.bounds import (
    MAX_HOLD_SECONDS,
    MAX_REPS_PER_SET,
    MAX_RUN_CHARS,
    MAX_SETS,
    TEMPO_BOUNDS,
    within,
)
from skill.domain.catalogue import ROUTINE, Dose, Move, Sides, move
from skill.domain.ids import MomentId, MoveId, Style

STATE_VERSION = 3
_READABLE_VERSIONS = frozenset({2, STATE_VERSION})
_T = TypeVar("_T")


class Phase(StrEnum):
    """What the coach is waiting for (see the module docstring)."""

    IDLE = "idle"
    READY = "ready"
    COUNTED = "counted"
    PAUSED = "paused"
    CONFIRM_FORGET = "confirm_forget"
    FEEDBACK = "feedback"
    OFFER_REMINDER = "offer_reminder"
    OFFER_STANDARD = "offer_standard"
    ASKING_PERMISSION = "asking_permission"
    ENDED = "ended"


# Phases that wait on a side question and go back to `back` afterwards.
_SIDE_QUESTIONS = frozenset({Phase.CONFIRM_FORGET, Phase.ASKING_PERMISSION})


class SessionState(NamedTuple):
    """Everything carried between turns in session attributes: small, versioned, JSON-safe."""

    phase: Phase = Phase.IDLE
    version: int = STATE_VERSION
    run: str = ""  # turn id of the request that started the current plan
    plan: tuple[MoveId, ...] = ()
    moment: MomentId | None = None
    style: Style = Style.STANDARD  # the version of the moves the plan runs
    # The current move's position in `plan`; as a field it hides tuple.index, never used here.
    index: int = 0  # type: ignore[assignment]
    sets_done: int = 0  # sets of the current move that count
    dose: Dose | None = None  # the current move's dose, fixed when the move starts
    tempo: float | None = None  # None: the user's saved tempo
    back: Phase | None = None  # where CONFIRM_FORGET and ASKING_PERMISSION return to
    done: tuple[MoveId, ...] = ()  # moves completed this session
    offer_at: time | None = None  # the reminder time asked about in OFFER_REMINDER
    # Session-wide memory, kept by every state of the session (skill.domain.session.step):
    routine_before: bool | None = None  # the store held a full routine as the session began
    offered: bool = False  # the reminder was offered in this session

    @property
    def current(self) -> Move | None:
        in_plan = self.plan and 0 <= self.index < len(self.plan)
        return move(self.plan[self.index], self.style) if in_plan else None

    @property
    def coaching(self) -> bool:
        return self.phase in (Phase.READY, Phase.COUNTED, Phase.PAUSED)

    def to_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["plan"] = list(self.plan)
        data["done"] = list(self.done)
        if self.dose is not None:
            data["dose"] = self.dose._asdict()
        if self.offer_at is not None:
            data["offer_at"] = self.offer_at.strftime("%H:%M")
        return data

    @classmethod
    def from_json(cls, data: object) -> SessionState:
        """Parse session attributes; anything unknown, stale or inconsistent starts afresh."""
        if not isinstance(data, dict) or data.get("version") not in _READABLE_VERSIONS:
            return cls()
        try:
            state = _parse(data)
        except (KeyError, ValueError, TypeError, AttributeError, OverflowError):
            return cls()
        return state if consistent(state) else cls()


def _parse(data: dict[str, Any]) -> SessionState:
    dose = data.get("dose")
    tempo = data.get("tempo")
    offer_at = data.get("offer_at")
    routine_before = data.get("routine_before")
    return SessionState(
        phase=Phase(data["phase"]),
        run=_typed(data.get("run", ""), str),
        plan=tuple(MoveId(m) for m in data.get("plan", ())),
        moment=MomentId(data["moment"]) if data.get("moment") is not None else None,
        style=Style(data.get("style", Style.STANDARD)),
        index=_typed(data.get("index", 0), int),
        sets_done=_typed(data.get("sets_done", 0), int),
        dose=_parse_dose(dose) if dose is not None else None,
        tempo=_bounded_tempo(tempo) if tempo is not None else None,
        back=Phase(data["back"]) if data.get("back") is not None else None,
        done=tuple(MoveId(m) for m in data.get("done", ())),
        offer_at=time.fromisoformat(_typed(offer_at, str)) if offer_at is not None else None,
        routine_before=_typed(routine_before, bool) if routine_before is not None else None,
        offered=_typed(data.get("offered", False), bool),
    )


def _parse_dose(data: dict[str, Any]) -> Dose:
    return Dose(
        reps=_typed(data["reps"], int),
        sets=_typed(data["sets"], int),
        sides=Sides(data["sides"]),
        supported=_typed(data["supported"], bool),
        hold_seconds=float(data["hold_seconds"]),
        last_set_reps=_typed(data["last_set_reps"], int),
        level=_typed(data.get("level", 0), int),  # a state from before levels: the first rung
    )


def _bounded_tempo(value: object) -> float:
    """A tempo read back must be one the engine could have set (forged `inf` is not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    tempo = float(value)
    if not (math.isfinite(tempo) and within(tempo, TEMPO_BOUNDS)):
        raise ValueError(tempo)
    return tempo


def _typed(value: object, kind: type[_T]) -> _T:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(value)
    return value


def consistent(s: SessionState) -> bool:
    """Whether `s` is a state the machine can be in: within the engine's bounds
    (skill.domain.bounds) and coherent, since session attributes come back from the device and
    can be forged."""
    if len(s.run) > MAX_RUN_CHARS or len(s.plan) > len(ROUTINE) or len(s.done) > len(ROUTINE):
        return False
    if not 0 <= s.index <= len(s.plan) or s.sets_done < 0:
        return False
    if s.dose is not None and not _dose_in_bounds(s.dose):
        return False
    if s.coaching:
        if s.current is None or s.dose is None:
            return False
        if not 0 <= s.sets_done < s.dose.sets:
            return False
        if not 0 <= s.dose.level <= s.current.top_level:
            return False
    if (s.phase is Phase.OFFER_REMINDER) != (s.offer_at is not None):
        return False
    if s.phase is Phase.ASKING_PERMISSION:  # may go back to a session already said goodbye to
        return s.back is not None and s.back not in _SIDE_QUESTIONS
    return (s.phase in _SIDE_QUESTIONS) == (s.back is not None) and s.back not in (
        *_SIDE_QUESTIONS,
        Phase.ENDED,
    )


def _dose_in_bounds(dose: Dose) -> bool:
    return (
        1 <= dose.reps <= MAX_REPS_PER_SET
        and 1 <= dose.sets <= MAX_SETS
        and 0 <= dose.last_set_reps <= MAX_REPS_PER_SET
        and math.isfinite(dose.hold_seconds)
        and 0 <= dose.hold_seconds <= MAX_HOLD_SECONDS
    )
