"""The conversations the benchmarks replay, driven through a Lambda-style handler.

TODO(bench): build envelopes with skill/simulator.py once the voice layer lands on main.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from skill.domain.session import Phase, SessionState
from skill.voice.state import STATE_KEY
from tests.events import load_event

Envelope = dict[str, Any]
LambdaHandler = Callable[[Envelope, Any], Envelope]

_request_ids = itertools.count(1)
MAX_ROUTINE_TURNS = 200
MID_ROUTINE_INDEX = 2  # the third of five moves


def _with_user(event: Envelope, user_id: str) -> Envelope:
    event["session"]["user"]["userId"] = user_id
    event["context"]["System"]["user"]["userId"] = user_id
    event["request"]["requestId"] = f"amzn1.echo-api.request.bench-{next(_request_ids)}"
    return event


def launch(user_id: str) -> Envelope:
    return _with_user(load_event("launch"), user_id)


def intent(user_id: str, name: str, attributes: dict[str, Any]) -> Envelope:
    event = _with_user(load_event("help_intent"), user_id)
    event["request"]["intent"]["name"] = name
    event["session"]["attributes"] = attributes
    return event


class Conversation:
    """One user's session with a skill: carries session attributes from turn to turn."""

    def __init__(self, handler: LambdaHandler, user_id: str) -> None:
        self.handler = handler
        self.user_id = user_id
        self.attributes: dict[str, Any] = {}
        self.ended = True

    def send(self, event: Envelope) -> Envelope:
        response = self.handler(event, None)
        self.attributes = dict(response.get("sessionAttributes") or {})
        self.ended = bool(response["response"].get("shouldEndSession", True))
        return response

    def launch(self) -> Envelope:
        return self.send(launch(self.user_id))

    def next_event(self, name: str = "AMAZON.NextIntent") -> Envelope:
        """The envelope the device would send next (not sent)."""
        return intent(self.user_id, name, self.attributes)

    def say(self, name: str) -> Envelope:
        return self.send(self.next_event(name))


@dataclass(frozen=True)
class Routine:
    turns: int
    moves_done: int  # as the session state counted them


def full_routine(handler: LambdaHandler, user_id: str) -> Routine:
    """Launch and say "next" until the skill ends the session."""
    talk = Conversation(handler, user_id)
    talk.launch()
    turns, done = 1, 0
    while not talk.ended and turns < MAX_ROUTINE_TURNS:
        talk.say("AMAZON.NextIntent")
        turns += 1
        done = max(done, len(state_of(talk.attributes).done))
    return Routine(turns, done)


def state_of(attributes: dict[str, Any]) -> SessionState:
    return SessionState.from_json(attributes.get(STATE_KEY))


def mid_workout_next(handler: LambdaHandler, user_id: str) -> Envelope:
    """The "next" a device sends in the middle of the routine (the third move introduced, its
    set not yet counted): the answer is a counted set."""
    talk = Conversation(handler, user_id)
    talk.launch()
    for _ in range(MAX_ROUTINE_TURNS):
        state = state_of(talk.attributes)
        if talk.ended:
            break
        if state.phase is Phase.READY and state.index == MID_ROUTINE_INDEX:
            return talk.next_event()
        talk.say("AMAZON.NextIntent")
    raise RuntimeError("the routine never reached its middle move")
