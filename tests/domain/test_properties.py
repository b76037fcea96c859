"""Property tests over random conversations: whatever people say, the coach behaves."""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.domain.catalogue import MOMENTS
from skill.domain.events import Event, EventKind
from skill.domain.ids import Feedback, MomentId, MoveId
from skill.domain.progress import Completion, UserProgress
from skill.domain.reminders import ConsentAnswer, ReminderAction, ReminderResult, ReminderStatus
from skill.domain.session import step
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context, Outcome
from tests.domain.talk import MAX_STATE_JSON, NOW, check_outcome, check_reply, settle, veteran

PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

events = st.builds(
    Event,
    kind=st.sampled_from(EventKind),
    move=st.none() | st.sampled_from(MoveId),
    moment=st.none() | st.sampled_from(MomentId),
    feedback=st.none() | st.sampled_from(Feedback),
    number=st.none() | st.integers(min_value=-5, max_value=200),
    big_birthday=st.none() | st.integers(min_value=-5, max_value=200),
    reminder=st.none() | st.sampled_from(ReminderAction),
    at=st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    consent=st.none() | st.sampled_from(ConsentAnswer),
    end_after=st.booleans(),
)
# How the Reminders API answers the calls a conversation makes.
api_results = st.builds(ReminderResult, status=st.sampled_from(ReminderStatus))
# Mostly "next", as in a real workout, so that random walks get deep into routines.
likely_events = st.one_of(st.just(Event(EventKind.NEXT)), events)
progresses = st.sampled_from(
    [UserProgress(), veteran(), veteran(age=None, tempo=1.5, weeks=1), veteran(age=71, weeks=40)]
)


# When each request comes: a number of seconds after the one before, or, to land on the
# boundary, exactly at (or a hair before) the end of a set of the reply in flight.
timings = st.one_of(
    st.floats(min_value=0, max_value=400),
    st.tuples(st.sampled_from(["at", "before"]), st.integers(min_value=0, max_value=9)),
)
Timing = float | tuple[str, int]


def _delay(state: SessionState, timing: Timing) -> float:
    if isinstance(timing, float):
        return timing
    where, which = timing
    if not state.set_ends:
        return 0.0
    end = state.set_ends[which % len(state.set_ends)]
    return end if where == "at" else max(0.0, end - 0.01)


def _heard_completes(state: SessionState, elapsed: float) -> bool:
    """Our rule for a heard set: it counts when the request came at least its planned end after
    the reply that counted it; the move is done when that was its last set."""
    if not state.set_ends or state.dose is None:
        return False
    last = state.sets_done + len(state.set_ends) == state.dose.sets
    return last and elapsed >= state.set_ends[-1]


def _handler_completes(state: SessionState, event: Event, outcome: Outcome) -> bool:
    """The other ways a move is done: a moment's reply that says its last set and ends the
    session (no request comes back to credit it), or "yes, I finished" to the question after a
    set was cut short."""
    text = outcome.reply.speech.text
    if outcome.reply.end_session and any(m.outro in text for m in MOMENTS.values()):
        return True
    answers = (EventKind.YES, EventKind.DONE, EventKind.NEXT, EventKind.RESUME)
    return (
        state.phase is Phase.CHECK_SET
        and event.kind in answers
        and state.dose is not None
        and state.sets_done + 1 == state.dose.sets
    )


def _run(
    progress: UserProgress,
    script: list[Event],
    api: ReminderResult = ReminderResult(ReminderStatus.DONE),  # noqa: B008  (immutable)
    timing: list[Timing] | None = None,
) -> list[tuple[SessionState, Event, Outcome, float]]:
    """Each turn as (state before, event, outcome, seconds since the request before)."""
    state = SessionState()
    seen = []
    heard = NOW
    for turn, event in enumerate(script):
        delay = _delay(state, timing[turn % len(timing)]) if timing else 10.0
        heard += timedelta(seconds=delay)
        context = Context(now=NOW, progress=progress, turn_id=f"turn-{turn}", heard_at=heard)
        outcome = settle(step(state, event, context), context, api)
        seen.append((state, event, outcome, delay))
        state = outcome.state
    return seen


@PROPERTY_SETTINGS
@given(progresses, st.lists(likely_events, max_size=30), api_results, st.lists(timings, min_size=1))
def test_random_conversations_keep_every_promise(
    progress: UserProgress, script: list[Event], api: ReminderResult, timing: list[Timing]
) -> None:
    keys: set[str] = set()
    for before, event, outcome, delay in _run(progress, script, api, timing):
        reply = outcome.reply
        check_outcome(outcome, session_ended=event.kind is EventKind.SESSION_ENDED)
        if event.kind in (EventKind.STOP, EventKind.SESSION_ENDED):
            assert reply.end_session
        if reply.end_session:
            assert outcome.state.phase is Phase.ENDED
        text = json.dumps(outcome.state.to_json())
        assert len(text) < MAX_STATE_JSON
        assert SessionState.from_json(json.loads(text)) == outcome.state
        done = [p for p in outcome.progress if isinstance(p, Completion)]
        # A set counts exactly when its reply had time to play: the move it completes is
        # recorded on that very request, whatever was said.
        heard = _heard_completes(before, delay)
        after_heard = before
        if before.set_ends:  # what the handler saw: the sets credited, or the set cut short
            after_heard = before._replace(set_ends=(), counted_at=None)
            if not heard and delay < before.set_ends[-1]:
                after_heard = after_heard._replace(phase=Phase.CUT_SHORT)
        expected = int(heard) + int(_handler_completes(after_heard, event, outcome))
        assert len(done) == expected, (before.phase, event.kind, delay, before.set_ends)
        for completion in done:
            assert completion.key not in keys  # and never twice
            keys.add(completion.key)
            assert completion.reps > 0
            assert completion.sets > 0


@PROPERTY_SETTINGS
@given(progresses, st.lists(events, max_size=12), events)
def test_a_retried_request_gives_the_same_outcome(
    progress: UserProgress, script: list[Event], retried: Event
) -> None:
    seen = _run(progress, script)
    state = seen[-1][2].state if seen else SessionState()
    context = Context(now=NOW, progress=progress, turn_id="retry")
    assert step(state, retried, context) == step(state, retried, context)


@PROPERTY_SETTINGS
@given(progresses, st.lists(events, max_size=12))
def test_brushing_teeth_needs_zero_replies_from_wherever_we_are(
    progress: UserProgress, script: list[Event]
) -> None:
    seen = _run(progress, [Event(EventKind.LAUNCH), *script])
    state = seen[-1][2].state
    brushing = Event(EventKind.START_MOMENT, moment=MomentId.BRUSHING_TEETH)
    outcome = step(state, brushing, Context(now=NOW, progress=progress, turn_id="brush"))
    assert outcome.reply.end_session
    assert outcome.reply.reprompt is None
    assert [type(p) for p in outcome.progress] == [Completion]
    check_reply(outcome.reply)


@PROPERTY_SETTINGS
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=12,
    ),
    st.sampled_from(["phase", "plan", "dose", "tempo", "index", "sets_done", "back", "done"]),
)
def test_any_session_attributes_parse_without_raising(junk: object, key: str) -> None:
    fresh = SessionState.from_json(junk)
    assert isinstance(fresh, SessionState)
    valid = SessionState(Phase.READY, plan=(MoveId.SQUATS,)).to_json()
    tampered = {**valid, key: junk}
    state = SessionState.from_json(tampered)
    outcome = step(state, Event(EventKind.NEXT), Context(now=NOW, turn_id="t"))
    check_reply(outcome.reply)
