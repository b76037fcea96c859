"""Golden conversation transcripts: tests/voice/golden/<locale>/<scenario>.txt.

Each file is a readable transcript ("user: ..." / "alexa: ..." / "[intent · phase · ...]").
The user lines are the script ('#' lines are kept as comments); the rest is what the simulator
produced, with a fixed clock and an empty in-memory store, so it is deterministic (request
ids are unique uuid4s, but no transcript shows them).

Regenerate every transcript after a deliberate change of wording (then read the diff):

    .venv/bin/python -m tests.voice.golden

To add a scenario, write a file with a '#' header and 'user:' lines only, and regenerate.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from skill.config import Config, StoreKind
from skill.dev.simulator import Conversation, SkillTransport, format_turn, script_lines
from skill.store.memory import MemoryStore
from skill.voice import build_skill

GOLDEN_DIR = Path(__file__).parent
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
FIXED_NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # a Wednesday morning
WIDTH = 100


def golden_files() -> list[Path]:
    return sorted(GOLDEN_DIR.glob("*/*.txt"))


def fresh_conversation(locale: str) -> Conversation:
    """A new user's conversation with the skill in-process, at the fixed clock."""
    config = Config(skill_id=SKILL_ID, store=StoreKind.MEMORY, verify=False, timezone="UTC")
    skill = build_skill(MemoryStore(), config, clock=lambda: FIXED_NOW)
    return Conversation(
        SkillTransport(skill), locale=locale, skill_id=SKILL_ID, clock=lambda: FIXED_NOW
    )


def render(transcript: str, locale: str) -> str:
    """Replay the user lines of `transcript` and write the transcript they produce now."""
    conversation = fresh_conversation(locale)
    out: list[str] = []
    for line in transcript.splitlines():
        if line.startswith("#"):  # comments stay where they are
            out.append(line)
        out += [format_turn(conversation.say(said), WIDTH) for said in script_lines(line)]
    return "\n".join(out) + "\n"
