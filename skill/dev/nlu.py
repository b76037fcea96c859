"""Offline utterance resolution against the interaction model, the way a device would route it.

Typed text is normalised (case, punctuation, the wake word, "Alexa, ask morning moves to ..."
and its cousins), then matched whole against every sample utterance of the locale, with slots
filled from the slot types' values and synonyms or, for AMAZON.NUMBER, from numbers said any way
("42", "forty-two", "fiftieth", "the big five oh"). The most specific match wins (the most
literal words); nothing matching goes to AMAZON.FallbackIntent, like Alexa does. Built-in
intents also match the phrases Alexa knows for them without samples ("stop", "never mind",
"skip"), and such a match is labelled `via="built-in"`.

Whole samples without slots are looked up in a table; a sample with slots is tried only when
its first (or last) literal word is the text's, word by word, each slot taking the words that
its type accepts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from skill.domain.numbers import NUMBER_WORDS, ORDINALS, parse_number
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

_WORD = "|".join(sorted((*NUMBER_WORDS, *ORDINALS), key=len, reverse=True))
_UNIT = "one|two|three|four|five|six|seven|eight|nine"
NUMBER_PATTERN = (
    rf"(?:\d+(?:st|nd|rd|th)?|(?:{_UNIT}) (?:oh|o)"
    rf"|(?:a )?(?:{_WORD})(?: (?:and )?(?:{_WORD}))*)"
)
# AMAZON.TIME as people say it, after normalize(): "seven", "7 30 a m", "half past six in the
# morning", "noon". The value Alexa sends is "HH:MM", which parse_time() computes here.
_MERIDIEM = r"(?: (?:am|pm|a m|p m|in the morning|in the evening|at night|tonight))"
TIME_PATTERN = (
    rf"(?:(?:(?:half|quarter|{NUMBER_PATTERN}) (?:past|to|after|before) )?"
    rf"{NUMBER_PATTERN}(?: (?:oh )?{NUMBER_PATTERN})?(?: o'clock)?{_MERIDIEM}?"
    r"|noon|midday|midnight|(?:in the )?morning)"
)

_INVOCATION = re.escape(INVOCATION_NAME)
# The wake word, and how people put a request to Alexa before naming the skill.
_WAKE_RE = re.compile(
    r"^(?:(?:hey|ok|okay) )?(?:alexa|echo|computer|amazon|ziggy)"
    r"(?: (?:please|can you|could you|would you|will you))? "
)
_LAUNCH_RE = re.compile(
    rf"(?:(?:open|launch|start|begin|load|run|play|use|ask|talk to|go to|enable) )?{_INVOCATION}"
    r"(?: please| now| skill| app)?"
)
_PREFIX_RE = re.compile(
    rf"(?:(?:ask|tell|have|get) {_INVOCATION}"
    rf"|(?:open|launch|start|use|load|run) {_INVOCATION} (?:and|then|and then|to)"
    rf"|(?:use|with) {_INVOCATION} to)"
    r"(?: please)? (?P<rest>.+)"
)
# Words that join the invocation to the request; kept if the request only makes sense with them
# ("tell morning moves that was easy").
_CONNECTOR_RE = re.compile(r"(?:to|that|for|about|if|whether|when) (?P<rest>.+)")

Via = Literal["sample", "built-in"]


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
    # What matched: one of our samples, or a phrase Alexa's built-in intent knows by itself.
    via: Via | None = None

    @property
    def label(self) -> str:
        if self.kind == "launch":
            return "LaunchRequest"
        assert self.intent is not None
        filled = " ".join(f"{n}={m.id or m.spoken}" for n, m in self.slots.items())
        shown = f"{self.intent.value} {filled}".strip()
        return f"{shown} (built-in phrase)" if self.via == "built-in" else shown


@dataclass(frozen=True)
class _Pattern:
    """A sample with slots: its words, each a literal word or a slot's name."""

    intent: Intent
    tokens: tuple[str | SlotName, ...]
    types: dict[SlotName, str]
    literal_chars: int


