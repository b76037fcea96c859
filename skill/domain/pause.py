"""Pauses that outlive the session.

"Pause" keeps the exact position (the coaching state: plan, move, sets done, dose, tempo,
moment; and the local time) in the user's profile and ends the session, saying how to come
back. "Carry on" in a later session the same local day, or simply opening the skill within
RESUME_ON_OPEN_HOURS, takes it up in phase PAUSED ("Welcome back: you were on squats. Ready?"),
where "yes" or "next" counts that set. A position from another local day is dropped with a word.
The position is forgotten once the session moves on from it (it is taken up, or another plan
starts) and with the user's data. The run id is kept, so a move finished after the pause has
the same completion key as it would have had: a retry still counts once.
"""

from __future__ import annotations

from datetime import timedelta

from skill.domain.bounds import RESUME_ON_OPEN_HOURS
from skill.domain.events import Event
from skill.domain.progress import Completion, ProfileUpdate, ProgressEvent
from skill.domain.speech import Speech
from skill.domain.state import PausedPosition, Phase, SessionState, consistent
from skill.domain.turn import Context, Outcome, end, wait
from skill.domain.words import Phrase, say

RESUME_ON_OPEN = timedelta(hours=RESUME_ON_OPEN_HOURS)
FORGET = ProfileUpdate(unpause=True)


def leave(state: SessionState, event: Event, ctx: Context) -> Outcome:  # noqa: ARG001
    """Keep the position and end the session, saying how to come back."""
    current, saved = state.current, keep(state, ctx)
    if current is None or not saved:  # nothing left to take up
        return end(Speech.of(say(Phrase.WELL_DONE), say(Phrase.SEE_YOU)))
    return end(Speech.of(say(Phrase.PAUSE_KEPT, name=current.name)), saved)


def keep(state: SessionState, ctx: Context) -> tuple[ProgressEvent, ...]:
    """The progress event that keeps the coaching position of `state` (none when no move is
    left to take up). Also used when Alexa closes a session mid-routine: someone who walked
    away from the speaker finds their place the same way."""
    if state.current is None:
        return ()
    # Only the coaching position: the new session brings its own session-wide memory.
    kept = SessionState(
        phase=Phase.PAUSED,
        run=state.run,
        plan=state.plan,
        moment=state.moment,
        index=state.index,
        sets_done=state.sets_done,
        dose=state.dose,
        tempo=state.tempo,
        style=state.style,
        done=state.done,
    )
    if not consistent(kept):
        return ()
    return (ProfileUpdate(paused=PausedPosition(kept, ctx.now)),)


def _from_today(paused: PausedPosition, ctx: Context) -> bool:
    return paused.at.date() == ctx.now.date()


def take_up(ctx: Context, *, opening: bool) -> Outcome | None:
    """The stored position as this session's state, if it is from today (and, when the skill
    was just opened, recent); None otherwise."""
    paused = ctx.progress.profile.paused
    if paused is None or not _from_today(paused, ctx):
        return None
    # Wall-clock times: both are local to the user, one may have lost its offset.
    elapsed = ctx.now.replace(tzinfo=None) - paused.at.replace(tzinfo=None)
    current = paused.state.current
    if current is None or (opening and elapsed > RESUME_ON_OPEN):
        return None
    welcome_back = Speech.of(say(Phrase.PAUSE_TAKEN_UP, name=current.name))
    return wait(paused.state, welcome_back, prompted=True)


def mention(outcome: Outcome, ctx: Context) -> Outcome:
    """`outcome` (a welcome or a fresh start) with a word about a stored position that was not
    taken up: one from another day is dropped; one from earlier today waits for "carry on"."""
    paused = ctx.progress.profile.paused
    current = paused.state.current if paused is not None else None
    if paused is None or current is None:
        return outcome
    if _from_today(paused, ctx):
        line = say(Phrase.PAUSE_WAITING, name=current.name)
        return _with_lead(outcome, line, ())
    yesterday = paused.at.date() == ctx.now.date() - timedelta(days=1)
    line = say(Phrase.PAUSE_FROM_YESTERDAY if yesterday else Phrase.PAUSE_FROM_EARLIER)
    return _with_lead(outcome, line, (FORGET,))


def _with_lead(outcome: Outcome, line: str, progress: tuple[ProgressEvent, ...]) -> Outcome:
    reply = outcome.reply._replace(speech=Speech.of(line) + outcome.reply.speech)
    return outcome._replace(reply=reply, progress=(*outcome.progress, *progress))


def settled(ctx: Context, outcome: Outcome) -> Outcome:
    """`outcome`, also forgetting the stored position once this session has moved on from it:
    it was taken up and the coaching went on, or another plan started."""
    paused = ctx.progress.profile.paused
    if paused is None or any(_touches_pause(e) for e in outcome.progress):
        return outcome
    new, run = outcome.state, paused.state.run
    waiting = new.phase is Phase.PAUSED and new.run == run
    started_other = new.run not in ("", run) or (
        new.run != run and any(isinstance(e, Completion) for e in outcome.progress)
    )
    taken_up = new.run == run and not waiting
    if started_other or taken_up:
        return outcome._replace(progress=(*outcome.progress, FORGET))
    return outcome


def _touches_pause(event: ProgressEvent) -> bool:
    return isinstance(event, ProfileUpdate) and (event.paused is not None or event.unpause)
