"""Shared fixtures: a config with no outside dependencies, a skill, the Flask app and client."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill.config import Config, StoreKind
from skill.store.memory import MemoryStore
from skill.web import create_app

TEST_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"


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
