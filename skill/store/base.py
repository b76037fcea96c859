"""The ProgressStore protocol: what the skill needs from any database."""

from __future__ import annotations

from typing import Protocol

from skill.digest import sha256_hex
from skill.domain.progress import Completion, ProfileUpdate, UserProgress


class StoreUnavailableError(Exception):
    """The store could not be reached or refused the work (throttled, timed out, down)."""


class ProgressStore(Protocol):
    """Per-user progress. Implementations raise StoreUnavailableError on any transient failure."""

    def load(self, user_id: str) -> UserProgress:
        """A user's progress, with the remembered time zone whose confirmation is the latest;
        a new user gets an empty UserProgress."""
        ...

    def record(self, user_id: str, completion: Completion) -> bool:
        """Count a completed move once per key and local day (`completion_tag`); False when
        that key was already counted that day. A set `completion.time_zone` is remembered by
        the same write (no call of its own)."""
        ...

    def update_profile(self, user_id: str, update: ProfileUpdate) -> None:
        """Apply profile changes (only the fields that are set)."""
        ...

    def delete_user(self, user_id: str) -> None:
        """Forget everything about a user."""
        ...


def user_key(user_id: str) -> str:
    """The key a store files a user under: a SHA-256 of the Alexa user id, so no database holds
    the id in clear, and every key has the same short length."""
    return sha256_hex(user_id)


def completion_tag(completion: Completion) -> str:
    """What every store dedupes a completion by: a short fixed-length digest of its local day
    and its idempotency key. The day is in the digest, not only in where a store files it, so
    that a store keeping one set of tags per user (SQLite, memory) and one keeping a set per
    day (DynamoDB) count the same completions."""
    return sha256_hex(f"{completion.local_date.isoformat()}#{completion.key}")[:20]
