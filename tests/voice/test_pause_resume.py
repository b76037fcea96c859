"""A pause survives the session, heard as a user would: pause -> the session ends -> a new
session "Alexa, ask morning moves to carry on" -> the same move and set. On a real SQLite file
and through the simulator's utterance resolution."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from skill.config import Config
from skill.dev.simulator import Conversation, SkillTransport
from skill.store.sqlite import SqliteStore
from skill.voice import build_skill
from tests.conftest import TEST_SKILL_ID

MORNING = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = MORNING

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    return SqliteStore(tmp_path / "progress.sqlite3")


def device(store: SqliteStore, config: Config, clock: Clock) -> Conversation:
    skill = build_skill(store, config, clock=clock, time_zone_lookup=lambda _: None)
    return Conversation(SkillTransport(skill), skill_id=TEST_SKILL_ID, clock=clock)


@pytest.mark.parametrize(
    "come_back",
    [
        "alexa, ask morning moves to carry on",
        "alexa, ask morning moves to resume",
        "alexa, ask morning moves to pick up where i left off",
        "alexa, open morning moves",  # within a few hours, opening is enough
    ],
)
def test_pause_then_a_new_session_carries_on_at_the_same_move_and_set(
    store: SqliteStore, config: Config, clock: Clock, come_back: str
) -> None:
    talk = device(store, config, clock)
    talk.say("alexa, open morning moves")
    talk.say("yes")  # toe taps, counted out in one reply
    paused = talk.say("pause")  # after it played: toe taps count, the place is squats
    assert paused.ended
    assert "ask morning moves to carry on" in paused.text
    assert not talk.in_session

    clock.now += timedelta(minutes=40)
    later = device(store, config, clock)  # another session, another skill instance
    back = later.say(come_back)
    assert back.text.startswith("Welcome back: you were on squats. Ready?"), back.text
    assert back.phase == "paused"
    assert not back.ended
    counting = later.say("yes")
    assert "squats" in counting.text.lower()
    assert store.load(later.user_id).profile.paused is None, "taken up, so forgotten"
    later.say("next")
    assert store.load(later.user_id).days[-1].reps.keys() == {"toe_taps", "squats"}


def test_a_pause_from_yesterday_is_dropped_with_a_word(
    store: SqliteStore, config: Config, clock: Clock
) -> None:
    talk = device(store, config, clock)
    talk.say("alexa, ask morning moves to start my morning moves")
    assert talk.say("pause").ended
    clock.now += timedelta(days=1)
    fresh = device(store, config, clock).say("alexa, ask morning moves to carry on")
    assert fresh.text.startswith("Your paused workout was from yesterday, so let's start fresh.")
    assert "toe taps" in fresh.text.lower()
    assert store.load(talk.user_id).profile.paused is None


def test_walking_away_mid_routine_keeps_the_place_like_a_pause(
    store: SqliteStore, config: Config, clock: Clock
) -> None:
    """Nobody answers after toe taps: Alexa reprompts once, then closes the session. Toe taps
    count (they were heard in full) and opening the skill soon after carries on at squats."""
    talk = device(store, config, clock)
    talk.say("alexa, open morning moves")
    talk.say("yes")
    assert not talk.silence().ended  # the reprompt
    assert talk.silence().ended  # then Alexa closes the session
    assert store.load(talk.user_id).days[-1].reps.keys() == {"toe_taps"}
    assert store.load(talk.user_id).profile.paused is not None

    clock.now += timedelta(minutes=30)
    back = device(store, config, clock).say("alexa, open morning moves")
    assert back.text.startswith("Welcome back: you were on squats. Ready?"), back.text


def test_carry_on_after_a_stop_today_starts_at_the_first_move_not_done(
    store: SqliteStore, config: Config, clock: Clock
) -> None:
    """No place was kept ("stop" is not a pause), but the day's record says toe taps are done:
    "carry on" picks the routine up at squats rather than at toe taps again."""
    talk = device(store, config, clock)
    talk.say("alexa, open morning moves")
    talk.say("yes")
    assert talk.say("stop").ended
    assert store.load(talk.user_id).profile.paused is None

    clock.now += timedelta(hours=1)
    later = device(store, config, clock)
    back = later.say("alexa, ask morning moves to carry on")
    assert back.text.startswith("Welcome back: you were on squats. Ready?"), back.text
    later.say("yes")
    later.say("next")
    assert store.load(later.user_id).days[-1].reps == {"toe_taps": 20, "squats": 10}
