"""One turn of the conversation, as data: what the engine is told (`Context`), what it answers
(`Outcome`), and the building blocks every handler replies with."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from skill.domain.catalogue import Move, move
from skill.domain.effects import Effect
from skill.domain.events import Event
from skill.domain.progress import ProgressEvent, UserProgress
from skill.domain.reminders import ReminderWords
from skill.domain.speaker import Speaker
from skill.domain.speech import Card, PermissionCard, Reply, Speech
from skill.domain.state import Phase, SessionState
from skill.domain.words import DEFAULT_LOCALE, Phrase, say


class Context(NamedTuple):
    """Facts about this turn that the engine needs but must not fetch itself."""

    now: datetime  # local to the user
    progress: UserProgress = UserProgress()
    turn_id: str = ""
    one_shot: bool = False  # the request opened its session ("Alexa, ask morning moves to …")
    locale: str = DEFAULT_LOCALE  # whose phrasebook the reply is said from
    speaker: Speaker = Speaker()  # looked up on the turns that greet (launch, name consent)
    # When the request was heard (Alexa's timestamp, kept near the clock by the voice layer):
    # what tells how much of the last reply had time to play. None: `now`.
    heard_at: datetime | None = None

    @property
    def heard_seconds(self) -> float:
        """When the request was heard, in seconds since the epoch."""
        return (self.heard_at or self.now).timestamp()


class Outcome(NamedTuple):
    """The result of one step: the next state, what to say, what progress to record, and what
    the voice layer must do (the results of calls come back as events)."""

    state: SessionState
    reply: Reply
    progress: tuple[ProgressEvent, ...] = ()
    effects: tuple[Effect, ...] = ()


Handler = Callable[[SessionState, Event, Context], Outcome]


def prompt(state: SessionState) -> Speech:
    """What to say now: the reprompt of every reply that waits."""
    current = state.current
    match state.phase:
        case Phase.READY | Phase.CUT_SHORT if current is not None:
            return Speech.of(say(Phrase.PROMPT_READY, name=current.name))
        case Phase.COUNTED if current is not None:
            return _after_count(state, current)
        case Phase.CHECK_SET if current is not None:
            return Speech.of(say(Phrase.PROMPT_DID_YOU_FINISH, name=current.name))
        case Phase.PAUSED:
            return Speech.of(say(Phrase.PROMPT_PAUSED))
        case Phase.CONFIRM_FORGET:
            return Speech.of(say(Phrase.PROMPT_CONFIRM_FORGET))
        case Phase.FEEDBACK:
            return Speech.of(say(Phrase.FEEDBACK_QUESTION))
        case Phase.OFFER_STANDARD:
            return Speech.of(say(Phrase.GRADUATE_OFFER_REPROMPT))
        case Phase.OFFER_REMINDER if state.offer_at is not None:
            return ReminderWords.offer_reprompt(state.offer_at)
        case Phase.ASKING_PERMISSION if state.back is not None:
            return prompt(state._replace(phase=state.back, back=None))
        case _:
            return Speech.of(say(Phrase.START_HINT))


def _after_count(state: SessionState, current: Move) -> Speech:
    """While a move's count is playing: what to say for the next move, or for the rest."""
    dose = state.dose
    rest_of_move = dose is not None and state.sets_done + len(state.set_ends) < dose.sets
    if rest_of_move or state.index + 1 >= len(state.plan):
        return Speech.of(say(Phrase.PROMPT_REST_OF_MOVE, name=current.name))
    following = move(state.plan[state.index + 1], state.style)
    return Speech.of(say(Phrase.PROMPT_READY, name=following.name))


def wait(
    state: SessionState,
    speech: Speech,
    progress: tuple[ProgressEvent, ...] = (),
    *,
    prompted: bool = False,
    card: Card | PermissionCard | None = None,
) -> Outcome:
    """A reply that waits for the user; unless `prompted`, it ends by saying what to say."""
    carry_on = prompt(state)
    said = speech if prompted else speech + carry_on
    return Outcome(state, Reply(said, reprompt=carry_on, card=card), progress)


def end(
    speech: Speech,
    progress: tuple[ProgressEvent, ...] = (),
    card: Card | PermissionCard | None = None,
) -> Outcome:
    """A reply that ends the session."""
    return Outcome(SessionState(Phase.ENDED), Reply(speech, end_session=True, card=card), progress)
