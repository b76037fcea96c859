"""A fake locale, end to end: every kind of reply the skill sends (speech, reprompt, home card,
screen, reminders, the error reply) is said in the request's locale's phrasebook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from skill.dev.simulator import ECHO_SHOW, Conversation, Device, Turn
from tests.fakes.alexa_api import TOKEN, FakeAlexaApi
from tests.fakes.phrasebook import MARK, english_in, fake_locale
from tests.voice.reminder_transcripts import conversation

# Each line is a kind of reply: launch, help, the routine's start, a counted set, how many
# left, progress, explain, a reminder set and listed, stop (with its card).
SCRIPT = (
    "open morning moves",
    "help",
    "start my morning moves",
    "next",
    "how many left",
    "help",
    "how am I doing",
    "explain this move",
    "remind me to do my morning moves every day at seven",
    "what reminders do I have",
    "stop",
)


@pytest.fixture
def talk(fake_alexa: FakeAlexaApi) -> Iterator[Conversation]:
    with fake_locale() as locale:
        device = Device(
            supported_interfaces=ECHO_SHOW, api_endpoint=fake_alexa.url, api_access_token=TOKEN
        )
        chat = conversation(fake_alexa, "en-US", device)  # understood as English...
        chat.locale = locale  # ...and sent in the fake locale
        yield chat


def _shown(response: dict[str, Any]) -> list[str]:
    """The card's and the screen's words in a response envelope."""
    body = response["response"]
    card = body.get("card") or {}
    words = [card.get("title", ""), card.get("content", "")]
    for directive in body.get("directives") or []:
        workout = (directive.get("datasources") or {}).get("workout")
        if workout:
            words += [workout[k] for k in ("title", "cue", "counter", "step", "progressText")]
    return words


def _assert_fake(turn: Turn) -> None:
    assert MARK in turn.text, turn
    assert not english_in(turn.text), turn.text
    assert not english_in(turn.reprompt), turn.reprompt
    assert turn.response is not None
    shown = " ".join(_shown(turn.response))
    assert not english_in(shown), shown


def test_every_reply_kind_is_said_in_the_request_locale(talk: Conversation) -> None:
    turns = [talk.say(line) for line in SCRIPT]
    assert [t.heard.split()[0] for t in turns] == [
        "LaunchRequest",
        "AMAZON.HelpIntent",
        "StartRoutineIntent",
        "AMAZON.NextIntent",
        "HowManyLeftIntent",
        "AMAZON.HelpIntent",
        "ProgressIntent",
        "ExplainMoveIntent",
        "SetReminderIntent",
        "ListRemindersIntent",
        "AMAZON.StopIntent",
    ]
    for turn in turns:
        _assert_fake(turn)
    assert any(_shown(t.response or {})[0] for t in turns)  # a card was sent
    assert any(len(_shown(t.response or {})) > 2 for t in turns)  # and a screen


def test_the_error_reply_is_said_in_the_request_locale(
    talk: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("skill.voice.handlers.step", broken)
    _assert_fake(talk.say("open morning moves"))
