"""SHA-256 hex digests, for user ids and completion keys."""

from __future__ import annotations

import hashlib


def sha256_hex(text: str) -> str:
    """The SHA-256 of `text` (UTF-8) as 64 hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
