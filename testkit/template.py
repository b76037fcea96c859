"""template.yaml as data: CloudFormation's short forms read as their long JSON forms."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "template.yaml"


class _CloudFormationLoader(yaml.SafeLoader):
    """Safe YAML where `!Ref X` is {"Ref": X}, `!GetAtt A.B` is {"Fn::GetAtt": [A, B]} and any
    other `!Name v` is {"Fn::Name": v}, as CloudFormation itself reads them."""


def _short_form(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_CloudFormationLoader.add_multi_constructor("!", _short_form)


@cache
def _load() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(TEMPLATE.read_text(), Loader=_CloudFormationLoader)
    return data


def load_template() -> dict[str, Any]:
    """The parsed template (shared; do not mutate)."""
    return _load()


def resources_of_type(kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in load_template()["Resources"].items() if r["Type"] == kind}


def the_resource(kind: str) -> tuple[str, dict[str, Any]]:
    """The one resource of `kind` (name, definition); fails when there is not exactly one."""
    found = resources_of_type(kind)
    assert len(found) == 1, f"expected one {kind} in template.yaml, found {sorted(found)}"
    return next(iter(found.items()))


def _script(name: str) -> ModuleType:
    """lambda/NAME.py as a module ("lambda" is a keyword, so it is loaded by path); the scripts
    import each other as top-level modules, so lambda/ is on sys.path too."""
    if str(ROOT / "lambda") not in sys.path:
        sys.path.insert(0, str(ROOT / "lambda"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "lambda" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


@cache
def build_script() -> ModuleType:
    return _script("build_artifact")


def lambda_folder(arch: str = "arm64") -> Path:
    return ROOT / "build" / "lambda" / arch


def make_artifact(arch: str) -> Path:
    """`make lambda-artifact` for `arch` (cached by the build while its inputs are unchanged)."""
    subprocess.run(
        ["make", "--no-print-directory", "-s", "lambda-artifact", f"LAMBDA_ARCH={arch}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return lambda_folder(arch)


@cache
def skill_package() -> ModuleType:
    return _script("skill_package")


@cache
def samconfig() -> ModuleType:
    return _script("samconfig")


@cache
def deploy_flow() -> ModuleType:
    samconfig()  # the same module object deploy_flow imports
    return _script("deploy_flow")


@cache
def package_check() -> ModuleType:
    return _script("package_check")
