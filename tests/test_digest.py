"""skill.digest is SHA-256 over UTF-8: known digests (FIPS 180-2 test vectors and one non-ASCII)."""

from __future__ import annotations

import pytest

from skill.digest import sha256_hex


@pytest.mark.parametrize(
    ("text", "digest"),
    [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("\u00e9", "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"),
    ],
)
def test_known_digests(text: str, digest: str) -> None:
    assert sha256_hex(text) == digest
