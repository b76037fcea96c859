"""The console's clock: the time the skill sees while a console turn runs.

Each console session may set its own date and time; the skill the console talks to reads the
time from here, which is the time of the request it is answering (skill.dev.console), so a turn
in one session sees that session's clock and every other request (the /alexa endpoint, other
sessions) sees its own or the real time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

Clock = Callable[[], datetime]

_CURRENT: ContextVar[Clock | None] = ContextVar("console_clock", default=None)


def console_now() -> datetime:
    """The running console turn's time, or the real time outside one."""
    clock = _CURRENT.get()
    return clock() if clock is not None else datetime.now(UTC)


@contextmanager
def running_at(clock: Clock) -> Iterator[None]:
    """While the block runs (one console turn), the skill's time is `clock()`."""
    token = _CURRENT.set(clock)
    try:
        yield
    finally:
        _CURRENT.reset(token)
