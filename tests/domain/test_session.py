"""The session state machine, turn by turn: a table of transitions, then whole conversations."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from skill.domain import script
from skill.domain.catalogue import ROUTINE, move
from skill.domain.events import Event, EventKind
from skill.domain.ids import Feedback, MomentId, MoveId
from skill.domain.progress import (
    Completion,
    DayTotal,
    ForgetUser,
    Profile,
    ProfileUpdate,
    UserProgress,
)
from skill.domain.session import EVERY_PHASE, step
from skill.domain.speech import Speech
from skill.domain.state import STATE_VERSION, Phase, SessionState
from skill.domain.turn import Context
from tests.domain.talk import MAX_STATE_JSON, NOW, Talk, check_reply, veteran

K = EventKind


def idle() -> Talk:
    talk = Talk()
    talk.say(K.LAUNCH)
    return talk


def counting() -> Talk:
    """The routine's first reply: toe taps counted out in full; the next request comes after
    it has played."""
    talk = idle()
    talk.say(K.YES)
    return talk


def cut_short() -> Talk:
    """As `counting`, but the next request comes ten seconds in, while toe taps are counted."""
    talk = counting()
    talk.barge_in_after = 10.0
    return talk


def checking() -> Talk:
    talk = cut_short()
    talk.say(K.NEXT)
    return talk


def ready() -> Talk:
    """Toe taps heard and done; at squats, which are not being counted."""
    talk = counting()
    talk.say(K.NO)
    return talk


def paused() -> Talk:
    """At squats, paused, then back in a new session (the position taken up)."""
    talk = ready()
    talk.say(K.PAUSE)
    talk.next_session()
    return talk


def confirming() -> Talk:
    talk = ready()
    talk.say(K.FORGET_ME)
    return talk


def last_move() -> Talk:
    """A single-move plan: squats counted out, and how did that feel asked, in one reply."""
    talk = idle()
    talk.say(K.START_MOVE, move=MoveId.SQUATS)
    return talk


def feedback() -> Talk:
    talk = last_move()
    talk.say(K.PROGRESS)
    return talk


SETUPS: dict[str, Callable[[], Talk]] = {
    "idle": idle,
    "counting": counting,
    "cut_short": cut_short,
    "checking": checking,
    "ready": ready,
    "paused": paused,
    "confirming": confirming,
    "last_move": last_move,
    "feedback": feedback,
}


def test_setups_reach_their_phases() -> None:
    phases = {name: make().state.phase for name, make in SETUPS.items()}
    assert phases == {
        "idle": Phase.IDLE,
        "counting": Phase.COUNTED,
        "cut_short": Phase.COUNTED,
        "checking": Phase.CHECK_SET,
        "ready": Phase.READY,
        "paused": Phase.PAUSED,
        "confirming": Phase.CONFIRM_FORGET,
        "last_move": Phase.FEEDBACK,
        "feedback": Phase.FEEDBACK,
    }


C = Completion
# (setup, event, event fields, next phase, words in the reply, progress event types)
TABLE = [
    ("idle", K.YES, {}, Phase.COUNTED, "First up, toe taps", []),
    ("idle", K.NEXT, {}, Phase.COUNTED, "Next up, squats: say next", []),
    ("idle", K.NO, {}, Phase.IDLE, "single move", []),
    ("idle", K.REPEAT, {}, Phase.IDLE, "Welcome", []),
    ("idle", K.AGAIN, {}, Phase.COUNTED, "First up, toe taps", []),  # "again" at launch: restart
    ("idle", K.DONE, {}, Phase.ENDED, "See you tomorrow", []),  # "I'm done" at launch: leaving
    ("idle", K.SKIP, {}, Phase.IDLE, "haven't started", []),
    ("idle", K.PAUSE, {}, Phase.IDLE, "haven't started", []),
    ("idle", K.HOW_MANY_LEFT, {}, Phase.IDLE, "haven't started", []),
    ("idle", K.WHATS_NEXT, {}, Phase.IDLE, "toe taps, squats, heel rises", []),
    ("idle", K.HELP, {}, Phase.IDLE, "brushing my teeth", []),
    ("idle", K.EXPLAIN, {}, Phase.IDLE, "Which move", []),
    ("idle", K.EXPLAIN, {"move": MoveId.GLUTE_BRIDGE}, Phase.IDLE, "hand-span", []),
    ("idle", K.START_MOVE, {}, Phase.IDLE, "Which move", []),
    ("idle", K.START_MOMENT, {}, Phase.IDLE, "Which moment", []),
    ("idle", K.START_ROUTINE, {"move": MoveId.HEEL_RISES}, Phase.FEEDBACK, "How did that", []),
    ("idle", K.SLOWER, {}, Phase.IDLE, "Slower", [ProfileUpdate]),
    ("idle", K.SET_AGE, {"number": 42}, Phase.IDLE, "big birthday is 50", [ProfileUpdate]),
    ("idle", K.SET_AGE, {}, Phase.IDLE, "I'm 42", []),
    ("idle", K.SET_AGE, {"number": 300}, Phase.IDLE, "I'm 42", []),
    (
        "idle",
        K.SET_AGE,
        {"big_birthday": 50},
        Phase.IDLE,
        "your next big birthday is 50",
        [ProfileUpdate],
    ),
    (
        "idle",
        K.SET_AGE,
        {"big_birthday": 43},
        Phase.IDLE,
        "your next big birthday is 50",
        [ProfileUpdate],
    ),
    (
        "idle",
        K.SET_AGE,
        {"number": 39, "big_birthday": 60},
        Phase.IDLE,
        "you're 39",
        [ProfileUpdate],
    ),
    ("idle", K.PROGRESS, {}, Phase.IDLE, "squat target is 10", []),
    ("idle", K.FEEDBACK, {"feedback": Feedback.EASY}, Phase.IDLE, "Which move felt too easy", []),
    ("idle", K.FORGET_ME, {}, Phase.CONFIRM_FORGET, "Are you sure", []),
    ("idle", K.UNKNOWN, {}, Phase.IDLE, "didn't catch", []),
    ("idle", K.STOP, {}, Phase.ENDED, "See you tomorrow", []),
    # toe taps were heard in full: they count, whatever comes next
    ("counting", K.NEXT, {}, Phase.COUNTED, "Next, squats", [C]),
    ("counting", K.YES, {}, Phase.COUNTED, "Next, squats", [C]),
    ("counting", K.DONE, {}, Phase.COUNTED, "Next, squats", [C]),
    ("counting", K.START_ROUTINE, {}, Phase.COUNTED, "Next, squats", [C]),  # "let's go": on
    ("counting", K.NO, {}, Phase.READY, "No rush", [C]),
    ("counting", K.PAUSE, {}, Phase.ENDED, "Paused on squats", [C, ProfileUpdate]),
    ("counting", K.SKIP, {}, Phase.COUNTED, "Skipping squats. Next, heel rises", [C]),
    ("counting", K.REPEAT, {}, Phase.READY, "Next, squats", [C]),
    ("counting", K.START_OVER, {}, Phase.COUNTED, "Starting again from the top", [C]),
    ("counting", K.HOW_MANY_LEFT, {}, Phase.READY, "One more set of squats", [C]),
    ("counting", K.WHATS_NEXT, {}, Phase.READY, "Next is 10 squats.", [C]),
    ("counting", K.STOP, {}, Phase.ENDED, "You did toe taps", [C]),
    ("counting", K.SESSION_ENDED, {}, Phase.ENDED, "", [C, ProfileUpdate]),  # keeps the place
    # the user spoke while toe taps were being counted
    ("cut_short", K.NEXT, {}, Phase.CHECK_SET, "Did you finish those toe taps?", []),
    ("cut_short", K.YES, {}, Phase.CHECK_SET, "Did you finish those toe taps?", []),
    ("cut_short", K.DONE, {}, Phase.CHECK_SET, "Did you finish those toe taps?", []),
    ("cut_short", K.START_ROUTINE, {}, Phase.CHECK_SET, "Did you finish", []),
    ("cut_short", K.REPEAT, {}, Phase.COUNTED, "Once more", []),
    ("cut_short", K.SLOWER, {}, Phase.COUNTED, "take that set again", [ProfileUpdate]),
    ("cut_short", K.PAUSE, {}, Phase.ENDED, "Paused on toe taps", [ProfileUpdate]),
    ("cut_short", K.SKIP, {}, Phase.COUNTED, "Skipping toe taps. Next, squats", []),
    ("cut_short", K.HOW_MANY_LEFT, {}, Phase.READY, "One more set of toe taps", []),
    ("cut_short", K.HELP, {}, Phase.READY, "pause for a break", []),
    ("cut_short", K.STOP, {}, Phase.ENDED, "won't count that set of toe taps", []),
    ("cut_short", K.SESSION_ENDED, {}, Phase.ENDED, "", [ProfileUpdate]),
    ("checking", K.YES, {}, Phase.COUNTED, "That's toe taps done. Next, squats", [C]),
    ("checking", K.NEXT, {}, Phase.COUNTED, "That's toe taps done. Next, squats", [C]),
    ("checking", K.NO, {}, Phase.COUNTED, "Let's take that set again", []),
    ("checking", K.SKIP, {}, Phase.COUNTED, "Skipping toe taps", []),
    ("checking", K.REPEAT, {}, Phase.CHECK_SET, "Did you finish those toe taps?", []),
    ("checking", K.UNKNOWN, {}, Phase.CHECK_SET, "Did you finish those toe taps?", []),
    ("checking", K.STOP, {}, Phase.ENDED, "won't count that set of toe taps", []),
    ("ready", K.NEXT, {}, Phase.COUNTED, "Next, squats", []),
    ("ready", K.YES, {}, Phase.COUNTED, "Ready? 3, 2, 1, go.", []),
    ("ready", K.DONE, {}, Phase.COUNTED, "And that's 10", []),
    ("ready", K.NO, {}, Phase.READY, "No rush", []),
    ("ready", K.PAUSE, {}, Phase.ENDED, "keep your place", [ProfileUpdate]),
    ("ready", K.REPEAT, {}, Phase.READY, "Next, squats", []),
    ("ready", K.AGAIN, {}, Phase.READY, "Next, squats", []),
    ("ready", K.SKIP, {}, Phase.COUNTED, "Skipping squats", []),
    ("ready", K.HOW_MANY_LEFT, {}, Phase.READY, "One more set of squats", []),
    ("ready", K.WHATS_NEXT, {}, Phase.READY, "Next is 10 squats.", []),
    ("ready", K.EXPLAIN, {}, Phase.READY, "wiggle your toes", []),
    ("ready", K.HELP, {}, Phase.READY, "pause for a break", []),
    ("ready", K.FASTER, {}, Phase.READY, "quicker", [ProfileUpdate]),
    ("ready", K.FEEDBACK, {"feedback": Feedback.HARD}, Phase.READY, "gentlest version of toe", []),
    ("ready", K.STOP, {}, Phase.ENDED, "See you tomorrow", []),
    ("ready", K.SESSION_ENDED, {}, Phase.ENDED, "", [ProfileUpdate]),
    # Taking the position up (or moving on from it) forgets it: one ProfileUpdate.
    ("paused", K.RESUME, {}, Phase.COUNTED, "And that's 10", [ProfileUpdate]),
    ("paused", K.NEXT, {}, Phase.COUNTED, "And that's 10", [ProfileUpdate]),
    ("paused", K.NO, {}, Phase.PAUSED, "Still paused", []),
    ("paused", K.PAUSE, {}, Phase.ENDED, "keep your place", [ProfileUpdate]),
    ("paused", K.SKIP, {}, Phase.COUNTED, "Skipping squats", [ProfileUpdate]),
    ("paused", K.STOP, {}, Phase.ENDED, "See you tomorrow", []),
    ("paused", K.SESSION_ENDED, {}, Phase.ENDED, "", [ProfileUpdate]),
    ("confirming", K.YES, {}, Phase.ENDED, "deleted", [ForgetUser]),
    ("confirming", K.NO, {}, Phase.READY, "kept everything", []),
    ("confirming", K.HELP, {}, Phase.CONFIRM_FORGET, "Are you sure", []),
    ("confirming", K.UNKNOWN, {}, Phase.CONFIRM_FORGET, "Are you sure", []),
    ("confirming", K.AGAIN, {}, Phase.CONFIRM_FORGET, "Are you sure", []),
    ("confirming", K.NEXT, {}, Phase.COUNTED, "Next, squats", []),
    ("confirming", K.STOP, {}, Phase.ENDED, "See you tomorrow", []),
    # the plan's last move was heard while asking how it felt: it counts with the answer
    (
        "last_move",
        K.FEEDBACK,
        {"feedback": Feedback.EASY},
        Phase.ENDED,
        "harder",
        [C, ProfileUpdate],
    ),
    ("last_move", K.FEEDBACK, {"feedback": Feedback.RIGHT}, Phase.ENDED, "keep it", [C]),
    ("last_move", K.NO, {}, Phase.ENDED, "See you tomorrow", [C]),
    ("last_move", K.STOP, {}, Phase.ENDED, "You did squats", [C]),
    ("last_move", K.SESSION_ENDED, {}, Phase.ENDED, "", [C]),
    ("feedback", K.FEEDBACK, {"feedback": Feedback.EASY}, Phase.ENDED, "harder", [ProfileUpdate]),
    ("feedback", K.FEEDBACK, {"feedback": Feedback.RIGHT}, Phase.ENDED, "keep it", []),
    ("feedback", K.FEEDBACK, {}, Phase.FEEDBACK, "How did it feel", []),
    ("feedback", K.YES, {}, Phase.FEEDBACK, "in a word", []),
    ("feedback", K.NO, {}, Phase.ENDED, "See you tomorrow", []),
    ("feedback", K.DONE, {}, Phase.ENDED, "See you tomorrow", []),
    ("feedback", K.SKIP, {}, Phase.FEEDBACK, "everything for today", []),
    ("feedback", K.START_OVER, {}, Phase.COUNTED, "First up, toe taps", []),
    ("feedback", K.AGAIN, {}, Phase.FEEDBACK, "again from the top", []),  # the same plan again
    ("feedback", K.PROGRESS, {}, Phase.FEEDBACK, "day one of a streak", []),
]


@pytest.mark.parametrize(
    ("setup", "kind", "fields", "phase", "words", "progress"),
    TABLE,
    ids=[f"{row[0]}-{row[1]}-{i}" for i, row in enumerate(TABLE)],
)
def test_transition(
    setup: str,
    kind: EventKind,
    fields: dict[str, Any],
    phase: Phase,
    words: str,
    progress: list[type],
) -> None:
    talk = SETUPS[setup]()
    outcome = talk.say(kind, **fields)
    assert outcome.state.phase is phase
    assert words in outcome.reply.speech.text
    assert [type(p) for p in outcome.progress] == progress
    assert outcome.reply.end_session is (phase is Phase.ENDED)


def test_every_event_has_an_answer_in_every_phase() -> None:
    assert set(EVERY_PHASE) == set(EventKind)
    for make in SETUPS.values():
        for kind in EventKind:
            talk = make()
            talk.say(kind)  # checks the reply


def test_a_whole_routine_records_each_move_once_in_order() -> None:
    talk = idle()
    talk.say(K.YES)
    while talk.state.phase is not Phase.FEEDBACK:
        talk.say(K.NEXT)
        assert talk.turns < 40
    assert talk.turns == 1 + len(ROUTINE), "one reply per move"
    last = talk.say(K.FEEDBACK, feedback=Feedback.RIGHT)
    done = talk.completions
    assert [c.move for c in done] == list(ROUTINE)
    assert len({c.key for c in done}) == 5
    assert [c.reps * c.sets for c in done] == [20, 10, 10, 20, 10]
    assert all(c.local_date == NOW.date() for c in done)
    assert last.state.phase is Phase.OFFER_REMINDER, "a first routine: offer a daily reminder"
    assert talk.say(K.NO).state.phase is Phase.ENDED
    assert len(talk.completions) == len(ROUTINE)


@pytest.mark.parametrize("kind", [K.STOP, K.SKIP, K.PAUSE, K.SESSION_ENDED, K.HELP, K.LAUNCH])
def test_a_set_heard_in_full_counts_whatever_comes_next(kind: EventKind) -> None:
    talk = counting()
    outcome = talk.say(kind)
    assert [c.move for c in talk.completions] == [MoveId.TOE_TAPS]
    assert "won't count" not in outcome.reply.speech.text


def test_stop_during_a_set_does_not_count_it_and_says_so() -> None:
    talk = cut_short()
    assert "won't count that set of toe taps" in talk.say(K.STOP).reply.speech.text
    assert talk.completions == []


def test_a_set_counts_from_the_moment_its_count_ends() -> None:
    """The boundary: a request exactly at the set's planned end hears it; a moment before, not."""
    for early, completions in ((0.01, 0), (0.0, 1)):
        talk = counting()
        (end,) = talk.state.set_ends
        talk.say(K.STOP, after=end - early)
        assert len(talk.completions) == completions


