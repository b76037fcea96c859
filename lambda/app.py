"""AWS Lambda entry point (template.yaml: Handler app.handler).

Everything is built at import, in Lambda's init phase: the config, logging, the DynamoDB client
and the skill (skill/lambda_entry.py says why). DynamoDB is the default store here, still
overridable by MORNING_MOVES_STORE (the template sets it explicitly). Without a skill id (the
first deploy, before the skill exists) the function refuses every request: the trigger is open
then.
"""

from __future__ import annotations

import os

from skill.config import Config, Env, StoreKind
from skill.jsonlog import configure_logging
from skill.lambda_entry import make_closed_handler, make_handler

config = Config.load({Env.STORE.value: StoreKind.DYNAMODB.value, **os.environ})
configure_logging(config.log_level, native_json=config.lambda_log_format.upper() == "JSON")
handler = make_handler(config) if config.skill_id else make_closed_handler()
