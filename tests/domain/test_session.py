"""The session state machine, turn by turn: a table of transitions, then whole conversations."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

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
from skill.domain.state import STATE_VERSION, Phase, SessionState
from skill.domain.turn import Context
from tests.domain.talk import MAX_STATE_JSON, NOW, Talk, check_reply, veteran

K = EventKind


def idle() -> Talk:
    talk = Talk()
    talk.say(K.LAUNCH)
    return talk


def ready() -> Talk:
    talk = idle()
    talk.say(K.START_MOVE, move=MoveId.SQUATS)
    return talk


def counted() -> Talk:
    talk = ready()
    talk.say(K.NEXT)
    return talk


def paused() -> Talk:
    talk = counted()
    talk.say(K.PAUSE)
    return talk


def confirming() -> Talk:
    talk = counted()
    talk.say(K.FORGET_ME)
    return talk


def feedback() -> Talk:
    talk = counted()
    talk.say(K.NEXT)
    return talk


SETUPS: dict[str, Callable[[], Talk]] = {
    "idle": idle,
    "ready": ready,
    "counted": counted,
    "paused": paused,
    "confirming": confirming,
    "feedback": feedback,
}


def test_setups_reach_their_phases() -> None:
    phases = {name: make().state.phase for name, make in SETUPS.items()}
    assert phases == {
        "idle": Phase.IDLE,
        "ready": Phase.READY,
        "counted": Phase.COUNTED,
        "paused": Phase.PAUSED,
        "confirming": Phase.CONFIRM_FORGET,
        "feedback": Phase.FEEDBACK,
    }


# (setup, event, event fields, next phase, words in the reply, progress event types)
TABLE = [
    ("idle", K.YES, {}, Phase.READY, "First up, toe taps", []),
    ("idle", K.NEXT, {}, Phase.READY, "First up, toe taps", []),
    ("idle", K.NO, {}, Phase.IDLE, "single move", []),
    ("idle", K.REPEAT, {}, Phase.IDLE, "Welcome", []),
    ("idle", K.AGAIN, {}, Phase.READY, "First up, toe taps", []),  # "again" at launch: restart
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
    ("idle", K.START_ROUTINE, {"move": MoveId.HEEL_RISES}, Phase.READY, "heel rises", []),
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
    ("idle", K.FEEDBACK, {"feedback": Feedback.EASY}, Phase.IDLE, "after a move", []),
    ("idle", K.FORGET_ME, {}, Phase.CONFIRM_FORGET, "Are you sure", []),
    ("idle", K.UNKNOWN, {}, Phase.IDLE, "didn't catch", []),
    ("idle", K.STOP, {}, Phase.ENDED, "See you tomorrow", []),
    ("ready", K.NEXT, {}, Phase.COUNTED, "And that's 10", []),
    ("ready", K.YES, {}, Phase.COUNTED, "Ready? 3, 2, 1, go.", []),
    ("ready", K.NO, {}, Phase.READY, "No rush", []),
    ("ready", K.DONE, {}, Phase.COUNTED, "And that's 10", []),
    ("ready", K.PAUSE, {}, Phase.PAUSED, "Paused", []),
    ("ready", K.REPEAT, {}, Phase.READY, "Let's do squats", []),
    ("ready", K.AGAIN, {}, Phase.READY, "Let's do squats", []),
    ("ready", K.SKIP, {}, Phase.IDLE, "Skipping squats", []),
    ("ready", K.HOW_MANY_LEFT, {}, Phase.READY, "One more set of squats", []),
    ("ready", K.WHATS_NEXT, {}, Phase.READY, "Next is 10 squats.", []),
    ("ready", K.EXPLAIN, {}, Phase.READY, "wiggle your toes", []),
    ("ready", K.HELP, {}, Phase.READY, "pause for a break", []),
    ("ready", K.FASTER, {}, Phase.READY, "quicker", [ProfileUpdate]),
    ("ready", K.FEEDBACK, {"feedback": Feedback.HARD}, Phase.READY, "ease off", [ProfileUpdate]),
    ("ready", K.STOP, {}, Phase.ENDED, "See you tomorrow", []),
    ("ready", K.SESSION_ENDED, {}, Phase.ENDED, "", []),
    ("counted", K.NEXT, {}, Phase.FEEDBACK, "How did that feel", [Completion]),
    ("counted", K.YES, {}, Phase.FEEDBACK, "squats done", [Completion]),
    ("counted", K.REPEAT, {}, Phase.COUNTED, "Once more", []),
    ("counted", K.AGAIN, {}, Phase.COUNTED, "Once more", []),  # mid-set: that set again
    ("counted", K.DONE, {}, Phase.FEEDBACK, "How did that feel", [Completion]),  # set done
    ("counted", K.SLOWER, {}, Phase.COUNTED, "take that set again", [ProfileUpdate]),
    ("counted", K.PAUSE, {}, Phase.PAUSED, "Paused", []),
    ("counted", K.SKIP, {}, Phase.IDLE, "Skipping squats", []),
    ("counted", K.START_OVER, {}, Phase.READY, "from the top", []),
    ("counted", K.HOW_MANY_LEFT, {}, Phase.COUNTED, "and the last move. You're done", []),
    ("counted", K.WHATS_NEXT, {}, Phase.COUNTED, "last move", []),
    ("counted", K.STOP, {}, Phase.ENDED, "won't count that set", []),
    ("counted", K.SESSION_ENDED, {}, Phase.ENDED, "", [Completion]),
    ("paused", K.RESUME, {}, Phase.COUNTED, "Welcome back", []),
    ("paused", K.NEXT, {}, Phase.COUNTED, "And that's 10", []),
    ("paused", K.NO, {}, Phase.PAUSED, "Still paused", []),
    ("paused", K.PAUSE, {}, Phase.PAUSED, "Still paused", []),
    ("paused", K.SKIP, {}, Phase.IDLE, "Skipping squats", []),
    ("paused", K.STOP, {}, Phase.ENDED, "See you tomorrow", []),
    ("paused", K.SESSION_ENDED, {}, Phase.ENDED, "", []),
    ("confirming", K.YES, {}, Phase.ENDED, "deleted", [ForgetUser]),
    ("confirming", K.NO, {}, Phase.COUNTED, "kept everything", []),
    ("confirming", K.HELP, {}, Phase.CONFIRM_FORGET, "Are you sure", []),
    ("confirming", K.UNKNOWN, {}, Phase.CONFIRM_FORGET, "Are you sure", []),
    ("confirming", K.AGAIN, {}, Phase.CONFIRM_FORGET, "Are you sure", []),
    ("confirming", K.NEXT, {}, Phase.FEEDBACK, "squats done", [Completion]),
    ("confirming", K.STOP, {}, Phase.ENDED, "See you tomorrow", []),
    ("feedback", K.FEEDBACK, {"feedback": Feedback.EASY}, Phase.ENDED, "harder", [ProfileUpdate]),
    ("feedback", K.FEEDBACK, {"feedback": Feedback.RIGHT}, Phase.ENDED, "keep it", []),
    ("feedback", K.FEEDBACK, {}, Phase.FEEDBACK, "How did it feel", []),
    ("feedback", K.YES, {}, Phase.FEEDBACK, "in a word", []),
    ("feedback", K.NO, {}, Phase.ENDED, "See you tomorrow", []),
    ("feedback", K.DONE, {}, Phase.ENDED, "See you tomorrow", []),
    ("feedback", K.SKIP, {}, Phase.FEEDBACK, "everything for today", []),
    ("feedback", K.START_OVER, {}, Phase.READY, "First up, toe taps", []),
    ("feedback", K.AGAIN, {}, Phase.READY, "again from the top", []),  # the same plan again
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
    fields: dict[str, object],
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
    last = talk.say(K.FEEDBACK, feedback=Feedback.RIGHT)
    done = talk.completions
    assert [c.move for c in done] == list(ROUTINE)
    assert len({c.key for c in done}) == 5
    assert [c.reps * c.sets for c in done] == [20, 10, 10, 20, 10]
    assert all(c.local_date == NOW.date() for c in done)
    assert last.state.phase is Phase.OFFER_REMINDER, "a first routine: offer a daily reminder"
    assert talk.say(K.NO).state.phase is Phase.ENDED
    assert len(talk.completions) == len(ROUTINE)


def test_stopping_straight_after_a_set_does_not_count_it() -> None:
    talk = counted()
    talk.say(K.STOP)
    assert talk.completions == []


def test_pause_after_the_last_set_means_it_is_counted_again_before_it_counts() -> None:
    talk = counted()
    talk.say(K.PAUSE)
    talk.say(K.SESSION_ENDED)
    assert talk.completions == []
    talk = counted()
    talk.say(K.PAUSE)
    assert talk.say(K.RESUME).state.phase is Phase.COUNTED
    talk.say(K.NEXT)
    assert len(talk.completions) == 1


def test_a_move_counts_only_after_its_last_set() -> None:
    talk = idle()
    talk.say(K.START_MOVE, move=MoveId.GLUTE_BRIDGE)
    talk.say(K.NEXT)  # set 1 counted out
    talk.say(K.SESSION_ENDED)
    assert talk.completions == []
    talk = idle()
    talk.say(K.START_MOVE, move=MoveId.GLUTE_BRIDGE)
    talk.say(K.NEXT)
    assert "set 2" in talk.say(K.NEXT).reply.speech.text.lower()
    talk.say(K.SESSION_ENDED)  # the last set was heard out, nobody interrupted
    assert [(c.move, c.reps, c.sets) for c in talk.completions] == [(MoveId.GLUTE_BRIDGE, 10, 2)]


def test_a_retried_request_gives_the_same_completion_key() -> None:
    talk = counted()
    context = Context(now=NOW, turn_id="retried")
    first = step(talk.state, Event(K.NEXT), context)
    again = step(talk.state, Event(K.NEXT), context)
    assert first == again
    assert isinstance(first.progress[0], Completion)


def test_starting_over_is_a_new_run_with_new_keys() -> None:
    talk = counted()
    talk.say(K.NEXT)
    talk.say(K.START_OVER)
    talk.say(K.NEXT)
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


def test_kettle_counts_twenty_toe_taps_straight_away_and_ends_after_next() -> None:
    talk = Talk()
    first = talk.say(K.START_MOMENT, moment=MomentId.KETTLE)
    assert first.state.phase is Phase.COUNTED
    assert "And that's 20." in first.reply.speech.text
    last = talk.say(K.NEXT)
    assert last.reply.end_session
    assert "cuppa" in last.reply.speech.text
    assert [(c.move, c.reps * c.sets) for c in talk.completions] == [(MoveId.TOE_TAPS, 20)]


def test_bath_does_todays_squats() -> None:
    talk = Talk(progress=veteran(age=42, weeks=3))
    outcome = talk.say(K.START_MOMENT, moment=MomentId.BATH)
    assert "And that's 25." in outcome.reply.speech.text


def test_tempo_is_remembered_and_persisted_within_bounds() -> None:
    talk = ready()
    normal = talk.say(K.NEXT).reply.speech.planned_seconds()
    updates = [talk.say(K.SLOWER).progress for _ in range(4)]
    assert [u[0].tempo for u in updates if u and isinstance(u[0], ProfileUpdate)] == [1.25, 1.5]
    assert "as slow as I go" in talk.outcomes[-1].reply.speech.text
    slow = talk.say(K.REPEAT).reply.speech.planned_seconds()
    assert slow > normal * 1.3
    restored = SessionState.from_json(json.loads(json.dumps(talk.state.to_json())))
    assert restored.tempo == 1.5


def test_saved_tempo_paces_the_first_set() -> None:
    quick = Talk(progress=veteran(tempo=0.75))
    quick.say(K.START_MOVE, move=MoveId.SQUATS)
    slow = Talk(progress=veteran(tempo=1.5))
    slow.say(K.START_MOVE, move=MoveId.SQUATS)
    assert slow.say(K.NEXT).reply.speech.planned_seconds() > (
        quick.say(K.NEXT).reply.speech.planned_seconds() * 1.5
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


def test_feedback_in_the_middle_of_a_move_adjusts_that_move() -> None:
    talk = ready()
    outcome = talk.say(K.FEEDBACK, feedback=Feedback.EASY)
    assert outcome.progress == (ProfileUpdate(dose_adjustments={MoveId.SQUATS: 1}),)
    assert outcome.state.phase is Phase.READY


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


@pytest.mark.parametrize(
    "raw",
    [
        None,
        {},
        [],
        "garbage",
        {"version": STATE_VERSION - 1, "phase": "idle"},
        {"version": STATE_VERSION, "phase": "nonsense"},
        {"version": STATE_VERSION, "phase": "counted"},  # coaching with no move: inconsistent
        {"version": STATE_VERSION, "phase": "ready", "plan": ["squats"], "dose": {"reps": 1}},
        {"version": STATE_VERSION, "phase": "idle", "index": "7"},
        {"version": STATE_VERSION, "phase": "idle", "tempo": "fast"},
        {"version": STATE_VERSION, "phase": "confirm_forget"},  # nowhere to go back to
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
    fields: dict[str, object], age: int
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
        t.say(K.YES)
        t.say(K.NEXT)
        t.say(K.NEXT)  # toe taps done: squats introduced
        if phase is not Phase.READY:
            t.say(K.NEXT)  # squats counted
        if phase is Phase.PAUSED:
            t.say(K.PAUSE)
    assert talk.state.phase is phase
    went_on = talk.say(K.START_ROUTINE)
    assert went_on == again.say(K.NEXT)
    assert went_on.state.plan == ROUTINE
    assert went_on.state.index >= 1, "on from squats, not back at toe taps"
    assert MoveId.TOE_TAPS in went_on.state.done


def test_starting_the_routine_during_a_single_move_starts_the_routine() -> None:
    talk = idle()
    talk.say(K.START_MOVE, move=MoveId.SQUATS)
    started = talk.say(K.START_ROUTINE)
    assert started.state.plan == ROUTINE
    assert started.state.index == 0
