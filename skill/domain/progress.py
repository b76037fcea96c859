"""A user's lasting progress, and the changes to it that a session produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from skill.domain.ids import MoveId


class KnownZone(NamedTuple):
    """The user's IANA time zone and when Alexa's settings API last confirmed it (UTC)."""

    name: str
    confirmed_at: datetime


@dataclass(frozen=True)
class Completion:
    """One completed move. `key` is deterministic for a given session turn, so a retried
    request produces the same key and the store can refuse to count it twice. `time_zone`,
    when set, is remembered with it (in the same write): the session's confirmed zone."""

    key: str
    move: MoveId
    reps: int
    sets: int
    local_date: date
    completed_at: datetime
    time_zone: KnownZone | None = None


@dataclass(frozen=True)
class ProfileUpdate:
    """Changes to the user's profile; None means unchanged."""

    age: int | None = None
    tempo: float | None = None
    dose_adjustments: dict[MoveId, int] | None = None


@dataclass(frozen=True)
class ForgetUser:
    """The user confirmed that all their data should be deleted."""


ProgressEvent = Completion | ProfileUpdate | ForgetUser


@dataclass(frozen=True)
class Profile:
    """What the user told us, and what feedback and tempo taught us."""

    age: int | None = None
    tempo: float = 1.0
    dose_adjustments: dict[MoveId, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DayTotal:
    """Reps done of each move on one local date."""

    local_date: date
    reps: dict[MoveId, int]


@dataclass(frozen=True)
class UserProgress:
    """Everything the engine knows about a user at the start of a session; `time_zone` is the
    most recently confirmed zone the store remembers (None when it knows none)."""

    profile: Profile = field(default_factory=Profile)
    first_active: date | None = None
    days: tuple[DayTotal, ...] = ()
    time_zone: KnownZone | None = None

    @property
    def is_new(self) -> bool:
        return self.first_active is None and not self.days
