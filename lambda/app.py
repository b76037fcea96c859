"""AWS Lambda entry point (template.yaml: Handler app.handler).

Everything is built at import, in Lambda's init phase: the config, logging, the DynamoDB client
and the skill (skill/lambda_entry.py says why). DynamoDB is the default store here, still
overridable by MORNING_MOVES_STORE (the template sets it explicitly).
"""

from __future__ import annotations

import os

from skill.config import Config, Env, StoreKind
from skill.jsonlog import configure_logging
from skill.lambda_entry import make_handler

config = Config.load({Env.STORE.value: StoreKind.DYNAMODB.value, **os.environ})
configure_logging(config.log_level)
handler = make_handler(config)
