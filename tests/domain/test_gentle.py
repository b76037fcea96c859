"""Gentle moves: the variants, choosing and remembering the style, and the suggestion to try
the standard moves (README, Gentle moves)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from skill.domain.catalogue import GENTLE_MOVES, MOVES, ROUTINE, move
from skill.domain.events import EventKind
from skill.domain.gentle import GRADUATION_DAYS, OFFER_PAUSE_DAYS, graduation_days
from skill.domain.history import (
    LOADED_DAYS,
    event_from_json,
    event_to_json,
    progress_from_json,
    progress_to_json,
    with_event,
)
from skill.domain.ids import Feedback, MomentId, MoveId, Style
from skill.domain.progress import Completion, DayTotal, Profile, ProfileUpdate, UserProgress
from skill.domain.progression import todays_dose
from skill.domain.screen import screen_for
from skill.domain.speech import Card
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Outcome
from skill.domain.words import Phrase, say
from tests.domain.talk import NOW, Talk, veteran

TODAY = NOW.date()
GENTLE = Profile(style=Style.GENTLE)


def gentle_user(top_days: int = 0, offered: date | None = None) -> UserProgress:
    """On the gentle moves for ten weeks, with `top_days` recent days at the top of every
    gentle ladder."""
    tops = {m: GENTLE_MOVES[m].ladder[-1].total_reps for m in MoveId}
    days = tuple(DayTotal(TODAY - timedelta(days=n), tops) for n in range(top_days, 0, -1))
    return UserProgress(
        GENTLE._replace(style_offered=offered), first_active=TODAY - timedelta(weeks=10), days=days
    )


class Remembering(Talk):
    """A Talk whose progress takes in the progress events, as the voice layer's session does."""

    def say(self, kind: EventKind, *, after: float | None = None, **fields: Any) -> Outcome:
        outcome = super().say(kind, after=after, **fields)
        for event in outcome.progress:
            if not isinstance(event, Completion):
                self.progress = with_event(self.progress, event)
        return outcome


def run_through(talk: Talk) -> list[str]:
    """Say next until the plan asks how it felt; every reply's text."""
    said: list[str] = []
    for _ in range(100):
        if talk.state.phase is Phase.FEEDBACK:
            return said
        said.append(talk.say(EventKind.NEXT).reply.speech.text)
    raise AssertionError("the plan never finished")


# The variants -------------------------------------------------------------------------------


def test_every_pattern_has_a_gentle_variant_with_supported_conservative_doses() -> None:
    assert set(GENTLE_MOVES) == set(MOVES)
    for move_id, gentle in GENTLE_MOVES.items():
        assert move(move_id, Style.GENTLE) is gentle
        assert gentle.style is Style.GENTLE
        assert all(dose.supported for dose in gentle.ladder)
        totals = [dose.total_reps for dose in gentle.ladder]
        assert totals == sorted(totals)
        assert gentle.default_dose.total_reps <= MOVES[move_id].default_dose.total_reps
        assert gentle.name != MOVES[move_id].name  # its own words


@pytest.mark.parametrize("age", [None, 45, 79])
def test_sit_to_stand_follows_its_own_ladder_never_the_age_target(age: int | None) -> None:
    long_ago = veteran(age=age, weeks=40)._replace(profile=GENTLE._replace(age=age))
    easy = long_ago._replace(profile=long_ago.profile._replace(dose_adjustments={MoveId.SQUATS: 2}))
    cap = GENTLE_MOVES[MoveId.SQUATS].ladder[-1]
    assert todays_dose(MoveId.SQUATS, easy, TODAY, Style.GENTLE) == cap
    assert todays_dose(MoveId.SQUATS, UserProgress(), TODAY, Style.GENTLE).reps == 5


