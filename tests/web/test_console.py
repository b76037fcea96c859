"""The local console's page and JSON API, through the Flask app."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill.config import Config
from skill.dev.console import PERSONS, speech_segments
from skill.dev.console_view import spoken_seconds, timeline
from skill.dev.nlu import nlu_for
from skill.dev.simulator import SIMULATOR_USER_ID, Conversation, SkillTransport
from skill.dev.suggestions import suggestions
from skill.domain.events import EventKind
from skill.domain.ids import MoveId
from skill.domain.progress import Completion
from skill.domain.session import TRANSITIONS
from skill.domain.speech import speaking_seconds
from skill.domain.state import Phase
from skill.store.memory import MemoryStore
from skill.voice.builder import build_skill
from skill.voice.intents import INTENT_EVENTS, Intent
from skill.voice.model_source import LOCALES
from skill.web import create_app
from skill.web.local import UnsafeServingError
from tests.voice.golden import render

SCRIPT = ["open morning moves", "start my morning moves", "next", "help", "stop"]


@pytest.fixture
def console_app(config: Config, store: MemoryStore) -> Flask:
    return create_app(config, store=store, console=True)


@pytest.fixture
def console(console_app: Flask) -> FlaskClient:
    return console_app.test_client()


def _open_session(console: FlaskClient, **settings: str) -> dict[str, Any]:
    reply = console.post("/console/api/sessions", json=settings)
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
        if url.startswith("#"):  # a link within the page
            continue
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
    assert data["suggestions"] == suggestions(None, "en-US")
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


PHASES = [None, *(phase.value for phase in Phase if phase is not Phase.ENDED)]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("phase", PHASES)
def test_every_suggestion_becomes_the_event_it_offers(phase: str | None, locale: str) -> None:
    """Each phrase offered, said in that locale, reaches the engine as the event it stands for."""
    nlu = nlu_for(locale)
    offered = suggestions(phase, locale)
    assert offered
    for suggestion in offered:
        resolution = nlu.resolve(suggestion["say"])
        if suggestion["event"] == EventKind.LAUNCH:
            assert resolution.kind == "launch", suggestion
        else:
            assert resolution.intent is not None, suggestion
            assert INTENT_EVENTS[resolution.intent] == suggestion["event"], suggestion


def test_suggestions_follow_the_transition_table() -> None:
    outside = [s["say"] for s in suggestions(None, "en-US")]
    counting = {s["event"] for s in suggestions(Phase.COUNTED, "en-US")}
    assert "open morning moves" in outside
    assert EventKind.LAUNCH not in counting  # no "open morning moves" mid-workout
    assert counting >= {kind.value for kind in TRANSITIONS[Phase.COUNTED]}
    assert {EventKind.HELP, EventKind.STOP} <= counting


def test_settings_reach_the_skill(console: FlaskClient, store: MemoryStore) -> None:
    """Locale, device, person and clock go into the envelope; the skill records at the clock."""
    settings = {"locale": "en-AU", "device": "echo-show", "person": "person-1"}
    session = _open_session(console, clock="2026-11-25T07:00", user="new", **settings)
    assert session["settings"]["clock"] == "2026-11-25T07:00:00+00:00"
    first = _say(console, session["session"], "start my morning moves")["turn"]
    system = first["request"]["context"]["System"]
    assert first["request"]["request"]["locale"] == "en-AU"
    assert first["request"]["request"]["timestamp"] == "2026-11-25T07:00:00Z"
    assert system["person"]["personId"] == PERSONS["person-1"][1]
    assert "Alexa.Presentation.APL" in system["device"]["supportedInterfaces"]
    assert first["screen"]["title"] == "Toe taps"
    _say(console, session["session"], "next")
    done = _say(console, session["session"], "next")
    panel = done["progress"]["panel"]
    assert panel["today"] == "2026-11-25"
    assert panel["streak"] == 1
    assert [m["move"] for m in panel["moves"]][:2] == ["Toe taps", "Squats"]  # routine order
    assert done["progress"]["progress"]["days"][0]["local_date"] == "2026-11-25"
    assert done["progress"]["user"] != SIMULATOR_USER_ID  # a new user, nobody's record


@pytest.mark.parametrize(
    "settings",
    [{"locale": "fr-FR"}, {"device": "tv"}, {"user": "root"}, {"person": "x"}, {"clock": "noon"}],
)
def test_unknown_settings_are_refused(console: FlaskClient, settings: dict[str, str]) -> None:
    reply = console.post("/console/api/sessions", json=settings)
    assert reply.status_code == 400
    assert reply.get_json()["error"]


def test_a_turn_shows_intent_slots_and_decoded_session(console: FlaskClient) -> None:
    session = _open_session(console)["session"]
    turn = _say(console, session, "ask morning moves to do squats")["turn"]
    assert turn["intent"]["name"] == Intent.START_MOVE
    assert turn["intent"]["slots"]["move"] == {"value": "squats", "id": MoveId.SQUATS.value}
    assert turn["session"]["state"]["phase"] == turn["phase"]
    assert turn["response"]["response"]["outputSpeech"]["ssml"] == turn["ssml"]


def test_an_export_replays_as_a_golden_transcript(console: FlaskClient) -> None:
    session = _open_session(console, clock="2026-11-25T07:00", user="new")["session"]
    for said in ["open morning moves", "start my morning moves", "next", "", "pause", "stop"]:
        _say(console, session, said)
    reply = console.get(f"/console/api/export?session={session}")
    assert reply.mimetype == "text/plain"
    assert "attachment" in reply.headers["Content-Disposition"]
    exported = reply.get_data(as_text=True)
    assert exported.startswith("# ")
    assert render(exported, locale="en-US") == exported


@pytest.mark.parametrize(
    ("ssml", "reps", "phases"),
    [
        ("<speak>Hello there.</speak>", None, None),
        (
            '<speak>Ready? <break time="600ms"/> 3, <break time="600ms"/> go. '
            '<break time="300ms"/> 1, down <break time="1s"/> up <break time="500ms"/> '
            '2, down <break time="1s"/> up <break time="500ms"/> That is two, well done.</speak>',
            [1, 2],
            ["lead-in", "reps 1", "wrap-up"],
        ),
    ],
)
def test_a_counted_reply_becomes_a_timeline(
    ssml: str, reps: list[int] | None, phases: list[str] | None
) -> None:
    drawn = timeline(ssml)
    if reps is None:
        assert drawn is None
        return
    assert drawn is not None
    assert sorted({item["rep"] for item in drawn["items"] if "rep" in item}) == reps
    assert [part["label"] for part in drawn["phases"]] == phases
    pauses = sum(item["seconds"] for item in drawn["items"] if item["kind"] == "pause")
    assert pauses == pytest.approx(0.6 + 0.6 + 0.3 + 1 + 0.5 + 1 + 0.5)
    assert drawn["seconds"] > pauses
    assert spoken_seconds(ssml) == drawn["seconds"]


@pytest.mark.parametrize(
    ("ssml", "seconds"),
    [
        ("<speak></speak>", 0.0),
        (
            '<speak>Hello there. <break time="2s"/> Bye.</speak>',
            2.0 + speaking_seconds("Hello there.") + speaking_seconds("Bye."),
        ),
    ],
)
def test_every_reply_is_timed_with_the_engines_speaking_estimate(ssml: str, seconds: float) -> None:
    """The console's "about N s of speech", for replies that are not counted sets too."""
    assert spoken_seconds(ssml) == round(seconds, 1)


def test_the_favicon_is_the_skill_icon(console: FlaskClient) -> None:
    icon = Path(__file__).parents[2] / "art" / "icon.svg"
    for url in ("/favicon.ico", "/console/favicon.svg"):
        reply = console.get(url)
        assert reply.mimetype == "image/svg+xml"
        assert reply.get_data() == icon.read_bytes()


def test_the_readme_shows_a_small_screenshot_of_the_console() -> None:
    root = Path(__file__).parents[2]
    shot = root / "docs" / "console.png"
    assert "](docs/console.png)" in (root / "README.md").read_text(encoding="utf-8")
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size < 150_000  # optimised (pngquant), not a raw capture
