"""EMF metrics: the documents CloudWatch reads, and what a whole routine, a dead store and a
refused request count through the real Lambda handler and web app."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from bench.scenarios import full_routine
from skill.config import Config, StoreKind
from skill.dev.simulator import SIMULATOR_SKILL_ID
from skill.domain.progress import Completion, UserProgress
from skill.lambda_entry import RequestFailedError, make_closed_handler, make_handler
from skill.metrics import NAMESPACE, Metric, collecting, count, emf_line, writing_to
from skill.store.base import StoreUnavailableError
from skill.store.memory import MemoryStore
from skill.store.metered import MeteredStore
from tests.events import load_event

USER = "amzn1.ask.account.METRICS"


def _documents(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith('{"_aws"')]


def _totals(out: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for doc in _documents(out):
        for metric in doc["_aws"]["CloudWatchMetrics"][0]["Metrics"]:
            totals[metric["Name"]] = totals.get(metric["Name"], 0) + doc[metric["Name"]]
    return totals


def test_a_document_follows_the_embedded_metric_format() -> None:
    doc = json.loads(emf_line({Metric.MOVES_RECORDED: 2, Metric.STORE_ERRORS: 1}, 1764600000.5))
    [directive] = doc["_aws"]["CloudWatchMetrics"]
    assert doc["_aws"]["Timestamp"] == 1764600000500
    assert directive["Namespace"] == NAMESPACE
    assert all(name in doc for dims in directive["Dimensions"] for name in dims)
    assert {m["Name"]: doc[m["Name"]] for m in directive["Metrics"]} == {
        "MovesRecorded": 2,
        "StoreErrors": 1,
    }
    assert {m["Unit"] for m in directive["Metrics"]} == {"Count"}


def test_counting_outside_a_request_does_nothing_and_an_idle_request_writes_nothing() -> None:
    count(Metric.STORE_ERRORS)  # no request: ignored
    written: list[str] = []
    with collecting(written.append):
        pass
    assert written == []
    with collecting(written.append) as counts:
        count(Metric.STORE_ERRORS)
        count(Metric.STORE_ERRORS)
    assert counts == {Metric.STORE_ERRORS: 2}
    assert len(written) == 1


def test_a_process_that_is_not_lambda_can_take_the_lines_off_stdout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    handler = make_handler(Config(skill_id=SIMULATOR_SKILL_ID, store=StoreKind.MEMORY))
    taken: list[str] = []
    with writing_to(taken.append):
        full_routine(handler, USER + "-QUIET")
    assert _totals(capsys.readouterr().out) == {}
    assert _totals("\n".join(taken))[Metric.MOVES_RECORDED.value] == 5
    full_routine(handler, USER + "-LOUD")  # the sink is stdout again after the block
    assert _totals(capsys.readouterr().out)[Metric.MOVES_RECORDED.value] == 5


def test_a_whole_routine_counts_five_moves_and_one_routine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    handler = make_handler(Config(skill_id=SIMULATOR_SKILL_ID, store=StoreKind.MEMORY))
    routine = full_routine(handler, USER)
    totals = _totals(capsys.readouterr().out)
    assert routine.moves_done == 5
    assert totals == {"MovesRecorded": 5, "RoutinesCompleted": 1}


class _DeadStore(MemoryStore):
    def load(self, user_id: str) -> UserProgress:
        raise StoreUnavailableError("throttled")

    def record(self, user_id: str, completion: Completion) -> bool:
        raise StoreUnavailableError("throttled")


def test_store_errors_are_counted_and_re_raised() -> None:
    written: list[str] = []
    store = MeteredStore(_DeadStore())
    with collecting(written.append), pytest.raises(StoreUnavailableError):
        store.load(USER)
    assert json.loads(written[0])["StoreErrors"] == 1


def test_a_request_for_another_skill_is_a_verification_failure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    handler = make_handler(Config(skill_id="amzn1.ask.skill.another", store=StoreKind.MEMORY))
    with pytest.raises(RequestFailedError):
        handler(load_event("launch"), None)
    with pytest.raises(RequestFailedError):
        make_closed_handler()(load_event("launch"), None)
    assert _totals(capsys.readouterr().out) == {"VerificationFailures": 2}


def test_the_web_app_counts_requests_that_fail_verification(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    from skill.web.app import create_app

    client: FlaskClient = create_app(
        config._replace(verify=True, host="127.0.0.1"), store=MemoryStore()
    ).test_client()
    assert client.post("/alexa", json=load_event("launch")).status_code == 400
    assert _totals(capsys.readouterr().out) == {"VerificationFailures": 1}
