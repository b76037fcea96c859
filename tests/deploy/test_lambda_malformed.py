"""Malformed events at the Lambda entry: one JSON log line each, and only our own error."""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Iterator
from typing import Any

import pytest

from skill.config import Config, StoreKind
from skill.jsonlog import JsonFormatter
from skill.lambda_entry import RequestFailedError, make_handler
from skill.limits import MAX_DEPTH
from tests.conftest import TEST_SKILL_ID
from tests.events import event_names, load_event

BAD_VALUES: list[Any] = [None, 7, -1, 1e308, True, "x", "\ud800", "", [], {}, [1, "a"], {"a": 1}]
OUTCOMES = {"request handled", "request rejected", "request failed"}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from _paths(child, (*prefix, index))


def _with(event: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    holder: Any = event
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return event


def _deep(levels: int) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = {"n": value}
    return value


def malformed_events(count: int = 520) -> list[Any]:
    """Every recorded event with one value replaced by a bad one; a seeded sample of them,
    plus whole events that are not envelopes at all, and hostile nesting."""
    candidates: list[Any] = [None, [], "launch", 42, {}, {"request": "x"}, {"request": []}]
    for name in event_names():
        for path in _paths(load_event(name)):
            candidates.extend(_with(load_event(name), path, bad) for bad in BAD_VALUES)
    deep = load_event("launch")
    deep["session"]["attributes"] = {"x": _deep(500)}
    wide = load_event("launch")
    wide["session"]["attributes"] = {"x": list(range(20_000))}
    specials = [deep, wide, _with(load_event("launch"), ("session", "user", "userId"), "\udcff")]
    return specials + random.Random(17).sample(candidates, count - len(specials))


@pytest.fixture(scope="module")
def handler() -> Any:
    return make_handler(Config(skill_id=TEST_SKILL_ID, store=StoreKind.MEMORY))


def test_every_malformed_event_logs_one_line_and_raises_only_our_error(
    handler: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="skill.lambda_entry")
    handler(load_event("launch"), None)  # built: the "skill built" line is behind us
    formatter = JsonFormatter()
    outcomes: dict[str, int] = {}
    for event in malformed_events():
        caplog.clear()
        try:
            reply = handler(event, None)
            assert isinstance(reply, dict)
        except RequestFailedError:
            pass
        lines = [json.loads(formatter.format(r)) for r in caplog.records]
        lines = [line for line in lines if line["logger"] == "skill.lambda_entry"]
        assert [line["message"] for line in lines if line["message"] in OUTCOMES] == [
            lines[-1]["message"]
        ], (event, lines)
        outcomes[lines[-1]["message"]] = outcomes.get(lines[-1]["message"], 0) + 1
    assert sum(outcomes.values()) == 520
    assert outcomes.get("request rejected", 0) > 0


def test_hostile_nesting_is_rejected_before_the_sdk(
    handler: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="skill.lambda_entry")
    event = load_event("launch")
    event["session"]["attributes"] = {"x": _deep(MAX_DEPTH)}
    with pytest.raises(RequestFailedError, match="malformed request"):
        handler(event, None)
    assert "nested deeper" in caplog.records[-1].fields["reason"]  # type: ignore[attr-defined]
