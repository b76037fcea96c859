"""Session state in and out of Alexa session attributes."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from skill.domain.session import SessionState
from skill.voice import attributes

STATE_KEY = "mm"


def load_state(handler_input: HandlerInput) -> SessionState:
    return SessionState.from_json(attributes.load(handler_input, STATE_KEY))


def save_state(handler_input: HandlerInput, state: SessionState) -> None:
    attributes.save(handler_input, STATE_KEY, state.to_json())
