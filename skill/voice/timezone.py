"""The user's time zone, from the device settings API.

Streaks and "today" are counted in the user's local days, so the zone matters; a slow or failing
settings API must not cost the turn, hence a short timeout and a fallback (to the zone the store
remembers, else the configured one). The store remembers the answer, so the API is asked only
when that is missing or due for a re-check (skill/voice/progress.py: ZONE_RECHECK_AFTER).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ask_sdk_core.exceptions import ApiClientException, SerializationException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.services.api_configuration import ApiConfiguration
from ask_sdk_model.services.service_exception import ServiceException
from ask_sdk_model.services.ups.ups_service_client import UpsServiceClient

from skill.voice.api_client import BoundedApiClient

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT_SECONDS = 1.0

TimeZoneLookup = Callable[[HandlerInput], str | None]


def zone_or_none(name: str | None) -> ZoneInfo | None:
    """The zone called `name`, or None when it is empty or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def fake_origin(handler_input: HandlerInput) -> str | None:
    """The test fake the skill's own API client allows, if any (skill.voice.builder)."""
    factory = handler_input.service_client_factory
    configured = getattr(getattr(factory, "api_configuration", None), "api_client", None)
    return configured.fake_origin if isinstance(configured, BoundedApiClient) else None


def device_time_zone(handler_input: HandlerInput) -> str | None:
    """The device's IANA time zone from `/v2/devices/{deviceId}/settings/System.timeZone` at the
    request's `apiEndpoint`, or None when the request lacks what the call needs, the API fails
    or answers something that is not a known zone."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    device = getattr(system, "device", None)
    device_id = getattr(device, "device_id", None)
    endpoint = getattr(system, "api_endpoint", None)
    token = getattr(system, "api_access_token", None)
    if not (device_id and endpoint and token):
        return None
    client = UpsServiceClient(
        ApiConfiguration(
            serializer=DefaultSerializer(),
            api_client=BoundedApiClient(LOOKUP_TIMEOUT_SECONDS, fake_origin(handler_input)),
            authorization_value=token,
            api_endpoint=endpoint,
        )
    )
    try:
        answer = client.get_system_time_zone(device_id)
    except (ServiceException, ApiClientException, SerializationException, ValueError) as exc:
        log.warning("device time zone lookup failed: %s", type(exc).__name__)
        return None
    name = answer if isinstance(answer, str) else None
    if zone_or_none(name) is None:
        log.warning("device time zone lookup gave no known zone: %r", answer)
        return None
    return name
