"""Hands-free counting: one set of a move as speech, paced at the move's tempo.

A rep is spoken as its beats: the first beat starts with the rep's number ("3, down"), each
beat's word is followed by silence so that the beat lasts its catalogue length times the tempo.
Words are assumed to take `speaking_seconds`. The silences keep a running clock: each word is
said when its beat starts by the clock, so a beat whose words run long (a brisk tempo, a long
number) borrows from the silences after it instead of making the whole set late; a word is
never followed by less than MIN_GAP of silence.
Each rep begins with a Mark (rep, set, leg) that a screen follows; nothing is heard of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from skill.domain.catalogue import HOLD, REST_SECONDS, Dose, Move, Sides
from skill.domain.speech import Mark, Pause, Say, Segment, Speech, speaking_seconds
from skill.domain.words import Phrase, active_locale, say

MIN_GAP = 0.2
SWITCH_GAP = 1.0  # time to change legs, after the words that say so
HALFWAY = (Phrase.HALFWAY_1, Phrase.HALFWAY_2, Phrase.HALFWAY_3)  # one per set, in turn
HALFWAY_FROM = 6  # a set of fewer reps (legs counted together) has no halfway word
LEGS = (Phrase.RIGHT, Phrase.LEFT)

# A cue: words said as a slot of the set starts, and how long that slot lasts; or a rep's Mark.
Cue = tuple[str, float] | Mark


def countdown(get_ready_seconds: float = 0.0) -> Speech:
    """'Ready? 3, 2, 1, go.', paced; with `get_ready_seconds`, 'Get into position.' first and
    silence enough that getting ready and the countdown take that long together."""
    number = Phrase.COUNTDOWN_NUMBER
    count = Speech.of(
        say(Phrase.COUNTDOWN_READY), 0.6,
        say(number, number=3), 0.6, say(number, number=2), 0.6, say(number, number=1), 0.4,
        say(Phrase.COUNTDOWN_GO), 0.3,
    )  # fmt: skip
    if get_ready_seconds <= 0:
        return count
    settle = Say(say(Phrase.GET_INTO_POSITION))
    rest = get_ready_seconds - count.planned_seconds() - speaking_seconds(settle.text)
    return Speech((settle, Pause(max(MIN_GAP, rest)))) + count


def _paced(cues: Iterable[Cue]) -> list[Segment]:
    """The cues as speech: each said on time by the running clock, then silence."""
    segs: list[Segment] = []
    planned = spoken = 0.0
    for cue in cues:
        if isinstance(cue, Mark):
            segs.append(cue)  # takes no time
            continue
        words, seconds = cue
        segs.append(Say(words))
        spoken += speaking_seconds(words)
        planned += seconds
        gap = max(MIN_GAP, planned - spoken)
        segs.append(Pause(gap))
        spoken += gap
    return segs


def _rep(
    move: Move, dose: Dose, number: int, tempo: float, side: str = ""
) -> list[tuple[str, float]]:
    """One rep's beats as cues. A beat whose words do not fit it (a brisk tempo) takes the time
    from the rep's last beat, the way back, rather than from the next one, which is often the
    slow lowering the article asks for."""
    cues: list[tuple[str, float]] = []
    spill = 0.0
    for i, beat in enumerate(move.beats):
        seconds = dose.hold_seconds if beat.word is HOLD and dose.hold_seconds else beat.seconds
        word = say(beat.word)
        if i == 0:
            first = Phrase.FIRST_BEAT_SIDE if side else Phrase.FIRST_BEAT
            word = say(first, number=number, side=side, word=word)
        slot = seconds * tempo
        if i < len(move.beats) - 1:
            needed = speaking_seconds(word) + MIN_GAP
            spill += max(0.0, needed - slot)
            slot = max(slot, needed)
        else:
            slot -= spill  # what it cannot give, the running clock takes from the next rep
        cues.append((word, slot))
    return cues


def _run(
    move: Move,
    dose: Dose,
    reps: int,
    tempo: float,
    *,
    halfway: str = "",
    halfway_after: int = 0,
    alternate: bool = False,
    set_no: int = 1,
    leg: str = "",
) -> Iterator[Cue]:
    """`reps` counted reps of set `set_no` (on `leg`, or alternating legs), each after its
    Mark; `halfway` is said in rep `halfway_after`, in the beat with the most silence (the
    last, of those with as much), taking its time from that silence so the pacing stays the
    same."""
    for n in range(1, reps + 1):
        side = say(LEGS[(n - 1) % 2]) if alternate else ""
        yield Mark(n, reps, set_no, side or leg)
        beats = _rep(move, dose, n, tempo, side)
        if halfway and n == halfway_after:
            quiet = [seconds - speaking_seconds(word) for word, seconds in beats]
            at = max(range(len(beats)), key=lambda i: (round(quiet[i], 2), i))
            word, seconds = beats[at]
            beats[at : at + 1] = [(word, 0.0), (halfway, seconds)]
        yield from beats


def counted_set(move: Move, dose: Dose, set_no: int, tempo: float) -> Speech:
    """The counted reps of one set (both legs where the move works one leg at a time), with
    one halfway word at the middle of the set's reps, legs counted together."""
    reps = dose.reps_in_set(set_no)
    each_leg = dose.sides is Sides.EACH_LEG
    total = reps * (2 if each_leg else 1)
    halfway = say(HALFWAY[(set_no - 1) % len(HALFWAY)]) if total >= HALFWAY_FROM else ""
    if each_leg:
        switch = move.words.switch
        right, left = say(LEGS[0]), say(LEGS[1])
        cues = [
            # the halfway word comes at the switch of legs
            *_run(move, dose, reps, tempo, halfway=halfway, halfway_after=reps, set_no=set_no,
                  leg=right),
            (switch, speaking_seconds(switch) + SWITCH_GAP),
            *_run(move, dose, reps, tempo, set_no=set_no, leg=left),
        ]  # fmt: skip
        return Speech(tuple(_paced(cues)))
    alternate = dose.sides is Sides.ALTERNATE
    reps_cues = _run(
        move,
        dose,
        reps,
        tempo,
        halfway=halfway,
        halfway_after=total // 2,
        alternate=alternate,
        set_no=set_no,
    )
    return Speech(tuple(_paced(reps_cues)))


