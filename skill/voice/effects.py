"""Carrying out the engine's effects. A call's result goes back to the engine as an event; the
permission hand-off is a directive, added by skill/voice/response.py."""

from __future__ import annotations

from datetime import datetime

from ask_sdk_core.handler_input import HandlerInput

from skill.domain.effects import CallReminders
from skill.domain.events import Event, EventKind
from skill.domain.reminders import ReminderAction, ReminderResult, ReminderStatus
from skill.voice.reminders import DailyReminders


def call_reminders(
    handler_input: HandlerInput, call: CallReminders, now: datetime, time_zone: str | None
) -> Event:
    """Run `call` against the Alexa Reminders API (`now` local, `time_zone` the user's IANA
    zone); never raises: a failure is a FAILED result."""
    reminders = DailyReminders.for_request(handler_input, now=now, time_zone=time_zone)
    if reminders is None:
        result = ReminderResult(ReminderStatus.FAILED)
    elif call.action is ReminderAction.CANCEL:
        result = reminders.cancel()
    elif call.action is ReminderAction.LIST or call.at is None:
        result = reminders.find()
    else:
        result = reminders.schedule(call.at)
    return Event(EventKind.REMINDER_DONE, call=call, result=result)
