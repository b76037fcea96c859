"""Every request is answered in its own locale's words.

The request's locale is read once, here, and bound for the whole dispatch (`speaking`), the
exception handler included: what the voice layer says around the engine (the error reply,
screen captions, the reminder's text) comes from that book, and the engine's Context is filled
from the same binding (`active_locale()` in handlers.py).
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.response_envelope import ResponseEnvelope

from skill.domain.words import DEFAULT_LOCALE, speaking


class LocalisedSkill(CustomSkill):
    """A CustomSkill that binds the request's locale around each invocation."""

    def invoke(self, request_envelope: RequestEnvelope, context: Any) -> ResponseEnvelope:
        # Not request_util.get_locale: there is no HandlerInput yet, and the request may be None.
        locale = getattr(request_envelope.request, "locale", None) or DEFAULT_LOCALE
        with speaking(locale):
            return super().invoke(request_envelope, context)
