"""An SQLite file made by an earlier release is brought up to date in place when the store
opens it, and keeps every row it held."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from skill.digest import sha256_hex
from skill.domain.ids import MoveId, Style
from skill.domain.progress import DayTotal, KnownZone, Profile, ProfileUpdate
from skill.store.base import user_key
from skill.store.sqlite import SCHEMA_VERSION, SqliteStore
from tests.store.conftest import completion

# The schema as first released (version 0), copied here on purpose: the test must not follow
# later edits of skill/store/sqlite.py.
FIRST_RELEASE_SCHEMA = """
CREATE TABLE IF NOT EXISTS completions (
    user_key     TEXT    NOT NULL,
    tag          TEXT    NOT NULL,
    move         TEXT    NOT NULL,
    reps         INTEGER NOT NULL,
    sets         INTEGER NOT NULL,
    local_date   TEXT    NOT NULL,
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
USER = "amzn1.ask.account.MIGRATED"
PARIS = KnownZone("Europe/Paris", datetime(2026, 11, 25, 7, 0, tzinfo=UTC))


def first_release_file(path: Path) -> None:
    """A file as the first release left it: a completed move and a profile."""
    db = sqlite3.connect(path)
    with db:
        db.executescript(FIRST_RELEASE_SCHEMA)
        db.execute(
            "INSERT INTO completions VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                user_key(USER),
                sha256_hex("old-turn")[:20],  # the first release's tag: a digest of the key alone
                "squats",
                10,
                2,
                "2026-11-24",
                "2026-11-24T07:00:00+00:00",
            ),
        )
        db.execute("INSERT INTO profiles VALUES (?, ?, ?)", (user_key(USER), 52, 1.25))
        db.execute("INSERT INTO dose_adjustments VALUES (?, ?, ?)", (user_key(USER), "squats", 2))
    db.close()


def columns_and_version(path: Path) -> tuple[list[str], int]:
    db = sqlite3.connect(path)
    columns = [row[1] for row in db.execute("PRAGMA table_info(completions)")]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.close()
    return columns, version


def test_an_old_file_keeps_its_data_and_gains_the_zone_and_summary_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    first_release_file(path)

    store = SqliteStore(path)
    progress = store.load(USER)
    assert progress.days == (DayTotal(date(2026, 11, 24), {MoveId.SQUATS: 20}),)
    assert progress.profile == Profile(age=52, tempo=1.25, dose_adjustments={MoveId.SQUATS: 2})
    assert progress.time_zone is None
    assert store.record(USER, completion("new-turn", zone=PARIS))
    store.close()

    columns, version = columns_and_version(path)
    assert columns[-5:] == [
        "time_zone",
        "zone_confirmed_at",
        "first_active",
        "run_start",
        "first_routine",
    ]
    assert version == SCHEMA_VERSION

    reopened = SqliteStore(path)  # opening an up-to-date file changes nothing
    assert reopened.load(USER).time_zone == PARIS
    assert len(reopened.load(USER).days) == 2
    reopened.close()
    assert columns_and_version(path) == (columns, version)


def test_an_old_files_history_is_summarised_on_first_load_and_read_bounded_after(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    first_release_file(path)
    store = SqliteStore(path)
    first = store.load(USER)
    second = store.load(USER)
    store.close()
    assert first.first_active == second.first_active == date(2026, 11, 24)
    assert second.run_start == date(2026, 11, 24)
    assert second.days == first.days
    db = sqlite3.connect(path)
    plan = " ".join(
        row[-1]
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT move FROM completions "
            "WHERE user_key = ? AND local_date >= ?",
            ("u", "2026-01-01"),
        )
    )
    db.close()
    assert "completions_by_day" in plan


def test_an_old_profile_gains_the_style_columns_and_stays_standard(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    first_release_file(path)
    store = SqliteStore(path)
    assert store.load(USER).profile.style is Style.STANDARD
    store.update_profile(USER, ProfileUpdate(style=Style.GENTLE))
    assert store.load(USER).profile == Profile(
        age=52, tempo=1.25, dose_adjustments={MoveId.SQUATS: 2}, style=Style.GENTLE
    )
    store.close()
    db = sqlite3.connect(path)
    columns = [row[1] for row in db.execute("PRAGMA table_info(profiles)")]
    db.close()
    assert columns[-2:] == ["style", "style_offered"]


def test_a_new_file_starts_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    SqliteStore(path).close()
    columns, version = columns_and_version(path)
    assert "time_zone" in columns
    assert version == SCHEMA_VERSION
