"""Architecture rules that the layout promises."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from testkit.template import ROOT, build_script

SKILL = ROOT / "skill"
DOMAIN = SKILL / "domain"
DEV = "skill.dev"
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


def _imports(path: Path, *, at_import_only: bool = False) -> set[str]:
    """The modules `path` imports; `from a import b` counts as a and a.b (b may be a module).

    With `at_import_only`, imports inside functions (done lazily, on a call) are left out.
    """
    names: set[str] = set()
    nodes: list[ast.AST] = [ast.parse(path.read_text(), filename=str(path))]
    while nodes:
        node = nodes.pop()
        if at_import_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        nodes.extend(ast.iter_child_nodes(node))
    return names


def _roots(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def _is_dev(name: str) -> bool:
    return name == DEV or name.startswith(f"{DEV}.")


def _python_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.py"))


def _ids(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _shipped() -> list[Path]:
    """The skill's modules that the Lambda artifact ships."""
    excluded = build_script().EXCLUDED_FROM_PACKAGE
    return [p for p in _python_files(SKILL) if p.relative_to(SKILL).parts[0] not in excluded]


@pytest.mark.parametrize("path", _python_files(DOMAIN), ids=_ids)
def test_domain_imports_no_framework_or_io(path: Path) -> None:
    assert not (_roots(_imports(path)) & FORBIDDEN)


def test_the_lambda_artifact_leaves_the_dev_tools_out() -> None:
    assert "dev" in build_script().EXCLUDED_FROM_PACKAGE
    assert SKILL / "lambda_entry.py" in _shipped()


@pytest.mark.parametrize("path", _shipped(), ids=_ids)
def test_shipped_code_never_imports_the_dev_tools(path: Path) -> None:
    assert not {name for name in _imports(path) if _is_dev(name)}


@pytest.mark.parametrize("path", [*_python_files(SKILL / "web"), SKILL / "cli.py"], ids=_ids)
def test_web_server_and_cli_load_dev_tools_only_when_asked(path: Path) -> None:
    # The console (loopback only) and `morning-moves chat` import them inside a function.
    assert not {name for name in _imports(path, at_import_only=True) if _is_dev(name)}


@pytest.mark.parametrize("path", _python_files(ROOT / "bench", ROOT / "testkit"), ids=_ids)
def test_bench_and_its_helpers_import_nothing_from_tests(path: Path) -> None:
    assert "tests" not in _roots(_imports(path))


OUTSIDE_DOMAIN = [p for p in _python_files(SKILL) if DOMAIN not in p.parents]


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
