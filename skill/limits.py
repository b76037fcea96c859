"""Shape limits on a request envelope, checked before the SDK sees it (web and Lambda alike).

The SDK deep-copies session attributes and walks the envelope recursively: 500 levels of
nesting were enough for a RecursionError (an HTTP 500). Alexa's envelopes are about 8 levels
deep and a few hundred values; the limits leave room for growth and none for abuse. Strings
must be encodable as UTF-8 (JSON allows lone surrogates, which break hashing and logging).
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 32
MAX_VALUES = 10_000
MAX_STRING_CHARS = 64 * 1024


class EnvelopeRejectedError(ValueError):
    """The event is not an Alexa request envelope within our limits; the message says why."""


def check_envelope(data: object) -> dict[str, Any]:
    """`data` itself when it is an object with a `request` object, within the limits."""
    if not isinstance(data, dict) or not isinstance(data.get("request"), dict):
        raise EnvelopeRejectedError("not an Alexa request envelope")
    stack: list[tuple[object, int]] = [(data, 1)]
    seen = 0
    while stack:  # iterative: the point is not to recurse on a hostile depth
        value, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise EnvelopeRejectedError(f"envelope has more than {MAX_VALUES} values")
        if isinstance(value, dict):
            children: Any = value.values()
            if not all(isinstance(key, str) and _fine(key) for key in value):
                raise EnvelopeRejectedError("envelope has a bad key")
        elif isinstance(value, list):
            children = value
        else:
            if isinstance(value, str) and not _fine(value):
                raise EnvelopeRejectedError("envelope has a string that is too long or not UTF-8")
            continue
        if depth >= MAX_DEPTH and children:
            raise EnvelopeRejectedError(f"envelope is nested deeper than {MAX_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children)
    return data


def _fine(text: str) -> bool:
    if len(text) > MAX_STRING_CHARS:
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
