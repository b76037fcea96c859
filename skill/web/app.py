"""Flask app factory around one skill instance."""

from __future__ import annotations

import json
import logging
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_runtime.exceptions import AskSdkException
from flask import Flask, Response, jsonify, request

from skill.config import Config
from skill.store.base import ProgressStore
from skill.store.factory import make_store
from skill.voice.builder import build_skill

log = logging.getLogger(__name__)

ALEXA_PATH = "/alexa"


def _bad_request(reason: str) -> tuple[Response, int]:
    log.warning("rejected request: %s", reason)
    return jsonify(error=reason), 400


def create_app(
    config: Config | None = None,
    *,
    store: ProgressStore | None = None,
    skill: CustomSkill | None = None,
) -> Flask:
    """Build the web app. Verification stays on unless the config explicitly turns it off."""
    config = config or Config.load()
    store = store if store is not None else make_store(config)
    skill = skill or build_skill(store, config)
    app = Flask(__name__)
    app.config["MORNING_MOVES"] = config

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok")

    @app.post(ALEXA_PATH)
    def alexa() -> tuple[Response, int] | Response:
        body = request.get_data(cache=True)
        try:
            payload: Any = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _bad_request("body is not JSON")
        if not isinstance(payload, dict) or "request" not in payload:
            return _bad_request("not an Alexa request envelope")
        if config.verify:
            return _bad_request("request verification is not available yet")
        try:
            envelope = skill.serializer.deserialize(body.decode("utf-8"), RequestEnvelope)
            response = skill.invoke(request_envelope=envelope, context=None)
        except AskSdkException as exc:
            return _bad_request(f"skill refused the request: {type(exc).__name__}")
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            return _bad_request(f"malformed request: {type(exc).__name__}")
        return jsonify(skill.serializer.serialize(response))

    return app
