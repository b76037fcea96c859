"""Progress across the turns of a session, with the store's cost and failures kept in check.

- Reads: the store is read once, on the first turn of a session; what the engine needs (recent
  days, profile) and the user's time zone ride in the session attributes after that.
- Writes: one store call per progress event the engine emits; none on other turns.
- Failures: when the store raises StoreUnavailableError the coach keeps going. Unsaved events
  wait in the session attributes, in order, and are written on a later turn (SessionEndedRequest
  included); each turn with something pending logs what it is, with the user id hashed. After a
  failure no further store call is made in that turn, so a dead database costs one timeout.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ask_sdk_core.handler_input import HandlerInput

from skill.config import Config
from skill.domain.history import (
    event_from_json,
    event_to_json,
    for_session,
    progress_from_json,
    progress_to_json,
    with_event,
)
from skill.domain.progress import (
    Completion,
    ForgetUser,
    ProfileUpdate,
    ProgressEvent,
    UserProgress,
)
from skill.store.base import ProgressStore, StoreUnavailableError
from skill.voice.redact import user_ref
from skill.voice.timezone import TimeZoneLookup, device_time_zone, zone_or_none

log = logging.getLogger(__name__)

PROGRESS_KEY = "mmp"


def user_id_of(handler_input: HandlerInput) -> str:
    """The Alexa user id of this request (from context.System, present on every request)."""
    envelope = handler_input.request_envelope
    for holder in (getattr(envelope.context, "system", None), envelope.session):
        user = getattr(holder, "user", None)
        if user is not None and user.user_id:
            return str(user.user_id)
    raise ValueError("request carries no user id")


@dataclass
class SessionProgress:
    """One turn's view of a user's progress; `save` puts it back in the session attributes."""

    store: ProgressStore
    user_id: str
    time_zone: str
    progress: UserProgress
    loaded: bool
    pending: list[ProgressEvent] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)
    loaded_this_turn: bool = False
    store_ok: bool = True

    @property
    def zone(self) -> ZoneInfo:
        return zone_or_none(self.time_zone) or ZoneInfo("UTC")

    def apply(self, events: tuple[ProgressEvent, ...] | list[ProgressEvent]) -> None:
        """Record the engine's progress events and keep the session's copy in step."""
        for event in events:
            if isinstance(event, Completion):
                if event.key in self.seen:
                    continue  # the engine emitted it already this session
                self.seen.append(event.key)
            if isinstance(event, ForgetUser):
                self.pending.clear()
                self.seen.clear()
            counted = self._write(event)
            # Not counted because the store already had it, and the store was read this turn:
            # the loaded days include it already.
            if not (counted is False and self.loaded_this_turn):
                self.progress = with_event(self.progress, event)

    def flush(self) -> None:
        """Write what waits in the session, oldest first, until the store fails."""
        while self.pending and self.store_ok:
            event = self.pending[0]
            if self._call(event) is None:
                return
            self.pending.pop(0)

    def save(self, handler_input: HandlerInput, *, session_ending: bool = False) -> None:
        """Put the session's copy back into the session attributes; log what is still pending."""
        if session_ending:
            self.flush()
        if self.pending:
            self._log_pending(lost=session_ending)
        data: dict[str, Any] = {"tz": self.time_zone}
        if self.loaded:
            data["p"] = progress_to_json(self.progress)
        if self.pending:
            data["q"] = [event_to_json(e) for e in self.pending]
        if self.seen:
            data["k"] = list(self.seen)
        attrs = handler_input.attributes_manager.session_attributes
        if attrs is None:
            attrs = handler_input.attributes_manager.session_attributes = {}
        attrs[PROGRESS_KEY] = data

    def _write(self, event: ProgressEvent) -> bool | None:
        """Write now if nothing older is waiting; otherwise queue. None when queued."""
        if self.pending or not self.store_ok:
            self.pending.append(event)
            return None
        result = self._call(event)
        if result is None:
            self.pending.append(event)
        return result

    def _call(self, event: ProgressEvent) -> bool | None:
        """One store call; None (and no more calls this turn) when the store is unavailable."""
        try:
            match event:
                case Completion():
                    return self.store.record(self.user_id, event)
                case ProfileUpdate():
                    self.store.update_profile(self.user_id, event)
                case ForgetUser():
                    self.store.delete_user(self.user_id)
            return True
        except StoreUnavailableError as exc:
            self.store_ok = False
            log.warning("store unavailable for %s: %s", user_ref(self.user_id), exc)
            return None

    def _log_pending(self, *, lost: bool) -> None:
        summary = json.dumps([event_to_json(e) for e in self.pending], separators=(",", ":"))
        if lost:
            log.error(
                "session ended with %d progress events NOT saved for %s: %s",
                len(self.pending),
                user_ref(self.user_id),
                summary,
            )
        else:
            log.warning(
                "%d progress events pending in the session for %s (will retry next turn): %s",
                len(self.pending),
                user_ref(self.user_id),
                summary,
            )


class ProgressKeeper:
    """Opens each turn's SessionProgress: from the session attributes when they carry it, else
    from the store (and the device's time zone from the settings API), once per session."""

    def __init__(
        self,
        store: ProgressStore,
        config: Config,
        time_zone_lookup: TimeZoneLookup | None = None,
    ):
        """`time_zone_lookup` defaults to the device settings API (`device_time_zone`)."""
        self._store = store
        self._default_zone = config.timezone if zone_or_none(config.timezone) else "UTC"
        self._lookup = time_zone_lookup

    def open(self, handler_input: HandlerInput, now: datetime) -> SessionProgress:
        """This turn's progress: anything pending is written first, then the progress comes from
        the session attributes, or (first turn, or the store failed before) from the store."""
        attrs = handler_input.attributes_manager.session_attributes or {}
        cached = attrs.get(PROGRESS_KEY)
        cached = cached if isinstance(cached, dict) else {}
        time_zone = cached.get("tz")
        if not isinstance(time_zone, str) or zone_or_none(time_zone) is None:
            lookup = self._lookup or device_time_zone
            time_zone = lookup(handler_input) or self._default_zone
        pending = [e for e in map(event_from_json, cached.get("q") or ()) if e is not None]
        seen = [k for k in cached.get("k") or () if isinstance(k, str)]
        session = SessionProgress(
            store=self._store,
            user_id=user_id_of(handler_input),
            time_zone=time_zone,
            progress=UserProgress(),
            loaded=False,
            pending=pending,
            seen=seen,
        )
        session.flush()
        progress = progress_from_json(cached.get("p"))
        if progress is not None:
            session.progress, session.loaded = progress, True
        elif session.store_ok:
            self._load(session, now.astimezone(session.zone).date())
        else:
            session.progress = _with_events(UserProgress(), session.pending)
        return session

    def _load(self, session: SessionProgress, today: date) -> None:
        try:
            loaded = self._store.load(session.user_id)
        except StoreUnavailableError as exc:
            session.store_ok = False
            log.warning(
                "could not load progress for %s (will retry next turn): %s",
                user_ref(session.user_id),
                exc,
            )
            session.progress = _with_events(UserProgress(), session.pending)
            return
        session.progress = for_session(loaded, today)
        session.loaded = session.loaded_this_turn = True


def _with_events(progress: UserProgress, events: list[ProgressEvent]) -> UserProgress:
    """Events still waiting for the store, laid over what the store returned."""
    for event in events:
        progress = with_event(progress, event)
    return progress
