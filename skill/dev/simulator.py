"""A simulated Alexa: typed text in, real request envelopes out, replies back as readable text.

`Conversation` resolves what the user says against the interaction model (`skill.dev.nlu`), wraps it
in a LaunchRequest, IntentRequest (slots with entity resolutions) or SessionEndedRequest, carries
the session attributes from turn to turn like Alexa does, and sends each envelope through a
`Transport`: the skill in-process (`SkillTransport`) or a running server (`HttpTransport`).
Used by `morning-moves chat`, the golden transcript tests and the browser console.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from ask_sdk_core.skill import CustomSkill

from skill.dev.nlu import Nlu, Resolution, SlotMatch, Via, nlu_for
from skill.domain.reminders import REMINDERS_PERMISSION
from skill.domain.speaker import GIVEN_NAME_PERMISSION
from skill.domain.speech import speaking_seconds
from skill.voice import session_codec
from skill.voice.intents import Intent, SlotName
from skill.voice.interfaces import reported_interfaces
from skill.voice.model_source import intent_source, normalize
from skill.voice.serializer import request_envelope

SIMULATOR_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
SIMULATOR_USER_ID = "amzn1.ask.account.SIMULATOR"
SIMULATOR_DEVICE_ID = "amzn1.ask.device.SIMULATOR"
SILENCE = "(silence)"
NOT_SENT = (
    "not sent: Morning Moves is not open, so Alexa would answer this herself. "
    "Say 'open morning moves' or 'ask morning moves to ...'"
)
CONSENT_URI_PREFIX = "connection://AMAZON.AskForPermissionsConsent/"
# How the user may answer Alexa's own permission question; anything else is no answer.
CONSENT_YES = frozenset({"yes", "yes please", "i approve", "approve", "allow", "sure", "okay"})
CONSENT_NO = frozenset({"no", "no thanks", "i deny", "deny", "don't allow"})
REQUEST_ID_PREFIX = "amzn1.echo-api.request."
ECHO_SHOW = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.2"}}}
# The simulated clock: after a reply has played, the user takes this long to answer; saying
# nothing, Alexa listens this long before the reprompt, and again before closing the session.
ANSWER_SECONDS = 2.0
LISTEN_SECONDS = 8.0


@dataclass(frozen=True)
class Device:
    """What the simulated device and account offer: screen interfaces (e.g. ECHO_SHOW) and the
    Alexa API endpoint and token the skill's API calls go to (a local fake in tests)."""

    supported_interfaces: dict[str, Any] = field(default_factory=dict)
    api_endpoint: str = "https://api.amazonalexa.com"
    api_access_token: str | None = None


class SimulatorError(RuntimeError):
    """The skill could not be reached or answered with something that is not a response."""


class Transport(Protocol):
    """Delivers one request envelope (JSON-ready dict) and returns the response envelope."""

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]: ...


class SkillTransport:
    """Calls a skill in this process, through the same (de)serialisation as Lambda."""

    def __init__(self, skill: CustomSkill):
        self._skill = skill

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        request = request_envelope(self._skill.serializer, envelope)
        response = self._skill.invoke(request_envelope=request, context=None)
        data = self._skill.serializer.serialize(response)
        if not isinstance(data, dict):
            raise SimulatorError("the skill's response did not serialise to an envelope")
        return data


