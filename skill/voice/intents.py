"""Intent names and the engine event each one becomes: the one table both the handlers and
the interaction-model check read."""

from __future__ import annotations

from skill.domain.events import EventKind

INTENT_EVENTS: dict[str, EventKind] = {
    "AMAZON.HelpIntent": EventKind.HELP,
    "AMAZON.StopIntent": EventKind.STOP,
    "AMAZON.CancelIntent": EventKind.STOP,
    "AMAZON.NavigateHomeIntent": EventKind.STOP,
    "AMAZON.FallbackIntent": EventKind.UNKNOWN,
    "AMAZON.PauseIntent": EventKind.PAUSE,
    "AMAZON.ResumeIntent": EventKind.RESUME,
    "AMAZON.RepeatIntent": EventKind.REPEAT,
    "AMAZON.NextIntent": EventKind.NEXT,
    "AMAZON.StartOverIntent": EventKind.START_OVER,
    "AMAZON.YesIntent": EventKind.YES,
    "AMAZON.NoIntent": EventKind.NO,
}
