"""Speech as data: what to say and how long to pause, before anything becomes SSML."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

# Alexa's documented limits (GUIDE.md §2); one source of truth for the renderer and the tests.
MAX_BREAK_SECONDS = 10.0
MAX_SSML_CHARS = 8000
MAX_RESPONSE_BYTES = 24 * 1024  # the whole response, session attributes included
# Our own ceiling for one reply, well inside a morning's patience: a move longer than this is
# split across replies at a set boundary.
MAX_REPLY_SECONDS = 300.0
# Speech-rate estimate for planned durations, calibrated with espeak-ng 1.51 (default voice and
# rate): 137 lines of the phrasebook, each said between breaks as a counted set says them, fit
# 4.1 words a second plus 0.34 s for each comma or full stop with more words after it (a
# break replaces the pause after the last word). The old flat 2.6 words a second made every
# line a third longer than it is said, so beats with many words ran short (README, Counting).
WORDS_PER_SECOND = 4.1
CLAUSE_PAUSE_SECONDS = 0.34
_CLAUSE_BREAK = re.compile(r"[,.;:?!](?=\s+\S)")


# Pure, and asked for the same few hundred lines (beat words, cues) again and again: a counted
# reply sums a few hundred of them (bench: a quarter of a move-completing turn's own time).
@lru_cache(maxsize=2048)
def speaking_seconds(text: str) -> float:
    """Estimated time to say `text`: its words at WORDS_PER_SECOND, and a pause at each
    punctuation mark inside it."""
    pauses = len(_CLAUSE_BREAK.findall(text))
    return len(text.split()) / WORDS_PER_SECOND + pauses * CLAUSE_PAUSE_SECONDS


class Say(NamedTuple):
    """Words to speak. Plain text: the renderer escapes it."""

    text: str


class Pause(NamedTuple):
    """Silence of any length; the renderer splits it into breaks of at most 10 s."""

    seconds: float


class Mark(NamedTuple):
    """A point in the speech that a screen keeps step with; never spoken or rendered. From here
    on the voice counts rep `rep` of `reps` in set `set_no` (0: the move has one set), on
    `side` (the spoken word for the leg; "" for a two-legged move)."""

    rep: int
    reps: int
    set_no: int = 0
    side: str = ""


Segment = Say | Pause | Mark


class Speech(NamedTuple):
    """An ordered list of segments."""

    segments: tuple[Segment, ...] = ()

    @staticmethod
    def of(*parts: str | float | Segment) -> Speech:
        """Build speech from strings (said), numbers (pauses in seconds) and segments."""
        segs: list[Segment] = []
        for part in parts:
            if isinstance(part, Say | Pause | Mark):
                segs.append(part)
            elif isinstance(part, str):
                segs.append(Say(part))
            else:
                segs.append(Pause(float(part)))
        return Speech(tuple(segs))

    # Speech joins speech only (a tuple would take any tuple): narrower than tuple's on purpose.
    def __add__(self, other: Speech) -> Speech:  # type: ignore[override]
        return Speech(self.segments + other.segments)

    @property
    def text(self) -> str:
        """The words alone, for cards, logs and transcripts."""
        return " ".join(s.text for s in self.segments if isinstance(s, Say))

    def planned_seconds(self) -> float:
        """Estimated playing time: pauses exactly, words as `speaking_seconds` says."""
        return sum(_seconds(seg) for seg in self.segments)

    def marks(self) -> tuple[tuple[float, Mark], ...]:
        """Each Mark with when it is reached, in seconds from the start: the planned seconds
        of everything before it (the beats a screen follows)."""
        found: list[tuple[float, Mark]] = []
        at = 0.0
        for seg in self.segments:
            if isinstance(seg, Mark):
                found.append((at, seg))
            else:
                at += _seconds(seg)
        return tuple(found)


def _seconds(seg: Segment) -> float:
    if isinstance(seg, Pause):
        # as rendered: only finite, positive pauses make silence
        return seg.seconds if 0 < seg.seconds < math.inf else 0.0
    if isinstance(seg, Say):
        return speaking_seconds(seg.text)
    return 0.0


class Card(NamedTuple):
    """A simple home card for the Alexa app."""

    title: str
    text: str


class PermissionCard(NamedTuple):
    """A card in the Alexa app where the user can grant these permissions."""

    permissions: tuple[str, ...]


class Reply(NamedTuple):
    """What the skill says in one response."""

    speech: Speech
    reprompt: Speech | None = None
    end_session: bool = False
    card: Card | PermissionCard | None = None

    @property
    def waits_for_user(self) -> bool:
        return not self.end_session
