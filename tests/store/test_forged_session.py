"""Forged session attributes: every value read back is held to the engine's bounds; a bad
entry is dropped (logged) and never reaches the store or breaks the session."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from skill.domain.bounds import MAX_REPS_PER_SET
from skill.store.sqlite import SqliteStore
from skill.voice import session_codec
from tests.store.alexa import Conversation, speech_of
from tests.store.test_session_progress import MORNING, SORRY, skill_for, stored_totals

TODAY = MORNING.date().isoformat()
AT = MORNING.isoformat()


def _completion(**changes: Any) -> dict[str, Any]:
    return {"c": "forged:0:squats", "m": "squats", "r": 10, "s": 1, "d": TODAY, "at": AT} | changes


FORGED_EVENTS = [
    _completion(r=1_000_000),
    _completion(r=10**40),
    _completion(s=10**6),
    _completion(r=0),
    _completion(r=10.5),
    _completion(d="2001-01-01", at="2001-01-01T07:00:00+00:00"),
    _completion(c="x" * 10_000),
    {"p": 1, "a": 10**9},
    {"p": 1, "a": 0},
    {"p": 1, "t": float("inf")},
    {"p": 1, "t": float("nan")},
    {"p": 1, "t": 40.0},
    {"p": 1, "d": {"squats": 99}},
]


# The parts of the session codec's one attribute: the coaching state and the progress.
STATE_KEY, PROGRESS_KEY = "s", "p"


def _forge(talk: Conversation, part: str, change: dict[str, Any]) -> None:
    """Change `part` of what the session carries, as a forged request would."""
    memory = session_codec.decode(talk.attributes.get(session_codec.KEY))
    memory[part] = session_codec.decode(memory.get(part)) | change
    talk.attributes[session_codec.KEY] = json.dumps(memory)


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    return SqliteStore(tmp_path / "p.sqlite3")


@pytest.mark.parametrize("event", FORGED_EVENTS, ids=lambda e: json.dumps(e)[:40])
def test_a_forged_queued_save_never_reaches_the_store(
    store: SqliteStore, user_id: str, event: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    talk = Conversation(skill_for(store), user_id)
    talk.launch()
    _forge(talk, PROGRESS_KEY, {"q": [event]})
    with caplog.at_level(logging.WARNING, logger="skill.voice.progress"):
        reply = talk.say("AMAZON.HelpIntent")
    assert SORRY not in speech_of(reply)
    assert "dropped a pending progress event" in caplog.text
    progress = store.load(user_id)
    assert progress.days == ()
    assert progress.profile.age is None
    assert progress.profile.tempo == 1.0
    assert progress.profile.dose_adjustments == {}
    # A new session is offered an ordinary dose, not 271 sets.
    fresh = Conversation(skill_for(store), user_id, session="s2")
    assert SORRY not in speech_of(fresh.launch())
    assert SORRY not in speech_of(fresh.say("StartRoutineIntent"))


def test_a_genuine_queued_save_still_counts(store: SqliteStore, user_id: str) -> None:
    talk = Conversation(skill_for(store), user_id)
    talk.launch()
    _forge(talk, PROGRESS_KEY, {"q": [_completion()]})
    talk.say("AMAZON.HelpIntent")
    assert sum(stored_totals(store, user_id).values()) == 10


@pytest.mark.parametrize(
    "progress",
    [
        {"v": 1, "p": {"t": 1.0}, "f": TODAY, "d": [[0, 10**40]]},
        {"v": 1, "p": {"t": 1.0}, "f": TODAY, "d": [[0, 1_000_000]]},
        {"v": 1, "p": {"t": 1.0}, "f": TODAY, "d": [[-5, 10]]},
        {"v": 1, "p": {"t": 1.0}, "f": "2099-01-01", "d": [[0, 10]]},
        {"v": 1, "p": {"t": float("inf")}},
        {"v": 1, "p": {"t": 1.0, "a": 10**9}},
        {"v": 1, "p": {"t": 1.0, "d": {"squats": 10**40}}},
    ],
    ids=["reps-1e40", "reps-1e6", "negative-day", "future", "tempo-inf", "age-1e9", "adj-1e40"],
)
def test_forged_session_progress_is_reloaded_from_the_store(
    store: SqliteStore, user_id: str, progress: dict[str, Any]
) -> None:
    talk = Conversation(skill_for(store), user_id)
    talk.launch()
    _forge(talk, PROGRESS_KEY, {"p": progress})
    for intent in ("StartRoutineIntent", "AMAZON.NextIntent", "AMAZON.NextIntent"):
        assert SORRY not in speech_of(talk.say(intent))
    assert "1000000" not in json.dumps(talk.attributes)


@pytest.mark.parametrize(
    "change",
    [
        {"dose": {"reps": 10**40}},
        {"dose": {"sets": 10**6}},
        {"dose": {"reps": MAX_REPS_PER_SET + 1}},
        {"dose": {"hold_seconds": float("inf")}},
        {"dose": {"last_set_reps": 10**40}},
        {"tempo": float("inf")},
        {"tempo": float("nan")},
        {"tempo": 100.0},
        {"index": 10**40},
        {"sets_done": -1},
        {"run": "r" * 10_000},
    ],
    ids=lambda c: json.dumps(c)[:30],
)
def test_a_forged_session_state_starts_afresh_instead_of_breaking(
    store: SqliteStore, user_id: str, change: dict[str, Any]
) -> None:
    talk = Conversation(skill_for(store), user_id)
    talk.launch()
    talk.say("StartRoutineIntent")
    state = session_codec.decode(talk.attributes[session_codec.KEY])[STATE_KEY]
    if "dose" in change:
        change = {"dose": state["dose"] | change["dose"]}
    _forge(talk, STATE_KEY, change)
    for intent in ("AMAZON.NextIntent", "AMAZON.NextIntent", "AMAZON.RepeatIntent"):
        assert SORRY not in speech_of(talk.say(intent))
