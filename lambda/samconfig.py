"""samconfig.toml as `sam deploy` reads and writes it: the stack, its region and the skill id.

`sam deploy --guided` saves its answers under `[<env>.deploy.parameters]` (stack_name, region,
parameter_overrides, ...), and a plain `sam deploy` reads them back from there, with
`[<env>.global.parameters]` underneath. So the skill id lives in that section's
`parameter_overrides`: a `--parameter-overrides` given on one command line is not saved, and the
next plain `sam deploy` would quietly deploy `SkillId=""` again, reopening the function.

    python lambda/samconfig.py get stack_name|region|SkillId [--config FILE] [--env ENV]
    python lambda/samconfig.py set NAME VALUE [--config FILE] [--env ENV]   # e.g. Tracing Active

A `sam deploy --parameter-overrides` on the command line is not saved and replaces the saved
list for that run (aws-sam-cli#2380), so change parameters here, then deploy.

Reading needs only the standard library; writing keeps the file's comments and layout with
tomlkit, the library the SAM CLI writes it with (in .venv-sam).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "samconfig.toml"
DEFAULT_ENV = "default"
SKILL_ID_PARAMETER = "SkillId"
SKILL_ID = re.compile(r"^amzn1\.ask\.skill\.[0-9a-fA-F-]+$")  # template.yaml's AllowedPattern
# One `Key=value` of parameter_overrides; SAM writes values double-quoted, `"` escaped.
_OVERRIDE = re.compile(r'([A-Za-z0-9]+)=("(?:[^"\\]|\\.)*"|\S*)')


def parse_overrides(text: str) -> dict[str, str]:
    """`LogLevel="INFO" SkillId=""` as a dict, in order, quotes removed."""
    parsed: dict[str, str] = {}
    for key, raw in _OVERRIDE.findall(text):
        quoted = raw.startswith('"') and raw.endswith('"') and len(raw) >= 2
        parsed[key] = raw[1:-1].replace('\\"', '"') if quoted else raw
    return parsed


def format_overrides(values: dict[str, str]) -> str:
    """The dict back in the form SAM's guided deploy writes."""
    return " ".join(
        f'{key}="{value.replace(chr(34), chr(92) + chr(34))}"' for key, value in values.items()
    )


def _sections(doc: dict[str, Any], env: str) -> list[dict[str, Any]]:
    """The parameter tables a plain `sam deploy` reads, weakest first."""
    scope = doc.get(env) or {}
    return [(scope.get(name) or {}).get("parameters") or {} for name in ("global", "deploy")]


def deploy_setting(name: str, config: Path = CONFIG, env: str = DEFAULT_ENV) -> str | None:
    """A `sam deploy` setting (e.g. stack_name, region) as `sam deploy` resolves it."""
    doc = tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
    value = None
    for section in _sections(doc, env):
        value = section.get(name, value)
    if isinstance(value, list):  # SAM also accepts lists, e.g. of parameter overrides
        return " ".join(str(item) for item in value)
    return None if value is None else str(value)


def parameter(name: str, config: Path = CONFIG, env: str = DEFAULT_ENV) -> str | None:
    """One template parameter from the saved parameter_overrides (None when not saved)."""
    return parse_overrides(deploy_setting("parameter_overrides", config, env) or "").get(name)


def stack_outputs(sam: str, config: Path = CONFIG, env: str = DEFAULT_ENV) -> dict[str, str]:
    """The outputs of the stack `sam deploy` deploys (its name and region as saved here), asked
    of CloudFormation through the SAM CLI (needs the credentials `sam deploy` used)."""
    stack = deploy_setting("stack_name", config, env)
    if not stack:
        raise SystemExit(f"{config.name} names no stack: deploy first (make deploy-backend)")
    region = deploy_setting("region", config, env)
    where = ["--stack-name", stack, *(["--region", region] if region else [])]
    listed = subprocess.run(  # noqa: S603 (our own tool path and fixed arguments)
        [sam, "list", "stack-outputs", *where, "--output", "json"],
        cwd=config.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        raise SystemExit(f"`sam list stack-outputs` for {stack} failed:\n{listed.stderr}")
    return {str(o["OutputKey"]): str(o["OutputValue"]) for o in json.loads(listed.stdout)}


def stack_output(key: str, sam: str, config: Path = CONFIG, env: str = DEFAULT_ENV) -> str:
    """One output of the deployed stack (see `stack_outputs`)."""
    outputs = stack_outputs(sam, config, env)
    if key not in outputs:
        raise SystemExit(f"the stack has no {key} output: is it this template's?")
    return outputs[key]


def with_parameter(text: str, name: str, value: str, env: str = DEFAULT_ENV) -> str:
    """samconfig.toml `text` with template parameter `name` set in the deploy section's
    parameter_overrides; every other key, override and comment kept."""
    import tomlkit

    doc = tomlkit.parse(text)
    scope = doc.setdefault(env, tomlkit.table(is_super_table=True))
    deploy = scope.setdefault("deploy", tomlkit.table(is_super_table=True))
    parameters = deploy.setdefault("parameters", tomlkit.table())
    saved = parameters.get("parameter_overrides", "")
    overrides = parse_overrides(" ".join(saved) if isinstance(saved, list) else str(saved))
    overrides[name] = value
    parameters["parameter_overrides"] = format_overrides(overrides)
    return tomlkit.dumps(doc)


def with_skill_id(text: str, skill_id: str, env: str = DEFAULT_ENV) -> str:
    if not SKILL_ID.match(skill_id):
        raise ValueError(f"not a skill id: {skill_id!r}")
    return with_parameter(text, SKILL_ID_PARAMETER, skill_id, env)


def set_parameter(name: str, value: str, config: Path = CONFIG, env: str = DEFAULT_ENV) -> None:
    """Save a template parameter where every plain `sam deploy` reads it."""
    text = config.read_text(encoding="utf-8") if config.exists() else "version = 0.1\n"
    if name == SKILL_ID_PARAMETER:
        config.write_text(with_skill_id(text, value, env), encoding="utf-8")
    else:
        config.write_text(with_parameter(text, name, value, env), encoding="utf-8")


def set_skill_id(skill_id: str, config: Path = CONFIG, env: str = DEFAULT_ENV) -> None:
    set_parameter(SKILL_ID_PARAMETER, skill_id, config, env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--env", default=DEFAULT_ENV)
    commands = parser.add_subparsers(dest="command", required=True)
    get = commands.add_parser("get", help="print a deploy setting or a saved template parameter")
    get.add_argument("name")
    setter = commands.add_parser("set", help="save a template parameter for every sam deploy")
    setter.add_argument("name")
    setter.add_argument("value")
    args = parser.parse_args(argv)
    if args.command == "set":
        set_parameter(args.name, args.value, args.config, args.env)
        print(f"{args.config.name}: {args.name}={args.value} saved for every `sam deploy`")
        return 0
    value = deploy_setting(args.name, args.config, args.env)
    if value is None:
        value = parameter(args.name, args.config, args.env)
    print(value or "")
    return 0 if value else 1


if __name__ == "__main__":
    sys.exit(main())
