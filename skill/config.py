"""All configuration in one place: explicit argument, then environment variable, then default.

Every environment variable the project reads is named here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple


class Env(StrEnum):
    """Names of the environment variables Morning Moves reads."""

    SKILL_ID = "MORNING_MOVES_SKILL_ID"
    STORE = "MORNING_MOVES_STORE"
    TABLE_NAME = "MORNING_MOVES_TABLE_NAME"
    DYNAMODB_ENDPOINT = "MORNING_MOVES_DYNAMODB_ENDPOINT"
    AWS_REGION = "MORNING_MOVES_AWS_REGION"
    SQLITE_PATH = "MORNING_MOVES_SQLITE_PATH"
    VERIFY = "MORNING_MOVES_VERIFY"
    LOG_LEVEL = "MORNING_MOVES_LOG_LEVEL"
    TIMEZONE = "MORNING_MOVES_TIMEZONE"
    HOST = "MORNING_MOVES_HOST"
    PORT = "MORNING_MOVES_PORT"
    ALEXA_API_TIMEOUT = "MORNING_MOVES_ALEXA_API_TIMEOUT"
    # Set by the Lambda runtime from the function's LoggingConfig (Text or JSON).
    LAMBDA_LOG_FORMAT = "AWS_LAMBDA_LOG_FORMAT"


class StoreKind(StrEnum):
    """Which progress store backs the skill."""

    SQLITE = "sqlite"
    DYNAMODB = "dynamodb"
    MEMORY = "memory"


def default_sqlite_path() -> Path:
    """The embedded store's file, under the user's data directory (XDG on Linux)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "morning-moves" / "progress.sqlite3"


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"not a boolean: {raw!r}")


class Config(NamedTuple):
    """Settings for one running skill (Lambda, Flask server, simulator or test)."""

    skill_id: str | None = None
    store: StoreKind = StoreKind.SQLITE
    table_name: str = "morning-moves-progress"
    dynamodb_endpoint: str | None = None
    aws_region: str = "us-east-1"
    sqlite_path: Path | None = None
    verify: bool = True
    log_level: str = "INFO"
    timezone: str = "UTC"
    host: str = "127.0.0.1"
    port: int = 5000
    alexa_api_timeout: float = 2.0
    lambda_log_format: str = "Text"

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Config:
        """Build a config from explicit overrides, then the environment, then defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name in cls._fields:
            if overrides.get(name) is not None:
                values[name] = overrides[name]
                continue
            raw = env.get(Env[name.upper()].value)
            if raw is not None and raw != "":
                values[name] = _convert(name, raw)
        unknown = set(overrides) - set(cls._fields)
        if unknown:
            raise TypeError(f"unknown config keys: {sorted(unknown)}")
        return cls(**values)

    def with_(self, **changes: Any) -> Config:
        """A copy with some settings changed."""
        return self._replace(**changes)

    @property
    def resolved_sqlite_path(self) -> Path:
        return self.sqlite_path or default_sqlite_path()


def _convert(name: str, raw: str) -> Any:
    match name:
        case "verify":
            return _parse_bool(raw)
        case "port":
            return int(raw)
        case "alexa_api_timeout":
            return float(raw)
        case "store":
            return StoreKind(raw.strip().lower())
        case "sqlite_path":
            return Path(raw)
        case _:
            return raw
