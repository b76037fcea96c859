# ruff: noqa: ARG001  (handlers share one signature so the transition table can hold them)
"""The daily-reminder conversation as handlers of the session state machine: the one offer
after the first full routine, setting/changing/cancelling/listing the reminder, and the
hand-off to Alexa for the permission. The Reminders API is an effect (CallReminders); its
result comes back as a REMINDER_DONE event, Alexa's answer to the hand-off as CONSENT.

A reminder problem always ends in a sentence, and the workout carries on where it was.
"""

from __future__ import annotations

from skill.domain.catalogue import ROUTINE
from skill.domain.effects import AskPermission, CallReminders
from skill.domain.events import Event
from skill.domain.progress import ProgressEvent
from skill.domain.reminders import (
    REMINDERS_PERMISSION,
    ConsentAnswer,
    ReminderAction,
    ReminderResult,
    ReminderStatus,
    ReminderWords,
    should_offer_reminder,
    suggested_time,
)
from skill.domain.speech import Card, PermissionCard, Reply, Speech
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context, Outcome, end, wait
from skill.domain.words import Phrase, say

PERMISSION_CARD = PermissionCard((REMINDERS_PERMISSION,))


def farewell(
    state: SessionState, ctx: Context, speech: Speech, progress: tuple[ProgressEvent, ...] = ()
) -> Outcome:
    """Leave the FEEDBACK phase with `speech`: after the user's first ever full routine, keep the
    session open and offer a daily reminder at about this time of day (the goodbye waits for
    the answer); otherwise say goodbye."""
    finished_routine = state.moment is None and set(ROUTINE) <= set(state.done)
    if not should_offer_reminder(
        ctx.progress,
        ctx.now.date(),
        routine_completed=finished_routine,
        offered_already=state.offered,
        routine_before_session=bool(state.routine_before),
    ):
        return end(speech + Speech.of(say(Phrase.SEE_YOU)), progress)
    at = suggested_time(ctx.now)
    offering = SessionState(Phase.OFFER_REMINDER, offer_at=at, offered=True)
    return wait(offering, speech + ReminderWords.offer(at), progress, prompted=True)


def accept_offer(state: SessionState, event: Event, ctx: Context) -> Outcome:
    call = CallReminders(
        ReminderAction.SET, state.offer_at, end_after=ctx.one_shot, after_goodbye=True
    )
    return _calling(SessionState(Phase.ENDED), call)


def decline_offer(state: SessionState, event: Event, ctx: Context) -> Outcome:
    # "Next" after the last move is a wish to move on, not to start the routine again.
    return end(ReminderWords.offer_declined() + Speech.of(say(Phrase.SEE_YOU)))


def reask_offer(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """Not understood: the question still stands, so ask it again rather than drop it."""
    return wait(state, Speech())  # says the offer's prompt, and waits


def remind(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """Set, change, cancel or list the daily reminder (said in any phase)."""
    after_goodbye = state.phase is Phase.OFFER_REMINDER  # asked instead of answering the offer
    carry_on = SessionState(Phase.ENDED) if after_goodbye else state
    action = event.reminder or ReminderAction.LIST
    if action in (ReminderAction.SET, ReminderAction.CHANGE) and event.at is None:
        question = ReminderWords.which_time()
        return Outcome(carry_on, Reply(question, reprompt=question))
    call = CallReminders(action, event.at, end_after=ctx.one_shot, after_goodbye=after_goodbye)
    return _calling(carry_on, call)


def reminder_done(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """The Reminders API answered: say how it went, or ask Alexa for the permission."""
    call, result = event.call, event.result or ReminderResult(ReminderStatus.FAILED)
    if call is None:
        return _answer(state, ReminderWords.failed())
    setting = call.action in (ReminderAction.SET, ReminderAction.CHANGE)
    if result.status is ReminderStatus.NO_PERMISSION and setting and call.may_ask and call.at:
        back = Phase.ENDED if call.after_goodbye else state.phase
        asking = state._replace(phase=Phase.ASKING_PERMISSION, back=back)
        handoff = AskPermission(call.at, end_after=call.end_after)
        return Outcome(asking, Reply(Speech()), effects=(handoff,))
    words, card = _words(call.action, result)
    return _answer(state, words, card, end_after=call.end_after, after_goodbye=call.after_goodbye)


def consent(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """Alexa resumed the session with the user's answer to the permission question."""
    after_goodbye = False
    if state.phase is Phase.ASKING_PERMISSION:
        after_goodbye = state.back is Phase.ENDED
        back = state.back if state.back is not None and not after_goodbye else Phase.IDLE
        state = state._replace(phase=back, back=None)
    answer, at, end_after = event.consent, event.at, event.end_after
    if answer is ConsentAnswer.DENIED:
        words = ReminderWords.permission_denied()
        return _answer(state, words, end_after=end_after, after_goodbye=after_goodbye)
    if answer is not ConsentAnswer.ACCEPTED or at is None:
        words, card = ReminderWords.permission_card_sent(), PERMISSION_CARD
        return _answer(state, words, card, end_after=end_after, after_goodbye=after_goodbye)
    call = CallReminders(
        ReminderAction.SET, at, may_ask=False, end_after=end_after, after_goodbye=after_goodbye
    )
    return _calling(state, call)


def _calling(state: SessionState, call: CallReminders) -> Outcome:
    """Nothing to say yet: the reply comes with the call's result."""
    return Outcome(state, Reply(Speech()), effects=(call,))


def _words(action: ReminderAction, result: ReminderResult) -> tuple[Speech, PermissionCard | None]:
    match result.status:
        case ReminderStatus.FAILED:
            return ReminderWords.failed(), None
        case ReminderStatus.NO_PERMISSION:
            # Listing or cancelling without the permission: point to the Alexa app.
            return ReminderWords.permission_card_sent(), PERMISSION_CARD
    match action:
        case ReminderAction.CANCEL:
            return ReminderWords.cancelled(len(result.times)), None
        case ReminderAction.LIST:
            return ReminderWords.listing(result.times), None
    if not result.times:
        return ReminderWords.failed(), None
    at = result.times[0]
    return (ReminderWords.changed(at) if result.existed else ReminderWords.set_done(at)), None


def _answer(
    state: SessionState,
    words: Speech,
    card: Card | PermissionCard | None = None,
    *,
    end_after: bool = False,
    after_goodbye: bool = False,
) -> Outcome:
    """Say `words`, then carry on where the coaching was, unless asked to end or the workout's
    goodbye came before (the offer waits for its answer)."""
    if after_goodbye:
        return end(words + Speech.of(say(Phrase.SEE_YOU)), card=card)
    if end_after:
        return end(words, card=card)
    return wait(state, words, card=card)
