"""Certificate fetches that strangers cannot multiply: capped, shared per URL, failures cached.

Every unsigned request can name a new chain URL, so fetching is the one thing a verifier does
for anyone. The gate bounds it: at most `max_concurrent` fetches at once (more are refused at
once, not queued), one fetch in flight per URL (other requests for it wait for that one), and a
failure (fetch or validation) is remembered for `failure_ttl` seconds, so repeating a bad URL
costs nothing.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from skill.web.certs import CertFetcher, CertFetchError

MAX_CONCURRENT_FETCHES = 4
FAILURE_TTL_SECONDS = 60.0
MAX_REMEMBERED_FAILURES = 1024


class _Flight:
    """One fetch under way; followers wait on `done`."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.data: bytes | None = None
        self.error = "certificate fetch failed"


class FetchGate:
    """A CertFetcher in front of another one (see the module docstring)."""

    def __init__(
        self,
        fetch: CertFetcher,
        *,
        max_concurrent: int = MAX_CONCURRENT_FETCHES,
        failure_ttl: float = FAILURE_TTL_SECONDS,
        follower_wait: float = 4.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._max = max_concurrent
        self._ttl = failure_ttl
        self._wait = follower_wait
        self._clock = clock
        self._lock = threading.Lock()
        self._flights: dict[str, _Flight] = {}
        self._failures: OrderedDict[str, tuple[float, str]] = OrderedDict()

    def __call__(self, url: str) -> bytes:
        with self._lock:
            self._check_failed(url)
            flight = self._flights.get(url)
            leading = flight is None
            if flight is None:
                if len(self._flights) >= self._max:
                    raise CertFetchError("too many certificate fetches under way")
                flight = self._flights[url] = _Flight()
        if not leading:
            if not flight.done.wait(self._wait) or flight.data is None:
                raise CertFetchError(flight.error)
            return flight.data
        try:
            flight.data = self._fetch(url)
        except CertFetchError as exc:
            flight.error = str(exc)
            self.remember_failure(url, str(exc))
            raise
        finally:
            with self._lock:
                del self._flights[url]
            flight.done.set()
        return flight.data

    def remember_failure(self, url: str, reason: str) -> None:
        """Refuse `url` without fetching for the next `failure_ttl` seconds."""
        with self._lock:
            self._failures[url] = (self._clock() + self._ttl, reason)
            self._failures.move_to_end(url)
            while len(self._failures) > MAX_REMEMBERED_FAILURES:
                self._failures.popitem(last=False)

    def _check_failed(self, url: str) -> None:
        failed = self._failures.get(url)
        if failed is None:
            return
        until, reason = failed
        if self._clock() < until:
            raise CertFetchError(reason)
        del self._failures[url]
