"""Asking for a permission by voice: Alexa's AskForPermissionsConsent connection, shared by
every permission the skill asks for (reminders for the account, a first name for a person)."""

from __future__ import annotations

from typing import Any, Literal

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.interfaces.connections.v1.start_connection_directive import (
    StartConnectionDirective,
)

from skill.domain.reminders import ConsentAnswer

CONSENT_URI = "connection://AMAZON.AskForPermissionsConsent/2"


def ask_for_consent(
    scope: str, level: Literal["ACCOUNT", "PERSON"], token: str
) -> StartConnectionDirective:
    """Hand over to Alexa to ask for `scope`; her answer comes back as a SessionResumedRequest
    carrying `token`."""
    return StartConnectionDirective(
        uri=CONSENT_URI,
        input={
            "@type": "AskForPermissionsConsentRequest",
            "@version": "2",
            "permissionScopes": [{"permissionScope": scope, "consentLevel": level}],
        },
        token=token,
    )


def consent_answer(handler_input: HandlerInput) -> tuple[str, ConsentAnswer] | None:
    """Alexa's answer to a consent question (its token, and the answer), from a
    SessionResumedRequest; None for any other request. Each asker matches its own token."""
    request = handler_input.request_envelope.request
    if getattr(request, "object_type", None) != "SessionResumedRequest":
        return None
    cause = getattr(request, "cause", None)
    token = str(getattr(cause, "token", "") or "")
    result: Any = getattr(cause, "result", None)
    status = result.get("status") if isinstance(result, dict) else None
    try:
        return token, ConsentAnswer(str(status))
    except ValueError:
        return token, ConsentAnswer.NOT_ANSWERED
