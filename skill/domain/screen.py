"""What a screen shows during a workout, as data: the voice layer turns it into APL."""

from __future__ import annotations

from typing import NamedTuple

from skill.domain.catalogue import ROUTINE, move
from skill.domain.ids import MoveId, Style
from skill.domain.speech import Reply
from skill.domain.state import Phase, SessionState
from skill.domain.words import Phrase, say


class Screen(NamedTuple):
    """One screenful: the move, the cue being spoken, where we are in sets, reps and routine.

    Counts are 1-based; zero means "not counting right now" (e.g. while explaining a move).
    The captions (title, counter, step) are read in the active locale's words.
    """

    move: MoveId | None
    cue: str
    rep: int = 0
    reps: int = 0
    set_no: int = 0
    sets: int = 0
    moves_done: int = 0
    moves_total: int = len(ROUTINE)
    style: Style = Style.STANDARD  # which version of the move the title names

    @property
    def title(self) -> str:
        return move(self.move, self.style).title if self.move is not None else say(Phrase.APP_TITLE)

    @property
    def counter(self) -> str:
        """ "Rep 3 of 10 · Set 1 of 2"; empty when nothing is being counted."""
        parts: list[str] = []
        if self.reps and self.rep > 0:
            parts.append(say(Phrase.SCREEN_REP, rep=min(self.rep, self.reps), reps=self.reps))
        elif self.reps:
            parts.append(say(Phrase.SCREEN_REPS, reps=self.reps))
        if self.sets > 1:
            parts.append(say(Phrase.SCREEN_SET, set_no=min(self.set_no, self.sets), sets=self.sets))
        return " · ".join(parts)

    @property
    def step(self) -> str:
        """ "Move 2 of 5"; empty outside a routine."""
        if self.move is None or self.moves_total <= 1:
            return ""
        number = min(self.moves_done + 1, self.moves_total)
        return say(Phrase.SCREEN_MOVE, number=number, total=self.moves_total)

    @property
    def progress_percent(self) -> int:
        """How much of the routine is done, counting the current move's reps as a fraction."""
        if self.moves_total <= 0:
            return 0
        within = 0.0
        if self.reps and self.sets:
            reps_done = (max(self.set_no, 1) - 1) * self.reps + max(self.rep, 0)
            within = min(max(reps_done / (self.reps * self.sets), 0.0), 1.0)
        done = min(max((self.moves_done + within) / self.moves_total, 0.0), 1.0)
        return round(done * 100)


CAPTION_CHARS = 200


def caption(text: str, limit: int = CAPTION_CHARS) -> str:
    """The start of what is being said, cut at a sentence (or word) boundary within `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    if end >= limit // 3:
        return cut[: end + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…" if " " in cut else cut


def screen_for(state: SessionState, reply: Reply) -> Screen:
    """What the screen shows after a step: the move being coached with its quick cue and
    counters, or otherwise the words being spoken."""
    total = len(state.plan) or len(ROUTINE)
    current, dose = state.current, state.dose
    if not state.coaching or current is None or dose is None:
        done = len(set(state.done) & set(state.plan)) if state.plan else 0
        return Screen(None, caption(reply.speech.text), moves_done=done, moves_total=total)
    set_no = min(state.sets_done + 1, dose.sets)
    reps = dose.reps_in_set(set_no)
    counted = state.phase is Phase.COUNTED
    return Screen(
        current.id,
        current.quick_cue,
        rep=reps if counted else 0,
        reps=reps,
        set_no=set_no,
        sets=dose.sets,
        moves_done=state.index,
        moves_total=total,
        style=state.style,
    )
