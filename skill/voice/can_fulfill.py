"""CanFulfillIntentRequest: tell Alexa, from the model alone, whether we can serve a name-free
request such as "Alexa, start my morning moves". No state is read or written."""

from __future__ import annotations

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.predicate import is_request_type
from ask_sdk_model.canfulfill.can_fulfill_intent import CanFulfillIntent
from ask_sdk_model.canfulfill.can_fulfill_intent_request import CanFulfillIntentRequest
from ask_sdk_model.canfulfill.can_fulfill_intent_values import CanFulfillIntentValues
from ask_sdk_model.canfulfill.can_fulfill_slot import CanFulfillSlot
from ask_sdk_model.canfulfill.can_fulfill_slot_values import CanFulfillSlotValues
from ask_sdk_model.canfulfill.can_understand_slot_values import CanUnderstandSlotValues
from ask_sdk_model.intent import Intent as AlexaIntent
from ask_sdk_model.response import Response

from skill.voice.intents import INTENT_EVENTS, Intent
from skill.voice.model_source import intent_source
from skill.voice.slots import slot_value

_YES_SLOT = CanFulfillSlot(CanUnderstandSlotValues.YES, CanFulfillSlotValues.YES)
_NO_SLOT = CanFulfillSlot(CanUnderstandSlotValues.NO, CanFulfillSlotValues.NO)


def can_fulfill(intent: AlexaIntent | None, locale: str | None) -> CanFulfillIntent:
    """YES when the intent is ours and every slot value given is one we understand."""
    name = intent.name if intent is not None else None
    if intent is None or name not in INTENT_EVENTS or name == Intent.FALLBACK:
        return CanFulfillIntent(can_fulfill=CanFulfillIntentValues.NO, slots={})
    slot_types = {n.value: t for n, t in intent_source(Intent(name)).slots.items()}
    answers: dict[str, CanFulfillSlot] = {}
    for slot_name, slot in (intent.slots or {}).items():
        if slot is None or not slot.value:
            continue
        understood = (
            slot_name in slot_types and slot_value(slot, slot_types[slot_name], locale) is not None
        )
        answers[slot_name] = _YES_SLOT if understood else _NO_SLOT
    verdict = (
        CanFulfillIntentValues.YES
        if all(a is _YES_SLOT for a in answers.values())
        else CanFulfillIntentValues.NO
    )
    return CanFulfillIntent(can_fulfill=verdict, slots=answers)


class CanFulfillHandler(AbstractRequestHandler):
    """Answers CanFulfillIntentRequest from the interaction model."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("CanFulfillIntentRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        intent = request.intent if isinstance(request, CanFulfillIntentRequest) else None
        answer = can_fulfill(intent, request.locale if request is not None else None)
        return handler_input.response_builder.set_can_fulfill_intent(answer).response
