"""What the skill sends and answers, and what skill.json must declare for each.

Alexa tells a skill about a device's screen only when the manifest declares
`ALEXA_PRESENTATION_APL`, and sends CanFulfillIntentRequest only to a skill that declares
`CAN_FULFILL_INTENT_REQUEST`: an undeclared interface fails silently on real devices.
`skill.dev.model_build` writes the manifest from these tables; a test
(tests/voice/test_manifest_interfaces.py) collects the directive and request types the code can
emit or handle and fails on any that is missing here or whose interface skill.json lacks.
"""

from __future__ import annotations

from typing import Any

APL = "ALEXA_PRESENTATION_APL"
CAN_FULFILL = "CAN_FULFILL_INTENT_REQUEST"

# Directive type -> the interface it needs declared (None: it needs none).
DIRECTIVE_INTERFACES: dict[str, str | None] = {
    "Alexa.Presentation.APL.RenderDocument": APL,
    # The AskForPermissionsConsent task needs no interface, only its permission in
    # manifest.permissions (written from skill.domain.reminders.REMINDERS_PERMISSION and
    # skill.domain.speaker.GIVEN_NAME_PERMISSION).
    "Connections.StartConnection": None,
}

# Request type -> the interface that makes Alexa send it (None: every custom skill gets it).
REQUEST_INTERFACES: dict[str, str | None] = {
    "LaunchRequest": None,
    "IntentRequest": None,
    "SessionEndedRequest": None,
    # The answer to a Connections.StartConnection task.
    "SessionResumedRequest": None,
    "CanFulfillIntentRequest": CAN_FULFILL,
}

# Skill events -> their manifest.events subscription.
EVENT_SUBSCRIPTIONS: dict[str, str] = {"AlexaSkillEvent.SkillDisabled": "SKILL_DISABLED"}

# The screens the workout document is laid out for: round and rectangular hubs (Echo Spot,
# Show 5, 8, 10, 15) and TV. Devices outside these get the voice-only response.
APL_VIEWPORTS: tuple[dict[str, Any], ...] = (
    {
        "mode": "HUB",
        "shape": "ROUND",
        "minWidth": 100,
        "maxWidth": 599,
        "minHeight": 100,
        "maxHeight": 599,
    },
    {
        "mode": "HUB",
        "shape": "RECTANGLE",
        "minWidth": 960,
        "maxWidth": 1279,
        "minHeight": 600,
        "maxHeight": 959,
    },
    {
        "mode": "HUB",
        "shape": "RECTANGLE",
        "minWidth": 1280,
        "maxWidth": 1920,
        "minHeight": 600,
        "maxHeight": 1279,
    },
    {
        "mode": "TV",
        "shape": "RECTANGLE",
        "minWidth": 960,
        "maxWidth": 960,
        "minHeight": 540,
        "maxHeight": 540,
    },
)


def declared_interfaces() -> list[str]:
    """Every interface type the skill needs, sorted."""
    needed = {*DIRECTIVE_INTERFACES.values(), *REQUEST_INTERFACES.values()}
    return sorted(name for name in needed if name is not None)


def manifest_interfaces() -> list[dict[str, Any]]:
    """`apis.custom.interfaces` for skill.json."""
    return [
        {"type": name, "supportedViewports": [dict(v) for v in APL_VIEWPORTS]}
        if name == APL
        else {"type": name}
        for name in declared_interfaces()
    ]


def event_subscriptions() -> list[dict[str, str]]:
    """`events.subscriptions` for skill.json."""
    return [{"eventName": name} for name in sorted(EVENT_SUBSCRIPTIONS.values())]


# A device's `supportedInterfaces` key -> the manifest interface Alexa requires before it
# reports that key to the skill.
DEVICE_INTERFACES: dict[str, str] = {"Alexa.Presentation.APL": APL}


def reported_interfaces(device: dict[str, Any]) -> dict[str, Any]:
    """What Alexa tells this skill of a device's interfaces: only those skill.json declares
    (the simulator uses it, so a missing declaration shows up as a missing screen in tests)."""
    declared = set(declared_interfaces())
    return {key: value for key, value in device.items() if DEVICE_INTERFACES.get(key) in declared}
