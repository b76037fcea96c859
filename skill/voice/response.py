"""The one place an engine Outcome becomes an ASK `Response`: SSML, reprompt, session end,
home card, the workout screen and the permission hand-off."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.request_util import get_request_type
from ask_sdk_model.response import Response
from ask_sdk_model.ui.simple_card import SimpleCard

from skill.domain.effects import AskNamePermission, AskPermission
from skill.domain.screen import screen_for
from skill.domain.speech import Card
from skill.domain.ssml import render
from skill.domain.turn import Outcome
from skill.voice.person_name import name_consent_directive
from skill.voice.reminders import consent_card, consent_directive
from skill.voice.screens import add_screen


def build_response(
    handler_input: HandlerInput, outcome: Outcome, *, screen: bool = True
) -> Response:
    """The response for `outcome`. A SessionEndedRequest gets an empty one (Alexa plays
    nothing then); a hand-off to Alexa for a permission carries only its directive. The speech
    is the same with or without a screen, so devices without one hear exactly the same."""
    builder = handler_input.response_builder
    if get_request_type(handler_input) == "SessionEndedRequest":
        return builder.response
    for effect in outcome.effects:
        if isinstance(effect, AskPermission):
            builder.add_directive(consent_directive(effect.at, end_after=effect.end_after))
            return builder.response
        if isinstance(effect, AskNamePermission):
            builder.add_directive(name_consent_directive())
            return builder.response
    reply = outcome.reply
    if reply.speech.segments:
        builder.speak(render(reply.speech))
    if reply.reprompt is not None and not reply.end_session:
        builder.ask(render(reply.reprompt))
    builder.set_should_end_session(reply.end_session)
    if isinstance(reply.card, Card):
        builder.set_card(SimpleCard(title=reply.card.title, content=reply.card.text))
    elif reply.card is not None:
        builder.set_card(consent_card(reply.card.permissions))
    if screen:
        add_screen(handler_input, screen_for(outcome.state, reply))
    return builder.response
