"""Property tests over random conversations: whatever people say, the coach behaves."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.domain.catalogue import ROUTINE
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


def _effective(state: SessionState, event: Event) -> SessionState:
    """The state whose row handles `event` (paused and confirming fall back to another)."""
    if state.phase is Phase.PAUSED and event.kind not in (
        EventKind.RESUME,
        EventKind.NEXT,
        EventKind.YES,
    ):
        return state._replace(phase=Phase.READY)
    if state.phase is Phase.ASKING_PERMISSION and event.kind is not EventKind.CONSENT:
        return state._replace(phase=state.back or Phase.IDLE, back=None)
    if state.phase is Phase.CONFIRM_FORGET and event.kind not in (
        EventKind.YES,
        EventKind.NO,
        EventKind.HELP,
        EventKind.REPEAT,
        EventKind.UNKNOWN,
    ):
        return state._replace(phase=state.back or Phase.IDLE, back=None)
    return state


def _completes_a_move(state: SessionState, event: Event) -> bool:
    """Our rule for when a move is done: the user moves on (or the session times out) right
    after its last set was counted out; or the brushing-teeth moment, which is one reply."""
    starts = event.kind in (EventKind.START_MOMENT, EventKind.START_ROUTINE)
    if starts and event.moment is MomentId.BRUSHING_TEETH:
        return True
    state = _effective(state, event)
    last_set = (
        state.phase is Phase.COUNTED
        and state.dose is not None
        and state.sets_done + 1 == state.dose.sets
    )
    moving_on = event.kind in (
        EventKind.NEXT,
        EventKind.DONE,
        EventKind.YES,
        EventKind.RESUME,
        EventKind.SESSION_ENDED,
    )
    # "Let's go" (START_ROUTINE) while the routine is under way carries on, as "next" does.
    goes_on = (
        event.kind is EventKind.START_ROUTINE
        and event.move is None
        and event.moment is None
        and state.plan == ROUTINE
    )
    return last_set and (moving_on or goes_on)


def _run(
    progress: UserProgress,
    script: list[Event],
    api: ReminderResult = ReminderResult(ReminderStatus.DONE),  # noqa: B008  (immutable)
) -> list[tuple[SessionState, Event, Outcome]]:
    state = SessionState()
    seen = []
    for turn, event in enumerate(script):
        context = Context(now=NOW, progress=progress, turn_id=f"turn-{turn}")
        outcome = settle(step(state, event, context), context, api)
        seen.append((state, event, outcome))
        state = outcome.state
    return seen


@PROPERTY_SETTINGS
@given(progresses, st.lists(likely_events, max_size=30), api_results)
def test_random_conversations_keep_every_promise(
    progress: UserProgress, script: list[Event], api: ReminderResult
) -> None:
    keys: set[str] = set()
    for before, event, outcome in _run(progress, script, api):
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
        assert len(done) == (1 if _completes_a_move(before, event) else 0)
        for completion in done:
            assert completion.key not in keys  # a completed move is recorded exactly once
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