def test_cut_short_then_yes_counts_once_and_goes_on() -> None:
    talk = checking()
    outcome = talk.say(K.YES)
    assert [c.move for c in talk.completions] == [MoveId.TOE_TAPS]
    assert outcome.state.current is not None
    assert outcome.state.current.id is MoveId.SQUATS
    talk.say(K.NEXT)  # squats heard in full
    assert [c.move for c in talk.completions] == [MoveId.TOE_TAPS, MoveId.SQUATS]


def test_cut_short_then_no_counts_it_again_and_then_it_counts() -> None:
    talk = checking()
    again = talk.say(K.NO)
    assert again.state.phase is Phase.COUNTED
    assert "First up" not in again.reply.speech.text, "no introduction the second time"
    talk.say(K.NEXT)
    assert [c.move for c in talk.completions] == [MoveId.TOE_TAPS]


def test_pause_after_a_heard_set_keeps_it_and_during_one_does_not() -> None:
    talk = counting()
    talk.say(K.PAUSE)
    talk.say(K.SESSION_ENDED)
    assert [c.move for c in talk.completions] == [MoveId.TOE_TAPS]
    talk = cut_short()
    talk.say(K.PAUSE)
    assert talk.say(K.RESUME).state.phase is Phase.COUNTED
    talk.say(K.NEXT)
    assert [c.move for c in talk.completions] == [MoveId.TOE_TAPS]


