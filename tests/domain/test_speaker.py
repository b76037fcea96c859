"""Who is speaking: when to ask a recognised voice for their name, and what name we would say."""

from __future__ import annotations

from datetime import date

import pytest

from skill.domain.effects import AskNamePermission
from skill.domain.events import Event, EventKind
from skill.domain.progress import DayTotal, UserProgress
from skill.domain.reminders import ConsentAnswer
from skill.domain.session import step
from skill.domain.speaker import MAX_NAME_CHARS, Speaker, should_ask_for_name, spoken_name
from skill.domain.state import Phase, SessionState
from skill.domain.words import Phrase, say
from tests.domain.engine_driver import context

NEW = UserProgress()
KNOWN = UserProgress(first_active=date(2026, 11, 1), days=(DayTotal(date(2026, 11, 1), {}),))


@pytest.mark.parametrize(
    ("speaker", "progress", "ask"),
    [
        (Speaker(recognised=True, name_allowed=False), NEW, True),
        (Speaker(recognised=True, name_allowed=False), KNOWN, False),  # met the skill before
        (Speaker(recognised=True, name="Anna", name_allowed=True), NEW, False),  # allowed
        (Speaker(recognised=True), NEW, False),  # the API did not answer
        (Speaker(), NEW, False),  # an unrecognised voice has no name to ask for
    ],
)
def test_when_to_ask_for_the_name(speaker: Speaker, progress: UserProgress, ask: bool) -> None:
    assert should_ask_for_name(speaker, progress) is ask


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Anna", "Anna"),
        ("  Mary\n Ann ", "Mary Ann"),
        ("", None),
        ("x" * (MAX_NAME_CHARS + 1), None),
        (None, None),
        (42, None),
    ],
)
def test_spoken_name(raw: object, name: str | None) -> None:
    assert spoken_name(raw) == name


def test_launch_hands_over_then_welcomes_whatever_the_answer() -> None:
    unnamed = context()._replace(speaker=Speaker(recognised=True, name_allowed=False))
    asking = step(SessionState(), Event(EventKind.LAUNCH), unnamed)
    assert asking.effects == (AskNamePermission(),)
    assert asking.state.phase is Phase.ASKING_PERMISSION
    assert not asking.reply.speech.segments
    named = context()._replace(speaker=Speaker(recognised=True, name="Anna", name_allowed=True))
    for answer, ctx, first in [
        (ConsentAnswer.ACCEPTED, named, say(Phrase.HELLO_NAME, name="Anna")),
        (ConsentAnswer.DENIED, unnamed, say(Phrase.NAME_NOT_USED)),
        (ConsentAnswer.NOT_ANSWERED, unnamed, say(Phrase.YOUR_OWN_PROGRESS)),
    ]:
        resumed = step(asking.state, Event(EventKind.NAME_CONSENT, consent=answer), ctx)
        assert resumed.state.phase is Phase.IDLE
        assert resumed.reply.speech.text.startswith(first)
        assert say(Phrase.SHALL_WE_START) in resumed.reply.speech.text
        assert not resumed.effects
