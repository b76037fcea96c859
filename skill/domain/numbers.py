"""English number words, read the one way the skill reads them.

"forty two" is 42 and "one hundred and five" 105 (as one number, also "fiftieth", "42nd" and
"five oh", the big birthday's 50), while "seven thirty" is 7 then 30: a word that
cannot continue the number being read (a tens word after a unit, a unit after a unit) starts the
next one, which is how a spoken time splits into hour and minutes. Digits ("42") are a number of
their own. Used by the reminder times (domain/reminders.py) and the offline NLU (skill/dev/nlu.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALES = ("hundred", "thousand")
NUMBER_WORDS = (*UNITS, *TENS, *SCALES)
_IRREGULAR_ORDINALS = {
    "first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight",
    "ninth": "nine", "twelfth": "twelve",
}  # fmt: skip
# "fourth" -> "four", "twentieth" -> "twenty", "hundredth" -> "hundred"
ORDINALS = _IRREGULAR_ORDINALS | {
    (w[:-1] + "ieth" if w.endswith("y") else w + "th"): w
    for w in NUMBER_WORDS
    if w not in _IRREGULAR_ORDINALS.values() and w != "zero"
}

_VALUES = {word: value for value, word in enumerate(UNITS)} | {
    word: 10 * value for value, word in enumerate(TENS, start=2)
}


def _kind(word: str) -> str | None:
    """ "zero", "unit" (1-9), "teen" (10-19), "tens", "hundred", "thousand"; None: no number."""
    if word in SCALES:
        return word
    value = _VALUES.get(word)
    if value is None:
        return None
    if value == 0:
        return "zero"  # never continues a number: "twenty oh five" is 20, 0, 5
    return "unit" if value < 10 else "teen" if value < 20 else "tens"


class _Number(NamedTuple):
    """A number being read: the thousands so far, the part below them, its last word's kind."""

    thousands: int
    part: int
    last: str

    @property
    def value(self) -> int:
        return self.thousands + self.part

    def then(self, word: str) -> _Number | None:
        """This number continued by `word`, or None when `word` does not continue it."""
        kind = _kind(word)
        after_scale = self.last in SCALES
        if kind == "unit" and (after_scale or self.last == "tens"):
            return self._replace(part=self.part + _VALUES[word], last=kind)
        if kind in {"teen", "tens"} and after_scale:
            return self._replace(part=self.part + _VALUES[word], last=kind)
        if kind == "hundred" and self.last in {"unit", "teen", "tens"} and self.part < 100:
            return self._replace(part=self.part * 100, last=kind)
        if kind == "thousand" and self.thousands == 0 and self.last != kind:
            return _Number(self.value * 1000, 0, kind)
        return None


def _start(word: str, following: str | None) -> _Number | None:
    kind = _kind(word)
    if kind in {"zero", "unit", "teen", "tens"}:
        return _Number(0, _VALUES[word], kind)
    if word == "a" and following in SCALES:  # "a hundred"
        return _Number(0, 1, "unit")
    return None


def read_numbers(words: Sequence[str]) -> list[int | str]:
    """`words` with each spoken number as an int and every other word as it was.

    ["seven", "forty", "five", "pm"] is [7, 45, "pm"]; ["a", "hundred", "and", "five"] is [105].
    """
    out: list[int | str] = []
    number: _Number | None = None
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if number is not None:
            continues = following is not None and number.then(following) is not None
            if word == "and" and number.last in SCALES and continues:
                continue  # "one hundred and five"
            extended = number.then(word)
            if extended is not None:
                number = extended
                continue
            out.append(number.value)
        number = _start(word, following)
        if number is None:
            out.append(int(word) if word.isascii() and word.isdigit() else word)
    if number is not None:
        out.append(number.value)
    return out


def parse_number(text: str) -> int | None:
    """`text` as one number ("42", "forty two", "forty-two", "a hundred", "fiftieth", "50th",
    "five oh"), or None."""
    words = [_cardinal(word) for word in text.lower().replace("-", " ").split()]
    if len(words) == 2 and words[1] in {"oh", "o"} and _kind(words[0]) == "unit":
        return _VALUES[words[0]] * 10  # "the big five oh" is fifty
    items = read_numbers(words)
    return items[0] if len(items) == 1 and isinstance(items[0], int) else None


def _cardinal(word: str) -> str:
    """ "fiftieth" -> "fifty", "42nd" -> "42"; any other word as it is."""
    if word[:-2].isdigit() and word[-2:] in {"st", "nd", "rd", "th"}:
        return word[:-2]
    return ORDINALS.get(word, word)