def test_a_move_of_two_sets_counts_only_after_its_last_set() -> None:
    talk = idle()
    first = talk.say(K.START_MOVE, move=MoveId.GLUTE_BRIDGE)
    one, two = first.state.set_ends
    text = first.reply.speech.text
    assert "Rest for 20 seconds. Set 2 of 2." in text, "a spoken rest between the sets"
    talk.say(K.SESSION_ENDED, after=(one + two) / 2)  # the second set was still being counted
    assert talk.completions == []
    talk = idle()
    talk.say(K.START_MOVE, move=MoveId.GLUTE_BRIDGE)
    talk.say(K.SESSION_ENDED, after=two)
    assert [(c.move, c.reps, c.sets) for c in talk.completions] == [(MoveId.GLUTE_BRIDGE, 10, 2)]


def test_a_cut_short_second_set_keeps_the_first() -> None:
    talk = idle()
    first = talk.say(K.START_MOVE, move=MoveId.GLUTE_BRIDGE)
    one, two = first.state.set_ends
    asked = talk.say(K.NEXT, after=(one + two) / 2)
    assert asked.state.phase is Phase.CHECK_SET
    assert asked.state.sets_done == 1
    again = talk.say(K.NO)
    assert "Set 2 of 2" in again.reply.speech.text
    assert "Set 1 of 2" not in again.reply.speech.text
    talk.say(K.FEEDBACK, feedback=Feedback.RIGHT)
    assert [(c.move, c.reps, c.sets) for c in talk.completions] == [(MoveId.GLUTE_BRIDGE, 10, 2)]


