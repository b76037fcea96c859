"""FastSerializer gives the SDK's DefaultSerializer's results: same models in, same JSON out.

The SDK's serializer is the specification: every recorded event, every response of a whole
simulated routine, and fuzzed envelopes (any subtree replaced by any JSON) must come out the same,
or fail the same way (SerializationException).
"""

from __future__ import annotations

import copy
import json
import os
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.response_envelope import ResponseEnvelope
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.config import Config, StoreKind
from skill.dev.simulator import Conversation, Device
from skill.lambda_entry import make_handler
from skill.store.memory import MemoryStore
from skill.voice.builder import build_skill
from skill.voice.serializer import FastSerializer
from tests.events import event_names, load_event

SDK = DefaultSerializer()
FAST = FastSerializer()


def outcome(serializer: DefaultSerializer, body: str) -> object:
    """The envelope, or the kind of error: what a caller of `deserialize` can observe."""
    try:
        return serializer.deserialize(body, RequestEnvelope)
    except Exception as exc:  # the kind is the result under test
        return type(exc)


@pytest.mark.parametrize("name", event_names())
def test_recorded_events_deserialize_to_the_sdks_models(name: str) -> None:
    body = json.dumps(load_event(name))
    expected = SDK.deserialize(body, RequestEnvelope)
    assert FAST.deserialize(body, RequestEnvelope) == expected
    assert FAST.deserialize_data(json.loads(body), RequestEnvelope) == expected
    assert isinstance(expected.request, type(FAST.deserialize(body, RequestEnvelope).request))


@pytest.mark.parametrize("name", event_names())
def test_recorded_events_serialize_back_to_the_same_json(name: str) -> None:
    envelope = SDK.deserialize(json.dumps(load_event(name)), RequestEnvelope)
    # Key order too: the JSON text a device would receive is identical.
    assert json.dumps(FAST.serialize(envelope)) == json.dumps(SDK.serialize(envelope))


def routine_replies() -> list[tuple[dict[str, Any], ResponseEnvelope]]:
    """Every request of a whole routine (with a screen device) and the skill's response model."""
    skill = build_skill(MemoryStore(), Config(store=StoreKind.MEMORY, verify=False))
    sent: list[dict[str, Any]] = []
    handler = make_handler(Config(store=StoreKind.MEMORY, verify=False))

    class Recording:
        def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
            sent.append(copy.deepcopy(envelope))
            return handler(envelope, None)

    screen = Device(
        supported_interfaces={"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}}
    )
    talk = Conversation(Recording(), user_id="amzn1.ask.account.SERIALIZER", device=screen)
    talk.launch()
    for line in ["yes", "next", "slower", "next", "how many left", "skip", "repeat", "help"]:
        talk.say(line)
    talk.say("stop")
    replies = []
    for envelope in sent:
        request = SDK.deserialize(json.dumps(envelope), RequestEnvelope)
        replies.append((envelope, skill.invoke(request_envelope=request, context=None)))
    return replies


def test_a_whole_routine_round_trips_like_the_sdk() -> None:
    replies = routine_replies()
    assert len(replies) >= 10
    assert any(r.response and r.response.directives for _, r in replies), "APL on the screen"
    for envelope, response in replies:
        body = json.dumps(envelope)
        assert FAST.deserialize(body, RequestEnvelope) == SDK.deserialize(body, RequestEnvelope)
        assert json.dumps(FAST.serialize(response)) == json.dumps(SDK.serialize(response))


def test_a_response_deserializes_like_the_sdk() -> None:
    for _, response in routine_replies():
        body = json.dumps(SDK.serialize(response))
        assert FAST.deserialize(body, ResponseEnvelope) == SDK.deserialize(body, ResponseEnvelope)


@pytest.mark.parametrize(
    "timestamp",
    [
        "2026-11-25T15:54:28Z",
        "2026-11-25T15:54:28.123Z",
        "2026-11-25T15:54:28.123456+05:30",
        "2026-11-25T15:54:28",
        "2026-11-25",
        "Nov 25 2026 3:54 PM",  # not ISO 8601: dateutil, as the SDK
    ],
)
def test_timestamps_parse_to_the_same_instant(timestamp: str) -> None:
    body = json.dumps(load_event("launch", timestamp=timestamp))
    ours = FAST.deserialize(body, RequestEnvelope).request.timestamp
    theirs = SDK.deserialize(body, RequestEnvelope).request.timestamp
    assert ours == theirs
    assert ours.utcoffset() == theirs.utcoffset()


@pytest.mark.parametrize("timestamp", ["not a time", "2026-13-45T99:00:00Z", 42, [1]])
def test_bad_timestamps_fail_as_the_sdk_does(timestamp: object) -> None:
    body = json.dumps(load_event("launch", timestamp=timestamp))
    assert outcome(FAST, body) is outcome(SDK, body) is SerializationException


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        3,
        2.5,
        "text",
        date(2026, 11, 25),
        datetime(2026, 11, 25, 7, 30, tzinfo=UTC),
        datetime(2026, 11, 25, 7, 30, tzinfo=timezone(timedelta(hours=-5))),
        [1, "a", None],
        (1, 2),
        {"nested": {"list": [1, {"deep": True}]}},
    ],
)
def test_plain_values_serialize_like_the_sdk(value: object) -> None:
    assert FAST.serialize(value) == SDK.serialize(value)


def test_unparseable_json_is_a_serialization_error() -> None:
    assert outcome(FAST, "{not json") is outcome(SDK, "{not json") is SerializationException
    assert FAST.deserialize(None, RequestEnvelope) is None


# ---------------------------------------------------------------------------------------------
# Fuzzing: any subtree of a real event replaced by any JSON value.

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["IntentRequest", "LaunchRequest", "2026-11-25T07:00:00Z", "type", ""]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["type", "name", "value", "slots", "intent", "x"])
            | st.text(max_size=6),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON tree, as keys and indexes from the root."""
    found = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += paths(child, (*prefix, index))
    return found


def replaced(event: dict[str, Any], where: tuple[Any, ...], value: Any) -> Any:
    if not where:
        return value
    mutated = copy.deepcopy(event)
    node = mutated
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    return mutated


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None)
@given(
    name=st.sampled_from(event_names()),
    pick=st.integers(min_value=0),
    value=JSON_VALUES,
)
def test_fuzzed_envelopes_come_out_as_the_sdks(name: str, pick: int, value: Any) -> None:
    event = load_event(name)
    places = paths(event)
    body = json.dumps(replaced(event, places[pick % len(places)], value))
    ours, theirs = outcome(FAST, body), outcome(SDK, body)
    assert ours == theirs
    if isinstance(theirs, RequestEnvelope):
        assert json.dumps(FAST.serialize(ours)) == json.dumps(SDK.serialize(theirs))
