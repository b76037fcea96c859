"""The exercise catalogue: every move's pacing and doses, and the everyday moments.

Facts come from the source article (see GUIDE.md §1). What the coach says about each move
(name, cues, why it helps) is in the phrasebook (skill/domain/words/), by move id. Everything
else (progression, counting, the session) reads moves from here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from skill.domain.ids import MomentId, MoveId, Style
from skill.domain.words import (
    LevelWords,
    MoveWords,
    Phrase,
    PhraseId,
    count_word,
    moment_words,
    move_words,
    spoken_list,
)


class Sides(StrEnum):
    """How a move uses the legs."""

    BOTH = "both"  # both feet work together
    EACH_LEG = "each_leg"  # all reps on one leg, then all on the other
    ALTERNATE = "alternate"  # legs take turns, one rep each


class Beat(NamedTuple):
    """One phase of a rep: the word the coach says as it starts, and how long it lasts."""

    word: PhraseId
    seconds: float


class Dose(NamedTuple):
    """How much of a move to do: `reps` per set (per leg for EACH_LEG), `sets` sets.

    `last_set_reps` lets a total that does not split evenly end with a shorter set (0 means
    the last set is like the others). `hold_seconds` replaces the length of a "hold" beat.
    `level` is the rung of the move's ladder the dose comes from (what is said about it is in
    the phrasebook's LevelWords, by rung); a dose grown from a rung (more squats, a moment's
    reps) keeps its rung.
    """

    reps: int
    sets: int = 1
    sides: Sides = Sides.BOTH
    supported: bool = False
    hold_seconds: float = 0.0
    last_set_reps: int = 0
    level: int = 0

    def reps_in_set(self, set_no: int) -> int:
        """Reps (per leg where it applies) in set `set_no`, counted from 1."""
        if set_no >= self.sets and self.last_set_reps:
            return self.last_set_reps
        return self.reps

    @property
    def total_reps(self) -> int:
        """Reps over all sets, counting each leg separately for EACH_LEG moves."""
        per_leg = sum(self.reps_in_set(n) for n in range(1, self.sets + 1))
        return per_leg * (2 if self.sides is Sides.EACH_LEG else 1)


class Move(NamedTuple):
    """One exercise: its pacing and its doses. What the coach says about it comes from the
    phrasebook (skill/domain/words/), in the words of the turn's locale."""

    id: MoveId
    beats: tuple[Beat, ...]  # one rep, at tempo 1.0
    ladder: tuple[Dose, ...] = ()  # doses from first-week to advanced
    style: Style = Style.STANDARD  # GENTLE: a seated or supported variant of the pattern

    @property
    def words(self) -> MoveWords:
        return move_words(self.id, self.style)

    @property
    def name(self) -> str:  # spoken, plural as in "ten squats"
        return self.words.name

    @property
    def title(self) -> str:  # for cards and screens
        return self.words.title

    @property
    def summary(self) -> str:
        return self.words.summary

    @property
    def cues(self) -> tuple[str, ...]:
        return self.words.cues

    @property
    def quick_cue(self) -> str:
        return self.words.quick_cue

    @property
    def why(self) -> str:
        return self.words.why

    def level_words(self, dose: Dose) -> LevelWords:
        """What is said about the rung `dose` comes from."""
        levels = self.words.levels
        return levels[max(0, min(len(levels) - 1, dose.level))]

    @property
    def progression(self) -> str:
        return self.words.progression

    @property
    def default_dose(self) -> Dose:
        return self.ladder[0]

    @property
    def top_level(self) -> int:
        return len(self.ladder) - 1

    def seconds_per_rep(self, dose: Dose | None = None) -> float:
        """Length of one rep at tempo 1.0; a dose may lengthen the hold."""
        total = 0.0
        for beat in self.beats:
            if beat.word is HOLD and dose is not None and dose.hold_seconds:
                total += dose.hold_seconds
            else:
                total += beat.seconds
        return total


HOLD = Phrase.BEAT_HOLD


