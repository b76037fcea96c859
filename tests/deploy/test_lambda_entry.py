"""The Lambda entry: cheap import, DynamoDB by default, one JSON log line per request, and no
Alexa user or device id in clear anywhere in the logs."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from skill.config import Config, Env, StoreKind
from skill.jsonlog import JsonFormatter, RedactFilter, redact
from skill.lambda_entry import RequestFailedError, make_handler
from skill.voice.redact import user_ref
from testkit.template import ROOT
from tests.conftest import TEST_SKILL_ID
from tests.events import event_names, load_event

USER = "amzn1.ask.account.AGF7EXAMPLEUSERID0123456789"
DEVICE = "amzn1.ask.device.AEXAMPLEDEVICE42"


def _record(message: str, *args: Any, **attributes: Any) -> logging.LogRecord:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, message, args, None)
    record.__dict__.update(attributes)
    return record


@pytest.mark.parametrize(
    ("record", "where"),
    [
        (_record("user %s said hi", USER), "message"),
        (_record("device", fields={"device": DEVICE}), "device"),
        (
            _record("nested", fields={"envelope": {"session": {"user": {"userId": USER}}}}),
            "envelope",
        ),
    ],
    ids=["message", "field", "nested"],
)
def test_formatter_pseudonymises_ids_wherever_they_are(
    record: logging.LogRecord, where: str
) -> None:
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "amzn1.ask.account." not in line
    assert "amzn1.ask.device." not in line
    assert where in entry
    assert user_ref(USER) in line or user_ref(DEVICE) in line


def test_formatter_writes_one_json_object_with_level_logger_and_fields() -> None:
    line = JsonFormatter().format(_record("hello", fields={"intent": "X", "message": "ignored"}))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "INFO"
    assert entry["logger"] == "t"
    assert entry["message"] == "hello"  # a field never overwrites the record's own keys
    assert entry["intent"] == "X"
    assert entry["time"].endswith("+00:00")


def test_formatter_keeps_exceptions_on_one_line_and_redacted() -> None:
    try:
        raise ValueError(f"bad user {USER}")
    except ValueError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError" in json.loads(line)["exception"]
    assert USER not in line


def test_redact_leaves_other_text_alone() -> None:
    text = "amzn1.ask.skill.1234 and amzn1.echo-api.request.5"
    assert redact(text) == text


def _handled(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(r)) for r in caplog.records if r.name == "skill.lambda_entry"
    ]


class _Context:
    aws_request_id = "req-1"


def test_one_json_line_per_request_naming_the_request_not_the_user(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="skill.lambda_entry")
    handler = make_handler(Config(skill_id=TEST_SKILL_ID, store=StoreKind.MEMORY))
    for name in event_names():
        handler(load_event(name), _Context())
    lines = _handled(caplog)
    built, handled = lines[0], lines[1:]
    assert built["message"] == "skill built"
    assert built["store"] == "memory"
    assert [line["message"] for line in handled] == ["request handled"] * len(event_names())
    assert [line["cold"] for line in handled] == [True] + [False] * (len(handled) - 1)
    first = load_event(event_names()[0])
    assert handled[0]["request_type"] == first["request"]["type"]
    assert handled[0]["request_id"] == "req-1"
    assert handled[0]["user"] == user_ref(first["session"]["user"]["userId"])
    assert "amzn1.ask.account." not in json.dumps(lines)


def test_failure_is_logged_redacted_and_raised_without_request_data(
    caplog: pytest.LogCaptureFixture,
) -> None:
    handler = make_handler(Config(skill_id="amzn1.ask.skill.another", store=StoreKind.MEMORY))
    caplog.set_level(logging.INFO, logger="skill.lambda_entry")
    with pytest.raises(RequestFailedError) as raised:
        handler(load_event("launch"), _Context())
    assert "amzn1" not in str(raised.value)
    failed = [line for line in _handled(caplog) if line["message"] == "request failed"]
    assert len(failed) == 1
    assert failed[0]["level"] == "ERROR"
    assert "amzn1.ask.account." not in json.dumps(failed)


def _in_fresh_interpreter(code: str, **env: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, 'lambda'); {code}"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.strip()


# What Lambda's environment gives every function, enough to build a DynamoDB client offline.
LAMBDA_LIKE = {
    "AWS_ACCESS_KEY_ID": "x",
    "AWS_SECRET_ACCESS_KEY": "x",
    "AWS_EC2_METADATA_DISABLED": "1",
    Env.SKILL_ID.value: TEST_SKILL_ID,  # without one the entry is the closed handler
}


def test_importing_the_entry_builds_the_skill_and_its_client_in_the_init_phase() -> None:
    loaded = _in_fresh_interpreter(
        "import app; print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'ask_sdk_core', 'ask_sdk_model', 'boto3', 'botocore', 'flask', 'requests'}))",
        **LAMBDA_LIKE,
    ).splitlines()[-1]  # after the init phase's JSON log lines
    # botocore's own client: boto3 (resources, s3transfer) is never imported
    assert loaded == "['ask_sdk_core', 'ask_sdk_model', 'botocore']"


def test_answering_on_the_embedded_store_loads_no_boto3(tmp_path: Path) -> None:
    """The outbox (a file beside the store) and the SQS check cost a cold start no boto3 or
    botocore."""
    event = json.dumps(load_event("launch"))
    loaded = _in_fresh_interpreter(
        f"import json, app; app.handler(json.loads({event!r}), None);"
        " print(sorted({m.split('.')[0] for m in sys.modules} & {'boto3', 'botocore'}))",
        **{
            Env.STORE.value: "sqlite",
            Env.SQLITE_PATH.value: str(tmp_path / "p.sqlite3"),
            # A function without its skill id answers nobody (lambda/app.py): the event's own.
            Env.SKILL_ID.value: load_event("launch")["session"]["application"]["applicationId"],
        },
    )
    assert loaded.splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("environment", "store"),
    [({}, "dynamodb"), ({Env.STORE.value: "memory"}, "memory")],
    ids=["default", "overridden"],
)
def test_lambda_defaults_to_dynamodb(environment: dict[str, str], store: str) -> None:
    printed = _in_fresh_interpreter(
        "import app; print(app.config.store)", **LAMBDA_LIKE, **environment
    ).splitlines()[-1]
    assert printed == store


@pytest.mark.parametrize(
    ("setup", "level", "expected"),
    [
        # Lambda's runtime installs a root handler: keep it, swap its formatter, add none.
        ("logging.getLogger().addHandler(logging.StreamHandler(sys.stdout))", "warning", 1),
        ("pass", "DEBUG", 3),
    ],
    ids=["runtime-handler", "no-handler"],
)
def test_configure_logging_writes_json_lines_at_the_configured_level(
    setup: str, level: str, expected: int
) -> None:
    out = _in_fresh_interpreter(
        f"import logging; {setup}; from skill.jsonlog import configure_logging; "
        f"configure_logging({level!r}); log = logging.getLogger('x'); "
        f"log.debug('d'); log.info('i'); log.warning('w %s', {USER!r})"
    )
    entries = [json.loads(line) for line in out.splitlines()]
    assert len(entries) == expected
    assert entries[-1]["level"] == "WARNING"
    assert entries[-1]["message"] == f"w {user_ref(USER)}"


def test_native_json_filter_hands_the_runtime_formatter_redacted_top_level_fields() -> None:
    """Lambda's JSON formatter writes a record's extra attributes as keys, str(exception) too."""
    try:
        raise ValueError(f"bad user {USER}")
    except ValueError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "for %s", (USER,), None)
        record.exc_info = sys.exc_info()
    record.fields = {"intent": "X", "device": DEVICE, "message": "never replaces the message"}
    assert RedactFilter().filter(record)
    assert record.getMessage() == f"for {user_ref(USER)}"
    assert record.__dict__["intent"] == "X"
    assert record.__dict__["device"] == user_ref(DEVICE)
    assert record.exc_info is None
    assert "ValueError" in record.__dict__["exception"]
    assert "amzn1.ask." not in json.dumps(record.__dict__, default=str)
    assert RedactFilter().filter(record)  # a second handler's filter changes nothing
    assert record.getMessage() == f"for {user_ref(USER)}"
