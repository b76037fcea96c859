"""Sample templates: what a template stands for, and each locale's own words."""

from __future__ import annotations

import pytest

from skill.voice.grammar import TemplateError, expand
from skill.voice.idiom import lexicon

LEXICON = {"please": ("please", ""), "workout": ("routine", "(morning|) moves")}


@pytest.mark.parametrize(
    ("template", "phrases"),
    [
        ("start my routine", ["start my routine"]),
        ("(start|begin) it", ["start it", "begin it"]),
        ("(can you|) stop", ["can you stop", "stop"]),
        ("do my <workout>", ["do my routine", "do my morning moves", "do my moves"]),
        ("next <please>", ["next please", "next"]),
        ("((very|) fast|slow)", ["very fast", "fast", "slow"]),
        ("skip {move} (today|)", ["skip {move} today", "skip {move}"]),
        ("(a|a) b", ["a b"]),  # each phrase once
    ],
)
def test_expands_to_every_phrase_in_order(template: str, phrases: list[str]) -> None:
    assert expand(template, LEXICON) == phrases


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("(start", "unclosed"),
        ("start)", "unbalanced"),
        ("do my <exercise>", "no fragment <exercise>"),
    ],
)
def test_bad_templates_are_refused(template: str, problem: str) -> None:
    with pytest.raises(TemplateError, match=problem):
        expand(template, LEXICON)


def test_a_fragment_may_not_refer_to_itself() -> None:
    with pytest.raises(TemplateError, match="refers to itself"):
        expand("<loop>", {"loop": ("again <loop>",)})


@pytest.mark.parametrize(
    ("locale", "fragment", "present", "absent"),
    [
        ("en-US", "wait", "gimme a sec", "half a mo"),
        ("en-GB", "wait", "half a mo", "gimme a sec"),
        ("en-GB", "want", "shall we", "i wanna"),
        ("en-AU", "agree", "no worries", "haan"),
        ("en-IN", "ask", "kindly", "can ya"),
        ("en-IN", "want", "let us", "i wanna"),
        ("en-CA", "agree", "for sure", "righto"),
    ],
)
def test_each_locale_has_its_own_idiom(
    locale: str, fragment: str, present: str, absent: str
) -> None:
    words = lexicon(locale)[fragment]
    assert present in words
    assert absent not in words