def _levelled(*doses: Dose) -> tuple[Dose, ...]:
    """A ladder: each dose knows its rung."""
    return tuple(d._replace(level=n) for n, d in enumerate(doses))


TOE_TAPS = Move(
    id=MoveId.TOE_TAPS,
    beats=(Beat(Phrase.BEAT_LIFT, 1.5), Beat(Phrase.BEAT_LOWER, 1.5)),
    ladder=_levelled(
        Dose(10, 1, Sides.EACH_LEG, supported=True),
        Dose(10, 1, Sides.EACH_LEG),
        Dose(10, 2, Sides.EACH_LEG),
        Dose(10, 3, Sides.EACH_LEG),
    ),
)

SQUATS = Move(
    id=MoveId.SQUATS,
    beats=(Beat(Phrase.BEAT_DOWN, 2.0), Beat(Phrase.BEAT_UP, 2.0)),
    ladder=_levelled(Dose(10)),  # the daily number comes from progression.squat_target
)

HEEL_RISES = Move(
    id=MoveId.HEEL_RISES,
    # The article: lower the heels as slowly as they went up.
    beats=(Beat(Phrase.BEAT_RISE, 3.0), Beat(Phrase.BEAT_LOWER_SLOWLY, 3.0)),
    ladder=_levelled(
        Dose(10, supported=True),
        Dose(15),
        Dose(10, 1, Sides.EACH_LEG, supported=True),
        Dose(10, 1, Sides.EACH_LEG),
    ),
)

GLUTE_BRIDGE = Move(
    id=MoveId.GLUTE_BRIDGE,
    beats=(Beat(Phrase.BEAT_LIFT, 2.0), Beat(HOLD, 2.0), Beat(Phrase.BEAT_LOWER, 2.0)),
    ladder=_levelled(
        Dose(10, 2, hold_seconds=2.0),
        Dose(12, 2, hold_seconds=3.0),
        Dose(15, 2, hold_seconds=3.0),
        Dose(15, 2, hold_seconds=5.0),
    ),
)

REVERSE_LUNGE = Move(
    id=MoveId.REVERSE_LUNGE,
    # Step back, bend the knees slowly to lower (the article's slow phase), push back up.
    beats=(
        Beat(Phrase.BEAT_BACK, 1.5),
        Beat(Phrase.BEAT_SLOWLY_DOWN, 2.5),
        Beat(Phrase.BEAT_AND_UP, 1.5),
    ),
    ladder=_levelled(
        Dose(10, 1, Sides.ALTERNATE, supported=True),
        Dose(10, 1, Sides.ALTERNATE),
        Dose(16, 1, Sides.ALTERNATE),
        Dose(20, 1, Sides.ALTERNATE),
    ),
)

MOVES: dict[MoveId, Move] = {
    m.id: m for m in (TOE_TAPS, SQUATS, HEEL_RISES, GLUTE_BRIDGE, REVERSE_LUNGE)
}
ROUTINE: tuple[MoveId, ...] = tuple(MoveId)  # "morning moves": all five, in article order


