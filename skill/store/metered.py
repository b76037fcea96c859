"""A ProgressStore that counts what its store did: moves recorded and store errors (EMF metrics).

Wrapping the store, rather than instrumenting each caller, counts every call the skill makes,
whatever handler made it, and the same for every backend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from skill.domain.progress import Completion, ProfileUpdate, UserProgress
from skill.metrics import Metric, count
from skill.store.base import ProgressStore, StoreUnavailableError

T = TypeVar("T")


class MeteredStore:
    """Delegates to `store`; counts MovesRecorded and StoreErrors."""

    def __init__(self, store: ProgressStore) -> None:
        self.store = store

    def _counted(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except StoreUnavailableError:
            count(Metric.STORE_ERRORS)
            raise

    def load(self, user_id: str) -> UserProgress:
        return self._counted(lambda: self.store.load(user_id))

    def record(self, user_id: str, completion: Completion) -> bool:
        counted = self._counted(lambda: self.store.record(user_id, completion))
        if counted:
            count(Metric.MOVES_RECORDED)
        return counted

    def update_profile(self, user_id: str, update: ProfileUpdate) -> None:
        self._counted(lambda: self.store.update_profile(user_id, update))

    def delete_user(self, user_id: str) -> None:
        self._counted(lambda: self.store.delete_user(user_id))

    def delete_account(self, account_id: str) -> None:
        self._counted(lambda: self.store.delete_account(account_id))
