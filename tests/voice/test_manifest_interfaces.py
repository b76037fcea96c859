"""The manifest declares every interface the code needs, found from the code itself.

Directive types are collected two ways: statically (every ask_sdk_model directive class that
skill/ imports, whose discriminator is its wire type) and dynamically (what whole conversations
on an Echo Show actually send), the second held to the first so the scan cannot go blind.
Request types are the string literals the handlers compare a request's type with.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from skill.dev.model_build import manifest_path
from skill.dev.simulator import ECHO_SHOW, Device
from skill.voice.interfaces import (
    DIRECTIVE_INTERFACES,
    EVENT_SUBSCRIPTIONS,
    REQUEST_INTERFACES,
    reported_interfaces,
)
from tests.fakes.alexa_api import TOKEN, FakeAlexaApi
from tests.voice.reminder_transcripts import conversation

SKILL = Path(__file__).resolve().parents[2] / "skill"
# Request types are written as string constants; AlexaSkillEvent.* are skill events.
_REQUEST_TYPE = re.compile(r"^(?:[A-Z][A-Za-z]+\.)*[A-Z][A-Za-z]+Request$|^AlexaSkillEvent\.\w+$")


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in SKILL.rglob("*.py")]


def code_directive_types() -> dict[str, Path]:
    """Wire type of every ask_sdk_model directive class imported anywhere in skill/."""
    found: dict[str, Path] = {}
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ask_sdk_model")
            ):
                continue
            for alias in node.names:
                if alias.name.endswith("Directive") and alias.name != "Directive":
                    cls = getattr(importlib.import_module(str(node.module)), alias.name)
                    found[str(cls().object_type)] = path
    return found


def code_request_types() -> dict[str, Path]:
    """Every request or skill-event type named by a string constant in skill/voice/."""
    found: dict[str, Path] = {}
    for path, tree in _sources():
        if "voice" not in path.parts:
            continue
        # A task's payload type ({"@type": "AskForPermissionsConsentRequest"}) is not a request.
        payloads = {
            id(value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Dict)
            for key, value in zip(node.keys, node.values, strict=True)
            if isinstance(key, ast.Constant) and key.value == "@type"
        }
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and id(node) not in payloads and _REQUEST_TYPE.match(text):
                found[text] = path
    return found


def _manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(manifest_path().read_text(encoding="utf-8"))["manifest"]
    return data


def _declared() -> set[str]:
    return {i["type"] for i in _manifest()["apis"]["custom"]["interfaces"]}


def test_the_scan_finds_what_we_know_the_skill_sends_and_answers() -> None:
    assert {"Alexa.Presentation.APL.RenderDocument", "Connections.StartConnection"} <= set(
        code_directive_types()
    )
    assert {
        "CanFulfillIntentRequest",
        "SessionResumedRequest",
        "AlexaSkillEvent.SkillDisabled",
    } <= set(code_request_types())


@pytest.mark.parametrize("directive", sorted(code_directive_types()))
def test_every_directive_the_code_can_send_has_its_interface_declared(directive: str) -> None:
    assert directive in DIRECTIVE_INTERFACES, (
        f"{code_directive_types()[directive]} can send {directive}: say in "
        "skill/voice/interfaces.py which manifest interface it needs (None if none)"
    )
    needed = DIRECTIVE_INTERFACES[directive]
    assert needed is None or needed in _declared(), f"skill.json lacks {needed}: run make model"


@pytest.mark.parametrize("request_type", sorted(code_request_types()))
def test_every_request_the_code_answers_reaches_it(request_type: str) -> None:
    if request_type in EVENT_SUBSCRIPTIONS:
        subscribed = {s["eventName"] for s in _manifest()["events"]["subscriptions"]}
        assert EVENT_SUBSCRIPTIONS[request_type] in subscribed
        return
    assert request_type in REQUEST_INTERFACES, (
        f"{code_request_types()[request_type]} handles {request_type}: say in "
        "skill/voice/interfaces.py which manifest interface makes Alexa send it (None if none)"
    )
    needed = REQUEST_INTERFACES[request_type]
    assert needed is None or needed in _declared(), f"skill.json lacks {needed}: run make model"


def test_nothing_is_declared_that_the_code_does_not_use() -> None:
    used = {
        *(DIRECTIVE_INTERFACES.get(d) for d in code_directive_types()),
        *(REQUEST_INTERFACES.get(r) for r in code_request_types()),
    }
    assert _declared() == used - {None}


def test_what_real_conversations_send_is_what_the_scan_found(fake_alexa: FakeAlexaApi) -> None:
    """A whole routine and a reminder asked for without the permission, on an Echo Show."""
    fake_alexa.granted = False
    device = Device(
        api_endpoint=fake_alexa.url, api_access_token=TOKEN, supported_interfaces=ECHO_SHOW
    )
    talk = conversation(fake_alexa, "en-US", device, 2.0)
    said = ["open morning moves", "remind me every day at seven", "no", "start my morning moves"]
    turns = [talk.say(text) for text in [*said, *["next"] * 11, "that was just right"]]
    sent = {
        d["type"]
        for t in turns
        if t.response
        for d in t.response["response"].get("directives") or []
    }
    assert sent == {"Alexa.Presentation.APL.RenderDocument", "Connections.StartConnection"}
    assert sent <= set(code_directive_types())


def test_the_simulator_reports_only_declared_interfaces_like_alexa() -> None:
    device = {**ECHO_SHOW, "Geolocation": {}}
    assert reported_interfaces(device) == ECHO_SHOW
