"""The local console: a page to talk to the skill in a browser, and the JSON API behind it.

Each browser session gets its own simulated Alexa `Conversation` (the one `morning-moves chat`
uses: same utterance resolution, same skill), with its own settings: locale, device (a speaker,
or an Echo Show), account and recognised person, and the clock the skill sees. Served only when
the app listens on loopback, only to loopback clients, and never on the Lambda path.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import partial
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ask_sdk_core.skill import CustomSkill
from ask_sdk_runtime.exceptions import AskSdkException
from flask import Blueprint, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException

from skill.config import Config
from skill.dev import console_view
from skill.dev.console_clock import running_at
from skill.dev.simulator import (
    ECHO_SHOW,
    SIMULATOR_SKILL_ID,
    SIMULATOR_USER_ID,
    Conversation,
    Device,
    SimulatorError,
    SkillTransport,
    Turn,
    format_turn,
)
from skill.dev.suggestions import suggestions
from skill.store.base import ProgressStore, StoreUnavailableError, subject_id
from skill.voice.model_source import LOCALES
from skill.web.local import is_loopback

MAX_SESSIONS = 32
MAX_UTTERANCE = 300
MAX_TURNS = 500  # an exported session stays a readable file
_PAUSE = re.compile(r"\[(\d+(?:\.\d+)?)s\]")
_STATIC = resources.files("skill.dev") / "static"
_STATIC_FILES = {
    "console.js": "text/javascript",
    "console.css": "text/css",
    "favicon.svg": "image/svg+xml",
}
DEVICES: dict[str, tuple[str, Device]] = {
    "speaker": ("Echo Dot (speaker, no screen)", Device()),
    "echo-show": ("Echo Show (screen)", Device(supported_interfaces=ECHO_SHOW)),
}
NEW_USER = "new"
# Accounts to talk as: you, someone else's account, or a new user each session (nothing stored).
USERS: dict[str, tuple[str, str]] = {
    "you": ("You", SIMULATOR_USER_ID),
    "second": ("A second account", f"{SIMULATOR_USER_ID}-2"),
    NEW_USER: ("A new user (fresh each session)", ""),
}
# A recognised voice on the account (context.System.person), or none.
PERSONS: dict[str, tuple[str, str | None]] = {
    "": ("Nobody recognised", None),
    "person-1": ("Person 1 on the account", "amzn1.ask.person.SIMULATOR-1"),
    "person-2": ("Person 2 on the account", "amzn1.ask.person.SIMULATOR-2"),
}


def speech_segments(text: str) -> list[dict[str, Any]]:
    """Reply text with pause markers ("one [2s] two") as [{say}, {pause: seconds}, {say}]."""
    segments: list[dict[str, Any]] = []
    for index, part in enumerate(_PAUSE.split(text)):
        if index % 2:
            seconds = float(part)
            if segments and "pause" in segments[-1]:
                segments[-1]["pause"] += seconds
            else:
                segments.append({"pause": seconds})
        elif part.strip():
            segments.append({"say": part.strip()})
    return segments


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple: by field name
        return {name: _jsonable(v) for name, v in value._asdict().items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(_jsonable(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def turn_json(turn: Turn, locale: str = LOCALES[0]) -> dict[str, Any]:
    """The simulator's turn for the browser: the reply split into speech and pauses, the
    envelopes, the intent, the decoded session, the timeline, the screen and card, what next."""
    shown = console_view.screen_and_card(turn.response)
    spoken = console_view.timeline(turn.ssml)
    return turn.to_json() | {
        "segments": speech_segments(turn.text),
        "request": turn.request,
        "response": turn.response,
        "intent": console_view.intent_of(turn.request),
        "session": console_view.session_attributes(turn.response),
        "timeline": spoken,
        "spoken_seconds": console_view.spoken_seconds(turn.ssml),
        "screen": shown["screen"],
        "card": shown["card"],
        "suggestions": suggestions(None if turn.ended else turn.phase, locale),
    }


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a console session simulates; `clock` None is the real time."""

    locale: str = LOCALES[0]
    device: str = "speaker"
    user: str = "you"
    person: str = ""
    clock: datetime | None = None

    @staticmethod
    def from_json(data: dict[str, Any]) -> Settings:
        """Settings from the page's choices; unknown choices are refused (HTTP 400)."""
        settings = Settings()
        choices = {"locale": LOCALES, "device": DEVICES, "user": USERS, "person": PERSONS}
        for name, allowed in choices.items():
            value = data.get(name, getattr(settings, name))
            if value not in allowed:
                abort(400, f"{name} must be one of {', '.join(map(repr, allowed))}")
            settings = dataclasses.replace(settings, **{name: value})
        clock = data.get("clock")
        if clock:
            try:
                at = datetime.fromisoformat(str(clock))
            except ValueError:
                abort(400, "clock must be an ISO date and time, e.g. 2026-11-25T07:00")
            settings = dataclasses.replace(settings, clock=at.replace(tzinfo=at.tzinfo or UTC))
        return settings

    def to_json(self) -> dict[str, Any]:
        clock = self.clock.isoformat() if self.clock else None
        return dataclasses.asdict(self) | {"clock": clock}

    def now(self) -> datetime:
        # A set clock stands still, as in the golden transcripts: every turn at that moment.
        return self.clock or datetime.now(UTC)