_NUMBER_RE = re.compile(NUMBER_PATTERN)
_TIME_RE = re.compile(TIME_PATTERN)


class Nlu:
    """Resolves text for one locale."""

    def __init__(self, locale: str = "en-US"):
        if locale not in LOCALES:
            raise ValueError(f"unsupported locale {locale!r}; choose one of {', '.join(LOCALES)}")
        self.locale = locale
        self._whole: dict[str, tuple[Intent, Via]] = {}
        # Slot samples by their first literal word, or (starting with a slot) their last one.
        self._by_first: dict[str, list[_Pattern]] = defaultdict(list)
        self._by_last: dict[str, list[_Pattern]] = defaultdict(list)
        self._anywhere: list[_Pattern] = []
        self._compile()

    def _phrases(self, type_name: str) -> Mapping[str, tuple[str, str]]:
        return phrase_table(type_name, self.locale)

    def _accepts(self, type_name: str, spoken: str) -> bool:
        if type_name == NUMBER_TYPE:
            return _NUMBER_RE.fullmatch(spoken) is not None
        if type_name == TIME_TYPE:
            return _TIME_RE.fullmatch(spoken) is not None
        return spoken in self._phrases(type_name)

    def _compile(self) -> None:
        for src in INTENTS:
            for phrase in src.builtin_phrases:
                self._whole.setdefault(normalize(phrase), (src.intent, "built-in"))
            for sample in src.samples_for(self.locale):
                if "{" not in sample:
                    self._whole.setdefault(normalize(sample), (src.intent, "sample"))
                    continue
                tokens = tuple(
                    SlotName(t[1:-1]) if t.startswith("{") else normalize(t) for t in sample.split()
                )
                literal = sum(len(t) + 1 for t in tokens if not isinstance(t, SlotName))
                pattern = _Pattern(src.intent, tokens, dict(src.slots), literal)
                if not isinstance(tokens[0], SlotName):
                    self._by_first[tokens[0]].append(pattern)
                elif not isinstance(tokens[-1], SlotName):
                    self._by_last[tokens[-1]].append(pattern)
                else:
                    self._anywhere.append(pattern)

    def _fit(
        self, pattern: _Pattern, words: list[str], at: int, token: int
    ) -> dict[SlotName, str] | None:
        """The slots' spoken values if `pattern.tokens[token:]` matches `words[at:]` whole."""
        if token == len(pattern.tokens):
            return {} if at == len(words) else None
        expected = pattern.tokens[token]
        if not isinstance(expected, SlotName):
            if at < len(words) and words[at] == expected:
                return self._fit(pattern, words, at + 1, token + 1)
            return None
        for end in range(at + 1, len(words) + 1):
            spoken = " ".join(words[at:end])
            if self._accepts(pattern.types[expected], spoken):
                rest = self._fit(pattern, words, end, token + 1)
                if rest is not None:
                    return {expected: spoken, **rest}
        return None

    def resolve(self, text: str) -> Resolution:
        """Resolve typed text; anything unmatched becomes AMAZON.FallbackIntent."""
        said = _WAKE_RE.sub("", normalize(text), count=1)
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
        whole = self._whole.get(said)
        if whole is not None:
            return Resolution("intent", whole[0], one_shot=one_shot, via=whole[1])
        words = said.split(" ")
        candidates = (
            *self._by_first.get(words[0], ()),
            *self._by_last.get(words[-1], ()),
            *self._anywhere,
        )
        best: tuple[int, Resolution] | None = None
        for pattern in candidates:
            if best is not None and pattern.literal_chars <= best[0]:
                continue
            spans = self._fit(pattern, words, 0, 0)
            if spans is None:
                continue
            slots = {name: self._slot_match(pattern.types[name], s) for name, s in spans.items()}
            found = Resolution("intent", pattern.intent, slots, one_shot, via="sample")
            best = (pattern.literal_chars, found)
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
    """A shared resolver per locale (compiling the patterns takes a fraction of a second)."""
    return Nlu(locale)
