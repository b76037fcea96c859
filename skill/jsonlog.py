"""Structured logs: one JSON object a line, with Alexa user and device ids never in clear.

`configure_logging(level)` is called once by a process entry (lambda/app.py); library code just
uses `logging.getLogger(__name__)` and passes structured fields as `extra={"fields": {...}}`.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

# Alexa's opaque ids: amzn1.ask.account.…, amzn1.ask.person.…, amzn1.ask.device.…
_ALEXA_ID = re.compile(r"amzn1\.ask\.(?:account|person|device)\.[A-Za-z0-9._\-]+")


def redact(text: str) -> str:
    """Replace every Alexa user, person or device id in `text` with its one-way reference."""
    # Imported here: the skill.voice package loads the SDK, which a cold start defers.
    from skill.voice.redact import user_ref

    return _ALEXA_ID.sub(lambda match: user_ref(match.group(0)), text)


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line; ids that slip into any field are pseudonymised."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "aws_request_id", None)
        if request_id:
            entry["request_id"] = request_id
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update({k: v for k, v in fields.items() if k not in entry})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, default=str, ensure_ascii=False))


def configure_logging(level: str) -> None:
    """Every root handler formats JSON at `level`; adds a stdout handler when there is none.

    Lambda's Python runtime installs its own root handler (it adds the request id to records);
    keeping it and swapping its formatter preserves that and avoids writing every line twice.
    """
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler(sys.stdout))
    for handler in root.handlers:
        handler.setFormatter(JsonFormatter())
    root.setLevel(level.upper())
