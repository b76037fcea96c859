"""Drive a skill the way Alexa does: one session, request envelopes built from the recorded
events, session attributes carried (as JSON) from each response to the next request."""

from __future__ import annotations

import copy
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model.request_envelope import RequestEnvelope

from skill.domain.progress import Completion, ProfileUpdate, UserProgress
from skill.store.base import ProgressStore
from skill.voice import session_codec
from tests.events import load_event
from tests.fakes.alexa_api import person_token


class Conversation:
    """One Alexa session with `skill` for `user_id`; with `person`, every request names that
    recognised voice (`context.System.person.personId`)."""

    def __init__(
        self,
        skill: CustomSkill,
        user_id: str,
        *,
        session: str = "s1",
        api_endpoint: str | None = None,
        person: str | None = None,
    ):
        self.skill = skill
        self.user_id = user_id
        self.person = person
        self.session_id = f"amzn1.echo-api.session.{session}"
        self.api_endpoint = api_endpoint
        self.attributes: dict[str, Any] = {}
        self.turns = 0
        self.last_envelope: dict[str, Any] | None = None

    def launch(self) -> dict[str, Any]:
        return self.send(load_event("launch"))

    def say(self, intent: str, **slots: str) -> dict[str, Any]:
        """An IntentRequest; slots given as name=value."""
        slot_json = {name: {"name": name, "value": value} for name, value in slots.items()}
        return self.send(
            load_event(
                "help_intent",
                intent={"name": intent, "confirmationStatus": "NONE", "slots": slot_json},
            )
        )

    def end(self) -> dict[str, Any]:
        return self.send(load_event("session_ended"))

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        self.turns += 1
        envelope["session"]["new"] = self.turns == 1
        envelope["session"]["sessionId"] = self.session_id
        envelope["session"]["attributes"] = json.loads(json.dumps(self.attributes))
        envelope["request"]["requestId"] = f"{self.session_id}.request-{self.turns}"
        for holder in (envelope["session"], envelope["context"]["System"]):
            holder["user"] = {"userId": self.user_id}
        if self.person is not None:
            system = envelope["context"]["System"]
            system["person"] = {"personId": self.person}
            if system.get("apiAccessToken"):  # Alexa scopes the token to the speaker
                system["apiAccessToken"] = person_token(self.person)
        if self.api_endpoint is not None:
            envelope["context"]["System"]["apiEndpoint"] = self.api_endpoint
        self.last_envelope = copy.deepcopy(envelope)
        return self._invoke(envelope)

    def retry_last(self) -> dict[str, Any]:
        """Alexa sends the same request again (it did not get our answer in time)."""
        assert self.last_envelope is not None
        return self._invoke(copy.deepcopy(self.last_envelope))

    def _invoke(self, envelope: dict[str, Any]) -> dict[str, Any]:
        request = self.skill.serializer.deserialize(json.dumps(envelope), RequestEnvelope)
        response = self.skill.serializer.serialize(self.skill.invoke(request, None))
        assert isinstance(response, dict)
        self.attributes = response.get("sessionAttributes") or {}
        return response

    @property
    def phase(self) -> str | None:
        return str(session_codec.read(self.attributes).state.phase) if self.attributes else None

    @property
    def pending(self) -> list[Any]:
        return list(session_codec.read(self.attributes).progress.get("q") or ())


def speech_of(response: dict[str, Any]) -> str:
    speech = (response.get("response") or {}).get("outputSpeech") or {}
    return str(speech.get("ssml", ""))


def do_routine(talk: Conversation, *, stop_after_moves: int | None = None) -> None:
    """Launch (if new), start the routine and say "next" until the coach asks for feedback,
    then finish. With `stop_after_moves`, return once that many moves of this session are done
    (the session stays open)."""
    if talk.turns == 0:
        talk.launch()
    talk.say("AMAZON.YesIntent")
    for _ in range(100):
        done = session_codec.read(talk.attributes).state.done
        if stop_after_moves is not None and len(done) >= stop_after_moves:
            return
        if talk.phase == "feedback":
            talk.say("AMAZON.NoIntent")
            return
        talk.say("AMAZON.NextIntent")
    raise AssertionError(f"routine did not finish; stuck in phase {talk.phase}")


@dataclass
class CountingStore:
    """Wraps a store: counts calls per method (for the cost tests) and keeps every completion
    the engine asked to record, by key (what "counted exactly once" is measured against)."""

    inner: ProgressStore
    calls: Counter[str] = field(default_factory=Counter)
    completions: dict[str, Completion] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _count(self, name: str) -> None:
        with self._lock:
            self.calls[name] += 1

    def load(self, user_id: str) -> UserProgress:
        self._count("load")
        return self.inner.load(user_id)

    def record(self, user_id: str, completion: Completion) -> bool:
        self._count("record")
        self.completions[completion.key] = completion
        return self.inner.record(user_id, completion)

    def update_profile(self, user_id: str, update: ProfileUpdate) -> None:
        self._count("update_profile")
        self.inner.update_profile(user_id, update)

    def delete_user(self, user_id: str) -> None:
        self._count("delete_user")
        self.inner.delete_user(user_id)

    def delete_account(self, account_id: str) -> None:
        self._count("delete_account")
        self.inner.delete_account(account_id)

    def take(self) -> Counter[str]:
        """Calls since the last take()."""
        with self._lock:
            taken = Counter(self.calls)
            self.calls.clear()
            return taken


def handler_input_for(skill: CustomSkill, envelope: dict[str, Any]) -> HandlerInput:
    """A HandlerInput for one request, as the SDK builds it (no session attributes)."""
    from ask_sdk_model.services.api_configuration import ApiConfiguration
    from ask_sdk_model.services.service_client_factory import ServiceClientFactory

    request = skill.serializer.deserialize(json.dumps(envelope), RequestEnvelope)
    system = request.context.system
    api = ApiConfiguration(
        serializer=skill.serializer,
        api_client=skill.api_client,
        authorization_value=system.api_access_token,
        api_endpoint=system.api_endpoint,
    )
    return HandlerInput(
        request_envelope=request,
        attributes_manager=AttributesManager(request_envelope=request),
        service_client_factory=ServiceClientFactory(api),
    )