def test_floor_moves_get_longer_to_get_into_position() -> None:
    def get_ready(move_id: MoveId) -> float:
        speech = Talk().say(K.START_MOVE, move=move_id).reply.speech
        texts = [getattr(seg, "text", None) for seg in speech.segments]
        settle = texts.index("Get into position.")
        go = texts.index("go.")
        return Speech(speech.segments[settle:go]).planned_seconds()

    standing, floor = get_ready(MoveId.SQUATS), get_ready(MoveId.GLUTE_BRIDGE)
    assert floor >= standing + 5
    assert standing >= 4


def test_a_move_too_long_for_one_reply_is_split_at_a_set_boundary() -> None:
    """Age 79, a year in: 80 squats in four sets, more than a reply may hold."""
    talk = Talk(progress=veteran(age=79, weeks=60))
    first = talk.say(K.START_MOVE, move=MoveId.SQUATS)
    dose = first.state.dose
    assert dose is not None
    assert dose.total_reps == 80
    assert 1 <= len(first.state.set_ends) < dose.sets
    assert "say next for the rest of your squats" in first.reply.speech.text
    while talk.state.phase is Phase.COUNTED:
        talk.say(K.NEXT)
        assert talk.turns < 10
    assert talk.state.phase is Phase.FEEDBACK
    talk.say(K.FEEDBACK, feedback=Feedback.RIGHT)
    assert [(c.move, c.reps * c.sets) for c in talk.completions] == [(MoveId.SQUATS, 80)]


