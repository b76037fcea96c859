"""Feedback that means what it says: "too easy" or "too hard" is about a move done in this
session, and the reply names what changed.

- Said while coaching, it is about the move just done: the one whose set was just counted (or
  that has sets done), else the last move finished. Naming a move ("squats were too easy")
  is about that move.
- With no move done yet and none named, the coach asks which, and an answer naming a move
  ("squats") takes it (`answering`).
- At the end (phase FEEDBACK), feedback naming no move is about every move done, and the reply
  says which changed and why the others did not.
- One step per move per session (`SessionState.adjusted`); whether there is a step to take is
  progression.feedback_step's: "the top of the plan" only when the plan has no further step.
"""

from __future__ import annotations

from collections.abc import Iterable

from skill.domain import reminder_talk
from skill.domain.catalogue import all_move_names, move
from skill.domain.events import Event, EventKind
from skill.domain.ids import Feedback, MoveId, Style
from skill.domain.progress import ProgressEvent
from skill.domain.progression import FeedbackResult, adjust_for_feedback
from skill.domain.speech import Speech
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context, Outcome, wait
from skill.domain.words import Phrase, PhraseId, say, spoken_list

_WHICH = {Feedback.EASY: Phrase.FEEDBACK_WHICH_EASY, Feedback.HARD: Phrase.FEEDBACK_WHICH_HARD}
# What is said of the moves with each result, for easy and for hard.
_SAID: dict[tuple[Feedback, FeedbackResult], PhraseId] = {
    (Feedback.EASY, FeedbackResult.CHANGED): Phrase.FEEDBACK_HARDER,
    (Feedback.HARD, FeedbackResult.CHANGED): Phrase.FEEDBACK_EASIER,
    (Feedback.EASY, FeedbackResult.AT_END): Phrase.FEEDBACK_AT_TOP,
    (Feedback.HARD, FeedbackResult.AT_END): Phrase.FEEDBACK_AT_BOTTOM,
    (Feedback.EASY, FeedbackResult.AT_BOUND): Phrase.FEEDBACK_AHEAD_AS_FAR_AS_IT_GOES,
    (Feedback.HARD, FeedbackResult.AT_BOUND): Phrase.FEEDBACK_EASED_AS_FAR_AS_IT_GOES,
}
# Events whose named move answers "which move?" ("squats" is heard as starting squats).
_ANSWERS = frozenset({EventKind.START_MOVE, EventKind.FEEDBACK})


def answering(state: SessionState, event: Event) -> tuple[SessionState, Event]:
    """The state and event to dispatch: after "which move?", an answer naming a move is the
    feedback on it; anything else drops the question."""
    if state.asked is None:
        return state, event
    unasked = state._replace(asked=None)
    if event.kind in _ANSWERS and event.move is not None:
        feedback = event.feedback or state.asked
        return unasked, Event(EventKind.FEEDBACK, move=event.move, feedback=feedback)
    return unasked, event


def just_done(state: SessionState) -> MoveId | None:
    """The move that feedback said while coaching is about, if one was done in this session."""
    current = state.current
    if (
        state.coaching
        and current is not None
        and (state.phase is Phase.COUNTED or state.sets_done > 0)
    ):
        return current.id
    return state.done[-1] if state.done else None


def take(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """The FEEDBACK event in every phase."""
    if event.feedback is None:
        return wait(state, Speech.of(say(Phrase.HOW_DID_IT_FEEL)))
    if event.feedback is Feedback.RIGHT:
        return _reply(state, ctx, Speech.of(say(Phrase.FEEDBACK_RIGHT)), ())
    if event.move is not None:
        moves: tuple[MoveId, ...] = (event.move,)
    elif state.phase is Phase.FEEDBACK:
        moves = state.done
    else:
        last = just_done(state)
        moves = (last,) if last is not None else ()
    if not moves:
        question = say(_WHICH[event.feedback], names=all_move_names(state.style))
        return wait(state._replace(asked=event.feedback), Speech.of(question), prompted=True)
    fresh = tuple(m for m in moves if m not in state.adjusted)
    adjusted = adjust_for_feedback(ctx.progress, fresh, event.feedback, ctx.now.date(), state.style)
    by_result = {r: [s.move for s in adjusted.steps if s.result is r] for r in FeedbackResult}
    lines = [
        say(_SAID[event.feedback, result], names=_names(moved, state.style))
        for result, moved in by_result.items()
        if moved
    ]
    again = [m for m in moves if m in state.adjusted]
    if again:
        lines.append(say(Phrase.FEEDBACK_ALREADY_CHANGED, names=_names(again, state.style)))
    noted = state._replace(adjusted=(*state.adjusted, *by_result[FeedbackResult.CHANGED]))
    update = (adjusted.update,) if adjusted.update is not None else ()
    return _reply(noted, ctx, Speech.of(" ".join(lines)), update)


def _reply(
    state: SessionState, ctx: Context, reply: Speech, changes: tuple[ProgressEvent, ...]
) -> Outcome:
    if state.phase is Phase.FEEDBACK:  # the answer to "how did that feel?": then goodbye
        bye = reminder_talk.farewell(state, ctx, reply, changes)
        return bye._replace(state=bye.state._replace(adjusted=state.adjusted))
    return wait(state, reply, changes)


def _names(moves: Iterable[MoveId], style: Style) -> str:
    return spoken_list([move(m, style).name for m in moves])
