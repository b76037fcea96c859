# ruff: noqa: ARG001  (handlers share one signature so the transition table can hold them)
"""Launching for a recognised voice: greet them by first name when they allowed it, and ask for
that permission once, as they open their first session (skill.domain.speaker). Alexa asks the
question itself (an AskNamePermission effect) and resumes the session with the answer (a
NAME_CONSENT event); whatever it is, the welcome follows, and the question is never repeated
to someone with progress."""

from __future__ import annotations

from skill.domain import script
from skill.domain.effects import AskNamePermission
from skill.domain.events import Event
from skill.domain.progression import clamp_tempo
from skill.domain.reminders import ConsentAnswer
from skill.domain.speaker import should_ask_for_name
from skill.domain.speech import Reply, Speech
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context, Outcome, wait
from skill.domain.words import Phrase, say


def launch(state: SessionState, event: Event, ctx: Context) -> Outcome:
    fresh = SessionState(tempo=clamp_tempo(ctx.progress.profile.tempo))
    if should_ask_for_name(ctx.speaker, ctx.progress):
        asking = fresh._replace(phase=Phase.ASKING_PERMISSION, back=Phase.IDLE)
        return Outcome(asking, Reply(Speech()), effects=(AskNamePermission(),))
    return wait(fresh, welcome(ctx), prompted=True)


def name_consent(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """Alexa resumed the session with the person's answer: the welcome, by name if allowed."""
    fresh = SessionState(tempo=clamp_tempo(ctx.progress.profile.tempo))
    words = welcome(ctx)
    if event.consent is ConsentAnswer.DENIED:
        words = Speech.of(say(Phrase.NAME_NOT_USED)) + words
    return wait(fresh, words, prompted=True)


def welcome(ctx: Context) -> Speech:
    """The launch welcome, greeting a recognised person by name, and telling one who is new
    that their progress is their own."""
    lines: list[str] = []
    if ctx.speaker.name:
        lines.append(say(Phrase.HELLO_NAME, name=ctx.speaker.name))
    if ctx.speaker.recognised and ctx.progress.is_new:
        lines.append(say(Phrase.YOUR_OWN_PROGRESS))
    greeting = Speech.of(" ".join(lines)) if lines else Speech()
    return greeting + script.welcome(ctx.progress, ctx.now.date())
