"""The reminder conversation inside the state machine: the one offer after the first full
routine, its answers, reminder requests in any phase, and the permission hand-off. The
Reminders API is an effect: these tests play its part by stepping the result back in."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from skill.domain.effects import AskPermission, CallReminders
from skill.domain.events import Event, EventKind
from skill.domain.ids import Feedback, MoveId
from skill.domain.progress import DayTotal, ProfileUpdate, UserProgress
from skill.domain.reminders import (
    ConsentAnswer,
    ReminderAction,
    ReminderResult,
    ReminderStatus,
    ReminderWords,
)
from skill.domain.session import step
from skill.domain.speech import PermissionCard
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context, Outcome
from tests.domain.engine_driver import FEEDBACK_RIGHT, context, finished_routine, routine_turns

K = EventKind
SEVEN = time(7, 0)  # the workout was at 7:10
SEE_YOU = "See you tomorrow."


def _offer(ctx: Context | None = None, feedback: Event = FEEDBACK_RIGHT) -> tuple[Context, Outcome]:
    ctx = ctx or context()
    state, _ = finished_routine(ctx)
    return ctx, step(state, feedback, ctx)


def _api(outcome: Outcome, ctx: Context, status: ReminderStatus, *times: time) -> Outcome:
    """The voice layer's part: carry out the one call, and step its result back in."""
    (call,) = outcome.effects
    assert isinstance(call, CallReminders)
    result = ReminderResult(status, times)
    return step(outcome.state, Event(K.REMINDER_DONE, call=call, result=result), ctx)


def test_the_first_full_routine_ends_with_one_reminder_offer() -> None:
    _, offered = _offer(feedback=Event(K.FEEDBACK, feedback=Feedback.EASY))
    assert offered.state.phase is Phase.OFFER_REMINDER
    assert offered.state.offer_at == SEVEN
    assert not offered.reply.end_session
    assert offered.reply.speech.text.endswith("Shall I remind you every day at 7 a.m.?")
    assert SEE_YOU not in offered.reply.speech.text, "the goodbye waits for the answer"
    assert offered.reply.reprompt == ReminderWords.offer_reprompt(SEVEN)
    assert any(isinstance(p, ProfileUpdate) for p in offered.progress), "feedback recorded"


def test_yes_sets_the_reminder_then_says_goodbye() -> None:
    ctx, offered = _offer()
    calling = step(offered.state, Event(K.YES), ctx)
    assert calling.effects == (CallReminders(ReminderAction.SET, SEVEN, after_goodbye=True),)
    done = _api(calling, ctx, ReminderStatus.DONE, SEVEN)
    assert done.reply.speech.text == f"{ReminderWords.set_done(SEVEN).text} {SEE_YOU}"
    assert done.reply.end_session
    assert done.effects == ()


def test_yes_without_the_permission_hands_over_to_alexa_and_her_answer_finishes() -> None:
    ctx, offered = _offer()
    asking = _api(step(offered.state, Event(K.YES), ctx), ctx, ReminderStatus.NO_PERMISSION)
    assert asking.state.phase is Phase.ASKING_PERMISSION
    assert asking.effects == (AskPermission(SEVEN),)
    assert asking.reply.speech.segments == ()

    approved = Event(K.CONSENT, consent=ConsentAnswer.ACCEPTED, at=SEVEN)
    calling = step(asking.state, approved, ctx)
    (call,) = calling.effects
    assert call == CallReminders(ReminderAction.SET, SEVEN, may_ask=False, after_goodbye=True)
    done = _api(calling, ctx, ReminderStatus.DONE, SEVEN)
    assert done.reply.speech.text.endswith(SEE_YOU)
    assert done.reply.end_session


@pytest.mark.parametrize("answer", [K.NO, K.NEXT])
def test_no_declines_for_good(answer: EventKind) -> None:
    ctx, offered = _offer()
    declined = step(offered.state, Event(answer), ctx)
    assert declined.reply.speech.text == f"{ReminderWords.offer_declined().text} {SEE_YOU}"
    assert declined.reply.end_session
    assert declined.effects == ()


def test_an_unclear_answer_asks_again() -> None:
    ctx, offered = _offer()
    again = step(offered.state, Event(K.UNKNOWN), ctx)
    assert again.state == offered.state
    assert again.reply.speech == ReminderWords.offer_reprompt(SEVEN)
    assert again.reply.reprompt == ReminderWords.offer_reprompt(SEVEN)


def test_moving_on_closes_the_offer_and_it_never_comes_back_in_the_session() -> None:
    ctx, offered = _offer()
    restarted = step(offered.state, Event(K.START_ROUTINE), ctx)
    assert restarted.state.phase is Phase.COUNTED
    assert restarted.state.offered
    state, reply = restarted.state, restarted.reply
    heard = ctx.now
    for _ in range(200):
        heard += timedelta(seconds=reply.speech.planned_seconds() + 2)  # each reply played
        if state.phase is Phase.FEEDBACK:
            break
        state, reply = step(state, Event(K.NEXT), ctx._replace(heard_at=heard))[:2]
    goodbye = step(state, FEEDBACK_RIGHT, ctx._replace(heard_at=heard))
    assert goodbye.reply.end_session, "one offer per session"
    assert goodbye.reply.speech.text.endswith(SEE_YOU)


