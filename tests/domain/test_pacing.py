"""Honest pacing: every counted set lasts what its plan says (reps x seconds per rep x tempo),
read back from the SSML Alexa is sent and, where espeak-ng is installed, from a synthesis of it;
one halfway word per set; the article's slow phases; brushing teeth's two minutes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.domain.bounds import MAX_REPS_PER_SET, TEMPO_BOUNDS
from skill.domain.catalogue import GENTLE_MOVES, MOMENTS, MOVES, Dose, Move, Sides, move
from skill.domain.counting import HALFWAY, HALFWAY_FROM, counted_set, set_seconds
from skill.domain.events import EventKind as K
from skill.domain.ids import MomentId, MoveId
from skill.domain.progression import split_into_sets
from skill.domain.speech import (
    CLAUSE_PAUSE_SECONDS,
    WORDS_PER_SECOND,
    Say,
    Speech,
    speaking_seconds,
)
from skill.domain.ssml import render
from skill.domain.words import Phrase, phrasebook, say
from tests.domain.talk import Talk, veteran
from tests.domain.timing import ESPEAK, espeak_seconds, ssml_seconds

TEMPOS = (0.75, 1.0, 1.25, 1.5)  # every step of TEMPO_BOUNDS by TEMPO_STEP
TOLERANCE = 0.10
needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")


EVERY_MOVE = (*MOVES.values(), *GENTLE_MOVES.values())


def _doses(m: Move) -> list[Dose]:
    """Every rung of the move's ladder; for squats, every day from 5 to 110."""
    if m is MOVES[MoveId.SQUATS]:
        return [split_into_sets(total, m.default_dose) for total in range(5, 111, 5)]
    return list(m.ladder)


CASES = [
    pytest.param(
        m,
        dose,
        set_no,
        tempo,
        id=f"{m.style}-{m.id}-{dose.level}-{dose.total_reps}-{set_no}-{tempo}",
    )
    for m in EVERY_MOVE
    for dose in _doses(m)
    for set_no in sorted({1, dose.sets})  # a last set may be shorter
    for tempo in TEMPOS
]


@pytest.mark.parametrize(("m", "dose", "set_no", "tempo"), CASES)
def test_counted_part_in_the_ssml_is_within_ten_percent_of_its_plan(
    m: Move, dose: Dose, set_no: int, tempo: float
) -> None:
    ssml = render(counted_set(m, dose, set_no, tempo))
    planned = set_seconds(m, dose, set_no, tempo)
    assert ssml_seconds(ssml) == pytest.approx(planned, rel=TOLERANCE)


@needs_espeak
@pytest.mark.parametrize("tempo", [0.75, 1.0, 1.5])
@pytest.mark.parametrize("m", EVERY_MOVE, ids=lambda m: f"{m.style}-{m.id}")
def test_counted_part_said_by_espeak_is_within_ten_percent(m: Move, tempo: float) -> None:
    """Every rung, synthesised to a WAV (all of them take espeak-ng a few seconds)."""
    for dose in m.ladder:
        said = espeak_seconds(render(counted_set(m, dose, 1, tempo)))
        planned = set_seconds(m, dose, 1, tempo)
        assert said == pytest.approx(planned, rel=TOLERANCE), (dose, tempo, said)


@pytest.mark.parametrize(("m", "dose", "set_no", "tempo"), [c for c in CASES if c.values[3] == 1.0])
def test_halfway_is_said_once_per_set_at_the_middle_of_all_its_reps(
    m: Move, dose: Dose, set_no: int, tempo: float
) -> None:
    said = [s.text for s in counted_set(m, dose, set_no, tempo).segments if isinstance(s, Say)]
    halfway = say(HALFWAY[(set_no - 1) % len(HALFWAY)])
    reps = dose.reps_in_set(set_no)
    total = reps * (2 if dose.sides is Sides.EACH_LEG else 1)
    if total < HALFWAY_FROM:
        assert halfway not in said
        return
    assert said.count(halfway) == 1
    counted_before = sum(1 for text in said[: said.index(halfway)] if text[0].isdigit())
    assert counted_before == total // 2
    if dose.sides is Sides.EACH_LEG:  # the middle of a one-leg-at-a-time set is the switch
        assert said[said.index(halfway) + 1] == m.words.switch


def _gap_after(speech: Speech, word: str) -> float:
    """Seconds from the first time `word` is said to the next words."""
    segs = speech.segments
    start = next(i for i, s in enumerate(segs) if isinstance(s, Say) and s.text.endswith(word))
    following = next(i for i in range(start + 1, len(segs)) if isinstance(segs[i], Say))
    return Speech(segs[start:following]).planned_seconds()


