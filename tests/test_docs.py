"""The privacy policy says what the code does: the phrase it gives deletes the data in every
locale, and the log retention it states is the template's."""

from __future__ import annotations

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
