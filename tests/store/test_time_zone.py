"""Streaks count the user's local days: the device's time zone comes from the Alexa settings
API (a fake on 127.0.0.1 here, found through the request's apiEndpoint), once per session."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from skill.config import Config
from skill.store.memory import MemoryStore
from skill.store.sqlite import SqliteStore
from skill.voice.builder import build_skill
from skill.voice.timezone import LOOKUP_TIMEOUT_SECONDS, device_time_zone
from testkit.dynalite import free_port
from tests.events import load_event
from tests.fakes.alexa_api import FakeAlexaApi
from tests.store.alexa import Conversation, do_routine, handler_input_for

# 04:30 UTC on the 26th is still the evening of the 25th in New York.
LATE_EVENING_IN_NEW_YORK = datetime(2026, 11, 26, 4, 30, tzinfo=UTC)


def lookup_at(endpoint: str, token: str = "test-token") -> str | None:
    envelope = load_event("launch")
    envelope["context"]["System"].update(apiEndpoint=endpoint, apiAccessToken=token)
    skill = build_skill(MemoryStore(), Config(alexa_api_fake=endpoint))
    return device_time_zone(handler_input_for(skill, envelope))


def test_the_device_time_zone_comes_from_the_settings_api(fake_alexa: FakeAlexaApi) -> None:
    fake_alexa.time_zone = "America/Los_Angeles"
    assert lookup_at(fake_alexa.url) == "America/Los_Angeles"
    assert [c[1] for c in fake_alexa.calls] == [
        "/v2/devices/amzn1.ask.device.TESTDEVICE/settings/System.timeZone"
    ]


@pytest.mark.parametrize(
    ("answer", "token"),
    [
        (None, "test-token"),  # 204: the device has no zone set
        ("Mars/Olympus_Mons", "test-token"),  # not a zone we know
        ("Europe/Paris", "expired-token"),  # 401
    ],
)
def test_no_usable_answer_means_no_zone(
    fake_alexa: FakeAlexaApi, answer: str | None, token: str
) -> None:
    fake_alexa.time_zone = answer
    assert lookup_at(fake_alexa.url, token) is None


def test_a_slow_settings_api_costs_at_most_the_timeout(fake_alexa: FakeAlexaApi) -> None:
    fake_alexa.delay = 5.0
    started = time.monotonic()
    assert lookup_at(fake_alexa.url) is None
    assert time.monotonic() - started < LOOKUP_TIMEOUT_SECONDS + 1.0


def test_an_unreachable_settings_api_means_no_zone() -> None:
    assert lookup_at(f"https://127.0.0.1:{free_port()}") is None


def test_moves_count_on_the_device_local_date_and_the_zone_is_asked_once(
    fake_alexa: FakeAlexaApi, tmp_path: Path, user_id: str
) -> None:
    store = SqliteStore(tmp_path / "p.sqlite3")
    skill = build_skill(
        store,
        Config(timezone="Asia/Tokyo", alexa_api_fake=fake_alexa.url),
        clock=lambda: LATE_EVENING_IN_NEW_YORK,
        time_zone_lookup=device_time_zone,
    )
    talk = Conversation(skill, user_id, api_endpoint=fake_alexa.url)
    do_routine(talk)
    assert [d.local_date for d in store.load(user_id).days] == [date(2026, 11, 25)]
    assert talk.turns > 5
    assert sum("System.timeZone" in c[1] for c in fake_alexa.calls) == 1


def test_without_a_device_zone_the_configured_zone_counts(tmp_path: Path, user_id: str) -> None:
    store = SqliteStore(tmp_path / "p.sqlite3")
    skill = build_skill(
        store,
        Config(timezone="Asia/Tokyo"),
        clock=lambda: LATE_EVENING_IN_NEW_YORK,
        time_zone_lookup=lambda _: None,
    )
    do_routine(Conversation(skill, user_id))
    assert [d.local_date for d in store.load(user_id).days] == [date(2026, 11, 26)]
