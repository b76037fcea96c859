"""boto3 clients for our AWS services, made the one way (call once per process, never at
import). Only the AWS backends import this module (the store factory and the outbox choose
them), so a deployment on the embedded store never loads boto3."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.config import Config as BotoConfig

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def make_boto_client(
    service: str, *, region: str, endpoint: str | None, settings: BotoConfig
) -> Any:
    """A loopback endpoint (dynalite, moto) gets dummy credentials: such servers accept any
    signature, and the default credential chain would otherwise probe the network."""
    kwargs: dict[str, Any] = {}
    if urlsplit(endpoint or "").hostname in LOOPBACK_HOSTS:
        kwargs = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
    # boto3's default session: its loaded service models are shared by every client made here.
    return boto3.client(  # type: ignore[call-overload]  # service: a str, not a Literal
        service, region_name=region, endpoint_url=endpoint, config=settings, **kwargs
    )
