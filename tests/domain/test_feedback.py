"""Feedback that means what it says (skill.domain.feedback): about the move just done, named,
one step per move per session, and the top of the plan said only when it is the top."""

from __future__ import annotations

from datetime import timedelta

from skill.domain.events import EventKind
from skill.domain.ids import Feedback, MoveId
from skill.domain.progress import Profile, ProfileUpdate, UserProgress
from skill.domain.state import Phase, SessionState
from tests.domain.talk import NOW, Talk

K = EventKind
EASY, HARD = Feedback.EASY, Feedback.HARD


def routine_after_toe_taps(progress: UserProgress | None = None) -> Talk:
    """The routine with toe taps done and squats introduced (no squat set yet)."""
    talk = Talk(progress=progress or UserProgress())
    talk.say(K.LAUNCH)
    talk.say(K.YES)  # toe taps counted out in one reply
    talk.say(K.NO)  # heard in full: toe taps done, at squats
    assert talk.state.phase is Phase.READY
    assert talk.state.done == (MoveId.TOE_TAPS,)
    return talk


def updates(talk: Talk) -> list[ProfileUpdate]:
    return [e for e in talk.progress_events if isinstance(e, ProfileUpdate)]


def test_too_easy_between_moves_is_about_the_move_just_done_and_names_it() -> None:
    talk = routine_after_toe_taps()
    said = talk.say(K.FEEDBACK, feedback=EASY)
    assert said.reply.speech.text.startswith("Got it: toe taps get a little harder next time.")
    assert said.progress == (ProfileUpdate(dose_adjustments={MoveId.TOE_TAPS: 1}),)
    assert said.state.phase is Phase.READY
    assert said.state.current is not None
    assert said.state.current.id is MoveId.SQUATS, "the coaching carries on"


def test_too_hard_right_after_a_set_is_about_that_move() -> None:
    talk = routine_after_toe_taps()
    talk.say(K.NEXT)  # squats counted out
    said = talk.say(K.FEEDBACK, feedback=HARD)  # heard in full: squats done
    assert "squats get a little easier next time" in said.reply.speech.text
    assert said.progress[-1] == ProfileUpdate(dose_adjustments={MoveId.SQUATS: -1})


def test_before_any_move_it_asks_which_and_takes_the_answer_naming_one() -> None:
    talk = Talk()
    talk.say(K.LAUNCH)
    talk.say(K.YES)  # toe taps counted out
    asked = talk.say(K.FEEDBACK, feedback=EASY, after=1.0)  # at once: nothing done yet
    assert asked.reply.speech.text.startswith("Which move felt too easy: toe taps, squats")
    assert asked.progress == ()
    answer = talk.say(K.START_MOVE, move=MoveId.HEEL_RISES)  # "heel rises"
    assert answer.reply.speech.text.startswith("Got it: heel rises get a little harder")
    assert answer.progress == (ProfileUpdate(dose_adjustments={MoveId.HEEL_RISES: 1}),)
    assert answer.state.current is not None
    assert answer.state.current.id is MoveId.TOE_TAPS, "the answer does not start heel rises"
    assert answer.state.asked is None
    started = talk.say(K.START_MOVE, move=MoveId.HEEL_RISES)  # now it means start them
    assert started.state.plan == (MoveId.HEEL_RISES,)


def test_anything_else_after_which_move_drops_the_question() -> None:
    talk = Talk()
    talk.say(K.LAUNCH)
    talk.say(K.YES)
    talk.say(K.FEEDBACK, feedback=HARD, after=1.0)
    went_on = talk.say(K.NEXT)
    assert went_on.state.asked is None
    assert updates(talk) == []


def test_a_move_named_with_the_feedback_is_taken() -> None:
    talk = Talk()
    talk.say(K.LAUNCH)
    said = talk.say(K.FEEDBACK, feedback=EASY, move=MoveId.SQUATS)  # "squats are too easy"
    assert "squats get a little harder" in said.reply.speech.text
    assert said.progress == (ProfileUpdate(dose_adjustments={MoveId.SQUATS: 1}),)


def test_at_most_one_step_per_move_per_session() -> None:
    """The issue's case: two "too easy"s took heel rises from two feet to single-leg."""
    talk = Talk()
    talk.say(K.LAUNCH)
    talk.say(K.START_MOVE, move=MoveId.HEEL_RISES)
    talk.say(K.FEEDBACK, feedback=EASY)
    again = talk.say(K.FEEDBACK, feedback=EASY, move=MoveId.HEEL_RISES)
    assert "I've changed heel rises once today already" in again.reply.speech.text
    assert again.progress == ()
    assert updates(talk) == [ProfileUpdate(dose_adjustments={MoveId.HEEL_RISES: 1})]


def heel_rises_feedback(progress: UserProgress, feedback: Feedback) -> str:
    talk = Talk(progress=progress)
    talk.say(K.LAUNCH)
    talk.say(K.START_MOVE, move=MoveId.HEEL_RISES)  # counted out in one reply
    return talk.say(K.FEEDBACK, feedback=feedback).reply.speech.text


def test_the_top_of_the_plan_is_said_only_at_the_top() -> None:
    """Heel rises have four rungs: two steps up by feedback in week one is rung three."""
    ahead = UserProgress(Profile(dose_adjustments={MoveId.HEEL_RISES: 2}), first_active=NOW.date())
    said = heel_rises_feedback(ahead, EASY)
    assert "top of the plan" not in said
    assert said.startswith("I've already moved heel rises as far ahead of the plan as I go")
    seasoned = UserProgress(first_active=NOW.date() - timedelta(weeks=6))  # the top rung
    said = heel_rises_feedback(seasoned, EASY)
    assert said.startswith("You're already at the top of the plan for heel rises")
    said = heel_rises_feedback(UserProgress(), HARD)
    assert said.startswith("That's already the gentlest version of heel rises")


def test_at_the_end_it_is_about_the_routine_and_says_what_changed() -> None:
    talk = routine_after_toe_taps()
    talk.say(K.FEEDBACK, feedback=EASY)  # toe taps, mid-routine
    while talk.state.phase is not Phase.FEEDBACK:
        talk.say(K.NEXT)
        assert talk.turns < 40
    said = talk.say(K.FEEDBACK, feedback=EASY)
    text = said.reply.speech.text
    assert text.startswith(
        "Got it: squats, heel rises, glute bridges and reverse lunges get a little harder"
    )
    assert "I've changed toe taps once today already" in text
    changed: dict[MoveId, int] = {m: 1 for m in MoveId if m is not MoveId.TOE_TAPS}
    assert ProfileUpdate(dose_adjustments=changed) in said.progress


def test_about_right_changes_nothing() -> None:
    talk = routine_after_toe_taps()
    said = talk.say(K.FEEDBACK, feedback=Feedback.RIGHT)
    assert said.progress == ()
    assert "keep it just like that" in said.reply.speech.text


def test_the_feedback_memory_survives_the_session_codec() -> None:
    state = SessionState(asked=HARD, adjusted=(MoveId.SQUATS, MoveId.HEEL_RISES))
    assert SessionState.from_json(state.to_json()) == state
    forged = {**state.to_json(), "adjusted": ["squats"] * 9}
    assert SessionState.from_json(forged) == SessionState()
