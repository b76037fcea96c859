"""Greeting a recognised voice by first name (Customer Profile API, over HTTPS to the fake):
asked for by voice once, as a person opens their first session; never for an unrecognised
voice, never again once they have progress; a failing API costs only the greeting."""

from __future__ import annotations

from typing import Any

from skill.config import Config, StoreKind
from skill.dev.simulator import Conversation, Device, SkillTransport
from skill.domain.speaker import GIVEN_NAME_PERMISSION
from skill.domain.words import Phrase, say
from skill.store.memory import MemoryStore
from skill.voice import build_skill
from skill.voice.timezone import device_time_zone
from tests.fakes.alexa_api import TOKEN, FakeAlexaApi, person_token
from tests.voice.reminder_transcripts import FIXED_NOW, SKILL_ID

ANNA = "amzn1.ask.person.ANNA"
BEN = "amzn1.ask.person.BEN"
NEXTS_IN_A_ROUTINE = 11
NAME_CALLS = "/v2/persons/~current/profile/givenName"


def household(api: FakeAlexaApi, store: MemoryStore | None = None) -> Conversation:
    """One account's Echo; Alexa's answer to the name question grants it for the speaker."""
    config = Config(
        skill_id=SKILL_ID,
        store=StoreKind.MEMORY,
        verify=False,
        timezone="UTC",
        alexa_api_fake=api.url,
    )
    skill = build_skill(
        store or MemoryStore(), config, clock=lambda: FIXED_NOW, time_zone_lookup=device_time_zone
    )
    talk: Conversation

    def consent(status: str) -> None:
        if status == "ACCEPTED" and talk.person_id is not None:
            api.name_granted.add(talk.person_id)

    talk = Conversation(
        SkillTransport(skill),
        skill_id=SKILL_ID,
        clock=lambda: FIXED_NOW,
        device=Device(api_endpoint=api.url, api_access_token=TOKEN),
        on_consent=consent,
    )
    return talk


def speak_as(talk: Conversation, person_id: str, token: str | None = None) -> None:
    """The recognised voice `person_id` speaks now, with the API token Alexa scopes to them."""
    talk.person_id, talk.person_token = person_id, token or person_token(person_id)


def name_question(turn: Any) -> dict[str, Any] | None:
    for directive in turn.response["response"].get("directives") or []:
        if directive["type"] == "Connections.StartConnection":
            return dict(directive)
    return None


def routine(talk: Conversation) -> None:
    talk.say("start my morning moves")
    for _ in range(NEXTS_IN_A_ROUTINE):
        talk.say("next")
    talk.say("just right")


def test_a_new_person_is_asked_once_and_greeted_by_name_from_then_on(
    fake_alexa: FakeAlexaApi,
) -> None:
    fake_alexa.given_names[ANNA] = "Anna"
    talk = household(fake_alexa)
    speak_as(talk, ANNA)
    asked = talk.say("open morning moves")
    question = name_question(asked)
    assert question is not None
    assert question["input"]["permissionScopes"] == [
        {"permissionScope": GIVEN_NAME_PERMISSION, "consentLevel": "PERSON"}
    ]
    assert asked.text == "[Alexa asks the user for permission to use their first name]"
    welcomed = talk.say("yes")
    assert welcomed.text.startswith(say(Phrase.HELLO_NAME, name="Anna"))
    assert say(Phrase.YOUR_OWN_PROGRESS) in welcomed.text
    assert say(Phrase.SHALL_WE_START) in welcomed.text
    routine(talk)
    talk.end()

    again = talk.say("open morning moves")
    assert name_question(again) is None
    assert again.text.startswith(
        say(Phrase.HELLO_NAME, name="Anna") + " " + say(Phrase.WELCOME_BACK)
    )


def test_a_person_who_says_no_is_welcomed_without_a_name_and_not_asked_again(
    fake_alexa: FakeAlexaApi,
) -> None:
    talk = household(fake_alexa)
    speak_as(talk, BEN)
    assert name_question(talk.say("open morning moves")) is not None
    answered = talk.say("no")
    assert answered.text.startswith(say(Phrase.NAME_NOT_USED))
    assert "Hello" not in answered.text
    routine(talk)
    talk.end()
    later = talk.say("open morning moves")
    assert name_question(later) is None
    assert later.text.startswith(say(Phrase.WELCOME_BACK))


def test_an_unrecognised_voice_is_never_asked_and_never_looked_up(
    fake_alexa: FakeAlexaApi,
) -> None:
    talk = household(fake_alexa)
    turn = talk.say("open morning moves")
    assert name_question(turn) is None
    assert turn.text.startswith(say(Phrase.WELCOME_NEW, count=5, moves="")[:20])
    assert not [c for c in fake_alexa.calls if c[1] == NAME_CALLS]


def test_a_failing_profile_api_costs_only_the_greeting(fake_alexa: FakeAlexaApi) -> None:
    talk = household(fake_alexa)
    speak_as(talk, ANNA, "a-token-alexa-refuses")  # 401: not "no permission"
    turn = talk.say("open morning moves")
    assert name_question(turn) is None
    assert turn.text.startswith(say(Phrase.YOUR_OWN_PROGRESS))


def test_two_voices_on_one_echo_each_hear_their_own_name_and_progress(
    fake_alexa: FakeAlexaApi,
) -> None:
    fake_alexa.given_names |= {ANNA: "Anna", BEN: "Ben"}
    fake_alexa.name_granted |= {ANNA, BEN}
    talk = household(fake_alexa)
    speak_as(talk, ANNA)
    talk.say("open morning moves")
    routine(talk)
    talk.end()
    speak_as(talk, BEN)
    ben = talk.say("open morning moves")
    assert ben.text.startswith(
        say(Phrase.HELLO_NAME, name="Ben") + " " + say(Phrase.YOUR_OWN_PROGRESS)
    )
    talk.end()
    speak_as(talk, ANNA)
    anna = talk.say("open morning moves")
    assert anna.text.startswith(
        say(Phrase.HELLO_NAME, name="Anna") + " " + say(Phrase.WELCOME_BACK)
    )
