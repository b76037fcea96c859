"""The deployment artifact, as built, answers the recorded events with the DynamoDB store.

`make package` builds for arm64, whose native code (if a dependency brings some) cannot load on
this x86_64 machine. So the import test builds the same folder with the same script for x86_64
(`make lambda-artifact LAMBDA_ARCH=x86_64`: only uv's platform tag differs), runs it under the
runtime's interpreter with nothing but the standard library and the folder on sys.path, against
dynalite and the fake Alexa API. The arm64 folder is checked for what can be checked here: every
native library is aarch64, every module is byte-compiled, the same files as the x86_64 build.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from skill.config import Config, Env, StoreKind
from skill.lambda_entry import make_handler
from skill.store.dynamodb import make_client
from testkit.template import ROOT, build_script, lambda_folder, make_artifact, the_resource
from tests.conftest import TEST_SKILL_ID
from tests.events import event_names, load_event
from tests.fakes.alexa_api import FakeAlexaApi

DRIVER = Path(__file__).with_name("run_artifact.py")
ELF_MACHINE = {"arm64": 0xB7, "x86_64": 0x3E}  # e_machine: EM_AARCH64, EM_X86_64


@pytest.fixture(scope="session")
def local_artifact() -> Path:
    return make_artifact("x86_64")


@pytest.fixture(scope="session")
def lambda_artifact() -> Path:
    """The folder `make package` zips and `sam build` copies."""
    return make_artifact("arm64")


def _create_table_as_deployed(endpoint: str) -> str:
    """A table made from template.yaml's own definition (keys, indexes, billing), not the
    store's."""
    _, table = the_resource("AWS::DynamoDB::Table")
    properties = table["Properties"]
    name = f"artifact-{uuid.uuid4().hex[:8]}"
    client = make_client(Config(store=StoreKind.DYNAMODB, dynamodb_endpoint=endpoint))
    client.create_table(
        TableName=name,
        KeySchema=properties["KeySchema"],
        AttributeDefinitions=properties["AttributeDefinitions"],
        GlobalSecondaryIndexes=properties["GlobalSecondaryIndexes"],
        BillingMode=properties["BillingMode"],
    )
    deadline = time.monotonic() + 10
    while not _active(client.describe_table(TableName=name)["Table"]):
        assert time.monotonic() < deadline, f"{name} never became ACTIVE"
        time.sleep(0.05)
    return name


def _active(table: Any) -> bool:
    indexes = table.get("GlobalSecondaryIndexes", ())
    return table["TableStatus"] == "ACTIVE" and all(i["IndexStatus"] == "ACTIVE" for i in indexes)


def _events(api_endpoint: str) -> list[dict[str, Any]]:
    """Every recorded event, in order, with Alexa's API pointed at the fake."""
    events = []
    for name in event_names():
        event = load_event(name)
        event.get("context", {}).get("System", {}).update(apiEndpoint=api_endpoint)
        events.append(event)
    return events


