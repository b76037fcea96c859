"""Golden transcripts of the reminders conversation (set, change, cancel; permission granted,
denied and unanswered; the API down; the offer after the first routine).

A failure shows the diff. If the new wording is intended, regenerate with
`.venv/bin/python -m tests.voice.reminder_transcripts` and commit the transcripts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.alexa_api import FakeAlexaApi
from tests.voice.reminder_transcripts import render, transcript_files

REQUIRED = {
    "reminder_granted",
    "reminder_denied",
    "reminder_api_down",
    "first_routine_offer",
    "first_routine_offer_declined",
}


@pytest.mark.parametrize("path", transcript_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_transcript_matches(path: Path, fake_alexa: FakeAlexaApi) -> None:
    expected = path.read_text(encoding="utf-8")
    assert render(expected, path.parent.name, fake_alexa) == expected
    assert "not sent" not in expected  # every line reached the skill


def test_the_scenarios_the_issue_asks_for_exist() -> None:
    assert {p.stem for p in transcript_files()} >= REQUIRED
