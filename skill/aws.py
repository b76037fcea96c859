"""Low-level AWS clients for our services, made the one way (call once per process, never at
import). Only the AWS backends import this module (the store factory and the outbox choose
them), so a deployment on the embedded store never loads botocore.

The clients come from botocore itself, not through boto3: we use no boto3 resource, and boto3's
import (with s3transfer and multiprocessing) is 86 M instructions of a cold start that buys
nothing for a low-level client (bench: cold start on DynamoDB)."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

import botocore.session
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
    # One session per process: its loaded service models are shared by every client made here.
    return botocore_session().create_client(
        service, region_name=region, endpoint_url=endpoint, config=settings, **kwargs
    )


@cache
def botocore_session() -> botocore.session.Session:
    """The process's one botocore session (its event hooks see every client made here)."""
    return botocore.session.get_session()
