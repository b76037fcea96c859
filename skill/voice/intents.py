"""Intent and slot names, and what each intent becomes (an engine event, or a reminder action):
the one table that the handlers, the interaction-model source and the model checks all read."""

from __future__ import annotations

from enum import StrEnum

from skill.domain.events import EventKind
from skill.domain.reminders import ReminderAction


class Intent(StrEnum):
    """Every intent in the interaction model."""

    START_ROUTINE = "StartRoutineIntent"
    START_MOVE = "StartMoveIntent"
    START_MOMENT = "StartMomentIntent"
    EXPLAIN = "ExplainMoveIntent"
    WHATS_NEXT = "WhatsNextIntent"
    HOW_MANY_LEFT = "HowManyLeftIntent"
    SLOWER = "SlowerIntent"
    FASTER = "FasterIntent"
    SKIP = "SkipIntent"
    PROGRESS = "ProgressIntent"
    SET_AGE = "SetAgeIntent"
    BIG_BIRTHDAY = "BigBirthdayIntent"
    FEEDBACK = "FeedbackIntent"
    FORGET_ME = "ForgetMeIntent"
    SET_REMINDER = "SetReminderIntent"
    CHANGE_REMINDER = "ChangeReminderIntent"
    CANCEL_REMINDER = "CancelReminderIntent"
    LIST_REMINDERS = "ListRemindersIntent"
    AGAIN = "AgainIntent"  # a bare "again": a repeat mid-set, a restart at the menu
    DONE = "DoneIntent"  # "done", "finished": the set is done mid-workout, leaving at the menu
    CHOOSE_STYLE = "ChooseStyleIntent"  # "make it gentle", "back to the standard moves"
    HELP = "AMAZON.HelpIntent"
    STOP = "AMAZON.StopIntent"
    CANCEL = "AMAZON.CancelIntent"
    NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"
    FALLBACK = "AMAZON.FallbackIntent"
    PAUSE = "AMAZON.PauseIntent"
    RESUME = "AMAZON.ResumeIntent"
    REPEAT = "AMAZON.RepeatIntent"
    NEXT = "AMAZON.NextIntent"
    START_OVER = "AMAZON.StartOverIntent"
    YES = "AMAZON.YesIntent"
    NO = "AMAZON.NoIntent"

    @property
    def is_builtin(self) -> bool:
        return self.value.startswith("AMAZON.")


class SlotName(StrEnum):
    """Slot names used in sample utterances ({move}, {moment}, ...)."""

    MOVE = "move"
    MOMENT = "moment"
    FEEDBACK = "feedback"
    AGE = "age"
    BIRTHDAY = "birthday"
    TIME = "time"
    STYLE = "style"


INTENT_EVENTS: dict[str, EventKind] = {
    Intent.START_ROUTINE: EventKind.START_ROUTINE,
    Intent.START_MOVE: EventKind.START_MOVE,
    Intent.START_MOMENT: EventKind.START_MOMENT,
    Intent.EXPLAIN: EventKind.EXPLAIN,
    Intent.WHATS_NEXT: EventKind.WHATS_NEXT,
    Intent.HOW_MANY_LEFT: EventKind.HOW_MANY_LEFT,
    Intent.SLOWER: EventKind.SLOWER,
    Intent.FASTER: EventKind.FASTER,
    Intent.SKIP: EventKind.SKIP,
    Intent.PROGRESS: EventKind.PROGRESS,
    Intent.SET_AGE: EventKind.SET_AGE,
    Intent.BIG_BIRTHDAY: EventKind.SET_AGE,
    Intent.FEEDBACK: EventKind.FEEDBACK,
    Intent.FORGET_ME: EventKind.FORGET_ME,
    Intent.AGAIN: EventKind.AGAIN,
    Intent.DONE: EventKind.DONE,
    Intent.CHOOSE_STYLE: EventKind.CHOOSE_STYLE,
    Intent.HELP: EventKind.HELP,
    Intent.STOP: EventKind.STOP,
    Intent.CANCEL: EventKind.STOP,
    Intent.NAVIGATE_HOME: EventKind.STOP,
    Intent.FALLBACK: EventKind.UNKNOWN,
    Intent.PAUSE: EventKind.PAUSE,
    Intent.RESUME: EventKind.RESUME,
    Intent.REPEAT: EventKind.REPEAT,
    Intent.NEXT: EventKind.NEXT,
    Intent.START_OVER: EventKind.START_OVER,
    Intent.YES: EventKind.YES,
    Intent.NO: EventKind.NO,
}

# Intents that become REMINDER events, each with the action it asks of the daily reminder.
REMINDER_INTENTS: dict[str, ReminderAction] = {
    Intent.SET_REMINDER: ReminderAction.SET,
    Intent.CHANGE_REMINDER: ReminderAction.CHANGE,
    Intent.CANCEL_REMINDER: ReminderAction.CANCEL,
    Intent.LIST_REMINDERS: ReminderAction.LIST,
}
