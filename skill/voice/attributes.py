"""Our session attributes: one compact JSON string per key, not nested objects.

The SDK deep-copies the request's session attributes before any handler runs and walks them
again to serialize the response; nested dicts and lists cost both steps per element (a tenth of
a web request; bench/), a string costs one. The keys stay ours: "mm" the coaching state
(skill/voice/state.py), "mmp" progress (skill/voice/progress.py), "mmr" the reminder offer
(skill/voice/habits.py). Values written as plain objects (by an older version, mid-session
during a deploy) are still read.
"""

from __future__ import annotations

import json
from typing import Any

from ask_sdk_core.handler_input import HandlerInput


def decode(raw: object) -> dict[str, Any]:
    """An attribute's value as an object; {} when it is missing or not one of ours."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    return raw if isinstance(raw, dict) else {}


def encode(value: dict[str, Any]) -> str:
    return json.dumps(value, separators=(",", ":"))


def load(handler_input: HandlerInput, key: str) -> dict[str, Any]:
    """This turn's value of session attribute `key` (a fresh object: `save` it back)."""
    attrs = handler_input.attributes_manager.session_attributes or {}
    return decode(attrs.get(key))


def save(handler_input: HandlerInput, key: str, value: dict[str, Any]) -> None:
    manager = handler_input.attributes_manager
    attrs = manager.session_attributes
    if attrs is None:
        attrs = manager.session_attributes = {}
    attrs[key] = encode(value)
