"""The Lambda handler over build_skill(); the skill is built on the first event, not at import."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model.request_envelope import RequestEnvelope

from skill.config import Config
from skill.store.factory import make_store
from skill.voice.builder import build_skill

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def make_handler(config: Config) -> LambdaHandler:
    """A Lambda handler that builds its skill once per process, on the first event."""
    built: list[CustomSkill] = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if not built:
            built.append(build_skill(make_store(config), config))
        skill = built[0]
        envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        response = skill.invoke(request_envelope=envelope, context=context)
        result = skill.serializer.serialize(response)
        assert isinstance(result, dict)
        return result

    return handler
