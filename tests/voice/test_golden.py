"""Golden transcripts: what the skill says, turn by turn, in every locale.

A failure shows the diff. If the new wording is intended, regenerate with
`.venv/bin/python -m tests.voice.golden` and commit the transcripts with the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.voice.model_source import LOCALES
from tests.voice.golden import GOLDEN_DIR, golden_files, render

SCENARIOS = (
    "full_routine",
    "brushing_teeth",
    "pause_resume",
    "help_and_stop",
    "one_shot",
    "gentle_moves",
    "stop_after_set",
)


@pytest.mark.parametrize("path", golden_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_transcript_matches(path: Path) -> None:
    expected = path.read_text(encoding="utf-8")
    actual = render(expected, locale=path.parent.name)
    assert actual == expected, (
        f"{path.name} ({path.parent.name}) changed; if intended, run "
        "`.venv/bin/python -m tests.voice.golden` and commit the transcripts"
    )


def test_every_scenario_exists_for_every_locale() -> None:
    present = {(p.parent.name, p.stem) for p in golden_files()}
    missing = {(loc, s) for loc in LOCALES for s in SCENARIOS} - present
    assert not missing
    assert {p.parent for p in golden_files()} == {GOLDEN_DIR / loc for loc in LOCALES}
