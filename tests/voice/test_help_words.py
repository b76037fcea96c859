"""What help tells people to say is understood: each moment's words, as help says them, start
that moment in every locale (the phrasebook's `ask` and the interaction model agree)."""

from __future__ import annotations

import pytest

from skill.dev.nlu import nlu_for
from skill.domain.catalogue import MOMENTS
from skill.domain.ids import MomentId
from skill.domain.words import moment_words, speaking
from skill.voice.intents import Intent, SlotName
from skill.voice.model_source import LOCALES


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_each_moment_as_help_says_it_starts_that_moment(locale: str, moment: MomentId) -> None:
    with speaking(locale):
        said = moment_words(moment).ask
    resolution = nlu_for(locale).resolve(said)
    assert resolution.intent is Intent.START_MOMENT, said
    assert resolution.slots[SlotName.MOMENT].id == moment.value


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("how am I doing", Intent.PROGRESS),
        ("I'm 42", Intent.SET_AGE),
        ("remind me every day at seven", Intent.SET_REMINDER),
    ],
)
def test_the_examples_help_gives_are_understood(locale: str, said: str, intent: Intent) -> None:
    assert nlu_for(locale).resolve(said).intent is intent
