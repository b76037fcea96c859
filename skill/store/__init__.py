"""Progress stores: a protocol in domain terms and its implementations."""

from skill.store.base import ProgressStore, StoreUnavailableError

__all__ = ["ProgressStore", "StoreUnavailableError"]
