"""What a screen shows during a workout, as data: the voice layer turns it into APL."""

from __future__ import annotations

from typing import NamedTuple

from skill.domain.catalogue import ROUTINE, move
from skill.domain.ids import MoveId, Style
from skill.domain.speech import Mark, Reply
from skill.domain.state import Phase, SessionState
from skill.domain.words import Phrase, say


class Beat(NamedTuple):
    """A moment the counter changes while the reply plays: `at` seconds from its start."""

    at: float
    counter: str


class Screen(NamedTuple):
    """One screenful: the move, the cue being spoken, where we are in sets, reps and routine.

    Counts are 1-based; zero means "not counting right now" (e.g. while explaining a move).
    `moves_done` counts completed moves (a skipped one is not done); `position` is the current
    move's place in the plan (None: right after the done ones). `beats` are the counter's
    changes in step with the voice (empty: the counter stays as it is). The captions (title,
    counter, step) are read in the active locale's words.
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
    side: str = ""
    position: int | None = None
    beats: tuple[Beat, ...] = ()

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
        if self.side:
            parts.append(say(Phrase.SCREEN_SIDE, side=self.side))
        if self.sets > 1:
            parts.append(say(Phrase.SCREEN_SET, set_no=min(self.set_no, self.sets), sets=self.sets))
        return " · ".join(parts)

    @property
    def step(self) -> str:
        """ "Move 2 of 5"; empty outside a routine."""
        if self.move is None or self.moves_total <= 1:
            return ""
        at = self.moves_done if self.position is None else self.position
        number = min(max(at, 0) + 1, self.moves_total)
        return say(Phrase.SCREEN_MOVE, number=number, total=self.moves_total)

    @property
    def progress_percent(self) -> int:
        """How much of the routine is done: completed moves only (skipped ones never count)."""
        if self.moves_total <= 0:
            return 0
        return round(min(max(self.moves_done / self.moves_total, 0.0), 1.0) * 100)

    def at_mark(self, mark: Mark) -> Screen:
        """This screen once the voice reaches `mark`."""
        set_no = mark.set_no or self.set_no
        return self._replace(rep=mark.rep, reps=mark.reps, set_no=set_no, side=mark.side)


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
    done = len(set(state.done) & set(state.plan)) if state.plan else 0
    if not state.coaching or current is None or dose is None:
        return Screen(None, caption(reply.speech.text), moves_done=done, moves_total=total)
    set_no = min(state.sets_done + 1, dose.sets)
    reps = dose.reps_in_set(set_no)
    marks = reply.speech.marks()
    # A reply that counts carries its marks: the counter starts at "10 reps" and follows them.
    # One without (a repeat of the last words, say) shows where the count ended.
    counted = state.phase is Phase.COUNTED and not marks
    screen = Screen(
        current.id,
        current.quick_cue,
        rep=reps if counted else 0,
        reps=reps,
        set_no=set_no if not marks else marks[0][1].set_no or set_no,
        sets=dose.sets,
        moves_done=done,
        moves_total=total,
        style=state.style,
        position=state.index,
    )
    beats = tuple(Beat(at, screen.at_mark(mark).counter) for at, mark in marks)
    return screen._replace(beats=beats)
