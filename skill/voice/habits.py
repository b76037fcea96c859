"""Habits that stick, in the voice layer: the daily-reminder conversation, the one offer after
the first full routine, and the screen and home card that go with every coaching reply.

The rules and words live in skill.domain (reminders, screen, cards); this module only reads
requests, calls the Reminders API through skill.voice.reminders and writes responses. A
reminder problem always ends in a sentence and the workout carries on where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.request_util import get_intent_name, get_locale, get_request_type, get_slot
from ask_sdk_model.response import Response
from ask_sdk_model.ui.card import Card as AlexaCard
from ask_sdk_model.ui.simple_card import SimpleCard

from skill.domain.events import Event
from skill.domain.reminders import (
    ReminderAction,
    ReminderWords,
    completed_routine_dates,
    offer_after_routine,
    parse_time,
)
from skill.domain.screen import screen_for
from skill.domain.session import Context, Outcome, Phase, SessionState, prompt
from skill.domain.speech import Speech
from skill.domain.ssml import render
from skill.domain.words import Phrase, say
from skill.voice import attributes
from skill.voice.intents import REMINDER_INTENTS, Intent, SlotName
from skill.voice.screens import add_screen
from skill.voice.slots import read_slots
from skill.voice.state import load_state

if TYPE_CHECKING:
    from skill.voice.reminders import ConsentResult, ReminderResult

# skill.voice.reminders (the Reminders API client, the consent hand-off and their SDK models) is
# imported by the functions that use it: most turns never touch a reminder, and importing it up
# front was a twentieth of a cold start.

# Session attribute: {"before": bool} from the first turn (a full routine was already stored
# when the session began), plus {"at": "HH:MM", "open": bool} once the reminder was offered;
# "open" while the offer waits for a yes or a no.
OFFER_KEY = "mmr"

# The local date-time of this request and the device's IANA zone (None: let Alexa use the
# device's own setting).
LocalNow = Callable[[HandlerInput], tuple[datetime, str | None]]


def pending_offer(handler_input: HandlerInput) -> time | None:
    """The reminder time offered and not yet answered, if any."""
    offer = attributes.load(handler_input, OFFER_KEY)
    if not offer.get("open"):
        return None
    try:
        return time.fromisoformat(str(offer.get("at")))
    except ValueError:
        return None


def _close_offer(handler_input: HandlerInput) -> None:
    offer = attributes.load(handler_input, OFFER_KEY)
    if offer.get("open"):
        attributes.save(handler_input, OFFER_KEY, offer | {"open": False})


def after_step(
    handler_input: HandlerInput,
    before: SessionState,
    event: Event,
    outcome: Outcome,
    context: Context,
) -> Outcome:
    """Called by the engine handler after each step: closes an unanswered offer (the user moved
    on), and turns the goodbye after a first full routine into the reminder offer."""
    offer = attributes.load(handler_input, OFFER_KEY)
    offer["open"] = False  # the user moved on from any unanswered offer
    if "before" not in offer:
        # The first turn of a session sees the store's history before this session adds to it.
        offer["before"] = bool(completed_routine_dates(context.progress))
    offered = offer_after_routine(
        before,
        event,
        outcome,
        context,
        offered="at" in offer,
        routine_before_session=bool(offer["before"]),
    )
    if offered is not None:
        offer.update({"at": offered[1].strftime("%H:%M"), "open": True})
    attributes.save(handler_input, OFFER_KEY, offer)
    return outcome if offered is None else offered[0]


def decorate(handler_input: HandlerInput, outcome: Outcome) -> None:
    """The extras of a coaching reply: its home card, and the workout screen where there is
    one. The speech is untouched, so devices without a screen hear exactly the same."""
    builder = handler_input.response_builder
    card = outcome.reply.card
    if card is not None:
        builder.set_card(SimpleCard(title=card.title, content=card.text))
    add_screen(handler_input, screen_for(outcome.state, outcome.reply))


# What may answer the offer while it is open; anything else closes it and goes to the coach.
_OFFER_ANSWERS = frozenset({Intent.YES, Intent.NO, Intent.NEXT, Intent.FALLBACK})


class ReminderHandler(AbstractRequestHandler):
    """Set, change, cancel and list the daily reminder; the yes or no to the offer; and the
    answer to our request for the reminders permission (SessionResumedRequest)."""

    def __init__(self, local_now: LocalNow):
        self._local_now = local_now

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request_type = get_request_type(handler_input)
        if request_type == "SessionResumedRequest":
            from skill.voice.reminders import consent_result

            return consent_result(handler_input) is not None
        if request_type != "IntentRequest":
            return False
        name = str(get_intent_name(handler_input))
        if name in REMINDER_INTENTS:
            return True
        return name in _OFFER_ANSWERS and pending_offer(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        from skill.voice.reminders import consent_result

        state = load_state(handler_input)
        consent = consent_result(handler_input)
        if consent is not None:
            return self._resumed(handler_input, state, consent)
        name = str(get_intent_name(handler_input))
        offered = pending_offer(handler_input)
        if name == Intent.FALLBACK and offered is not None:
            # Not understood: the question still stands, so ask it again rather than drop it.
            question = render(ReminderWords.offer_reprompt(offered))
            builder = handler_input.response_builder
            return builder.speak(question).ask(question).set_should_end_session(False).response
        _close_offer(handler_input)
        if name in (Intent.NO, Intent.NEXT):
            # "Next" after the last move is a wish to move on, not to start the routine again.
            return _answer(handler_input, state, ReminderWords.offer_declined(), end=True)
        if name == Intent.YES and offered is not None:
            return self._act(handler_input, state, ReminderAction.SET, offered)
        return self._act(handler_input, state, REMINDER_INTENTS[name], _spoken_time(handler_input))

    def _act(
        self,
        handler_input: HandlerInput,
        state: SessionState,
        action: ReminderAction,
        at: time | None,
    ) -> Response:
        from skill.voice.reminders import ReminderStatus, consent_directive

        if action in (ReminderAction.SET, ReminderAction.CHANGE) and at is None:
            return _ask_time(handler_input)
        result = self._call(handler_input, action, at)
        if result.status is ReminderStatus.NO_PERMISSION and at is not None:
            # Hand over to Alexa, who asks for the permission and resumes us with the answer.
            directive = consent_directive(at, end_after=_one_shot(handler_input))
            handler_input.response_builder.add_directive(directive)
            return handler_input.response_builder.response
        return _answer(handler_input, state, *_words(action, result), end=_one_shot(handler_input))

    def _resumed(
        self, handler_input: HandlerInput, state: SessionState, consent: ConsentResult
    ) -> Response:
        from skill.voice.reminders import ConsentAnswer, consent_card

        end = consent.end_after
        if consent.answer is ConsentAnswer.DENIED:
            return _answer(handler_input, state, ReminderWords.permission_denied(), end=end)
        if consent.answer is ConsentAnswer.NOT_ANSWERED or consent.at is None:
            words = ReminderWords.permission_card_sent()
            return _answer(handler_input, state, words, consent_card(), end=end)
        result = self._call(handler_input, ReminderAction.SET, consent.at)
        return _answer(handler_input, state, *_words(ReminderAction.SET, result), end=end)

    def _call(
        self, handler_input: HandlerInput, action: ReminderAction, at: time | None
    ) -> ReminderResult:
        from skill.voice.reminders import DailyReminders, ReminderResult, ReminderStatus

        now, zone = self._local_now(handler_input)
        reminders = DailyReminders.for_request(handler_input, now=now, time_zone=zone)
        if reminders is None:
            return ReminderResult(ReminderStatus.FAILED)
        if action is ReminderAction.CANCEL:
            return reminders.cancel()
        if action is ReminderAction.LIST or at is None:
            return reminders.find()
        return reminders.schedule(at)


def _words(action: ReminderAction, result: ReminderResult) -> tuple[Speech, AlexaCard | None]:
    from skill.voice.reminders import ReminderStatus, consent_card

    match result.status:
        case ReminderStatus.FAILED:
            return ReminderWords.failed(), None
        case ReminderStatus.NO_PERMISSION:
            # Listing or cancelling without the permission: point to the Alexa app.
            return ReminderWords.permission_card_sent(), consent_card()
    match action:
        case ReminderAction.CANCEL:
            return ReminderWords.cancelled(len(result.times)), None
        case ReminderAction.LIST:
            return ReminderWords.listing(result.times), None
    at = result.times[0]
    return (ReminderWords.changed(at) if result.existed else ReminderWords.set_done(at)), None


def _spoken_time(handler_input: HandlerInput) -> time | None:
    slots = read_slots(
        Intent(str(get_intent_name(handler_input))),
        lambda name: get_slot(handler_input, name),
        str(get_locale(handler_input) or ""),
    )
    spoken = slots.get(SlotName.TIME)
    return parse_time(spoken) if isinstance(spoken, str) else None


def _ask_time(handler_input: HandlerInput) -> Response:
    question = render(ReminderWords.which_time())
    builder = handler_input.response_builder
    return builder.speak(question).ask(question).set_should_end_session(False).response


def _one_shot(handler_input: HandlerInput) -> bool:
    """A request that opened its session ("Alexa, ask morning moves to ...")."""
    session = handler_input.request_envelope.session
    return bool(session.new) if session is not None else True


def _answer(
    handler_input: HandlerInput,
    state: SessionState,
    words: Speech,
    card: AlexaCard | None = None,
    *,
    end: bool = False,
) -> Response:
    """Say `words`, then carry on where the coaching was, unless asked to `end` or the session
    was already over (the offer comes after the goodbye)."""
    builder = handler_input.response_builder
    if card is not None:
        builder.set_card(card)
    if state.phase is Phase.ENDED:  # the answer to the offer after the workout's goodbye
        words = words + Speech.of(say(Phrase.SEE_YOU))
    if end or state.phase is Phase.ENDED:
        return builder.speak(render(words)).set_should_end_session(True).response
    carry_on = prompt(state)
    return (
        builder.speak(render(words + carry_on))
        .ask(render(carry_on))
        .set_should_end_session(False)
        .response
    )
