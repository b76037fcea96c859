"""Structured logs: one JSON object a line, with Alexa user and device ids never in clear.

`configure_logging(level, native_json=...)` is called once by a process entry (lambda/app.py);
library code just uses `logging.getLogger(__name__)` and passes structured fields as
`extra={"fields": {...}}`.

On Lambda the runtime's own JSON formatter writes the lines (template.yaml: LogFormat JSON): it
is loaded before our code runs, so it costs a cold start nothing, where Powertools' Logger costs
about 50-70 ms of CPU to import and our JsonFormatter about 6 ms (README: Operations).
RedactFilter then lifts the fields onto the record, where that formatter writes them as
top-level keys, with ids pseudonymised. Elsewhere (tests, a local run of app.py) JsonFormatter
writes the same shape.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

from skill.voice.redact import user_ref

# Alexa's opaque ids: amzn1.ask.account.…, amzn1.ask.person.…, amzn1.ask.device.…
_ALEXA_ID = re.compile(r"amzn1\.ask\.(?:account|person|device)\.[A-Za-z0-9._\-]+")


def redact(text: str) -> str:
    """Replace every Alexa user, person or device id in `text` with its one-way reference."""
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


# LogRecord's own attributes: a field never replaces one.
_RECORD_KEYS = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message"}


class RedactFilter(logging.Filter):
    """Prepares a record for a JSON formatter that writes a record's extra attributes (Lambda's):
    message, fields and exception text with every Alexa id pseudonymised, fields as attributes."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        fields = record.__dict__.pop("fields", None)
        if isinstance(fields, dict):
            clean = json.loads(redact(json.dumps(fields, default=str, ensure_ascii=False)))
            for key, value in clean.items():
                if key not in _RECORD_KEYS:
                    setattr(record, key, value)
        if record.exc_info:
            # The runtime would write str(exception) unredacted: pass it on as redacted text.
            record.__dict__["exception"] = redact(
                logging.Formatter().formatException(record.exc_info)
            )
            record.exc_info, record.exc_text = None, None
        return True


def configure_logging(level: str, *, native_json: bool = False) -> None:
    """JSON lines at `level` from every root handler; a stdout handler when there is none.

    Lambda's Python runtime installs its own root handler (it adds the request id to records);
    it is kept, so no line is written twice. With `native_json` (Lambda's JSON log format) its
    formatter is kept too, behind RedactFilter; otherwise JsonFormatter replaces it.
    """
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler(sys.stdout))
        native_json = False  # no runtime formatter to keep
    for handler in root.handlers:
        if native_json:
            handler.addFilter(RedactFilter())
        else:
            handler.setFormatter(JsonFormatter())
    root.setLevel(level.upper())
