"""Property: whatever people say, in whatever order, the voice layer routes it and the skill
answers within Alexa's limits, without ever reaching the error apology."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from skill.config import Config, StoreKind
from skill.dev.nlu import nlu_for
from skill.dev.simulator import SILENCE, Conversation, SkillTransport
from skill.domain.speech import MAX_SSML_CHARS
from skill.store.memory import MemoryStore
from skill.voice import build_skill
from skill.voice.model_source import INTENTS, LOCALES, NUMBER_TYPE, TIME_TYPE, slot_type
from tests.conftest import TEST_SKILL_ID

FIXED_NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)


def _filled(sample: str, types: dict[str, str], pick: int) -> str:
    def fill(match: re.Match[str]) -> str:
        type_name = types[match.group(1)]
        if type_name == NUMBER_TYPE:
            return ("forty two", "seven", "a hundred and five", "fifty")[pick % 4]
        if type_name == TIME_TYPE:
            return ("seven", "half past six", "7 30 am", "noon")[pick % 4]
        found = slot_type(type_name)
        assert found is not None
        value = found.values[pick % len(found.values)]
        return value.name

    return re.sub(r"\{(\w+)\}", fill, sample)


def _utterances(locale: str) -> list[str]:
    said = ["open morning moves", SILENCE, "blah blah", "ask morning moves to start"]
    for src in INTENTS:
        types = {name.value: t for name, t in src.slots.items()}
        for i, sample in enumerate((*src.samples_for(locale), *src.builtin_phrases)):
            said.append(_filled(sample, types, i))
    return said


POOLS = {locale: _utterances(locale) for locale in LOCALES}


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def errors_logged() -> Iterator[list[str]]:
    """Error records from the skill (the exception handler logs every failure)."""
    handler, root = _Errors(), logging.getLogger("skill")
    root.addHandler(handler)
    try:
        yield handler.messages
    finally:
        root.removeHandler(handler)


@st.composite
def conversations(draw: st.DrawFn) -> tuple[str, list[str]]:
    locale = draw(st.sampled_from(LOCALES))
    pool = POOLS[locale]
    opener = draw(st.sampled_from(["open morning moves", "ask morning moves to start my routine"]))
    return locale, [opener, *draw(st.lists(st.sampled_from(pool), max_size=12))]


@settings(max_examples=25, deadline=None)
@given(conversations())
def test_any_conversation_is_answered_within_limits(case: tuple[str, list[str]]) -> None:
    locale, script = case
    config = Config(skill_id=TEST_SKILL_ID, store=StoreKind.MEMORY, verify=False)
    skill = build_skill(MemoryStore(), config, clock=lambda: FIXED_NOW)
    chat = Conversation(
        SkillTransport(skill),
        locale=locale,
        skill_id=TEST_SKILL_ID,
        clock=lambda: FIXED_NOW,
        nlu=nlu_for(locale),
        require_invocation=False,
    )
    with errors_logged() as errors:
        for said in script:
            turn = chat.say(said)
            assert not errors, (said, turn.heard, errors)
            assert len(turn.ssml) < MAX_SSML_CHARS
            if turn.response is not None and not turn.ended:
                assert turn.reprompt, f"an open session needs a reprompt ({said!r})"
