"""Golden conversation transcripts: tests/voice/golden/<locale>/<scenario>.txt.

Each file is a readable transcript ("user: ..." / "alexa: ..." / "[intent · phase · ...]").
The user lines are the script ('#' lines are kept as comments); the rest is what the simulator
produced, with a fixed clock and an empty in-memory store, so it is deterministic (request
ids are unique uuid4s, but no transcript shows them).

Regenerate every transcript after a deliberate change of wording (then read the diff):

    .venv/bin/python -m tests.voice.golden

To add a scenario, write a file with a '#' header and 'user:' lines only, and regenerate.
'user (after 5s): next' is said 5 s after the last request, before its reply had played (a
barge-in); a '#! 3 hours later' (or '#! 1 day later') line moves the clock on, for the skill and
the user alike, e.g. to a later session.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from skill.config import Config, StoreKind
from skill.dev.simulator import Conversation, SkillTransport, format_turn, script_lines
from skill.store.memory import MemoryStore
from skill.voice import build_skill

GOLDEN_DIR = Path(__file__).parent
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
FIXED_NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # a Wednesday morning
WIDTH = 100
_LATER = re.compile(r"#! (\d+) (hour|day)s? later$")


class GoldenClock:
    """FIXED_NOW, moved on by the script's '#! N hours later' lines."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return FIXED_NOW + self.offset

    def follow(self, line: str) -> None:
        later = _LATER.match(line)
        if later is not None:
            self.offset += timedelta(**{f"{later.group(2)}s": int(later.group(1))})


def golden_files() -> list[Path]:
    return sorted(GOLDEN_DIR.glob("*/*.txt"))


def fresh_conversation(locale: str, clock: GoldenClock | None = None) -> Conversation:
    """A new user's conversation with the skill in-process, at the fixed clock (or `clock`)."""
    clock = clock or GoldenClock()
    config = Config(skill_id=SKILL_ID, store=StoreKind.MEMORY, verify=False, timezone="UTC")
    skill = build_skill(MemoryStore(), config, clock=clock)
    return Conversation(SkillTransport(skill), locale=locale, skill_id=SKILL_ID, clock=clock)


def render(transcript: str, locale: str) -> str:
    """Replay the user lines of `transcript` and write the transcript they produce now."""
    clock = GoldenClock()
    conversation = fresh_conversation(locale, clock)
    out: list[str] = []
    for line in transcript.splitlines():
        if line.startswith("#"):  # comments stay where they are
            clock.follow(line)
            out.append(line)
        out += [
            format_turn(conversation.say(said.text, after=said.after), WIDTH)
            for said in script_lines(line)
        ]
    return "\n".join(out) + "\n"
