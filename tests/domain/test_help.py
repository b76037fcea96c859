"""Help fits the phase, names what there is to say away from a move (the everyday moments,
progress, age, reminders), and is short enough to hear in one go."""

from __future__ import annotations

import pytest

from skill.domain.catalogue import MOMENTS
from skill.domain.events import Event, EventKind
from skill.domain.session import step
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context
from skill.domain.words import moment_words
from tests.domain.engine_driver import FEEDBACK_RIGHT, context, finished_routine

MAX_HELP_SECONDS = 25.0  # with its reprompt: longer, and people stop listening
HELP = Event(EventKind.HELP)

MOMENTS_SAID = tuple(moment_words(m).ask for m in MOMENTS)
AWAY_FROM_A_MOVE = (*MOMENTS_SAID, "how am I doing", "I'm 42", "remind me every day")


def _state(where: str, ctx: Context) -> SessionState:
    started = step(SessionState(), Event(EventKind.START_ROUTINE), ctx).state
    match where:
        case "idle":
            return SessionState()
        case "ready":
            return started
        case "counted":
            return step(started, Event(EventKind.NEXT), ctx).state
        case "paused":
            return step(started, Event(EventKind.PAUSE), ctx).state
        case "feedback":
            return finished_routine(ctx)[0]
        case "offer_reminder":
            return step(finished_routine(ctx)[0], FEEDBACK_RIGHT, ctx).state
    raise AssertionError(where)


@pytest.mark.parametrize(
    ("where", "phase", "says", "never_says"),
    [
        (
            "idle",
            Phase.IDLE,
            ("five quick strength moves", "gentle moves", *AWAY_FROM_A_MOVE),
            ("say next",),
        ),
        ("ready", Phase.READY, ("say next", "pause", "skip", "how am I doing"), ()),
        ("counted", Phase.COUNTED, ("say next", "repeat", "how am I doing"), ()),
        ("paused", Phase.READY, ("say next", "how am I doing"), ()),
        ("feedback", Phase.FEEDBACK, ("how that felt", *AWAY_FROM_A_MOVE), ("say next",)),
        (
            "offer_reminder",
            Phase.OFFER_REMINDER,
            (*AWAY_FROM_A_MOVE, "daily reminder"),
            ("how that felt", "say next"),
        ),
    ],
)
def test_help_fits_the_phase(
    where: str, phase: Phase, says: tuple[str, ...], never_says: tuple[str, ...]
) -> None:
    ctx = context()
    outcome = step(_state(where, ctx), HELP, ctx)
    text = outcome.reply.speech.text
    assert outcome.state.phase is phase
    assert [s for s in says if s not in text] == []
    assert [s for s in never_says if s in text] == []
    seconds = outcome.reply.speech.planned_seconds()
    assert seconds <= MAX_HELP_SECONDS, f"{where}: {seconds:.1f} s: {text}"


def test_help_names_every_moment_of_the_catalogue() -> None:
    """The moments come from the catalogue: a moment added there is named in help."""
    text = step(SessionState(), HELP, context()).reply.speech.text
    assert len(MOMENTS_SAID) == len(MOMENTS)
    assert all(said in text for said in MOMENTS_SAID)
