"""The deployed outbox: an SQS FIFO queue (template.yaml: OutboxQueue, with a dead-letter
queue), drained by the skill's own function through an SQS event source.

FIFO, with one message group per account (its recognised persons included): an account's events
are applied in the order the sessions made them (a deletion, the account's or a person's, is
never overtaken by an older completion), and a retried send within five minutes is deduplicated
by SQS (the deduplication id is the message's digest). Failures are reported per message
(ReportBatchItemFailures); once one of an account's messages fails, the rest of that account's
messages in the batch are reported too, so their order holds on the retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from skill.aws import make_boto_client
from skill.config import Config
from skill.digest import sha256_hex
from skill.domain.progress import ProgressEvent
from skill.outbox import OutboxUnavailableError, apply_event, decode_message, encode_message
from skill.store.base import ProgressStore, StoreUnavailableError, account_of, user_key

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient

log = logging.getLogger(__name__)

SQS_BATCH = 10  # SendMessageBatch's limit


def make_sqs_client(config: Config) -> SQSClient:
    """The process's SQS client: short timeouts (a turn ending waits for it)."""
    client: SQSClient = make_boto_client(
        "sqs",
        region=config.aws_region,
        endpoint=config.sqs_endpoint,
        settings=BotoConfig(
            connect_timeout=0.5, read_timeout=1.0, retries={"total_max_attempts": 2}
        ),
    )
    return client


class SqsOutbox:
    """Outbox on an SQS FIFO queue. The client is made on first use: most processes never
    queue anything, and a cold start should not pay for loading SQS's service model."""

    def __init__(self, client: SQSClient | Callable[[], SQSClient], queue_url: str) -> None:
        self._make = client if callable(client) else (lambda: client)
        self._made: SQSClient | None = None
        self._queue_url = queue_url

    @property
    def _client(self) -> SQSClient:
        if self._made is None:
            self._made = self._make()
        return self._made

    def put(self, user_id: str, events: Sequence[ProgressEvent]) -> None:
        bodies = [encode_message(user_id, e) for e in events]
        # One group per account, persons included: an account's deletion is applied after
        # every event queued before it, whoever on the account they belong to.
        group = user_key(account_of(user_id))
        try:
            for start in range(0, len(bodies), SQS_BATCH):
                entries: Any = [
                    {
                        "Id": str(i),
                        "MessageBody": body,
                        "MessageGroupId": group,
                        "MessageDeduplicationId": sha256_hex(body),
                    }
                    for i, body in enumerate(bodies[start : start + SQS_BATCH])
                ]
                result = self._client.send_message_batch(QueueUrl=self._queue_url, Entries=entries)
                if result.get("Failed"):
                    raise OutboxUnavailableError(f"sqs: {len(result['Failed'])} not queued")
        except (ClientError, BotoCoreError) as exc:
            raise OutboxUnavailableError(f"sqs: {type(exc).__name__}") from exc


def drain_records(store: ProgressStore, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Apply each record's event; the Lambda partial-batch answer naming those to retry."""
    failed: list[dict[str, str]] = []
    blocked: set[str] = set()  # accounts with a failed message in this batch: keep their order
    for record in records:
        message_id = str(record.get("messageId", ""))
        message = decode_message(str(record.get("body", "")))
        if message is None:
            log.error("outbox: dropped an unreadable message %s", message_id)
            continue
        user_id, event = message
        if account_of(user_id) in blocked:
            failed.append({"itemIdentifier": message_id})
            continue
        try:
            apply_event(store, user_id, event)
        except StoreUnavailableError as exc:
            log.warning(
                "outbox: store unavailable, message %s will be retried: %s", message_id, exc
            )
            blocked.add(account_of(user_id))
            failed.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failed}
