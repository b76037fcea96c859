"""A verifying app wired to a test CA: chains served by a fake S3, a clock the test controls."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from skill.config import Config, StoreKind
from skill.store.memory import MemoryStore
from skill.web import create_app
from skill.web.verifier import default_verifiers
from testkit.pki import CHAIN_URL, ChainHost, Pki, iso, make_pki, signed_body
from tests.conftest import TEST_SKILL_ID
from tests.events import load_event

NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass
class Clock:
    """Now, as the server sees it; tests move it."""

    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def event_at(name: str, moment: datetime, **overrides: Any) -> dict[str, Any]:
    """A recorded event stamped at `moment`."""
    return load_event(name, timestamp=iso(moment), **overrides)


@dataclass
class Rig:
    """A verifying Flask app, its fake S3 and its clock."""

    app: Flask
    pki: Pki
    chains: ChainHost
    clock: Clock
    client: FlaskClient = field(init=False)

    def __post_init__(self) -> None:
        self.client = self.app.test_client()

    def post_signed(
        self,
        envelope: dict[str, Any] | None = None,
        *,
        signer: Pki | None = None,
        url: str = CHAIN_URL,
        header_overrides: dict[str, str] | None = None,
    ) -> TestResponse:
        """POST an envelope (launch, stamped now, by default) signed as Alexa would."""
        body = signed_body(envelope or event_at("launch", self.clock.now))
        headers = (signer or self.pki).headers(body, url) | (header_overrides or {})
        return self.client.post("/alexa", data=body, headers=headers)


def verifying_config() -> Config:
    return Config(skill_id=TEST_SKILL_ID, store=StoreKind.MEMORY, verify=True)


@pytest.fixture(scope="session")
def pki() -> Pki:
    return make_pki("Trusted")


@pytest.fixture(scope="session")
def rogue_pki() -> Pki:
    return make_pki("Rogue")


def make_rig(pki: Pki) -> Rig:
    chains = ChainHost({CHAIN_URL: pki.chain_pem()})
    clock = Clock()
    verifiers = default_verifiers(cert_fetcher=chains, trusted_roots=[pki.root], clock=clock)
    app = create_app(verifying_config(), store=MemoryStore(), verifiers=verifiers)
    return Rig(app=app, pki=pki, chains=chains, clock=clock)


@pytest.fixture
def rig(pki: Pki) -> Rig:
    return make_rig(pki)
