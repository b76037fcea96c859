"""The bench's own output stays readable: the skill's EMF metric lines (skill/metrics.py, one
per counted request, for CloudWatch) go to /dev/null in the bench's process instead of stdout.
They are still formatted, written and flushed as in Lambda, so the measured turns do the same
work; only where the bytes land differs. Cold-start children keep stdout (their work is the
figure, and the parent reads only their last line)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from skill.metrics import writing_to


@contextmanager
def metrics_to_devnull() -> Iterator[None]:
    with open(os.devnull, "w") as devnull:

        def write(line: str) -> None:
            devnull.write(line + "\n")
            devnull.flush()

        with writing_to(write):
            yield
