"""Asking for a permission by voice: Alexa's AskForPermissionsConsent connection, shared by
every permission the skill asks for (reminders for the account, a first name for a person)."""

from __future__ import annotations

from typing import Literal

from ask_sdk_model.interfaces.connections.v1.start_connection_directive import (
    StartConnectionDirective,
)

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
