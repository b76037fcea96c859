"""Our daily reminder, through the Alexa Reminders API, and asking for permission to set it.

Every call is guarded: a missing permission becomes NO_PERMISSION (so the caller can ask for
it), anything else becomes FAILED with a friendly sentence. Nothing here raises into a workout.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any, cast

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.interfaces.connections.v1.start_connection_directive import (
    StartConnectionDirective,
)
from ask_sdk_model.services.reminder_management.alert_info import AlertInfo
from ask_sdk_model.services.reminder_management.push_notification import PushNotification
from ask_sdk_model.services.reminder_management.push_notification_status import (
    PushNotificationStatus,
)
from ask_sdk_model.services.reminder_management.recurrence import Recurrence
from ask_sdk_model.services.reminder_management.reminder_management_service_client import (
    ReminderManagementServiceClient,
)
from ask_sdk_model.services.reminder_management.reminder_request import ReminderRequest
from ask_sdk_model.services.reminder_management.spoken_info import SpokenInfo
from ask_sdk_model.services.reminder_management.spoken_text import SpokenText
from ask_sdk_model.services.reminder_management.trigger import Trigger
from ask_sdk_model.services.reminder_management.trigger_type import TriggerType
from ask_sdk_model.services.service_exception import ServiceException
from ask_sdk_model.ui.ask_for_permissions_consent_card import AskForPermissionsConsentCard

from skill.domain.reminders import (
    REMINDERS_PERMISSION,
    ConsentAnswer,
    ReminderResult,
    ReminderStatus,
    next_occurrence,
    reminder_text,
)
from skill.voice.consent import ask_for_consent, consent_answer

log = logging.getLogger(__name__)

_PERMISSION_STATUSES = {401, 403}


class _ReminderClient(ReminderManagementServiceClient):
    """The SDK's client, plus a listing that reads the raw JSON.

    The SDK's own get_reminders cannot deserialize a reminder that has spoken text: its model
    points at a module that does not exist (`alert_info_spoken_info`; see
    alexa/alexa-apis-for-python#30 for the listing being broken in other ways too).
    """

    def list_raw(self) -> dict[str, Any]:
        # The SDK's type comment on invoke is not satisfiable (a TypeVar bound to nothing).
        response: Any = cast(Any, self).invoke(
            method="GET",
            endpoint=self._api_endpoint,
            path="/v1/alerts/reminders",
            path_params={},
            query_params=[],
            header_params=[
                ("Content-type", "application/json"),
                ("User-Agent", self.user_agent),
                ("Authorization", f"Bearer {self._authorization_value}"),
            ],
            body=None,
            response_definitions=[],
            response_type="object",
        )
        body = response.body
        return body if isinstance(body, dict) else {}


class DailyReminders:
    """The user's Morning Moves reminders. The API lists only this skill's reminders, so every
    reminder it returns is ours."""

    def __init__(
        self,
        client: _ReminderClient,
        *,
        locale: str,
        now: datetime,
        time_zone: str | None = None,
    ):
        self._client = client
        self._locale = locale
        self._now = now
        # None lets Alexa use the device's own time zone.
        self._time_zone = time_zone

    @classmethod
    def for_request(
        cls, handler_input: HandlerInput, *, now: datetime, time_zone: str | None = None
    ) -> DailyReminders | None:
        """The reminders of this request's user, or None when the skill has no API client or
        the request no API access token."""
        system = getattr(handler_input.request_envelope.context, "system", None)
        if not getattr(system, "api_access_token", None):
            return None  # nothing to call the API with (e.g. a typed chat)
        try:
            factory = handler_input.service_client_factory
        except ValueError:  # the SDK's way of saying the skill was built without an API client
            return None
        request = handler_input.request_envelope.request
        locale = (request.locale if request is not None else None) or "en-US"
        client = _ReminderClient(factory.api_configuration)
        return cls(client, locale=locale, now=now, time_zone=time_zone)

    def find(self) -> ReminderResult:
        """The times of our active daily reminders."""
        return self._guard(lambda: ReminderResult(ReminderStatus.DONE, self._times()))

    def schedule(self, at: time) -> ReminderResult:
        """Make sure there is exactly one daily reminder, at `at`: update ours, or create one."""

        def run() -> ReminderResult:
            existing = self._active()
            request = self._request(at)
            if existing:
                (first, _), *extra = existing
                self._client.update_reminder(first, request)
                for token, _ in extra:
                    self._client.delete_reminder(token)
            else:
                self._client.create_reminder(request)
            return ReminderResult(ReminderStatus.DONE, (at,), existed=bool(existing))

        return self._guard(run)

    def cancel(self) -> ReminderResult:
        """Delete all our reminders; `times` are the ones that were cancelled."""

        def run() -> ReminderResult:
            existing = self._active()
            for token, _ in existing:
                self._client.delete_reminder(token)
            times = tuple(at for _, at in existing)
            return ReminderResult(ReminderStatus.DONE, times, existed=bool(existing))

        return self._guard(run)

    def _active(self) -> list[tuple[str, time]]:
        """(alert token, local time) of each reminder that will still ring."""
        alerts = self._client.list_raw().get("alerts") or []
        return [
            (str(a["alertToken"]), _reminder_time(a))
            for a in alerts
            if isinstance(a, dict) and a.get("alertToken") and a.get("status") != "COMPLETED"
        ]

    def _times(self) -> tuple[time, ...]:
        return tuple(sorted(at for _, at in self._active()))

    def _request(self, at: time) -> ReminderRequest:
        first = next_occurrence(at, self._now)
        rule = f"FREQ=DAILY;BYHOUR={at.hour};BYMINUTE={at.minute};BYSECOND=0;INTERVAL=1"
        return ReminderRequest(
            request_time=self._now.astimezone(UTC).replace(tzinfo=None),
            trigger=Trigger(
                object_type=TriggerType.SCHEDULED_ABSOLUTE,
                scheduled_time=first,
                time_zone_id=self._time_zone,
                recurrence=Recurrence(start_date_time=first, recurrence_rules=[rule]),
            ),
            alert_info=AlertInfo(
                spoken_info=SpokenInfo(
                    content=[SpokenText(locale=self._locale, text=reminder_text())]
                )
            ),
            push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
        )

    @staticmethod
    def _guard(call: Callable[[], ReminderResult]) -> ReminderResult:
        try:
            return call()
        except ServiceException as error:
            if error.status_code in _PERMISSION_STATUSES:
                return ReminderResult(ReminderStatus.NO_PERMISSION)
            log.warning("reminders API failed: %s %s", error.status_code, error)
        except Exception as error:  # a reminder must never break the workout
            log.warning("reminders call failed: %s: %s", type(error).__name__, error)
        return ReminderResult(ReminderStatus.FAILED)


_RULE_PART = re.compile(r"BY(HOUR|MINUTE)=(\d{1,2})")


def _reminder_time(alert: dict[str, Any]) -> time:
    """The local time a daily reminder rings: from its RRULE, else its first scheduled time."""
    trigger = alert.get("trigger") or {}
    recurrence = trigger.get("recurrence") or {}
    for rule in recurrence.get("recurrenceRules") or []:
        parts = dict(_RULE_PART.findall(str(rule)))
        if "HOUR" in parts:
            return time(int(parts["HOUR"]) % 24, int(parts.get("MINUTE", 0)) % 60)
    try:
        return datetime.fromisoformat(str(trigger.get("scheduledTime"))).time().replace(second=0)
    except ValueError:
        return time(0, 0)


# --- Asking for permission ---------------------------------------------------------------------

_TOKEN_PREFIX = "mm-reminder@"  # noqa: S105  # a connection token, not a secret


@dataclass(frozen=True)
class ConsentResult:
    """The user's answer to our permission request, and the reminder time they asked for."""

    answer: ConsentAnswer
    at: time | None
    end_after: bool = False  # the request was a one-shot: end the session after answering


_END_MARK = "/end"


def consent_directive(at: time, *, end_after: bool = False) -> StartConnectionDirective:
    """Hand over to Alexa to ask for the reminders permission by voice; the token carries the
    time the user asked for (and whether to end afterwards), so the resumed request can finish
    the job without session state."""
    token = f"{_TOKEN_PREFIX}{at.strftime('%H:%M')}{_END_MARK if end_after else ''}"
    return ask_for_consent(REMINDERS_PERMISSION, "ACCOUNT", token)


def consent_card(
    permissions: tuple[str, ...] = (REMINDERS_PERMISSION,),
) -> AskForPermissionsConsentCard:
    """The fallback: a card in the Alexa app where the user can allow reminders."""
    return AskForPermissionsConsentCard(permissions=list(permissions))


def consent_result(handler_input: HandlerInput) -> ConsentResult | None:
    """Our consent answer from a SessionResumedRequest, or None if it is not one of ours."""
    answered = consent_answer(handler_input)
    if answered is None or not answered[0].startswith(_TOKEN_PREFIX):
        return None
    token, answer = answered
    spoken = token.removeprefix(_TOKEN_PREFIX)
    end_after = spoken.endswith(_END_MARK)
    try:
        at: time | None = time.fromisoformat(spoken.removesuffix(_END_MARK))
    except ValueError:
        at = None
    return ConsentResult(answer, at, end_after)
