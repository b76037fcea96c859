"""The baseline: a bare ASK SDK skill, exactly as the SDK's samples write one.

One SkillBuilder, one LaunchRequest handler, the SDK's own Lambda wrapper at module level. Every
Morning Moves figure is divided by this skill's figure from the same run.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils.predicate import is_request_type
from ask_sdk_model.response import Response

WELCOME = "Welcome to the baseline skill. Say hello to begin."
REPROMPT = "Say hello."


class LaunchHandler(AbstractRequestHandler):
    """Greets the user and keeps the session open, like a typical skill's launch."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak(WELCOME).ask(REPROMPT).response


def builder(skill_id: str | None = None) -> SkillBuilder:
    """The baseline's SkillBuilder (the same application-id check as ours when given one)."""
    sb = SkillBuilder()
    sb.skill_id = skill_id  # type: ignore[assignment]  # SDK annotates it as None
    sb.add_request_handler(LaunchHandler())
    return sb


def build_baseline_skill(skill_id: str | None = None) -> CustomSkill:
    """The baseline as a skill object, to serve behind the same web app as Morning Moves."""
    return builder(skill_id).create()


# The SDK's own Lambda entry, at module level as in the SDK's samples.
handler: Any = builder().lambda_handler()
