"""Recorded-style Alexa request envelopes, loaded by one helper."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).parent


@cache
def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS_DIR / f"{name}.json").read_text())
    return data


def load_event(name: str, **request_overrides: Any) -> dict[str, Any]:
    """A fresh copy of tests/events/NAME.json, with fields of `request` overridden."""
    event = copy.deepcopy(_read(name))
    event["request"].update(request_overrides)
    return event


def event_names() -> list[str]:
    return sorted(p.stem for p in EVENTS_DIR.glob("*.json"))
