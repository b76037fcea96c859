"""A short run of the loopback load check (the full one is `make load-check`)."""

from __future__ import annotations

import pytest

from bench.load_check import run_load_check
from testkit.pki import Pki


@pytest.mark.slow
def test_concurrent_signed_devices_get_no_errors(pki: Pki) -> None:
    result = run_load_check(devices=10, seconds=1.5, pki=pki)
    assert result.first_errors == []
    assert result.errors == 0
    assert result.requests >= 10  # every device got through at least one exchange
    assert result.latency_ms["p95"] > 0
