"""The one renderer from speech-as-data to SSML."""

from __future__ import annotations

import math
from functools import lru_cache

from skill.domain.speech import MAX_BREAK_SECONDS, Pause, Say, Speech

# Characters XML 1.0 forbids even when escaped (C0 controls other than tab, newline, return).
_FORBIDDEN = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_MAX_BREAK_MS = int(MAX_BREAK_SECONDS * 1000)


def escape(text: str) -> str:
    """Escape text for SSML. Not xml.sax.saxutils.escape: importing it pulls in urllib.request,
    http.client and email (about a third of a cold start's extra import time)."""
    text = text.translate(_FORBIDDEN)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _breaks(seconds: float) -> str:
    """Silence as breaks of at most 10 s each; nothing for zero, negative or endless pauses."""
    if not math.isfinite(seconds) or seconds <= 0:
        return ""
    remaining_ms = round(seconds * 1000)
    out: list[str] = []
    while remaining_ms > 0:
        ms = min(remaining_ms, _MAX_BREAK_MS)
        remaining_ms -= ms
        out.append(f'<break time="{ms}ms"/>')
    return "".join(out)


# Speech is an immutable tuple, hashed in C: a counted set (seventy segments) is rendered once
# and found again in microseconds.
@lru_cache(maxsize=512)
def render(speech: Speech) -> str:
    """Render speech as a `<speak>` document; text is escaped, breaks are at most 10 s each."""
    parts: list[str] = []
    for seg in speech.segments:
        if isinstance(seg, Pause):
            parts.append(_breaks(seg.seconds))
        elif isinstance(seg, Say):
            parts.append(escape(seg.text))
        # a Mark is for the screen: nothing to hear
    body = " ".join(p for p in parts if p)
    return f"<speak>{body}</speak>"
