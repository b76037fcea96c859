"""Progress across the turns of a session, with the store's cost and failures kept in check.

- Reads: the store is read once, on the first turn of a session; what the engine needs (recent
  days, profile) and the user's time zone ride in the session attributes after that.
- Time zone: the store remembers it with the user's completions, with when Alexa's settings API
  last confirmed it. A zone confirmed within ZONE_RECHECK_AFTER is used as is; an older or
  missing one is asked of the settings API (so about one call a week per user, not one per
  session); when the API fails, a remembered zone (however old) beats the configured default.
  Completions carry the session's zone to the store with its confirmation time: a re-used zone
  keeps its old one (so it is re-checked in time), and the configured default is never stored.
- Writes: one store call per progress event the engine emits; none on other turns.
- Failures: when the store raises StoreUnavailableError the coach keeps going. Unsaved events
  wait in the session attributes, in order, and are written on a later turn (SessionEndedRequest
  included); each turn with something pending logs what it is, with the user id hashed. After a
  failure no further store call is made in that turn, so a dead database costs one timeout.
  What is still unsaved when the session ends goes to the durable outbox (skill.outbox), which
  is drained into the store later; only when the outbox fails too is it logged as lost.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
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
    summarize,
    with_event,
)
from skill.domain.progress import (
    Completion,
    ForgetUser,
    KnownZone,
    ProgressEvent,
    UserProgress,
)
from skill.domain.reminders import completed_routine_dates
from skill.metrics import Metric, count
from skill.outbox import Outbox, OutboxUnavailableError, apply_event
from skill.store.base import ProgressStore, StoreUnavailableError
from skill.voice import envelope
from skill.voice.redact import user_ref
from skill.voice.timezone import TimeZoneLookup, device_time_zone, zone_or_none

log = logging.getLogger(__name__)

# A remembered zone older than this is asked of the settings API again (users travel and move).
ZONE_RECHECK_AFTER = timedelta(days=7)


class SessionProgress:
    """One turn's view of a user's progress; `save` gives the copy kept in the session.

    A plain class, not a dataclass: it is created on every turn and defined on every cold start,
    where a dataclass's generated methods cost more than they give (skill/domain/__init__.py).
    """

    def __init__(
        self,
        *,
        store: ProgressStore,
        user_id: str,
        time_zone: str,
        progress: UserProgress,
        loaded: bool,
        pending: list[ProgressEvent] | None = None,
        seen: list[str] | None = None,
        zone_confirmed_at: datetime | None = None,
        outbox: Outbox | None = None,
        person: str | None = None,
    ) -> None:
        self.store = store
        # The recognised speaker the session belongs to (None: the account's own data).
        self.person = person
        self.outbox = outbox
        self.user_id = user_id
        self.time_zone = time_zone
        self.progress = progress
        self.loaded = loaded
        self.pending: list[ProgressEvent] = pending if pending is not None else []
        self.seen: list[str] = seen if seen is not None else []
        self.loaded_this_turn = False
        self.store_ok = True
        # When the settings API confirmed `time_zone`; None for the configured default.
        self.zone_confirmed_at = zone_confirmed_at

    @property
    def zone(self) -> ZoneInfo:
        return zone_or_none(self.time_zone) or ZoneInfo("UTC")

    @property
    def known_zone(self) -> KnownZone | None:
        """The zone to remember with this session's completions (never the default)."""
        if self.zone_confirmed_at is None or zone_or_none(self.time_zone) is None:
            return None
        return KnownZone(self.time_zone, self.zone_confirmed_at)

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
                before = self.progress
                self.progress = with_event(self.progress, event)
                if counted and isinstance(event, Completion):
                    _count_routine(before, self.progress, event)

    def flush(self) -> None:
        """Write what waits in the session, oldest first, until the store fails."""
        while self.pending and self.store_ok:
            event = self.pending[0]
            if self._call(event) is None:
                return
            self.pending.pop(0)

    def save(self, *, session_ending: bool = False) -> dict[str, Any]:
        """The session's copy, for the session attributes; logs what is still pending."""
        if session_ending:
            self.flush()
            if self.pending:
                self._queue_pending()
        if self.pending:
            self._log_pending(lost=session_ending)
        data: dict[str, Any] = {"tz": self.time_zone}
        if self.person is not None:
            data["pr"] = self.person
        if self.zone_confirmed_at is not None:
            data["tzc"] = int(self.zone_confirmed_at.timestamp())
        if self.loaded:
            data["p"] = progress_to_json(self.progress)
        if self.pending:
            data["q"] = [event_to_json(e) for e in self.pending]
        if self.seen:
            data["k"] = list(self.seen)
        return data

    def _queue_pending(self) -> None:
        """Hand what the store would not take to the outbox (the session is ending)."""
        if self.outbox is None:
            return
        try:
            self.outbox.put(self.user_id, self.pending)
        except OutboxUnavailableError as exc:
            log.error("outbox unavailable for %s: %s", user_ref(self.user_id), exc)
            return
        log.warning(
            "session ended with %d progress events queued in the outbox for %s",
            len(self.pending),
            user_ref(self.user_id),
        )
        self.pending.clear()

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
            stamped = self._stamped(event) if isinstance(event, Completion) else event
            return apply_event(self.store, self.user_id, stamped)
        except StoreUnavailableError as exc:
            self.store_ok = False
            log.warning("store unavailable for %s: %s", user_ref(self.user_id), exc)
            return None

    def _stamped(self, completion: Completion) -> Completion:
        """The completion with the session's confirmed zone and, when the session's history
        came from the store, the user's HistorySummary with it counted (stored with it, so
        the next session start reads recent days only)."""
        history = summarize(with_event(self.progress, completion)) if self.loaded else None
        return completion._replace(time_zone=self.known_zone, history=history)

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
    from the store (and, when the store's zone is missing or stale, the device's time zone from
    the settings API), once per session."""

    def __init__(
        self,
        store: ProgressStore,
        config: Config,
        time_zone_lookup: TimeZoneLookup | None = None,
        outbox: Outbox | None = None,
    ):
        """`time_zone_lookup` defaults to the device settings API (`device_time_zone`);
        `outbox` takes what is unsaved at the end of a session (None: it is logged as lost)."""
        self._store = store
        self._outbox = outbox
        self._default_zone = config.timezone if zone_or_none(config.timezone) else "UTC"
        self._lookup = time_zone_lookup

    def open(
        self, handler_input: HandlerInput, now: datetime, cached: Mapping[str, Any]
    ) -> SessionProgress:
        """This turn's progress: anything pending is written first, then the progress comes from
        the session's copy (`cached`, from SessionProgress.save), or (first turn, or the store
        failed before) from the store; the time zone from the session's copy, or (first turn) by
        `_choose_zone`."""
        # A session is its opener's: a later turn by another voice (or none) does not move
        # what the session counts to someone else halfway through a routine.
        person = envelope.valid_person(cached.get("pr")) if cached else None
        if not cached:
            person = envelope.person_id(handler_input)
        user_id = envelope.subject(handler_input, person)
        pending = _read_back_events(cached.get("q"), now, user_id)
        seen = [k for k in cached.get("k") or () if isinstance(k, str)]
        session = SessionProgress(
            store=self._store,
            user_id=user_id,
            time_zone="",
            progress=UserProgress(),
            loaded=False,
            pending=pending,
            seen=seen,
            outbox=self._outbox,
            person=person,
        )
        time_zone = cached.get("tz")
        if isinstance(time_zone, str) and zone_or_none(time_zone) is not None:
            session.time_zone = time_zone
            session.zone_confirmed_at = _moment(cached.get("tzc"))
        session.flush()
        progress = progress_from_json(cached.get("p"), now.date())
        if progress is None and cached.get("p") is not None:
            log.warning("dropped session progress out of bounds for %s", user_ref(user_id))
        loaded = None
        if progress is not None:
            session.progress, session.loaded = progress, True
        elif session.store_ok:
            loaded = self._load(session)
        if not session.time_zone:
            stored = loaded.time_zone if loaded is not None else None
            self._choose_zone(session, handler_input, stored, now)
        if loaded is not None:
            session.progress = for_session(loaded, now.astimezone(session.zone).date())
            session.loaded = session.loaded_this_turn = True
        elif not session.loaded:
            session.progress = _with_events(UserProgress(), session.pending)
        return session

    def _choose_zone(
        self,
        session: SessionProgress,
        handler_input: HandlerInput,
        stored: KnownZone | None,
        now: datetime,
    ) -> None:
        """A recently confirmed stored zone; else the settings API's answer (confirmed now);
        else the stored zone however old; else the configured default (never confirmed)."""
        if stored is not None and zone_or_none(stored.name) is None:
            stored = None
        chosen = stored
        if stored is None or now - stored.confirmed_at > ZONE_RECHECK_AFTER:
            answer = (self._lookup or device_time_zone)(handler_input)
            if answer and zone_or_none(answer) is not None:
                chosen = KnownZone(answer, now)
        if chosen is None:
            session.time_zone, session.zone_confirmed_at = self._default_zone, None
        else:
            session.time_zone, session.zone_confirmed_at = chosen.name, chosen.confirmed_at

    def _load(self, session: SessionProgress) -> UserProgress | None:
        """The store's copy of the user's progress; None (and no more store calls this turn)
        when the store is unavailable."""
        try:
            return self._store.load(session.user_id)
        except StoreUnavailableError as exc:
            session.store_ok = False
            log.warning(
                "could not load progress for %s (will retry next turn): %s",
                user_ref(session.user_id),
                exc,
            )
            return None


def _count_routine(before: UserProgress, after: UserProgress, completion: Completion) -> None:
    """The RoutinesCompleted metric: once, by the completion that finishes a day's five moves."""
    day = completion.local_date
    if day in completed_routine_dates(after) and day not in completed_routine_dates(before):
        count(Metric.ROUTINES_COMPLETED)


def _read_back_events(raw: Any, now: datetime, user_id: str) -> list[ProgressEvent]:
    """The events waiting in the session, minus any outside the engine's bounds (forged
    attributes must not reach the store), each dropped one logged."""
    events: list[ProgressEvent] = []
    for data in raw if isinstance(raw, list) else ():
        event = event_from_json(data, now)
        if event is None:
            log.warning("dropped a pending progress event out of bounds for %s", user_ref(user_id))
        else:
            events.append(event)
    return events


def _moment(stamp: Any) -> datetime | None:
    """A Unix-seconds timestamp from the session attributes as a UTC datetime; None if absent
    or malformed."""
    if not isinstance(stamp, int) or isinstance(stamp, bool):
        return None
    try:
        return datetime.fromtimestamp(stamp, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _with_events(progress: UserProgress, events: list[ProgressEvent]) -> UserProgress:
    """Events still waiting for the store, laid over what the store returned."""
    for event in events:
        progress = with_event(progress, event)
    return progress
