"""The checked steps of the two-pass deploy (the Makefile's deploy-* targets run them).

1. `make deploy-backend GUIDED=1`: the stack, with no skill id yet. The Alexa trigger has to be
   open for `ask deploy` to accept the function as an endpoint, so the function itself refuses
   every request until it knows its skill (lambda/app.py): open, but answering nobody.
2. `make deploy-skill PRIVACY_URL=… TERMS_URL=…`: the skill package, then `ask deploy`, which
   creates the skill and records its id in .ask/ask-states.json.
3. `make deploy-lock`: that id saved where a plain `sam deploy` reads it (samconfig.toml), the
   stack deployed again, and the stack's SkillId output checked against it.

    python lambda/deploy_flow.py {skill-id|save-skill-id|after-deploy|check} [--skill-id ID]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import samconfig

ASK_STATES = samconfig.ROOT / ".ask" / "ask-states.json"
SKILL_ID_OUTPUT = "SkillId"


class FlowError(SystemExit):
    """A step found the deploy in a state it must not go on from; the message says why."""


def ask_skill_id(states: Path = ASK_STATES, profile: str = "default") -> str | None:
    """The skill id `ask deploy` recorded (None before the skill exists)."""
    if not states.exists():
        return None
    data = json.loads(states.read_text(encoding="utf-8"))
    skill_id = (data.get("profiles") or {}).get(profile, {}).get("skillId")
    return str(skill_id) if skill_id else None


def chosen_skill_id(given: str | None, states: Path = ASK_STATES) -> str:
    skill_id = given or ask_skill_id(states)
    if not skill_id:
        raise FlowError("no skill id: run `make deploy-skill` first, or pass SKILL_ID=amzn1.ask…")
    if not samconfig.SKILL_ID.match(skill_id):
        raise FlowError(f"not a skill id: {skill_id!r}")
    return skill_id


def after_deploy(config: Path = samconfig.CONFIG, states: Path = ASK_STATES) -> str:
    """What a finished `sam deploy` left: fails when a skill exists but the stack is not
    locked to it (a plain `sam deploy` from a samconfig.toml without its id)."""
    saved = samconfig.parameter(samconfig.SKILL_ID_PARAMETER, config) or ""
    created = ask_skill_id(states)
    if created and saved != created:
        raise FlowError(
            f"samconfig.toml deploys SkillId={saved!r} but the skill is {created}: "
            "the function answers no skill; run `make deploy-lock`"
        )
    if not saved:
        return "deployed without a skill id: it answers no skill yet; next: make deploy-skill"
    return f"deployed, locked to {saved}"


def check(sam: str, config: Path = samconfig.CONFIG, states: Path = ASK_STATES) -> str:
    """The deployed stack is locked to the saved skill id, and that is the ASK CLI's skill."""
    saved = samconfig.parameter(samconfig.SKILL_ID_PARAMETER, config) or ""
    if not saved:
        raise FlowError("samconfig.toml saves no SkillId: run `make deploy-lock`")
    created = ask_skill_id(states)
    if created and created != saved:
        raise FlowError(f"samconfig.toml saves {saved}, .ask/ask-states.json has {created}")
    deployed = samconfig.stack_output(SKILL_ID_OUTPUT, sam, config)
    if deployed != saved:
        raise FlowError(f"the stack runs SkillId={deployed!r}, not {saved}: run `make deploy-lock`")
    return f"locked: only {saved} can invoke the function, and it answers only that skill"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["skill-id", "save-skill-id", "after-deploy", "check"])
    parser.add_argument("--skill-id", help="default: the one in .ask/ask-states.json")
    parser.add_argument("--sam", default="sam", help="the SAM CLI")
    parser.add_argument("--config", type=Path, default=samconfig.CONFIG)
    args = parser.parse_args(argv)
    match args.step:
        case "skill-id":
            print(f"skill {chosen_skill_id(args.skill_id)}; next: make deploy-lock")
        case "save-skill-id":
            skill_id = chosen_skill_id(args.skill_id)
            samconfig.set_skill_id(skill_id, args.config)
            print(f"{args.config.name}: SkillId={skill_id} saved for every `sam deploy`")
        case "after-deploy":
            print(after_deploy(args.config))
        case "check":
            print(check(args.sam, args.config))
    return 0


if __name__ == "__main__":
    sys.exit(main())
