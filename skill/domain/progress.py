"""A user's lasting progress, and the changes to it that a session produces."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from skill.domain.ids import MoveId, Style


class KnownZone(NamedTuple):
    """The user's IANA time zone and when Alexa's settings API last confirmed it (UTC)."""

    name: str
    confirmed_at: datetime


class HistorySummary(NamedTuple):
    """What a session needs from the days it does not load: when the user began, where the
    unbroken run of active days that ends at their latest active day began, and their first
    whole routine. Stored with each completion, so a session start reads recent days only."""

    first_active: date
    run_start: date
    first_routine: date | None = None


class Completion(NamedTuple):
    """One completed move. `key` is deterministic for a given session turn, so a retried
    request produces the same key and the store can refuse to count it twice. `time_zone`,
    when set, is remembered with it (in the same write): the session's confirmed zone.
    `history`, when set, is the user's HistorySummary with this completion counted; None when
    the session could not load the history (the store then rebuilds it on a later load)."""

    key: str
    move: MoveId
    reps: int
    sets: int
    local_date: date
    completed_at: datetime
    time_zone: KnownZone | None = None
    history: HistorySummary | None = None


class ProfileUpdate(NamedTuple):
    """Changes to the user's profile; None means unchanged."""

    age: int | None = None
    tempo: float | None = None
    dose_adjustments: dict[MoveId, int] | None = None
    style: Style | None = None  # the moves chosen: standard or gentle
    style_offered: date | None = None  # when the standard moves were last suggested


class ForgetUser:
    """The user confirmed that all their data should be deleted."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ForgetUser)

    def __hash__(self) -> int:
        return hash(ForgetUser)

    def __repr__(self) -> str:
        return "ForgetUser()"


class ForgetAccount:
    """The account disabled the skill: delete its own data and every recognised person's on
    it (the engine never emits it; the outbox carries it when the store is down)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ForgetAccount)

    def __hash__(self) -> int:
        return hash(ForgetAccount)

    def __repr__(self) -> str:
        return "ForgetAccount()"


ProgressEvent = Completion | ProfileUpdate | ForgetUser | ForgetAccount


class Profile(NamedTuple):
    """What the user told us, and what feedback and tempo taught us."""

    age: int | None = None
    tempo: float = 1.0
    dose_adjustments: dict[MoveId, int] = {}  # noqa: RUF012  # shared, never mutated
    style: Style = Style.STANDARD  # the moves the user chose ("make it gentle")
    style_offered: date | None = None  # when the skill last suggested the standard moves


class DayTotal(NamedTuple):
    """Reps done of each move on one local date."""

    local_date: date
    reps: dict[MoveId, int]


class UserProgress(NamedTuple):
    """Everything the engine knows about a user at the start of a session; `time_zone` is the
    most recently confirmed zone the store remembers (None when it knows none).

    `days` may be only the recent ones: `run_start` is then where the run of active days that
    ends at the latest of them began, and `first_routine` the first date with a whole routine
    (None: nothing known beyond `days`)."""

    profile: Profile = Profile()
    first_active: date | None = None
    days: tuple[DayTotal, ...] = ()
    time_zone: KnownZone | None = None
    run_start: date | None = None
    first_routine: date | None = None

    @property
    def is_new(self) -> bool:
        return self.first_active is None and not self.days
