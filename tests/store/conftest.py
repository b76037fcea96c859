"""Fixtures for the store tests: every ProgressStore implementation behind one fixture."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from skill.domain.ids import MoveId
from skill.domain.progress import Completion, KnownZone
from skill.store.base import ProgressStore
from skill.store.dynamodb import DynamoDbStore, make_client
from skill.store.memory import MemoryStore
from skill.store.sqlite import SqliteStore
from testkit.dynalite import DynaliteServer, FaultProxy, local_config


def make_sqlite(tmp_path: Path) -> Iterator[ProgressStore]:
    store = SqliteStore(tmp_path / "nested" / "progress.sqlite3")
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "dynamodb", "memory"])
def progress_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProgressStore]:
    """Each store in turn; the DynamoDB one talks to dynalite over a socket, with a page size
    of 2 so that every multi-item load really paginates."""
    match request.param:
        case "sqlite":
            yield from make_sqlite(tmp_path)
        case "dynamodb":
            endpoint = request.getfixturevalue("dynamodb_endpoint")
            table = request.getfixturevalue("dynamodb_table")
            client = make_client(local_config(endpoint, table))
            yield DynamoDbStore(client, table, page_size=2)
            client.close()
        case _:
            yield MemoryStore()


@pytest.fixture
def user_id() -> str:
    """A fresh Alexa-style user id per test, so tests share the session's table safely."""
    return f"amzn1.ask.account.{uuid.uuid4().hex.upper()}"


def completion(
    key: str,
    move: MoveId = MoveId.SQUATS,
    *,
    reps: int = 10,
    sets: int = 1,
    on: date = date(2026, 11, 25),
    zone: KnownZone | None = None,
) -> Completion:
    return Completion(
        key=key,
        move=move,
        reps=reps,
        sets=sets,
        local_date=on,
        completed_at=datetime(on.year, on.month, on.day, 7, 0, tzinfo=UTC),
        time_zone=zone,
    )


@pytest.fixture
def private_dynalite(tmp_path: Path) -> Iterator[DynaliteServer]:
    """A dynalite of this test's own, which the test may kill and restart (data survives)."""
    server = DynaliteServer(tmp_path / "dynalite")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fault_proxy(dynalite_server: DynaliteServer) -> Iterator[FaultProxy]:
    """A counting, fault-injecting proxy in front of the session's dynalite."""
    proxy = FaultProxy(dynalite_server.port)
    proxy.start()
    yield proxy
    proxy.stop()


def dynamodb_store(endpoint: str, table: str) -> DynamoDbStore:
    return DynamoDbStore(make_client(local_config(endpoint, table)), table)
