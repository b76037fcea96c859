"""skill.digest is SHA-256, whichever implementation it found: the same digests as hashlib."""

from __future__ import annotations

import hashlib

import pytest

from skill.digest import sha256_hex


@pytest.mark.parametrize(
    "text",
    ["", "amzn1.ask.account.AGF7EXAMPLE", "ünïcødé 🏃", "x" * 10_000],
)
def test_same_digest_as_hashlib(text: str) -> None:
    assert sha256_hex(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
