"""APL screens: documents that render the data they are given, and only on screen devices."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import pytest
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.request_envelope import RequestEnvelope

from skill.domain.catalogue import ROUTINE
from skill.domain.ids import MoveId
from skill.domain.screen import Beat, Screen
from skill.voice.screens import (
    DOCUMENT_TOKEN,
    ROUTINE_ICON,
    add_screen,
    datasources,
    icon_name,
    icon_names,
    render_directive,
    supports_apl,
    workout_document,
)
from tests.events import load_event

SERIALIZER = DefaultSerializer()
APL_DIR = resources.files("skill.voice") / "apl"
BINDING = re.compile(r"\$\{([^}]*)\}")
PAYLOAD_PATH = re.compile(r"\bpayload((?:\.\w+)+)")
RESOURCE_REF = re.compile(r"^@(\w+)$")
# Alexa's response limit (GUIDE.md §2); the screen must leave room for speech and state.
MAX_RESPONSE_BYTES = 24 * 1024

SCREENS = {
    "explaining a move": Screen(MoveId.SQUATS, "Feet a little wider than your hips.", moves_done=1),
    "counting reps": Screen(
        MoveId.GLUTE_BRIDGE, "Squeeze and lift.", rep=3, reps=10, set_no=2, sets=2, moves_done=3
    ),
    "first rep": Screen(MoveId.TOE_TAPS, "Knee up.", rep=1, reps=10, set_no=1, sets=1),
    "routine done": Screen(None, "Well done. That's all five moves.", moves_done=len(ROUTINE)),
}


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _resolve(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for key in dotted.strip(".").split("."):
        assert isinstance(node, dict), f"{dotted}: {key} is not inside an object"
        assert key in node, f"payload{dotted} does not resolve: no {key!r}"
        node = node[key]
    return node


def _handler_input(event: dict[str, Any]) -> HandlerInput:
    envelope = SERIALIZER.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
    return HandlerInput(request_envelope=envelope)


def test_document_is_an_apl_document_taking_one_payload() -> None:
    document = json.loads((APL_DIR / "workout.json").read_text())
    assert document["type"] == "APL"
    # Old enough for every Echo Show in use; nothing in it needs a newer runtime.
    assert document["version"] == "1.8"
    assert document["mainTemplate"]["parameters"] == ["payload"]
    assert document["mainTemplate"]["items"]


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_every_binding_resolves_in_the_datasource(screen: Screen) -> None:
    document = workout_document(icon_name(screen))
    data = datasources(screen)
    paths = [
        p for s in _strings(document) for b in BINDING.findall(s) for p in PAYLOAD_PATH.findall(b)
    ]
    assert len(paths) >= 7  # title, cue, counter, step, icon, progress bar and text
    for path in paths:
        value = _resolve(data, path)
        assert isinstance(value, str | int), f"payload{path} is {value!r}"


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_the_icon_the_screen_names_is_in_the_document(screen: Screen) -> None:
    document = workout_document(icon_name(screen))
    assert datasources(screen)["workout"]["icon"] in document["graphics"]
    assert len(document["graphics"]) == 1  # one icon per response keeps it small


def test_every_resource_reference_is_defined() -> None:
    document = workout_document(ROUTINE_ICON)
    defined = {
        name for block in document["resources"] for group in block.values() for name in group
    }
    refs = {m.group(1) for s in _strings(document) if (m := RESOURCE_REF.match(s))}
    assert refs
    assert refs <= defined


def test_each_move_and_the_routine_has_its_own_icon() -> None:
    assert set(icon_names()) == {m.value for m in MoveId} | {ROUTINE_ICON}


@pytest.mark.parametrize("name", icon_names())
def test_icons_are_small_vector_graphics(name: str) -> None:
    icon = json.loads((APL_DIR / "icons" / f"{name}.json").read_text())
    assert icon["type"] == "AVG"
    assert (icon["width"], icon["height"]) == (100, 100)
    assert icon["description"]
    for item in icon["items"]:
        assert item["type"] == "path"
        # Only the path commands we use, with numbers inside the 100 x 100 viewport.
        assert re.fullmatch(r"[MLa0-9,.\- ]+", item["pathData"])
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", item["pathData"])]
        assert all(-100 <= n <= 100 for n in numbers)
    assert len(json.dumps(icon)) < 2048


@pytest.mark.parametrize(
    ("screen", "fields"),
    [
        (
            SCREENS["counting reps"],
            {
                "title": "Glute bridge",
                "cue": "Squeeze and lift.",
                "counter": "Rep 3 of 10 · Set 2 of 2",
                "step": "Move 4 of 5",
                "icon": "glute_bridge",
                "progressWidth": "60%",  # three moves done of five
            },
        ),
        (
            SCREENS["routine done"],
            {
                "title": "Morning Moves",
                "counter": "",
                "step": "",
                "icon": "routine",
                "progressWidth": "100%",
            },
        ),
    ],
)
def test_datasource_carries_what_the_screen_shows(screen: Screen, fields: dict[str, str]) -> None:
    workout = datasources(screen)["workout"]
    assert {k: workout[k] for k in fields} == fields


def test_echo_show_gets_the_workout_screen() -> None:
    handler_input = _handler_input(load_event("launch_echo_show"))
    screen = SCREENS["counting reps"]
    assert supports_apl(handler_input)
    assert add_screen(handler_input, screen)

    response: Any = SERIALIZER.serialize(handler_input.response_builder.response)
    [directive] = response["directives"]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["token"] == DOCUMENT_TOKEN
    assert directive["datasources"]["workout"]["title"] == "Glute bridge"
    assert directive["datasources"]["workout"]["counter"] == "Rep 3 of 10 · Set 2 of 2"
    assert "glute_bridge" in directive["document"]["graphics"]


@pytest.mark.parametrize("event", ["launch", "help_intent", "session_resumed_consent"])
def test_screenless_devices_get_no_apl(event: str) -> None:
    handler_input = _handler_input(load_event(event))
    assert not supports_apl(handler_input)
    assert not add_screen(handler_input, SCREENS["counting reps"])
    assert handler_input.response_builder.response.directives is None


def test_no_screen_means_no_directive_even_on_echo_show() -> None:
    handler_input = _handler_input(load_event("launch_echo_show"))
    assert not add_screen(handler_input, None)
    assert handler_input.response_builder.response.directives is None


def test_a_screen_leaves_room_in_the_response_for_speech() -> None:
    directive = SERIALIZER.serialize(
        render_directive(Screen(MoveId.REVERSE_LUNGE, "x" * 400, 1, 10, 1, 3))
    )
    assert len(json.dumps(directive).encode()) < MAX_RESPONSE_BYTES // 3


def test_every_document_is_its_own_copy() -> None:
    # A response's document may be changed downstream: never the cached one the next turn gets.
    first = workout_document("squats")
    first["graphics"]["squats"]["changed"] = True
    first["mainTemplate"]["changed"] = True
    again = workout_document("squats")
    assert "changed" not in again["graphics"]["squats"]
    assert "changed" not in again["mainTemplate"]


def test_a_counting_screen_changes_its_counter_with_apl_commands_only() -> None:
    beats = (Beat(7.5, "Rep 1 of 2"), Beat(11.5, "Rep 2 of 2"), Beat(11.5, "Rep 2 of 2 · end"))
    document = workout_document("squats", beats)
    [sequence] = document["onMount"]
    assert sequence["type"] == "Sequential"
    commands = sequence["commands"]
    assert [c["type"] for c in commands] == ["Idle", "SetValue", "Idle", "SetValue", "SetValue"]
    assert [c["delay"] for c in commands if c["type"] == "Idle"] == [7500, 4000]
    ids = {s for node in _components(document["mainTemplate"]) for s in [node.get("id")] if s}
    for command in commands[1::2]:
        assert command["componentId"] in ids
        assert command["property"] == "text"  # a dynamic property of Text (APL 1.0 on)
    assert "onMount" not in workout_document("squats")  # no beats, no commands


def _components(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(c for v in node.values() for c in _components(v))]
    if isinstance(node, list):
        return [c for v in node for c in _components(v)]
    return []