def test_no_offer_once_a_routine_was_done_on_an_earlier_day() -> None:
    earlier = DayTotal(date(2026, 11, 24), dict.fromkeys(MoveId, 10))
    _, ended = _offer(context(UserProgress(first_active=earlier.local_date, days=(earlier,))))
    assert ended.reply.end_session
    assert ended.state.phase is Phase.ENDED


def test_no_offer_when_a_routine_was_stored_before_this_session() -> None:
    ctx = context()
    state, _ = finished_routine(ctx)
    ended = step(state._replace(routine_before=True), FEEDBACK_RIGHT, ctx)
    assert ended.reply.end_session


def test_the_store_is_read_for_that_on_the_first_turn_only() -> None:
    today = DayTotal(context().now.date(), dict.fromkeys(MoveId, 10))
    first = step(SessionState(), Event(K.LAUNCH), context(UserProgress(days=(today,))))
    assert first.state.routine_before is True
    later = step(first.state, Event(K.HELP), context())
    assert later.state.routine_before is True, "remembered for the whole session"


@pytest.mark.parametrize("leaving", [K.STOP, K.SESSION_ENDED])
def test_no_offer_when_the_user_leaves(leaving: EventKind) -> None:
    ctx = context()
    state, _ = finished_routine(ctx)
    assert step(state, Event(leaving), ctx).state.phase is Phase.ENDED


def test_no_offer_in_the_middle_of_a_routine() -> None:
    for _, _, outcome in routine_turns(context()):
        assert outcome.state.phase is not Phase.OFFER_REMINDER
        assert outcome.effects == ()


# --- Asking for a reminder in any phase ---------------------------------------------------------


def _coaching(ctx: Context) -> SessionState:
    """At toe taps, not being counted: "no" said straight after the routine started."""
    counting = step(SessionState(), Event(K.START_ROUTINE), ctx).state
    return step(counting, Event(K.NO), ctx).state


@pytest.mark.parametrize(
    ("action", "status", "times", "words"),
    [
        (ReminderAction.SET, ReminderStatus.DONE, (SEVEN,), ReminderWords.set_done(SEVEN)),
        (ReminderAction.LIST, ReminderStatus.DONE, (SEVEN,), ReminderWords.listing([SEVEN])),
        (ReminderAction.CANCEL, ReminderStatus.DONE, (), ReminderWords.cancelled(0)),
        (ReminderAction.SET, ReminderStatus.FAILED, (), ReminderWords.failed()),
        (
            ReminderAction.LIST,
            ReminderStatus.NO_PERMISSION,
            (),
            ReminderWords.permission_card_sent(),
        ),
    ],
)
def test_a_reminder_request_mid_workout_answers_and_carries_on(
    action: ReminderAction,
    status: ReminderStatus,
    times: tuple[time, ...],
    words: object,
) -> None:
    ctx = context()
    coaching = _coaching(ctx)
    asked = step(coaching, Event(K.REMINDER, reminder=action, at=SEVEN), ctx)
    assert asked.state == coaching
    answered = _api(asked, ctx, status, *times)
    assert answered.state == coaching, "the workout carries on where it was"
    assert answered.reply.speech.text.startswith(getattr(words, "text", ""))
    assert answered.reply.speech.text.endswith("Say next when you're ready for toe taps, or skip.")
    assert not answered.reply.end_session
    if status is ReminderStatus.NO_PERMISSION:
        assert isinstance(answered.reply.card, PermissionCard)


def test_a_reminder_without_a_time_asks_for_one() -> None:
    ctx = context()
    coaching = _coaching(ctx)
    asked = step(coaching, Event(K.REMINDER, reminder=ReminderAction.SET), ctx)
    assert asked.effects == ()
    assert asked.reply.speech == ReminderWords.which_time()
    assert asked.reply.reprompt == ReminderWords.which_time()


def test_a_one_shot_request_ends_after_the_answer() -> None:
    ctx = context()._replace(one_shot=True)
    asked = step(SessionState(), Event(K.REMINDER, reminder=ReminderAction.SET, at=SEVEN), ctx)
    done = _api(asked, ctx, ReminderStatus.DONE, SEVEN)
    assert done.reply.end_session
    assert done.reply.speech == ReminderWords.set_done(SEVEN)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (ConsentAnswer.DENIED, ReminderWords.permission_denied()),
        (ConsentAnswer.NOT_ANSWERED, ReminderWords.permission_card_sent()),
    ],
)
def test_a_permission_not_given_is_said_and_the_workout_carries_on(
    answer: ConsentAnswer, words: object
) -> None:
    ctx = context()
    coaching = _coaching(ctx)
    asking = _api(
        step(coaching, Event(K.REMINDER, reminder=ReminderAction.SET, at=SEVEN), ctx),
        ctx,
        ReminderStatus.NO_PERMISSION,
    )
    assert asking.state.back is Phase.READY
    resumed = step(asking.state, Event(K.CONSENT, consent=answer, at=SEVEN), ctx)
    assert resumed.state == coaching
    assert resumed.reply.speech.text.startswith(getattr(words, "text", ""))
    assert not resumed.reply.end_session


def test_anything_else_said_while_asking_carries_on_where_we_were() -> None:
    ctx = context()
    coaching = _coaching(ctx)
    asking = coaching._replace(phase=Phase.ASKING_PERMISSION, back=Phase.READY)
    counted = step(asking, Event(K.NEXT), ctx)
    assert counted.state.phase is Phase.COUNTED
