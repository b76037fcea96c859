"""Hands-free counting: what a counted set says, and that it fits one reply."""

from __future__ import annotations

import pytest

from skill.domain.bounds import TEMPO_BOUNDS
from skill.domain.catalogue import MOVES, Dose, Move, Sides
from skill.domain.counting import counted_set, set_speech
from skill.domain.ids import MoveId
from skill.domain.progression import TEMPO_STEP, split_into_sets
from skill.domain.speech import Pause, Say
from tests.domain.talk import MAX_REPLY_SECONDS, check_ssml

TEMPOS = [
    TEMPO_BOUNDS[0] + TEMPO_STEP * n
    for n in range(int((TEMPO_BOUNDS[1] - TEMPO_BOUNDS[0]) / TEMPO_STEP) + 1)
]


def _doses() -> list[tuple[Move, Dose]]:
    """Every rung of every ladder, and squat days from 5 to 110."""
    out = [(m, d) for m in MOVES.values() for d in m.ladder]
    squats = MOVES[MoveId.SQUATS]
    out += [(squats, split_into_sets(t, squats.default_dose)) for t in range(5, 111, 5)]
    return out


def _cases(move_id: MoveId) -> list[tuple[Move, Dose, int, float]]:
    return [
        (m, d, s, t)
        for m, d in _doses()
        if m.id is move_id
        for s in range(1, d.sets + 1)
        for t in TEMPOS
    ]


# Pacing to within 10% of the plan, read back from the SSML: tests/domain/test_pacing.py.


@pytest.mark.parametrize("move_id", list(MoveId))
def test_whole_set_reply_fits_the_limits(move_id: MoveId) -> None:
    for move, dose, set_no, tempo in _cases(move_id):
        speech = set_speech(move, dose, set_no, tempo, "Lovely.")
        check_ssml(speech)
        assert speech.planned_seconds() <= MAX_REPLY_SECONDS, (dose, set_no, tempo)


def _said(move: Move, dose: Dose) -> list[str]:
    return [s.text for s in counted_set(move, dose, 1, 1.0).segments if isinstance(s, Say)]


def test_each_rep_is_counted_with_its_beats() -> None:
    squats = MOVES[MoveId.SQUATS]
    said = _said(squats, Dose(4))
    assert said == ["1, down", "up", "2, down", "up", "3, down", "up", "4, down", "up"]


def test_halfway_encouragement_comes_once_at_the_middle() -> None:
    said = _said(MOVES[MoveId.SQUATS], Dose(10))
    halfway = [i for i, text in enumerate(said) if text.startswith("Half")]
    assert len(halfway) == 1
    assert said[halfway[0] - 2] == "5, down"


def test_one_leg_moves_count_each_leg_and_say_when_to_switch() -> None:
    said = _said(MOVES[MoveId.TOE_TAPS], Dose(3, sides=Sides.EACH_LEG))
    numbers = [t.split(",")[0] for t in said if t[0].isdigit()]
    assert numbers == ["1", "2", "3", "1", "2", "3"]
    assert MOVES[MoveId.TOE_TAPS].words.switch in said


def test_alternating_moves_name_the_leg() -> None:
    said = _said(MOVES[MoveId.REVERSE_LUNGE], Dose(4, sides=Sides.ALTERNATE))
    assert [t for t in said if t[0].isdigit()] == [
        "1, right leg back",
        "2, left leg back",
        "3, right leg back",
        "4, left leg back",
    ]


def test_bridge_hold_follows_the_dose() -> None:
    bridge = MOVES[MoveId.GLUTE_BRIDGE]
    short = counted_set(bridge, Dose(5, hold_seconds=2), 1, 1.0).planned_seconds()
    long = counted_set(bridge, Dose(5, hold_seconds=5), 1, 1.0).planned_seconds()
    assert long - short == pytest.approx(5 * 3, rel=0.05)


@pytest.mark.parametrize("slower", [1.25, 1.5])
def test_slower_tempo_stretches_the_pauses(slower: float) -> None:
    squats = MOVES[MoveId.SQUATS]

    def silence(tempo: float) -> float:
        segs = counted_set(squats, Dose(10), 1, tempo).segments
        return sum(s.seconds for s in segs if isinstance(s, Pause))

    assert silence(slower) > silence(1.0)
    assert counted_set(squats, Dose(10), 1, slower).planned_seconds() == pytest.approx(
        40 * slower, rel=0.05
    )


def test_set_reply_has_a_cue_a_countdown_and_a_clear_end() -> None:
    text = set_speech(MOVES[MoveId.SQUATS], Dose(10, 2), 1, 1.0).text
    assert text.startswith("Set 1 of 2. Chest up")
    assert "Ready? 3, 2, 1, go." in text
    assert text.endswith("And that's 10.")