# Gentle variants of the same five patterns (README, Gentle moves): seated or holding the
# counter, slower beats, and short conservative ladders that every rung keeps supported. The
# article's doses are the standard moves' ceiling, so no gentle rung goes above them.
GENTLE_MOVES: dict[MoveId, Move] = {
    m.id: m
    for m in (
        Move(  # seated knee lifts
            id=MoveId.TOE_TAPS,
            beats=(Beat(Phrase.BEAT_LIFT, 2.0), Beat(Phrase.BEAT_LOWER, 2.0)),
            ladder=_levelled(
                Dose(5, 1, Sides.EACH_LEG, supported=True),
                Dose(8, 1, Sides.EACH_LEG, supported=True),
                Dose(10, 1, Sides.EACH_LEG, supported=True),
                Dose(10, 2, Sides.EACH_LEG, supported=True),
            ),
            style=Style.GENTLE,
        ),
        Move(  # sit-to-stand from a chair: its own ladder, never the age target
            id=MoveId.SQUATS,
            beats=(Beat(Phrase.BEAT_UP, 3.0), Beat(Phrase.BEAT_SIT, 3.0)),
            ladder=_levelled(
                Dose(5, supported=True),
                Dose(8, supported=True),
                Dose(10, supported=True),
                Dose(12, supported=True),
            ),
            style=Style.GENTLE,
        ),
        Move(  # heel rises holding the counter
            id=MoveId.HEEL_RISES,
            beats=(Beat(Phrase.BEAT_RISE, 3.0), Beat(Phrase.BEAT_LOWER, 3.0)),
            ladder=_levelled(
                Dose(5, supported=True),
                Dose(8, supported=True),
                Dose(10, supported=True),
                Dose(12, supported=True),
            ),
            style=Style.GENTLE,
        ),
        Move(  # standing hip extension at the counter, for the glute bridge
            id=MoveId.GLUTE_BRIDGE,
            beats=(Beat(Phrase.BEAT_BACK, 2.0), Beat(HOLD, 2.0), Beat(Phrase.BEAT_IN, 2.0)),
            ladder=_levelled(  # the hold stays the beat's 2 s: "at the top" is a bridge's words
                Dose(5, 1, Sides.EACH_LEG, supported=True),
                Dose(8, 1, Sides.EACH_LEG, supported=True),
                Dose(10, 1, Sides.EACH_LEG, supported=True),
                Dose(12, 1, Sides.EACH_LEG, supported=True),
            ),
            style=Style.GENTLE,
        ),
        Move(  # supported step-back
            id=MoveId.REVERSE_LUNGE,
            beats=(Beat(Phrase.BEAT_BACK, 2.5), Beat(Phrase.BEAT_IN, 2.5)),
            ladder=_levelled(
                Dose(6, 1, Sides.ALTERNATE, supported=True),
                Dose(8, 1, Sides.ALTERNATE, supported=True),
                Dose(10, 1, Sides.ALTERNATE, supported=True),
                Dose(12, 1, Sides.ALTERNATE, supported=True),
            ),
            style=Style.GENTLE,
        ),
    )
}
_STYLES: dict[Style, dict[MoveId, Move]] = {Style.STANDARD: MOVES, Style.GENTLE: GENTLE_MOVES}


def move(move_id: MoveId, style: Style = Style.STANDARD) -> Move:
    """The move of pattern `move_id` in `style` (the standard move unless asked)."""
    return _STYLES[style][move_id]


def all_move_names(style: Style = Style.STANDARD) -> str:
    """'toe taps, squats, ... and reverse lunges', in the active locale's words."""
    return spoken_list([m.name for m in _STYLES[style].values()])


class Moment(NamedTuple):
    """An everyday moment a move rides along with; its words are in the phrasebook."""

    id: MomentId
    move: MoveId
    reps: int = 0  # fixed reps per leg; 0 means today's dose
    fill_seconds: float = 0.0  # pace the reps to fill this long, in one reply
    hands_free: bool = False  # the whole moment is one reply; no answer needed

    @property
    def name(self) -> str:  # "while the kettle boils"
        return moment_words(self.id).name

    @property
    def intro(self) -> str:
        return self._filled(moment_words(self.id).intro)

    @property
    def outro(self) -> str:
        return self._filled(moment_words(self.id).outro)

    def _filled(self, line: str) -> str:
        """The line with its counts said as words, taken from the moment itself."""
        return line.format(
            reps=count_word(self.reps),
            both_legs=count_word(2 * self.reps),
            minutes=count_word(round(self.fill_seconds / 60)),
        )


MOMENTS: dict[MomentId, Moment] = {
    MomentId.KETTLE: Moment(MomentId.KETTLE, MoveId.TOE_TAPS, reps=10),
    MomentId.BRUSHING_TEETH: Moment(
        MomentId.BRUSHING_TEETH, MoveId.HEEL_RISES, fill_seconds=120.0, hands_free=True
    ),
    MomentId.BATH: Moment(MomentId.BATH, MoveId.SQUATS),
}
