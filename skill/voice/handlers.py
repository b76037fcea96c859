"""Thin ASK SDK handlers. Every turn reads one way:
request -> engine Event -> `step` -> effects carried out -> one response builder -> store."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from ask_sdk_core.dispatch_components.exception_components import AbstractExceptionHandler
from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.request_util import get_intent_name, get_request_type, get_slot
from ask_sdk_model.response import Response

from skill.domain.effects import CallReminders
from skill.domain.events import Event, EventKind
from skill.domain.session import step
from skill.domain.speech import Reply, Speech
from skill.domain.state import SessionState
from skill.domain.turn import Context, Outcome
from skill.domain.words import Phrase, active_locale, say
from skill.voice import envelope, session_codec
from skill.voice.effects import call_reminders
from skill.voice.person_name import name_consent, speaker
from skill.voice.progress import ProgressKeeper
from skill.voice.redact import scrub, user_ref
from skill.voice.reminders import consent_result
from skill.voice.response import build_response
from skill.voice.session_codec import SessionData
from skill.voice.slots import intent_event

log = logging.getLogger(__name__)

# A turn carries out at most this many calls (the reminder flow needs one).
_MAX_CALLS = 3


def to_event(handler_input: HandlerInput) -> Event | None:
    """The engine event for this request, or None when we have no mapping for it."""
    request_type = get_request_type(handler_input)
    if request_type == "LaunchRequest":
        return Event(EventKind.LAUNCH)
    if request_type == "SessionEndedRequest":
        return Event(EventKind.SESSION_ENDED)
    if request_type == "IntentRequest":
        return intent_event(
            str(get_intent_name(handler_input)),
            lambda name: get_slot(handler_input, name),
            envelope.locale(handler_input),
        )
    if request_type == "SessionResumedRequest":
        consent = consent_result(handler_input)
        if consent is not None:
            return Event(
                EventKind.CONSENT,
                consent=consent.answer,
                at=consent.at,
                end_after=consent.end_after,
            )
        answer = name_consent(handler_input)
        if answer is not None:
            return Event(EventKind.NAME_CONSENT, consent=answer)
    return None


# The turns that greet, and so look up who is speaking (one Customer Profile call at most).
_GREETING_EVENTS = frozenset({EventKind.LAUNCH, EventKind.NAME_CONSENT})


_EVENT_KEY = "mm.event"  # request attribute: this request's engine event


class EngineHandler(AbstractRequestHandler):
    """Every request the engine understands goes through here, one way."""

    def __init__(self, progress: ProgressKeeper, clock: Callable[[], datetime]):
        self._progress = progress
        self._clock = clock

    def can_handle(self, handler_input: HandlerInput) -> bool:
        # Parsed once per request: handle() reads what can_handle() found.
        event = to_event(handler_input)
        handler_input.attributes_manager.request_attributes[_EVENT_KEY] = event
        return event is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        event = handler_input.attributes_manager.request_attributes.get(_EVENT_KEY)
        if not isinstance(event, Event):  # called without can_handle (not by the SDK)
            event = to_event(handler_input)
        if event is None:
            raise ValueError("no engine event for this request")
        return build_response(handler_input, self.run(handler_input, event))

    def run(self, handler_input: HandlerInput, event: Event) -> Outcome:
        """One turn: step, carry out the effects, record progress, keep the session."""
        remembered = session_codec.load(handler_input)
        now = self._clock()
        progress = self._progress.open(handler_input, now, remembered.progress)
        local_now = now.astimezone(progress.zone)
        context = Context(
            now=local_now,
            heard_at=envelope.heard_at(handler_input, local_now),
            progress=progress.progress,
            turn_id=envelope.request_id(handler_input),
            one_shot=envelope.opens_session(handler_input),
            locale=active_locale(),  # the request's, bound around the dispatch (locale.py)
        )
        if event.kind in _GREETING_EVENTS and progress.person is not None:
            context = context._replace(speaker=speaker(handler_input))
        outcome = step(remembered.state, event, context)
        progress.apply(outcome.progress)
        for _ in range(_MAX_CALLS):  # each call's result is one more step
            calls = [e for e in outcome.effects if isinstance(e, CallReminders)]
            if not calls:
                break
            result = call_reminders(handler_input, calls[0], context.now, progress.time_zone)
            outcome = step(outcome.state, result, context)
            progress.apply(outcome.progress)
        kept = progress.save(session_ending=outcome.reply.end_session)
        session_codec.save(handler_input, SessionData(outcome.state, kept))
        return outcome


class FriendlyExceptionHandler(AbstractExceptionHandler):
    """Apologise and keep the session usable; never let Alexa see an error."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:  # noqa: ARG002
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        request_type = get_request_type(handler_input)
        intent = get_intent_name(handler_input) if request_type == "IntentRequest" else "-"
        try:
            user_id: str | None = envelope.user_id(handler_input)
        except (ValueError, AttributeError):
            user_id = None
        log.error(
            "unhandled %s on %s (intent %s, user %s)\n%s",
            type(exception).__name__,
            request_type,
            intent,
            user_ref(user_id),
            scrub(exception, user_id),
        )
        sorry = Speech.of(say(Phrase.SORRY))
        again = Speech.of(say(Phrase.SORRY_REPROMPT))
        return build_response(
            handler_input, Outcome(SessionState(), Reply(sorry, reprompt=again)), screen=False
        )