def options() -> dict[str, Any]:
    """Every choice the page offers, with its label."""
    return {
        "locales": list(LOCALES),
        "devices": {key: label for key, (label, _) in DEVICES.items()},
        "users": {key: label for key, (label, _) in USERS.items()},
        "persons": {key: label for key, (label, _) in PERSONS.items()},
    }


class _Session:
    def __init__(self, conversation: Conversation, settings: Settings) -> None:
        self.conversation = conversation
        self.settings = settings
        self.transcript: list[str] = []  # each turn as the golden transcripts write it
        self.lock = threading.Lock()


class ConsoleSessions:
    """One conversation per browser session; the least recently used is dropped beyond a cap."""

    def __init__(
        self, new_conversation: Callable[[Settings], Conversation], limit: int = MAX_SESSIONS
    ):
        self._new = new_conversation
        self._limit = limit
        self._sessions: OrderedDict[str, _Session] = OrderedDict()
        self._lock = threading.Lock()

    def open(self, settings: Settings | None = None) -> str:
        settings = settings or Settings()
        session_id = secrets.token_urlsafe(16)
        with self._lock:
            self._sessions[session_id] = _Session(self._new(settings), settings)
            while len(self._sessions) > self._limit:
                self._sessions.popitem(last=False)
        return session_id

    def get(self, session_id: str) -> _Session | None:
        with self._lock:
            session = self._sessions.get(session_id)
            if session is not None:
                self._sessions.move_to_end(session_id)
            return session


def export_transcript(session: _Session) -> str:
    """The session as a golden transcript (tests/voice/golden): '#' header, then the turns."""
    s = session.settings
    when = s.clock.isoformat() if s.clock else "the real time"
    header = [
        f"# Exported from the local console: {s.locale}, {s.device}, user {s.user}, at {when}.",
        "# Replays turn for turn as a golden transcript when the session was a new user's, on a",
        "# speaker at the golden clock, and opened the skill by name.",
    ]
    return "\n".join(header + session.transcript) + "\n"


