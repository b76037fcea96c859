"""A fake locale's phrasebook: every line replaced by a marker, for tests that must hear it.

A marker is "ZZ_" and the line's id in capitals, followed by the line's own `{fields}`, so the
code fills it in as it would the English. Nothing in the fake book is lowercase: any lowercase
word in a reply said in FAKE_LOCALE came from somewhere other than the phrasebook.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from string import Formatter

from skill.domain.ids import MomentId, MoveId
from skill.domain.words import (
    LevelWords,
    MomentWords,
    MoveWords,
    Phrasebook,
    PhraseId,
    all_phrases,
    phrasebook,
    register,
    unregister,
)

FAKE_LANGUAGE = "zz"
FAKE_LOCALE = "zz-ZZ"
MARK = "ZZ_"


def fields(line: str) -> list[str]:
    """The `{fields}` of a line, as written (with any format spec)."""
    found = []
    for _, name, spec, conversion in Formatter().parse(line):
        if name is not None:
            found.append(
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return found


def _marker(name: str, line: str = "") -> str:
    return " ".join([f"{MARK}{name.upper()}", *fields(line)])


def _fake_level(name: str, english: LevelWords) -> LevelWords:
    """A level whose lines are markers wherever the English level says something."""
    return LevelWords(
        **{
            part: _marker(f"{name}_{part}") if getattr(english, part) else ""
            for part in ("news", "form", "support", "set_cue")
        }
    )


def fake_book() -> Phrasebook:
    english = phrasebook("en-US")
    lines: dict[PhraseId, str] = {p: _marker(p.name, english.lines[p]) for p in all_phrases()}
    moves, gentle = _fake_moves(""), _fake_moves("gentle_")
    moments = {
        m: MomentWords(
            _marker(f"{m.name}_name"),
            ask=_marker(f"{m.name}_ask"),
            intro=_marker(f"{m.name}_intro", english.moments[m].intro),
            outro=_marker(f"{m.name}_outro", english.moments[m].outro),
        )
        for m in MomentId
    }
    numbers = tuple(f"{MARK}{n}" for n in range(len(english.numbers)))
    return Phrasebook(lines, numbers, moves, moments, gentle)


def _fake_moves(prefix: str) -> dict[MoveId, MoveWords]:
    english = phrasebook("en-US").gentle if prefix else phrasebook("en-US").moves
    return {
        m: MoveWords(
            name=_marker(f"{prefix}{m.name}_name"),
            title=_marker(f"{prefix}{m.name}_title"),
            summary=_marker(f"{prefix}{m.name}_summary"),
            cues=tuple(_marker(f"{prefix}{m.name}_cue_{n}") for n in range(3)),
            quick_cue=_marker(f"{prefix}{m.name}_quick_cue"),
            why=_marker(f"{prefix}{m.name}_why"),
            levels=tuple(
                _fake_level(f"{prefix}{m.name}_level_{n}", level)
                for n, level in enumerate(english[m].levels)
            ),
            progression=_marker(f"{prefix}{m.name}_progression"),
            switch=_marker(f"{prefix}{m.name}_switch") if english[m].switch else "",
        )
        for m in MoveId
    }


@contextmanager
def fake_locale() -> Iterator[str]:
    """FAKE_LOCALE's phrasebook installed (the fake book) while the block runs."""
    register(FAKE_LANGUAGE, fake_book())
    try:
        yield FAKE_LOCALE
    finally:
        unregister(FAKE_LANGUAGE)


def english_in(text: str) -> list[str]:
    """The lowercase words of `text`: words said in FAKE_LOCALE that the fake book did not give.
    (Pause marks like "[2s]" are the simulator's, not speech.)"""
    return re.findall(r"[a-z]+", re.sub(r"\[\d+(?:\.\d+)?s\]", " ", text))
