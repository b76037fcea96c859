"""Held-out phrasings: the share resolved to the right intent (and slots) by our matcher and by
virtual-alexa, per locale and context, printed as a table; both must reach 90% everywhere and
agree with each other. Mid-workout and launch phrasings must also get a sensible answer from
the skill in that context."""

from __future__ import annotations

from collections import defaultdict

import pytest

from skill.voice.intents import Intent
from testkit.template import ROOT
from tests.voice.golden import fresh_conversation
from tests.voice.heldout import (
    CONTEXTS,
    LAUNCH,
    MEASURED_LOCALES,
    Phrasing,
    ours,
    phrasings,
    virtual_alexa,
)

TARGET = 0.90
GENERATOR_INPUTS = (ROOT / "skill/voice/model_source.py", ROOT / "skill/voice/idiom.py")
PHRASINGS = phrasings()
NOT_UNDERSTOOD = "Sorry, I didn't catch that"


@pytest.fixture(scope="module")
def answers() -> dict[Phrasing, tuple[str, str]]:
    """Each phrasing -> (ours, virtual-alexa's)."""
    theirs = virtual_alexa(PHRASINGS)
    return {p: (ours(p), v) for p, v in zip(PHRASINGS, theirs, strict=True)}


def _table(answers: dict[Phrasing, tuple[str, str]]) -> dict[tuple[str, str], list[float]]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for phrasing, (mine, theirs) in answers.items():
        row = counts[(phrasing.locale, phrasing.context)]
        row[0] += 1
        row[1] += mine == phrasing.expected
        row[2] += theirs == phrasing.expected
    return {key: [n, ok / n, va / n] for key, (n, ok, va) in counts.items()}


def test_share_resolved_right(
    answers: dict[Phrasing, tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    table = _table(answers)
    lines = [
        "",
        "held-out phrasings resolved right",
        "locale  context  phrasings  ours  virtual-alexa",
    ]
    for (locale, context), (n, mine, theirs) in sorted(table.items()):
        lines.append(f"{locale:7} {context:8} {int(n):9} {mine:5.0%} {theirs:14.0%}")
    wrong = [f"  {p.locale} {p.text!r}: {a[0]} (expected {p.expected})"
             for p, a in answers.items() if a[0] != p.expected]  # fmt: skip
    with capsys.disabled():
        print("\n".join([*lines, "missed by ours:", *wrong]))
    for locale in MEASURED_LOCALES:
        for context in CONTEXTS:
            _, mine, theirs = table[(locale, context)]
            assert mine >= TARGET, (locale, context, mine)
            assert theirs >= TARGET, (locale, context, theirs)


def test_the_two_matchers_agree(answers: dict[Phrasing, tuple[str, str]]) -> None:
    differ = {p.text: pair for p, pair in answers.items() if pair[0] != pair[1]}
    assert not differ


def test_every_intent_and_context_is_in_the_set() -> None:
    said = {p.expected.split()[0] for p in PHRASINGS}
    assert said == {LAUNCH, *(i.value for i in Intent)}
    assert {(p.locale, p.context) for p in PHRASINGS} >= {
        (loc, ctx) for loc in MEASURED_LOCALES for ctx in CONTEXTS
    }
    assert len({p.text for p in PHRASINGS}) >= 150


def test_phrasings_are_kept_out_of_the_generators_inputs() -> None:
    """No phrasing of three words or more is written in the templates or the lexicon."""
    sources = " ".join(path.read_text(encoding="utf-8") for path in GENERATOR_INPUTS)
    written = [p.heard for p in PHRASINGS if len(p.heard.split()) >= 3 and p.heard in sources]
    assert not written


@pytest.mark.parametrize("context", CONTEXTS)
def test_answered_sensibly_in_context(context: str) -> None:
    """Said at the menu or with a set just counted, every understood phrasing gets an answer
    of its own: never the skill's "didn't catch that"."""
    for phrasing in PHRASINGS:
        if phrasing.context != context or phrasing.expected.endswith("FallbackIntent"):
            continue
        if ours(phrasing) != phrasing.expected:
            continue  # a miss, counted by test_share_resolved_right
        conversation = fresh_conversation(phrasing.locale)
        conversation.say("open morning moves")
        if context == "mid":
            conversation.say("squats")
            conversation.say("next")
        turn = conversation.say(
            phrasing.text if "morning moves" in phrasing.text else phrasing.heard
        )
        assert NOT_UNDERSTOOD not in turn.text, (phrasing, turn.heard, turn.text)
