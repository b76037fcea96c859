"""Flask app factory around one skill instance."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from ask_sdk_core.skill import CustomSkill
from ask_sdk_runtime.exceptions import AskSdkException
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from skill.config import Config
from skill.limits import EnvelopeRejectedError, check_envelope
from skill.metrics import Metric, collecting, count
from skill.outbox import make_outbox
from skill.store.base import ProgressStore
from skill.store.factory import make_store
from skill.voice.builder import build_skill
from skill.web.local import (
    VERIFY_OFF_WARNING,
    UnsafeServingError,
    check_verification_switch,
    is_loopback,
    local_request_refusal,
)
from skill.web.verifier import AbstractVerifier, VerificationException, default_verifiers
from skill.web.webservice import MalformedRequestError, WebserviceSkillHandler

log = logging.getLogger(__name__)

ALEXA_PATH = "/alexa"
# Alexa requests are a few KB; anything this large is not one.
MAX_BODY_BYTES = 128 * 1024


def _bad_request(reason: str) -> tuple[Response, int]:
    log.warning("rejected %s from %s: %s", request.path, request.remote_addr, reason)
    return jsonify(error=reason), 400


def create_app(
    config: Config | None = None,
    *,
    store: ProgressStore | None = None,
    skill: CustomSkill | None = None,
    verifiers: Sequence[AbstractVerifier] | None = None,
    console: bool = False,
) -> Flask:
    """Build the web app.

    Verification is on unless the config explicitly turns it off, which is refused unless the
    config's host is loopback. `verifiers` replaces the default checks (tests inject their CA).
    `console` adds the local console at / (loopback hosts only).
    """
    config = config or Config.load()
    check_verification_switch(config)
    if console and not is_loopback(config.host):
        raise UnsafeServingError(f"the console is only served on loopback, not on {config.host}")
    store = store if store is not None else make_store(config)
    outbox = make_outbox(config) if skill is None else None
    if skill is None and console:
        from skill.dev.console_clock import console_now  # the console's clock control

        skill = build_skill(store, config, outbox=outbox, clock=console_now)
    skill = skill or build_skill(store, config, outbox=outbox)
    if config.verify:
        checks = list(verifiers) if verifiers is not None else default_verifiers()
        if config.skill_id is None:
            log.warning("no skill id configured: requests for any skill will be answered")
    else:
        checks = []
        log.warning(VERIFY_OFF_WARNING)
    handler = WebserviceSkillHandler(skill, checks)

    app = Flask(__name__)
    # `serve` drains a local outbox into this store (skill.outbox.local.Drainer).
    app.config["MORNING_MOVES_STORE"] = store
    app.config["MORNING_MOVES_OUTBOX"] = outbox
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        return jsonify(error=exc.name), exc.code or 500

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok")

    @app.post(ALEXA_PATH)
    def alexa() -> tuple[Response, int] | Response:
        if not config.verify and (refusal := local_request_refusal(request.host, request.mimetype)):
            return _bad_request(refusal)
        try:
            body = request.get_data(cache=False).decode("utf-8")
            payload = json.loads(body)
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _bad_request("body is not JSON")
        try:
            payload = check_envelope(payload)
        except EnvelopeRejectedError as exc:
            return _bad_request(str(exc))
        try:
            reply = handler.verify_request_and_dispatch(
                dict(request.headers.items()), body, payload
            )
        except MalformedRequestError as exc:
            return _bad_request(str(exc))
        except VerificationException as exc:
            with collecting():
                count(Metric.VERIFICATION_FAILURES)
            return _bad_request(f"verification failed: {exc}")
        except AskSdkException as exc:
            return _bad_request(f"skill refused the request: {exc}")
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
            return _bad_request(f"malformed request: {type(exc).__name__}")
        return jsonify(reply)

    if console:
        from skill.dev.console import console_blueprint  # the simulator is for local use only

        app.register_blueprint(console_blueprint(skill, store, config))
    return app