def test_feedback_on_a_gentle_move_moves_it_one_rung() -> None:
    talk = Talk(progress=UserProgress(GENTLE))
    talk.say(EventKind.START_MOVE, move=MoveId.HEEL_RISES)
    outcome = talk.say(EventKind.FEEDBACK, feedback=Feedback.EASY)  # heel rises heard: done
    assert [type(p) for p in outcome.progress] == [Completion, ProfileUpdate]
    assert outcome.progress[-1] == ProfileUpdate(dose_adjustments={MoveId.HEEL_RISES: 1})
    eased = UserProgress(GENTLE._replace(dose_adjustments={MoveId.HEEL_RISES: 1}))
    assert (
        todays_dose(MoveId.HEEL_RISES, eased, TODAY, Style.GENTLE)
        == (GENTLE_MOVES[MoveId.HEEL_RISES].ladder[1])
    )


# Choosing the style -------------------------------------------------------------------------


def test_start_my_gentle_moves_runs_the_gentle_routine_and_remembers_it() -> None:
    talk = Remembering()
    first = talk.say(EventKind.START_ROUTINE, style=Style.GENTLE)
    assert first.progress == (ProfileUpdate(style=Style.GENTLE),)
    assert say(Phrase.GENTLE_SAFETY) in first.reply.speech.text
    assert GENTLE_MOVES[MoveId.TOE_TAPS].name in first.reply.speech.text
    said = " ".join([first.reply.speech.text, *run_through(talk)])
    talk.say(EventKind.PROGRESS)  # the last move, heard in full, counts
    for m in GENTLE_MOVES.values():
        assert m.name in said
    assert MOVES[MoveId.SQUATS].name + "." not in said
    assert [c.move for c in talk.completions] == list(ROUTINE)  # one history per pattern
    assert talk.progress.profile.style is Style.GENTLE
    assert [p for p in talk.progress_events if isinstance(p, ProfileUpdate)] == [
        ProfileUpdate(style=Style.GENTLE)
    ]


def test_the_remembered_style_runs_a_plain_start_and_a_named_move() -> None:
    talk = Talk(progress=UserProgress(GENTLE))
    routine = talk.say(EventKind.START_ROUTINE)
    assert talk.state.style is Style.GENTLE
    assert routine.progress == ()
    single = talk.say(EventKind.START_MOVE, move=MoveId.SQUATS)
    assert GENTLE_MOVES[MoveId.SQUATS].name in single.reply.speech.text
    assert say(Phrase.GENTLE_SAFETY) in single.reply.speech.text
    assert talk.state.dose == GENTLE_MOVES[MoveId.SQUATS].default_dose


def test_a_moment_keeps_the_standard_move_its_words_name() -> None:
    talk = Talk(progress=UserProgress(GENTLE))
    talk.say(EventKind.START_MOMENT, moment=MomentId.BATH)
    assert talk.state.style is Style.STANDARD


def test_make_it_gentle_at_the_menu_is_remembered_once() -> None:
    talk = Remembering()
    talk.say(EventKind.LAUNCH)
    chosen = talk.say(EventKind.CHOOSE_STYLE, style=Style.GENTLE)
    assert chosen.progress == (ProfileUpdate(style=Style.GENTLE),)
    assert talk.state.phase is Phase.IDLE
    again = talk.say(EventKind.CHOOSE_STYLE, style=Style.GENTLE)
    assert again.progress == ()
    assert say(Phrase.GENTLE_ALREADY) in again.reply.speech.text
    back = talk.say(EventKind.CHOOSE_STYLE, style=Style.STANDARD)
    assert back.progress == (ProfileUpdate(style=Style.STANDARD),)
    assert say(Phrase.STANDARD_CHOSEN) in back.reply.speech.text


def test_make_it_gentle_mid_routine_starts_the_move_again_in_the_gentle_version() -> None:
    talk = Talk()
    talk.say(EventKind.START_ROUTINE)  # toe taps counted
    talk.say(EventKind.NEXT)  # toe taps done; squats counted
    outcome = talk.say(EventKind.CHOOSE_STYLE, style=Style.GENTLE, after=10)  # during squats
    assert talk.state.phase is Phase.COUNTED
    assert (talk.state.style, talk.state.index, talk.state.sets_done) == (Style.GENTLE, 1, 0)
    assert talk.state.dose == GENTLE_MOVES[MoveId.SQUATS].default_dose
    assert GENTLE_MOVES[MoveId.SQUATS].name in outcome.reply.speech.text
    assert outcome.progress == (ProfileUpdate(style=Style.GENTLE),)
    assert talk.state.done == (MoveId.TOE_TAPS,)


