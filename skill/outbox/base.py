"""What the voice layer needs of an outbox, the message format, and draining one message.

A message is one progress event for one user (JSON: `{"v": 1, "u": user id, "e": event}`).
Draining applies it with the store's own idempotent calls: a completion by its key under the
store's condition (a replay counts nothing), a profile update by SET, a deletion by deleting.
So a message delivered twice, or drained after the session wrote it after all, changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol

from skill.domain.history import event_from_json, event_to_json
from skill.domain.progress import Completion, ForgetUser, KnownZone, ProfileUpdate, ProgressEvent
from skill.store.base import ProgressStore

MESSAGE_VERSION = 1


class OutboxUnavailableError(Exception):
    """The outbox could not take the events either."""


class Outbox(Protocol):
    """A durable queue of progress events, drained into the store in order, per user."""

    def put(self, user_id: str, events: Sequence[ProgressEvent]) -> None:
        """Queue `events` (in order); raise OutboxUnavailableError when that fails."""
        ...


def encode_message(user_id: str, event: ProgressEvent) -> str:
    return json.dumps(
        {"v": MESSAGE_VERSION, "u": user_id, "e": event_to_json(event)}, separators=(",", ":")
    )


def decode_message(body: str) -> tuple[str, ProgressEvent] | None:
    """(user id, event), or None for a message that is not one of ours or out of bounds."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != MESSAGE_VERSION:
        return None
    user_id = data.get("u")
    event = event_from_json(data.get("e"))
    if not isinstance(user_id, str) or not user_id or event is None:
        return None
    return user_id, event


def apply_event(
    store: ProgressStore, user_id: str, event: ProgressEvent, zone: KnownZone | None = None
) -> bool:
    """One store call for one event; False only for a completion the store had already.
    Raises StoreUnavailableError as the store does."""
    match event:
        case Completion():
            return store.record(user_id, event._replace(time_zone=zone))
        case ProfileUpdate():
            store.update_profile(user_id, event)
        case ForgetUser():
            store.delete_user(user_id)
    return True


def is_sqs_event(event: object) -> bool:
    """A Lambda invocation by the SQS event source (not an Alexa request)."""
    records = event.get("Records") if isinstance(event, dict) else None
    return (
        isinstance(records, list)
        and bool(records)
        and all(isinstance(r, dict) and r.get("eventSource") == "aws:sqs" for r in records)
    )
