"""AWS Lambda entry point: one skill per process, built on first use."""

from __future__ import annotations

from typing import Any

from skill.config import Config
from skill.lambda_entry import make_handler

handler: Any = make_handler(Config.load())
