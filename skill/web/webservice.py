"""Verify, then dispatch: the SDK's `WebserviceSkillHandler` shape, on our own verifiers."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model.request_envelope import RequestEnvelope

from skill.voice.serializer import request_envelope
from skill.web.verifier import AbstractVerifier, VerificationException


class MalformedRequestError(Exception):
    """The body is not an Alexa request envelope we can read."""


class WebserviceSkillHandler:
    """Runs every verifier on a request, then hands it to the skill.

    Raises MalformedRequestError, VerificationException, or the SDK's AskSdkException (for example
    when the application id is not the configured skill id); each is the caller's fault.
    """

    def __init__(self, skill: CustomSkill, verifiers: Sequence[AbstractVerifier]) -> None:
        self._skill = skill
        self._verifiers = list(verifiers)

    def verify_request_and_dispatch(
        self,
        http_request_headers: Mapping[str, str],
        http_request_body: str,
        parsed_body: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """`parsed_body` is the body's JSON when the caller has parsed it already."""
        envelope = self._deserialize(http_request_body, parsed_body)
        for verifier in self._verifiers:
            verifier.verify(http_request_headers, http_request_body, envelope)
        response = self._skill.invoke(request_envelope=envelope, context=None)
        serialized = self._skill.serializer.serialize(response)
        if not isinstance(serialized, dict):
            raise TypeError("the skill's response did not serialize to an object")
        return serialized

    def _deserialize(self, body: str, parsed: dict[str, Any] | None) -> RequestEnvelope:
        try:
            data = json.loads(body) if parsed is None else parsed
            envelope = request_envelope(self._skill.serializer, data, body)
        # The SDK's deserializer raises a zoo of types on odd input; all of them mean "bad body".
        except Exception as exc:
            raise MalformedRequestError(
                f"not an Alexa request envelope ({type(exc).__name__})"
            ) from exc
        if not isinstance(envelope, RequestEnvelope) or envelope.request is None:
            raise MalformedRequestError("not an Alexa request envelope")
        return envelope


__all__ = ["MalformedRequestError", "VerificationException", "WebserviceSkillHandler"]
