"""Whatever arrives, the Alexa endpoint answers 200, 400, 405 or 413: never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.config import StoreKind
from skill.store.memory import MemoryStore
from skill.web import create_app
from testkit.pki import CHAIN_URL, Pki
from tests.events import event_names, load_event
from tests.web.conftest import make_rig, verifying_config

ALLOWED = {200, 400, 405, 413}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)


def _mutated_events() -> st.SearchStrategy[bytes]:
    """Recorded events with one field swapped for something odd, at any depth."""

    def mutate(name: str, path_seed: int, value: Any) -> bytes:
        event = load_event(name)
        node: Any = event
        while isinstance(node, dict) and node:
            keys = sorted(node)
            key = keys[path_seed % len(keys)]
            path_seed //= len(keys)
            if not isinstance(node[key], dict) or path_seed == 0:
                node[key] = value
                break
            node = node[key]
        return json.dumps(event).encode()

    return st.builds(mutate, st.sampled_from(event_names()), st.integers(0, 10_000), json_values)


bodies = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(str.encode),
    json_values.map(lambda v: json.dumps(v).encode()),
    _mutated_events(),
)


@pytest.fixture(scope="module")
def verifying_app(pki: Pki) -> Flask:
    return make_rig(pki).app


@pytest.fixture(scope="module")
def open_app() -> Flask:
    config = verifying_config().with_(verify=False, store=StoreKind.MEMORY)
    return create_app(config, store=MemoryStore())


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(body=bodies, headers=st.dictionaries(header_text.filter(str.isidentifier), header_text))
def test_unverified_endpoint_never_500s(
    open_app: Flask, body: bytes, headers: dict[str, str]
) -> None:
    # JSON, or local mode refuses it before it reaches the envelope checks being fuzzed here.
    headers = headers | {"Content-Type": "application/json"}
    reply = open_app.test_client().post("/alexa", data=body, headers=headers)
    assert reply.status_code in ALLOWED, reply.get_data(as_text=True)
    assert "Traceback" not in reply.get_data(as_text=True)


@FUZZ
@given(
    body=bodies,
    url=st.sampled_from([CHAIN_URL, "https://s3.amazonaws.com/echo.api/x"]) | header_text,
    signature=header_text,
)
def test_verifying_endpoint_never_500s(
    verifying_app: Flask, body: bytes, url: str, signature: str
) -> None:
    headers = {"SignatureCertChainUrl": url, "Signature-256": signature}
    reply = verifying_app.test_client().post("/alexa", data=body, headers=headers)
    assert reply.status_code in {400, 413}, reply.get_data(as_text=True)


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_wrong_methods_get_405(open_app: Flask, method: str) -> None:
    assert open_app.test_client().open("/alexa", method=method).status_code == 405


def test_oversized_body_is_refused(open_app: Flask) -> None:
    body = b"{" + b" " * 200_000 + b"}"
    reply = open_app.test_client().post("/alexa", data=body, content_type="application/json")
    assert reply.status_code == 413


def test_deeply_nested_json_is_a_400(open_app: Flask) -> None:
    reply = open_app.test_client().post(
        "/alexa", data=b"[" * 50_000 + b"]" * 50_000, content_type="application/json"
    )
    assert reply.status_code in {400, 413}
    reply = open_app.test_client().post(
        "/alexa", data=b"[" * 20_000 + b"]" * 20_000, content_type="application/json"
    )
    assert reply.status_code == 400


@pytest.fixture(scope="module")
def console_app() -> Flask:
    config = verifying_config().with_(verify=False)
    return create_app(config, store=MemoryStore(), console=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=300) | st.sampled_from(["next", "stop", "help", "start my morning moves"])
)
def test_console_answers_whatever_is_typed(console_app: Flask, text: str) -> None:
    client = console_app.test_client()
    session = client.post("/console/api/sessions", json={}).get_json()["session"]
    reply = client.post("/console/api/say", json={"session": session, "text": text})
    assert reply.status_code == 200, reply.get_data(as_text=True)
    assert isinstance(reply.get_json()["turn"]["segments"], list)
