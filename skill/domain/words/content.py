"""What the coach says about each move and each everyday moment: one per id, in every book."""

from __future__ import annotations

from typing import NamedTuple


class MoveWords(NamedTuple):
    """Everything said or shown about one move."""

    name: str  # spoken, plural as in "ten squats"
    title: str  # for cards and screens
    summary: str  # one breath
    cues: tuple[str, ...]  # step by step form
    quick_cue: str  # the one thing to remember, said before each set
    why: str  # why it helps runners
    support: str  # how to make it steadier
    progression: str  # how it grows


class MomentWords(NamedTuple):
    """What is said around an everyday moment. Its lines may use {reps} and {both_legs} (the
    moment's reps per leg, and for both legs) and {minutes}, filled in as words."""

    name: str  # "while the kettle boils"
    intro: str
    outro: str
