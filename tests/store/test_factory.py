"""make_store builds the store the config names, without touching the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.config import Config, StoreKind
from skill.store.dynamodb import DynamoDbStore
from skill.store.factory import make_store
from skill.store.memory import MemoryStore
from skill.store.sqlite import SqliteStore


def test_sqlite_is_the_default_and_creates_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "data" / "morning-moves" / "progress.sqlite3"
    store = make_store(Config(sqlite_path=path))
    assert isinstance(store, SqliteStore)
    assert path.exists()
    store.close()


def test_sqlite_file_defaults_to_the_user_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    store = make_store(Config())
    assert isinstance(store, SqliteStore)
    assert store.path == tmp_path / "morning-moves" / "progress.sqlite3"
    store.close()


def test_dynamodb_store_is_built_from_config_without_a_request() -> None:
    # Port 9 (discard) on loopback: building the store must not connect anywhere.
    config = Config(store=StoreKind.DYNAMODB, dynamodb_endpoint="http://127.0.0.1:9")
    assert isinstance(make_store(config), DynamoDbStore)


def test_memory_store_on_request() -> None:
    assert isinstance(make_store(Config(store=StoreKind.MEMORY)), MemoryStore)
