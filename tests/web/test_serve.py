"""`morning-moves serve`: a real WSGI server, verification on by default, off only on loopback."""

from __future__ import annotations

import json
import signal
import urllib.error
import urllib.request

import pytest

from skill.cli import main
from skill.config import Config, StoreKind
from skill.web import create_app
from skill.web.local import UnsafeServingError, is_loopback
from tests.events import load_event
from tests.web.live import serve_process


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.com", False),
        ("", False),
    ],
)
def test_what_counts_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_no_verify_is_refused_off_loopback(host: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", host, "--port", "1", "--no-verify"]) == 2
    assert "refusing to turn Alexa request verification off" in capsys.readouterr().err


def test_verify_false_from_the_environment_is_refused_off_loopback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MORNING_MOVES_VERIFY", "false")
    monkeypatch.setenv("MORNING_MOVES_HOST", "0.0.0.0")
    assert main(["serve", "--port", "1"]) == 2
    assert "refusing" in capsys.readouterr().err


def test_the_app_factory_refuses_too() -> None:
    config = Config(store=StoreKind.MEMORY, verify=False, host="0.0.0.0")
    with pytest.raises(UnsafeServingError):
        create_app(config)


def _post_launch(url: str) -> int:
    body = json.dumps(load_event("launch")).encode()
    request = urllib.request.Request(
        f"{url}/alexa", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


@pytest.mark.parametrize("stop_with", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_no_verify_on_loopback_serves_warns_and_stops_cleanly(stop_with: int) -> None:
    with serve_process("--no-verify") as server:
        assert _post_launch(server.url) == 200
        code, out, err = server.stop(stop_with)
    assert code == 0
    assert "Stopped." in out
    assert "Alexa request verification is OFF" in err
    assert "Traceback" not in err
    assert any(f"listening on {server.url}" in line for line in server.banner)


def test_verification_without_a_skill_id_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MORNING_MOVES_SKILL_ID", raising=False)
    assert main(["serve", "--port", "1"]) == 2
    assert "--any-skill" in capsys.readouterr().err


def test_verification_is_on_by_default() -> None:
    with serve_process("--any-skill") as server:
        assert _post_launch(server.url) == 400
        code, _, err = server.stop()
    assert code == 0
    assert "verification is OFF" not in err
    assert "missing SignatureCertChainUrl" in err  # the one log line for the refusal
