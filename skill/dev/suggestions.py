"""What the console offers to say next: read from the state machine's transition table.

For the current phase, each event kind its row of `skill.domain.session.TRANSITIONS` handles
becomes one phrase, taken from the interaction-model source (a built-in intent's own phrase, or
the shortest sample, its slot filled with the slot type's first value). Help and stop are there
in every phase; outside a session the offer is to open the skill or start straight away.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from skill.domain.events import EventKind
from skill.domain.session import TRANSITIONS
from skill.domain.state import Phase
from skill.voice.intents import INTENT_EVENTS, Intent, SlotName
from skill.voice.model_source import INVOCATION_NAME, intent_source, slot_type

# Not something the user says: Alexa's own requests and answers.
_NOT_SAID = frozenset(
    {
        EventKind.UNKNOWN,
        EventKind.SESSION_ENDED,
        EventKind.REMINDER_DONE,
        EventKind.CONSENT,
        EventKind.LAUNCH,
    }
)
_ALWAYS = (EventKind.HELP, EventKind.STOP)
_OUTSIDE = (EventKind.START_ROUTINE, EventKind.START_MOVE, EventKind.HELP)
LAUNCH_PHRASE = f"open {INVOCATION_NAME}"


@cache
def sample(kind: EventKind, locale: str) -> str | None:
    """A short thing to say in `locale` that becomes `kind`; None if no intent does."""
    for name, event in INTENT_EVENTS.items():
        if event is not kind:
            continue
        source = intent_source(Intent(name))
        if source.builtin_phrases:
            return source.builtin_phrases[0]
        phrases = [p for p in (_filled(s, source.slots) for s in source.samples_for(locale)) if p]
        if phrases:  # the shortest that is more than a bare word ("go" reads oddly)
            return min(phrases, key=lambda p: (" " not in p, len(p)))
    return None


def _filled(template: str, slots: Mapping[SlotName, str]) -> str | None:
    """A sample with each custom slot replaced by its type's first value; None for built-in
    slot types (numbers, times), which a click cannot fill sensibly."""
    for name, type_name in slots.items():
        marker = "{" + name.value + "}"
        if marker not in template:
            continue
        found = slot_type(type_name)
        if found is None:
            return None
        template = template.replace(marker, found.values[0].name.lower())
    return template


def event_kinds(phase: str | None) -> list[EventKind]:
    """What the user may do next: the phase's row, then help and stop."""
    if phase is None or phase == Phase.ENDED:
        return list(_OUTSIDE)
    row = TRANSITIONS.get(Phase(phase), {})
    kinds = [kind for kind in row if kind not in _NOT_SAID]
    return kinds + [kind for kind in _ALWAYS if kind not in kinds]


def suggestions(phase: str | None, locale: str) -> list[dict[str, str]]:
    """[{"say": phrase, "event": kind}] for the phase (None: no session open), each phrase once."""
    offered: list[dict[str, str]] = []
    if phase is None or phase == Phase.ENDED:
        offered.append({"say": LAUNCH_PHRASE, "event": EventKind.LAUNCH.value})
    for kind in event_kinds(phase):
        phrase = sample(kind, locale)
        if phrase and all(o["say"] != phrase for o in offered):
            offered.append({"say": phrase, "event": kind.value})
    return offered
