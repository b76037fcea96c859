"""The two-pass deploy, offline: samconfig.toml round trips (read back by the SAM CLI's own code),
the skill package from a faked stack output, and each step's checks."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from skill.lambda_entry import RequestFailedError, make_closed_handler
from testkit.template import ROOT, deploy_flow, package_check, samconfig, skill_package
from tests.events import load_event

SKILL_ID = "amzn1.ask.skill.0b1e2c3d-4f56-7890-abcd-ef0123456789"
ARN = "arn:aws:lambda:eu-west-1:123456789012:function:mm-prod-skill"
PRIVACY = "https://morning-moves.test/privacy"
TERMS = "https://morning-moves.test/terms"
SAM_PYTHON = ROOT / ".venv-sam" / "bin" / "python"

# What `sam deploy --guided` leaves when the stack is renamed and SkillId left empty
# (samcli/commands/deploy/guided_config.py: the answers go to [default.deploy.parameters]).
GUIDED = textwrap.dedent(
    """\
    # Our own comment, kept by every write.
    version = 0.1

    [default.global.parameters]
    stack_name = "morning-moves"
    region = "eu-west-1"

    [default.deploy.parameters]
    capabilities = "CAPABILITY_IAM"
    confirm_changeset = true
    resolve_s3 = true
    stack_name = "mm-prod"
    s3_prefix = "mm-prod"
    region = "eu-west-1"
    parameter_overrides = "SkillId=\\"\\" LogLevel=\\"INFO\\" LogRetentionInDays=\\"30\\""
    """
)


@pytest.fixture
def guided(tmp_path: Path) -> Path:
    config = tmp_path / "samconfig.toml"
    config.write_text(GUIDED)
    return config


def _sam_reads(config: Path) -> dict[str, str]:
    """The template parameters a plain `sam deploy` would pass, parsed by the SAM CLI itself."""
    code = (
        "import json, sys; from samcli.lib.config.samconfig import SamConfig;"
        "from samcli.cli.types import CfnParameterOverridesType as T;"
        "c = SamConfig(sys.argv[1]).get_all(['deploy'], 'parameters');"
        "o = T().convert(c['parameter_overrides'], None, None);"
        "print(json.dumps({'stack': c['stack_name'], **o}))"
    )
    done = subprocess.run(
        [str(SAM_PYTHON), "-c", code, str(config.parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    values: dict[str, str] = json.loads(done.stdout)
    return values


def test_guided_answers_are_where_the_reader_looks(guided: Path) -> None:
    config = samconfig()
    assert config.deploy_setting("stack_name", guided) == "mm-prod"  # deploy beats global
    assert config.deploy_setting("region", guided) == "eu-west-1"
    assert config.parameter("SkillId", guided) == ""
    assert config.deploy_setting("stack_name", ROOT / "samconfig.toml") == "morning-moves"


def test_saving_the_skill_id_keeps_everything_else_and_sam_reads_it_back(guided: Path) -> None:
    samconfig().set_skill_id(SKILL_ID, guided)
    text = guided.read_text()
    assert text.startswith(GUIDED.split("[default.deploy.parameters]")[0])  # comments kept
    assert text.count("parameter_overrides") == 1
    assert samconfig().parameter("SkillId", guided) == SKILL_ID
    assert samconfig().parameter("LogLevel", guided) == "INFO"
    assert _sam_reads(guided) == {
        "stack": "mm-prod",
        "SkillId": SKILL_ID,
        "LogLevel": "INFO",
        "LogRetentionInDays": "30",
    }
    samconfig().set_skill_id(SKILL_ID, guided)
    assert guided.read_text() == text  # saving again changes nothing


def test_saving_into_the_committed_samconfig_adds_the_override(tmp_path: Path) -> None:
    config = tmp_path / "samconfig.toml"
    config.write_text((ROOT / "samconfig.toml").read_text())
    samconfig().set_skill_id(SKILL_ID, config)
    assert _sam_reads(config)["SkillId"] == SKILL_ID


def test_overrides_round_trip_quotes() -> None:
    values = {"A": 'say "hi"', "B": "", "C": "x y"}
    config = samconfig()
    assert config.parse_overrides(config.format_overrides(values)) == values


@pytest.mark.parametrize("bad", ["", "amzn1.ask.skill.", "amzn1.ask.skill.x y", "skill"])
def test_saving_refuses_what_is_not_a_skill_id(guided: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="not a skill id"):
        samconfig().set_skill_id(bad, guided)
    assert guided.read_text() == GUIDED


def _fake_sam(tmp_path: Path, outputs: dict[str, str], name: str = "sam") -> tuple[Path, Path]:
    """A `sam` that answers `list stack-outputs` from `outputs` and records its arguments."""
    calls = tmp_path / f"{name}-calls.json"
    listed = [{"OutputKey": k, "OutputValue": v, "Description": ""} for k, v in outputs.items()]
    sam = tmp_path / name
    sam.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"open({str(calls)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"print(json.dumps({listed!r}))\n"
    )
    sam.chmod(0o755)
    return sam, calls


def _ask_states(tmp_path: Path, skill_id: str) -> Path:
    states = tmp_path / "ask-states.json"
    states.write_text(json.dumps({"profiles": {"default": {"skillId": skill_id}}}))
    return states


def test_skill_package_from_the_stack_sam_deploy_wrote(guided: Path, tmp_path: Path) -> None:
    sam, calls = _fake_sam(tmp_path, {"SkillFunctionArn": ARN})
    out = tmp_path / "package"
    args = ["--sam", str(sam), "--config", str(guided), "--out", str(out)]
    assert skill_package().main([*args, "--privacy-url", PRIVACY, "--terms-url", TERMS]) == 0
    [call] = [json.loads(line) for line in calls.read_text().splitlines()]
    assert call[:2] == ["list", "stack-outputs"]
    assert call[call.index("--stack-name") + 1] == "mm-prod"  # renamed during the guided deploy
    assert call[call.index("--region") + 1] == "eu-west-1"
    manifest = json.loads((out / "skill.json").read_text())["manifest"]
    assert manifest["apis"]["custom"]["endpoint"]["uri"] == ARN
    assert manifest["events"]["endpoint"]["uri"] == ARN
    pages = manifest["privacyAndCompliance"]["locales"].values()
    assert {(p["privacyPolicyUrl"], p["termsOfUseUrl"]) for p in pages} == {(PRIVACY, TERMS)}
    assert (out / "assets" / "images" / "large-icon.png").is_file()
    assert package_check().problems(out, final=True) == []


def test_the_endpoint_is_the_live_alias_that_alexas_trigger_permits(
    guided: Path, tmp_path: Path
) -> None:
    """With AutoPublishAlias, SAM puts the AlexaSkill trigger's permission on the alias: an
    endpoint of the bare function would be refused."""
    alias = f"{ARN}:live"
    sam, _ = _fake_sam(tmp_path, {"SkillFunctionArn": ARN, "SkillFunctionAliasArn": alias})
    assert skill_package().deployed_arn(str(sam), guided) == alias


@pytest.mark.parametrize(
    ("privacy", "terms"),
    [
        ("https://example.com/privacy", TERMS),
        (PRIVACY, "https://docs.example.org/terms"),
        ("http://morning-moves.test/privacy", TERMS),
        ("", TERMS),
        ("https://example.com/PLACEHOLDER-morning-moves/privacy", TERMS),
    ],
)
def test_skill_package_refuses_pages_that_are_not_published(
    tmp_path: Path, privacy: str, terms: str
) -> None:
    with pytest.raises(SystemExit):
        skill_package().write_package(ARN, privacy, terms, tmp_path / "package")
    assert not (tmp_path / "package").exists()


def test_skill_package_needs_a_deployed_stack(tmp_path: Path) -> None:
    sam, _ = _fake_sam(tmp_path, {"SkillFunctionArn": ARN})
    with pytest.raises(SystemExit, match="names no stack"):
        skill_package().deployed_arn(str(sam), tmp_path / "missing.toml")


def test_after_the_first_deploy_the_function_is_open_but_answers_nobody(guided: Path) -> None:
    flow = deploy_flow()
    assert "answers no skill yet" in flow.after_deploy(guided, guided.parent / "no-states.json")
    with pytest.raises(RequestFailedError):
        make_closed_handler()(load_event("launch"), None)


@pytest.mark.parametrize("event", [{"request": "x"}, {"request": ["LaunchRequest"]}, {}])
def test_the_closed_function_refuses_malformed_events_with_its_own_error(
    event: dict[str, object],
) -> None:
    with pytest.raises(RequestFailedError):
        make_closed_handler()(event, None)


def test_a_plain_deploy_that_would_reopen_the_function_fails(guided: Path, tmp_path: Path) -> None:
    states = _ask_states(tmp_path, SKILL_ID)
    with pytest.raises(SystemExit, match="deploy-lock"):
        deploy_flow().after_deploy(guided, states)
    samconfig().set_skill_id(SKILL_ID, guided)
    assert SKILL_ID in deploy_flow().after_deploy(guided, states)


def test_the_lock_is_checked_against_the_stack(guided: Path, tmp_path: Path) -> None:
    states = _ask_states(tmp_path, SKILL_ID)
    samconfig().set_skill_id(SKILL_ID, guided)
    locked, _ = _fake_sam(tmp_path, {"SkillId": SKILL_ID}, "locked-sam")
    assert "locked" in deploy_flow().check(str(locked), guided, states)
    stale, _ = _fake_sam(tmp_path, {"SkillId": "none"}, "stale-sam")
    with pytest.raises(SystemExit, match="runs SkillId='none'"):
        deploy_flow().check(str(stale), guided, states)


def test_the_skill_id_comes_from_the_ask_cli_or_the_command_line(tmp_path: Path) -> None:
    flow = deploy_flow()
    assert flow.chosen_skill_id(None, _ask_states(tmp_path, SKILL_ID)) == SKILL_ID
    assert flow.chosen_skill_id(SKILL_ID, tmp_path / "none.json") == SKILL_ID
    with pytest.raises(SystemExit, match="make deploy-skill"):
        flow.chosen_skill_id(None, tmp_path / "none.json")


def test_other_parameters_are_saved_beside_the_skill_id(guided: Path) -> None:
    samconfig().set_skill_id(SKILL_ID, guided)
    assert samconfig().main(["--config", str(guided), "set", "Tracing", "Active"]) == 0
    assert _sam_reads(guided)["Tracing"] == "Active"
    assert _sam_reads(guided)["SkillId"] == SKILL_ID
