"""Held-out phrasings (phrasings.txt) and the matchers that resolve them: ours (skill.dev.nlu)
and virtual-alexa (npm, driven by virtual_alexa.js)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import NamedTuple

from skill.dev.model_build import model_path
from skill.dev.nlu import nlu_for
from skill.domain.reminders import parse_time
from skill.voice.intents import Intent, SlotName
from skill.voice.model_source import TIME_TYPE, intent_source, normalize
from testkit.template import ROOT

HERE = Path(__file__).parent
PHRASINGS_FILE = HERE / "phrasings.txt"
DRIVER = HERE / "virtual_alexa.js"
MEASURED_LOCALES = ("en-US", "en-GB", "en-IN")
CONTEXTS = ("launch", "mid")
LAUNCH = "LaunchRequest"
# The wake word: a device never sends it to the skill's matcher.
_WAKE = re.compile(r"^alexa ")


class Phrasing(NamedTuple):
    locale: str
    context: str
    expected: str  # "LaunchRequest", or "<intent> slot=value ..." (slots sorted by name)
    text: str

    @property
    def heard(self) -> str:
        """The text as speech recognition hands it on: lower case, no punctuation."""
        return _WAKE.sub("", normalize(self.text))


def _canonical(intent: str, slots: dict[str, str]) -> str:
    return " ".join([intent, *(f"{k}={v}" for k, v in sorted(slots.items()))])


def _expected(written: str) -> str:
    name, *slots = written.split()
    if name == LAUNCH:
        return LAUNCH
    intent = Intent(name) if name in set(Intent) else Intent(f"AMAZON.{name}")
    return _canonical(intent.value, dict(s.split("=", 1) for s in slots))


def phrasings() -> list[Phrasing]:
    """Every phrasing once per locale it is written for ("*": the three measured locales)."""
    out: list[Phrasing] = []
    for line in PHRASINGS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        locales, context, expected, text = (part.strip() for part in line.split("|"))
        assert context in CONTEXTS, line
        chosen = MEASURED_LOCALES if locales == "*" else tuple(locales.split(","))
        out += [Phrasing(loc, context, _expected(expected), text) for loc in chosen]
    return out


def ours(phrasing: Phrasing) -> str:
    """How skill.dev.nlu resolves the phrasing."""
    resolution = nlu_for(phrasing.locale).resolve(phrasing.heard)
    if resolution.kind == "launch" or resolution.intent is None:
        return LAUNCH
    slots = {n.value: m.id or m.spoken for n, m in resolution.slots.items()}
    return _canonical(resolution.intent.value, slots)


def virtual_alexa(batch: list[Phrasing]) -> list[str]:
    """How virtual-alexa resolves each phrasing, all in one node process."""
    if not (ROOT / "node_modules" / "virtual-alexa").is_dir():
        raise RuntimeError("virtual-alexa is not installed: run `npm ci` (make test does)")
    request = {
        "models": {loc: str(model_path(loc)) for loc in {p.locale for p in batch}},
        "phrasings": [{"locale": p.locale, "text": p.heard} for p in batch],
    }
    done = subprocess.run(
        ["node", str(DRIVER)],  # node from PATH: `make test` runs npm ci for it
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    return [_answer(a) for a in json.loads(done.stdout)]


def _answer(answer: dict[str, object]) -> str:
    if answer.get("launch"):
        return LAUNCH
    intent = Intent(str(answer["intent"]))
    raw = answer.get("slots")
    slots = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    types = intent_source(intent).slots
    for name, value in slots.items():
        if types.get(SlotName(name)) == TIME_TYPE:  # virtual-alexa passes the words on
            at = parse_time(value)
            slots[name] = at.strftime("%H:%M") if at is not None else "?"
    return _canonical(intent.value, slots)