def _run_built(
    artifact: Path, events: list[dict[str, Any]], env: dict[str, str], tmp: Path
) -> dict[str, Any]:
    python = build_script().find_interpreter(build_script().template_target().python_version)
    assert python is not None
    events_file, result_file = tmp / "events.json", tmp / "result.json"
    events_file.write_text(json.dumps(events))
    run = subprocess.run(
        [python, "-I", "-S", DRIVER, artifact, events_file, result_file],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(result_file.read_text())
    result["log_lines"] = [json.loads(line) for line in run.stdout.splitlines() if line]
    result["stderr"] = run.stderr
    return result


@pytest.fixture(scope="module")
def built_run(
    local_artifact: Path,
    dynamodb_endpoint: str,
    _fake_alexa_server: FakeAlexaApi,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """One run of every recorded event through the built folder, in a fresh interpreter."""
    fake_alexa = _fake_alexa_server
    fake_alexa.reset()
    table = _create_table_as_deployed(dynamodb_endpoint)
    env = {
        "PATH": os.environ["PATH"],
        # As template.yaml sets them, minus MORNING_MOVES_STORE: lambda/app.py defaults to DynamoDB.
        Env.TABLE_NAME.value: table,
        Env.SKILL_ID.value: TEST_SKILL_ID,
        Env.LOG_LEVEL.value: "INFO",
        Env.DYNAMODB_ENDPOINT.value: dynamodb_endpoint,
        "SSL_CERT_FILE": str(fake_alexa.ca_bundle),
        Env.ALEXA_API_FAKE.value: fake_alexa.url,
        "NO_PROXY": "127.0.0.1",
    }
    result = _run_built(
        local_artifact, _events(fake_alexa.url), env, tmp_path_factory.mktemp("built")
    )
    return {**result, "table": table, "endpoint": dynamodb_endpoint}


@pytest.mark.dynamodb
@pytest.mark.slow
def test_built_folder_answers_like_the_source_tree(
    built_run: dict[str, Any], fake_alexa: FakeAlexaApi
) -> None:
    config = Config(skill_id=TEST_SKILL_ID, store=StoreKind.MEMORY, alexa_api_fake=fake_alexa.url)
    source_handler = make_handler(config)
    expected = [source_handler(event, None) for event in _events(fake_alexa.url)]
    assert len(built_run["responses"]) == len(expected) == len(event_names())
    for name, built, source in zip(event_names(), built_run["responses"], expected, strict=True):
        assert built["version"] == "1.0", name
        assert built["response"] == source["response"], name


@pytest.mark.dynamodb
@pytest.mark.slow
def test_built_folder_is_self_contained_and_built_at_import(built_run: dict[str, Any]) -> None:
    assert built_run["origins"]["elsewhere"] == []
    assert {"app", "skill", "ask_sdk_core", "botocore"} <= set(built_run["origins"]["artifact"])
    assert {"ask_sdk_core", "botocore"} <= set(built_run["heavy_at_import"]), (
        "importing app builds the skill and its DynamoDB client (Lambda's init phase)"
    )
    assert "Warning" not in built_run["stderr"]


@pytest.mark.dynamodb
@pytest.mark.slow
def test_built_folder_uses_dynamodb_and_logs_json_without_user_ids(
    built_run: dict[str, Any],
) -> None:
    lines = built_run["log_lines"]
    built = [line for line in lines if line["message"] == "skill built"]
    assert [(b["store"], b["table"]) for b in built] == [("dynamodb", built_run["table"])]
    handled = [line for line in lines if line["message"] == "request handled"]
    assert [h["request_id"] for h in handled] == [f"request-{n}" for n in range(len(event_names()))]
    assert [h["cold"] for h in handled] == [True] + [False] * (len(handled) - 1)
    everything = json.dumps(lines)
    assert "amzn1.ask.account." not in everything
    assert "amzn1.ask.device." not in everything
    # The table really holds what the skill wrote through the built folder's botocore.
    client = make_client(Config(store=StoreKind.DYNAMODB, dynamodb_endpoint=built_run["endpoint"]))
    assert client.describe_table(TableName=built_run["table"])["Table"]["TableStatus"] == "ACTIVE"


def _elf_machine(path: Path) -> int:
    header = path.read_bytes()[:20]
    assert header[:4] == b"\x7fELF", path
    (machine,) = struct.unpack_from("<H", header, 18)
    return int(machine)


def _shape(folder: Path) -> set[str]:
    """Relative paths, with the platform part of native library names left out."""
    names = set()
    for path in build_script().artifact_files(folder):
        relative = str(path.relative_to(folder))
        names.add(relative.split(".cpython-", maxsplit=1)[0] if path.suffix == ".so" else relative)
    return names


@pytest.mark.slow
def test_arm64_folder_has_only_aarch64_native_code(lambda_artifact: Path) -> None:
    native = sorted(lambda_artifact.rglob("*.so"))  # none since charset_normalizer left
    assert {p.name: _elf_machine(p) for p in native} == {
        p.name: ELF_MACHINE["arm64"] for p in native
    }


@pytest.mark.slow
def test_arm64_and_local_builds_hold_the_same_files(
    lambda_artifact: Path, local_artifact: Path
) -> None:
    assert _shape(lambda_artifact) == _shape(local_artifact)


@pytest.mark.slow
def test_arm64_folder_ships_compiled_code_and_no_web_server(lambda_artifact: Path) -> None:
    version = build_script().template_target().python_version.replace(".", "")
    sources = [p for p in lambda_artifact.rglob("*.py") if "bin" not in p.parts]
    missing = [
        p
        for p in sources
        if not (p.parent / "__pycache__" / f"{p.stem}.cpython-{version}.pyc").exists()
    ]
    assert missing == []
    # Flags word 0b01: hash-based and unchecked, so unzipped mtimes cannot make it stale.
    pyc = lambda_artifact / "__pycache__" / f"app.cpython-{version}.pyc"
    assert struct.unpack_from("<I", pyc.read_bytes(), 4)[0] == 0b01
    assert (lambda_artifact / "app.py").is_file()
    assert not (lambda_artifact / "skill" / "web").exists()
    assert not (lambda_artifact / "flask").exists()


@pytest.mark.slow
def test_arm64_folder_is_lean(lambda_artifact: Path) -> None:
    """Only DynamoDB's service model, and none of the packages the Lambda path never imports
    (the built folder answers every recorded event without them: test above)."""
    script = build_script()
    models = {p.name for p in (lambda_artifact / "botocore" / "data").iterdir() if p.is_dir()}
    assert models == set(script.KEPT_SERVICES)
    assert not [name for name in script.NEVER_IMPORTED if (lambda_artifact / name).exists()]


@pytest.mark.slow
def test_arm64_folder_ships_no_dev_tools(lambda_artifact: Path) -> None:
    dev = ROOT / "skill" / "dev"
    dev_stems = {p.name.split(".")[0] for p in dev.rglob("*") if p.is_file()} - {"__init__"}
    assert {"simulator", "chat", "nlu", "model_build", "console"} <= dev_stems
    shipped = lambda_artifact / "skill"
    assert not (shipped / "dev").exists()
    # By name too, so a dev module copied elsewhere in the package is caught (.py and .pyc).
    assert not {p.name.split(".")[0] for p in shipped.rglob("*") if p.is_file()} & dev_stems


def test_make_package_reports_the_size_within_lambda_limits() -> None:
    out = subprocess.run(
        ["make", "--no-print-directory", "-s", "package"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    report = out.stdout.strip().splitlines()[-1]
    python = build_script().template_target().python_version
    assert f"python{python} arm64" in report
    assert re.search(r"[\d.]+ MB unzipped \(limit 250 MB\)", report), report
    zipped = ROOT / "build" / "morning-moves-lambda.zip"
    assert f"{zipped.name} {zipped.stat().st_size / 1_000_000:.1f} MB" in report
    assert zipped.stat().st_size < 50_000_000
    with zipfile.ZipFile(zipped) as archive:
        names = set(archive.namelist())
    assert "app.py" in names
    assert names == {
        str(p.relative_to(lambda_folder())) for p in build_script().artifact_files(lambda_folder())
    }
