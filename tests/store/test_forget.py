"""Saying "forget my data" (the engine's ForgetUser event) deletes everything, even when the
store is down at the moment the user confirms."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from skill.config import Config
from skill.domain.ids import MoveId
from skill.domain.progress import ForgetUser, ProfileUpdate, UserProgress
from skill.store.base import StoreUnavailableError
from skill.store.sqlite import SqliteStore
from skill.voice.builder import build_skill
from skill.voice.intents import Intent
from skill.voice.progress import ProgressKeeper, SessionProgress
from tests.events import load_event
from tests.store.alexa import Conversation, do_routine, handler_input_for
from tests.store.conftest import completion

NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
USER = "amzn1.ask.account.TESTUSER"


class FlakyStore(SqliteStore):
    """A real SQLite store that can be switched off."""

    down = False

    def delete_user(self, user_id: str) -> None:
        if self.down:
            raise StoreUnavailableError("switched off")
        super().delete_user(user_id)

    def delete_account(self, account_id: str) -> None:
        if self.down:
            raise StoreUnavailableError("switched off")
        super().delete_account(account_id)


def turn(store: SqliteStore, kept: dict[str, Any]) -> SessionProgress:
    """A turn's progress, from the session's copy `kept` (what the last turn saved)."""
    handler_input = handler_input_for(build_skill(store, Config()), load_event("help_intent"))
    keeper = ProgressKeeper(store, Config(), time_zone_lookup=lambda _: None)
    return keeper.open(handler_input, NOW, kept)


def test_forget_deletes_the_user_and_empties_the_session_copy(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "p.sqlite3")
    store.record(USER, completion("k", on=date(2026, 11, 24)))
    store.update_profile(USER, ProfileUpdate(age=61, dose_adjustments={MoveId.SQUATS: 1}))
    session = turn(store, {})
    assert not session.progress.is_new

    session.apply([ForgetUser()])
    session.save()

    assert store.load(USER) == UserProgress()
    assert session.progress == UserProgress()
    store.close()


def test_forget_while_the_store_is_down_happens_on_a_later_turn(tmp_path: Path) -> None:
    store = FlakyStore(tmp_path / "p.sqlite3")
    store.record(USER, completion("k", on=date(2026, 11, 24)))
    session = turn(store, {})
    store.down = True
    session.apply([completion("today", MoveId.HEEL_RISES), ForgetUser()])
    kept = session.save()
    assert kept["q"] == [{"f": 1}], "only the forget waits: nothing before it"

    store.down = False
    turn(store, kept)
    assert store.load(USER) == UserProgress()
    store.close()


def test_saying_forget_my_data_and_yes_deletes_everything(tmp_path: Path, user_id: str) -> None:
    store = SqliteStore(tmp_path / "p.sqlite3")
    skill = build_skill(store, Config(), clock=lambda: NOW, time_zone_lookup=lambda _: None)
    talk = Conversation(skill, user_id)
    do_routine(talk, stop_after_moves=1)
    talk.say(Intent.SET_AGE, age="47")
    assert not store.load(user_id).is_new

    talk.say(Intent.FORGET_ME)
    assert not store.load(user_id).is_new, "nothing happens before the user confirms"
    talk.say(Intent.YES)

    assert store.load(user_id) == UserProgress()
    store.close()
