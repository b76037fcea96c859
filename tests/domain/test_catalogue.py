"""The catalogue holds the article's five moves, in order, with complete content."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from skill.domain.catalogue import MOMENTS, MOVES, ROUTINE, Dose, Sides, move
from skill.domain.ids import MomentId, MoveId, Style
from skill.domain.words import spoken_list


def test_routine_is_the_five_moves_in_article_order() -> None:
    assert [move(m).name for m in ROUTINE] == [
        "toe taps",
        "squats",
        "heel rises",
        "glute bridges",
        "reverse lunges",
    ]
    assert set(MOVES) == set(MoveId)


@pytest.mark.parametrize(
    ("move_id", "reps", "sets", "sides", "seconds_per_rep"),
    [
        (MoveId.TOE_TAPS, 10, 1, Sides.EACH_LEG, 3.0),
        (MoveId.SQUATS, 10, 1, Sides.BOTH, 4.0),
        (MoveId.HEEL_RISES, 10, 1, Sides.BOTH, 6.0),
        (MoveId.GLUTE_BRIDGE, 10, 2, Sides.BOTH, 6.0),
        (MoveId.REVERSE_LUNGE, 10, 1, Sides.ALTERNATE, 5.5),
    ],
)
def test_default_dose_and_pacing(
    move_id: MoveId, reps: int, sets: int, sides: Sides, seconds_per_rep: float
) -> None:
    m = move(move_id)
    assert (m.default_dose.reps, m.default_dose.sets, m.default_dose.sides) == (reps, sets, sides)
    assert m.seconds_per_rep(m.default_dose) == seconds_per_rep


@pytest.mark.parametrize("move_id", list(MoveId))
def test_every_move_has_complete_spoken_content(move_id: MoveId) -> None:
    m = move(move_id)
    levels = m.words.levels
    level_lines = [x for lv in levels for x in (lv.news, lv.form, lv.support, lv.set_cue) if x]
    for text in (m.name, m.summary, m.quick_cue, m.why, m.progression, *m.cues, *level_lines):
        assert text.strip() == text
        assert text
        assert "<" not in text
        assert ">" not in text
    assert len(m.cues) >= 3
    assert len(m.summary.split()) <= 20  # one breath
    assert all(b.seconds > 0 and b.word for b in m.beats)
    assert m.ladder
    assert all(d.reps > 0 and d.sets > 0 for d in m.ladder)


@pytest.mark.parametrize("style", list(Style))
@pytest.mark.parametrize("move_id", list(MoveId))
def test_every_level_is_explained(move_id: MoveId, style: Style) -> None:
    """One LevelWords per rung: each step up has its news and its own form cue, a supported
    rung says how to hold on, and a one-leg-at-a-time rung says which side goes first."""
    m = move(move_id, style)
    levels = m.words.levels
    assert len(levels) == len(m.ladder)
    assert [d.level for d in m.ladder] == list(range(len(m.ladder)))
    assert not levels[0].news  # nothing has stepped up at the first rung
    for words in levels[1:]:
        assert words.news.startswith("From today,")
        assert words.form
        assert words.form not in (lv.form for lv in levels if lv is not words)
    for dose, words in zip(m.ladder, levels, strict=True):
        assert m.level_words(dose) is words
        if dose.supported:
            assert words.support
        if dose.sides is not Sides.BOTH:
            assert "right" in words.set_cue.lower()
    if any(d.sides is Sides.EACH_LEG for d in m.ladder):
        assert "left" in m.words.switch.lower()


def test_single_leg_heel_rises_name_the_foot_and_keep_the_counter() -> None:
    m = move(MoveId.HEEL_RISES)
    one_foot = [d for d in m.ladder if d.sides is Sides.EACH_LEG]
    assert one_foot
    for dose in one_foot:
        cue = m.level_words(dose).set_cue
        assert cue.startswith("Right foot first")
        assert "counter" in cue  # a balance risk, worst while brushing teeth
    assert m.words.switch.startswith("Now your left")


@pytest.mark.parametrize(
    ("move_id", "check"),
    [
        # the article's progressions, as ladder facts
        (MoveId.TOE_TAPS, lambda ladder: ladder[0].supported and not ladder[-1].supported),
        (MoveId.TOE_TAPS, lambda ladder: ladder[-1].sets > ladder[0].sets),
        (MoveId.HEEL_RISES, lambda ladder: ladder[0].sides is Sides.BOTH),
        (MoveId.HEEL_RISES, lambda ladder: ladder[-1].sides is Sides.EACH_LEG),
        (MoveId.GLUTE_BRIDGE, lambda ladder: ladder[-1].hold_seconds > ladder[0].hold_seconds),
        (MoveId.GLUTE_BRIDGE, lambda ladder: ladder[-1].reps > ladder[0].reps),
        (MoveId.REVERSE_LUNGE, lambda ladder: ladder[0].supported and not ladder[-1].supported),
    ],
)
def test_progression_ladders_follow_the_article(
    move_id: MoveId, check: Callable[[tuple[Dose, ...]], bool]
) -> None:
    assert check(move(move_id).ladder)


def test_moments() -> None:
    assert MOMENTS[MomentId.KETTLE].move is MoveId.TOE_TAPS
    assert MOMENTS[MomentId.KETTLE].reps * 2 == 20  # twenty taps, ten a leg
    assert MOMENTS[MomentId.BRUSHING_TEETH].move is MoveId.HEEL_RISES
    assert MOMENTS[MomentId.BRUSHING_TEETH].hands_free
    assert MOMENTS[MomentId.BATH].move is MoveId.SQUATS


@pytest.mark.parametrize(
    ("dose", "sets", "total"),
    [
        (Dose(10, 1, Sides.EACH_LEG), [10], 20),
        (Dose(18, 2, last_set_reps=17), [18, 17], 35),
        (Dose(10, 2), [10, 10], 20),
    ],
)
def test_dose_totals(dose: Dose, sets: list[int], total: int) -> None:
    assert [dose.reps_in_set(n) for n in range(1, dose.sets + 1)] == sets
    assert dose.total_reps == total


@pytest.mark.parametrize(
    ("names", "spoken"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_spoken_list(names: list[str], spoken: str) -> None:
    assert spoken_list(names) == spoken