def set_seconds(move: Move, dose: Dose, set_no: int, tempo: float) -> float:
    """How long the counted reps of a set should take: reps x seconds per rep x tempo."""
    legs = 2 if dose.sides is Sides.EACH_LEG else 1
    return dose.reps_in_set(set_no) * legs * move.seconds_per_rep(dose) * tempo


def set_speech(
    move: Move,
    dose: Dose,
    set_no: int,
    tempo: float,
    lead_in: str = "",
    *,
    get_ready_seconds: float = 0.0,
) -> Speech:
    """A whole set as said in one reply: lead-in, cue, countdown, the count, and its end."""
    return timed_set(move, dose, set_no, tempo, lead_in, get_ready_seconds=get_ready_seconds).speech


class TimedSet(NamedTuple):
    """A set's speech and when, from its start, its last counted rep ends."""

    speech: Speech
    count_ends: float


def timed_set(
    move: Move,
    dose: Dose,
    set_no: int,
    tempo: float,
    lead_in: str = "",
    *,
    get_ready_seconds: float = 0.0,
) -> TimedSet:
    """`set_speech` with the end of its count: the moment the set has been heard in full."""
    locale = active_locale()
    speech = _set_speech(
        move, dose, set_no, tempo, lead_in, get_ready_seconds=get_ready_seconds, locale=locale
    )
    total = speech.segments[-1]  # "And that's 10.": said once the count is over
    said = total.text if isinstance(total, Say) else ""
    return TimedSet(speech, speech.planned_seconds() - speaking_seconds(said))


class CountedSets(NamedTuple):
    """Sets of one move said in one reply, and the planned end of each set's count, in seconds
    from the start of the reply (skill.domain.session credits a set once that much time has
    passed)."""

    speech: Speech
    set_ends: tuple[float, ...]


def counted_sets(
    move: Move,
    dose: Dose,
    first_set: int,
    tempo: float,
    *,
    opening: Speech,
    fits: Callable[[Speech], bool],
) -> CountedSets:
    """`opening`, then sets `first_set`... of the move: the first after a get-into-position
    countdown, each later one after a spoken rest. As many sets as `fits` takes, at least one."""
    speech, ends = opening, list[float]()
    for set_no in range(first_set, dose.sets + 1):
        if set_no == first_set:
            lead, get_ready = Speech(), move.get_ready_seconds
        else:
            lead, get_ready = Speech.of(say(Phrase.REST, seconds=REST_SECONDS), REST_SECONDS), 0.0
        part = timed_set(move, dose, set_no, tempo, get_ready_seconds=get_ready)
        candidate = speech + lead + part.speech
        if ends and not fits(candidate):
            break
        starts = speech.planned_seconds() + lead.planned_seconds()
        ends.append(round(starts + part.count_ends, 2))
        speech = candidate
    return CountedSets(speech, tuple(ends))


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
    get_ready_seconds: float,
    locale: str,  # noqa: ARG001  # part of the cache key: say() reads the active locale
) -> Speech:
    intro: list[str] = [lead_in] if lead_in else []
    if dose.sets > 1:
        intro.append(say(Phrase.SET_OF, set_no=set_no, sets=dose.sets))
    intro.append(move.quick_cue)
    set_cue = move.level_words(dose).set_cue  # which side first; for one foot, the counter
    if set_cue:
        intro.append(set_cue)
    reps = dose.reps_in_set(set_no)
    total = reps * (2 if dose.sides is Sides.EACH_LEG else 1)
    return (
        Speech.of(" ".join(intro))
        + countdown(get_ready_seconds)
        + counted_set(move, dose, set_no, tempo)
        + Speech.of(say(Phrase.SET_TOTAL, total=total))
    )
