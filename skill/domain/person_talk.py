"""Launching for a recognised voice (skill.domain.session's launch and NAME_CONSENT handlers
use these): greet them by first name when they allowed it, and ask for that permission once,
as they open their first session (skill.domain.speaker). Alexa asks the question itself (an
AskNamePermission effect) and resumes the session with the answer (a NAME_CONSENT event);
whatever it is, the welcome follows, and the question is never repeated to someone with
progress."""

from __future__ import annotations

from skill.domain.effects import AskNamePermission
from skill.domain.events import Event
from skill.domain.reminders import ConsentAnswer
from skill.domain.speech import Reply, Speech
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context, Outcome
from skill.domain.words import Phrase, say


def ask_name(fresh: SessionState) -> Outcome:
    """Hand over to Alexa to ask for the name; the session comes back as NAME_CONSENT."""
    asking = fresh._replace(phase=Phase.ASKING_PERMISSION, back=Phase.IDLE)
    return Outcome(asking, Reply(Speech()), effects=(AskNamePermission(),))


def answered(event: Event) -> Speech:
    """What to say to the answer before the welcome: that we heard a no."""
    if event.consent is ConsentAnswer.DENIED:
        return Speech.of(say(Phrase.NAME_NOT_USED))
    return Speech()


def greeting(ctx: Context) -> Speech:
    """The start of a launch's welcome: a recognised person by name, and one who is new told
    that their progress is their own."""
    lines: list[str] = []
    if ctx.speaker.name:
        lines.append(say(Phrase.HELLO_NAME, name=ctx.speaker.name))
    if ctx.speaker.recognised and ctx.progress.is_new:
        lines.append(say(Phrase.YOUR_OWN_PROGRESS))
    return Speech.of(" ".join(lines)) if lines else Speech()
