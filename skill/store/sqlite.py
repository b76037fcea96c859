"""The embedded store (standard-library sqlite3): the default for `make run`, no server needed.

One connection per store, shared by the web server's threads behind a lock; SQLite's own
locking (WAL, busy timeout) covers other processes using the same file. Every write is a single
statement or one transaction, so a retried completion is ignored by its primary key and day
totals are sums computed on load: nothing is read, modified and written back.

The user's time zone rides on their completions (the same INSERT): the zone and when the
settings API confirmed it, NULL when the session had no confirmed zone; loading takes the row
with the latest confirmation among the loaded rows. The schema's version is SQLite's
`user_version`; opening a file brings it up to date in place (MIGRATIONS), keeping its data.

A session start reads a bounded set of rows whatever the history's length: the user's latest
LOADED_DAYS active dates (`WHERE local_date >= ?` on the index `completions_by_day`), the
profile, and the HistorySummary stored on the latest completion. When that completion has no
summary (rows written before summaries existed, or by a session that could not load the
history) the load reads everything once, as loads used to, and stores the summary it computes
on that row.

A recognised person's rows are filed under their own key (`skill.store.base.user_key`), which
begins with the account's: deleting an account is one range on each table's primary key.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from skill.domain.history import LOADED_DAYS, summarize
from skill.domain.ids import MoveId, Style
from skill.domain.progress import (
    Completion,
    DayTotal,
    HistorySummary,
    KnownZone,
    Profile,
    ProfileUpdate,
    UserProgress,
)
from skill.store.base import StoreUnavailableError, completion_tag, person_key_range, user_key

log = logging.getLogger(__name__)

# Version 0: the tables as first released. Never edit it: add a migration below.
SCHEMA = """
CREATE TABLE IF NOT EXISTS completions (
    user_key     TEXT    NOT NULL,
    tag          TEXT    NOT NULL,  -- completion_tag: digest of its local day and key
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
# MIGRATIONS[i] takes a file from version i to i + 1, in one transaction.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "ALTER TABLE completions ADD COLUMN time_zone TEXT",  # IANA name
        "ALTER TABLE completions ADD COLUMN zone_confirmed_at INTEGER",  # Unix seconds
    ),
    (
        # The HistorySummary as of this completion (ISO dates; NULL on older rows).
        "ALTER TABLE completions ADD COLUMN first_active TEXT",
        "ALTER TABLE completions ADD COLUMN run_start TEXT",
        "ALTER TABLE completions ADD COLUMN first_routine TEXT",
        "CREATE INDEX completions_by_day ON completions (user_key, local_date, completed_at)",
    ),
    (
        # The moves chosen (NULL: standard) and when the standard moves were last suggested.
        "ALTER TABLE profiles ADD COLUMN style TEXT",
        "ALTER TABLE profiles ADD COLUMN style_offered TEXT",  # ISO date
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_SECONDS = 3.0


class SqliteStore:
    """ProgressStore in one SQLite file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection per thread: with one shared connection behind a lock, every request
        # that needed the store waited for any other's statement, its commit's fsync included
        # (web throughput ratio about 0.80 before, 0.87 after; bench/). SQLite's own locking
        # (WAL: readers never wait for the writer; writers queue within the busy timeout) keeps
        # the connections apart.
        self._local = threading.local()
        self._open: list[sqlite3.Connection] = []
        self._open_lock = threading.Lock()
        db = self._db()
        db.execute("PRAGMA journal_mode=WAL")
        if _version(db) < SCHEMA_VERSION:
            _migrate(db)

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            # Autocommit mode: transactions are opened explicitly where a write spans statements.
            db = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,  # close() closes every thread's connection
            )
            with self._open_lock:
                self._open.append(db)
            self._local.db = db
        return db

    def close(self) -> None:
        with self._open_lock:
            for db in self._open:
                db.close()
            self._open.clear()

    @contextmanager
    def _connection(self, *, transaction: bool = False) -> Iterator[sqlite3.Connection]:
        db = self._db()
        try:
            if transaction:
                db.execute("BEGIN IMMEDIATE")
            yield db
            if transaction:
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(db)
            log.warning("sqlite store failed: %s", exc)
            raise StoreUnavailableError(f"sqlite: {exc}") from exc
        except BaseException:
            _rollback(db)
            raise

    def load(self, user_id: str) -> UserProgress:
        key = user_key(user_id)
        with self._connection() as db:
            cutoff = db.execute(
                "SELECT DISTINCT local_date FROM completions WHERE user_key = ? "
                "ORDER BY local_date DESC LIMIT 1 OFFSET ?",
                (key, LOADED_DAYS - 1),
            ).fetchone()
            rows = db.execute(
                "SELECT local_date, move, reps * sets, time_zone, zone_confirmed_at, "
                "first_active, run_start, first_routine FROM completions "
                "WHERE user_key = ? AND local_date >= ? ORDER BY local_date, completed_at",
                (key, cutoff[0] if cutoff else ""),
            ).fetchall()
            profile = self._profile(db, key)
            if rows and rows[-1][6] is None:
                return self._load_everything(db, key, profile)
        progress = _progress_from_rows(rows, profile)
        if rows:
            first_active, run, routine = rows[-1][5:8]
            progress = progress._replace(
                first_active=date.fromisoformat(first_active),
                run_start=date.fromisoformat(run),
                first_routine=date.fromisoformat(routine) if routine else None,
            )
        return progress

    def _profile(self, db: sqlite3.Connection, key: str) -> Profile:
        profile_row = db.execute(
            "SELECT age, tempo, style, style_offered FROM profiles WHERE user_key = ?", (key,)
        ).fetchone()
        adjustments = db.execute(
            "SELECT move, delta FROM dose_adjustments WHERE user_key = ?", (key,)
        ).fetchall()
        age, tempo, style, offered = profile_row or (None, None, None, None)
        return Profile(
            age=age,
            tempo=1.0 if tempo is None else float(tempo),
            dose_adjustments={MoveId(m): int(d) for m, d in adjustments},
            style=Style.STANDARD if style is None else Style(style),
            style_offered=None if offered is None else date.fromisoformat(offered),
        )

    def _load_everything(self, db: sqlite3.Connection, key: str, profile: Profile) -> UserProgress:
        """Every row (the latest has no summary); stores the summary it computes on the latest
        row, so the next load is bounded again."""
        rows = db.execute(
            "SELECT local_date, move, reps * sets, time_zone, zone_confirmed_at FROM completions "
            "WHERE user_key = ? ORDER BY local_date, completed_at",
            (key,),
        ).fetchall()
        progress = _progress_from_rows(rows, profile)
        summary = summarize(progress)
        if summary is not None:
            db.execute(
                "UPDATE completions SET first_active = ?, run_start = ?, first_routine = ? "
                "WHERE user_key = ? AND tag = (SELECT tag FROM completions WHERE user_key = ? "
                "ORDER BY local_date DESC, completed_at DESC LIMIT 1)",
                (*_summary_columns(summary), key, key),
            )
        return progress

    def record(self, user_id: str, completion: Completion) -> bool:
        zone = completion.time_zone
        with self._connection() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO completions (user_key, tag, move, reps, sets, local_date, "
                "completed_at, time_zone, zone_confirmed_at, first_active, run_start, "
                "first_routine) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    user_key(user_id),
                    completion_tag(completion),
                    completion.move.value,
                    completion.reps,
                    completion.sets,
                    completion.local_date.isoformat(),
                    completion.completed_at.isoformat(),
                    None if zone is None else zone.name,
                    None if zone is None else int(zone.confirmed_at.timestamp()),
                    *_summary_columns(completion.history),
                ),
            )
            return cursor.rowcount == 1

    def update_profile(self, user_id: str, update: ProfileUpdate) -> None:
        key = user_key(user_id)
        with self._connection(transaction=True) as db:
            style = None if update.style is None else update.style.value
            offered = None if update.style_offered is None else update.style_offered.isoformat()
            if any(v is not None for v in (update.age, update.tempo, style, offered)):
                db.execute(
                    "INSERT INTO profiles (user_key, age, tempo, style, style_offered) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_key) DO UPDATE SET "
                    "age = coalesce(excluded.age, age), tempo = coalesce(excluded.tempo, tempo), "
                    "style = coalesce(excluded.style, style), "
                    "style_offered = coalesce(excluded.style_offered, style_offered)",
                    (key, update.age, update.tempo, style, offered),
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

    def delete_account(self, account_id: str) -> None:
        account = user_key(account_id)
        low, high = person_key_range(account_id)
        with self._connection(transaction=True) as db:
            for table in ("completions", "profiles", "dose_adjustments"):
                # Every table's primary key starts with user_key: both halves use its index.
                db.execute(
                    f"DELETE FROM {table} WHERE user_key = ? "  # noqa: S608
                    "OR (user_key >= ? AND user_key < ?)",
                    (account, low, high),
                )


def _progress_from_rows(rows: list[Any], profile: Profile) -> UserProgress:
    """Day totals and the latest-confirmed zone of completion rows ordered by date."""
    by_day: dict[date, dict[MoveId, int]] = {}
    zone_row: tuple[int, str] | None = None
    for local_date, move, reps, time_zone, confirmed, *_ in rows:
        day = by_day.setdefault(date.fromisoformat(local_date), {})
        day[MoveId(move)] = day.get(MoveId(move), 0) + int(reps)
        if time_zone is not None and (zone_row is None or confirmed >= zone_row[0]):
            zone_row = (confirmed, time_zone)
    days = tuple(DayTotal(d, reps) for d, reps in by_day.items())
    zone = None
    if zone_row is not None:
        zone = KnownZone(zone_row[1], datetime.fromtimestamp(zone_row[0], UTC))
    return UserProgress(
        profile=profile,
        first_active=days[0].local_date if days else None,
        days=days,
        time_zone=zone,
    )


def _summary_columns(summary: HistorySummary | None) -> tuple[str | None, str | None, str | None]:
    if summary is None:
        return None, None, None
    routine = summary.first_routine
    return (
        summary.first_active.isoformat(),
        summary.run_start.isoformat(),
        None if routine is None else routine.isoformat(),
    )


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _migrate(db: sqlite3.Connection) -> None:
    """Create the tables and apply the missing migrations; another process may be doing the
    same, so the version is read again under the write lock."""
    db.executescript(SCHEMA)
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _version(db)
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        _rollback(db)
        raise


def _rollback(db: sqlite3.Connection) -> None:
    try:
        if db.in_transaction:
            db.execute("ROLLBACK")
    except sqlite3.ProgrammingError:  # the store was closed: nothing is left to roll back
        pass
