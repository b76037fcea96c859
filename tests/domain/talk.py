"""A conversation driver and the reply checks every domain test shares."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from skill.domain.effects import AskPermission, CallReminders
from skill.domain.events import Event, EventKind
from skill.domain.history import with_event
from skill.domain.ids import MoveId
from skill.domain.progress import Completion, DayTotal, Profile, ProgressEvent, UserProgress
from skill.domain.reminders import ReminderResult, ReminderStatus
from skill.domain.session import step
from skill.domain.speech import (
    MAX_BREAK_SECONDS,
    MAX_REPLY_SECONDS,
    MAX_SSML_CHARS,
    Reply,
    Speech,
)
from skill.domain.ssml import render
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context, Outcome

NOW = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)  # a Wednesday morning
MAX_STATE_JSON = 2048
ANSWER_SECONDS = 2.0  # after a reply has played, the user answers


def check_ssml(speech: Speech) -> str:
    """Render and check: well-formed, a <speak> root, under the size limit, breaks <= 10 s."""
    ssml = render(speech)
    assert len(ssml) < MAX_SSML_CHARS
    root = ET.fromstring(ssml)
    assert root.tag == "speak"
    for brk in root.iter("break"):
        ms = re.fullmatch(r"(\d+)ms", brk.attrib["time"])
        assert ms is not None
        assert 0 < int(ms.group(1)) <= MAX_BREAK_SECONDS * 1000
    return ssml


def check_reply(reply: Reply, *, session_ended: bool = False) -> None:
    """Every reply: valid SSML within limits; a reply that waits says what to say next."""
    if session_ended:
        assert reply.end_session
        assert not reply.speech.segments
        return
    assert reply.speech.segments
    check_ssml(reply.speech)
    assert reply.speech.planned_seconds() <= MAX_REPLY_SECONDS
    if reply.waits_for_user:
        assert reply.reprompt is not None
        assert reply.reprompt.text
        check_ssml(reply.reprompt)


def check_outcome(outcome: Outcome, *, session_ended: bool = False) -> None:
    """A settled outcome (see `settle`): a hand-off to Alexa says nothing itself; every other
    outcome is a reply that passes `check_reply`."""
    if any(isinstance(e, AskPermission) for e in outcome.effects):
        assert outcome.state.phase is Phase.ASKING_PERMISSION
        assert not outcome.reply.speech.segments
        return
    assert not outcome.effects, "every call was carried out"
    check_reply(outcome.reply, session_ended=session_ended)


def settle(
    outcome: Outcome,
    context: Context,
    result: ReminderResult = ReminderResult(ReminderStatus.DONE),  # noqa: B008  (immutable)
) -> Outcome:
    """Play the voice layer's part: carry out the outcome's calls, each answered by `result`
    (the times asked for, when it succeeds), and step the answers back in."""
    progress = outcome.progress
    for _ in range(3):
        calls = [e for e in outcome.effects if isinstance(e, CallReminders)]
        if not calls:
            break
        answer = result
        if result.status is ReminderStatus.DONE and not result.times and calls[0].at is not None:
            answer = result._replace(times=(calls[0].at,))
        done = Event(EventKind.REMINDER_DONE, call=calls[0], result=answer)
        outcome = step(outcome.state, done, context)
        progress += outcome.progress
    return outcome._replace(progress=progress)


def veteran(age: int | None = 42, tempo: float = 1.0, weeks: int = 5) -> UserProgress:
    """A user who started `weeks` weeks ago and trained the last three days."""
    days = tuple(
        DayTotal(date.fromordinal(NOW.date().toordinal() - n), {MoveId.SQUATS: 20})
        for n in (3, 2, 1)
    )
    first = date.fromordinal(NOW.date().toordinal() - 7 * weeks)
    return UserProgress(Profile(age=age, tempo=tempo), first_active=first, days=days)


@dataclass
class Talk:
    """Drive the engine turn by turn, as the voice layer would. Each request is heard once the
    reply before it has played and the user answered, unless `after` says how many seconds
    after the previous request it came (a barge-in when shorter than that reply)."""

    progress: UserProgress = field(default_factory=UserProgress)
    state: SessionState = field(default_factory=SessionState)
    now: datetime = NOW
    turns: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    applied: int = 0  # progress events laid into `progress` by next_session
    heard_at: datetime = NOW
    barge_in_after: float | None = None  # the next request comes this long after the last

    def say(self, kind: EventKind, *, after: float | None = None, **fields: Any) -> Outcome:
        self.turns += 1
        if after is None:
            after, self.barge_in_after = self.barge_in_after, None
        if self.outcomes:
            played = self.outcomes[-1].reply.speech.planned_seconds() + ANSWER_SECONDS
            self.heard_at += timedelta(seconds=played if after is None else after)
        event = Event(kind, **fields)
        context = Context(
            now=self.now,
            progress=self.progress,
            turn_id=f"turn-{self.turns}",
            heard_at=self.heard_at,
        )
        outcome = settle(step(self.state, event, context), context)
        check_outcome(outcome, session_ended=kind is EventKind.SESSION_ENDED)
        self.state = outcome.state
        self.outcomes.append(outcome)
        return outcome

    def next_session(self, kind: EventKind = EventKind.LAUNCH, **fields: Any) -> Outcome:
        """A later session of the same user: what this one recorded, as the store would load
        it, then `kind` on a fresh session state."""
        for event in self.progress_events[self.applied :]:
            self.progress = with_event(self.progress, event)
        self.applied = len(self.progress_events)
        self.state = SessionState()
        return self.say(kind, **fields)

    @property
    def progress_events(self) -> list[ProgressEvent]:
        return [p for o in self.outcomes for p in o.progress]

    @property
    def completions(self) -> list[Completion]:
        return [p for p in self.progress_events if isinstance(p, Completion)]
