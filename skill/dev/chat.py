"""`morning-moves chat`: a text console for the skill, built on `skill.dev.simulator`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from skill.config import Config
from skill.dev.simulator import (
    SIMULATOR_SKILL_ID,
    Conversation,
    HttpTransport,
    Person,
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


def _in_process_transport(config: Config) -> Transport:
    from skill.store.factory import make_store
    from skill.voice import build_skill

    return SkillTransport(build_skill(make_store(config), config))


def run_chat(
    *,
    url: str | None = None,
    script: Path | None = None,
    speak: bool = False,
    locale: str = "en-US",
    width: int = 100,
    person: str | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Replay a script, or read lines from stdin until EOF; print each turn. `person`: speak as
    that recognised voice (its `personId`), which keeps its own progress."""
    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr
    config = Config.load()
    transport = HttpTransport(url) if url else _in_process_transport(config)
    conversation = Conversation(
        transport,
        locale=locale,
        skill_id=config.skill_id or SIMULATOR_SKILL_ID,
        person=Person(person) if person else None,
    )
    speaker = Speaker(err) if speak else None

    def turn(utterance: str) -> bool:
        try:
            result = conversation.say(utterance)
        except SimulatorError as exc:
            print(f"error: {exc}", file=err)
            return False
        print(format_turn(result, width), file=out, flush=True)
        if speaker is not None:
            speaker.say(result)
        return True

    if script is not None:
        ok = all(turn(line) for line in script_lines(script.read_text(encoding="utf-8")))
        return 0 if ok else 1
    where = url or "the skill in this process"
    print(
        f"Talking to {where} ({locale}). Type what you would say to Alexa, "
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
