"""One `build_skill(store, config)` for Lambda, the Flask server, the simulator and tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from skill.config import Config
from skill.store.base import ProgressStore
from skill.voice.api_client import BoundedApiClient
from skill.voice.can_fulfill import CanFulfillHandler
from skill.voice.handlers import EngineHandler, FriendlyExceptionHandler
from skill.voice.locale import LocalisedSkill
from skill.voice.progress import ProgressKeeper
from skill.voice.serializer import FastSerializer
from skill.voice.skill_events import SkillDisabledHandler
from skill.voice.timezone import TimeZoneLookup

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def build_skill(
    store: ProgressStore,
    config: Config,
    *,
    clock: Clock = _utc_now,
    time_zone_lookup: TimeZoneLookup | None = None,
) -> CustomSkill:
    """Assemble the skill: handlers, interceptors and the application-id check.

    `time_zone_lookup` finds the device's time zone, once per session; by default the Alexa
    settings API (skill.voice.timezone.device_time_zone).
    """
    # The API client lets handlers call Alexa's APIs (reminders) at the request's apiEndpoint.
    builder = CustomSkillBuilder(api_client=BoundedApiClient(config.alexa_api_timeout))
    builder.skill_id = config.skill_id  # type: ignore[assignment]  # SDK annotates it as None
    progress = ProgressKeeper(store, config, time_zone_lookup)
    builder.add_request_handler(CanFulfillHandler())
    builder.add_request_handler(SkillDisabledHandler(store))
    builder.add_request_handler(EngineHandler(progress, clock))
    builder.add_exception_handler(FriendlyExceptionHandler())
    skill = LocalisedSkill(skill_configuration=builder.skill_configuration)
    skill.serializer = FastSerializer()  # the SDK's results, a third of a warm turn faster
    return skill
