"""The table that template.yaml deploys has exactly the keys the DynamoDB store uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.store.dynamodb import (
    TABLE_ATTRIBUTE_DEFINITIONS,
    TABLE_GLOBAL_INDEXES,
    TABLE_KEY_SCHEMA,
)

TEMPLATE = Path(__file__).resolve().parents[2] / "template.yaml"


class _CloudFormationLoader(yaml.SafeLoader):
    """Safe YAML that reads CloudFormation short forms (!Ref, !GetAtt, ...) as plain values."""


def _any_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_CloudFormationLoader.add_multi_constructor("!", _any_tag)


def _tables(template: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        resource.get("Properties", {})
        for resource in template.get("Resources", {}).values()
        if resource.get("Type") == "AWS::DynamoDB::Table"
    ]


@pytest.mark.skipif(not TEMPLATE.exists(), reason="template.yaml is not written yet")
def test_template_declares_the_store_keys() -> None:
    template = yaml.load(TEMPLATE.read_text(), Loader=_CloudFormationLoader)
    tables = _tables(template)
    assert len(tables) == 1, "expected exactly one DynamoDB table in template.yaml"
    table = tables[0]
    assert table["KeySchema"] == list(TABLE_KEY_SCHEMA)
    assert table["GlobalSecondaryIndexes"] == list(TABLE_GLOBAL_INDEXES)
    declared = table["AttributeDefinitions"]
    assert sorted(declared, key=str) == sorted(TABLE_ATTRIBUTE_DEFINITIONS, key=str)
