"""Generate `interaction_model/` (ASK CLI skill-package layout) from `model_source`.

    python -m skill.dev.model_build           # rewrite the committed files
    python -m skill.dev.model_build --check   # exit 1 if they differ from the source

`make model` runs the first; tests/test_interaction_model.py fails when the files drift.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from skill.domain.reminders import REMINDERS_PERMISSION
from skill.domain.speaker import GIVEN_NAME_PERMISSION
from skill.voice.interfaces import event_subscriptions, manifest_interfaces
from skill.voice.model_source import (
    COMMONWEALTH,
    INTENTS,
    INVOCATION_NAME,
    LOCALES,
    NORTH_AMERICA,
    SLOT_TYPES,
)

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "interaction_model"
SKILL_NAME = "Morning Moves"
CATEGORY = "HEALTH_AND_FITNESS"
# The deploy step replaces this with the Lambda function's ARN (see the deploy docs).
ENDPOINT_PLACEHOLDER = "arn:aws:lambda:us-east-1:000000000000:function:REPLACE_WITH_LAMBDA_ARN"
# `make skill-package PRIVACY_URL=… TERMS_URL=…` replaces these with the published pages
# (docs/privacy.md, docs/terms.md) and refuses to leave example.com in a package.
PRIVACY_URL_PLACEHOLDER = "https://example.com/PLACEHOLDER-morning-moves/privacy"
TERMS_URL_PLACEHOLDER = "https://example.com/PLACEHOLDER-morning-moves/terms"
# The icons ship inside the skill package (assets/images/, rendered by art/render_icons.py);
# the ASK CLI uploads them and swaps in their hosted URLs.
SMALL_ICON_URI = "file://assets/images/small-icon.png"
LARGE_ICON_URI = "file://assets/images/large-icon.png"
DISCLAIMER = (
    "Morning Moves is a coaching aid, not medical advice. Check with a health professional "
    "before starting a new exercise routine, and stop if anything hurts."
)


def model_path(locale: str, package_dir: Path = PACKAGE_DIR) -> Path:
    return package_dir / "interactionModels" / "custom" / f"{locale}.json"


def manifest_path(package_dir: Path = PACKAGE_DIR) -> Path:
    return package_dir / "skill.json"


def build_model(locale: str) -> dict[str, Any]:
    """The interaction model for one locale, as the ASK CLI expects it on disk."""
    intents: list[dict[str, Any]] = []
    for src in INTENTS:
        samples = list(src.samples_for(locale))
        intent: dict[str, Any] = {"name": src.intent.value, "samples": samples}
        if src.slots:
            intent["slots"] = [{"name": n.value, "type": t} for n, t in src.slots.items()]
        intents.append(intent)
    types = [
        {
            "name": slot_type.name,
            "values": [
                {
                    "id": value.id,
                    "name": {"value": value.name, "synonyms": list(value.synonyms_for(locale))},
                }
                for value in slot_type.values
            ],
        }
        for slot_type in SLOT_TYPES
    ]
    return {
        "interactionModel": {
            "languageModel": {"invocationName": INVOCATION_NAME, "intents": intents, "types": types}
        }
    }


_KETTLE = {NORTH_AMERICA: "the tea kettle heats", COMMONWEALTH: "the kettle boils"}
_BATH = {NORTH_AMERICA: "the tub fills", COMMONWEALTH: "the bath runs"}


def _regional(phrases: dict[tuple[str, ...], str], locale: str) -> str:
    return next(text for locales, text in phrases.items() if locale in locales)


def _publishing(locale: str) -> dict[str, Any]:
    kettle, bath = _regional(_KETTLE, locale), _regional(_BATH, locale)
    description = (
        "Five quick, equipment-free strength moves for runners and for anyone who wants to stay "
        "mobile: toe taps, squats, heel rises, glute bridges and reverse lunges. Morning Moves "
        "explains each move, paces it and counts your reps out loud, so you never look at a "
        f"screen. Do toe taps while {kettle}, heel rises while you brush your teeth, squats while "
        f"{bath}, or the whole routine before you get dressed. It remembers your progress and "
        "grows the routine with you, up to the age of your next big birthday.\n\n" + DISCLAIMER
    )
    return {
        "name": SKILL_NAME,
        "summary": "A hands-free, five-move strength routine for runners. Not medical advice.",
        "description": description,
        "examplePhrases": [
            "Alexa, open morning moves",
            "Alexa, ask morning moves to start my morning moves",
            "Alexa, tell morning moves I'm brushing my teeth",
        ],
        "keywords": ["running", "strength", "exercise", "squats", "fitness", "mobility"],
        "smallIconUri": SMALL_ICON_URI,
        "largeIconUri": LARGE_ICON_URI,
    }


def build_manifest() -> dict[str, Any]:
    """skill.json: publishing information, privacy, permissions, events and the endpoint."""
    endpoint = {"uri": ENDPOINT_PLACEHOLDER}
    return {
        "manifest": {
            "manifestVersion": "1.0",
            "publishingInformation": {
                "locales": {locale: _publishing(locale) for locale in LOCALES},
                "category": CATEGORY,
                "isAvailableWorldwide": False,
                "distributionCountries": ["US", "GB", "AU", "CA", "IN"],
                "testingInstructions": (
                    "No account linking. Say 'open morning moves' and follow the prompts, or "
                    "'tell morning moves I'm brushing my teeth' for a hands-free set. " + DISCLAIMER
                ),
            },
            "privacyAndCompliance": {
                "allowsPurchases": False,
                # Age and exercise history are kept per user, so the store listing says so.
                "usesPersonalInfo": True,
                "isChildDirected": False,
                "isExportCompliant": True,
                "containsAds": False,
                "locales": {
                    locale: {
                        "privacyPolicyUrl": PRIVACY_URL_PLACEHOLDER,
                        "termsOfUseUrl": TERMS_URL_PLACEHOLDER,
                    }
                    for locale in LOCALES
                },
            },
            "permissions": [{"name": p} for p in (REMINDERS_PERMISSION, GIVEN_NAME_PERMISSION)],
            "events": {"endpoint": endpoint, "subscriptions": event_subscriptions()},
            # What the code sends and answers (skill.voice.interfaces; tests collect both).
            "apis": {"custom": {"endpoint": endpoint, "interfaces": manifest_interfaces()}},
        }
    }


def rendered_files(package_dir: Path = PACKAGE_DIR) -> dict[Path, str]:
    """Every generated file and its exact text."""
    files = {manifest_path(package_dir): _dump(build_manifest())}
    for locale in LOCALES:
        files[model_path(locale, package_dir)] = _dump(build_model(locale))
    return files


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def stale_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Generated files that are missing or differ from the source."""
    return [
        path
        for path, text in rendered_files(package_dir).items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def write_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    for path, text in rendered_files(package_dir).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(rendered_files(package_dir))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.add_argument("--dir", type=Path, default=PACKAGE_DIR, help="skill package directory")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.dir)
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_files(args.dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
