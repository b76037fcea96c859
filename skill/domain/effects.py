"""Effects: what a step asks the voice layer to do beyond replying. A call's result comes back
to the machine as an event, so every decision stays in `step`."""

from __future__ import annotations

from datetime import time
from typing import NamedTuple

from skill.domain.reminders import ReminderAction


class CallReminders(NamedTuple):
    """Call the Alexa Reminders API; the result comes back as a REMINDER_DONE event carrying
    this call."""

    action: ReminderAction
    at: time | None
    may_ask: bool = True  # without the permission, hand over to Alexa to ask for it
    end_after: bool = False  # end the session after the answer (a one-shot request)
    after_goodbye: bool = False  # the workout's goodbye was said before the offer


class AskPermission(NamedTuple):
    """Hand over to Alexa, who asks for the reminders permission and resumes the session with
    the answer (a CONSENT event); `at` and `end_after` travel in the connection's token."""

    at: time
    end_after: bool = False


class AskNamePermission(NamedTuple):
    """Hand over to Alexa, who asks the recognised person whether we may use their first name
    and resumes the session with the answer (a NAME_CONSENT event)."""


Effect = CallReminders | AskPermission | AskNamePermission
