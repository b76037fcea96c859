"""`morning-moves chat`: a text console for the skill, built on `skill.dev.simulator`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from skill.config import Config
from skill.dev.simulator import (
    SIMULATOR_SKILL_ID,
    SIMULATOR_USER_ID,
    Conversation,
    HttpTransport,
    SimulatorError,
    SkillTransport,
    Transport,
    Turn,
    format_turn,
    script_lines,
)


class Speaker:
    """Plays replies with espeak-ng (which understands SSML breaks), when it is installed."""

    def __init__(self, err: TextIO):
        self._exe = shutil.which("espeak-ng")
        if self._exe is None:
            print("espeak-ng is not installed; replies are shown but not spoken.", file=err)

    def say(self, turn: Turn) -> None:
        if self._exe is not None and turn.ssml:
            subprocess.run([self._exe, "-m", turn.ssml], check=False)  # noqa: S603


_OFFSET = re.compile(r"([+-]\d{1,4})([dh]?)")


def clock_offset(when: str | None, today: date) -> timedelta:
    """How far `--date` moves the clock: a date (YYYY-MM-DD, the time of day stays) or an
    offset from now ("+1" or "+1d": a day later, "-3d", "+12h")."""
    if not when:
        return timedelta()
    if match := _OFFSET.fullmatch(when.strip()):
        amount, unit = int(match[1]), match[2] or "d"
        return timedelta(hours=amount) if unit == "h" else timedelta(days=amount)
    try:
        return date.fromisoformat(when.strip()) - today
    except ValueError:
        raise ValueError(
            f"not a date (YYYY-MM-DD) or an offset (+1d, -3d, +12h): {when!r}"
        ) from None


def shifted_clock(offset: timedelta) -> Callable[[], datetime]:
    """The real clock, moved by `offset`: it still ticks, so a routine takes its real time."""
    return lambda: datetime.now(UTC) + offset


def simulated_user(suffix: str | None) -> str:
    """The simulator's user id, or another user's (`--user alice`): each has their own
    progress in the store."""
    return f"{SIMULATOR_USER_ID}.{suffix}" if suffix else SIMULATOR_USER_ID


def _in_process_transport(config: Config, clock: Callable[[], datetime]) -> Transport:
    from skill.store.factory import make_store
    from skill.voice import build_skill

    return SkillTransport(build_skill(make_store(config), config, clock=clock))


def run_chat(
    *,
    url: str | None = None,
    script: Path | None = None,
    speak: bool = False,
    locale: str = "en-US",
    width: int = 100,
    user: str | None = None,
    when: str | None = None,
    person: str | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Replay a script, or read lines from stdin until EOF; print each turn. `user` and
    `when` are `--user` and `--date`: whose progress, and on which day; `person` is `--person`:
    speak as that recognised voice (its personId), which keeps its own progress."""
    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr
    config = Config.load()
    try:
        # The day is the skill's default zone's (a simulated user has no zone of their own).
        today = datetime.now(ZoneInfo(config.timezone)).date()
        clock = shifted_clock(clock_offset(when, today))
    except ValueError as exc:
        print(f"morning-moves: {exc}", file=err)
        return 2
    if url and when:
        print(
            "note: --date moves the requests' timestamps; the server keeps its own clock.", file=err
        )
    transport = HttpTransport(url) if url else _in_process_transport(config, clock)
    conversation = Conversation(
        transport,
        locale=locale,
        skill_id=config.skill_id or SIMULATOR_SKILL_ID,
        user_id=simulated_user(user),
        clock=clock,
        person_id=person,
    )
    speaker = Speaker(err) if speak else None

    def turn(utterance: str, after: float | None = None) -> bool:
        try:
            result = conversation.say(utterance, after=after)
        except SimulatorError as exc:
            print(f"error: {exc}", file=err)
            return False
        print(format_turn(result, width), file=out, flush=True)
        if speaker is not None:
            speaker.say(result)
        return True

    if script is not None:
        ok = all(turn(s.text, s.after) for s in script_lines(script.read_text(encoding="utf-8")))
        return 0 if ok else 1
    where = url or "the skill in this process"
    as_of = f", as {conversation.user_id} on {clock():%A %Y-%m-%d}" if user or when else ""
    print(
        f"Talking to {where} ({locale}{as_of}). Type what you would say to Alexa, "
        "e.g. 'ask morning moves to start my morning moves'.\n"
        "An empty line is silence; Ctrl-D quits.",
        file=out,
        flush=True,
    )
    interactive = stdin.isatty()
    while True:
        if interactive:
            print("you> ", end="", file=out, flush=True)
        line = stdin.readline()
        if not line:
            return 0
        turn(line.strip())
