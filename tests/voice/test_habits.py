"""Reminders, screens and cards through the whole skill: the simulator's real envelopes, the
fake Alexa API over HTTPS, an Echo Show and a speaker side by side."""

from __future__ import annotations

import time
from typing import Any

import pytest

from skill.dev.simulator import ECHO_SHOW, Conversation, Device, Turn
from skill.domain.catalogue import ROUTINE
from skill.domain.words import Phrase, say
from skill.voice.screens import DOCUMENT_TOKEN
from tests.fakes.alexa_api import TOKEN, FakeAlexaApi
from tests.voice.reminder_transcripts import DEVICE_TIME_ZONE, conversation

NEXTS_IN_A_ROUTINE = 11  # from "start" to "how did that feel?" (tests/voice/reminder_transcripts)


def _talk(api: FakeAlexaApi, api_timeout: float = 2.0, **device: Any) -> Conversation:
    return conversation(
        api, "en-US", Device(api_endpoint=api.url, api_access_token=TOKEN, **device), api_timeout
    )


def _directives(turn: Turn) -> list[dict[str, Any]]:
    assert turn.response is not None
    return list(turn.response["response"].get("directives") or [])


def _card(turn: Turn) -> dict[str, Any] | None:
    assert turn.response is not None
    card = turn.response["response"].get("card")
    return dict(card) if card else None


def _routine(talk: Conversation) -> list[Turn]:
    turns = [talk.say("Alexa, ask morning moves to start my morning moves")]
    turns += [talk.say("next") for _ in range(NEXTS_IN_A_ROUTINE)]
    assert turns[-1].phase == "feedback"
    return turns


def _daily_times(api: FakeAlexaApi) -> list[str]:
    return sorted(r["trigger"]["recurrence"]["recurrenceRules"][0] for r in api.reminders.values())


