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
    """`data` itself when it is an object with a `request` object, within the limits.

    On every request, so written for speed (8 µs for a launch, 19 µs from an Echo Show):
    containers only go on the stack, scalars are checked where they are met, types compared
    exactly (JSON makes only dict, list, str, int, float, bool and None)."""
    if not isinstance(data, dict) or not isinstance(data.get("request"), dict):
        raise EnvelopeRejectedError("not an Alexa request envelope")
    stack: list[tuple[Any, int]] = [(data, 1)]
    push, pop = stack.append, stack.pop
    values = 0
    while stack:  # iterative: the point is not to recurse on a hostile depth
        node, depth = pop()
        values += len(node)
        if values > MAX_VALUES:
            raise EnvelopeRejectedError(f"envelope has more than {MAX_VALUES} values")
        if type(node) is dict:
            for key in node:
                if type(key) is not str or not (key.isascii() or _fine(key)):
                    raise EnvelopeRejectedError("envelope has a bad key")
                if len(key) > MAX_STRING_CHARS:
                    raise EnvelopeRejectedError("envelope has a bad key")
            children = node.values()
        else:
            children = node
        for child in children:
            kind = type(child)
            if kind is str:
                if len(child) > MAX_STRING_CHARS or not (child.isascii() or _fine(child)):
                    raise EnvelopeRejectedError(
                        "envelope has a string that is too long or not UTF-8"
                    )
            elif kind is dict or kind is list:
                if depth >= MAX_DEPTH:
                    raise EnvelopeRejectedError(
                        f"envelope is nested deeper than {MAX_DEPTH} levels"
                    )
                if child:
                    push((child, depth + 1))
    return data


def _fine(text: str) -> bool:
    """Within the length limit and encodable as UTF-8 (no lone surrogates)."""
    if len(text) > MAX_STRING_CHARS:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
