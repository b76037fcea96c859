"""Hands-free counting: one set of a move as speech, paced at the move's tempo.

A rep is spoken as its beats: the first beat starts with the rep's number ("3, down"), each
beat's word is followed by silence so that the beat lasts its catalogue length times the tempo.
Words are assumed to take `speaking_seconds`; a beat never gets less than MIN_GAP of silence.
Each rep begins with a Mark (rep, set, leg) that a screen follows; nothing is heard of it.
"""

from __future__ import annotations

from functools import lru_cache

from skill.domain.catalogue import HOLD, Dose, Move, Sides
from skill.domain.speech import Mark, Pause, Say, Segment, Speech, speaking_seconds
from skill.domain.words import Phrase, active_locale, say

MIN_GAP = 0.2
SWITCH_GAP = 1.5
HALFWAY = (Phrase.HALFWAY_1, Phrase.HALFWAY_2, Phrase.HALFWAY_3)  # one per set, in turn
LEGS = (Phrase.RIGHT, Phrase.LEFT)


def countdown() -> Speech:
    """'Ready? 3, 2, 1, go.', paced."""
    number = Phrase.COUNTDOWN_NUMBER
    return Speech.of(
        say(Phrase.COUNTDOWN_READY), 0.6,
        say(number, number=3), 0.6, say(number, number=2), 0.6, say(number, number=1), 0.4,
        say(Phrase.COUNTDOWN_GO), 0.3,
    )  # fmt: skip


def _beat(words: str, seconds: float) -> list[Segment]:
    return [Say(words), Pause(max(MIN_GAP, seconds - speaking_seconds(words)))]


def _rep(move: Move, dose: Dose, number: int, tempo: float, side: str = "") -> list[Segment]:
    segs: list[Segment] = []
    for i, beat in enumerate(move.beats):
        seconds = dose.hold_seconds if beat.word is HOLD and dose.hold_seconds else beat.seconds
        word = say(beat.word)
        if i == 0:
            first = Phrase.FIRST_BEAT_SIDE if side else Phrase.FIRST_BEAT
            word = say(first, number=number, side=side, word=word)
        segs += _beat(word, seconds * tempo)
    return segs


def _run(
    move: Move,
    dose: Dose,
    set_no: int,
    tempo: float,
    halfway: str,
    *,
    alternate: bool = False,
    leg: str = "",
) -> list[Segment]:
    """The set's counted reps (on `leg`, or alternating legs), with a word of encouragement at
    the halfway mark."""
    reps = dose.reps_in_set(set_no)
    segs: list[Segment] = []
    for n in range(1, reps + 1):
        side = say(LEGS[(n - 1) % 2]) if alternate else ""
        segs.append(Mark(n, reps, set_no, side or leg))
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
    halfway = say(HALFWAY[(set_no - 1) % len(HALFWAY)])
    if dose.sides is Sides.EACH_LEG:
        first = _run(move, dose, set_no, tempo, halfway, leg=say(LEGS[0]))
        second = _run(move, dose, set_no, tempo, halfway, leg=say(LEGS[1]))
        switch: list[Segment] = [Say(say(Phrase.SWITCH_LEGS)), Pause(SWITCH_GAP)]
        return Speech((*first, *switch, *second))
    alternate = dose.sides is Sides.ALTERNATE
    return Speech(tuple(_run(move, dose, set_no, tempo, halfway, alternate=alternate)))


def set_seconds(move: Move, dose: Dose, set_no: int, tempo: float) -> float:
    """How long the counted reps of a set should take: reps x seconds per rep x tempo."""
    legs = 2 if dose.sides is Sides.EACH_LEG else 1
    return dose.reps_in_set(set_no) * legs * move.seconds_per_rep(dose) * tempo


def set_speech(move: Move, dose: Dose, set_no: int, tempo: float, lead_in: str = "") -> Speech:
    """A whole set as said in one reply: lead-in, cue, countdown, the count, and its end."""
    return _set_speech(move, dose, set_no, tempo, lead_in, locale=active_locale())


# Pure and asked for again and again (every user on the same dose hears the same set): built
# once per locale, it is a fifth of a counted turn less (bench/).
@lru_cache(maxsize=256)
def _set_speech(
    move: Move,
    dose: Dose,
    set_no: int,
    tempo: float,
    lead_in: str,
    *,
    locale: str,  # noqa: ARG001  # part of the cache key: say() reads the active locale
) -> Speech:
    intro: list[str] = [lead_in] if lead_in else []
    if dose.sets > 1:
        intro.append(say(Phrase.SET_OF, set_no=set_no, sets=dose.sets))
    intro.append(move.quick_cue)
    if dose.sides is Sides.EACH_LEG:
        intro.append(say(Phrase.RIGHT_LEG_FIRST))
    elif dose.sides is Sides.ALTERNATE:
        intro.append(say(Phrase.SWAP_LEGS))
    reps = dose.reps_in_set(set_no)
    total = reps * (2 if dose.sides is Sides.EACH_LEG else 1)
    return (
        Speech.of(" ".join(intro))
        + countdown()
        + counted_set(move, dose, set_no, tempo)
        + Speech.of(say(Phrase.SET_TOTAL, total=total))
    )
