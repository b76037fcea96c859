"""Golden transcripts of the reminders conversation, in the golden transcripts' format
("user:" / "alexa:" / "[heard · phase · listening]"), against the fake Alexa Reminders API.

Lines starting with "#!" set the fake up before the first turn ("#! granted=no": the user has
not allowed reminders yet; "#! fail_with=500": every reminders call fails). Other "#" lines are
comments. When the user answers Alexa's own permission question ("I approve" or "no"), the
fake's permission follows the answer, as Alexa's would.

Regenerate after a deliberate change of wording, then read the diff:

    .venv/bin/python -m tests.voice.reminder_transcripts
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from skill.config import Config, StoreKind
from skill.dev.simulator import Conversation, Device, SkillTransport, format_turn, script_lines
from skill.store.memory import MemoryStore
from skill.voice import build_skill
from skill.voice.timezone import device_time_zone
from tests.fakes.alexa_api import TOKEN, FakeAlexaApi

TRANSCRIPT_DIR = Path(__file__).parent
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
FIXED_NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # a Wednesday morning
# What the fake settings API says the device's zone is: 7 a.m. there at FIXED_NOW.
DEVICE_TIME_ZONE = "Europe/London"
WIDTH = 100


def transcript_files() -> list[Path]:
    return sorted(TRANSCRIPT_DIR.glob("*/*.txt"))


def _setup(api: FakeAlexaApi, line: str) -> None:
    key, _, value = line.removeprefix("#!").strip().partition("=")
    match key.strip():
        case "granted":
            api.granted = value.strip() == "yes"
        case "fail_with":
            api.fail_with = int(value)
        case _:
            raise ValueError(f"unknown transcript setting: {line!r}")


def conversation(
    api: FakeAlexaApi, locale: str, device: Device | None = None, api_timeout: float = 2.0
) -> Conversation:
    """A conversation with a fresh skill whose Alexa APIs (reminders, and the device's time zone
    from the settings API) are the fake's."""
    api.time_zone = DEVICE_TIME_ZONE
    config = Config(
        skill_id=SKILL_ID,
        store=StoreKind.MEMORY,
        verify=False,
        timezone="UTC",
        alexa_api_timeout=api_timeout,
        alexa_api_fake=api.url,
    )
    skill = build_skill(
        MemoryStore(), config, clock=lambda: FIXED_NOW, time_zone_lookup=device_time_zone
    )

    def consent(status: str) -> None:
        api.granted = api.granted or status == "ACCEPTED"

    return Conversation(
        SkillTransport(skill),
        locale=locale,
        skill_id=SKILL_ID,
        clock=lambda: FIXED_NOW,
        device=device or Device(api_endpoint=api.url, api_access_token=TOKEN),
        on_consent=consent,
    )


def render(transcript: str, locale: str, api: FakeAlexaApi) -> str:
    """Replay the user lines of `transcript` and write the transcript they produce now."""
    api.reset()
    talk = conversation(api, locale)
    out: list[str] = []
    for line in transcript.splitlines():
        if line.startswith("#!"):
            _setup(api, line)
        if line.startswith("#"):
            out.append(line)
        out += [format_turn(talk.say(s.text, after=s.after), WIDTH) for s in script_lines(line)]
    return "\n".join(out) + "\n"
