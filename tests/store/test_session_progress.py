"""Progress through real conversations: the real skill and engine, real stores (SQLite in a tmp
dir, dynalite over a socket), with the store failing in the ways Alexa's world makes it fail."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from skill.config import Config
from skill.domain.history import current_streak, reps_of, week_totals
from skill.domain.ids import MoveId
from skill.domain.progression import next_big_birthday, squat_target
from skill.store.base import ProgressStore
from skill.store.dynamodb import create_table
from skill.store.sqlite import SqliteStore
from skill.voice import session_codec
from skill.voice.builder import build_skill
from skill.voice.intents import Intent
from skill.voice.redact import user_ref
from testkit.dynalite import DynaliteServer, FaultProxy
from tests.store.alexa import Conversation, CountingStore, do_routine, speech_of
from tests.store.conftest import dynamodb_store

MORNING = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
SORRY = "Sorry, something went wrong"


def skill_for(store: ProgressStore, clock: Callable[[], datetime] = lambda: MORNING) -> CustomSkill:
    return build_skill(store, Config(timezone="UTC"), clock=clock, time_zone_lookup=lambda _: None)


def _fixed(moment: datetime) -> datetime:
    return moment


def expected_totals(counting: CountingStore) -> dict[MoveId, int]:
    """What the store should hold: each distinct completion the engine emitted, once."""
    totals: Counter[MoveId] = Counter()
    for c in counting.completions.values():
        totals[c.move] += reps_of(c)
    return dict(totals)


def stored_totals(store: ProgressStore, user_id: str) -> dict[MoveId, int]:
    totals: Counter[MoveId] = Counter()
    for day in store.load(user_id).days:
        totals.update(day.reps)
    return dict(totals)


# --- cost ------------------------------------------------------------------------------------


def test_a_routine_costs_one_read_at_launch_and_one_write_per_move(
    tmp_path: Path, user_id: str
) -> None:
    counting = CountingStore(SqliteStore(tmp_path / "p.sqlite3"))
    talk = Conversation(skill_for(counting), user_id)
    per_turn: list[Counter[str]] = []
    talk.launch()
    per_turn.append(counting.take())
    talk.say("AMAZON.YesIntent")
    per_turn.append(counting.take())
    while talk.phase != "feedback":
        talk.say("AMAZON.NextIntent")
        per_turn.append(counting.take())
    talk.say("AMAZON.NoIntent")
    per_turn.append(counting.take())

    assert per_turn[0] == Counter(load=1)
    assert all(calls in (Counter(), Counter(record=1)) for calls in per_turn[1:])
    assert sum(c["record"] for c in per_turn) == len(MoveId) == len(counting.completions)


def test_on_dynamodb_the_wire_sees_one_query_and_one_update_per_move(
    fault_proxy: FaultProxy, dynamodb_table: str, user_id: str
) -> None:
    talk = Conversation(skill_for(dynamodb_store(fault_proxy.url, dynamodb_table)), user_id)
    fault_proxy.reset()
    talk.launch()
    assert fault_proxy.calls == Counter(Query=1)
    fault_proxy.reset()
    do_routine(talk)
    assert fault_proxy.calls == Counter(UpdateItem=len(MoveId))


# --- Alexa retries, and the "done when" ------------------------------------------------


def test_a_retried_request_does_not_count_twice(tmp_path: Path, user_id: str) -> None:
    counting = CountingStore(SqliteStore(tmp_path / "p.sqlite3"))
    talk = Conversation(skill_for(counting), user_id)
    do_routine(talk, stop_after_moves=1)
    first = talk.attributes
    talk.retry_last()
    assert talk.attributes == first
    assert stored_totals(counting, user_id) == expected_totals(counting)


def test_two_routines_with_the_server_killed_and_restarted_count_every_move_once(
    private_dynalite: DynaliteServer, user_id: str
) -> None:
    """Routine one; the server dies; routine two starts anyway (nothing loads), two moves are
    done while it is down; it comes back; Alexa retries a request; the routine finishes.
    Every move of both routines is in the store exactly once."""
    table = "progress"
    store = dynamodb_store(private_dynalite.url, table)
    create_table(store._client, table)
    counting = CountingStore(store)
    skill = skill_for(counting)

    do_routine(Conversation(skill, user_id, session="one"))
    private_dynalite.stop()

    second = Conversation(skill, user_id, session="two")
    assert SORRY not in speech_of(second.launch())
    do_routine(second, stop_after_moves=2)
    assert len(second.pending) == 2, "the two moves wait in the session"

    private_dynalite.start()
    second.say("AMAZON.NextIntent")
    assert second.pending == []
    second.retry_last()
    do_routine(second)

    assert len(counting.completions) == 2 * len(MoveId)
    assert stored_totals(store, user_id) == expected_totals(counting)


# --- faults: throttling, stalls, the end of the session ---------------------------------------


def test_throttling_keeps_the_move_in_the_session_until_the_store_takes_it(
    fault_proxy: FaultProxy,
    dynamodb_table: str,
    user_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    counting = CountingStore(dynamodb_store(fault_proxy.url, dynamodb_table))
    talk = Conversation(skill_for(counting), user_id)
    do_routine(talk, stop_after_moves=0)
    talk.say("AMAZON.NextIntent")  # counts the first set out loud
    fault_proxy.throttle_next = 2  # the write and its one retry
    with caplog.at_level(logging.WARNING, logger="skill.voice.progress"):
        reply = talk.say("AMAZON.NextIntent")  # confirms it: the move is done
    assert SORRY not in speech_of(reply)
    assert len(talk.pending) == 1
    assert user_ref(user_id) in caplog.text
    assert "pending" in caplog.text
    assert user_id not in caplog.text

    talk.say("AMAZON.NextIntent")
    assert talk.pending == []
    assert stored_totals(counting, user_id) == expected_totals(counting)


def test_a_pause_after_a_throttled_move_keeps_both_in_order_and_carries_on_later(
    fault_proxy: FaultProxy, dynamodb_table: str, user_id: str
) -> None:
    """The move finished before the pause is never lost behind it: the store takes them in
    order once it recovers, and a new session carries on where the pause left off."""
    store = dynamodb_store(fault_proxy.url, dynamodb_table)
    talk = Conversation(skill_for(store), user_id)
    talk.launch()
    talk.say("AMAZON.YesIntent")  # toe taps counted out in one reply
    fault_proxy.throttle_next = 2
    talk.say("AMAZON.NoIntent")  # heard in full: toe taps done, its write throttled
    assert len(talk.pending) == 1
    ended = talk.say("AMAZON.PauseIntent")  # the move is written first, then the pause
    assert ended["response"]["shouldEndSession"] is True
    assert stored_totals(store, user_id) == {MoveId.TOE_TAPS: 20}
    assert store.load(user_id).profile.paused is not None

    later = Conversation(skill_for(store), user_id, session="s2")
    assert "you were on squats" in speech_of(later.say("AMAZON.ResumeIntent"))
    assert later.phase == "paused"


def test_a_stalled_store_costs_a_bounded_turn_and_still_counts_once(
    fault_proxy: FaultProxy, dynamodb_table: str, user_id: str
) -> None:
    counting = CountingStore(dynamodb_store(fault_proxy.url, dynamodb_table))
    talk = Conversation(skill_for(counting), user_id)
    do_routine(talk, stop_after_moves=0)
    talk.say("AMAZON.NextIntent")
    # Both attempts are held past the client's read timeout, then reach the server anyway:
    # the client cannot know whether its write happened.
    fault_proxy.stall_next, fault_proxy.stall_seconds = 2, 1.1
    started = time.monotonic()
    talk.say("AMAZON.NextIntent")
    assert time.monotonic() - started < 4.0, "Alexa waits about 8 s for the whole answer"
    assert len(talk.pending) == 1
    fault_proxy.wait_until_idle()  # the held writes land

    talk.say("AMAZON.NextIntent")
    assert talk.pending == []
    assert stored_totals(counting, user_id) == expected_totals(counting)


def test_pending_progress_is_written_when_alexa_ends_the_session(
    fault_proxy: FaultProxy, dynamodb_table: str, user_id: str
) -> None:
    store = dynamodb_store(fault_proxy.url, dynamodb_table)
    talk = Conversation(skill_for(store), user_id)
    do_routine(talk, stop_after_moves=0)  # toe taps counted out in one reply
    fault_proxy.throttle_next = 2
    talk.say("AMAZON.NextIntent")  # toe taps heard: recorded (the store refuses)
    assert len(talk.pending) == 1
    talk.end()  # SessionEndedRequest (the user walked away once squats had been heard too)
    assert stored_totals(store, user_id) == {MoveId.TOE_TAPS: 20, MoveId.SQUATS: 10}


def test_progress_still_unsaved_when_the_session_ends_is_logged_as_lost(
    fault_proxy: FaultProxy,
    dynamodb_table: str,
    user_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    talk = Conversation(skill_for(dynamodb_store(fault_proxy.url, dynamodb_table)), user_id)
    do_routine(talk, stop_after_moves=0)  # toe taps counted out in one reply
    fault_proxy.throttle_next = 100
    talk.say("AMAZON.NextIntent")  # toe taps heard: recorded (the store refuses)
    with caplog.at_level(logging.ERROR, logger="skill.voice.progress"):
        talk.end()
    assert "NOT saved" in caplog.text
    assert '"m":"toe_taps"' in caplog.text
    assert user_ref(user_id) in caplog.text


def test_a_store_down_at_launch_still_coaches_and_loads_on_a_later_turn(
    fault_proxy: FaultProxy, dynamodb_table: str, user_id: str
) -> None:
    talk = Conversation(skill_for(dynamodb_store(fault_proxy.url, dynamodb_table)), user_id)
    fault_proxy.throttle_next = 2
    assert "Welcome" in speech_of(talk.launch())
    assert "p" not in session_codec.read(talk.attributes).progress, "nothing loaded yet"
    fault_proxy.reset()
    talk.say("AMAZON.YesIntent")
    assert fault_proxy.calls == Counter(Query=1)
    assert "p" in session_codec.read(talk.attributes).progress


# --- progress questions ------------------------------------------------------------------------


def test_progress_questions_are_answered_from_what_the_store_holds(
    tmp_path: Path, user_id: str
) -> None:
    """Two days of routines (and the age said on the first); on the third morning a new session
    asks how it is going: streak, this week, today's squats and the big birthday."""
    store = SqliteStore(tmp_path / "p.sqlite3")
    for n in range(2):
        day = MORNING + timedelta(days=n)
        talk = Conversation(skill_for(store, clock=partial(_fixed, day)), user_id, session=f"d{n}")
        talk.launch()
        if n == 0:
            talk.say(Intent.SET_AGE, age="47")
        do_routine(talk)

    now = MORNING + timedelta(days=2)
    talk = Conversation(skill_for(store, clock=lambda: now), user_id, session="asking")
    talk.launch()
    answer = speech_of(talk.say(Intent.PROGRESS))

    progress, today = store.load(user_id), now.date()
    assert current_streak(progress, today) == 2
    assert "2 day streak" in answer
    assert f"{week_totals(progress, today)[MoveId.SQUATS]} squats" in answer
    assert f"squat target is {squat_target(progress, today)}" in answer
    assert f"big birthday is {next_big_birthday(47)}" in answer
