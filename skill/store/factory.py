"""Pick the progress store the config asks for; heavy clients are imported only when chosen."""

from __future__ import annotations

from skill.config import Config, StoreKind
from skill.store.base import ProgressStore
from skill.store.memory import MemoryStore


def make_store(config: Config) -> ProgressStore:
    """The store for this process (create once per process, never at import)."""
    match config.store:
        case StoreKind.MEMORY:
            return MemoryStore()
        case StoreKind.SQLITE:
            from skill.store.sqlite import SqliteStore

            return SqliteStore(config.resolved_sqlite_path)
        case StoreKind.DYNAMODB:
            from skill.store.dynamodb import DynamoDbStore, make_client

            return DynamoDbStore(make_client(config), config.table_name)
