"""Trying Morning Moves locally over several days: every routine counts (request ids are
unique across conversations), and `morning-moves chat --user/--date` picks whose progress and
which day."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from skill.cli import main
from skill.config import Config, StoreKind
from skill.dev.chat import clock_offset, simulated_user
from skill.dev.simulator import (
    REQUEST_ID_PREFIX,
    SIMULATOR_USER_ID,
    Conversation,
    SkillTransport,
    new_request_id,
)
from skill.domain.ids import MoveId
from skill.store.base import ProgressStore
from skill.store.dynamodb import DynamoDbStore, make_client
from skill.store.memory import MemoryStore
from skill.store.sqlite import SqliteStore
from skill.voice import build_skill
from testkit.dynalite import local_config
from tests.conftest import TEST_SKILL_ID

WEDNESDAY = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


def test_request_ids_are_alexas_format_and_never_repeat() -> None:
    ids = {new_request_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(re.fullmatch(re.escape(REQUEST_ID_PREFIX) + UUID, i) for i in ids)


def _brush_teeth(store: ProgressStore, now: datetime, user: str) -> None:
    """One `chat` run: a new Conversation, as every run of the command (or console) makes."""
    config = Config(skill_id=TEST_SKILL_ID, store=StoreKind.MEMORY, verify=False, timezone="UTC")
    skill = build_skill(store, config, clock=lambda: now)
    chat = Conversation(
        SkillTransport(skill), skill_id=TEST_SKILL_ID, user_id=user, clock=lambda: now
    )
    assert chat.say("ask morning moves, I'm brushing my teeth").ended


@pytest.fixture(params=["sqlite", "dynamodb", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProgressStore]:
    """Each store the simulator can talk to; DynamoDB is dynalite over a socket."""
    match request.param:
        case "sqlite":
            sqlite = SqliteStore(tmp_path / "p.sqlite3")
            yield sqlite
            sqlite.close()
        case "dynamodb":
            endpoint = request.getfixturevalue("dynamodb_endpoint")
            table = request.getfixturevalue("dynamodb_table")
            client = make_client(local_config(endpoint, table))
            yield DynamoDbStore(client, table)
            client.close()
        case _:
            yield MemoryStore()


@pytest.mark.parametrize("days", [pytest.param(0, id="same day"), pytest.param(1, id="next day")])
def test_a_second_chat_run_counts_its_routine_too(store: ProgressStore, days: int) -> None:
    """Before: both runs sent request id sim-0001, so the second routine had the first one's
    completion key and was dropped as a retry (on SQLite and memory on any day, on DynamoDB on
    the same day)."""
    user = f"{SIMULATOR_USER_ID}.{uuid.uuid4().hex}"  # dynalite's table is the session's
    _brush_teeth(store, WEDNESDAY, user)
    once = store.load(user).days[0].reps[MoveId.HEEL_RISES]
    _brush_teeth(store, WEDNESDAY + timedelta(days=days, minutes=5), user)
    totals = [d.reps[MoveId.HEEL_RISES] for d in store.load(user).days]
    assert sum(totals) == 2 * once
    assert len(totals) == days + 1


@pytest.mark.parametrize(
    ("said", "offset"),
    [
        (None, timedelta()),
        ("", timedelta()),
        ("+1", timedelta(days=1)),
        ("+1d", timedelta(days=1)),
        ("-3d", timedelta(days=-3)),
        ("+12h", timedelta(hours=12)),
        ("2026-11-27", timedelta(days=2)),
        ("2026-11-20", timedelta(days=-5)),
    ],
)
def test_date_option_is_a_day_or_an_offset(said: str | None, offset: timedelta) -> None:
    assert clock_offset(said, date(2026, 11, 25)) == offset


@pytest.mark.parametrize("said", ["tomorrow", "+1w", "2026-13-01", "1d"])
def test_a_date_option_that_is_neither_is_refused(said: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        clock_offset(said, date(2026, 11, 25))


def test_user_option_names_another_simulated_user() -> None:
    assert simulated_user(None) == SIMULATOR_USER_ID
    assert simulated_user("alice") == f"{SIMULATOR_USER_ID}.alice"


@pytest.fixture
def sqlite_chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`chat` on an SQLite file of the test's own, as `make run` users have."""
    path = tmp_path / "progress.sqlite3"
    monkeypatch.setenv("MORNING_MOVES_STORE", "sqlite")
    monkeypatch.setenv("MORNING_MOVES_SQLITE_PATH", str(path))
    monkeypatch.setenv("MORNING_MOVES_SKILL_ID", TEST_SKILL_ID)
    monkeypatch.setenv("MORNING_MOVES_TIMEZONE", "UTC")
    return path


def _chat(tmp_path: Path, *options: str) -> None:
    script = tmp_path / "brush.txt"
    script.write_text("ask morning moves, I'm brushing my teeth\n")
    assert main(["chat", "--script", str(script), *options]) == 0


def test_chat_keeps_each_users_days_apart(
    sqlite_chat: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = datetime.now(UTC).date()
    for back in (3, 2, 1):
        _chat(tmp_path, "--user", "alice", f"--date=-{back}d")
    _chat(tmp_path, "--user", "bob", "--date", (today - timedelta(days=1)).isoformat())
    capsys.readouterr()
    store = SqliteStore(sqlite_chat)
    alice = store.load(simulated_user("alice"))
    bob = store.load(simulated_user("bob"))
    store.close()
    assert [d.local_date for d in alice.days] == [today - timedelta(days=n) for n in (3, 2, 1)]
    assert [d.local_date for d in bob.days] == [today - timedelta(days=1)]


def test_chat_refuses_a_date_it_cannot_read(
    sqlite_chat: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["chat", "--date", "someday"]) == 2
    assert "not a date" in capsys.readouterr().err
