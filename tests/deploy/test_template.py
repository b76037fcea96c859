"""template.yaml and its neighbours promise what the issue asks, and agree with the code.

cfn-lint and `sam validate --lint` check the template's syntax in `make test` (template-check);
these tests check its meaning: environment names, permissions, runtime, limits. The table's keys
are checked against the store's in tests/store/test_template_keys.py.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from skill.config import Env, StoreKind
from skill.dev.model_build import ENDPOINT_PLACEHOLDER
from skill.store.dynamodb import ACCOUNT_INDEX
from testkit.template import ROOT, build_script, load_template, skill_package, the_resource

# boto3 client method -> the IAM action it needs.
_CAMEL = re.compile(r"(?:^|_)([a-z])")


def _function() -> dict[str, Any]:
    properties: dict[str, Any] = the_resource("AWS::Serverless::Function")[1]["Properties"]
    return properties


def _statements() -> list[dict[str, Any]]:
    _, role = the_resource("AWS::IAM::Role")
    return [
        statement
        for policy in role["Properties"]["Policies"]
        for statement in policy["PolicyDocument"]["Statement"]
    ]


def _actions(statement: dict[str, Any]) -> list[str]:
    actions = statement["Action"]
    return [actions] if isinstance(actions, str) else list(actions)


def _store_client_calls() -> set[str]:
    """The DynamoDB API calls the store makes through its client, read from its source."""
    tree = ast.parse((ROOT / "skill" / "store" / "dynamodb.py").read_text())
    calls = set()
    for node in ast.walk(tree):
        match node:
            case ast.Call(func=ast.Attribute(attr=method, value=ast.Attribute(attr="_client"))):
                calls.add(method)
    return calls


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("BillingMode",), "PAY_PER_REQUEST"),
        (("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"), True),
        (("SSESpecification", "SSEEnabled"), True),
    ],
)
def test_table_is_on_demand_recoverable_and_encrypted(path: tuple[str, ...], expected: Any) -> None:
    value: Any = the_resource("AWS::DynamoDB::Table")[1]["Properties"]
    for key in path:
        value = value[key]
    assert value == expected


def test_table_survives_stack_deletion_and_replacement() -> None:
    _, table = the_resource("AWS::DynamoDB::Table")
    assert table["DeletionPolicy"] == "Retain"
    assert table["UpdateReplacePolicy"] == "Retain"


def test_environment_names_exist_in_config() -> None:
    variables = _function()["Environment"]["Variables"]
    known = {member.value for member in Env}
    assert set(variables) <= known, f"not in skill/config.py Env: {set(variables) - known}"


def test_environment_wires_table_skill_id_store_and_log_level() -> None:
    table_name, _ = the_resource("AWS::DynamoDB::Table")
    variables = _function()["Environment"]["Variables"]
    assert variables[Env.TABLE_NAME] == {"Ref": table_name}
    assert variables[Env.SKILL_ID] == {"Ref": "SkillId"}
    assert variables[Env.LOG_LEVEL] == {"Ref": "LogLevel"}
    assert StoreKind(variables[Env.STORE]) is StoreKind.DYNAMODB


def test_alexa_trigger_is_limited_to_the_skill_id_parameter() -> None:
    events = _function()["Events"]
    alexa = [e for e in events.values() if e["Type"] == "AlexaSkill"]
    assert len(alexa) == 1
    # Open only while SkillId is empty (first deploy, before the skill exists).
    assert alexa[0]["Properties"]["SkillId"] == {
        "Fn::If": ["HasSkillId", {"Ref": "SkillId"}, {"Ref": "AWS::NoValue"}]
    }
    assert load_template()["Conditions"]["HasSkillId"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "SkillId"}, ""]}]
    }


def test_no_wildcard_actions_and_no_managed_policies() -> None:
    _, role = the_resource("AWS::IAM::Role")
    assert "ManagedPolicyArns" not in role["Properties"]
    for statement in _statements():
        assert statement["Effect"] == "Allow"
        for action in _actions(statement):
            assert "*" not in action, action


def test_table_access_is_exactly_what_the_store_calls() -> None:
    table_name, _ = the_resource("AWS::DynamoDB::Table")
    needed = {"dynamodb:" + _CAMEL.sub(lambda m: m.group(1).upper(), call)
              for call in _store_client_calls()}  # fmt: skip
    table_statements = [
        s for s in _statements() if s["Resource"] == {"Fn::GetAtt": [table_name, "Arn"]}
    ]
    granted = {action for s in table_statements for action in _actions(s)}
    assert needed, "found no DynamoDB calls in skill/store/dynamodb.py"
    assert granted == needed
    dynamodb_anywhere = {a for s in _statements() for a in _actions(s) if a.startswith("dynamodb:")}
    assert dynamodb_anywhere == granted, "DynamoDB actions granted beyond the table"
    index_statements = [s for s in _statements() if "/index/" in str(s["Resource"])]
    assert [s["Resource"] for s in index_statements] == [
        {"Fn::Sub": "${" + table_name + ".Arn}/index/" + ACCOUNT_INDEX}
    ]
    assert [_actions(s) for s in index_statements] == [["dynamodb:Query"]]


def test_logs_go_to_our_log_group_with_retention() -> None:
    group_name, group = the_resource("AWS::Logs::LogGroup")
    assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionInDays"}
    assert _function()["LoggingConfig"]["LogGroup"] == {"Ref": group_name}
    log_statements = [s for s in _statements() if _actions(s)[0].startswith("logs:")]
    assert log_statements
    for statement in log_statements:
        assert "${" + group_name + "}" in statement["Resource"]["Fn::Sub"]


def test_runtime_has_an_interpreter_here_and_matches_the_build() -> None:
    script = build_script()
    function = _function()
    target = script.template_target()
    assert function["Runtime"] == f"python{target.python_version}"
    assert function["Architectures"] == [target.arch] == ["arm64"]
    assert script.find_interpreter(target.python_version) is not None, (
        f"sam build and make package need python{target.python_version}"
    )


def test_function_fits_alexas_eight_second_budget() -> None:
    function = _function()
    assert function["Timeout"] < 8
    # Below 512 MB the CPU share makes the first request's imports slow.
    assert function["MemorySize"] >= 512


def test_handler_names_the_lambda_entry() -> None:
    module, attribute = _function()["Handler"].split(".")
    source = ROOT / "lambda" / f"{module}.py"
    tree = ast.parse(source.read_text())
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert attribute in assigned
    assert load_template()["Resources"]["SkillFunction"]["Metadata"]["BuildMethod"] == "makefile"


def test_outputs_give_the_function_arn_for_the_skill_endpoint() -> None:
    function_name, _ = the_resource("AWS::Serverless::Function")
    outputs = load_template()["Outputs"]
    assert outputs["SkillFunctionArn"]["Value"] == {"Fn::GetAtt": [function_name, "Arn"]}


def test_samconfig_defaults() -> None:
    config = tomllib.loads((ROOT / "samconfig.toml").read_text())["default"]
    assert config["global"]["parameters"]["stack_name"]
    # The Makefile build reuses its cached artifact; a scratch copy would copy the venvs too.
    assert config["build"]["parameters"]["build_in_source"] is True
    deploy = config["deploy"]["parameters"]
    assert deploy["capabilities"] == "CAPABILITY_IAM"
    assert deploy["confirm_changeset"] is True
    overridden = {part.split("=")[0] for part in deploy["parameter_overrides"].split()}
    assert overridden <= set(load_template()["Parameters"])


def test_ask_resources_deploy_only_the_skill_package() -> None:
    resources = json.loads((ROOT / "ask-resources.json").read_text())
    profile = resources["profiles"]["default"]
    assert set(profile) == {"skillMetadata"}, "SAM owns the backend: no skillInfrastructure"
    assert (ROOT / profile["skillMetadata"]["src"]).resolve() == skill_package().OUT


PRIVACY = "https://morning-moves.test/privacy"
TERMS = "https://morning-moves.test/terms"


def test_skill_package_is_the_model_with_the_function_as_endpoint(tmp_path: Path) -> None:
    script = skill_package()
    arn = "arn:aws:lambda:eu-west-1:123456789012:function:morning-moves-skill"
    assert script.write_package(arn, PRIVACY, TERMS, tmp_path / "package") >= 1
    source, written = script.SOURCE, tmp_path / "package"
    manifest = json.loads((written / "skill.json").read_text())
    assert manifest["manifest"]["apis"]["custom"]["endpoint"]["uri"] == arn
    assert script.ENDPOINT_PLACEHOLDER not in (written / "skill.json").read_text()
    unchanged = sorted(
        p.relative_to(source) for p in source.rglob("*.json") if p.name != "skill.json"
    )
    assert unchanged
    for relative in unchanged:
        assert (written / relative).read_bytes() == (source / relative).read_bytes()


@pytest.mark.parametrize(
    "arn",
    ["nonsense", "arn:aws:lambda:us-east-1:123:function:short-account", ENDPOINT_PLACEHOLDER],
)
def test_skill_package_refuses_what_is_not_a_function_arn(arn: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        skill_package().write_package(arn, PRIVACY, TERMS, tmp_path / "package")


def _pins(path: str) -> dict[str, Requirement]:
    lines = (ROOT / path).read_text().splitlines()
    requirements = [Requirement(line.split("#")[0]) for line in lines if line.split("#")[0].strip()]
    return {r.name.lower(): r for r in requirements}


def test_lambda_pins_stay_within_pyproject_ranges() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    ranges = {r.name.lower(): r for r in map(Requirement, pyproject["project"]["dependencies"])}
    pins = _pins("lambda/requirements.txt")
    wanted = _pins("lambda/requirements.in")
    assert set(wanted) <= set(pins), "lambda/requirements.txt is stale: run `make lambda-lock`"
    for name in wanted:
        assert name in ranges, f"{name} is in the Lambda but not in pyproject.toml"
    for name, pin in pins.items():
        if name in ranges:
            (version,) = (spec.version for spec in pin.specifier)
            assert ranges[name].specifier.contains(version), f"{name}=={version} vs {ranges[name]}"


def _alarms() -> dict[str, dict[str, Any]]:
    resources = load_template()["Resources"]
    return {
        name: r["Properties"]
        for name, r in resources.items()
        if r["Type"] == "AWS::CloudWatch::Alarm"
    }


def _alarm_metrics(alarm: dict[str, Any]) -> set[tuple[str, str]]:
    if "MetricName" in alarm:
        return {(alarm["Namespace"], alarm["MetricName"])}
    return {
        (q["MetricStat"]["Metric"]["Namespace"], q["MetricStat"]["Metric"]["MetricName"])
        for q in alarm["Metrics"]
        if "MetricStat" in q
    }


def test_alarms_watch_function_errors_throttles_table_throttling_and_the_outbox() -> None:
    watched = set().union(*(_alarm_metrics(a) for a in _alarms().values()))
    assert {
        ("AWS/Lambda", "Errors"),
        ("AWS/Lambda", "Throttles"),
        ("AWS/DynamoDB", "ReadThrottleEvents"),
        ("AWS/DynamoDB", "WriteThrottleEvents"),
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible"),  # the outbox's dead letters
        ("AWS/SQS", "ApproximateAgeOfOldestMessage"),  # the outbox's backlog
    } <= watched
    for alarm in _alarms().values():
        assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}]
        assert alarm["TreatMissingData"] == "notBreaching"  # no traffic is not an outage


def test_the_emf_alarm_names_what_the_code_writes() -> None:
    from skill.metrics import NAMESPACE, SERVICE, Metric

    emf = [a for a in _alarms().values() if a.get("Namespace") == NAMESPACE]
    assert emf
    for alarm in emf:
        assert alarm["MetricName"] in {m.value for m in Metric}
        assert alarm["Dimensions"] == [{"Name": "Service", "Value": SERVICE}]


def test_tracing_is_a_switch_with_its_permission_only_when_on() -> None:
    template = load_template()
    assert _function()["Tracing"] == {"Ref": "Tracing"}
    assert set(template["Parameters"]["Tracing"]["AllowedValues"]) == {"Active", "PassThrough"}
    policy = template["Resources"]["TracingPolicy"]
    assert policy["Condition"] == "TracingOn"
    assert policy["Properties"]["Roles"] == [{"Ref": "SkillRole"}]


def test_function_logs_in_lambdas_json_format() -> None:
    assert _function()["LoggingConfig"]["LogFormat"] == "JSON"


def test_the_outbox_alarms_watch_its_own_queues() -> None:
    alarms = _alarms()
    dead = alarms["OutboxDeadLetterAlarm"]["Dimensions"][0]["Value"]
    backlog = alarms["OutboxBacklogAlarm"]["Dimensions"][0]["Value"]
    assert dead == {"Fn::GetAtt": ["OutboxDeadLetterQueue", "QueueName"]}
    assert backlog == {"Fn::GetAtt": ["OutboxQueue", "QueueName"]}


def test_the_outbox_is_a_fifo_queue_with_a_dead_letter_queue_drained_by_the_function() -> None:
    resources = load_template()["Resources"]
    queue = resources["OutboxQueue"]["Properties"]
    dead = resources["OutboxDeadLetterQueue"]["Properties"]
    assert queue["FifoQueue"] is True
    assert dead["FifoQueue"] is True
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {
        "Fn::GetAtt": ["OutboxDeadLetterQueue", "Arn"]
    }
    assert queue["VisibilityTimeout"] >= 6 * _function()["Timeout"]
    assert queue["SqsManagedSseEnabled"] is True
    assert dead["SqsManagedSseEnabled"] is True
    source = _function()["Events"]["Outbox"]
    assert source["Type"] == "SQS"
    assert source["Properties"]["Queue"] == {"Fn::GetAtt": ["OutboxQueue", "Arn"]}
    assert source["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert _function()["Environment"]["Variables"]["MORNING_MOVES_OUTBOX_QUEUE_URL"] == {
        "Ref": "OutboxQueue"
    }
    sqs = [s for s in _statements() if any(a.startswith("sqs:") for a in _actions(s))]
    assert [s["Resource"] for s in sqs] == [{"Fn::GetAtt": ["OutboxQueue", "Arn"]}]