def test_gentle_moves_mid_routine_restarts_the_routine_gentle() -> None:
    talk = Talk()
    talk.say(EventKind.START_ROUTINE)
    talk.say(EventKind.START_ROUTINE, style=Style.GENTLE)
    assert (talk.state.style, talk.state.index) == (Style.GENTLE, 0)


def test_the_plans_style_survives_the_session_codec() -> None:
    talk = Talk(progress=UserProgress(GENTLE))
    talk.say(EventKind.START_ROUTINE)
    assert SessionState.from_json(talk.state.to_json()) == talk.state


def test_a_gentle_user_is_welcomed_to_their_gentle_moves() -> None:
    welcome = Talk(progress=gentle_user(top_days=1)).say(EventKind.LAUNCH)
    assert say(Phrase.GENTLE_READY) in welcome.reply.speech.text


# The suggestion to try the standard moves ----------------------------------------------------


@pytest.mark.parametrize(
    ("progress", "days"),
    [
        (gentle_user(GRADUATION_DAYS), GRADUATION_DAYS),
        (gentle_user(GRADUATION_DAYS + 2), GRADUATION_DAYS + 2),
        (gentle_user(GRADUATION_DAYS - 1), 0),
        (gentle_user(GRADUATION_DAYS)._replace(profile=Profile()), 0),  # on the standard moves
        (gentle_user(GRADUATION_DAYS, offered=TODAY - timedelta(days=OFFER_PAUSE_DAYS - 1)), 0),
        (
            gentle_user(GRADUATION_DAYS, offered=TODAY - timedelta(days=OFFER_PAUSE_DAYS)),
            GRADUATION_DAYS,
        ),
    ],
    ids=["due", "more", "too_few", "standard", "asked_lately", "asked_long_ago"],
)
def test_when_the_standard_moves_are_suggested(progress: UserProgress, days: int) -> None:
    assert GRADUATION_DAYS <= LOADED_DAYS  # the days it counts are the ones a session loads
    assert graduation_days(progress, TODAY) == days


def test_a_day_below_the_top_of_one_ladder_does_not_count() -> None:
    progress = gentle_user(GRADUATION_DAYS)
    short = progress.days[0].reps | {MoveId.REVERSE_LUNGE: 1}
    progress = progress._replace(
        days=(DayTotal(progress.days[0].local_date, short), *progress.days[1:])
    )
    assert graduation_days(progress, TODAY) == 0


def test_yes_switches_to_the_standard_moves_and_starts_them() -> None:
    talk = Remembering(progress=gentle_user(GRADUATION_DAYS))
    offer = talk.say(EventKind.LAUNCH)
    assert talk.state.phase is Phase.OFFER_STANDARD
    assert offer.progress == (ProfileUpdate(style_offered=TODAY),)
    assert say(Phrase.GRADUATE_OFFER, days=GRADUATION_DAYS) in offer.reply.speech.text
    yes = talk.say(EventKind.YES)
    assert yes.progress == (ProfileUpdate(style=Style.STANDARD),)
    assert (talk.state.phase, talk.state.style) == (Phase.COUNTED, Style.STANDARD)
    assert MOVES[MoveId.TOE_TAPS].name in yes.reply.speech.text
    assert talk.progress.profile.style is Style.STANDARD


def test_no_keeps_gentle_and_is_not_asked_again_for_a_while() -> None:
    talk = Remembering(progress=gentle_user(GRADUATION_DAYS))
    talk.say(EventKind.LAUNCH)
    no = talk.say(EventKind.NO)
    assert no.progress == ()
    assert talk.state.phase is Phase.IDLE
    assert say(Phrase.GRADUATE_NO) in no.reply.speech.text
    talk.say(EventKind.YES)  # "shall we start?"
    assert talk.state.style is Style.GENTLE
    tomorrow = Talk(progress=talk.progress, now=NOW + timedelta(days=1))
    tomorrow.say(EventKind.LAUNCH)
    assert tomorrow.state.phase is Phase.IDLE