def _today(settings: Settings, zone: str) -> date:
    try:
        return settings.now().astimezone(ZoneInfo(zone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return settings.now().date()


def _progress(
    store: ProgressStore, config: Config, user_id: str, settings: Settings
) -> dict[str, Any]:
    """The user's stored record (the recognised person's own when one is speaking), and the
    progress panel drawn from it."""
    try:
        stored = store.load(subject_id(user_id, PERSONS[settings.person][1]))
    except StoreUnavailableError:
        return {"available": False, "progress": None, "panel": None}
    zone = stored.time_zone.name if stored.time_zone else config.timezone
    return {
        "available": True,
        "user": user_id,
        "progress": _jsonable(stored),
        "panel": console_view.progress_panel(stored, _today(settings, zone)),
    }


class _AtRequestTime:
    """Runs the skill in-process at the time its request carries: the skill's clock is the
    simulated Alexa's, whatever that clock does (set by the page, or the real time)."""

    def __init__(self, skill: CustomSkill) -> None:
        self._skill = SkillTransport(skill)

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        stamp = datetime.fromisoformat(envelope["request"]["timestamp"])
        with running_at(lambda: stamp):
            return self._skill.send(envelope)


def _new_conversation(skill: CustomSkill, skill_id: str, settings: Settings) -> Conversation:
    """A simulated Alexa for one console session, as its settings say."""
    user_id = USERS[settings.user][1] or f"{SIMULATOR_USER_ID}-{secrets.token_hex(8)}"
    # The page talks to this skill only, so what is typed outside a session still goes to it,
    # as with name-free routing ("Alexa, start my morning moves").
    return Conversation(
        _AtRequestTime(skill),
        locale=settings.locale,
        skill_id=skill_id,
        user_id=user_id,
        clock=settings.now,
        require_invocation=False,
        device=DEVICES[settings.device][1],
        person_id=PERSONS[settings.person][1],
    )


def _payload() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "expected a JSON object")
    return data


def console_blueprint(skill: CustomSkill, store: ProgressStore, config: Config) -> Blueprint:
    """The page at / and its API under /console/api/."""
    skill_id = config.skill_id or SIMULATOR_SKILL_ID

    sessions = ConsoleSessions(partial(_new_conversation, skill, skill_id))
    console = Blueprint("console", __name__)

    @console.before_request
    def local_only() -> None:
        # Loopback clients only, addressed by a loopback name (defeats DNS rebinding).
        if not is_loopback(request.remote_addr) or not is_loopback(request.host.rsplit(":", 1)[0]):
            abort(403)
        if request.method == "POST" and not request.is_json:
            # A JSON content type forces a CORS preflight, which we never grant.
            abort(415)

    @console.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        return jsonify(error=exc.description or exc.name), exc.code or 500

    @console.get("/")
    def page() -> Response:
        return Response(_STATIC.joinpath("console.html").read_bytes(), mimetype="text/html")

    @console.get("/favicon.ico")
    def favicon() -> Response:
        return static("favicon.svg")

    @console.get("/console/<name>")
    def static(name: str) -> Response:
        if name not in _STATIC_FILES:
            abort(404)
        return Response(_STATIC.joinpath(name).read_bytes(), mimetype=_STATIC_FILES[name])

    def progress(session: _Session) -> dict[str, Any]:
        return _progress(store, config, session.conversation.user_id, session.settings)

    def find(session_id: object) -> _Session:
        session = sessions.get(session_id) if isinstance(session_id, str) else None
        if session is None:
            abort(404, "unknown session: start a new one")
        return session

    @console.post("/console/api/sessions")
    def new_session() -> Response:
        settings = Settings.from_json(_payload())
        session_id = sessions.open(settings)
        session = find(session_id)
        return jsonify(
            session=session_id,
            settings=settings.to_json(),
            options=options(),
            suggestions=suggestions(None, settings.locale),
            progress=progress(session),
        )

    @console.post("/console/api/say")
    def say() -> tuple[Response, int] | Response:
        data = _payload()
        text = data.get("text")
        if not isinstance(text, str) or len(text) > MAX_UTTERANCE:
            abort(400, f"text must be a string of at most {MAX_UTTERANCE} characters")
        session = find(data.get("session"))
        with session.lock:
            if len(session.transcript) >= MAX_TURNS:
                abort(409, f"a session holds at most {MAX_TURNS} turns: start a new one")
            try:
                turn = session.conversation.say(text)
            except (SimulatorError, AskSdkException) as exc:
                return jsonify(error=f"the skill did not answer: {exc}"), 502
            session.transcript.append(format_turn(turn))
        shown = turn_json(turn, session.settings.locale)
        return jsonify(turn=shown, progress=progress(session))

    @console.get("/console/api/progress")
    def current_progress() -> Response:
        """A session's user's progress; without a session, the default user's."""
        session_id = request.args.get("session")
        if session_id is None:
            return jsonify(_progress(store, config, SIMULATOR_USER_ID, Settings()))
        return jsonify(progress(find(session_id)))

    @console.get("/console/api/export")
    def export() -> Response:
        session = find(request.args.get("session"))
        with session.lock:
            text = export_transcript(session)
        name = f"console-{session.settings.locale}.txt"
        return Response(
            text,
            mimetype="text/plain",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    return console
