"""Long histories, written in bulk straight into a store's tables as releases before history
summaries wrote them (one completion per move and day, no summary): what the tests and the
bench need to load ten years of daily use without making 18,250 calls first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from skill.domain.ids import MoveId
from skill.domain.progress import Completion
from skill.store.base import ProgressStore, completion_tag, user_key
from skill.store.dynamodb import BATCH_SIZE, DAY_PREFIX, DONE_ATTR, DynamoDbStore
from skill.store.memory import MemoryStore
from skill.store.sqlite import SqliteStore

REPS = 10


def daily_until(last: date, count: int) -> list[date]:
    """`count` consecutive days ending at `last`."""
    return [last - timedelta(days=n) for n in reversed(range(count))]


def _completions(days: Sequence[date], moves: Sequence[MoveId]) -> list[Completion]:
    return [
        Completion(
            key=f"seed:{day.isoformat()}:{move.value}",
            move=move,
            reps=REPS,
            sets=1,
            local_date=day,
            completed_at=datetime(day.year, day.month, day.day, 7, i, tzinfo=UTC),
        )
        for day in days
        for i, move in enumerate(moves)
    ]


def seed_old_history(
    store: ProgressStore,
    user_id: str,
    days: Sequence[date],
    moves: Sequence[MoveId] = tuple(MoveId),
) -> None:
    """`REPS` of each of `moves` on each of `days`, in the layout of the release before
    history summaries (so the first load migrates the user)."""
    completions = _completions(days, moves)
    if isinstance(store, DynamoDbStore):
        _seed_dynamodb(store, user_id, days, completions)
    elif isinstance(store, SqliteStore):
        with store._connection(transaction=True):  # one commit (and fsync) for them all
            for c in completions:
                store.record(user_id, c)
    elif isinstance(store, MemoryStore):
        for c in completions:
            store.record(user_id, c)
    else:
        raise TypeError(f"no bulk seeding for {type(store).__name__}")


def _seed_dynamodb(
    store: DynamoDbStore, user_id: str, days: Sequence[date], completions: Sequence[Completion]
) -> None:
    client, table = store._client, store._table
    by_day: dict[date, list[Completion]] = {day: [] for day in days}
    for c in completions:
        by_day[c.local_date].append(c)
    items: list[dict[str, Any]] = [
        {
            "pk": {"S": user_key(user_id)},
            "sk": {"S": DAY_PREFIX + day.isoformat()},
            DONE_ATTR: {"SS": [completion_tag(c) for c in on_day]},
            **{c.move.value: {"N": str(REPS)} for c in on_day},
        }
        for day, on_day in by_day.items()
    ]
    for start in range(0, len(items), BATCH_SIZE):
        requests: list[Any] = [
            {"PutRequest": {"Item": item}} for item in items[start : start + BATCH_SIZE]
        ]
        while requests:
            result = client.batch_write_item(RequestItems={table: requests})
            requests = list(result.get("UnprocessedItems", {}).get(table, ()))
