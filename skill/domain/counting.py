"""Hands-free counting: one set of a move as speech, paced at the move's tempo.

A rep is spoken as its beats: the first beat starts with the rep's number ("3, down"), each
beat's word is followed by silence so that the beat lasts its catalogue length times the tempo.
Words are assumed to take `speaking_seconds`; a beat never gets less than MIN_GAP of silence.
"""

from __future__ import annotations

from functools import lru_cache

from skill.domain.catalogue import HOLD, Dose, Move, Sides
from skill.domain.speech import Pause, Say, Segment, Speech, speaking_seconds

MIN_GAP = 0.2
COUNTDOWN = Speech.of("Ready?", 0.6, "3,", 0.6, "2,", 0.6, "1,", 0.4, "go.", 0.3)
SWITCH_GAP = 1.5
HALFWAY = ("Halfway, lovely.", "Halfway there.", "Half done, steady.")
LEGS = ("right", "left")


def _beat(words: str, seconds: float) -> list[Segment]:
    return [Say(words), Pause(max(MIN_GAP, seconds - speaking_seconds(words)))]


def _rep(move: Move, dose: Dose, number: int, tempo: float, side: str = "") -> list[Segment]:
    segs: list[Segment] = []
    for i, beat in enumerate(move.beats):
        seconds = dose.hold_seconds if beat.word == HOLD and dose.hold_seconds else beat.seconds
        word = beat.word
        if i == 0:
            word = f"{number}, {side} leg {word}" if side else f"{number}, {word}"
        segs += _beat(word, seconds * tempo)
    return segs


def _run(
    move: Move, dose: Dose, reps: int, tempo: float, halfway: str, *, alternate: bool = False
) -> list[Segment]:
    """`reps` counted reps, with a word of encouragement at the halfway mark."""
    segs: list[Segment] = []
    for n in range(1, reps + 1):
        side = LEGS[(n - 1) % 2] if alternate else ""
        rep = _rep(move, dose, n, tempo, side)
        if n == reps // 2 and reps >= 6:
            # Say it during the last beat's silence so the pacing stays the same.
            last_pause = rep[-1]
            assert isinstance(last_pause, Pause)
            rest = max(MIN_GAP, last_pause.seconds - speaking_seconds(halfway))
            rep[-1:] = [Pause(MIN_GAP), Say(halfway), Pause(rest - MIN_GAP)]
        segs += rep
    return segs


def counted_set(move: Move, dose: Dose, set_no: int, tempo: float) -> Speech:
    """The counted reps of one set (both legs where the move works one leg at a time)."""
    reps = dose.reps_in_set(set_no)
    halfway = HALFWAY[(set_no - 1) % len(HALFWAY)]
    if dose.sides is Sides.EACH_LEG:
        first = _run(move, dose, reps, tempo, halfway)
        second = _run(move, dose, reps, tempo, halfway)
        switch: list[Segment] = [Say("Switch to your left leg."), Pause(SWITCH_GAP)]
        return Speech((*first, *switch, *second))
    alternate = dose.sides is Sides.ALTERNATE
    return Speech(tuple(_run(move, dose, reps, tempo, halfway, alternate=alternate)))


def set_seconds(move: Move, dose: Dose, set_no: int, tempo: float) -> float:
    """How long the counted reps of a set should take: reps x seconds per rep x tempo."""
    legs = 2 if dose.sides is Sides.EACH_LEG else 1
    return dose.reps_in_set(set_no) * legs * move.seconds_per_rep(dose) * tempo


# Pure and asked for again and again (every user on the same dose hears the same set): built
# once, it is a fifth of a counted turn less (bench/).
@lru_cache(maxsize=256)
def set_speech(move: Move, dose: Dose, set_no: int, tempo: float, lead_in: str = "") -> Speech:
    """A whole set as said in one reply: lead-in, cue, countdown, the count, and its end."""
    intro: list[str] = [lead_in] if lead_in else []
    if dose.sets > 1:
        intro.append(f"Set {set_no} of {dose.sets}.")
    intro.append(move.quick_cue)
    if dose.sides is Sides.EACH_LEG:
        intro.append("Right leg first.")
    elif dose.sides is Sides.ALTERNATE:
        intro.append("Swap legs every rep, starting with your right.")
    reps = dose.reps_in_set(set_no)
    total = reps * (2 if dose.sides is Sides.EACH_LEG else 1)
    ending = f"And that's {total}." if dose.sides is Sides.EACH_LEG else f"And that's {reps}."
    return (
        Speech.of(" ".join(intro))
        + COUNTDOWN
        + counted_set(move, dose, set_no, tempo)
        + Speech.of(ending)
    )
