"""The durable outbox: progress the store could not take when a session ended is queued, then
drained into it (SQS when deployed, `sqs.py`; a file beside the embedded store, `local.py`).

One module for what every turn imports (the protocol, the message format, applying one message,
choosing the outbox), so a cold start pays for one import; the queues themselves load on use.

A message is one progress event for one user (JSON: `{"v": 1, "u": user id, "e": event}`).
Draining applies it with the store's own idempotent calls: a completion by its key under the
store's condition (a replay counts nothing), a profile update by SET, a deletion by deleting.
So a message delivered twice, or drained after the session wrote it after all, changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol

from skill.config import Config, StoreKind
from skill.domain.history import event_from_json, event_to_json
from skill.domain.progress import (
    Completion,
    ForgetAccount,
    ForgetUser,
    ProfileUpdate,
    ProgressEvent,
)
from skill.store.base import ProgressStore, account_of

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


def apply_event(store: ProgressStore, user_id: str, event: ProgressEvent) -> bool:
    """One store call for one event; False only for a completion the store had already.
    Raises StoreUnavailableError as the store does."""
    match event:
        case Completion():
            return store.record(user_id, event)
        case ProfileUpdate():
            store.update_profile(user_id, event)
        case ForgetUser():
            store.delete_user(user_id)
        case ForgetAccount():
            store.delete_account(account_of(user_id))
    return True


def is_sqs_event(event: object) -> bool:
    """A Lambda invocation by the SQS event source (not an Alexa request)."""
    records = event.get("Records") if isinstance(event, dict) else None
    return (
        isinstance(records, list)
        and bool(records)
        and all(isinstance(r, dict) and r.get("eventSource") == "aws:sqs" for r in records)
    )


def make_outbox(config: Config) -> Outbox | None:
    """SQS when a queue is configured, else a file beside the embedded store, else none (what
    the store cannot take is then logged as lost)."""
    if config.outbox_queue_url:
        from skill.outbox.sqs import SqsOutbox, make_sqs_client

        return SqsOutbox(lambda: make_sqs_client(config), config.outbox_queue_url)
    if config.store is StoreKind.SQLITE:
        from skill.outbox.local import FileOutbox, outbox_path_beside

        return FileOutbox(outbox_path_beside(config.resolved_sqlite_path))
    return None


class _Deferred:
    """An outbox made on first use: a cold start should not import what only a failure needs."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._outbox: Outbox | None = None

    def put(self, user_id: str, events: Sequence[ProgressEvent]) -> None:
        if self._outbox is None:
            self._outbox = make_outbox(self._config)
        if self._outbox is None:
            raise OutboxUnavailableError("no outbox configured")
        self._outbox.put(user_id, events)


def deferred_outbox(config: Config) -> Outbox | None:
    """`make_outbox(config)`, made when first needed (for the Lambda entry)."""
    if not config.outbox_queue_url and config.store is not StoreKind.SQLITE:
        return None
    return _Deferred(config)
