"""Stable identifiers shared by the catalogue, the interaction model and the stores."""

from __future__ import annotations

from enum import StrEnum


class MoveId(StrEnum):
    """The five moves, in routine order."""

    TOE_TAPS = "toe_taps"
    SQUATS = "squats"
    HEEL_RISES = "heel_rises"
    GLUTE_BRIDGE = "glute_bridge"
    REVERSE_LUNGE = "reverse_lunge"


class MomentId(StrEnum):
    """Everyday moments a move can be attached to."""

    KETTLE = "kettle"
    BRUSHING_TEETH = "brushing_teeth"
    BATH = "bath"


class Feedback(StrEnum):
    """How a move felt, said by the user after doing it."""

    EASY = "easy"
    HARD = "hard"
    RIGHT = "right"


class Style(StrEnum):
    """Which version of the five patterns a routine uses: the article's moves, or gentle
    (seated or supported) variants of the same patterns, keyed by the same MoveIds."""

    STANDARD = "standard"
    GENTLE = "gentle"