def test_a_retried_request_gives_the_same_completion_key() -> None:
    talk = counting()
    later = talk.heard_at + timedelta(minutes=5)
    context = Context(now=NOW, turn_id="retried", heard_at=later)
    first = step(talk.state, Event(K.NEXT), context)
    again = step(talk.state, Event(K.NEXT), context)
    assert first == again
    assert isinstance(first.progress[0], Completion)


def test_starting_over_is_a_new_run_with_new_keys() -> None:
    talk = counting()
    talk.say(K.START_OVER)
    talk.say(K.NEXT)
    keys = [c.key for c in talk.completions]
    assert len(keys) == 2
    assert len(set(keys)) == 2


def test_brushing_teeth_needs_no_reply_at_all() -> None:
    talk = Talk()
    outcome = talk.say(K.START_MOMENT, moment=MomentId.BRUSHING_TEETH)
    assert outcome.reply.end_session
    assert outcome.reply.reprompt is None
    assert 110 <= outcome.reply.speech.planned_seconds() <= 160
    assert [(c.move, c.reps * c.sets) for c in talk.completions] == [(MoveId.HEEL_RISES, 20)]


def test_brushing_teeth_on_one_foot_counts_each_foot() -> None:
    talk = Talk(progress=veteran(weeks=5))
    talk.say(K.START_MOMENT, moment=MomentId.BRUSHING_TEETH)
    text = talk.outcomes[-1].reply.speech.text
    assert "Now your left foot" in text
    assert talk.completions[0].reps * talk.completions[0].sets == 20


