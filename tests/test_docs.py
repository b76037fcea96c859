"""The docs say what the code does: the privacy policy's phrase deletes the data in every locale
and its log retention is the template's; the README's sample session is quoted from the goldens."""

from __future__ import annotations

import re

import pytest

from skill.dev.nlu import nlu_for
from skill.voice.intents import Intent
from skill.voice.model_source import LOCALES
from testkit.template import ROOT, load_template


def _text(name: str) -> str:
    """A page's words as read: emphasis marks dropped, lines joined."""
    return " ".join((ROOT / "docs" / name).read_text(encoding="utf-8").replace("**", "").split())


PRIVACY, TERMS = _text("privacy.md"), _text("terms.md")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_phrase_the_policy_gives_asks_to_forget(locale: str) -> None:
    assert '"Alexa, ask morning moves to forget my data"' in PRIVACY
    assert nlu_for(locale).resolve("forget my data").intent == Intent.FORGET_ME


def test_the_stated_log_retention_is_the_templates_default() -> None:
    days = load_template()["Parameters"]["LogRetentionInDays"]["Default"]
    assert f"Logs are kept for {days} days" in PRIVACY


def test_the_terms_say_not_medical_advice_and_the_policy_how_to_delete() -> None:
    assert "not medical advice" in TERMS
    assert "privacy policy" in TERMS
    assert "disable the skill" in PRIVACY


def _quoted_turns(section: str) -> list[tuple[str, str]]:
    """('you' | 'alexa', words) for each turn in the section's text blocks; an indented line
    carries the turn on, unless it is a '(...)' stage note."""
    turns: list[tuple[str, str]] = []
    for line in section.splitlines():
        speaker, colon, words = line.partition(":")
        if colon and speaker in ("you", "alexa"):
            turns.append((speaker, words.strip()))
        elif line.startswith("       ") and not line.strip().startswith("(") and turns:
            turns[-1] = (turns[-1][0], f"{turns[-1][1]} {line.strip()}")
    return turns


_STATE = re.compile(r"\s+\[[^]]* · [^]]*\]")  # a golden turn's "[intent · phase · ...]" line


def _golden_en_us() -> tuple[set[str], list[str]]:
    """The en-US goldens' user lines (without a leading 'Alexa, ') and replies, pauses left out."""
    said: set[str] = set()
    replies: list[str] = []
    for path in sorted((ROOT / "tests" / "voice" / "golden" / "en-US").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("user"):
                said.add(line.partition(": ")[2].removeprefix("Alexa, "))
            elif line.startswith("alexa: "):
                replies.append(line.removeprefix("alexa: "))
            elif line.startswith("       ") and not _STATE.fullmatch(line) and replies:
                replies[-1] += " " + line
    return said, [" ".join(re.sub(r"\[\d+(?:\.\d+)?s\]", " ", r).split()) for r in replies]


def test_the_readme_session_is_quoted_from_the_golden_transcripts() -> None:
    """Every line the README's sample session quotes is in the en-US goldens ('…' elides)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What a session sounds like", 1)[1].split("\n## ", 1)[0]
    said, replies = _golden_en_us()
    turns = _quoted_turns(section)
    assert len(turns) > 10
    for speaker, words in turns:
        if speaker == "you":
            assert words.removeprefix("Alexa, ") in said, words
        else:
            pieces = [p.strip() for p in words.split("…") if p.strip()]
            assert any(all(p in reply for p in pieces) for reply in replies), words
