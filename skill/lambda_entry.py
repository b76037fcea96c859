"""The Lambda handler over build_skill(); `make_handler` builds the skill, its store and the
store's client at once, so lambda/app.py does it at import: in Lambda's init phase, which runs
ahead of the first request under provisioned concurrency, SnapStart and proactive
initialisation, and is not billed on the request's clock otherwise either (bench: init and first
event measured apart).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ask_sdk_core.handler_input import HandlerInput

from skill.config import Config
from skill.limits import EnvelopeRejectedError, check_envelope
from skill.metrics import Metric, collecting, count
from skill.outbox import deferred_outbox, is_sqs_event
from skill.store.factory import make_store
from skill.store.metered import MeteredStore
from skill.voice import envelope as requests
from skill.voice.builder import build_skill
from skill.voice.redact import user_ref
from skill.voice.serializer import request_envelope

if TYPE_CHECKING:
    from ask_sdk_core.skill import CustomSkill
    from ask_sdk_model.request_envelope import RequestEnvelope

    from skill.store.base import ProgressStore

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]

log = logging.getLogger(__name__)


class RequestFailedError(Exception):
    """The skill could not answer; the JSON log line above it has the details."""


def _build(config: Config) -> tuple[CustomSkill, ProgressStore]:
    started = time.perf_counter()
    store = MeteredStore(make_store(config))
    skill = build_skill(store, config, outbox=deferred_outbox(config))
    log.info(
        "skill built",
        extra={
            "fields": {
                "store": str(config.store),
                "table": config.table_name,
                "build_ms": round((time.perf_counter() - started) * 1000, 1),
            }
        },
    )
    return skill, store


def _drain(store: ProgressStore, event: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """An SQS event source batch from the outbox: applied, failures reported for retry."""
    # The SQS backend is imported when it is used, like every backend (store factory, outbox):
    # botocore is most of its cost, so an entry on another store never loads it.
    from skill.outbox.sqs import drain_records

    answer = drain_records(store, event["Records"])
    fields |= {
        "request_type": "outbox",
        "messages": len(event["Records"]),
        "retried": len(answer["batchItemFailures"]),
    }
    return answer


def _request_fields(event: object, context: Any) -> dict[str, Any]:
    """What one log line says about a request: its kind, never who made it. Total: any event,
    however malformed, gets fields (values of the wrong type are left out)."""
    fields: dict[str, Any] = {}
    request_id = getattr(context, "aws_request_id", None)
    if isinstance(request_id, str):
        fields["request_id"] = request_id
    request = _dig(event, "request")
    for name, value in (
        ("request_type", _dig(request, "type")),
        ("intent", _dig(request, "intent", "name")),
    ):
        if isinstance(value, str) and value.isprintable() and len(value) <= 100:
            fields[name] = value
    return fields


def _dig(value: object, *path: str) -> object:
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _user_field(envelope: RequestEnvelope) -> dict[str, str]:
    """The log line's user: a reference, read the one way every handler reads it."""
    try:
        return {"user": user_ref(requests.user_id(HandlerInput(request_envelope=envelope)))}
    except (ValueError, AttributeError):
        return {}


def _application_id(event: object) -> object:
    return _dig(event, "context", "System", "application", "applicationId") or _dig(
        event, "session", "application", "applicationId"
    )


# A request's shape without its data: deserialising it in the init phase loads the model classes
# and compiles the serializer's decoders that every first request would otherwise pay for.
_PRIMING_EVENT: dict[str, Any] = {
    "version": "1.0",
    "session": {
        "new": True,
        "sessionId": "prime",
        "application": {"applicationId": "prime"},
        "user": {"userId": "prime"},
        "attributes": {},
    },
    "context": {
        "System": {
            "application": {"applicationId": "prime"},
            "user": {"userId": "prime"},
            "device": {"deviceId": "prime", "supportedInterfaces": {}},
            "apiEndpoint": "https://127.0.0.1",
            "apiAccessToken": "prime",
        }
    },
    "request": {
        "type": "LaunchRequest",
        "requestId": "prime",
        "locale": "en-US",
        "timestamp": "2026-01-01T00:00:00Z",
    },
}


def make_handler(config: Config) -> LambdaHandler:
    """A Lambda handler over a skill built now (call at import: the init phase).

    Every path logs exactly one JSON line ("request handled", "request rejected" or "request
    failed") and the only exception it raises is RequestFailedError; each request's metrics are
    written after it (skill.metrics).
    """
    skill, store = _build(config)
    request_envelope(skill.serializer, _PRIMING_EVENT)  # no I/O: see _PRIMING_EVENT
    cold = True  # until the first event has been served: the log line's `cold`

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        with collecting():
            return handle(event, context)

    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        nonlocal cold
        started = time.perf_counter()
        fields: dict[str, Any] = {"cold": cold}
        try:
            result: Any
            if is_sqs_event(event):
                result = _drain(store, event, fields)
            else:
                fields |= _request_fields(event, context)
                envelope = request_envelope(skill.serializer, check_envelope(event))
                fields |= _user_field(envelope)
                response = skill.invoke(request_envelope=envelope, context=context)
                result = skill.serializer.serialize(response)
            if not isinstance(result, dict):
                raise TypeError("the skill's response did not serialize to an object")
        except EnvelopeRejectedError as exc:
            log.warning("request rejected", extra={"fields": fields | {"reason": str(exc)}})
            raise RequestFailedError("malformed request") from None
        except Exception as exc:
            if config.skill_id and _application_id(event) != config.skill_id:
                # What the SDK refused (SkillBuilder.skill_id): a request for another skill.
                count(Metric.VERIFICATION_FAILURES)
                fields["refused"] = "skill id"
            log.exception("request failed", extra={"fields": fields})
            # The runtime prints what we raise outside our formatter: keep request data out of it.
            raise RequestFailedError(type(exc).__name__) from None
        if "response" in result:
            fields["ends_session"] = (result.get("response") or {}).get("shouldEndSession")
        cold = False
        fields["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
        log.info("request handled", extra={"fields": fields})
        return result

    return handler


def make_closed_handler() -> LambdaHandler:
    """The handler of a function deployed without its skill id: it refuses every request.

    The first deploy has to open the Alexa trigger to any skill (the skill does not exist yet,
    and `ask deploy` accepts only a function it can invoke), so the function must not answer
    anyone until it knows which skill is its own: `make deploy-lock` sets it.
    """

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        with collecting():
            count(Metric.VERIFICATION_FAILURES)
            log.error(
                "refused: no skill id configured (run `make deploy-lock`)",
                extra={"fields": _request_fields(event, context)},  # total: any event at all
            )
        raise RequestFailedError("SkillIdNotConfigured")

    return handler