def test_kettle_is_one_reply_that_counts_twenty_toe_taps() -> None:
    talk = Talk()
    first = talk.say(K.START_MOMENT, moment=MomentId.KETTLE)
    assert first.reply.end_session
    assert "And that's 20." in first.reply.speech.text
    assert "cuppa" in first.reply.speech.text
    assert [(c.move, c.reps * c.sets) for c in talk.completions] == [(MoveId.TOE_TAPS, 20)]


def test_bath_does_todays_squats() -> None:
    talk = Talk(progress=veteran(age=42, weeks=3))
    outcome = talk.say(K.START_MOMENT, moment=MomentId.BATH)
    assert "And that's 25." in outcome.reply.speech.text


def test_tempo_is_remembered_and_persisted_within_bounds() -> None:
    normal = ready().say(K.NEXT).reply.speech.planned_seconds()
    talk = ready()
    updates = [talk.say(K.SLOWER).progress for _ in range(4)]
    assert [u[0].tempo for u in updates if u and isinstance(u[0], ProfileUpdate)] == [1.25, 1.5]
    assert "as slow as I go" in talk.outcomes[-1].reply.speech.text
    slow = talk.say(K.NEXT).reply.speech.planned_seconds()
    assert slow > normal * 1.3
    restored = SessionState.from_json(json.loads(json.dumps(talk.state.to_json())))
    assert restored.tempo == 1.5


def test_slower_during_a_set_takes_it_again_at_the_new_pace() -> None:
    talk = cut_short()
    normal = talk.outcomes[-1].reply.speech.planned_seconds()
    slower = talk.say(K.SLOWER)
    assert slower.state.phase is Phase.COUNTED
    assert slower.reply.speech.planned_seconds() > normal


def test_saved_tempo_paces_the_first_set() -> None:
    quick = Talk(progress=veteran(tempo=0.75))
    slow = Talk(progress=veteran(tempo=1.5))
    assert slow.say(K.START_MOVE, move=MoveId.SQUATS).reply.speech.planned_seconds() > (
        quick.say(K.START_MOVE, move=MoveId.SQUATS).reply.speech.planned_seconds() * 1.4
    )


def test_returning_user_hears_their_streak_and_target() -> None:
    talk = Talk(progress=veteran(age=42, weeks=5))
    text = talk.say(K.LAUNCH).reply.speech.text
    assert "Welcome back" in text
    assert "3 day streak" in text
    assert "Today's squats: 35" in text


def test_progress_report_for_a_veteran() -> None:
    talk = Talk(progress=veteran(age=42, weeks=5))
    text = talk.say(K.PROGRESS).reply.speech.text
    assert "3 day streak" in text
    assert "This week so far: 40 squats." in text  # Monday and Tuesday of this week
    assert "squat target is 35" in text
    assert "15 squats a day away from 50" in text


def test_feedback_straight_after_a_move_adjusts_that_move() -> None:
    talk = counting()
    outcome = talk.say(K.FEEDBACK, feedback=Feedback.EASY)  # toe taps heard: done
    assert outcome.progress[-1] == ProfileUpdate(dose_adjustments={MoveId.TOE_TAPS: 1})
    assert "Got it: toe taps get a little harder" in outcome.reply.speech.text


def test_forget_me_asks_first_and_no_carries_on() -> None:
    talk = ready()
    talk.say(K.FORGET_ME)
    assert talk.say(K.NO).state.phase is Phase.READY
    assert not any(isinstance(p, ForgetUser) for p in talk.progress_events)
    talk.say(K.FORGET_ME)
    assert talk.say(K.YES).progress == (ForgetUser(),)


def test_session_ended_says_nothing() -> None:
    for make in SETUPS.values():
        outcome = make().say(K.SESSION_ENDED)
        assert outcome.reply.speech.segments == ()
        assert outcome.reply.end_session


_COUNTING = {
    "version": STATE_VERSION,
    "phase": "counted",
    "plan": ["squats"],
    "dose": {
        "reps": 10,
        "sets": 1,
        "sides": "both",
        "supported": False,
        "hold_seconds": 0.0,
        "last_set_reps": 0,
    },
    "counted_at": 1_700_000_000.0,
    "set_ends": [50.0],
}


def test_a_valid_reply_in_flight_is_read_back() -> None:
    state = SessionState.from_json(_COUNTING)
    assert state.phase is Phase.COUNTED
    assert state.set_ends == (50.0,)


def test_a_set_awaiting_next_in_the_previous_version_is_counted_again() -> None:
    old = {**_COUNTING, "version": 3, "counted_at": None, "set_ends": []}
    assert SessionState.from_json(old).phase is Phase.READY


