"""Certificate-fetch amplification: strangers' requests cost no more fetches than the cap."""

from __future__ import annotations

import base64
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from skill.store.memory import MemoryStore
from skill.web import create_app
from skill.web.certs import CertFetchError
from skill.web.fetch_gate import MAX_CONCURRENT_FETCHES, FetchGate
from skill.web.verifier import RequestVerifier, VerificationException, default_verifiers
from testkit.pki import CHAIN_URL, ChainHost, Pki, signed_body
from tests.web.conftest import NOW, event_at, verifying_config
from tests.web.live import guarded_server

FORGED = base64.b64encode(b"x" * 256).decode()  # the right length, signed by nobody


class SlowS3(ChainHost):
    """S3 as a slow stand-in: every fetch takes `delay` seconds; counts those running."""

    def __init__(self, chains: dict[str, bytes], delay: float) -> None:
        super().__init__(chains)
        self.delay = delay
        self.running = 0
        self.most_running = 0
        self._lock = threading.Lock()

    def __call__(self, url: str) -> bytes:
        with self._lock:
            self.running += 1
            self.most_running = max(self.most_running, self.running)
        try:
            if url != CHAIN_URL:
                time.sleep(self.delay)
            return super().__call__(url)
        finally:
            with self._lock:
                self.running -= 1


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, float]:
    started = time.perf_counter()
    request = urllib.request.Request(f"{url}/alexa", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            status = int(reply.status)
    except urllib.error.HTTPError as error:
        error.close()
        status = error.code
    return status, time.perf_counter() - started


def test_100_strangers_naming_100_urls_start_at_most_the_cap(pki: Pki) -> None:
    s3 = SlowS3({CHAIN_URL: pki.chain_pem()}, delay=1.5)
    verifiers = default_verifiers(cert_fetcher=s3, trusted_roots=[pki.root])
    app = create_app(verifying_config(), store=MemoryStore(), verifiers=verifiers)
    with guarded_server(app, threads=8) as server:
        base = f"http://127.0.0.1:{server.port}"
        body = signed_body(event_at("launch", NOW))
        assert _post(base, body, pki.headers(body))[0] == 200  # Alexa's chain, now cached
        strangers = [
            pki.headers(body, f"https://s3.amazonaws.com/echo.api/x{i}.pem")
            | {"Signature-256": FORGED}
            for i in range(100)
        ]
        with ThreadPoolExecutor(max_workers=24) as pool:
            attack = [pool.submit(_post, base, body, h) for h in strangers]
            time.sleep(0.2)  # the flood is under way
            signed = []
            for _ in range(10):
                fresh = signed_body(event_at("launch", NOW))
                signed.append(_post(base, fresh, pki.headers(fresh)))
                time.sleep(0.05)
            refused = [f.result() for f in attack]
    assert all(status == 400 for status, _ in refused)
    assert len(s3.fetches) - 1 <= MAX_CONCURRENT_FETCHES  # the first one was Alexa's chain
    assert s3.most_running <= MAX_CONCURRENT_FETCHES
    assert all(status == 200 for status, _ in signed)
    assert max(seconds for _, seconds in signed) < 0.5


def test_one_fetch_per_url_however_many_ask_at_once() -> None:
    s3 = SlowS3({"https://s3.amazonaws.com/echo.api/a.pem": b"pem"}, delay=0.3)
    gate = FetchGate(s3)
    url = "https://s3.amazonaws.com/echo.api/a.pem"
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: gate(url), range(20)))
    assert results == [b"pem"] * 20
    assert s3.fetches == [url]


def test_a_failure_is_remembered_for_its_ttl() -> None:
    now = [0.0]
    s3 = ChainHost({})
    gate = FetchGate(s3, failure_ttl=60, clock=lambda: now[0])
    url = "https://s3.amazonaws.com/echo.api/missing.pem"
    for _ in range(5):
        with pytest.raises(CertFetchError, match="no certificate chain"):
            gate(url)
    assert s3.fetches == [url]
    now[0] = 61
    with pytest.raises(CertFetchError):
        gate(url)
    assert s3.fetches == [url, url]


def test_an_untrusted_chain_is_not_fetched_again(pki: Pki, rogue_pki: Pki) -> None:
    s3 = ChainHost({CHAIN_URL: rogue_pki.chain_pem()})
    verifiers = default_verifiers(cert_fetcher=s3, trusted_roots=[pki.root])
    client = create_app(verifying_config(), store=MemoryStore(), verifiers=verifiers).test_client()
    body = signed_body(event_at("launch", NOW))
    for _ in range(3):
        reply = client.post("/alexa", data=body, headers=rogue_pki.headers(body))
        assert reply.status_code == 400
    assert s3.fetches == [CHAIN_URL]


def test_a_bad_signature_is_refused_before_any_fetch(pki: Pki) -> None:
    s3 = ChainHost({})
    verifiers = default_verifiers(cert_fetcher=s3, trusted_roots=[pki.root])
    client = create_app(verifying_config(), store=MemoryStore(), verifiers=verifiers).test_client()
    body = signed_body(event_at("launch", NOW))
    for signature in ("", "AAAA", "not base64!", base64.b64encode(b"x" * 100).decode()):
        headers = pki.headers(body, "https://s3.amazonaws.com/echo.api/new.pem")
        reply = client.post("/alexa", data=body, headers=headers | {"Signature-256": signature})
        assert reply.status_code == 400
    assert s3.fetches == []


def test_a_refusal_under_a_flood_does_not_shut_the_url_out_afterwards() -> None:
    """The gate's own "too many fetches" says nothing about the URL: once the flood is over,
    the same URL is fetched as usual."""
    busy_url = "https://s3.amazonaws.com/echo.api/busy.pem"
    url = "https://s3.amazonaws.com/echo.api/flood.pem"
    release, started = threading.Event(), threading.Event()
    fetched: list[str] = []

    def fetch(asked: str) -> bytes:
        fetched.append(asked)
        if asked == busy_url:
            started.set()
            release.wait(5)
        raise CertFetchError("unreachable")

    verifier = RequestVerifier(gate=FetchGate(fetch, max_concurrent=1))
    signature = base64.b64encode(b"x" * 256).decode()

    def verify(chain_url: str) -> None:
        headers = {"SignatureCertChainUrl": chain_url, "Signature-256": signature}
        verifier.verify(headers, "{}", None)  # type: ignore[arg-type]

    with ThreadPoolExecutor(1) as pool:
        flood = pool.submit(verify, busy_url)  # holds the gate's one fetch
        assert started.wait(5)
        with pytest.raises(VerificationException, match="too many"):
            verify(url)
        release.set()
        with pytest.raises(VerificationException):
            flood.result(5)
    with pytest.raises(VerificationException, match="unreachable"):
        verify(url)
    assert fetched == [busy_url, url]
