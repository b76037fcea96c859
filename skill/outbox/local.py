"""The local outbox: a queue in an SQLite file beside the embedded store, drained by `serve`.

A file of its own, so a store file that is locked, full or corrupt does not take the queue
with it; rows are drained oldest first and deleted once the store has them.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from skill.domain.progress import ProgressEvent
from skill.outbox import OutboxUnavailableError, apply_event, decode_message, encode_message
from skill.store.base import ProgressStore, StoreUnavailableError

log = logging.getLogger(__name__)

_SCHEMA = "CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT)"


def outbox_path_beside(store_path: Path) -> Path:
    return store_path.with_name(store_path.stem + ".outbox.sqlite3")


class FileOutbox:
    """Outbox in an SQLite file; the file is created on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=5)
        conn.execute(_SCHEMA)
        return conn

    def put(self, user_id: str, events: Sequence[ProgressEvent]) -> None:
        try:
            with self._lock, self._connect() as conn:
                conn.executemany(
                    "INSERT INTO outbox (body) VALUES (?)",
                    [(encode_message(user_id, e),) for e in events],
                )
        except (sqlite3.Error, OSError) as exc:
            raise OutboxUnavailableError(f"local outbox: {type(exc).__name__}") from exc

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with self._lock, self._connect() as conn:
            (count,) = conn.execute("SELECT count(*) FROM outbox").fetchone()
            return int(count)

    def drain(self, store: ProgressStore) -> int:
        """Apply queued events oldest first until the store fails; how many were applied."""
        if not self.path.exists():
            return 0
        applied = 0
        with self._lock, self._connect() as conn:
            rows = conn.execute("SELECT id, body FROM outbox ORDER BY id").fetchall()
            for row_id, body in rows:
                message = decode_message(body)
                if message is not None:
                    try:
                        apply_event(store, *message)
                    except StoreUnavailableError as exc:
                        log.warning("outbox drain stopped, store unavailable: %s", exc)
                        break
                    applied += 1
                else:
                    log.error("dropped an unreadable outbox row %d", row_id)
                with conn:
                    conn.execute("DELETE FROM outbox WHERE id = ?", (row_id,))
        return applied


class Drainer(threading.Thread):
    """Drains a FileOutbox every `interval` seconds until stopped (for `serve`)."""

    def __init__(self, outbox: FileOutbox, store: ProgressStore, interval: float = 10.0) -> None:
        super().__init__(name="outbox-drainer", daemon=True)
        self._outbox, self._store, self._interval = outbox, store, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                if applied := self._outbox.drain(self._store):
                    log.info("outbox: %d queued progress events written", applied)
            except (sqlite3.Error, OSError) as exc:
                log.warning("outbox drain failed: %s", type(exc).__name__)
            self.stopped.wait(self._interval)
