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
