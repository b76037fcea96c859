"""Thin ASK SDK handlers: request -> engine event -> step -> rendered response."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from ask_sdk_core.dispatch_components.exception_components import AbstractExceptionHandler
from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.predicate import is_request_type
from ask_sdk_core.utils.request_util import (
    get_intent_name,
    get_locale,
    get_request_type,
    get_slot,
    get_user_id,
)
from ask_sdk_model.response import Response

from skill.config import Config
from skill.domain.events import Event, EventKind
from skill.domain.session import Context, Outcome, step
from skill.domain.speech import Speech
from skill.domain.ssml import render
from skill.domain.words import DEFAULT_LOCALE, Phrase, say
from skill.store.base import ProgressStore
from skill.voice.habits import after_step, decorate
from skill.voice.progress import ProgressKeeper
from skill.voice.redact import scrub, user_ref
from skill.voice.slots import intent_event
from skill.voice.state import load_state, save_state

log = logging.getLogger(__name__)


def _text(value: str | bytes | None) -> str | None:
    """request_util annotates its getters as AnyStr; the JSON they come from holds text."""
    return value.decode() if isinstance(value, bytes) else value


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
            _text(get_locale(handler_input)),
        )
    return None


_EVENT_KEY = "mm.event"  # request attribute: this request's engine event


class EngineHandler(AbstractRequestHandler):
    """Every request the engine understands goes through here."""

    def __init__(
        self,
        store: ProgressStore,
        config: Config,
        clock: Callable[[], datetime],
        progress: ProgressKeeper | None = None,
    ):
        self._store = store
        self._config = config
        self._clock = clock
        self._progress = progress or ProgressKeeper(store, config)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        # Parsed once per request: handle() reads what can_handle() found.
        event = to_event(handler_input)
        handler_input.attributes_manager.request_attributes[_EVENT_KEY] = event
        return event is not None

    def local_now(self, handler_input: HandlerInput) -> tuple[datetime, str | None]:
        """This request's date-time in the user's zone, and that zone's name (the device's,
        looked up once per session, else the configured one)."""
        progress = self._progress.open(handler_input, self._clock())
        progress.save(handler_input)
        return self._clock().astimezone(progress.zone), progress.time_zone

    def run(self, handler_input: HandlerInput, event: Event) -> Outcome:
        state = load_state(handler_input)
        now = self._clock()
        progress = self._progress.open(handler_input, now)
        request = handler_input.request_envelope.request
        request_id = (request.request_id if request is not None else None) or ""
        context = Context(
            now=now.astimezone(progress.zone),
            progress=progress.progress,
            turn_id=request_id,
            locale=_text(get_locale(handler_input)) or DEFAULT_LOCALE,
        )
        outcome = step(state, event, context)
        progress.apply(outcome.progress)
        progress.save(handler_input, session_ending=outcome.reply.end_session)
        outcome = after_step(handler_input, state, event, outcome, context)
        save_state(handler_input, outcome.state)
        return outcome

    def handle(self, handler_input: HandlerInput) -> Response:
        event = handler_input.attributes_manager.request_attributes.get(_EVENT_KEY)
        if not isinstance(event, Event):  # called without can_handle (not by the SDK)
            event = to_event(handler_input)
        assert event is not None  # can_handle guarantees it
        outcome = self.run(handler_input, event)
        return respond(handler_input, outcome)


class SessionEndedHandler(AbstractRequestHandler):
    """Alexa closed the session: let the engine tidy up, and answer with no speech."""

    def __init__(self, engine: EngineHandler):
        self._engine = engine

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        self._engine.run(handler_input, Event(EventKind.SESSION_ENDED))
        return handler_input.response_builder.response


def respond(handler_input: HandlerInput, outcome: Outcome) -> Response:
    reply = outcome.reply
    builder = handler_input.response_builder
    if reply.speech.segments:
        builder.speak(render(reply.speech))
    if reply.reprompt is not None and not reply.end_session:
        builder.ask(render(reply.reprompt))
    builder.set_should_end_session(reply.end_session)
    decorate(handler_input, outcome)
    return builder.response


class FriendlyExceptionHandler(AbstractExceptionHandler):
    """Apologise and keep the session usable; never let Alexa see an error."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:  # noqa: ARG002
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        request_type = get_request_type(handler_input)
        intent = get_intent_name(handler_input) if request_type == "IntentRequest" else "-"
        user_id = _text(get_user_id(handler_input))
        log.error(
            "unhandled %s on %s (intent %s, user %s)\n%s",
            type(exception).__name__,
            request_type,
            intent,
            user_ref(user_id),
            scrub(exception, user_id),
        )
        if request_type == "SessionEndedRequest":
            return handler_input.response_builder.response
        return (
            handler_input.response_builder.speak(render(Speech.of(say(Phrase.SORRY))))
            .ask(render(Speech.of(say(Phrase.SORRY_REPROMPT))))
            .set_should_end_session(False)
            .response
        )
