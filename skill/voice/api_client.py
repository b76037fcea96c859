"""An ASK SDK API client whose calls give up in time.

The SDK's DefaultApiClient waits for ever; Alexa waits about 8 s for our whole response, so a
slow Reminders or Settings API must cost a friendly sentence, not the turn.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ask_sdk_core.api_client import DefaultApiClient
from ask_sdk_model.services.api_client_request import ApiClientRequest

DEFAULT_TIMEOUT_SECONDS = 2.0


class BoundedApiClient(DefaultApiClient):
    """DefaultApiClient with a per-call timeout (connect and read), in seconds."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT_SECONDS):
        self.timeout = timeout

    def _resolve_method(self, request: ApiClientRequest) -> Callable[..., Any]:
        method = super()._resolve_method(request)
        return functools.partial(method, timeout=self.timeout)