class HttpTransport:
    """POSTs each envelope to a running skill server, e.g. http://127.0.0.1:5000/alexa."""

    def __init__(self, url: str, timeout: float = 10.0):
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.url = url
        self._timeout = timeout

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps(envelope).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310  # scheme checked in __init__
            self.url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as reply:  # noqa: S310
                data = json.loads(reply.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:200]
            raise SimulatorError(f"{self.url} answered HTTP {exc.code}: {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise SimulatorError(f"cannot reach {self.url}: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise SimulatorError(f"{self.url} did not answer with JSON") from exc
        if not isinstance(data, dict):
            raise SimulatorError(f"{self.url} did not answer with a response envelope")
        return data


_BREAK = re.compile(r'<break\s+time="(\d+(?:\.\d+)?)(ms|s)"\s*/>')
_BREAKS_RUN = re.compile(r"(?:\s*<break\s[^>]*/>)+\s*")
_TAG = re.compile(r"<[^>]+>")


def planned_seconds(ssml: str) -> float:
    """How long Alexa takes to say `ssml`: its breaks, and the words between them at the
    skill's own speaking estimate (skill.domain.speech.speaking_seconds)."""
    pauses = sum(float(n) / (1000 if unit == "ms" else 1) for n, unit in _BREAK.findall(ssml))
    chunks = _BREAKS_RUN.split(ssml)
    said = sum(speaking_seconds(html.unescape(_TAG.sub(" ", chunk))) for chunk in chunks)
    return pauses + said


def ssml_to_text(ssml: str) -> str:
    """Readable text with pauses shown: '<speak>one <break time="2000ms"/> two</speak>' ->
    'one [2s] two'. Consecutive breaks add up (to the tenth of a second); other tags go."""

    def pause(run: re.Match[str]) -> str:
        total = sum(
            float(amount) / (1000 if unit == "ms" else 1)
            for amount, unit in _BREAK.findall(run.group(0))
        )
        # Tenths are plenty to read a rhythm; the exact SSML stays in Turn.ssml.
        return f" [{round(total, 1):g}s] " if total else " "

    text = _BREAKS_RUN.sub(pause, ssml)
    text = re.sub(r"<audio\b[^>]*>", " [audio] ", text)
    text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split())


@dataclass(frozen=True)
class Turn:
    """One exchange: what the user said, what went to the skill, and what came back."""

    user: str
    heard: str  # how the request was understood: "LaunchRequest", "StartMoveIntent move=squats"
    text: str  # the reply as text with pauses, e.g. "one [2s] two"
    ssml: str
    reprompt: str  # reprompt as text ("" if none)
    ended: bool  # the session is over after this turn
    phase: str | None  # the engine's phase from the session attributes
    request: dict[str, Any] | None = None
    response: dict[str, Any] | None = None
    after: float | None = None  # said this many seconds after the last request (a barge-in)

    @property
    def state(self) -> str:
        listening = "session ended" if self.ended else "listening"
        return f"{self.phase or '-'} · {listening}"

    def to_json(self) -> dict[str, Any]:
        """The turn without the raw envelopes, ready for JSON (e.g. a browser console)."""
        return {
            "user": self.user,
            "heard": self.heard,
            "text": self.text,
            "ssml": self.ssml,
            "reprompt": self.reprompt,
            "ended": self.ended,
            "phase": self.phase,
            "state": self.state,
        }


def _utc_now() -> datetime:
    return datetime.now(UTC)


def new_request_id() -> str:
    """A request id in Alexa's format, unique across conversations and runs: the skill derives
    completion keys from it, so a counter restarting at 1 would make every routine after the
    first look like a retry of an earlier one."""
    return f"{REQUEST_ID_PREFIX}{uuid.uuid4()}"


@dataclass
class _Session:
    number: int
    attributes: dict[str, Any] = field(default_factory=dict)
    new: bool = True
    reprompt: str = ""  # SSML of the last reprompt, until it has been played
    has_reprompted: bool = False
    consent: dict[str, Any] | None = None  # Alexa is asking for a permission on our behalf