@pytest.mark.parametrize(
    "raw",
    [
        None,
        {},
        [],
        "garbage",
        {"version": 1, "phase": "idle"},
        {"version": STATE_VERSION, "phase": "nonsense"},
        {"version": STATE_VERSION, "phase": "counted"},  # coaching with no move: inconsistent
        {"version": STATE_VERSION, "phase": "ready", "plan": ["squats"], "dose": {"reps": 1}},
        {"version": STATE_VERSION, "phase": "idle", "index": "7"},
        {"version": STATE_VERSION, "phase": "idle", "tempo": "fast"},
        {"version": STATE_VERSION, "phase": "confirm_forget"},  # nowhere to go back to
        # a reply in flight must be for a move, at a time, with increasing offsets within bounds
        {"version": STATE_VERSION, "phase": "idle", "counted_at": 1.0, "set_ends": [5.0]},
        {**_COUNTING, "counted_at": None},
        {**_COUNTING, "counted_at": "now"},
        {**_COUNTING, "counted_at": 1e300},
        {**_COUNTING, "set_ends": [50.0, 40.0]},
        {**_COUNTING, "set_ends": [-1.0]},
        {**_COUNTING, "set_ends": [1e9]},
        {**_COUNTING, "set_ends": [10.0, 20.0]},  # more sets than the dose has
        {**_COUNTING, "set_ends": []},  # COUNTED with nothing in flight
        {**_COUNTING, "set_ends": [True]},
    ],
)
def test_garbage_or_stale_state_starts_afresh(raw: object) -> None:
    assert SessionState.from_json(raw) == SessionState()


@pytest.mark.parametrize("make", list(SETUPS.values()), ids=list(SETUPS))
def test_state_round_trips_through_json_and_stays_small(make: Callable[[], Talk]) -> None:
    state = make().state
    text = json.dumps(state.to_json())
    assert len(text) < MAX_STATE_JSON
    assert SessionState.from_json(json.loads(text)) == state


def test_every_waiting_reply_in_a_conversation_is_valid() -> None:
    talk = Talk(progress=veteran())
    for kind in (K.LAUNCH, K.YES, K.EXPLAIN, K.NEXT, K.HOW_MANY_LEFT, K.WHATS_NEXT, K.NEXT):
        check_reply(talk.say(kind).reply)


@pytest.mark.parametrize(
    ("move_id", "progress", "said"),
    [
        (MoveId.TOE_TAPS, None, "Today, 10 toe taps on each leg."),
        (MoveId.GLUTE_BRIDGE, None, "2 sets of 10 glute bridges, holding for 2 seconds at the top"),
        (MoveId.REVERSE_LUNGE, None, "10 reverse lunges, swapping legs each time"),
        (MoveId.SQUATS, veteran(age=42, weeks=5), "Today, 35 squats in 2 sets."),
    ],
)
def test_introductions_say_todays_dose(move_id: MoveId, progress: object, said: str) -> None:
    talk = Talk() if progress is None else Talk(progress=veteran(age=42, weeks=5))
    assert said in talk.say(K.START_MOVE, move=move_id).reply.speech.text


@pytest.mark.parametrize(("fields", "age"), [({"number": 42}, 42), ({"big_birthday": 50}, 49)])
def test_set_age_saves_an_age_whose_next_big_birthday_is_right(
    fields: dict[str, Any], age: int
) -> None:
    assert Talk().say(K.SET_AGE, **fields).progress == (ProfileUpdate(age=age),)


def _trained(*days_ago: int) -> UserProgress:
    days = tuple(
        DayTotal(date.fromordinal(NOW.date().toordinal() - n), {MoveId.SQUATS: 10})
        for n in sorted(days_ago, reverse=True)
    )
    return UserProgress(
        Profile(age=42), first_active=days[0].local_date if days else None, days=days
    )


@pytest.mark.parametrize(
    ("days_ago", "says", "never_says"),
    [
        ((), "No streak yet", "streak, today"),
        ((0,), "that's day one of a streak", "yesterday"),
        ((1,), "You trained yesterday. Do today's moves to make it 2 days", "trained today"),
        ((2, 1), "2 day streak. Do today's moves to make it 3 days", "today included"),
        ((2, 1, 0), "3 day streak, today included", "Do today's moves"),
        ((3, 2), "Good to have you back. Your last workout was on Monday", "No streak yet"),
        ((9,), "Your last workout was nine days ago, so today starts a fresh streak", "day streak"),
        ((40, 30), "Your last workout was 30 days ago", "No streak yet"),
    ],
)
def test_streak_wording_is_honest_about_today(
    days_ago: tuple[int, ...], says: str, never_says: str
) -> None:
    text = Talk(progress=_trained(*days_ago)).say(K.PROGRESS).reply.speech.text
    assert says in text
    assert never_says not in text


