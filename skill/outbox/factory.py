"""The outbox the config asks for: SQS when a queue is configured, else a file beside the
embedded store, else none (events that cannot be written are logged as lost)."""

from __future__ import annotations

from collections.abc import Sequence

from skill.config import Config, StoreKind
from skill.domain.progress import ProgressEvent
from skill.outbox.base import Outbox


def make_outbox(config: Config) -> Outbox | None:
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
        from skill.outbox.base import OutboxUnavailableError

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