@pytest.mark.parametrize("tempo", TEMPOS)
def test_lunges_lower_slowly_and_heel_rises_lower_as_slowly_as_they_rose(tempo: float) -> None:
    lunge = move(MoveId.REVERSE_LUNGE)
    back, lower, up = (b.seconds for b in lunge.beats)
    assert lower > back
    assert lower > up
    lunges = counted_set(lunge, lunge.default_dose, 1, tempo)
    assert _gap_after(lunges, say(Phrase.BEAT_SLOWLY_DOWN)) == pytest.approx(lower * tempo, rel=0.1)
    heel = move(MoveId.HEEL_RISES)
    rise, lowering = (b.seconds for b in heel.beats)
    assert lowering == rise
    rises = counted_set(heel, heel.default_dose, 1, tempo)
    assert _gap_after(rises, say(Phrase.BEAT_LOWER_SLOWLY)) == pytest.approx(
        lowering * tempo, rel=0.1
    )


def _brushing(weeks: int, tempo: float) -> Speech:
    talk = Talk(progress=veteran(weeks=weeks, tempo=tempo))
    talk.say(K.START_MOMENT, moment=MomentId.BRUSHING_TEETH)
    return talk.outcomes[-1].reply.speech


def _from_first_rep(speech: Speech) -> Speech:
    """The reply from its first counted rep up to the moment's outro."""
    segs = speech.segments
    first = next(i for i, s in enumerate(segs) if isinstance(s, Say) and s.text.startswith("1, "))
    outro = MOMENTS[MomentId.BRUSHING_TEETH].outro
    last = next(i for i, s in enumerate(segs) if isinstance(s, Say) and outro in s.text)
    return Speech(segs[first:last])


BRUSHING = [(weeks, tempo) for weeks in (1, 3, 5, 7) for tempo in TEMPOS]  # every heel rise rung


@pytest.mark.parametrize(("weeks", "tempo"), BRUSHING)
def test_brushing_teeth_says_two_minutes_when_two_minutes_have_passed(
    weeks: int, tempo: float
) -> None:
    minutes = MOMENTS[MomentId.BRUSHING_TEETH].fill_seconds
    counted = _from_first_rep(_brushing(weeks, tempo))
    assert ssml_seconds(render(counted)) == pytest.approx(minutes, rel=TOLERANCE)


@needs_espeak
@pytest.mark.parametrize(("weeks", "tempo"), [(1, 1.0), (5, 1.0), (5, 0.75), (7, 1.5)])
def test_brushing_teeth_two_minutes_said_by_espeak(weeks: int, tempo: float) -> None:
    minutes = MOMENTS[MomentId.BRUSHING_TEETH].fill_seconds
    counted = _from_first_rep(_brushing(weeks, tempo))
    assert espeak_seconds(render(counted)) == pytest.approx(minutes, rel=TOLERANCE)


@needs_espeak
def test_the_speaking_estimate_is_calibrated_to_espeak() -> None:
    """WORDS_PER_SECOND and CLAUSE_PAUSE_SECONDS: every phrasebook line without fields and every
    move's words, said between breaks as a count says them, in one synthesis."""
    book = phrasebook("en-US")
    lines = [line for line in book.lines.values() if "{" not in line and line.strip()]
    for words in book.moves.values():
        lines += [words.summary, words.quick_cue, words.why, *words.cues]
    speech = Speech.of(*(part for line in lines for part in (line, 2.0)))
    ssml = render(speech)
    assert espeak_seconds(ssml) == pytest.approx(ssml_seconds(ssml), rel=0.05)


@pytest.mark.parametrize(
    ("text", "words", "pauses"),
    [
        ("up", 1, 0),
        ("go.", 1, 0),  # a break after the last word replaces its pause
        ("1, down", 2, 1),
        ("13, left leg back", 4, 1),
        ("Set 1 of 2. Chest up, hips back.", 8, 2),
        ("", 0, 0),
    ],
)
def test_the_speaking_estimate_counts_words_and_pauses_inside_a_line(
    text: str, words: int, pauses: int
) -> None:
    assert speaking_seconds(text) == pytest.approx(
        words / WORDS_PER_SECOND + pauses * CLAUSE_PAUSE_SECONDS
    )


@settings(max_examples=300, deadline=None)
@given(
    m=st.sampled_from(EVERY_MOVE),
    rung=st.integers(0, 3),
    reps=st.integers(5, MAX_REPS_PER_SET),  # the smallest dose of any ladder is 5
    hold=st.sampled_from([0.0, 2.0, 3.0, 5.0, 10.0]),
    tempo=st.floats(*TEMPO_BOUNDS),
)
def test_any_dose_at_any_tempo_is_counted_within_ten_percent(
    m: Move, rung: int, reps: int, hold: float, tempo: float
) -> None:
    base = m.ladder[min(rung, len(m.ladder) - 1)]
    dose = base._replace(reps=reps, sets=1, last_set_reps=0, hold_seconds=hold)
    ssml = render(counted_set(m, dose, 1, tempo))
    assert ssml_seconds(ssml) == pytest.approx(set_seconds(m, dose, 1, tempo), rel=TOLERANCE)
