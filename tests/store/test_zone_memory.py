"""The store remembers each user's time zone, so a returning user's session does not ask the
settings API: it asks only when the remembered zone is missing or older than
ZONE_RECHECK_AFTER, and falls back to a remembered zone (however old) before the default.

Real skill, real stores; the settings API is a fake lookup that counts its calls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from ask_sdk_core.handler_input import HandlerInput

from skill.config import Config
from skill.domain.progress import KnownZone
from skill.store.base import ProgressStore
from skill.voice import session_codec
from skill.voice.builder import build_skill
from skill.voice.progress import ZONE_RECHECK_AFTER
from tests.store.alexa import Conversation, do_routine
from tests.store.conftest import completion

NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
DEFAULT = "Asia/Tokyo"
PARIS, NEW_YORK = "Europe/Paris", "America/New_York"
FRESH = NOW - ZONE_RECHECK_AFTER + timedelta(minutes=1)
STALE = NOW - ZONE_RECHECK_AFTER - timedelta(minutes=1)


@dataclass
class FakeLookup:
    """The settings API: answers `zone` (None: the call failed) and counts the calls."""

    zone: str | None
    calls: int = 0

    def __call__(self, _handler_input: HandlerInput) -> str | None:
        self.calls += 1
        return self.zone


def remember(store: ProgressStore, user_id: str, zone: KnownZone) -> None:
    """An earlier session's completed move, which carried `zone`."""
    assert store.record(user_id, completion("earlier", on=date(2026, 11, 20), zone=zone))


def session(store: ProgressStore, user_id: str, lookup: FakeLookup, now: datetime) -> str:
    """One session with a move completed; the zone it ran in."""
    skill = build_skill(store, Config(timezone=DEFAULT), clock=lambda: now, time_zone_lookup=lookup)
    talk = Conversation(skill, user_id, session=f"at-{now.isoformat()}")
    do_routine(talk, stop_after_moves=1)
    return str(session_codec.read(talk.attributes).progress["tz"])


@pytest.mark.parametrize(
    ("stored", "api", "calls", "used", "remembered_after"),
    [
        pytest.param(None, NEW_YORK, 1, NEW_YORK, KnownZone(NEW_YORK, NOW), id="new user"),
        pytest.param(
            KnownZone(PARIS, FRESH), NEW_YORK, 0, PARIS, KnownZone(PARIS, FRESH), id="fresh zone"
        ),
        pytest.param(
            KnownZone(PARIS, STALE), NEW_YORK, 1, NEW_YORK, KnownZone(NEW_YORK, NOW), id="stale"
        ),
        pytest.param(
            KnownZone(PARIS, STALE), PARIS, 1, PARIS, KnownZone(PARIS, NOW), id="stale, same zone"
        ),
        pytest.param(
            KnownZone(PARIS, STALE), None, 1, PARIS, KnownZone(PARIS, STALE), id="API fails"
        ),
        pytest.param(None, None, 1, DEFAULT, None, id="new user, API fails: default"),
        pytest.param(
            KnownZone("Mars/Olympus_Mons", FRESH), None, 1, DEFAULT, None, id="unknown zone"
        ),
    ],
)
def test_the_zone_policy(
    progress_store: ProgressStore,
    user_id: str,
    stored: KnownZone | None,
    api: str | None,
    calls: int,
    used: str,
    remembered_after: KnownZone | None,
) -> None:
    if stored is not None:
        remember(progress_store, user_id, stored)
    lookup = FakeLookup(api)

    assert session(progress_store, user_id, lookup, NOW) == used
    assert lookup.calls == calls
    assert progress_store.load(user_id).time_zone == (remembered_after or stored)


def test_one_settings_api_call_a_week(progress_store: ProgressStore, user_id: str) -> None:
    lookup = FakeLookup(PARIS)
    week = [NOW + timedelta(days=d, hours=h) for d in range(7) for h in (0, 12)]
    for moment in week:
        assert session(progress_store, user_id, lookup, moment) == PARIS
    assert lookup.calls == 1

    session(progress_store, user_id, lookup, NOW + ZONE_RECHECK_AFTER + timedelta(hours=1))
    assert lookup.calls == 2
    assert progress_store.load(user_id).time_zone == KnownZone(
        PARIS, NOW + ZONE_RECHECK_AFTER + timedelta(hours=1)
    )


def test_the_default_zone_is_never_remembered(progress_store: ProgressStore, user_id: str) -> None:
    lookup = FakeLookup(None)
    for day in range(3):
        assert session(progress_store, user_id, lookup, NOW + timedelta(days=day)) == DEFAULT
    assert lookup.calls == 3, "with nothing remembered, every session asks again"
    assert progress_store.load(user_id).time_zone is None
