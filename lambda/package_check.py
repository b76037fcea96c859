"""Offline checks of a skill package against what certification asks of the manifest.

    python lambda/package_check.py [DIR] [--final]

Without --final (interaction_model/ as committed, run by `make test` through
tests/voice/test_skill_package.py) placeholders are allowed; with --final (build/skill-package,
run by `make skill-package`) they are not: a real Lambda ARN and published https pages.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
ICON_SIZES = {"smallIconUri": 108, "largeIconUri": 512}
PUBLISHING_FIELDS = ("name", "summary", "description", "examplePhrases", "keywords", *ICON_SIZES)
COMPLIANCE_FIELDS = (
    "allowsPurchases",
    "usesPersonalInfo",
    "isChildDirected",
    "isExportCompliant",
    "containsAds",
)
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net")
_PNG = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG from its IHDR chunk; None when the file is not a PNG."""
    head = path.read_bytes()[:24]
    if len(head) < 24 or not head.startswith(_PNG) or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def is_placeholder_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return "PLACEHOLDER" in url or any(
        host == h or host.endswith("." + h) for h in PLACEHOLDER_HOSTS
    )


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (json path, string) in the manifest."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node


def _icon_problems(package: Path, where: str, field: str, uri: str) -> list[str]:
    if not uri.startswith("file://"):
        return []  # a hosted icon: checked by Amazon on upload
    path = package / uri.removeprefix("file://")
    if not path.is_file():
        return [f"{where}.{field}: {uri} is not in the package"]
    size, wanted = png_size(path), ICON_SIZES[field]
    if size != (wanted, wanted):
        return [f"{where}.{field}: {path.name} is {size or 'not a PNG'}, not {wanted}x{wanted} PNG"]
    return []


def _locale_problems(package: Path, manifest: dict[str, Any]) -> list[str]:
    publishing = manifest["publishingInformation"]["locales"]
    privacy = manifest["privacyAndCompliance"].get("locales", {})
    models = {p.stem for p in (package / "interactionModels" / "custom").glob("*.json")}
    problems = [
        f"{name} locales {sorted(found)} differ from the publishing locales {sorted(publishing)}"
        for name, found in (("privacyAndCompliance", set(privacy)), ("interaction model", models))
        if set(found) != set(publishing)
    ]
    for locale, info in publishing.items():
        where = f"publishingInformation.locales.{locale}"
        problems += [
            f"{where}.{f} is missing or empty" for f in PUBLISHING_FIELDS if not info.get(f)
        ]
        phrases = info.get("examplePhrases") or []
        if not 1 <= len(phrases) <= 3 or not all(p.startswith("Alexa, ") for p in phrases):
            problems.append(f"{where}.examplePhrases: 1 to 3, each starting 'Alexa, '")
        for field in ICON_SIZES:
            problems += _icon_problems(package, where, field, str(info.get(field, "")))
        pages = privacy.get(locale, {})
        problems += [
            f"privacyAndCompliance.locales.{locale}.{page} is missing"
            for page in ("privacyPolicyUrl", "termsOfUseUrl")
            if not pages.get(page)
        ]
    return problems


def _url_problems(manifest: dict[str, Any], *, final: bool) -> list[str]:
    problems = []
    for where, text in _strings(manifest):
        if not where.endswith(("Url", "Uri", "uri")):
            continue
        if text.startswith(("file://", "arn:aws")):
            continue
        if urlsplit(text).scheme != "https":
            problems.append(f"{where}: {text} is not https")
        elif final and is_placeholder_url(text):
            problems.append(f"{where}: {text} is a placeholder (publish docs/ and pass its URL)")
    return problems


def problems(package: Path, *, final: bool = False) -> list[str]:
    """What would stop certification (or, with `final`, a deploy), one sentence each."""
    manifest: dict[str, Any] = json.loads((package / "skill.json").read_text("utf-8"))["manifest"]
    info = manifest.get("publishingInformation", {})
    found = [
        f"publishingInformation.{f} is missing"
        for f in ("category", "testingInstructions")
        if not info.get(f)
    ]
    if not info.get("isAvailableWorldwide") and not info.get("distributionCountries"):
        found.append("publishingInformation: no distributionCountries and not worldwide")
    compliance = manifest.get("privacyAndCompliance", {})
    found += [
        f"privacyAndCompliance.{f} is missing" for f in COMPLIANCE_FIELDS if f not in compliance
    ]
    found += _locale_problems(package, manifest)
    found += _url_problems(manifest, final=final)
    endpoint = manifest.get("apis", {}).get("custom", {}).get("endpoint", {}).get("uri", "")
    if not endpoint:
        found.append("apis.custom.endpoint.uri is missing")
    elif final and "REPLACE_WITH" in endpoint:
        found.append("apis.custom.endpoint.uri is still the placeholder")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, nargs="?", default=ROOT / "interaction_model")
    parser.add_argument("--final", action="store_true", help="no placeholders allowed")
    args = parser.parse_args(argv)
    found = problems(args.package, final=args.final)
    for problem in found:
        print(f"{args.package.name}: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
