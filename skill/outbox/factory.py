"""The outbox the config asks for: SQS when a queue is configured, else a file beside the
embedded store, else none (events that cannot be written are logged as lost)."""

from __future__ import annotations

from skill.config import Config, StoreKind
from skill.outbox.base import Outbox


def make_outbox(config: Config) -> Outbox | None:
    if config.outbox_queue_url:
        from skill.outbox.sqs import SqsOutbox, make_sqs_client

        return SqsOutbox(lambda: make_sqs_client(config), config.outbox_queue_url)
    if config.store is StoreKind.SQLITE:
        from skill.outbox.local import FileOutbox, outbox_path_beside

        return FileOutbox(outbox_path_beside(config.resolved_sqlite_path))
    return None
