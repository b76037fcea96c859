"""Drive the real engine through whole sessions, for tests of what hangs off it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from skill.domain.events import Event, EventKind
from skill.domain.ids import Feedback
from skill.domain.progress import UserProgress
from skill.domain.session import step
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context, Outcome

MORNING = datetime(2026, 11, 25, 7, 10)


def context(progress: UserProgress | None = None, now: datetime = MORNING) -> Context:
    return Context(now=now, progress=progress or UserProgress(), turn_id="turn-1")


ANSWER_SECONDS = 2.0  # after a reply has played, the user answers


def routine_turns(ctx: Context) -> Iterator[tuple[SessionState, Event, Outcome]]:
    """(state before, event, outcome) for each turn of a full routine, from launch until the
    engine asks how it felt. The user answers each reply once it has played; the routine is
    played out in the hour before `ctx`'s time, so a step with `ctx` itself comes after every
    reply, the last one (still counting the last move) included."""
    state = SessionState()
    event = Event(EventKind.START_ROUTINE)
    heard = (ctx.heard_at or ctx.now) - timedelta(hours=1)
    for _ in range(200):
        outcome = step(state, event, ctx._replace(heard_at=heard))
        yield state, event, outcome
        state = outcome.state
        if state.phase is Phase.FEEDBACK:
            return
        event = Event(EventKind.NEXT)
        heard += timedelta(seconds=outcome.reply.speech.planned_seconds() + ANSWER_SECONDS)
    raise AssertionError("the routine never finished")


def finished_routine(ctx: Context) -> tuple[SessionState, Outcome]:
    """The state asking for feedback after a full routine, and the outcome that asked."""
    *_, (_, _, outcome) = routine_turns(ctx)
    return outcome.state, outcome


FEEDBACK_RIGHT = Event(EventKind.FEEDBACK, feedback=Feedback.RIGHT)
