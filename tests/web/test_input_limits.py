"""Envelope limits at the web entry: a clear 400 before the SDK sees anything hostile."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from skill.config import Config, StoreKind
from skill.limits import MAX_DEPTH, MAX_VALUES
from skill.web import create_app
from tests.events import load_event


@pytest.fixture
def client() -> FlaskClient:
    return create_app(Config(store=StoreKind.MEMORY, verify=False)).test_client()


def _nested(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = {"n": value}
    return value


def _post(client: FlaskClient, event: dict[str, Any]) -> tuple[int, str]:
    reply = client.post("/alexa", data=json.dumps(event), content_type="application/json")
    return reply.status_code, reply.get_json().get("error", "")


@pytest.mark.parametrize(
    ("attributes", "reason"),
    [
        ({"x": _nested(500)}, "nested deeper"),
        ({"x": _nested(MAX_DEPTH)}, "nested deeper"),
        ({"x": list(range(MAX_VALUES))}, "more than"),
        ({"x": "y" * 70_000}, "too long"),
    ],
    ids=["500-deep", "just-too-deep", "too-many-values", "long-string"],
)
def test_hostile_session_attributes_are_a_clear_400(
    client: FlaskClient, attributes: dict[str, Any], reason: str
) -> None:
    event = load_event("launch")
    event["session"]["attributes"] = attributes
    status, error = _post(client, event)
    assert status == 400
    assert reason in error


def test_a_lone_surrogate_in_the_user_id_is_a_400(client: FlaskClient) -> None:
    event = load_event("launch")
    event["session"]["user"]["userId"] = "\ud800"
    assert _post(client, event)[0] == 400


def test_ordinary_nesting_is_fine(client: FlaskClient) -> None:
    event = load_event("launch")
    event["session"]["attributes"] = {"x": _nested(MAX_DEPTH - 5)}
    assert _post(client, event)[0] == 200


@pytest.mark.parametrize(
    ("host", "content_type", "answered"),
    [
        ("127.0.0.1:5000", "application/json", True),
        ("localhost:5000", "application/json; charset=utf-8", True),
        ("[::1]:5000", "application/json", True),
        ("localhost", "application/json", True),
        ("evil.example", "application/json", False),  # DNS rebinding: the attacker's name
        ("127.0.0.1.nip.io:5000", "application/json", False),
        ("192.168.1.20:5000", "application/json", False),
        ("127.0.0.1:5000", "text/plain", False),  # what a page can post without a preflight
        ("127.0.0.1:5000", "application/x-www-form-urlencoded", False),
        ("127.0.0.1:5000", "multipart/form-data; boundary=x", False),
        ("127.0.0.1:5000", "", False),
    ],
)
def test_local_mode_answers_only_loopback_json(
    client: FlaskClient, host: str, content_type: str, answered: bool
) -> None:
    """With verification off (`make run`), a web page the user visits must not be able to talk
    to the skill as them: e.g. post a SkillDisabled and wipe their progress."""
    event = load_event("skill_disabled")
    reply = client.post(
        "/alexa", data=json.dumps(event), headers={"Host": host, "Content-Type": content_type}
    )
    assert (reply.status_code == 200) is answered, reply.get_json()