def test_anything_else_at_the_suggestion_answers_the_menu() -> None:
    talk = Talk(progress=gentle_user(GRADUATION_DAYS))
    talk.say(EventKind.LAUNCH)
    talk.say(EventKind.START_ROUTINE)
    assert (talk.state.phase, talk.state.style) == (Phase.COUNTED, Style.GENTLE)
    repeat = Talk(progress=gentle_user(GRADUATION_DAYS))
    repeat.say(EventKind.LAUNCH)
    again = repeat.say(EventKind.REPEAT)
    assert repeat.state.phase is Phase.OFFER_STANDARD
    assert say(Phrase.GRADUATE_OFFER_REPROMPT) in again.reply.speech.text


def test_the_screen_names_the_gentle_version_being_coached() -> None:
    talk = Talk(progress=UserProgress(GENTLE))
    outcome = talk.say(EventKind.START_ROUTINE)
    screen = screen_for(talk.state, outcome.reply)
    assert screen.title == GENTLE_MOVES[MoveId.TOE_TAPS].title
    assert screen.cue == GENTLE_MOVES[MoveId.TOE_TAPS].quick_cue


def test_the_card_after_a_gentle_routine_shows_the_gentle_moves_and_doses() -> None:
    talk = Talk(progress=UserProgress(GENTLE))
    talk.say(EventKind.START_ROUTINE)
    run_through(talk)
    card = talk.outcomes[-1].reply.card
    assert isinstance(card, Card)
    sit_to_stand = GENTLE_MOVES[MoveId.SQUATS]
    item = say(Phrase.CARD_ITEM, title=sit_to_stand.title, reps=sit_to_stand.default_dose.reps)
    assert item in card.text
    assert MOVES[MoveId.SQUATS].title not in card.text


def test_again_after_a_gentle_routine_runs_it_gentle_again() -> None:
    talk = Talk()
    talk.say(EventKind.START_ROUTINE, style=Style.GENTLE)  # not yet in this turn's profile
    run_through(talk)
    talk.say(EventKind.AGAIN)
    assert (talk.state.phase, talk.state.style) == (Phase.COUNTED, Style.GENTLE)


def test_the_style_survives_the_session_copy_of_progress_and_pending_events() -> None:
    progress = gentle_user(2, offered=TODAY)
    assert progress_from_json(progress_to_json(progress), TODAY) == progress
    for update in (ProfileUpdate(style=Style.GENTLE), ProfileUpdate(style_offered=TODAY)):
        assert event_from_json(event_to_json(update)) == update
    assert event_from_json({"p": 1, "s": "sideways"}) is None


def test_a_gentle_plan_names_its_own_moves_in_prompts_and_feedback() -> None:
    """The running plan's style reaches every name said, not only the intro: the reprompt
    while a move plays, and what feedback says it changed."""
    talk = Talk(progress=UserProgress(GENTLE))
    counting = talk.say(EventKind.START_ROUTINE)
    assert counting.reply.reprompt is not None
    assert "sit-to-stands" in counting.reply.reprompt.text
    assert "squats" not in counting.reply.reprompt.text
    feedback = talk.say(EventKind.FEEDBACK, feedback=Feedback.EASY)  # knee lifts heard: done
    assert "seated knee lifts get a little harder" in feedback.reply.speech.text


def test_feedback_said_during_a_count_asks_which_and_keeps_the_set_cut_short() -> None:
    talk = Talk()
    talk.say(EventKind.LAUNCH)
    talk.say(EventKind.YES)
    asked = talk.say(EventKind.FEEDBACK, feedback=Feedback.HARD, after=1.0)
    assert asked.reply.speech.text.startswith("Which move felt too hard")
    assert talk.state.phase is Phase.CUT_SHORT  # so "next" still asks "did you finish?"
