"""The offline skill-package check (lambda/package_check.py) on the committed package, and on
broken copies of it, so that each check is known to bite."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skill.dev.model_build import PACKAGE_DIR
from testkit.template import package_check


def test_the_committed_package_passes() -> None:
    assert package_check().problems(PACKAGE_DIR) == []


@pytest.mark.parametrize(("name", "size"), [("small-icon.png", 108), ("large-icon.png", 512)])
def test_icons_are_pngs_of_the_sizes_alexa_wants(name: str, size: int) -> None:
    assert package_check().png_size(PACKAGE_DIR / "assets" / "images" / name) == (size, size)


def test_the_placeholders_pass_only_before_the_deploy() -> None:
    final = package_check().problems(PACKAGE_DIR, final=True)
    assert any("privacyPolicyUrl" in p for p in final)
    assert any("termsOfUseUrl" in p for p in final)
    assert any("endpoint.uri is still the placeholder" in p for p in final)


def _locale(manifest: dict[str, Any]) -> dict[str, Any]:
    locale: dict[str, Any] = manifest["publishingInformation"]["locales"]["en-GB"]
    return locale


def _drop_privacy_locale(m: dict[str, Any]) -> None:
    del m["privacyAndCompliance"]["locales"]["en-IN"]


def _http_terms(m: dict[str, Any]) -> None:
    m["privacyAndCompliance"]["locales"]["en-US"]["termsOfUseUrl"] = "http://x.test/terms"


Breakage = Callable[[dict[str, Any]], None]
BREAKAGES: dict[str, tuple[Breakage, str]] = {
    "no summary": (lambda m: _locale(m).pop("summary"), "summary is missing"),
    "no icon": (lambda m: _locale(m).pop("largeIconUri"), "largeIconUri is missing"),
    "icon not packaged": (
        lambda m: _locale(m).update(smallIconUri="file://assets/images/gone.png"),
        "is not in the package",
    ),
    "icon of the wrong size": (
        lambda m: _locale(m).update(smallIconUri="file://assets/images/large-icon.png"),
        "not 108x108",
    ),
    "too many examples": (
        lambda m: _locale(m).update(examplePhrases=["Alexa, open morning moves"] * 4),
        "examplePhrases",
    ),
    "locale without pages": (_drop_privacy_locale, "privacyAndCompliance locales"),
    "http page": (_http_terms, "is not https"),
    "no category": (lambda m: m["publishingInformation"].pop("category"), "category"),
    "no compliance answer": (
        lambda m: m["privacyAndCompliance"].pop("containsAds"),
        "containsAds is missing",
    ),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_each_check_catches_its_breakage(breakage: str, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(PACKAGE_DIR, package)
    document = json.loads((package / "skill.json").read_text())
    change, expected = BREAKAGES[breakage]
    change(document["manifest"])
    (package / "skill.json").write_text(json.dumps(document))
    found = package_check().problems(package)
    assert any(expected in problem for problem in found), found


def test_a_model_locale_without_a_listing_is_caught(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(PACKAGE_DIR, package)
    (package / "interactionModels" / "custom" / "en-IN.json").unlink()
    assert any("interaction model locales" in p for p in package_check().problems(package))
