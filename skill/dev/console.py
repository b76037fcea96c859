"""The local console: a page to talk to the skill in a browser, and the JSON API behind it.

Each browser session gets its own simulated Alexa `Conversation` (the one `morning-moves chat`
uses: same utterance resolution, same skill, same user). Served only when the app listens on
loopback, only to loopback clients, and never on the Lambda path.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from importlib import resources
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_runtime.exceptions import AskSdkException
from flask import Blueprint, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException

from skill.config import Config
from skill.dev.simulator import (
    SIMULATOR_SKILL_ID,
    SIMULATOR_USER_ID,
    Conversation,
    SimulatorError,
    SkillTransport,
    Turn,
)
from skill.store.base import ProgressStore, StoreUnavailableError
from skill.web.local import is_loopback

# What the page offers to click; tests check each one resolves to a real intent.
SUGGESTIONS = (
    "open morning moves",
    "start my morning moves",
    "next",
    "repeat that",
    "pause",
    "resume",
    "help",
    "stop",
)
MAX_SESSIONS = 32
MAX_UTTERANCE = 300
_PAUSE = re.compile(r"\[(\d+(?:\.\d+)?)s\]")
_STATIC = resources.files("skill.dev") / "static"
_STATIC_FILES = {
    "console.js": "text/javascript",
    "console.css": "text/css",
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


def turn_json(turn: Turn) -> dict[str, Any]:
    """The simulator's turn, plus the reply split into speech and pauses for the browser."""
    return turn.to_json() | {"segments": speech_segments(turn.text)}


class _Session:
    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.lock = threading.Lock()


class ConsoleSessions:
    """One conversation per browser session; the least recently used is dropped beyond a cap."""

    def __init__(self, new_conversation: Callable[[], Conversation], limit: int = MAX_SESSIONS):
        self._new = new_conversation
        self._limit = limit
        self._sessions: OrderedDict[str, _Session] = OrderedDict()
        self._lock = threading.Lock()

    def open(self) -> str:
        session_id = secrets.token_urlsafe(16)
        with self._lock:
            self._sessions[session_id] = _Session(self._new())
            while len(self._sessions) > self._limit:
                self._sessions.popitem(last=False)
        return session_id

    def get(self, session_id: str) -> _Session | None:
        with self._lock:
            session = self._sessions.get(session_id)
            if session is not None:
                self._sessions.move_to_end(session_id)
            return session


def console_blueprint(skill: CustomSkill, store: ProgressStore, config: Config) -> Blueprint:
    """The page at / and its API under /console/api/."""
    skill_id = config.skill_id or SIMULATOR_SKILL_ID
    user_id = SIMULATOR_USER_ID
    # The page talks to this skill only, so what is typed outside a session still goes to it,
    # as with name-free routing ("Alexa, start my morning moves").
    sessions = ConsoleSessions(
        lambda: Conversation(SkillTransport(skill), skill_id=skill_id, require_invocation=False)
    )
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

    @console.get("/console/<name>")
    def static(name: str) -> Response:
        if name not in _STATIC_FILES:
            abort(404)
        return Response(_STATIC.joinpath(name).read_bytes(), mimetype=_STATIC_FILES[name])

    def progress() -> dict[str, Any]:
        try:
            return {"available": True, "progress": _jsonable(store.load(user_id))}
        except StoreUnavailableError:
            return {"available": False, "progress": None}

    @console.post("/console/api/sessions")
    def new_session() -> Response:
        return jsonify(session=sessions.open(), suggestions=list(SUGGESTIONS), progress=progress())

    @console.post("/console/api/say")
    def say() -> tuple[Response, int] | Response:
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            abort(400, "expected a JSON object")
        text, session_id = payload.get("text"), payload.get("session")
        if not isinstance(text, str) or len(text) > MAX_UTTERANCE:
            abort(400, f"text must be a string of at most {MAX_UTTERANCE} characters")
        session = sessions.get(session_id) if isinstance(session_id, str) else None
        if session is None:
            abort(404, "unknown session: start a new one")
        with session.lock:
            try:
                turn = session.conversation.say(text)
            except (SimulatorError, AskSdkException) as exc:
                return jsonify(error=f"the skill did not answer: {exc}"), 502
        return jsonify(turn=turn_json(turn), progress=progress())

    @console.get("/console/api/progress")
    def current_progress() -> Response:
        return jsonify(progress())

    return console
