"""The embedded store under a web server's threads: each thread has its own connection, and
SQLite's locking alone keeps eight of them reading, recording and updating profiles at once
without losing or double-counting anything."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from skill.domain.ids import MoveId
from skill.domain.progress import ProfileUpdate
from skill.store.base import StoreUnavailableError
from skill.store.sqlite import SqliteStore
from tests.store.conftest import completion

THREADS = 8
PER_THREAD = 25


def test_eight_threads_read_and_write_at_once(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "p.sqlite3")
    barrier = threading.Barrier(THREADS)
    counted: list[int] = [0] * THREADS
    failures: list[BaseException] = []

    def device(n: int) -> None:
        user = f"amzn1.ask.account.USER-{n % 2}"  # four threads per user: real contention
        try:
            barrier.wait()
            for i in range(PER_THREAD):
                done = completion(f"t{n}-{i}", MoveId.SQUATS, reps=1)
                counted[n] += store.record(user, done)
                store.record(user, done)  # a retry: must not count
                store.load(user)
                if i % 5 == 0:
                    store.update_profile(user, ProfileUpdate(tempo=1.0 + n / 100))
        except BaseException as exc:  # reported below, with the thread's count
            failures.append(exc)

    threads = [threading.Thread(target=device, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert failures == []
    assert counted == [PER_THREAD] * THREADS
    for user in ("amzn1.ask.account.USER-0", "amzn1.ask.account.USER-1"):
        (day,) = store.load(user).days
        assert day.reps == {MoveId.SQUATS: PER_THREAD * THREADS // 2}


def test_close_closes_every_threads_connection(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "p.sqlite3")
    other = threading.Thread(target=store.load, args=("amzn1.ask.account.OTHER",))
    other.start()
    other.join()
    store.close()
    with pytest.raises(StoreUnavailableError):
        store.load("amzn1.ask.account.AFTER-CLOSE")