class Conversation:
    """A conversation with the skill as one Alexa user on one device."""

    def __init__(
        self,
        transport: Transport,
        *,
        locale: str = "en-US",
        skill_id: str = SIMULATOR_SKILL_ID,
        user_id: str = SIMULATOR_USER_ID,
        clock: Callable[[], datetime] = _utc_now,
        nlu: Nlu | None = None,
        require_invocation: bool = True,
        device: Device | None = None,
        on_consent: Callable[[str], None] | None = None,
        plays_replies: bool = True,
        person_id: str | None = None,
        person_token: str | None = None,
    ):
        """`require_invocation=False` sends requests without the skill's name even when no
        session is open (as if Alexa routed them name-free). `plays_replies=False` stamps each
        request with `clock` alone, not as if every reply had played (signed requests must stay
        within the verifier's 150 s of the server's clock). `person_id`: a recognised voice on
        the account (context.System.person), as Alexa sends for a household member it knows;
        `person_token` the API token Alexa scopes to that person (None: the device's). Set
        both attributes to change speakers."""
        self.transport = transport
        self.require_invocation = require_invocation
        self.locale = locale
        self.nlu = nlu or nlu_for(locale)
        self.skill_id = skill_id
        self.user_id = user_id
        self.person_id = person_id
        self._clock = clock
        # Time the replies took to play and the user to answer, on top of `clock`: the skill
        # tells from the requests' timestamps which counted sets had time to be heard.
        self._played = timedelta(0)
        self._answered = timedelta(0)  # from the last request until the user answered it
        self._plays_replies = plays_replies
        self._sessions = 0
        self._session: _Session | None = None
        self.device = device or Device()
        # Told the user's answer ("ACCEPTED", "DENIED", "NOT_ANSWERED") to a permission request,
        # e.g. to grant the permission in a fake Alexa API.
        self._on_consent = on_consent
        self.person_token = person_token

    @property
    def in_session(self) -> bool:
        return self._session is not None

    def say(self, utterance: str, *, after: float | None = None) -> Turn:
        """The user says something (empty or "(silence)": says nothing); `after`: that many
        seconds after the last request, not once its reply has played (a barge-in)."""
        if after is None:
            return self._say(utterance)
        if self._plays_replies:
            self._played += timedelta(seconds=after) - self._answered
        return replace(self._say(utterance), after=after)

    def _say(self, utterance: str) -> Turn:
        if self._session is not None and self._session.consent is not None:
            return self._answer_consent(utterance)
        if not utterance.strip() or utterance.strip().lower() == SILENCE:
            return self.silence()
        resolution = self.nlu.resolve(utterance)
        if resolution.kind == "launch":
            return self._exchange(utterance, "LaunchRequest", self._launch_request())
        assert resolution.intent is not None
        if self._session is None and not resolution.one_shot and self.require_invocation:
            # Outside a session Alexa itself answers unless the skill is named.
            return Turn(utterance, NOT_SENT, "", "", "", ended=True, phase=None)
        return self.intent(
            resolution.intent, resolution.slots, utterance=utterance, via=resolution.via
        )

    def launch(self) -> Turn:
        return self._exchange("open morning moves", "LaunchRequest", self._launch_request())

    def intent(
        self,
        intent: Intent,
        slots: dict[SlotName, SlotMatch] | None = None,
        *,
        utterance: str | None = None,
        via: Via | None = None,
    ) -> Turn:
        """Send an IntentRequest; starts a new session (a one-shot request) if none is open.
        `via`: what matched what was said (a built-in's own phrase is labelled so)."""
        slots = slots or {}
        heard = Resolution("intent", intent, slots, via=via).label
        request = {
            "type": "IntentRequest",
            "dialogState": "COMPLETED",
            "intent": {
                "name": intent.value,
                "confirmationStatus": "NONE",
                "slots": self._slots(intent, slots),
            },
        }
        return self._exchange(utterance or heard, heard, request)

    def _answer_consent(self, utterance: str) -> Turn:
        """The user answers Alexa's permission question; Alexa resumes the skill's session with
        a SessionResumedRequest carrying the answer and the skill's token."""
        session = self._session
        assert session is not None
        assert session.consent is not None
        directive, session.consent = session.consent, None
        said = normalize(utterance)
        status = "NOT_ANSWERED"
        if said in CONSENT_YES:
            status = "ACCEPTED"
        elif said in CONSENT_NO:
            status = "DENIED"
        if self._on_consent is not None:
            self._on_consent(status)
        scopes = (directive.get("input") or {}).get("permissionScopes", [])
        request = {
            "type": "SessionResumedRequest",
            "cause": {
                "type": "ConnectionCompleted",
                "token": directive.get("token", ""),
                "status": {"code": "200", "message": "OK"},
                "result": {"status": status, "permissionScopes": scopes},
            },
        }
        return self._exchange(utterance or SILENCE, f"SessionResumedRequest {status}", request)

    def silence(self) -> Turn:
        """The user says nothing: Alexa plays the reprompt once, then ends the session."""
        session = self._session
        if session is None:
            return Turn(SILENCE, "-", "", "", "", ended=True, phase=None)
        self._wait(LISTEN_SECONDS - ANSWER_SECONDS)
        if session.reprompt and not session.has_reprompted:
            session.has_reprompted = True
            self._wait(planned_seconds(session.reprompt) + ANSWER_SECONDS)
            text = ssml_to_text(session.reprompt)
            return Turn(SILENCE, "(reprompt)", text, session.reprompt, "", False, self._phase())
        return self.end("EXCEEDED_MAX_REPROMPTS")

    def end(self, reason: str = "USER_INITIATED") -> Turn:
        """Alexa closes the session (the user walked away, or said nothing twice)."""
        if self._session is None:
            return Turn(SILENCE, "-", "", "", "", ended=True, phase=None)
        request = {"type": "SessionEndedRequest", "reason": reason}
        return self._exchange(SILENCE, f"SessionEndedRequest {reason}", request)

    def now(self) -> datetime:
        """The simulated time: the clock, plus every reply played and answered so far."""
        return self._clock() + self._played

    def _wait(self, seconds: float) -> None:
        if self._plays_replies:
            self._played += timedelta(seconds=seconds)

    def _phase(self) -> str | None:
        attributes = self._session.attributes if self._session else {}
        if session_codec.KEY not in attributes:
            return None
        return str(session_codec.read(attributes).state.phase)

    def _launch_request(self) -> dict[str, Any]:
        return {"type": "LaunchRequest"}

    def _slots(self, intent: Intent, filled: dict[SlotName, SlotMatch]) -> dict[str, Any]:
        slots: dict[str, Any] = {}
        for name, type_name in intent_source(intent).slots.items():
            slot: dict[str, Any] = {"name": name.value, "confirmationStatus": "NONE"}
            match = filled.get(name)
            if match is not None:
                slot["value"] = match.spoken
                slot["source"] = "USER"
                if not type_name.startswith("AMAZON."):
                    slot["resolutions"] = self._resolutions(type_name, match)
            slots[name.value] = slot
        return slots

    def _resolutions(self, type_name: str, match: SlotMatch) -> dict[str, Any]:
        authority = f"amzn1.er-authority.echo-sdk.{self.skill_id}.{type_name}"
        if match.id is None:
            return {
                "resolutionsPerAuthority": [
                    {"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
                ]
            }
        value = {"value": {"name": match.name, "id": match.id}}
        return {
            "resolutionsPerAuthority": [
                {"authority": authority, "status": {"code": "ER_SUCCESS_MATCH"}, "values": [value]}
            ]
        }

    def _envelope(self, request: dict[str, Any]) -> dict[str, Any]:
        if self._session is None:
            self._sessions += 1
            self._session = _Session(self._sessions)
        session = self._session
        timestamp = self.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        application = {"applicationId": self.skill_id}
        user = {"userId": self.user_id}
        person = {"person": {"personId": self.person_id}} if self.person_id else {}
        token = (self.person_token if self.person_id else None) or self.device.api_access_token
        return {
            "version": "1.0",
            "session": {
                "new": session.new,
                "sessionId": f"amzn1.echo-api.session.sim-{session.number:04d}",
                "application": application,
                "attributes": session.attributes,
                "user": user,
            },
            "context": {
                "System": {
                    "application": application,
                    "user": user,
                    **person,
                    "device": {
                        "deviceId": SIMULATOR_DEVICE_ID,
                        "supportedInterfaces": reported_interfaces(
                            self.device.supported_interfaces
                        ),
                    },
                    "apiEndpoint": self.device.api_endpoint,
                    **({"apiAccessToken": token} if token else {}),
                }
            },
            "request": {
                **request,
                "requestId": new_request_id(),
                "timestamp": timestamp,
                "locale": self.locale,
            },
        }

    def _exchange(self, said: str, heard: str, request: dict[str, Any]) -> Turn:
        envelope = self._envelope(request)
        data = self.transport.send(envelope)
        response = data.get("response")
        if not isinstance(response, dict):
            raise SimulatorError("the skill answered without a response object")
        session = self._session
        assert session is not None
        ssml = _ssml(response.get("outputSpeech"))
        reprompt_ssml = _ssml((response.get("reprompt") or {}).get("outputSpeech"))
        consent = _consent_request(response)
        # A voice-only device closes the session unless the skill explicitly keeps it open, or
        # hands over to Alexa to ask for a permission (the session resumes afterwards).
        ended = request["type"] == "SessionEndedRequest" or (
            response.get("shouldEndSession") is not False and consent is None
        )
        self._answered = timedelta(seconds=planned_seconds(ssml) + ANSWER_SECONDS)
        self._wait(self._answered.total_seconds())
        session.new = False
        session.attributes = dict(data.get("sessionAttributes") or {})
        session.reprompt, session.has_reprompted = reprompt_ssml, False
        session.consent = consent
        phase = self._phase()
        if ended:
            self._session = None
        asks = (
            f" [Alexa asks the user for permission to use {_asked_for(consent)}]" if consent else ""
        )
        return Turn(
            user=said,
            heard=heard,
            text=(ssml_to_text(ssml) + asks).strip(),
            ssml=ssml,
            reprompt=ssml_to_text(reprompt_ssml),
            ended=ended,
            phase=phase,
            request=envelope,
            response=data,
        )


def _consent_request(response: dict[str, Any]) -> dict[str, Any] | None:
    """The skill's Connections.StartConnection directive asking Alexa for a permission."""
    for directive in response.get("directives") or []:
        if directive.get("type") == "Connections.StartConnection" and str(
            directive.get("uri", "")
        ).startswith(CONSENT_URI_PREFIX):
            return dict(directive)
    return None


# What Alexa's own question names, by permission scope (the skill's constants, not retyped).
_PERMISSIONS_ASKED = {REMINDERS_PERMISSION: "reminders", GIVEN_NAME_PERMISSION: "their first name"}


def _asked_for(directive: dict[str, Any]) -> str:
    scopes = (directive.get("input") or {}).get("permissionScopes") or [{}]
    scope = str(scopes[0].get("permissionScope", ""))
    return _PERMISSIONS_ASKED.get(scope, scope)


def _ssml(output_speech: Any) -> str:
    if not isinstance(output_speech, dict):
        return ""
    if output_speech.get("type") == "PlainText":
        return html.escape(str(output_speech.get("text", "")))
    return str(output_speech.get("ssml", ""))


def format_turn(turn: Turn, width: int = 100) -> str:
    """A turn as transcript lines: 'user: ...' ('user (after 5s): ...' for a barge-in),
    'alexa: ...' and the state in brackets."""
    early = "" if turn.after is None else f" (after {turn.after:g}s)"
    lines = [f"user{early}: {turn.user}"]
    if turn.heard == NOT_SENT:
        return "\n".join(
            [
                *lines,
                *textwrap.wrap(
                    f"({NOT_SENT})", width, initial_indent=" " * 7, subsequent_indent=" " * 8
                ),
            ]
        )
    reply = turn.text or "(no speech)"
    lines += textwrap.wrap(
        reply, width, initial_indent="alexa: ", subsequent_indent="       ", break_on_hyphens=False
    )
    lines.append(f"       [{turn.heard} · {turn.state}]")
    return "\n".join(lines)


@dataclass(frozen=True)
class Said:
    """One line of a script: what the user says and, for a barge-in, how many seconds after the
    last request (`Conversation.say`'s `after`)."""

    text: str
    after: float | None = None


_EARLY = re.compile(r"user \(after (\d+(?:\.\d+)?)s\):")


def script_lines(text: str) -> list[Said]:
    """What the user says in a script or transcript: 'user: ...' lines ('user (after 5s): ...'
    said that soon after the last request), or plain lines. 'alexa:' lines, indented lines,
    '#' comments and blank lines are skipped."""
    said: list[Said] = []
    for line in text.splitlines():
        if not line.strip() or line[0].isspace() or line.startswith(("#", "alexa:")):
            continue
        early = _EARLY.match(line)
        if early is not None:
            said.append(Said(line[early.end() :].strip(), float(early.group(1))))
        else:
            said.append(Said(line.removeprefix("user:").strip()))
    return said
