"""Request -> engine Event mapping, CanFulfillIntentRequest, and the friendly exception handler."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.request_envelope import RequestEnvelope

from skill.config import Config
from skill.domain.events import Event, EventKind
from skill.domain.ids import Feedback, MomentId, MoveId
from skill.lambda_entry import make_handler
from skill.voice.handlers import to_event
from skill.voice.intents import INTENT_EVENTS
from skill.voice.redact import scrub, user_ref
from tests.events import load_event

TEST_USER = "amzn1.ask.account.TESTUSER"


def _slot(name: str, value: str | None, resolved_id: str | None = None) -> dict[str, Any]:
    slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if value is not None:
        slot["value"] = value
    if resolved_id is not None:
        status = "ER_SUCCESS_NO_MATCH" if resolved_id == "" else "ER_SUCCESS_MATCH"
        authority: dict[str, Any] = {"authority": "er-authority", "status": {"code": status}}
        if resolved_id:
            authority["values"] = [{"value": {"name": value, "id": resolved_id}}]
        slot["resolutions"] = {"resolutionsPerAuthority": [authority]}
    return slot


def _intent_event(
    name: str, slots: list[dict[str, Any]] | None = None, locale: str = "en-US"
) -> dict[str, Any]:
    by_name = {slot["name"]: slot for slot in slots or []}
    intent = {"name": name, "confirmationStatus": "NONE", "slots": by_name}
    return load_event("start_move_intent", intent=intent, locale=locale)


def _event_for(envelope: dict[str, Any]) -> Event | None:
    request = DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
    return to_event(HandlerInput(request_envelope=request))


def test_recorded_start_move_uses_the_resolved_id() -> None:
    assert _event_for(load_event("start_move_intent")) == Event(
        EventKind.START_MOVE, move=MoveId.HEEL_RISES
    )


@pytest.mark.parametrize(
    ("intent", "slots", "locale", "expected"),
    [
        # entity resolution wins over the spoken words
        ("StartMoveIntent", [_slot("move", "tippy toes", "heel_rises")], "en-US",
         Event(EventKind.START_MOVE, move=MoveId.HEEL_RISES)),
        # no resolution: the spoken value is matched against the locale's synonyms
        ("StartMoveIntent", [_slot("move", "Calf Raises", "")], "en-US",
         Event(EventKind.START_MOVE, move=MoveId.HEEL_RISES)),
        ("StartMoveIntent", [_slot("move", "bum lifts")], "en-GB",
         Event(EventKind.START_MOVE, move=MoveId.GLUTE_BRIDGE)),
        ("StartMoveIntent", [_slot("move", "bum lifts")], "en-US",
         Event(EventKind.START_MOVE)),
        ("StartMoveIntent", [_slot("move", "pilates", "")], "en-US", Event(EventKind.START_MOVE)),
        ("StartMoveIntent", [_slot("move", None)], "en-US", Event(EventKind.START_MOVE)),
        ("StartMoveIntent", [], "en-US", Event(EventKind.START_MOVE)),
        # an unsupported locale still resolves with the en-US synonyms
        ("StartMoveIntent", [_slot("move", "lunges")], "en-NZ",
         Event(EventKind.START_MOVE, move=MoveId.REVERSE_LUNGE)),
        ("StartMomentIntent", [_slot("moment", "the tub is filling", "bath")], "en-US",
         Event(EventKind.START_MOMENT, moment=MomentId.BATH)),
        ("StartMomentIntent", [_slot("moment", "the kettle's on")], "en-GB",
         Event(EventKind.START_MOMENT, moment=MomentId.KETTLE)),
        ("SetAgeIntent", [_slot("age", "42")], "en-US", Event(EventKind.SET_AGE, number=42)),
        ("SetAgeIntent", [_slot("age", "?")], "en-US", Event(EventKind.SET_AGE)),
        ("BigBirthdayIntent", [_slot("birthday", "50")], "en-AU",
         Event(EventKind.SET_AGE, big_birthday=50)),
        ("FeedbackIntent", [_slot("feedback", "too easy", "easy"), _slot("move", "squats")],
         "en-IN", Event(EventKind.FEEDBACK, feedback=Feedback.EASY, move=MoveId.SQUATS)),
        ("SkipIntent", [_slot("move", "the lunges", "reverse_lunge")], "en-CA",
         Event(EventKind.SKIP, move=MoveId.REVERSE_LUNGE)),
        ("ExplainMoveIntent", [_slot("move", "a bogus id", "not_a_move")], "en-US",
         Event(EventKind.EXPLAIN)),
    ],
)  # fmt: skip
def test_slots_become_event_fields(
    intent: str, slots: list[dict[str, Any]], locale: str, expected: Event
) -> None:
    assert _event_for(_intent_event(intent, slots, locale)) == expected


@pytest.mark.parametrize(("intent", "kind"), sorted(INTENT_EVENTS.items()))
def test_every_intent_becomes_its_event(intent: str, kind: EventKind) -> None:
    assert _event_for(_intent_event(intent)) == Event(kind)


def test_an_intent_we_do_not_know_maps_to_nothing() -> None:
    assert _event_for(_intent_event("OrderPizzaIntent")) is None


@pytest.fixture
def lambda_handler(config: Config) -> Any:
    return make_handler(config)


def test_unknown_intent_gets_an_apology_and_a_usable_session(
    lambda_handler: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        response = lambda_handler(_intent_event("OrderPizzaIntent"), None)["response"]
    assert "Sorry" in response["outputSpeech"]["ssml"]
    assert response["shouldEndSession"] is False
    assert "reprompt" in response
    logged = caplog.text
    assert "OrderPizzaIntent" in logged
    assert user_ref(TEST_USER) in logged
    assert TEST_USER not in logged


def test_user_ids_are_scrubbed_from_tracebacks() -> None:
    try:
        raise KeyError(f"no row for {TEST_USER}")
    except KeyError as exc:
        text = scrub(exc, TEST_USER)
    assert TEST_USER not in text
    assert user_ref(TEST_USER) in text
    assert user_ref(TEST_USER) == user_ref(TEST_USER) != user_ref("amzn1.ask.account.OTHER")
    assert user_ref(None) == "u:anonymous"


def _can_fulfill(lambda_handler: Any, intent: dict[str, Any]) -> dict[str, Any]:
    event = load_event("can_fulfill_intent", intent=intent)
    response: dict[str, Any] = lambda_handler(event, None)["response"]
    assert "outputSpeech" not in response
    return dict(response["canFulfillIntent"])


def test_recorded_can_fulfill_request_is_answered_yes(lambda_handler: Any) -> None:
    response = lambda_handler(load_event("can_fulfill_intent"), None)["response"]
    assert response["canFulfillIntent"] == {
        "canFulfill": "YES",
        "slots": {"move": {"canUnderstand": "YES", "canFulfill": "YES"}},
    }


@pytest.mark.parametrize(
    ("intent", "verdict", "slot_verdicts"),
    [
        ({"name": "StartRoutineIntent"}, "YES", {}),
        ({"name": "StartMomentIntent", "slots": {"moment": {"name": "moment",
          "value": "brushing my teeth"}}}, "YES", {"moment": "YES"}),
        ({"name": "SetAgeIntent", "slots": {"age": {"name": "age", "value": "42"}}},
         "YES", {"age": "YES"}),
        ({"name": "StartMoveIntent", "slots": {"move": {"name": "move", "value": "pilates"}}},
         "NO", {"move": "NO"}),
        ({"name": "StartMoveIntent", "slots": {"colour": {"name": "colour", "value": "red"}}},
         "NO", {"colour": "NO"}),
        ({"name": "AMAZON.FallbackIntent"}, "NO", {}),
        ({"name": "OrderPizzaIntent"}, "NO", {}),
    ],
)  # fmt: skip
def test_can_fulfill_answers_from_the_model(
    lambda_handler: Any, intent: dict[str, Any], verdict: str, slot_verdicts: dict[str, str]
) -> None:
    answer = _can_fulfill(lambda_handler, intent)
    assert answer["canFulfill"] == verdict
    got = {name: slot["canUnderstand"] for name, slot in (answer.get("slots") or {}).items()}
    assert got == slot_verdicts
