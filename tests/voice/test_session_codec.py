"""The session codec: one attribute, a compact JSON string, versioned; sessions that were in
flight in the previous format (three keys, state version 2, strings or objects) go on the same."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import time
from typing import Any

import pytest

from skill.config import Config, StoreKind
from skill.dev.simulator import Conversation, SkillTransport
from skill.domain.state import Phase, SessionState
from skill.store.memory import MemoryStore
from skill.voice import session_codec
from skill.voice.builder import build_skill
from skill.voice.session_codec import SessionData, decode, read, write


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


def test_write_is_one_compact_string_that_reads_back() -> None:
    state = SessionState(Phase.OFFER_REMINDER, offer_at=time(7, 30), offered=True)
    attributes: dict[str, Any] = {"mmp": "{}", "mmr": "{}"}  # left by the previous format
    write(attributes, SessionData(state, {"tz": "Europe/London"}))
    assert list(attributes) == [session_codec.KEY]
    raw = attributes[session_codec.KEY]
    assert isinstance(raw, str)
    assert ": " not in raw
    assert ", " not in raw
    assert json.loads(raw)["v"] == session_codec.FORMAT
    assert read(attributes) == SessionData(state, {"tz": "Europe/London"})


@pytest.mark.parametrize("attributes", [None, {}, {"mm": "garbage"}, {"mm": {"v": 99}}])
def test_missing_or_unknown_attributes_start_afresh(attributes: dict[str, Any] | None) -> None:
    assert read(attributes) == SessionData()


def test_the_previous_format_is_read() -> None:
    old_state = {"version": 2, "phase": "ended", "plan": [], "done": []}
    attributes = {
        "mm": json.dumps(old_state),
        "mmp": {"tz": "Europe/London", "k": ["a:0:squats"]},  # an object, as before strings
        "mmr": json.dumps({"before": False, "at": "07:30", "open": True}),
    }
    data = read(attributes)
    assert data.state.phase is Phase.OFFER_REMINDER  # the offer that waited after the goodbye
    assert data.state.offer_at == time(7, 30)
    assert (data.state.routine_before, data.state.offered) == (False, True)
    assert data.progress == {"tz": "Europe/London", "k": ["a:0:squats"]}


def _as_previous_format(attributes: dict[str, Any], *, as_objects: bool) -> dict[str, Any]:
    """What the previous version would have written for the same session."""
    data = read(attributes)
    state = data.state
    offer: dict[str, Any] = {}
    if state.routine_before is not None:
        offer["before"] = state.routine_before
    if state.offered:
        offer["at"] = (state.offer_at or time(7, 0)).strftime("%H:%M")
        offer["open"] = state.phase is Phase.OFFER_REMINDER
    if state.phase is Phase.OFFER_REMINDER:
        state = SessionState(Phase.ENDED)
    coaching = state.to_json() | {"version": 2}
    for key in ("offer_at", "routine_before", "offered"):
        coaching.pop(key)
    values = {"mm": coaching, "mmp": dict(data.progress), "mmr": offer}
    encode: Callable[[dict[str, Any]], Any] = (lambda v: v) if as_objects else json.dumps
    return {key: encode(value) for key, value in values.items()}


class PreviousFormat(SkillTransport):
    """Sends each turn's session attributes in the previous format (strings, or objects)."""

    as_objects = False

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        session = envelope.get("session") or {}
        if session.get("attributes"):
            session["attributes"] = _as_previous_format(
                session["attributes"], as_objects=self.as_objects
            )
        return super().send(envelope)


class PreviousFormatObjects(PreviousFormat):
    as_objects = True


def talk(transport: type[SkillTransport] = SkillTransport) -> Conversation:
    skill = build_skill(MemoryStore(), Config(store=StoreKind.MEMORY, verify=False))
    return Conversation(transport(skill), user_id="amzn1.ask.account.ATTRS")


def test_the_only_attribute_of_ours_is_the_codecs_string() -> None:
    conversation = talk()
    conversation.launch()
    turn = conversation.say("yes")
    assert turn.response is not None
    attributes = turn.response["sessionAttributes"]
    assert set(attributes) == {session_codec.KEY}
    assert isinstance(attributes[session_codec.KEY], str)
    assert read(attributes).state.phase is Phase.COUNTED


# A whole first routine, the how-did-it-feel, and the reminder offer declined.
_WHOLE_SESSION = ["yes", "next", "slower", "next", "next", "next", "easy", "no"]


@pytest.mark.parametrize("transport", [PreviousFormat, PreviousFormatObjects])
def test_a_session_in_the_previous_format_goes_on_the_same(
    transport: type[PreviousFormat],
) -> None:
    current, previous = talk(), talk(transport)
    current.launch()
    previous.launch()
    phases = set()
    for line in _WHOLE_SESSION:
        if not current.in_session:
            break
        expected, actual = current.say(line), previous.say(line)
        assert actual.ssml == expected.ssml, line
        assert actual.phase == expected.phase, line
        phases.add(expected.phase)
    assert {"ready", "counted", "feedback", "offer_reminder"} <= phases
    assert not current.in_session
    assert not previous.in_session
