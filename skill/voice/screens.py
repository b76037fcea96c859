"""Echo Show and other screens: the workout as an APL document, only where APL is supported.

Devices without a screen get exactly the same response minus the RenderDocument directive.

The counter keeps step with the voice: a counting reply's beats (skill.domain.screen.Beat, each
rep's start as planned in its Speech) become the document's `onMount` commands, `Idle` for the
time to the next rep, then `SetValue` of the counter's text. The document mounts as the speech
starts, so the two run side by side.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.request_util import get_supported_interfaces

from skill.domain.screen import Beat, Screen
from skill.domain.words import Phrase, say

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from ask_sdk_model.interfaces.alexa.presentation.apl.render_document_directive import (
        RenderDocumentDirective,
    )

DOCUMENT_TOKEN = "morning-moves-workout"  # noqa: S105  # an APL token, not a secret
ROUTINE_ICON = "routine"
COUNTER_ID = "counter"  # the Text component in apl/workout.json whose text follows the voice


@cache
def _apl() -> Traversable:
    return resources.files("skill.voice") / "apl"


def supports_apl(handler_input: HandlerInput) -> bool:
    """True when the device says it can render APL (Echo Show, Fire TV, ...)."""
    try:
        interfaces = get_supported_interfaces(handler_input)
    except (AttributeError, TypeError):  # an envelope without context or device
        return False
    return interfaces is not None and interfaces.alexa_presentation_apl is not None


@cache
def _text(name: str) -> str:
    return (_apl() / name).read_text(encoding="utf-8")


def _load(name: str) -> dict[str, Any]:
    """A fresh copy of apl/NAME: the cache holds only the text, which no caller can change
    (parsing it again is also about three times quicker than a deep copy)."""
    data: dict[str, Any] = json.loads(_text(name))
    return data


def icon_names() -> list[str]:
    """Every icon shipped in apl/icons/, by name."""
    icons = (_apl() / "icons").iterdir()
    return sorted(p.name.removesuffix(".json") for p in icons if p.name.endswith(".json"))


def icon_name(screen: Screen) -> str:
    return screen.move.value if screen.move is not None else ROUTINE_ICON


def workout_document(icon: str, beats: tuple[Beat, ...] = ()) -> dict[str, Any]:
    """The workout document carrying just the one icon it shows (responses must stay small),
    and the counter's beats as its onMount commands."""
    document = _load("workout.json")
    document["graphics"] = {icon: _load(f"icons/{icon}.json")}
    if beats:
        document["onMount"] = [{"type": "Sequential", "commands": beat_commands(beats)}]
    return document


def beat_commands(beats: tuple[Beat, ...]) -> list[dict[str, Any]]:
    """`Idle` until each beat (milliseconds after the previous one), then the counter's text."""
    commands: list[dict[str, Any]] = []
    elapsed_ms = 0
    for beat in beats:
        at_ms = round(beat.at * 1000)
        if at_ms > elapsed_ms:
            commands.append({"type": "Idle", "delay": at_ms - elapsed_ms})
            elapsed_ms = at_ms
        commands.append(
            {
                "type": "SetValue",
                "componentId": COUNTER_ID,
                "property": "text",
                "value": beat.counter,
            }
        )
    return commands


def datasources(screen: Screen) -> dict[str, Any]:
    """What the document binds to as `payload`: every `${payload.workout.*}` it uses."""
    percent = screen.progress_percent
    return {
        "workout": {
            "type": "object",
            "title": screen.title,
            "cue": screen.cue,
            "icon": icon_name(screen),
            "counter": screen.counter,
            "step": screen.step,
            "progressPercent": percent,
            "progressWidth": f"{percent}%",
            "progressText": say(Phrase.SCREEN_PROGRESS, percent=percent),
        }
    }


def render_directive(screen: Screen) -> RenderDocumentDirective:
    # Imported on first use: the APL models are 44 M instructions (3.6% of the DynamoDB init,
    # the largest of the lazy imports measured; README: Performance) that a device without a
    # screen never needs.
    from ask_sdk_model.interfaces.alexa.presentation.apl.render_document_directive import (
        RenderDocumentDirective,
    )

    return RenderDocumentDirective(
        token=DOCUMENT_TOKEN,
        document=workout_document(icon_name(screen), screen.beats),
        datasources=datasources(screen),
    )


def add_screen(handler_input: HandlerInput, screen: Screen | None) -> bool:
    """Show `screen` on devices that support APL; True when a directive was added."""
    if screen is None or not supports_apl(handler_input):
        return False
    handler_input.response_builder.add_directive(render_directive(screen))
    return True
