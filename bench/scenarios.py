"""The conversations the benchmarks replay, made by the simulator (skill/dev/simulator.py) against a
Lambda-style handler: real envelopes, session attributes carried as Alexa carries them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from skill.dev.simulator import Conversation, Turn
from skill.domain.state import Phase, SessionState
from skill.voice import session_codec

Envelope = dict[str, Any]
LambdaHandler = Callable[[Envelope, Any], Envelope]

MAX_ROUTINE_TURNS = 200
MID_ROUTINE_INDEX = 2  # the third of five moves


class LambdaTransport:
    """The simulator's transport for a Lambda-style handler (dict in, dict out)."""

    def __init__(self, handler: LambdaHandler) -> None:
        self._handler = handler

    def send(self, envelope: Envelope) -> Envelope:
        return self._handler(envelope, None)


def conversation(handler: LambdaHandler, user_id: str) -> Conversation:
    return Conversation(LambdaTransport(handler), user_id=user_id)


def sent(turn: Turn) -> Envelope:
    """A copy of the envelope a turn sent, to replay."""
    assert turn.request is not None
    return copy.deepcopy(turn.request)


def state_of(attributes: dict[str, Any]) -> SessionState:
    return session_codec.read(attributes).state


def launch(handler: LambdaHandler, user_id: str) -> Envelope:
    """The LaunchRequest a device sends when the user opens the skill."""
    return sent(conversation(handler, user_id).launch())


@dataclass(frozen=True)
class Routine:
    requests: list[Envelope]  # what the device sent, in order (the first is the launch)
    moves_done: int  # as the session state counted them


def full_routine(handler: LambdaHandler, user_id: str) -> Routine:
    """Open the skill, say yes, "next" while it coaches, then "stop" once the moves are done
    (the last move, counted in the reply that asks how it felt, counts with that "stop")."""
    talk = conversation(handler, user_id)
    turns = [talk.launch(), talk.say("yes")]
    while not turns[-1].ended and len(turns) < MAX_ROUTINE_TURNS:
        coaching = state_of((turns[-1].response or {}).get("sessionAttributes") or {}).coaching
        turns.append(talk.say("next" if coaching else "stop"))
    states = [state_of(t.request["session"]["attributes"]) for t in turns if t.request]
    done = max(len(s.done) + bool(s.set_ends) for s in states)
    return Routine([sent(t) for t in turns], done)


def mid_workout_next(handler: LambdaHandler, user_id: str) -> Envelope:
    """The "next" a device sends in the middle of the routine (after the second move's reply has
    played): the answer credits that move and counts out the third, in one reply."""
    talk = conversation(handler, user_id)
    turn = talk.launch()
    for _ in range(MAX_ROUTINE_TURNS):
        state = state_of(turn.response["sessionAttributes"] if turn.response else {})
        if turn.ended:
            break
        if state.phase is Phase.COUNTED and state.index == MID_ROUTINE_INDEX - 1:
            return sent(talk.say("next"))
        turn = talk.say("next")
    raise RuntimeError("the routine never reached its middle move")


def move_completing_next(handler: LambdaHandler, user_id: str) -> Envelope:
    """The first request of a routine whose answer counts a move done (a store write)."""
    talk = conversation(handler, user_id)
    turn = talk.launch()
    for _ in range(MAX_ROUTINE_TURNS):
        state = state_of((turn.response or {}).get("sessionAttributes") or {})
        turn = talk.say("next" if state.coaching else "yes")
        if len(state_of((turn.response or {}).get("sessionAttributes") or {}).done) > len(
            state.done
        ):
            return sent(turn)
        if turn.ended:
            break
    raise RuntimeError("no turn of the routine completed a move")