def test_granted_permission_sets_one_daily_reminder(fake_alexa: FakeAlexaApi) -> None:
    fake_alexa.granted = False
    talk = _talk(fake_alexa)
    talk.say("open morning moves")
    asking = talk.say("remind me every day at seven")
    [directive] = _directives(asking)
    assert directive["type"] == "Connections.StartConnection"
    assert fake_alexa.reminders == {}

    done = talk.say("I approve")
    assert "every day at 7 a.m." in done.text
    assert not done.ended
    assert _daily_times(fake_alexa) == ["FREQ=DAILY;BYHOUR=7;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]
    [reminder] = fake_alexa.reminders.values()
    assert reminder["trigger"]["timeZoneId"] == DEVICE_TIME_ZONE  # from the settings API


def _answer_permission(api: FakeAlexaApi, opening: str, answer: str) -> Turn:
    """Without the permission, open, ask for a reminder, and answer Alexa's question."""
    api.granted = False
    talk = _talk(api)
    talk.say(opening)
    talk.say("remind me every day at seven")
    return talk.say(answer)


def test_denied_permission_leaves_no_reminder_and_keeps_coaching(fake_alexa: FakeAlexaApi) -> None:
    denied = _answer_permission(
        fake_alexa, "Alexa, ask morning moves to start my morning moves", "no"
    )
    assert denied.phase == "ready"
    assert not denied.ended
    assert denied.text.endswith(denied.reprompt)  # back to the coaching prompt
    assert fake_alexa.reminders == {}
    assert _card(denied) is None


def test_unanswered_permission_sends_the_consent_card(fake_alexa: FakeAlexaApi) -> None:
    unanswered = _answer_permission(fake_alexa, "open morning moves", "(silence)")
    assert _card(unanswered) == {
        "type": "AskForPermissionsConsent",
        "permissions": ["alexa::alerts:reminders:skill:readwrite"],
    }


@pytest.mark.parametrize("failure", [500, 503, 429])
def test_a_failing_reminders_api_never_breaks_the_workout(
    fake_alexa: FakeAlexaApi, failure: int
) -> None:
    fake_alexa.fail_with = failure
    talk = _talk(fake_alexa)
    talk.say("Alexa, ask morning moves to start my morning moves")
    counted = talk.say("next")
    failed = talk.say("remind me every day at seven")
    assert "couldn't reach your reminders" in failed.text
    assert (failed.phase, failed.ended) == (counted.phase, False)
    carried_on = talk.say("next")
    assert "squats" in carried_on.text


def test_a_slow_reminders_api_costs_the_timeout_only(fake_alexa: FakeAlexaApi) -> None:
    fake_alexa.delay = 3.0
    talk = _talk(fake_alexa, api_timeout=0.3)
    talk.say("open morning moves")
    started = time.monotonic()
    slow = talk.say("what reminders do I have")
    assert time.monotonic() - started < 1.5
    assert "couldn't reach your reminders" in slow.text
    assert not slow.ended


def test_the_offer_comes_once_after_the_first_routine(fake_alexa: FakeAlexaApi) -> None:
    talk = _talk(fake_alexa)
    offers = [t for t in _routine(talk) if "Shall I remind you" in t.text]
    assert offers == []
    offer = talk.say("that was just right")
    assert offer.text.endswith("Shall I remind you every day at 7 a.m.?")
    assert not offer.ended

    # The same session, another routine: no second offer.
    talk.say("Alexa, ask morning moves to start my morning moves")
    for _ in range(NEXTS_IN_A_ROUTINE):
        talk.say("next")
    goodbye = talk.say("that was easy")
    assert "remind" not in goodbye.text
    assert goodbye.ended


def test_no_offer_in_a_later_session_the_same_day(fake_alexa: FakeAlexaApi) -> None:
    talk = _talk(fake_alexa)  # one skill and store, two sessions
    _routine(talk)
    assert "Shall I remind you" in talk.say("that was just right").text
    assert talk.say("no thanks").ended

    _routine(talk)
    goodbye = talk.say("that was just right")
    assert "remind" not in goodbye.text
    assert goodbye.ended


def test_saying_something_else_after_the_offer_forgets_it(fake_alexa: FakeAlexaApi) -> None:
    talk = _talk(fake_alexa)
    _routine(talk)
    talk.say("that was just right")
    moved_on = talk.say("start my morning moves")
    assert moved_on.phase == "ready"
    yes = talk.say("yes")  # now a yes to the coach, not to the offer
    assert fake_alexa.reminders == {}
    assert yes.phase == "counted"


def test_echo_show_sees_the_workout_and_hears_the_same(fake_alexa: FakeAlexaApi) -> None:
    show = _talk(fake_alexa, supported_interfaces=ECHO_SHOW)
    speaker = _talk(fake_alexa)
    on_show, on_speaker = _routine(show), _routine(speaker)

    assert [t.ssml for t in on_show] == [t.ssml for t in on_speaker]
    assert [t.reprompt for t in on_show] == [t.reprompt for t in on_speaker]
    assert all(not _directives(t) for t in on_speaker)

    screens = [_directives(t) for t in on_show]
    assert all(len(d) == 1 for d in screens)
    directives = [d[0] for d in screens]
    assert {d["type"] for d in directives} == {"Alexa.Presentation.APL.RenderDocument"}
    assert {d["token"] for d in directives} == {DOCUMENT_TOKEN}
    shown = [d["datasources"]["workout"] for d in directives]
    assert shown[0]["title"] == "Toe taps"
    assert shown[0]["step"] == "Move 1 of 5"
    assert {s["icon"] for s in shown} >= {m.value for m in ROUTINE}
    assert shown[-1]["progressWidth"] == "100%"
    # A counting reply starts at "10 reps" and counts along (tests/voice/test_screen_timeline.py).
    counted = [d["document"]["onMount"] for d in directives if "onMount" in d["document"]]
    assert len(counted) >= len(ROUTINE)
    assert any(s["counter"].endswith(" reps") for s in shown)


def test_a_card_after_the_workout(fake_alexa: FakeAlexaApi) -> None:
    talk = _talk(fake_alexa)
    turns = _routine(talk)
    card = _card(turns[-1])
    assert card is not None
    assert card["type"] == "Simple"
    assert card["title"] == say(Phrase.CARD_TITLE)
    assert card["content"].startswith("Today: Toe taps 20, Squats 10")
    assert say(Phrase.CARD_TOMORROW) in card["content"]
    assert all(_card(t) is None for t in turns[:-1])


@pytest.mark.parametrize("answer", ["next", "no thanks"])
def test_moving_on_from_the_offer_declines_it_and_ends(
    fake_alexa: FakeAlexaApi, answer: str
) -> None:
    talk = _talk(fake_alexa)
    _routine(talk)
    talk.say("that was just right")
    reply = talk.say(answer)
    assert reply.ended
    assert "won't ask again" in reply.text
    assert fake_alexa.reminders == {}


def test_an_unclear_answer_to_the_offer_asks_again(fake_alexa: FakeAlexaApi) -> None:
    talk = _talk(fake_alexa)
    _routine(talk)
    talk.say("that was just right")
    unclear = talk.say("purple elephants")
    assert not unclear.ended
    assert "Say yes or no" in unclear.text
    talk.say("yes")
    assert _daily_times(fake_alexa) == ["FREQ=DAILY;BYHOUR=7;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]
