"""A recognised person's first name, through the Customer Profile API, and asking for the
permission to read it by voice.

`GET /v2/persons/~current/profile/givenName` with the request's `apiAccessToken` (which Alexa
scopes to the recognised speaker) answers the name as a JSON string, 403 without the permission
`alexa::profile:given_name:read`. Asked only on the turns that greet (a launch, Alexa's answer
to our question), within a short timeout: a slow API costs the greeting, never the turn.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.interfaces.connections.v1.start_connection_directive import (
    StartConnectionDirective,
)
from ask_sdk_model.services.api_client_request import ApiClientRequest

from skill.domain.reminders import ConsentAnswer
from skill.domain.speaker import GIVEN_NAME_PERMISSION, Speaker, spoken_name
from skill.voice.api_client import BoundedApiClient
from skill.voice.consent import ask_for_consent, consent_answer
from skill.voice.timezone import LOOKUP_TIMEOUT_SECONDS, fake_origin

log = logging.getLogger(__name__)

GIVEN_NAME_PATH = "/v2/persons/~current/profile/givenName"
NAME_TOKEN = "mm-name"  # noqa: S105  # a connection token, not a secret
# 403 is the missing permission; 401 a bad token, which asking cannot mend.
_NO_PERMISSION = {403}


def speaker(handler_input: HandlerInput) -> Speaker:
    """A recognised voice (the caller knows it is one): their name when the API gives it, and
    whether the permission is missing (False) or unknown (None: no token, or the API failed)."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    endpoint = getattr(system, "api_endpoint", None)
    token = getattr(system, "api_access_token", None)
    if not (endpoint and token):
        return Speaker(recognised=True)
    client = BoundedApiClient(LOOKUP_TIMEOUT_SECONDS, fake_origin(handler_input))
    request = ApiClientRequest(
        headers=[("Authorization", f"Bearer {token}"), ("Accept", "application/json")],
        method="GET",
        url=str(endpoint).rstrip("/") + GIVEN_NAME_PATH,
    )
    try:
        response = client.invoke(request)
    except ApiClientException as exc:
        log.warning("given name lookup failed: %s", type(exc).__name__)
        return Speaker(recognised=True)
    status = response.status_code or 0
    if status in _NO_PERMISSION:
        return Speaker(recognised=True, name_allowed=False)
    if not 200 <= status < 300:
        log.warning("given name lookup answered %d", status)
        return Speaker(recognised=True)
    return Speaker(recognised=True, name=_name(response.body), name_allowed=True)


def _name(body: Any) -> str | None:
    try:
        return spoken_name(json.loads(body)) if body else None
    except ValueError:
        return None


def name_consent_directive() -> StartConnectionDirective:
    """Hand over to Alexa to ask the person, by voice, whether we may use their first name."""
    return ask_for_consent(GIVEN_NAME_PERMISSION, "PERSON", NAME_TOKEN)


def name_consent(handler_input: HandlerInput) -> ConsentAnswer | None:
    """The person's answer from a SessionResumedRequest, or None if it is not our question."""
    answered = consent_answer(handler_input)
    return answered[1] if answered is not None and answered[0] == NAME_TOKEN else None
