"""Disabling the skill forgets the user unless Alexa keeps their id (PERSISTED), on every
runtime: the status is read from the raw request, which the SDK's model does not declare."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from skill.config import Config, StoreKind
from skill.domain.progress import ProfileUpdate, UserProgress
from skill.lambda_entry import make_handler
from skill.store.sqlite import SqliteStore
from skill.web import create_app
from tests.conftest import TEST_SKILL_ID
from tests.events import load_event
from tests.store.conftest import completion

USER = "amzn1.ask.account.TESTUSER"


def disabled_event(status: str | None) -> dict[str, Any]:
    event = load_event("skill_disabled")
    if status is None:
        del event["request"]["body"]["userInformationPersistenceStatus"]
    else:
        event["request"]["body"]["userInformationPersistenceStatus"] = status
    return event


def via_lambda(config: Config) -> Callable[[dict[str, Any]], int]:
    handler = make_handler(config)

    def send(event: dict[str, Any]) -> int:
        handler(event, None)
        return 200

    return send


def via_flask(config: Config) -> Callable[[dict[str, Any]], int]:
    client = create_app(config).test_client()
    return lambda event: client.post("/alexa", json=event).status_code


@pytest.mark.parametrize("runtime", [via_lambda, via_flask], ids=["lambda", "flask"])
@pytest.mark.parametrize(
    ("status", "forgotten"),
    [("NOT_PERSISTED", True), (None, True), ("PERSISTED", False)],
)
def test_skill_disabled_deletes_the_user_unless_their_id_persists(
    tmp_path: Path,
    runtime: Callable[[Config], Callable[[dict[str, Any]], int]],
    status: str | None,
    forgotten: bool,
) -> None:
    path = tmp_path / "progress.sqlite3"
    seed = SqliteStore(path)
    seed.record(USER, completion("k1", on=date(2026, 11, 24)))
    seed.update_profile(USER, ProfileUpdate(age=44))
    config = Config(skill_id=TEST_SKILL_ID, store=StoreKind.SQLITE, sqlite_path=path, verify=False)

    assert runtime(config)(disabled_event(status)) == 200

    after = seed.load(USER)
    assert (after == UserProgress()) is forgotten
    seed.close()
