"""Skill events: when a user disables the skill, forget their data (unless Alexa keeps their id).

`ask-sdk-model`'s SkillDisabledRequest has no field for `request.body`; the status is read from
the raw JSON that the SDK's serializer leaves on the request.

The decision, by status:
- `NOT_PERSISTED` (or missing): Alexa will give the user a new id if they enable the skill
  again, so the data under this id can never be used again: delete it.
- `PERSISTED`: Alexa keeps the user's id, and re-enabling the skill brings their progress back,
  as they would expect; keep it (the user can still say "forget my data").

Disabling is the account's act: the deletion covers the account's own data and every recognised
person's on it (`ProgressStore.delete_account`), whoever was speaking.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.predicate import is_request_type
from ask_sdk_model.response import Response

from skill.domain.progress import ForgetAccount
from skill.outbox import Outbox, OutboxUnavailableError
from skill.store.base import ProgressStore, StoreUnavailableError
from skill.voice import envelope
from skill.voice.redact import user_ref

log = logging.getLogger(__name__)

SKILL_DISABLED = "AlexaSkillEvent.SkillDisabled"


class PersistenceStatus(StrEnum):
    PERSISTED = "PERSISTED"
    NOT_PERSISTED = "NOT_PERSISTED"


def persistence_status(handler_input: HandlerInput) -> str | None:
    """`request.body.userInformationPersistenceStatus`, from the raw JSON: the model does not
    declare `body`, and the SDK's serializer keeps undeclared fields as they came, as plain
    JSON (tests/store/test_skill_disabled.py pins this on every runtime)."""
    body = getattr(handler_input.request_envelope.request, "body", None)
    status = body.get("userInformationPersistenceStatus") if isinstance(body, dict) else None
    return status if isinstance(status, str) else None


def should_forget(status: str | None) -> bool:
    """Delete on NOT_PERSISTED and when the status is missing or unknown; keep on PERSISTED."""
    return status != PersistenceStatus.PERSISTED


class SkillDisabledHandler(AbstractRequestHandler):
    """Deletes a user's data when they disable the skill (see the module docstring)."""

    def __init__(self, store: ProgressStore, outbox: Outbox | None = None):
        """`outbox` takes the deletion when the store is down (None: it is logged as lost)."""
        self._store = store
        self._outbox = outbox

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type(SKILL_DISABLED)(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        status = persistence_status(handler_input)
        user_id = envelope.user_id(handler_input)
        who = user_ref(user_id)
        if not should_forget(status):
            log.info("skill disabled by %s (%s): progress kept", who, status)
            return handler_input.response_builder.response
        try:
            self._store.delete_account(user_id)
        except StoreUnavailableError as exc:
            self._queue_deletion(user_id, f"{who} ({status})", exc)
        else:
            log.info("skill disabled by %s (%s): data deleted", who, status)
        return handler_input.response_builder.response

    def _queue_deletion(self, user_id: str, who: str, cause: Exception) -> None:
        try:
            if self._outbox is None:
                raise OutboxUnavailableError("no outbox configured")
            self._outbox.put(user_id, [ForgetAccount()])
        except OutboxUnavailableError as exc:
            log.error("skill disabled by %s: could NOT delete their data: %s; %s", who, cause, exc)
        else:
            log.warning("skill disabled by %s: store unavailable, deletion queued", who)
