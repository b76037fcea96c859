"""Figure 4: database work per full routine, counted at the DynamoDB-compatible server.

The Lambda handler runs with the DynamoDB store against dynalite, through the counting proxy the
store tests use (testkit/dynalite.py), so every request that reaches the server is seen and named
by its X-Amz-Target. Completed moves are read back from the store after the counts are taken.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import scenarios
from bench.report import Row, Target
from skill.config import Config
from skill.lambda_entry import make_handler
from skill.store.dynamodb import DynamoDbStore, create_table, make_client
from testkit.dynalite import DynaliteServer, FaultProxy, local_config

TABLE = "morning-moves-bench"
READS = frozenset({"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"})
WRITES = frozenset({"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"})
PER_MOVE_TARGET = Target("<=", 1.0)
RECORDED_TARGET = Target(">=", 1.0)  # every completed move is counted (and once: the store's key)


@dataclass(frozen=True)
class DbWork:
    routines: int
    moves: int  # completed, as the sessions counted them
    stored: int  # completed moves the store holds afterwards
    calls: Counter[str]

    @property
    def reads(self) -> int:
        return sum(n for op, n in self.calls.items() if op in READS)

    @property
    def writes(self) -> int:
        return sum(n for op, n in self.calls.items() if op in WRITES)


@contextmanager
def dynalite(data_dir: Path) -> Iterator[DynaliteServer]:
    """A dynalite of our own, stopped by its PID (tests pass the session's instead)."""
    server = DynaliteServer(data_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def measure(server_port: int, *, routines: int) -> DbWork:
    proxy = FaultProxy(server_port)
    proxy.start()
    try:
        config: Config = local_config(proxy.url, TABLE)
        create_table(make_client(config), TABLE)
        handler = make_handler(config)
        users = [f"amzn1.ask.account.BENCH-DB-{i}" for i in range(routines)]
        proxy.reset()  # count the routines only, not the table's creation
        done_in_sessions = sum(scenarios.full_routine(handler, user).moves_done for user in users)
        calls = Counter(proxy.calls)
    finally:
        proxy.stop()
    store = DynamoDbStore(
        make_client(local_config(f"http://127.0.0.1:{server_port}", TABLE)), TABLE
    )
    stored = sum(len(day.reps) for user in users for day in store.load(user).days)
    return DbWork(routines, done_in_sessions, stored, calls)


def rows(result: DbWork) -> list[Row]:
    ops = ", ".join(f"{op} {n}" for op, n in sorted(result.calls.items()))
    how = f"{result.routines} routines, {result.moves} moves completed; {ops or 'no calls'}"

    def per_move(count: int) -> float:
        # No completed move means the scenario is broken: a miss, not zero work.
        return count / result.moves if result.moves else float("inf")

    return [
        Row(
            "4",
            f"database reads per completed move ({how})",
            f"{per_move(result.reads):.2f}",
            "no database",
            per_move(result.reads),
            PER_MOVE_TARGET,
        ),
        Row(
            "4",
            "database writes per completed move",
            f"{per_move(result.writes):.2f}",
            "no database",
            per_move(result.writes),
            PER_MOVE_TARGET,
        ),
        Row(
            "4",
            "completed moves found in the database afterwards, per completed move",
            f"{result.stored} of {result.moves}",
            "no database",
            result.stored / result.moves if result.moves else 0.0,
            RECORDED_TARGET,
        ),
    ]
