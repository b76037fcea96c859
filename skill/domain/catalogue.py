"""The exercise catalogue: THE source of every move's content (names, cues, pacing, doses).

Facts come from the source article (see GUIDE.md §1); every sentence is written in our own
words. Everything else (progression, counting, the session) reads from here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from skill.domain.ids import MomentId, MoveId
from skill.domain.words import spoken_list


class Sides(StrEnum):
    """How a move uses the legs."""

    BOTH = "both"  # both feet work together
    EACH_LEG = "each_leg"  # all reps on one leg, then all on the other
    ALTERNATE = "alternate"  # legs take turns, one rep each


class Beat(NamedTuple):
    """One phase of a rep: the word the coach says as it starts, and how long it lasts."""

    word: str
    seconds: float


class Dose(NamedTuple):
    """How much of a move to do: `reps` per set (per leg for EACH_LEG), `sets` sets.

    `last_set_reps` lets a total that does not split evenly end with a shorter set (0 means
    the last set is like the others). `hold_seconds` replaces the length of a "hold" beat.
    """

    reps: int
    sets: int = 1
    sides: Sides = Sides.BOTH
    supported: bool = False
    hold_seconds: float = 0.0
    last_set_reps: int = 0

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
    """One exercise, with everything the coach says about it."""

    id: MoveId
    name: str  # spoken, plural as in "ten squats"
    title: str  # for cards
    summary: str  # one breath
    cues: tuple[str, ...]  # step by step form
    quick_cue: str  # the one thing to remember, said before each set
    why: str  # why it helps runners
    support: str  # how to make it steadier
    progression: str  # how it grows
    beats: tuple[Beat, ...]  # one rep, at tempo 1.0
    ladder: tuple[Dose, ...] = ()  # doses from first-week to advanced

    @property
    def default_dose(self) -> Dose:
        return self.ladder[0]

    def seconds_per_rep(self, dose: Dose | None = None) -> float:
        """Length of one rep at tempo 1.0; a dose may lengthen the hold."""
        total = 0.0
        for beat in self.beats:
            if beat.word == HOLD and dose is not None and dose.hold_seconds:
                total += dose.hold_seconds
            else:
                total += beat.seconds
        return total


HOLD = "hold"

TOE_TAPS = Move(
    id=MoveId.TOE_TAPS,
    name="toe taps",
    title="Toe taps",
    summary="Balancing on one leg, you lift the other knee high and tap that toe back down.",
    cues=(
        "Stand tall with your feet together and your hands on your hips.",
        "Rest the toes of one foot lightly on the floor.",
        "Drive that knee up until your opposite hand can touch the inside of it.",
        "Point your toes at the ceiling, so hip, knee and ankle each make a right angle.",
        "Lower until your toe just brushes the floor, then lift the same leg again.",
    ),
    quick_cue="Knee up to meet the opposite hand, toes pointing at the ceiling.",
    why=(
        "Running is a long chain of hops from one leg to the other, so balance and strength "
        "on a single leg pay off in every stride. Toe taps also wake up your hip flexors, "
        "which makes them a good warm-up before a run."
    ),
    support="Hold a kitchen counter or the back of a chair if you need to.",
    progression="Add sets of ten, and work towards balancing without holding on.",
    beats=(Beat("lift", 1.5), Beat("lower", 1.5)),
    ladder=(
        Dose(10, 1, Sides.EACH_LEG, supported=True),
        Dose(10, 1, Sides.EACH_LEG),
        Dose(10, 2, Sides.EACH_LEG),
        Dose(10, 3, Sides.EACH_LEG),
    ),
)

SQUATS = Move(
    id=MoveId.SQUATS,
    name="squats",
    title="Squats",
    summary="Sit your hips back as if onto a chair, then stand tall again.",
    cues=(
        "Stand with your feet a little wider than your hips, toes turned out a touch.",
        "Brace your tummy, lift your chest and keep your back flat.",
        "Bring your palms together in front of your chest.",
        "Push your hips back and bend your knees, as if sitting down onto a chair.",
        "Keep your weight in your heels, so you could wiggle your toes at the bottom.",
    ),
    quick_cue="Chest up, hips back, weight in your heels.",
    why=(
        "A squat teaches the hip hinge that powers every stride, and it works nearly every "
        "big muscle you run with. It is also the move you need to sit down and stand up "
        "for the rest of your life."
    ),
    support="Squat towards a real chair behind you if you would like a target.",
    progression=(
        "Start with ten a day, then add a few more each week until you reach the age of "
        "your next big birthday."
    ),
    beats=(Beat("down", 2.0), Beat("up", 2.0)),
    ladder=(Dose(10),),  # the daily number comes from progression.squat_target
)

HEEL_RISES = Move(
    id=MoveId.HEEL_RISES,
    name="heel rises",
    title="Heel rises",
    summary="Rise slowly up onto your tiptoes, then lower just as slowly.",
    cues=(
        "Stand with your feet hip-width apart on a flat floor, hands on your waist or "
        "resting lightly on something steady.",
        "Picture a balloon tied to the top of your head, drawing you up through your spine.",
        "Let it lift your heels until you are high on your tiptoes.",
        "Lower your heels as slowly as you rose: smooth and steady, no wobbles.",
    ),
    quick_cue="Grow tall, rise smoothly, and lower just as slowly.",
    why=(
        "Every running step rolls your foot through to a push off the toes. Stronger calves "
        "and steadier ankles put more power into that push."
    ),
    support="Rest your fingertips on a counter or a wall.",
    progression="When two feet feel rock steady, lift one foot and rise on the other.",
    beats=(Beat("rise", 3.0), Beat("lower", 3.0)),
    ladder=(
        Dose(10, supported=True),
        Dose(15),
        Dose(10, 1, Sides.EACH_LEG, supported=True),
        Dose(10, 1, Sides.EACH_LEG),
    ),
)

GLUTE_BRIDGE = Move(
    id=MoveId.GLUTE_BRIDGE,
    name="glute bridges",
    title="Glute bridge",
    summary="Lying on your back, lift your hips into a straight line, hold, and lower.",
    cues=(
        "Lie on your back, knees bent, feet flat and about a hand-span apart, arms by your sides.",
        "Squeeze your bottom and your tummy.",
        "Press through your heels and raise your hips until shoulders, hips and knees make "
        "one straight line.",
        "Hold it there, then lower slowly back down.",
    ),
    quick_cue="Squeeze, press through your heels, and make a straight line.",
    why=(
        "It wakes up your glutes, which often doze even in runners, frees up the hips and "
        "teaches your core to keep your spine in line."
    ),
    support="Keep your arms flat on the floor beside you for stability.",
    progression="To build up, add reps or hold a little longer at the top.",
    beats=(Beat("lift", 2.0), Beat(HOLD, 2.0), Beat("lower", 2.0)),
    ladder=(
        Dose(10, 2, hold_seconds=2.0),
        Dose(12, 2, hold_seconds=3.0),
        Dose(15, 2, hold_seconds=3.0),
        Dose(15, 2, hold_seconds=5.0),
    ),
)

REVERSE_LUNGE = Move(
    id=MoveId.REVERSE_LUNGE,
    name="reverse lunges",
    title="Reverse lunge",
    summary="Step one foot back, sink that knee towards the floor, then push back up.",
    cues=(
        "Stand with your feet together, hands on your hips or on something steady.",
        "Step one foot back about two feet, landing on the ball of the foot, heel up.",
        "Brace your bottom and core, and bend both knees to lower the back knee towards the floor.",
        "Keep your front knee stacked over your front foot.",
        "Push through your front heel to bring the back foot home.",
    ),
    quick_cue="Step back onto the ball of the foot, front knee over front foot.",
    why=(
        "Changing your base of support on every rep trains balance, core and single-leg "
        "strength together, and stepping backwards is kinder to the knees."
    ),
    support="Hold a counter or the back of a chair while you learn it.",
    progression="When you feel steady, let go of the support.",
    beats=(Beat("back", 2.0), Beat("and up", 2.0)),
    ladder=(
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


def move(move_id: MoveId) -> Move:
    return MOVES[move_id]


def all_move_names() -> str:
    """'toe taps, squats, ... and reverse lunges', in the active locale's words."""
    return spoken_list([m.name for m in MOVES.values()])


