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
