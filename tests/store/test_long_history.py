"""Ten years of daily use, on every store: a session start costs the same on day 3,650 as on
day 1 (a bounded read of recent days plus the stored HistorySummary), and histories written
before summaries existed migrate on their first load without losing anything."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from skill.domain.history import (
    LOADED_DAYS,
    current_streak,
    for_session,
    summarize,
    week_totals,
    with_completion,
)
from skill.domain.ids import MoveId
from skill.store.base import ProgressStore
from skill.store.dynamodb import DynamoDbStore, make_client
from skill.store.memory import MemoryStore
from skill.store.sqlite import SqliteStore
from testkit.dynalite import local_config
from testkit.history import REPS, daily_until, seed_old_history
from tests.store.conftest import completion

TODAY = date(2026, 11, 25)  # a Wednesday
TEN_YEARS = 3650


@pytest.fixture(params=["sqlite", "dynamodb", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProgressStore]:
    match request.param:
        case "sqlite":
            sqlite_store = SqliteStore(tmp_path / "progress.sqlite3")
            yield sqlite_store
            sqlite_store.close()
        case "dynamodb":
            table = request.getfixturevalue("dynamodb_table")
            client = make_client(local_config(request.getfixturevalue("dynamodb_endpoint"), table))
            yield DynamoDbStore(client, table)
            client.close()
        case _:
            yield MemoryStore()


def assert_bounded(store: ProgressStore, days: int) -> None:
    if not isinstance(store, MemoryStore):  # the in-memory store hands out everything
        assert days <= LOADED_DAYS


def test_ten_years_migrate_on_the_first_load_and_load_bounded_after(
    store: ProgressStore, user_id: str
) -> None:
    days = daily_until(TODAY - timedelta(days=1), TEN_YEARS)
    seed_old_history(store, user_id, days)
    migrated = store.load(user_id)
    assert current_streak(migrated, TODAY) == TEN_YEARS
    assert migrated.first_active == days[0]

    again = store.load(user_id)
    assert_bounded(store, len(again.days))
    assert again.days == migrated.days[-len(again.days) :]
    assert current_streak(again, TODAY) == TEN_YEARS
    assert again.first_active == days[0]
    assert week_totals(again, TODAY) == dict.fromkeys(MoveId, 2 * REPS)  # Monday and Tuesday
    session = for_session(again, TODAY)
    assert session.first_routine == days[0] or (
        session.first_routine is None and isinstance(store, MemoryStore)
    )


def test_day_3651_counts_on_from_the_summary(store: ProgressStore, user_id: str) -> None:
    days = daily_until(TODAY - timedelta(days=1), TEN_YEARS)
    seed_old_history(store, user_id, days, moves=(MoveId.SQUATS,))
    session = for_session(store.load(user_id), TODAY)
    done = completion("day-3651", MoveId.HEEL_RISES, on=TODAY)
    assert store.record(user_id, done._replace(history=summarize(with_completion(session, done))))

    loaded = store.load(user_id)
    assert_bounded(store, len(loaded.days))
    assert current_streak(loaded, TODAY) == TEN_YEARS + 1
    assert loaded.first_active == days[0]
    assert loaded.days[-1].reps == {MoveId.HEEL_RISES: 10}
    assert current_streak(loaded, TODAY + timedelta(days=2)) == 0


def test_a_lapsed_user_still_gets_their_latest_day_and_their_start(
    store: ProgressStore, user_id: str
) -> None:
    days = daily_until(TODAY - timedelta(days=200), 400)
    seed_old_history(store, user_id, days)
    store.load(user_id)
    loaded = store.load(user_id)
    assert loaded.days[-1].local_date == days[-1]
    assert loaded.first_active == days[0]
    assert current_streak(loaded, TODAY) == 0


class CountingClient:
    """The DynamoDB client, asking for and adding up what each Query consumed."""

    def __init__(self, client: Any):
        self._client = client
        self.queries = 0
        self.items = 0
        self.read_units = 0.0

    def query(self, **kwargs: Any) -> Any:
        page = self._client.query(ReturnConsumedCapacity="TOTAL", **kwargs)
        self.queries += 1
        self.items += page["Count"]
        self.read_units += page.get("ConsumedCapacity", {}).get("CapacityUnits", 0.0)
        return page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def test_a_dynamodb_session_start_is_one_query_of_at_most_two_read_units(
    dynamodb_endpoint: str, dynamodb_table: str, user_id: str
) -> None:
    counting = CountingClient(make_client(local_config(dynamodb_endpoint, dynamodb_table)))
    store = DynamoDbStore(counting, dynamodb_table)  # type: ignore[arg-type]
    days = daily_until(TODAY - timedelta(days=1), TEN_YEARS)
    seed_old_history(store, user_id, days)
    store.load(user_id)  # the migration: the whole partition, once
    counting.queries = counting.items = 0
    counting.read_units = 0.0
    store.load(user_id)
    assert (counting.queries, counting.items) == (1, LOADED_DAYS + 1)  # no profile item here
    assert 0 < counting.read_units <= 2, counting.read_units


def sqlite_steps(store: SqliteStore, user_id: str) -> int:
    """SQLite virtual-machine steps of one load (counted in hundreds)."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    db: sqlite3.Connection = store._db()
    db.set_progress_handler(count, 100)
    try:
        store.load(user_id)
    finally:
        db.set_progress_handler(None, 0)
    return steps


def test_an_sqlite_session_start_costs_the_same_on_day_3650_as_on_day_15(
    tmp_path: Path, user_id: str
) -> None:
    store = SqliteStore(tmp_path / "progress.sqlite3")
    newcomer, veteran = user_id + "-new", user_id + "-old"
    seed_old_history(store, newcomer, daily_until(TODAY, LOADED_DAYS))
    seed_old_history(store, veteran, daily_until(TODAY, TEN_YEARS))
    store.load(newcomer), store.load(veteran)  # migrate both
    assert sqlite_steps(store, veteran) <= 1.2 * sqlite_steps(store, newcomer)
    store.close()
