"""Pauses that outlive the session (skill.domain.pause): kept in the profile, taken up by
"carry on" or by opening the skill soon after, dropped with a word on another day."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from skill.domain.bounds import RESUME_ON_OPEN_HOURS
from skill.domain.catalogue import ROUTINE, move
from skill.domain.events import EventKind
from skill.domain.history import (
    event_from_json,
    event_to_json,
    progress_from_json,
    progress_to_json,
    with_event,
)
from skill.domain.ids import Feedback, MomentId, MoveId, Style
from skill.domain.progress import Completion, ForgetUser, Profile, ProfileUpdate, UserProgress
from skill.domain.state import PausedPosition, Phase
from tests.domain.talk import NOW, Talk

K = EventKind
UNPAUSE = ProfileUpdate(unpause=True)


def on_glute_bridge_set_two() -> Talk:
    """A glute bridges (two sets) with its first set done, then paused."""
    talk = Talk()
    talk.say(K.LAUNCH)
    talk.say(K.START_MOVE, move=MoveId.GLUTE_BRIDGE)  # both sets in one reply
    first, second = talk.state.set_ends[:2]
    talk.barge_in_after = (first + second) / 2  # the next request comes during set 2
    return talk


def saved(talk: Talk) -> PausedPosition:
    updates = [e for e in talk.progress_events if isinstance(e, ProfileUpdate) and e.paused]
    assert updates, "the pause was saved"
    paused = updates[-1].paused
    assert paused is not None
    return paused


def test_pause_keeps_the_exact_position_and_ends_saying_how_to_come_back() -> None:
    talk = on_glute_bridge_set_two()
    before = talk.state
    out = talk.say(K.PAUSE)
    assert out.reply.end_session
    assert "Paused on glute bridges" in out.reply.speech.text
    assert "Alexa, ask morning moves to carry on" in out.reply.speech.text
    position = saved(talk)
    assert position.at == NOW
    kept = position.state
    assert kept.phase is Phase.PAUSED
    assert (kept.run, kept.plan, kept.index, kept.dose, kept.tempo) == (
        before.run,
        before.plan,
        before.index,
        before.dose,
        before.tempo,
    )
    assert kept.sets_done == 1, "the set heard in full before the pause counts"
    assert kept.counted_at is None, "nothing in flight"


@pytest.mark.parametrize("kind", [K.RESUME, K.LAUNCH])
def test_a_new_session_carries_on_at_the_same_move_and_set(kind: EventKind) -> None:
    talk = on_glute_bridge_set_two()
    talk.say(K.PAUSE)
    talk.now = NOW + timedelta(minutes=20)
    back = talk.next_session(kind)
    assert back.reply.speech.text.startswith("Welcome back: you were on glute bridges. Ready?")
    assert back.state.phase is Phase.PAUSED
    assert back.state.sets_done == 1
    assert back.progress == ()  # kept until it is taken up: silence would not lose it
    counting = talk.say(K.YES)  # set 2, then the single move's "how did that feel?"
    assert "set 2" in counting.reply.speech.text.lower() or "last set" in (
        counting.reply.speech.text.lower()
    )
    assert counting.progress == (UNPAUSE,)
    talk.say(K.NEXT)
    (done,) = talk.completions
    assert done.move is MoveId.GLUTE_BRIDGE
    assert f":{saved(talk).state.run}:" in done.key, "the paused run's key"


def test_a_routine_paused_midway_finishes_with_the_moves_before_the_pause() -> None:
    talk = Talk()
    talk.say(K.LAUNCH)
    talk.say(K.YES)  # toe taps, heard in full
    talk.say(K.PAUSE)  # at squats
    talk.now = NOW + timedelta(hours=RESUME_ON_OPEN_HOURS + 1)
    talk.next_session(K.RESUME)
    while talk.state.phase is not Phase.FEEDBACK:
        talk.say(K.NEXT)
        assert talk.turns < 40
    talk.say(K.FEEDBACK, feedback=Feedback.RIGHT)  # the last move, heard in full, counts
    assert [c.move for c in talk.completions] == list(talk.state.plan or ROUTINE)
    assert any("all five moves" in o.reply.speech.text for o in talk.outcomes)


def test_opening_the_skill_hours_later_mentions_the_pause_and_carry_on_takes_it_up() -> None:
    talk = on_glute_bridge_set_two()
    talk.say(K.PAUSE)
    talk.now = NOW + timedelta(hours=RESUME_ON_OPEN_HOURS, minutes=1)
    opened = talk.next_session(K.LAUNCH)
    assert opened.state.phase is Phase.IDLE
    assert "paused on glute bridges: say carry on" in opened.reply.speech.text
    assert opened.progress == ()
    assert talk.say(K.RESUME).state.phase is Phase.PAUSED


@pytest.mark.parametrize(("days", "words"), [(1, "from yesterday"), (3, "from an earlier day")])
@pytest.mark.parametrize("kind", [K.LAUNCH, K.RESUME])
def test_a_pause_from_another_day_is_dropped_with_a_word(
    days: int, words: str, kind: EventKind
) -> None:
    talk = on_glute_bridge_set_two()
    talk.say(K.PAUSE)
    talk.now = NOW + timedelta(days=days, hours=-6)  # early on a later morning
    opened = talk.next_session(kind)
    assert opened.reply.speech.text.startswith(
        f"Your paused workout was {words}, so let's start fresh."
    )
    assert UNPAUSE in opened.progress
    assert opened.state.phase is (Phase.IDLE if kind is K.LAUNCH else Phase.COUNTED)


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (K.START_MOVE, {"move": MoveId.HEEL_RISES}),
        (K.START_ROUTINE, {}),
        (K.START_MOMENT, {"moment": MomentId.BRUSHING_TEETH}),  # one reply, session over
        (K.START_MOMENT, {"moment": MomentId.KETTLE}),
    ],
)
def test_starting_something_else_forgets_the_pause(kind: EventKind, fields: dict[str, Any]) -> None:
    talk = on_glute_bridge_set_two()
    talk.say(K.PAUSE)
    talk.now = NOW + timedelta(hours=RESUME_ON_OPEN_HOURS + 1)  # a plain launch does not take it up
    talk.next_session(K.LAUNCH)
    started = talk.say(kind, **fields)
    assert started.progress.count(UNPAUSE) == 1
    assert talk.next_session(K.LAUNCH).state.phase is Phase.IDLE


def test_stopping_at_the_welcome_back_keeps_the_pause() -> None:
    talk = on_glute_bridge_set_two()
    talk.say(K.PAUSE)
    talk.next_session(K.LAUNCH)
    assert talk.say(K.STOP).progress == ()
    assert talk.next_session(K.LAUNCH).state.phase is Phase.PAUSED


def test_forgetting_the_user_forgets_the_pause() -> None:
    talk = on_glute_bridge_set_two()
    talk.say(K.PAUSE)
    progress = talk.progress
    for event in talk.progress_events:
        progress = with_event(progress, event)
    assert progress.profile.paused is not None
    assert with_event(progress, ForgetUser()).profile.paused is None


def test_the_position_survives_every_codec() -> None:
    talk = on_glute_bridge_set_two()
    talk.say(K.PAUSE)
    position = saved(talk)
    assert PausedPosition.decode(position.encode()) == position
    update = ProfileUpdate(paused=position)
    assert event_from_json(event_to_json(update)) == update
    assert event_from_json(event_to_json(UNPAUSE)) == UNPAUSE
    progress = with_event(UserProgress(), update)
    assert progress_from_json(progress_to_json(progress), NOW.date()) == progress
    assert len(position.encode()) < 600


@pytest.mark.parametrize(
    "text",
    [None, "", "{", "[]", '{"at": "x", "s": {}}', '{"at": "2026-11-25T07:30:00", "s": {}}', 7],
)
def test_an_unreadable_position_is_none(text: object) -> None:
    assert PausedPosition.decode(text) is None


def test_a_pause_is_not_a_completion() -> None:
    talk = on_glute_bridge_set_two()
    talk.say(K.PAUSE)
    assert not [e for e in talk.progress_events if isinstance(e, Completion)]


def test_a_gentle_plan_is_taken_up_gentle() -> None:
    talk = Talk(progress=UserProgress(Profile(style=Style.GENTLE)))
    talk.say(K.LAUNCH)
    talk.say(K.START_ROUTINE)
    talk.say(K.PAUSE)
    assert saved(talk).state.style is Style.GENTLE
    back = talk.next_session(K.RESUME)
    assert back.state.style is Style.GENTLE
    assert back.state.current == move(MoveId.SQUATS, Style.GENTLE)  # toe taps were heard
