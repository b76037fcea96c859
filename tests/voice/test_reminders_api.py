"""The reminders service against a fake Alexa Reminders API over real HTTPS on 127.0.0.1.

The SDK builds its client from the request envelope's apiEndpoint, exactly as in production.
"""

from __future__ import annotations

import json
import time as clock
from collections.abc import Callable
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.response import Response
from ask_sdk_model.services.api_client_request import ApiClientRequest

from skill.domain.reminders import (
    REMINDERS_PERMISSION,
    ConsentAnswer,
    ReminderResult,
    ReminderStatus,
    reminder_text,
)
from skill.voice.api_client import BoundedApiClient
from skill.voice.consent import CONSENT_URI
from skill.voice.reminders import (
    DailyReminders,
    consent_card,
    consent_directive,
    consent_result,
)
from tests.events import load_event
from tests.fakes.alexa_api import FakeAlexaApi

NEW_YORK = ZoneInfo("America/New_York")
# 06:10 local on a Wednesday: a reminder at 07:00 first rings today, one at 06:00 tomorrow.
NOW = datetime(2026, 11, 25, 6, 10, tzinfo=NEW_YORK)
SERIALIZER = DefaultSerializer()

Action = Callable[[DailyReminders], ReminderResult]


class _Probe(AbstractRequestHandler):
    """Runs one action on the request's DailyReminders, as a real handler would."""

    def __init__(self, action: Action):
        self.action = action
        self.result: ReminderResult | None = None
        self.no_client = False

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        reminders = DailyReminders.for_request(handler_input, now=NOW, time_zone="America/New_York")
        if reminders is None:
            self.no_client = True
        else:
            self.result = self.action(reminders)
        return handler_input.response_builder.response


def _run(
    api_url: str | None, action: Action, *, timeout: float = 2.0, with_client: bool = True
) -> _Probe:
    probe = _Probe(action)
    builder = (
        CustomSkillBuilder(api_client=BoundedApiClient(timeout, api_url))
        if with_client
        else CustomSkillBuilder()
    )
    builder.add_request_handler(probe)
    event = load_event("help_intent")
    if api_url is not None:
        event["context"]["System"]["apiEndpoint"] = api_url
    envelope = SERIALIZER.deserialize(payload=_json(event), obj_type=RequestEnvelope)
    builder.create().invoke(request_envelope=envelope, context=None)
    return probe


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data)


def _result(api: FakeAlexaApi, action: Action, **kwargs: Any) -> ReminderResult:
    probe = _run(api.url, action, **kwargs)
    assert probe.result is not None
    return probe.result


def test_schedule_creates_one_daily_reminder_in_the_device_time_zone(
    fake_alexa: FakeAlexaApi,
) -> None:
    result = _result(fake_alexa, lambda r: r.schedule(time(7, 0)))

    assert result == ReminderResult(ReminderStatus.DONE, (time(7, 0),), existed=False)
    [stored] = fake_alexa.reminders.values()
    trigger = stored["trigger"]
    assert trigger["type"] == "SCHEDULED_ABSOLUTE"
    assert trigger["scheduledTime"].startswith("2026-11-25T07:00:00")
    assert trigger["timeZoneId"] == "America/New_York"
    assert trigger["recurrence"]["recurrenceRules"] == [
        "FREQ=DAILY;BYHOUR=7;BYMINUTE=0;BYSECOND=0;INTERVAL=1"
    ]
    [spoken] = stored["alertInfo"]["spokenInfo"]["content"]
    locale = load_event("help_intent")["request"]["locale"]
    assert spoken == {"locale": locale, "text": reminder_text()}
    assert stored["pushNotification"] == {"status": "ENABLED"}


def test_a_time_already_past_today_first_rings_tomorrow(fake_alexa: FakeAlexaApi) -> None:
    _result(fake_alexa, lambda r: r.schedule(time(6, 0)))
    [stored] = fake_alexa.reminders.values()
    assert stored["trigger"]["scheduledTime"].startswith("2026-11-26T06:00:00")