@pytest.mark.parametrize(
    ("days_ago", "streak_sentence"),
    [
        ((0,), "You've trained today: that's day one of a streak."),
        ((1,), "You trained yesterday, so today makes it two days in a row."),
        ((2, 1), "You're on a 2 day streak: today makes it 3."),
        ((2, 1, 0), "You're on a 3 day streak, today included."),
        ((4, 3, 2), "Your last workout was on Monday, so today starts a fresh streak."),
        ((6,), "Your last workout was on Thursday, so today starts a fresh streak."),
        ((7,), "Your last workout was seven days ago, so today starts a fresh streak."),
        ((45,), "Your last workout was 45 days ago, so today starts a fresh streak."),
    ],
)
def test_a_returning_users_launch_mentions_the_streak_in_one_sentence(
    days_ago: tuple[int, ...], streak_sentence: str
) -> None:
    """Lapsed users hear when they last trained (a weekday within the week) and are welcomed
    back to a fresh streak, not told "No streak yet"."""
    text = Talk(progress=_trained(*days_ago)).say(K.LAUNCH).reply.speech.text
    welcome, rest = text.split(". ", 1)
    assert welcome == "Welcome back to Morning Moves"
    assert rest.startswith(streak_sentence + " Today's squats")
    assert streak_sentence.count(". ") == 0  # one sentence
    assert "No streak yet" not in text


@pytest.mark.parametrize(
    ("sets_left", "later", "expected"),
    [
        (
            0,
            (MoveId.SQUATS, MoveId.HEEL_RISES),
            "That was the last set of toe taps. 2 more moves to go: squats and heel rises.",
        ),
        (0, (), "That was the last set of toe taps, and the last move. You're done."),
        (1, (MoveId.SQUATS,), "One more set of toe taps, then one more move: squats."),
        (2, (), "2 more sets of toe taps, and then you're done."),
    ],
)
def test_how_many_left_wording(sets_left: int, later: tuple[MoveId, ...], expected: str) -> None:
    assert script.sets_left_line(move(MoveId.TOE_TAPS), sets_left, later) == expected


@pytest.mark.parametrize("phase", [Phase.READY, Phase.COUNTED, Phase.PAUSED])
def test_lets_go_mid_routine_carries_on_instead_of_starting_again(phase: Phase) -> None:
    """ "Let's go" and "start" are samples of the routine's start; said while it is under way
    they mean go on, as "next" does in that phase."""
    talk, again = idle(), idle()
    for t in (talk, again):
        t.say(K.YES)  # toe taps counted
        t.say(K.NEXT)  # toe taps done: squats counted
        if phase is not Phase.COUNTED:
            t.say(K.NO)  # squats done: at heel rises
        if phase is Phase.PAUSED:
            t.say(K.PAUSE)
            t.next_session()  # the pause taken up
    assert talk.state.phase is phase
    went_on = talk.say(K.START_ROUTINE)
    assert went_on == again.say(K.NEXT)
    assert went_on.state.plan == ROUTINE
    assert went_on.state.index >= 2, "on from squats, not back at toe taps"
    assert MoveId.TOE_TAPS in went_on.state.done


def test_starting_the_routine_during_a_single_move_starts_the_routine() -> None:
    talk = idle()
    talk.say(K.START_MOVE, move=MoveId.SQUATS)
    started = talk.say(K.START_ROUTINE)
    assert started.state.plan == ROUTINE
    assert started.state.index == 0


@pytest.mark.parametrize("tempo", [0.75, 1.0, 1.5])
@pytest.mark.parametrize("move_id", list(MoveId))
def test_every_move_at_its_hardest_fits_alexas_limits_in_every_reply(
    move_id: MoveId, tempo: float
) -> None:
    """The top of every plan, at every pace, aged 79 (80 squats): each reply is checked by
    Talk (SSML size, breaks, length), splitting at set boundaries where it must."""
    hardest = veteran(age=79, tempo=tempo, weeks=60)
    profile = hardest.profile._replace(dose_adjustments=dict.fromkeys(MoveId, 2))
    talk = Talk(progress=hardest._replace(profile=profile))
    talk.say(K.START_MOVE, move=move_id)
    while talk.state.phase is Phase.COUNTED:
        talk.say(K.NEXT)
        assert talk.turns < 10
    assert talk.state.phase is Phase.FEEDBACK
    talk.say(K.FEEDBACK, feedback=Feedback.RIGHT)
    assert [c.move for c in talk.completions] == [move_id]