class Moment(NamedTuple):
    """An everyday moment a move rides along with."""

    id: MomentId
    move: MoveId
    name: str  # "while the kettle boils"
    intro: str
    outro: str
    reps: int = 0  # fixed reps per leg; 0 means today's dose
    fill_seconds: float = 0.0  # pace the reps to fill this long, in one reply
    hands_free: bool = False  # the whole moment is one reply; no answer needed


MOMENTS: dict[MomentId, Moment] = {
    MomentId.KETTLE: Moment(
        MomentId.KETTLE,
        MoveId.TOE_TAPS,
        "while the kettle boils",
        intro="Kettle on? Let's fit in twenty toe taps, ten on each leg.",
        outro="Enjoy your cuppa.",
        reps=10,
    ),
    MomentId.BRUSHING_TEETH: Moment(
        MomentId.BRUSHING_TEETH,
        MoveId.HEEL_RISES,
        "while you brush your teeth",
        intro=(
            "Heel rises while you brush. Your mouth is busy, so no need to answer: "
            "just listen and rise with me for about two minutes."
        ),
        outro="That's two minutes. Rinse, and have a lovely day.",
        fill_seconds=120.0,
        hands_free=True,
    ),
    MomentId.BATH: Moment(
        MomentId.BATH,
        MoveId.SQUATS,
        "while the bath runs",
        intro="While the bath fills, let's do today's squats.",
        outro="Enjoy your bath.",
    ),
}