def test_scheduling_again_changes_the_reminder_instead_of_adding_one(
    fake_alexa: FakeAlexaApi,
) -> None:
    _result(fake_alexa, lambda r: r.schedule(time(7, 0)))
    changed = _result(fake_alexa, lambda r: r.schedule(time(8, 30)))

    assert changed == ReminderResult(ReminderStatus.DONE, (time(8, 30),), existed=True)
    assert _result(fake_alexa, DailyReminders.find).times == (time(8, 30),)
    assert len(fake_alexa.reminders) == 1
    assert [m for m, _, _ in fake_alexa.reminder_calls()].count("PUT") == 1


def test_cancel_removes_ours_and_says_which(fake_alexa: FakeAlexaApi) -> None:
    _result(fake_alexa, lambda r: r.schedule(time(7, 15)))
    cancelled = _result(fake_alexa, DailyReminders.cancel)
    assert cancelled == ReminderResult(ReminderStatus.DONE, (time(7, 15),), existed=True)
    assert fake_alexa.reminders == {}

    again = _result(fake_alexa, DailyReminders.cancel)
    assert again == ReminderResult(ReminderStatus.DONE, (), existed=False)


def test_find_reports_no_reminders(fake_alexa: FakeAlexaApi) -> None:
    assert _result(fake_alexa, DailyReminders.find) == ReminderResult(ReminderStatus.DONE, ())


ACTIONS: dict[str, Action] = {
    "schedule": lambda r: r.schedule(time(7, 0)),
    "find": DailyReminders.find,
    "cancel": DailyReminders.cancel,
}


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (401, ReminderStatus.NO_PERMISSION),
        (403, ReminderStatus.NO_PERMISSION),
        (429, ReminderStatus.FAILED),
        (500, ReminderStatus.FAILED),
        (503, ReminderStatus.FAILED),
    ],
)
def test_api_errors_become_a_status_never_an_exception(
    fake_alexa: FakeAlexaApi, action: Action, status: int, expected: ReminderStatus
) -> None:
    fake_alexa.fail_with = status
    assert _result(fake_alexa, action) == ReminderResult(expected)


def test_a_slow_api_costs_the_timeout_not_the_turn(fake_alexa: FakeAlexaApi) -> None:
    fake_alexa.delay = 3.0
    started = clock.monotonic()
    result = _result(fake_alexa, lambda r: r.schedule(time(7, 0)), timeout=0.3)
    assert result == ReminderResult(ReminderStatus.FAILED)
    assert clock.monotonic() - started < 1.5


def test_an_unreachable_api_fails_softly(fake_alexa: FakeAlexaApi) -> None:
    # A port nobody listens on: connection refused.
    dead = fake_alexa.url.rsplit(":", 1)[0] + ":1"
    probe = _run(dead, DailyReminders.find, timeout=0.5)
    assert probe.result == ReminderResult(ReminderStatus.FAILED)


def test_without_an_api_client_there_is_no_reminder_service() -> None:
    probe = _run(None, DailyReminders.find, with_client=False)
    assert probe.no_client
    assert probe.result is None


def test_consent_directive_asks_alexa_for_the_reminders_permission() -> None:
    directive = SERIALIZER.serialize(consent_directive(time(7, 30)))
    assert directive == {
        "type": "Connections.StartConnection",
        "uri": CONSENT_URI,
        "input": {
            "@type": "AskForPermissionsConsentRequest",
            "@version": "2",
            "permissionScopes": [
                {"permissionScope": REMINDERS_PERMISSION, "consentLevel": "ACCOUNT"}
            ],
        },
        "token": "mm-reminder@07:30",
    }


def test_consent_card_names_the_reminders_permission() -> None:
    card = SERIALIZER.serialize(consent_card())
    assert card == {"type": "AskForPermissionsConsent", "permissions": [REMINDERS_PERMISSION]}


