"""Write the skill package `ask deploy` uploads, with the endpoint set to the deployed function.

interaction_model/ keeps its placeholder endpoint: it is generated (`make model`), its tests pin
the placeholder, and an account's ARN does not belong in the repository. So ask-resources.json
points the ASK CLI at a copy, build/skill-package/, written here.

    .venv/bin/python lambda/skill_package.py [--arn ARN] [--sam PATH]

Without --arn, the ARN is the SkillFunctionArn output of the stack samconfig.toml names
(`sam list stack-outputs`, which needs the AWS credentials `sam deploy` used).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skill.dev.model_build import ENDPOINT_PLACEHOLDER  # noqa: E402  (after the path)

SOURCE = ROOT / "interaction_model"
OUT = ROOT / "build" / "skill-package"
OUTPUT_KEY = "SkillFunctionArn"
LAMBDA_ARN = re.compile(
    r"^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$"
)


def _with_endpoint(node: Any, arn: str) -> tuple[Any, int]:
    """`node` with every placeholder endpoint replaced, and how many there were."""
    if node == ENDPOINT_PLACEHOLDER:
        return arn, 1
    if isinstance(node, dict):
        pairs = [(key, *_with_endpoint(value, arn)) for key, value in node.items()]
        return {key: value for key, value, _ in pairs}, sum(count for *_, count in pairs)
    if isinstance(node, list):
        items = [_with_endpoint(item, arn) for item in node]
        return [item for item, _ in items], sum(count for _, count in items)
    return node, 0


def write_package(arn: str, out: Path = OUT, source: Path = SOURCE) -> int:
    """Copy `source` to `out` with the endpoint set; how many endpoints were set."""
    if not LAMBDA_ARN.match(arn) or arn == ENDPOINT_PLACEHOLDER:
        raise SystemExit(f"not a Lambda function ARN: {arn!r}")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source, out)
    manifest_file = out / "skill.json"
    manifest, replaced = _with_endpoint(json.loads(manifest_file.read_text()), arn)
    if not replaced:
        raise SystemExit(f"{source / 'skill.json'} has no placeholder endpoint to set")
    manifest_file.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return int(replaced)


def deployed_arn(sam: str) -> str:
    """The stack's SkillFunctionArn output, asked of CloudFormation through the SAM CLI."""
    listed = subprocess.run(  # noqa: S603 (our own tool path and fixed arguments)
        [sam, "list", "stack-outputs", "--output", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        raise SystemExit(
            f"`sam list stack-outputs` failed (deployed? credentials?):\n{listed.stderr}"
        )
    outputs = {o["OutputKey"]: o["OutputValue"] for o in json.loads(listed.stdout)}
    return str(outputs[OUTPUT_KEY])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arn", help="the function ARN (default: the deployed stack's output)")
    parser.add_argument("--sam", default="sam", help="the SAM CLI (default: sam on PATH)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    arn = args.arn or deployed_arn(args.sam)
    count = write_package(arn, args.out)
    print(f"{args.out.relative_to(ROOT)}: {count} endpoints set to {arn}; next: ask deploy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
