"""Architecture rules that the layout promises."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parent.parent / "skill" / "domain"
FORBIDDEN = {
    "ask_sdk_core",
    "ask_sdk_model",
    "ask_sdk_runtime",
    "flask",
    "werkzeug",
    "boto3",
    "botocore",
    "sqlite3",
    "waitress",
    "requests",
    "urllib",
    "socket",
    "http",
}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: p.name)
def test_domain_imports_no_framework_or_io(path: Path) -> None:
    assert not (_imported_roots(path) & FORBIDDEN)


SKILL = DOMAIN.parent
OUTSIDE_DOMAIN = sorted(p for p in SKILL.rglob("*.py") if DOMAIN not in p.parents)


def _outcome_rewrites(path: Path) -> list[str]:
    """Places that change an engine Outcome or its reply after `step` made it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = ast.unparse(node.func.value)
        if node.func.attr == "_replace" and ("outcome" in target or "reply" in target):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_nothing_outside_the_domain_rewrites_what_step_decided() -> None:
    """A turn reads one way: step decides the state, reply, progress and effects; the voice
    layer carries them out and renders them, and changes none of them."""
    assert [hit for path in OUTSIDE_DOMAIN for hit in _outcome_rewrites(path)] == []


def test_the_rewrite_check_sees_a_rewrite(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f(outcome):\n    return outcome._replace(reply=None)\n")
    assert _outcome_rewrites(sneaky) == ["sneaky.py:2: outcome._replace(reply=None)"]


def test_one_module_builds_responses() -> None:
    """Only skill/voice/response.py speaks through the SDK's response builder."""
    speakers = sorted(
        path.relative_to(SKILL).as_posix()
        for path in OUTSIDE_DOMAIN
        if ".speak(" in path.read_text() or ".set_card(" in path.read_text()
    )
    assert speakers == ["voice/response.py"]
