"""Session state in and out of Alexa session attributes."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from skill.domain.session import SessionState

STATE_KEY = "mm"


def load_state(handler_input: HandlerInput) -> SessionState:
    attrs: dict[str, Any] = handler_input.attributes_manager.session_attributes or {}
    raw = attrs.get(STATE_KEY)
    return SessionState.from_json(raw if isinstance(raw, dict) else None)


def save_state(handler_input: HandlerInput, state: SessionState) -> None:
    attrs = handler_input.attributes_manager.session_attributes
    if attrs is None:
        attrs = handler_input.attributes_manager.session_attributes = {}
    attrs[STATE_KEY] = state.to_json()
