"""From an Alexa intent and its slots to an engine `Event`.

A custom slot's value is its entity-resolution id (a domain id) when Alexa resolved it; when it
did not, the spoken value is matched against the model's synonyms for the locale. AMAZON.NUMBER
slots arrive as digits, or "?" when Alexa heard something that was not a number; AMAZON.TIME
slots as "HH:MM" (or a part of the day such as "MO"), passed on as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from ask_sdk_model.slot import Slot
from ask_sdk_model.slu.entityresolution.status_code import StatusCode

from skill.domain.events import Event, EventKind
from skill.domain.ids import Feedback, MomentId, MoveId, Style
from skill.domain.reminders import parse_time
from skill.voice.idiom import EN_US
from skill.voice.intents import INTENT_EVENTS, REMINDER_INTENTS, Intent, SlotName
from skill.voice.model_source import (
    LOCALES,
    NUMBER_TYPE,
    TIME_TYPE,
    intent_source,
    normalize,
    phrase_table,
)

SlotReader = Callable[[str], Slot | None]
SlotValue = str | int


def _resolved_id(slot: Slot) -> str | None:
    authorities = slot.resolutions.resolutions_per_authority if slot.resolutions else None
    for authority in authorities or ():
        code = authority.status.code if authority.status else None
        if code == StatusCode.ER_SUCCESS_MATCH and authority.values:
            value = authority.values[0].value
            if value is not None and value.id:
                return str(value.id)
    return None


def slot_value(slot: Slot | None, type_name: str, locale: str | None) -> SlotValue | None:
    """The slot's value as a domain id or an int; None when it is empty or not understood."""
    if slot is None or not slot.value:
        return None
    spoken = str(slot.value)
    if type_name == NUMBER_TYPE:
        return int(spoken) if spoken.isdigit() else None
    if type_name == TIME_TYPE:  # "07:30", or "MO" for "in the morning": read by parse_time
        return spoken
    resolved = _resolved_id(slot)
    if resolved is not None:
        return resolved
    table = phrase_table(type_name, locale if locale in LOCALES else EN_US)
    found = table.get(normalize(spoken))
    return found[0] if found is not None else None


def read_slots(intent: Intent, read: SlotReader, locale: str | None) -> dict[SlotName, SlotValue]:
    """Every filled and understood slot of `intent`."""
    values: dict[SlotName, SlotValue] = {}
    for name, type_name in intent_source(intent).slots.items():
        value = slot_value(read(name.value), type_name, locale)
        if value is not None:
            values[name] = value
    return values


E = TypeVar("E", bound=StrEnum)


def _member(ids: type[E], value: SlotValue | None) -> E | None:
    try:
        return ids(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _number(value: SlotValue | None) -> int | None:
    return value if isinstance(value, int) else None


def intent_event(name: str, read: SlotReader, locale: str | None) -> Event | None:
    """The engine event for an intent by name, or None when the model has no such intent."""
    reminder = REMINDER_INTENTS.get(name)
    kind = INTENT_EVENTS.get(name) or (EventKind.REMINDER if reminder else None)
    if kind is None:
        return None
    values = read_slots(Intent(name), read, locale)
    if reminder is not None:
        spoken = values.get(SlotName.TIME)
        return Event(
            kind, reminder=reminder, at=parse_time(spoken if isinstance(spoken, str) else None)
        )
    return Event(
        kind,
        move=_member(MoveId, values.get(SlotName.MOVE)),
        moment=_member(MomentId, values.get(SlotName.MOMENT)),
        feedback=_member(Feedback, values.get(SlotName.FEEDBACK)),
        number=_number(values.get(SlotName.AGE)),
        big_birthday=_number(values.get(SlotName.BIRTHDAY)),
        style=_member(Style, values.get(SlotName.STYLE)),
    )
