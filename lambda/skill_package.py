"""Write the skill package `ask deploy` uploads: the endpoint set to the deployed function and
the privacy and terms URLs set to the published pages (docs/privacy.md, docs/terms.md).

interaction_model/ keeps its placeholders: it is generated (`make model`), its tests pin them,
and an account's ARN does not belong in the repository. So ask-resources.json points the ASK CLI
at a copy, build/skill-package/, written here and checked (lambda/package_check.py --final).

    .venv/bin/python lambda/skill_package.py --privacy-url URL --terms-url URL [--arn ARN]

Without --arn, the ARN is the SkillFunctionAliasArn output (the `live` alias: with
AutoPublishAlias, SAM grants Alexa's trigger on the alias, not on the bare function), or for a
stack from before the alias its SkillFunctionArn, of the stack `sam deploy` deployed: its
name and region as saved in samconfig.toml (`sam deploy --guided` writes them under
[default.deploy.parameters]), asked of CloudFormation with `sam list stack-outputs`, which
needs the AWS credentials `sam deploy` used.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "lambda"))

import package_check  # noqa: E402  (after the path; lambda/ is this script's folder)
import samconfig  # noqa: E402

from skill.dev.model_build import (  # noqa: E402
    ENDPOINT_PLACEHOLDER,
    PRIVACY_URL_PLACEHOLDER,
    TERMS_URL_PLACEHOLDER,
)

SOURCE = ROOT / "interaction_model"
OUT = ROOT / "build" / "skill-package"
OUTPUT_KEY = "SkillFunctionArn"
ALIAS_OUTPUT_KEY = "SkillFunctionAliasArn"  # what Alexa's trigger permits, when the stack has it
LAMBDA_ARN = re.compile(
    r"^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$"
)


def _replaced(node: Any, values: dict[str, str], counts: dict[str, int]) -> Any:
    """`node` with every placeholder in `values` replaced; `counts` tallies each."""
    if isinstance(node, str) and node in values:
        counts[node] += 1
        return values[node]
    if isinstance(node, dict):
        return {key: _replaced(value, values, counts) for key, value in node.items()}
    if isinstance(node, list):
        return [_replaced(item, values, counts) for item in node]
    return node


def check_page_url(url: str, what: str) -> str:
    """`url` if it can be a store listing's public page: https, and not a placeholder."""
    if urlsplit(url).scheme != "https" or not urlsplit(url).hostname:
        raise SystemExit(f"the {what} URL must be https: {url!r}")
    if package_check.is_placeholder_url(url):
        raise SystemExit(f"the {what} URL is a placeholder: {url!r} (publish docs/ first)")
    return url


def write_package(
    arn: str, privacy_url: str, terms_url: str, out: Path = OUT, source: Path = SOURCE
) -> int:
    """Copy `source` to `out` with the endpoint and pages set; how many endpoints were set."""
    if not LAMBDA_ARN.match(arn) or arn == ENDPOINT_PLACEHOLDER:
        raise SystemExit(f"not a Lambda function ARN: {arn!r}")
    values = {
        ENDPOINT_PLACEHOLDER: arn,
        PRIVACY_URL_PLACEHOLDER: check_page_url(privacy_url, "privacy policy"),
        TERMS_URL_PLACEHOLDER: check_page_url(terms_url, "terms of use"),
    }
    counts = dict.fromkeys(values, 0)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source, out)
    manifest_file = out / "skill.json"
    manifest = _replaced(json.loads(manifest_file.read_text()), values, counts)
    missing = [placeholder for placeholder, count in counts.items() if not count]
    if missing:
        raise SystemExit(f"{source / 'skill.json'} lacks the placeholders {missing}")
    manifest_file.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    problems = package_check.problems(out, final=True)
    if problems:
        raise SystemExit("the skill package is not ready:\n" + "\n".join(problems))
    return counts[ENDPOINT_PLACEHOLDER]


def deployed_arn(sam: str, config: Path = samconfig.CONFIG) -> str:
    """The endpoint Alexa may invoke: the stack's alias output, else its function output."""
    outputs = samconfig.stack_outputs(sam, config)
    arn = outputs.get(ALIAS_OUTPUT_KEY) or outputs.get(OUTPUT_KEY)
    if arn is None:
        raise SystemExit(f"the stack has no {OUTPUT_KEY} output: is it this template's?")
    return arn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arn", help="the function ARN (default: the deployed stack's output)")
    parser.add_argument("--sam", default="sam", help="the SAM CLI (default: sam on PATH)")
    parser.add_argument("--privacy-url", required=True, help="the published docs/privacy.md")
    parser.add_argument("--terms-url", required=True, help="the published docs/terms.md")
    parser.add_argument("--config", type=Path, default=samconfig.CONFIG, help="samconfig.toml")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    arn = args.arn or deployed_arn(args.sam, args.config)
    count = write_package(arn, args.privacy_url, args.terms_url, args.out)
    print(f"{args.out}: {count} endpoints set to {arn}; checked; next: ask deploy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
