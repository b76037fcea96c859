"""The local console's page and JSON API, through the Flask app."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill.config import Config
from skill.dev.console import SUGGESTIONS, speech_segments
from skill.dev.nlu import nlu_for
from skill.dev.simulator import SIMULATOR_USER_ID, Conversation, SkillTransport
from skill.domain.ids import MoveId
from skill.domain.progress import Completion
from skill.store.memory import MemoryStore
from skill.voice.builder import build_skill
from skill.voice.intents import Intent
from skill.web import create_app
from skill.web.local import UnsafeServingError

SCRIPT = ["open morning moves", "start my morning moves", "next", "help", "stop"]


@pytest.fixture
def console_app(config: Config, store: MemoryStore) -> Flask:
    return create_app(config, store=store, console=True)


@pytest.fixture
def console(console_app: Flask) -> FlaskClient:
    return console_app.test_client()


def _open_session(console: FlaskClient) -> dict[str, Any]:
    reply = console.post("/console/api/sessions", json={})
    assert reply.status_code == 200
    data: dict[str, Any] = reply.get_json()
    return data


def _say(console: FlaskClient, session: str, text: str) -> dict[str, Any]:
    reply = console.post("/console/api/say", json={"session": session, "text": text})
    assert reply.status_code == 200, reply.get_json()
    data: dict[str, Any] = reply.get_json()
    return data


def test_page_and_its_files_are_self_contained(console: FlaskClient) -> None:
    page = console.get("/")
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Morning Moves" in html
    linked = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert linked, "the page links its script and stylesheet"
    for url in linked:
        assert url.startswith("/console/"), f"{url} is not served by us"
        assert console.get(url).status_code == 200
    assert console.get("/console/console.js").mimetype == "text/javascript"
    assert console.get("/console/console.css").mimetype == "text/css"
    assert console.get("/console/app.py").status_code == 404


def test_console_is_off_unless_asked_for(client: FlaskClient) -> None:
    assert client.get("/").status_code == 404
    assert client.post("/console/api/sessions", json={}).status_code == 404


def test_console_is_refused_off_loopback(config: Config) -> None:
    with pytest.raises(UnsafeServingError):
        create_app(config.with_(host="0.0.0.0", verify=True), console=True)


@pytest.mark.parametrize(
    ("environ", "headers"),
    [({"REMOTE_ADDR": "192.168.1.20"}, {}), ({}, {"Host": "evil.example:5000"})],
    ids=["remote-client", "rebound-host-name"],
)
def test_console_answers_local_clients_only(
    console: FlaskClient, environ: dict[str, str], headers: dict[str, str]
) -> None:
    assert console.get("/", environ_base=environ, headers=headers).status_code == 403
    reply = console.post("/console/api/sessions", json={}, environ_base=environ, headers=headers)
    assert reply.status_code == 403


def test_console_api_wants_json(console: FlaskClient) -> None:
    session = _open_session(console)["session"]
    reply = console.post("/console/api/say", data=f"session={session}&text=next")
    assert reply.status_code == 415


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"session": "no-such-session", "text": "next"}, 404),
        ({"text": "next"}, 404),
        ({"session": "x", "text": 5}, 400),
        ({"session": "x", "text": "a" * 301}, 400),
        ([1, 2], 400),
    ],
)
def test_console_api_refuses_bad_input(console: FlaskClient, payload: Any, status: int) -> None:
    reply = console.post("/console/api/say", json=payload)
    assert reply.status_code == status
    assert reply.get_json()["error"]


def test_new_session_offers_suggestions_and_progress(console: FlaskClient) -> None:
    data = _open_session(console)
    assert data["suggestions"] == list(SUGGESTIONS)
    assert data["progress"]["available"] is True
    assert data["progress"]["progress"]["days"] == []


def test_console_gives_what_the_chat_simulator_gives(console: FlaskClient, config: Config) -> None:
    """Same utterance resolution and same skill as `morning-moves chat`."""
    session = _open_session(console)["session"]
    direct = Conversation(
        SkillTransport(build_skill(MemoryStore(), config)), require_invocation=False
    )
    for utterance in SCRIPT:
        expected = direct.say(utterance)
        turn = _say(console, session, utterance)["turn"]
        assert turn["heard"] == expected.heard
        assert turn["text"] == expected.text
        assert turn["phase"] == expected.phase
        assert turn["ended"] is expected.ended


def test_browser_sessions_are_separate_conversations(console: FlaskClient, config: Config) -> None:
    """Two browser sessions interleaved answer as two separate simulated devices would."""
    scripts = {
        "a": ["start my morning moves", "next", "next"],
        "b": ["open morning moves", "help", "stop"],
    }
    sessions = {name: _open_session(console)["session"] for name in scripts}
    assert sessions["a"] != sessions["b"]
    direct = {
        name: Conversation(
            SkillTransport(build_skill(MemoryStore(), config)), require_invocation=False
        )
        for name in scripts
    }
    for step in range(3):
        for name, script in scripts.items():
            expected = direct[name].say(script[step])
            turn = _say(console, sessions[name], script[step])["turn"]
            assert (turn["text"], turn["phase"]) == (expected.text, expected.phase)


def test_progress_comes_from_the_store(console: FlaskClient, store: MemoryStore) -> None:
    done = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    completion = Completion("k1", MoveId.SQUATS, 10, 1, date(2026, 11, 24), done)
    assert store.record(SIMULATOR_USER_ID, completion)
    progress = console.get("/console/api/progress").get_json()["progress"]
    assert progress["days"] == [{"local_date": "2026-11-24", "reps": {MoveId.SQUATS.value: 10}}]


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", []),
        ("Hello.", [{"say": "Hello."}]),
        ("one [2s] two", [{"say": "one"}, {"pause": 2.0}, {"say": "two"}]),
        ("[0.5s] go [1s] [1.5s]", [{"pause": 0.5}, {"say": "go"}, {"pause": 2.5}]),
    ],
)
def test_pauses_become_speech_segments(text: str, segments: list[dict[str, Any]]) -> None:
    assert speech_segments(text) == segments


@pytest.mark.parametrize("phrase", SUGGESTIONS)
def test_every_suggestion_means_something_to_the_skill(phrase: str) -> None:
    resolution = nlu_for("en-US").resolve(phrase)
    assert resolution.kind == "launch" or resolution.intent is not Intent.FALLBACK
