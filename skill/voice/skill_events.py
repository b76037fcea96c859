"""Skill events: when a user disables the skill, forget their data (unless Alexa keeps their id).

`ask-sdk-model`'s SkillDisabledRequest drops `request.body.userInformationPersistenceStatus`,
so the skill's serializer (used by every runtime: Lambda, Flask, tests) re-reads it from the raw
JSON for this one request type and hands it on in a subclass of the SDK's request.

The decision, by status:
- `NOT_PERSISTED` (or missing): Alexa will give the user a new id if they enable the skill
  again, so the data under this id can never be used again: delete it.
- `PERSISTED`: Alexa keeps the user's id, and re-enabling the skill brings their progress back,
  as they would expect; keep it (the user can still say "forget my data").
"""

from __future__ import annotations

import json
import logging
from enum import StrEnum
from typing import Any

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.utils.predicate import is_request_type
from ask_sdk_model.events.skillevents.skill_disabled_request import SkillDisabledRequest
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.response import Response

from skill.store.base import ProgressStore, StoreUnavailableError, loggable_user
from skill.voice.progress import user_id_of

log = logging.getLogger(__name__)

SKILL_DISABLED = "AlexaSkillEvent.SkillDisabled"


class PersistenceStatus(StrEnum):
    PERSISTED = "PERSISTED"
    NOT_PERSISTED = "NOT_PERSISTED"


class SkillDisabledWithStatus(SkillDisabledRequest):
    """The SDK's SkillDisabledRequest plus the status its model leaves out."""

    def __init__(self, base: SkillDisabledRequest, persistence_status: str | None):
        super().__init__(
            request_id=base.request_id,
            timestamp=base.timestamp,
            locale=base.locale,
            event_creation_time=base.event_creation_time,
            event_publishing_time=base.event_publishing_time,
        )
        self.persistence_status = persistence_status


class EnvelopeSerializer(DefaultSerializer):
    """DefaultSerializer that keeps SkillDisabled's userInformationPersistenceStatus."""

    def deserialize(self, payload: str | None, obj_type: Any) -> Any:
        result = super().deserialize(payload, obj_type)
        if isinstance(result, RequestEnvelope) and isinstance(result.request, SkillDisabledRequest):
            raw = json.loads(payload or "{}")
            body = (raw.get("request") or {}).get("body") or {}
            status = body.get("userInformationPersistenceStatus")
            result.request = SkillDisabledWithStatus(
                result.request, status if isinstance(status, str) else None
            )
        return result


def should_forget(status: str | None) -> bool:
    """Delete on NOT_PERSISTED and when the status is missing or unknown; keep on PERSISTED."""
    return status != PersistenceStatus.PERSISTED


class SkillDisabledHandler(AbstractRequestHandler):
    """Deletes a user's data when they disable the skill (see the module docstring)."""

    def __init__(self, store: ProgressStore):
        self._store = store

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type(SKILL_DISABLED)(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        status = getattr(request, "persistence_status", None)
        user_id = user_id_of(handler_input)
        who = loggable_user(user_id)
        if not should_forget(status):
            log.info("skill disabled by %s (%s): progress kept", who, status)
            return handler_input.response_builder.response
        try:
            self._store.delete_user(user_id)
        except StoreUnavailableError as exc:
            log.error(
                "skill disabled by %s (%s): could NOT delete their data: %s", who, status, exc
            )
        else:
            log.info("skill disabled by %s (%s): data deleted", who, status)
        return handler_input.response_builder.response
