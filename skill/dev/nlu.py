"""Offline utterance resolution against the interaction model, the way Alexa would route it.

Typed text is normalised (case, punctuation, "Alexa, ask morning moves to ..." prefixes),
then matched whole against every sample utterance of the locale, with slots filled from the slot
types' values and synonyms or, for AMAZON.NUMBER, from numbers in digits or words ("forty two").
The most specific match wins (the most literal words); nothing matching goes to
AMAZON.FallbackIntent, like Alexa does. Built-in intents also match the everyday phrases Alexa
already knows for them ("stop", "yes", "never mind").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from skill.domain.numbers import NUMBER_WORDS, parse_number
from skill.domain.reminders import parse_time
from skill.voice.intents import Intent, SlotName
from skill.voice.model_source import (
    INTENTS,
    INVOCATION_NAME,
    LOCALES,
    NUMBER_TYPE,
    TIME_TYPE,
    normalize,
    phrase_table,
)

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMBER_PATTERN = rf"(?:\d+|(?:a )?(?:{_NUMBER_WORD})(?: (?:and )?(?:{_NUMBER_WORD}))*)"
# AMAZON.TIME as people say it, after normalize(): "seven", "7 30 a m", "half past six in the
# morning", "noon". The value Alexa sends is "HH:MM", which parse_time() computes here.
_MERIDIEM = r"(?: (?:am|pm|a m|p m|in the morning|in the evening|at night|tonight))"
TIME_PATTERN = (
    rf"(?:(?:(?:half|quarter|{NUMBER_PATTERN}) (?:past|to|after|before) )?"
    rf"{NUMBER_PATTERN}(?: (?:oh )?{NUMBER_PATTERN})?(?: o'clock)?{_MERIDIEM}?"
    r"|noon|midday|midnight|(?:in the )?morning)"
)

_INVOCATION = re.escape(INVOCATION_NAME)
_LAUNCH_RE = re.compile(
    rf"(?:(?:open|launch|start|begin|load|run|play|use|ask|talk to) )?{_INVOCATION}"
)
_PREFIX_RE = re.compile(
    rf"(?:(?:ask|tell) {_INVOCATION}|(?:open|launch|start|use|load) {_INVOCATION} (?:and|then))"
    r" (?P<rest>.+)"
)
# Words that join the invocation to the request; kept if the request only makes sense with them
# ("tell morning moves that was easy").
_CONNECTOR_RE = re.compile(r"(?:to|that|for|about|if|whether) (?P<rest>.+)")


@dataclass(frozen=True)
class SlotMatch:
    """A filled slot: what was said, and the resolved value (id and canonical name) if any."""

    spoken: str
    id: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Resolution:
    """Where an utterance goes: a launch, or an intent with its filled slots."""

    kind: Literal["launch", "intent"]
    intent: Intent | None = None
    slots: dict[SlotName, SlotMatch] = field(default_factory=dict)
    one_shot: bool = False  # said with the invocation name ("ask morning moves to ...")

    @property
    def label(self) -> str:
        if self.kind == "launch":
            return "LaunchRequest"
        assert self.intent is not None
        filled = " ".join(f"{n}={m.id or m.spoken}" for n, m in self.slots.items())
        return f"{self.intent.value} {filled}".strip()


@dataclass(frozen=True)
class _Pattern:
    intent: Intent
    regex: re.Pattern[str]
    slots: dict[str, SlotName]  # regex group -> slot name
    types: dict[SlotName, str]
    literal_chars: int


class Nlu:
    """Resolves text for one locale."""

    def __init__(self, locale: str = "en-US"):
        if locale not in LOCALES:
            raise ValueError(f"unsupported locale {locale!r}; choose one of {', '.join(LOCALES)}")
        self.locale = locale
        self._patterns = self._compile()

    def _phrases(self, type_name: str) -> Mapping[str, tuple[str, str]]:
        return phrase_table(type_name, self.locale)

    def _slot_regex(self, type_name: str) -> str:
        if type_name == NUMBER_TYPE:
            return NUMBER_PATTERN
        if type_name == TIME_TYPE:
            return TIME_PATTERN
        phrases = sorted(self._phrases(type_name), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(p) for p in phrases) + ")"

    def _compile(self) -> list[_Pattern]:
        patterns: list[_Pattern] = []
        for src in INTENTS:
            utterances = (*src.samples_for(self.locale), *src.builtin_phrases)
            for sample in utterances:
                parts: list[str] = []
                groups: dict[str, SlotName] = {}
                literal = 0
                for token in sample.split():
                    slot = re.fullmatch(r"\{(\w+)\}", token)
                    if slot:
                        name = SlotName(slot.group(1))
                        group = f"s_{name.value}"
                        groups[group] = name
                        parts.append(f"(?P<{group}>{self._slot_regex(src.slots[name])})")
                    else:
                        word = normalize(token)
                        parts.append(re.escape(word))
                        literal += len(word) + 1
                regex = re.compile(" ".join(parts))
                patterns.append(_Pattern(src.intent, regex, groups, dict(src.slots), literal))
        return patterns

    def resolve(self, text: str) -> Resolution:
        """Resolve typed text; anything unmatched becomes AMAZON.FallbackIntent."""
        said = normalize(text)
        said = re.sub(r"^alexa ", "", said)
        if _LAUNCH_RE.fullmatch(said):
            return Resolution("launch")
        prefixed = _PREFIX_RE.fullmatch(said)
        if prefixed is None:
            return self._match(said, one_shot=False)
        rest = prefixed.group("rest")
        joined = _CONNECTOR_RE.fullmatch(rest)
        if joined is not None:
            resolution = self._match(joined.group("rest"), one_shot=True)
            if resolution.intent is not Intent.FALLBACK:
                return resolution
        return self._match(rest, one_shot=True)

    def _match(self, said: str, *, one_shot: bool) -> Resolution:
        best: tuple[int, Resolution] | None = None
        for pattern in self._patterns:
            match = pattern.regex.fullmatch(said)
            if match is None or (best is not None and pattern.literal_chars <= best[0]):
                continue
            slots = {
                name: self._slot_match(pattern.types[name], match.group(group))
                for group, name in pattern.slots.items()
            }
            best = (pattern.literal_chars, Resolution("intent", pattern.intent, slots, one_shot))
        if best is None:
            return Resolution("intent", Intent.FALLBACK, one_shot=one_shot)
        return best[1]

    def _slot_match(self, type_name: str, spoken: str) -> SlotMatch:
        if type_name == NUMBER_TYPE:
            number = parse_number(spoken)
            return SlotMatch(str(number) if number is not None else "?")
        if type_name == TIME_TYPE:
            at = parse_time(spoken)
            return SlotMatch(at.strftime("%H:%M") if at is not None else "?")
        value_id, name = self._phrases(type_name)[spoken]
        return SlotMatch(spoken, value_id, name)

    def match_value(self, type_name: str, spoken: str) -> SlotMatch | None:
        """Resolve a spoken slot value against a slot type's values and synonyms."""
        found = self._phrases(type_name).get(normalize(spoken))
        return SlotMatch(spoken, *found) if found else None


@cache
def nlu_for(locale: str) -> Nlu:
    """A shared resolver per locale (compiling the patterns takes a few milliseconds)."""
    return Nlu(locale)
