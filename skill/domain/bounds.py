"""The engine's bounds: what any dose, profile or tempo it produces stays within.

In a module of their own so that parsers of read-back state (history, session) can check
against them without importing the progression engine (which imports history).
"""

from __future__ import annotations

MAX_REPS_PER_SET = 25  # keeps every counted set under about two minutes
# No dose the ladder gives has more sets (5 today); a read-back value beyond it is forged.
MAX_SETS = 10
ADJUSTMENT_BOUNDS = (-2, 2)
AGE_BOUNDS = (5, 110)
TEMPO_BOUNDS = (0.75, 1.5)  # multiplier on rep time: 1.5 is half as slow again, 0.75 brisk
MAX_HOLD_SECONDS = 30.0
MAX_RUN_CHARS = 200  # a turn id: Alexa's request ids are under 100 characters
# A completion key is "<local date>:<run>:<position>:<move>" (skill.domain.session).
MAX_KEY_CHARS = MAX_RUN_CHARS + 40


def within(value: float, bounds: tuple[float, float]) -> bool:
    low, high = bounds
    return low <= value <= high
