"""SHA-256 hex digests, without loading OpenSSL on a cold start.

Importing `hashlib` loads OpenSSL's libcrypto (about 11 M instructions, a twelfth of the
skill's cold-start budget; bench/), although CPython carries its own SHA-256: `_sha2` from
Python 3.12 (Lambda's python3.13), `_sha256` before. The skill hashes a user id on every first
turn and needs nothing else from OpenSSL then. Same digests either way (tests/test_digest.py); a
CPython built without its own hashes falls back to hashlib.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_sha256: Callable[[bytes], Any]
try:
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
    except ImportError:  # pragma: no cover - CPython built without its own hashes
        from hashlib import sha256 as _sha256  # type: ignore[no-redef,unused-ignore]


def sha256_hex(text: str) -> str:
    """The SHA-256 of `text` (UTF-8) as 64 hex digits."""
    return str(_sha256(text.encode("utf-8")).hexdigest())
