"""Verification over real HTTP: a waitress server on 127.0.0.1 and urllib as the client."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from testkit.pki import Pki, signed_body
from tests.web.conftest import Rig, event_at, make_rig
from tests.web.live import live_server


@pytest.fixture
def served(pki: Pki) -> Iterator[tuple[Rig, str]]:
    rig = make_rig(pki)
    with live_server(rig.app) as url:
        yield rig, url


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(f"{url}/alexa", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def test_signed_launch_over_http(served: tuple[Rig, str]) -> None:
    rig, url = served
    body = signed_body(event_at("launch", rig.clock.now))
    status, payload = _post(url, body, rig.pki.headers(body))
    assert status == 200
    assert "Welcome to Morning Moves" in payload["response"]["outputSpeech"]["ssml"]


def test_tampered_body_over_http(served: tuple[Rig, str]) -> None:
    rig, url = served
    body = signed_body(event_at("launch", rig.clock.now))
    status, payload = _post(url, body.replace(b"launch-1", b"launch-2"), rig.pki.headers(body))
    assert (status, payload["error"]) == (
        400,
        "verification failed: signature does not match the body",
    )


def test_unsigned_request_over_http(served: tuple[Rig, str]) -> None:
    rig, url = served
    body = signed_body(event_at("launch", rig.clock.now))
    status, payload = _post(url, body, {"Content-Type": "application/json"})
    assert status == 400
    assert "missing SignatureCertChainUrl" in payload["error"]


def test_health_and_wrong_method_over_http(served: tuple[Rig, str]) -> None:
    _, url = served
    with urllib.request.urlopen(f"{url}/healthz", timeout=10) as reply:
        assert json.loads(reply.read()) == {"status": "ok"}
    with pytest.raises(urllib.error.HTTPError) as wrong:
        urllib.request.urlopen(f"{url}/alexa", timeout=10)
    assert wrong.value.code == 405
    wrong.value.close()
