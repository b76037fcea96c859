"""An in-process store, for tests and the simulator."""

from __future__ import annotations

import threading
from datetime import date

from skill.domain.history import reps_of, with_profile_update
from skill.domain.ids import MoveId
from skill.domain.progress import (
    Completion,
    DayTotal,
    KnownZone,
    Profile,
    ProfileUpdate,
    UserProgress,
)
from skill.store.base import account_of, completion_tag


class MemoryStore:
    """Thread-safe dictionary-backed ProgressStore."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._profiles: dict[str, Profile] = {}
        self._tags: dict[str, set[str]] = {}  # completion_tag of each counted completion
        self._completions: dict[str, list[Completion]] = {}

    def load(self, user_id: str) -> UserProgress:
        with self._lock:
            completions = list(self._completions.get(user_id, ()))
            profile = self._profiles.get(user_id, Profile())
        by_day: dict[date, dict[MoveId, int]] = {}
        for c in completions:
            day = by_day.setdefault(c.local_date, {})
            day[c.move] = day.get(c.move, 0) + reps_of(c)
        days = tuple(DayTotal(d, reps) for d, reps in sorted(by_day.items()))
        first = min((c.local_date for c in completions), default=None)
        return UserProgress(
            profile=profile, first_active=first, days=days, time_zone=latest_zone(completions)
        )

    def record(self, user_id: str, completion: Completion) -> bool:
        with self._lock:
            tags = self._tags.setdefault(user_id, set())
            tag = completion_tag(completion)
            if tag in tags:
                return False
            tags.add(tag)
            self._completions.setdefault(user_id, []).append(completion)
            return True

    def update_profile(self, user_id: str, update: ProfileUpdate) -> None:
        with self._lock:
            profile = self._profiles.get(user_id, Profile())
            self._profiles[user_id] = with_profile_update(profile, update)

    def delete_user(self, user_id: str) -> None:
        with self._lock:
            self._forget(user_id)

    def delete_account(self, account_id: str) -> None:
        with self._lock:
            for subject in {*self._profiles, *self._tags, *self._completions}:
                if account_of(subject) == account_id:
                    self._forget(subject)

    def _forget(self, subject: str) -> None:
        self._profiles.pop(subject, None)
        self._tags.pop(subject, None)
        self._completions.pop(subject, None)


def latest_zone(completions: list[Completion]) -> KnownZone | None:
    """The zone remembered with the latest confirmation (the last recorded on a tie)."""
    zones = [c.time_zone for c in completions if c.time_zone is not None]
    return max(reversed(zones), key=lambda z: z.confirmed_at, default=None)
