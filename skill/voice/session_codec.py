"""The session codec: everything the skill keeps between the turns of a session, under one
session attribute, versioned.

    "mm": '{"v":3,"s":{...coaching state...},"p":{...progress...}}'

The value is a compact JSON string, not a nested object: the SDK deep-copies the request's
session attributes before any handler runs and walks them again to serialize the response, and
a string costs one step where nested objects cost both steps per element (bench/).

Sessions in flight during a deploy still carry the previous format, three keys: "mm" the
coaching state (version 2, as a JSON string or an object), "mmp" the progress and "mmr" the
reminder offer ({"before": bool, "at": "HH:MM", "open": bool}). They are read, and the next
save writes the new format and drops the old keys.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import time
from types import MappingProxyType
from typing import Any, NamedTuple

from ask_sdk_core.handler_input import HandlerInput

from skill.domain.state import Phase, SessionState

log = logging.getLogger(__name__)

KEY = "mm"
FORMAT = 3
_LEGACY_PROGRESS_KEY = "mmp"
_LEGACY_OFFER_KEY = "mmr"


class SessionData(NamedTuple):
    """A session's memory: the coaching state, and the progress as skill/voice/progress.py
    keeps it (a JSON object of its own)."""

    state: SessionState = SessionState()
    progress: Mapping[str, Any] = MappingProxyType({})


def decode(raw: object) -> dict[str, Any]:
    """An attribute's value as an object; {} when it is missing or not one of ours."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    return raw if isinstance(raw, dict) else {}


def read(attributes: Mapping[str, Any] | None) -> SessionData:
    """The session's memory from its attributes, in this format or the previous one."""
    attributes = attributes or {}
    value = decode(attributes.get(KEY))
    if value.get("v") == FORMAT:
        return SessionData(_state(value.get("s")), decode(value.get("p")))
    return _read_legacy(value, attributes)


def write(attributes: dict[str, Any], data: SessionData) -> None:
    """Put the session's memory into `attributes`, replacing any older format."""
    value = {"v": FORMAT, "s": data.state.to_json(), "p": dict(data.progress)}
    attributes[KEY] = json.dumps(value, separators=(",", ":"))
    attributes.pop(_LEGACY_PROGRESS_KEY, None)
    attributes.pop(_LEGACY_OFFER_KEY, None)


def load(handler_input: HandlerInput) -> SessionData:
    return read(handler_input.attributes_manager.session_attributes)


def save(handler_input: HandlerInput, data: SessionData) -> None:
    manager = handler_input.attributes_manager
    attributes = manager.session_attributes
    if attributes is None:
        attributes = manager.session_attributes = {}
    write(attributes, data)


def _state(raw: object) -> SessionState:
    """The coaching state; one that is unreadable or out of bounds (forged) starts afresh, and
    says so in the log."""
    state = SessionState.from_json(raw)
    if state == SessionState() and raw not in (None, SessionState().to_json()):
        log.warning("session state unreadable or out of bounds: the session starts afresh")
    return state


def _read_legacy(state_value: dict[str, Any], attributes: Mapping[str, Any]) -> SessionData:
    state = SessionState.from_json(state_value)
    offer = decode(attributes.get(_LEGACY_OFFER_KEY))
    before = offer.get("before")
    state = state._replace(
        routine_before=before if isinstance(before, bool) else None,
        offered="at" in offer,
    )
    at = _time(offer.get("at")) if offer.get("open") else None
    if at is not None and state.phase is Phase.ENDED:  # the offer waited after the goodbye
        state = state._replace(phase=Phase.OFFER_REMINDER, offer_at=at)
    return SessionData(state, decode(attributes.get(_LEGACY_PROGRESS_KEY)))


def _time(value: object) -> time | None:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        return None
