"""The walking skeleton: the same recorded events through Lambda and through Flask."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from skill.config import Config, StoreKind
from skill.lambda_entry import make_handler
from tests.conftest import TEST_SKILL_ID
from tests.events import load_event


def _speech(response: dict[str, Any]) -> str:
    output = response["response"].get("outputSpeech") or {}
    return str(output.get("ssml", ""))


@pytest.fixture
def lambda_handler(config: Config) -> Any:
    return make_handler(config)


def test_lambda_launch_welcomes(lambda_handler: Any) -> None:
    response = lambda_handler(load_event("launch"), None)
    assert "Welcome to Morning Moves" in _speech(response)
    assert response["response"]["shouldEndSession"] is False
    assert response["response"]["reprompt"]["outputSpeech"]["ssml"].startswith("<speak>")


def test_flask_launch_welcomes(client: FlaskClient) -> None:
    reply = client.post("/alexa", json=load_event("launch"))
    assert reply.status_code == 200
    assert "Welcome to Morning Moves" in _speech(reply.get_json())


@pytest.mark.parametrize(
    ("event", "spoken", "ends"),
    [
        ("help_intent", "brushing my teeth", False),
        ("stop_intent", "See you tomorrow", True),
    ],
)
def test_same_answer_through_lambda_and_flask(
    lambda_handler: Any, client: FlaskClient, event: str, spoken: str, ends: bool
) -> None:
    direct = lambda_handler(load_event(event), None)
    via_http = client.post("/alexa", json=load_event(event)).get_json()
    assert direct["response"] == via_http["response"]
    assert spoken in _speech(direct)
    assert direct["response"]["shouldEndSession"] is ends


def test_session_ended_gets_no_speech(lambda_handler: Any) -> None:
    response = lambda_handler(load_event("session_ended"), None)
    assert "outputSpeech" not in response["response"]
    assert "reprompt" not in response["response"]


def test_wrong_application_id_is_refused_with_400(config: Config) -> None:
    from skill.web import create_app

    app = create_app(config.with_(skill_id="amzn1.ask.skill.someone-else"))
    reply = app.test_client().post("/alexa", json=load_event("launch"))
    assert reply.status_code == 400


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[1,2,3]", b'{"version": "1.0"}', b"\xff\xfe", b'{"request": 5}'],
)
def test_malformed_bodies_get_400(client: FlaskClient, body: bytes) -> None:
    reply = client.post("/alexa", data=body, content_type="application/json")
    assert reply.status_code == 400
    assert "Traceback" not in reply.get_data(as_text=True)


def test_wrong_method_gets_405(client: FlaskClient) -> None:
    assert client.get("/alexa").status_code == 405


def test_healthz(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_verification_is_on_unless_switched_off() -> None:
    assert Config.load(environ={}).verify is True
    assert Config.load(environ={"MORNING_MOVES_VERIFY": "false"}).verify is False


def test_config_precedence_argument_then_env_then_default() -> None:
    env = {"MORNING_MOVES_TABLE_NAME": "from-env", "MORNING_MOVES_STORE": "dynamodb"}
    assert Config.load(environ=env).table_name == "from-env"
    assert Config.load(environ=env, table_name="explicit").table_name == "explicit"
    assert Config.load(environ={}).table_name == "morning-moves-progress"
    assert Config.load(environ=env).store is StoreKind.DYNAMODB
    assert Config.load(environ={}, skill_id=TEST_SKILL_ID).skill_id == TEST_SKILL_ID


def test_config_rejects_unknown_keys() -> None:
    with pytest.raises(TypeError):
        Config.load(environ={}, no_such_setting=1)
