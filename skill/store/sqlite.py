"""The embedded store (standard-library sqlite3): the default for `make run`, no server needed.

One connection per store, shared by the web server's threads behind a lock; SQLite's own
locking (WAL, busy timeout) covers other processes using the same file. Every write is a single
statement or one transaction, so a retried completion is ignored by its primary key and day
totals are sums computed on load: nothing is read, modified and written back.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from skill.domain.ids import MoveId
from skill.domain.progress import Completion, DayTotal, Profile, ProfileUpdate, UserProgress
from skill.store.base import StoreUnavailableError, completion_tag, user_key

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS completions (
    user_key     TEXT    NOT NULL,
    tag          TEXT    NOT NULL,  -- digest of the completion's idempotency key
    move         TEXT    NOT NULL,
    reps         INTEGER NOT NULL,  -- per set: the day grows by reps x sets
    sets         INTEGER NOT NULL,
    local_date   TEXT    NOT NULL,  -- ISO date in the user's time zone
    completed_at TEXT    NOT NULL,
    PRIMARY KEY (user_key, tag)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS profiles (
    user_key TEXT PRIMARY KEY,
    age      INTEGER,
    tempo    REAL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dose_adjustments (
    user_key TEXT    NOT NULL,
    move     TEXT    NOT NULL,
    delta    INTEGER NOT NULL,
    PRIMARY KEY (user_key, move)
) WITHOUT ROWID;
"""
BUSY_TIMEOUT_SECONDS = 3.0


class SqliteStore:
    """ProgressStore in one SQLite file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # Autocommit mode: transactions are opened explicitly where a write spans statements.
        self._db = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,
            check_same_thread=False,
        )
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _connection(self, *, transaction: bool = False) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                if transaction:
                    self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                if transaction:
                    self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                log.warning("sqlite store failed: %s", exc)
                raise StoreUnavailableError(f"sqlite: {exc}") from exc
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def load(self, user_id: str) -> UserProgress:
        key = user_key(user_id)
        with self._connection() as db:
            day_rows = db.execute(
                "SELECT local_date, move, SUM(reps * sets) FROM completions "
                "WHERE user_key = ? GROUP BY local_date, move ORDER BY local_date",
                (key,),
            ).fetchall()
            profile_row = db.execute(
                "SELECT age, tempo FROM profiles WHERE user_key = ?", (key,)
            ).fetchone()
            adjustments = db.execute(
                "SELECT move, delta FROM dose_adjustments WHERE user_key = ?", (key,)
            ).fetchall()
        by_day: dict[date, dict[MoveId, int]] = {}
        for local_date, move, reps in day_rows:
            by_day.setdefault(date.fromisoformat(local_date), {})[MoveId(move)] = int(reps)
        age, tempo = profile_row or (None, None)
        profile = Profile(
            age=age,
            tempo=1.0 if tempo is None else float(tempo),
            dose_adjustments={MoveId(m): int(d) for m, d in adjustments},
        )
        days = tuple(DayTotal(d, reps) for d, reps in by_day.items())
        return UserProgress(
            profile=profile, first_active=days[0].local_date if days else None, days=days
        )

    def record(self, user_id: str, completion: Completion) -> bool:
        with self._connection() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO completions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    user_key(user_id),
                    completion_tag(completion.key),
                    completion.move.value,
                    completion.reps,
                    completion.sets,
                    completion.local_date.isoformat(),
                    completion.completed_at.isoformat(),
                ),
            )
            return cursor.rowcount == 1

    def update_profile(self, user_id: str, update: ProfileUpdate) -> None:
        key = user_key(user_id)
        with self._connection(transaction=True) as db:
            if update.age is not None or update.tempo is not None:
                db.execute(
                    "INSERT INTO profiles VALUES (?, ?, ?) ON CONFLICT (user_key) DO UPDATE SET "
                    "age = coalesce(excluded.age, age), tempo = coalesce(excluded.tempo, tempo)",
                    (key, update.age, update.tempo),
                )
            for move, delta in (update.dose_adjustments or {}).items():
                db.execute(
                    "INSERT INTO dose_adjustments VALUES (?, ?, ?) "
                    "ON CONFLICT (user_key, move) DO UPDATE SET delta = excluded.delta",
                    (key, move.value, delta),
                )

    def delete_user(self, user_id: str) -> None:
        key = user_key(user_id)
        with self._connection(transaction=True) as db:
            for table in ("completions", "profiles", "dose_adjustments"):
                db.execute(f"DELETE FROM {table} WHERE user_key = ?", (key,))  # noqa: S608
