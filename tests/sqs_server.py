"""A real SQS-compatible server for the tests: moto in server mode (PyPI `moto[server]`, in the
test extras), on 127.0.0.1 on a free port. Started once per test session, stopped by its PID."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from skill.config import Config
from skill.outbox.sqs import make_sqs_client
from testkit.dynalite import _wait_for_port, free_port


class MotoServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)]
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _wait_for_port(self.port, timeout=30)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()  # this process, by its PID
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


@pytest.fixture(scope="session")
def sqs_server() -> Iterator[MotoServer]:
    server = MotoServer()
    server.start()
    yield server
    server.stop()


def sqs_config(endpoint: str, queue_url: str | None = None) -> Config:
    return Config(sqs_endpoint=endpoint, outbox_queue_url=queue_url, aws_region="us-east-1")


def make_fifo_queue(endpoint: str, name: str) -> str:
    """A FIFO queue with a dead-letter queue, as template.yaml declares them; its URL."""
    client = make_sqs_client(sqs_config(endpoint))
    dlq = client.create_queue(QueueName=f"{name}-dlq.fifo", Attributes={"FifoQueue": "true"})
    dlq_arn = client.get_queue_attributes(QueueUrl=dlq["QueueUrl"], AttributeNames=["QueueArn"])
    dead_letters = dlq_arn["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dead_letters, "maxReceiveCount": "5"})
    queue = client.create_queue(
        QueueName=f"{name}.fifo",
        Attributes={"FifoQueue": "true", "VisibilityTimeout": "1", "RedrivePolicy": redrive},
    )
    return queue["QueueUrl"]


def receive_as_event_source(endpoint: str, queue_url: str) -> dict[str, Any]:
    """What Lambda's SQS event source hands the function: up to 10 messages as Records."""
    client = make_sqs_client(sqs_config(endpoint))
    messages = client.receive_message(
        QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
    ).get("Messages", [])
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "eventSource": "aws:sqs",
            }
            for m in messages
        ]
    }


def delete_done(
    endpoint: str, queue_url: str, event: dict[str, Any], answer: dict[str, Any]
) -> None:
    """The event source's part after the function returns: delete what did not fail."""
    client = make_sqs_client(sqs_config(endpoint))
    failed = {f["itemIdentifier"] for f in answer.get("batchItemFailures", ())}
    for record in event["Records"]:
        if record["messageId"] not in failed:
            client.delete_message(QueueUrl=queue_url, ReceiptHandle=record["receiptHandle"])