def _resumed(status: str | None, token: str = "mm-reminder@07:00") -> HandlerInput:
    event = load_event("session_resumed_consent")
    cause = event["request"]["cause"]
    cause["token"] = token
    if status is None:
        del cause["result"]
    else:
        cause["result"]["status"] = status
    envelope = SERIALIZER.deserialize(payload=_json(event), obj_type=RequestEnvelope)
    return HandlerInput(request_envelope=envelope)


@pytest.mark.parametrize(
    ("status", "answer"),
    [
        ("ACCEPTED", ConsentAnswer.ACCEPTED),
        ("DENIED", ConsentAnswer.DENIED),
        ("NOT_ANSWERED", ConsentAnswer.NOT_ANSWERED),
        ("SOMETHING_NEW", ConsentAnswer.NOT_ANSWERED),
        (None, ConsentAnswer.NOT_ANSWERED),
    ],
)
def test_consent_answers_are_read_from_session_resumed(
    status: str | None, answer: ConsentAnswer
) -> None:
    result = consent_result(_resumed(status))
    assert result is not None
    assert result.answer is answer
    assert result.at == time(7, 0)


def test_a_resumed_session_that_is_not_ours_is_ignored() -> None:
    assert consent_result(_resumed("ACCEPTED", token="someone-else")) is None


def test_a_garbled_token_keeps_the_answer_but_loses_the_time() -> None:
    result = consent_result(_resumed("ACCEPTED", token="mm-reminder@later"))
    assert result is not None
    assert (result.answer, result.at) == (ConsentAnswer.ACCEPTED, None)


def test_other_requests_carry_no_consent_answer() -> None:
    envelope = SERIALIZER.deserialize(payload=_json(load_event("launch")), obj_type=RequestEnvelope)
    assert consent_result(HandlerInput(request_envelope=envelope)) is None


def test_the_api_client_refuses_plain_http(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # lift the loopback guard: the client must refuse before any connection
    request = ApiClientRequest(url="http://127.0.0.1:1/v1/alerts/reminders", method="GET")
    with pytest.raises(ApiClientException, match="non-HTTPS"):
        BoundedApiClient(0.1).invoke(request)


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/v1/alerts/reminders",
        "https://api.amazonalexa.com.evil.example/v1/alerts/reminders",
        "https://api.amazonalexa.com:8443/v1/alerts/reminders",
        "https://user@api.amazonalexa.com/v1/alerts/reminders",
        "https://127.0.0.1:1/v1/alerts/reminders",
    ],
)
def test_the_api_client_calls_only_amazons_api_hosts(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unverified request's apiEndpoint could name any host (local mode): refused unconnected."""
    monkeypatch.undo()  # lift the loopback guard: the client must refuse before any connection
    with pytest.raises(ApiClientException, match="other than Alexa's APIs"):
        BoundedApiClient(0.1).invoke(ApiClientRequest(url=url, method="GET"))


def test_a_fake_is_allowed_only_when_named(fake_alexa: FakeAlexaApi) -> None:
    request = ApiClientRequest(url=f"{fake_alexa.url}/v1/alerts/reminders", method="GET")
    with pytest.raises(ApiClientException, match="other than Alexa's APIs"):
        BoundedApiClient(1.0, "https://127.0.0.1:1").invoke(request)
    assert BoundedApiClient(1.0, fake_alexa.url).invoke(request).status_code == 401  # reached


def test_the_api_client_returns_error_answers_as_they_are(fake_alexa: FakeAlexaApi) -> None:
    fake_alexa.fail_with = 503
    request = ApiClientRequest(
        url=f"{fake_alexa.url}/v1/alerts/reminders",
        method="GET",
        headers=[("Authorization", "Bearer test-token"), ("Accept", "application/json")],
    )
    response = BoundedApiClient(1.0, fake_alexa.url).invoke(request)
    assert response.status_code == 503
    assert json.loads(response.body) == {"code": "ERROR", "message": "fake failure"}
