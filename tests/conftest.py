"""Shared fixtures: a config with no outside dependencies, a skill, the Flask app and client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services.api_client_request import ApiClientRequest
from ask_sdk_model.services.api_client_response import ApiClientResponse
from flask import Flask
from flask.testing import FlaskClient

from skill.config import Config, StoreKind
from skill.store.dynamodb import create_table, make_client
from skill.store.memory import MemoryStore
from skill.voice.api_client import BoundedApiClient, trusted_roots
from skill.web import create_app
from testkit.dynalite import DynaliteServer, local_config
from tests.fakes.alexa_api import FakeAlexaApi, FakeAlexaServer, make_certificate

TEST_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"


@pytest.fixture(autouse=True, scope="session")
def _data_home_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The embedded store's default file lives under XDG_DATA_HOME: never the real home's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
        yield


@pytest.fixture(autouse=True)
def _no_device_time_zone_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recorded envelopes name Alexa's real API endpoint: no test may call it. Tests of the
    lookup pass `skill.voice.timezone.device_time_zone` explicitly, against the fake API."""
    monkeypatch.setattr("skill.voice.progress.device_time_zone", lambda _handler_input: None)


@pytest.fixture(autouse=True)
def _alexa_apis_only_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The skill's Alexa API calls (reminders) may only reach the local fake, never Alexa."""
    invoke = BoundedApiClient.invoke

    def local_only(self: BoundedApiClient, request: ApiClientRequest) -> ApiClientResponse:
        if not str(request.url).startswith("https://127.0.0.1:"):
            raise ApiClientException(f"test tried to call {request.url}")
        return invoke(self, request)

    monkeypatch.setattr(BoundedApiClient, "invoke", local_only)


# The local DynamoDB-compatible server (dynalite), shared by the store and deployment tests.
@pytest.fixture(scope="session")
def dynalite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DynaliteServer]:
    """The test session's dynalite (one process for the whole run)."""
    server = DynaliteServer(tmp_path_factory.mktemp("dynalite"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def dynamodb_endpoint(dynalite_server: DynaliteServer) -> str:
    """URL of the running DynamoDB-compatible server (shared with the deployment tests)."""
    return dynalite_server.url


@pytest.fixture(scope="session")
def dynamodb_table(dynamodb_endpoint: str) -> str:
    """A table with the production key schema, ACTIVE, on the session's server."""
    name = "morning-moves-test"
    create_table(make_client(local_config(dynamodb_endpoint, name)), name)
    return name


@pytest.fixture
def config() -> Config:
    return Config(skill_id=TEST_SKILL_ID, store=StoreKind.MEMORY, verify=False)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def app(config: Config, store: MemoryStore) -> Flask:
    return create_app(config, store=store)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def _fake_alexa_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeAlexaApi]:
    cert, key = make_certificate(tmp_path_factory.mktemp("fake-alexa"))
    with FakeAlexaServer(cert, key) as api:
        api.ca_bundle = cert
        yield api


@pytest.fixture
def fake_alexa(
    _fake_alexa_server: FakeAlexaApi, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeAlexaApi]:
    """The fake Alexa Reminders/Settings API, reset, and trusted by TLS (SSL_CERT_FILE)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(_fake_alexa_server.ca_bundle))
    trusted_roots.cache_clear()  # the client's TLS context now trusts the fake's certificate
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    _fake_alexa_server.reset()
    yield _fake_alexa_server
    _fake_alexa_server.reset()
    trusted_roots.cache_clear()
