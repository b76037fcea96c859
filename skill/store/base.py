"""The ProgressStore protocol: what the skill needs from any database."""

from __future__ import annotations

from typing import Final, Protocol

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
        """Forget everything about a user (one subject: a person, or the account's own data)."""
        ...

    def delete_account(self, account_id: str) -> None:
        """Forget the account's own data and every person's on it (the skill was disabled)."""
        ...


# A subject is whoever the kept data belongs to: the Alexa account (an unrecognised voice), or
# one recognised person on it. Every store method takes a subject id, so every profile field,
# present or future, is per person with no store change. Alexa's ids never contain the separator.
PERSON_SEPARATOR: Final = "|"
# Length of a person's part of a key: 128 bits of SHA-256, plenty for the people on one account.
PERSON_KEY_CHARS: Final = 32


def subject_id(account_id: str, person_id: str | None = None) -> str:
    """The subject a request speaks for: the account, or `person_id` on it."""
    return f"{account_id}{PERSON_SEPARATOR}{person_id}" if person_id else account_id


def account_of(subject: str) -> str:
    """The account a subject belongs to."""
    return subject.partition(PERSON_SEPARATOR)[0]


def user_key(subject: str) -> str:
    """The key a store files a subject under: a SHA-256 of the Alexa account id (so no database
    holds an id in clear), and for a person `.` and a digest of their id after it. The account's
    own data keeps the key it always had, so nothing moves when persons arrive."""
    account, _, person = subject.partition(PERSON_SEPARATOR)
    key = sha256_hex(account)
    return f"{key}.{sha256_hex(person)[:PERSON_KEY_CHARS]}" if person else key


def person_key_range(account_id: str) -> tuple[str, str]:
    """The half-open range [low, high) of every person's key on an account: keys sort by their
    account part first, so a range scan finds them (`/` is the character after `.`)."""
    key = sha256_hex(account_id)
    return f"{key}.", f"{key}/"


def is_person_key(key: str) -> bool:
    return "." in key


def completion_tag(completion: Completion) -> str:
    """What every store dedupes a completion by: a short fixed-length digest of its local day
    and its idempotency key. The day is in the digest, not only in where a store files it, so
    that a store keeping one set of tags per user (SQLite, memory) and one keeping a set per
    day (DynamoDB) count the same completions."""
    return sha256_hex(f"{completion.local_date.isoformat()}#{completion.key}")[:20]
