"""Our session attributes travel as compact JSON strings; objects (an older version's format,
mid-session during a deploy) are still understood."""

from __future__ import annotations

from typing import Any

import pytest

from skill.config import Config, StoreKind
from skill.dev.simulator import Conversation, SkillTransport
from skill.store.memory import MemoryStore
from skill.voice.attributes import decode, encode
from skill.voice.builder import build_skill
from skill.voice.habits import OFFER_KEY
from skill.voice.progress import PROGRESS_KEY
from skill.voice.state import STATE_KEY


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, {}),
        ("", {}),
        ("not json", {}),
        ("[1, 2]", {}),
        (5, {}),
        ('{"phase":"ready"}', {"phase": "ready"}),
        ({"phase": "ready"}, {"phase": "ready"}),  # written by an older version
    ],
)
def test_decode(raw: object, expected: dict[str, Any]) -> None:
    assert decode(raw) == expected


def test_encode_is_compact_and_round_trips() -> None:
    value = {"phase": "ready", "plan": ["squats"], "dose": {"reps": 10}}
    assert encode(value) == '{"phase":"ready","plan":["squats"],"dose":{"reps":10}}'
    assert decode(encode(value)) == value


class AsObjects(SkillTransport):
    """Sends the session attributes as objects, as a version before the strings did."""

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        session = envelope.get("session") or {}
        attributes = session.get("attributes") or {}
        session["attributes"] = {key: decode(value) for key, value in attributes.items()}
        return super().send(envelope)


def talk(transport: type[SkillTransport] = SkillTransport) -> Conversation:
    skill = build_skill(MemoryStore(), Config(store=StoreKind.MEMORY, verify=False))
    return Conversation(transport(skill), user_id="amzn1.ask.account.ATTRS")


def test_every_attribute_of_ours_is_a_string() -> None:
    conversation = talk()
    conversation.launch()
    turn = conversation.say("yes")
    assert turn.response is not None
    attributes = turn.response["sessionAttributes"]
    assert set(attributes) == {STATE_KEY, PROGRESS_KEY, OFFER_KEY}
    assert all(isinstance(value, str) for value in attributes.values())
    assert decode(attributes[STATE_KEY])["phase"] == "ready"


def test_a_session_carried_as_objects_goes_on_the_same() -> None:
    strings, objects = talk(), talk(AsObjects)
    for line in ("yes", "next", "next", "slower", "next", "how many left"):
        if not strings.in_session:
            strings.launch()
            objects.launch()
        expected, actual = strings.say(line), objects.say(line)
        assert actual.ssml == expected.ssml, line
        assert actual.phase == expected.phase, line
    assert strings.say("stop").ssml == objects.say("stop").ssml
