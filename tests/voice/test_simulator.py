"""The simulator: real envelopes, session carried over, silence, and the same conversation
in-process and over real HTTP; plus `morning-moves chat`."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from skill.cli import main
from skill.config import Config
from skill.dev.simulator import (
    ANSWER_SECONDS,
    Conversation,
    HttpTransport,
    Said,
    SimulatorError,
    SkillTransport,
    Turn,
    format_turn,
    planned_seconds,
    script_lines,
    ssml_to_text,
)
from skill.domain.speech import speaking_seconds
from skill.store.memory import MemoryStore
from skill.voice import build_skill
from skill.web import create_app
from tests.conftest import TEST_SKILL_ID
from tests.web.live import live_server

FIXED_NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)


class RecordingTransport:
    """Passes envelopes to the real skill and keeps a copy of each."""

    def __init__(self, config: Config):
        self.inner = SkillTransport(build_skill(MemoryStore(), config, clock=lambda: FIXED_NOW))
        self.sent: list[dict[str, Any]] = []

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        self.sent.append(envelope)
        return self.inner.send(envelope)


@pytest.fixture
def transport(config: Config) -> RecordingTransport:
    return RecordingTransport(config)


@pytest.fixture
def conversation(transport: RecordingTransport) -> Conversation:
    return Conversation(transport, skill_id=TEST_SKILL_ID, clock=lambda: FIXED_NOW)


@pytest.mark.parametrize(
    ("ssml", "text"),
    [
        ('<speak>one <break time="2000ms"/> two</speak>', "one [2s] two"),
        ('<speak>a <break time="10000ms"/><break time="2500ms"/> b</speak>', "a [12.5s] b"),
        ('<speak>go<break time="1s"/>now</speak>', "go [1s] now"),
        ("<speak>Tom &amp; Jerry &lt;3</speak>", "Tom & Jerry <3"),
        ('<speak><audio src="https://x/y.mp3"/> hi</speak>', "[audio] hi"),
        ("", ""),
    ],
)
def test_ssml_becomes_readable_text(ssml: str, text: str) -> None:
    assert ssml_to_text(ssml) == text


def test_launch_then_intent_carries_the_session(
    conversation: Conversation, transport: RecordingTransport
) -> None:
    first = conversation.say("open morning moves")
    second = conversation.say("help")
    launch, help_ = transport.sent
    assert launch["request"]["type"] == "LaunchRequest"
    assert launch["session"]["new"] is True
    assert help_["session"]["new"] is False
    assert help_["session"]["sessionId"] == launch["session"]["sessionId"]
    assert help_["session"]["attributes"] == first.response["sessionAttributes"]  # type: ignore[index]
    assert help_["request"]["requestId"] != launch["request"]["requestId"]
    assert launch["request"]["timestamp"] == "2026-11-25T07:00:00Z"
    assert help_["request"]["timestamp"] > launch["request"]["timestamp"]  # once it had played
    assert help_["request"]["locale"] == "en-US"
    assert help_["context"]["System"]["application"]["applicationId"] == TEST_SKILL_ID
    assert second.heard == "AMAZON.HelpIntent (built-in phrase)"  # "help": Alexa knows it
    assert not second.ended
    assert second.phase is not None


def test_slots_are_sent_with_entity_resolution(
    conversation: Conversation, transport: RecordingTransport
) -> None:
    turn = conversation.say("ask morning moves to do some calf raises")
    slot = transport.sent[0]["request"]["intent"]["slots"]["move"]
    assert slot["value"] == "calf raises"
    authority = slot["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"]["code"] == "ER_SUCCESS_MATCH"
    assert authority["values"][0]["value"] == {"name": "heel rises", "id": "heel_rises"}
    assert turn.heard == "StartMoveIntent move=heel_rises"


def test_number_and_empty_slots(conversation: Conversation, transport: RecordingTransport) -> None:
    conversation.say("tell morning moves I'm forty two")
    conversation.say("explain this one")
    age = transport.sent[0]["request"]["intent"]["slots"]["age"]
    move = transport.sent[1]["request"]["intent"]["slots"]["move"]
    assert age["value"] == "42"
    assert "resolutions" not in age
    assert move == {"name": "move", "confirmationStatus": "NONE"}


def test_unmatched_text_goes_to_fallback(
    conversation: Conversation, transport: RecordingTransport
) -> None:
    turn = conversation.say("ask morning moves what's the capital of peru")
    assert transport.sent[0]["request"]["intent"]["name"] == "AMAZON.FallbackIntent"
    assert turn.text


def test_silence_plays_the_reprompt_once_then_ends_the_session(
    conversation: Conversation, transport: RecordingTransport
) -> None:
    launch = conversation.say("open morning moves")
    reprompt = conversation.say("")
    assert reprompt.text == launch.reprompt
    assert len(transport.sent) == 1  # Alexa plays the reprompt itself
    ended = conversation.say("(silence)")
    assert transport.sent[-1]["request"] == {
        **transport.sent[-1]["request"],
        "type": "SessionEndedRequest",
        "reason": "EXCEEDED_MAX_REPROMPTS",
    }
    assert ended.ended
    assert ended.text == ""
    assert not conversation.in_session
    assert conversation.say("").text == ""  # nobody is listening


def test_a_new_session_after_the_last_one_ended(
    conversation: Conversation, transport: RecordingTransport
) -> None:
    conversation.say("open morning moves")
    stopped = conversation.say("stop")
    assert stopped.ended
    conversation.say("ask morning moves for help")
    first, _, again = transport.sent
    assert again["session"]["new"] is True
    assert again["session"]["sessionId"] != first["session"]["sessionId"]
    assert again["session"]["attributes"] == {}


def test_without_a_session_only_named_requests_reach_the_skill(
    conversation: Conversation, transport: RecordingTransport
) -> None:
    turn = conversation.say("start my morning moves")
    assert transport.sent == []
    assert turn.heard.startswith("not sent")
    assert turn.text == ""
    assert "alexa would answer this herself" in format_turn(turn).lower()
    name_free = Conversation(transport, skill_id=TEST_SKILL_ID, require_invocation=False)
    assert name_free.say("start my morning moves").heard == "StartRoutineIntent"
    assert transport.sent[0]["session"]["new"] is True


def test_explicit_end_sends_session_ended(conversation: Conversation) -> None:
    conversation.say("open morning moves")
    turn = conversation.end()
    assert turn.ended
    assert turn.heard == "SessionEndedRequest USER_INITIATED"


def test_format_turn_shows_words_pauses_and_state() -> None:
    turn = Turn(
        user="start",
        heard="StartRoutineIntent",
        text="one [2s] two",
        ssml="",
        reprompt="",
        ended=False,
        phase="counting",
    )
    assert format_turn(turn) == (
        "user: start\nalexa: one [2s] two\n       [StartRoutineIntent · counting · listening]"
    )
    assert json.loads(json.dumps(turn.to_json())) == {
        "user": "start",
        "heard": "StartRoutineIntent",
        "text": "one [2s] two",
        "ssml": "",
        "reprompt": "",
        "ended": False,
        "phase": "counting",
        "state": "counting · listening",
    }


def test_script_lines_read_scripts_and_transcripts() -> None:
    text = "# a comment\nuser: open morning moves\nalexa: Welcome\n       [x]\n\nhelp\n(silence)\n"
    assert script_lines(text) == [Said("open morning moves"), Said("help"), Said("(silence)")]


def test_a_barge_in_line_is_read_and_written_back_the_same_way(
    conversation: Conversation,
) -> None:
    (said,) = script_lines("user (after 2.5s): next\n")
    assert said == Said("next", after=2.5)
    conversation.say("ask morning moves to start my morning moves")
    turn = conversation.say(said.text, after=said.after)
    assert format_turn(turn).startswith("user (after 2.5s): next\n")


@pytest.fixture
def live_url(config: Config) -> Iterator[str]:
    """The Flask app on a real socket (127.0.0.1, any free port), stopped after the test."""
    store = MemoryStore()
    app = create_app(config, store=store, skill=build_skill(store, config, clock=lambda: FIXED_NOW))
    with live_server(app) as url:
        yield f"{url}/alexa"


def test_same_conversation_in_process_and_over_http(config: Config, live_url: str) -> None:
    script = ["open morning moves", "help", "I'm brushing my teeth", "", "stop"]

    def run(transport: Any) -> list[tuple[str, str, bool]]:
        chat = Conversation(transport, skill_id=TEST_SKILL_ID, clock=lambda: FIXED_NOW)
        return [(t.ssml, t.heard, t.ended) for t in map(chat.say, script)]

    assert run(HttpTransport(live_url)) == run(RecordingTransport(config))


def test_http_errors_are_reported(live_url: str) -> None:
    wrong_app = Conversation(HttpTransport(live_url), skill_id="amzn1.ask.skill.not-ours")
    with pytest.raises(SimulatorError, match="HTTP 400"):
        wrong_app.say("open morning moves")
    nobody = Conversation(HttpTransport("http://127.0.0.1:9/alexa", timeout=2))
    with pytest.raises(SimulatorError, match="cannot reach"):
        nobody.say("open morning moves")
    with pytest.raises(ValueError, match="not an http"):
        HttpTransport("ftp://example.com")


@pytest.fixture
def chat_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MORNING_MOVES_STORE", "memory")
    monkeypatch.setenv("MORNING_MOVES_SKILL_ID", TEST_SKILL_ID)


@pytest.mark.usefixtures("chat_env")
def test_chat_replays_a_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "morning.txt"
    script.write_text("user: open morning moves\nalexa: (ignored)\nhelp\nstop\n")
    assert main(["chat", "--script", str(script), "--locale", "en-GB"]) == 0
    out = capsys.readouterr().out
    assert out.count("user: ") == 3
    assert "[LaunchRequest ·" in out
    assert "session ended]" in out


@pytest.mark.usefixtures("chat_env")
def test_chat_talks_to_a_running_server(live_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from skill.dev.chat import run_chat

    stdin = io.StringIO("open morning moves\nstop\n")
    assert run_chat(url=live_url, stdin=stdin) == 0
    out = capsys.readouterr().out
    assert live_url in out
    assert "[AMAZON.StopIntent (built-in phrase) ·" in out


@pytest.mark.usefixtures("chat_env")
def test_chat_reports_an_unreachable_server(capsys: pytest.CaptureFixture[str]) -> None:
    from skill.dev.chat import run_chat

    script_result = run_chat(
        url="http://127.0.0.1:9/alexa", stdin=io.StringIO("open morning moves\n")
    )
    assert script_result == 0  # the REPL carries on after an error
    assert "error: cannot reach" in capsys.readouterr().err


@pytest.mark.usefixtures("chat_env")
def test_speak_without_espeak_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on this PATH
    script = tmp_path / "s.txt"
    script.write_text("help\n")
    assert main(["chat", "--speak", "--script", str(script)]) == 0
    assert "espeak-ng is not installed" in capsys.readouterr().err


@pytest.mark.usefixtures("chat_env")
def test_speak_hands_the_ssml_to_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in espeak-ng on PATH records how it was called."""
    calls = tmp_path / "calls.txt"
    fake = tmp_path / "espeak-ng"
    fake.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> "{calls}"\necho >> "{calls}"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    script = tmp_path / "s.txt"
    script.write_text("open morning moves\nstop\n")
    assert main(["chat", "--speak", "--script", str(script)]) == 0
    spoken = calls.read_text().splitlines()
    assert len(spoken) == 2
    assert all(line.startswith("-m|<speak>") for line in spoken)
    assert "Welcome to Morning Moves" in spoken[0]


def test_the_clock_moves_on_by_each_reply_and_the_answer(
    conversation: Conversation, transport: RecordingTransport
) -> None:
    """Requests are stamped as if each reply had played and the user then answered, unless
    they barge in `after` a number of seconds; the skill tells heard sets from the stamps."""
    first = conversation.say("open morning moves")
    conversation.say("help")
    conversation.say("stop", after=3.0)
    stamps = [datetime.fromisoformat(e["request"]["timestamp"]) for e in transport.sent]
    played = planned_seconds(first.ssml) + ANSWER_SECONDS
    assert (stamps[1] - stamps[0]).total_seconds() == pytest.approx(played, abs=1)
    assert (stamps[2] - stamps[1]).total_seconds() == pytest.approx(3.0, abs=1)


def test_planned_seconds_reads_breaks_and_words() -> None:
    ssml = '<speak>one two <break time="2500ms"/> three <break time="1s"/></speak>'
    assert planned_seconds(ssml) == pytest.approx(3.5 + speaking_seconds("one two three"))
