"""Alexa request verification through the real Flask app, signed by a CA the tests generate."""

from __future__ import annotations

import base64
import inspect
import logging
from datetime import timedelta
from typing import Any

import pytest
from ask_sdk_runtime.exceptions import AskSdkException

from skill.web.verifier import (
    AbstractVerifier,
    RequestVerifier,
    TimestampVerifier,
    VerificationException,
)
from testkit.pki import CHAIN_URL, Pki, signed_body
from tests.web.conftest import NOW, Rig, event_at


def _error(reply: object) -> str:
    payload = reply.get_json()  # type: ignore[attr-defined]
    assert isinstance(payload, dict)
    return str(payload["error"])


def _speech(reply: object) -> str:
    return str(reply.get_json()["response"]["outputSpeech"]["ssml"])  # type: ignore[attr-defined]


def test_signed_request_is_answered(rig: Rig) -> None:
    reply = rig.post_signed()
    assert reply.status_code == 200
    assert "Welcome to Morning Moves" in _speech(reply)


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "HTTPS://S3.AmazonAWS.COM/echo.api/echo-api-cert.pem",
    ],
)
def test_amazons_valid_chain_urls_are_accepted(rig: Rig, url: str) -> None:
    """Each is fetched as the one URL the check validated, rebuilt from its parts."""
    canonical = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
    rig.chains.chains[canonical] = rig.pki.chain_pem()
    assert rig.post_signed(url=url).status_code == 200
    assert rig.chains.fetches == [canonical]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "https"),
        ("ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem", "https"),
        ("https://notamazon.com/echo.api/echo-api-cert.pem", "host"),
        ("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem", "host"),
        ("https:///echo.api/echo-api-cert.pem", "host"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/%2e%2e/invalid.path/cert.pem", "path"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port"),
        ("https://s3.amazonaws.com:8443/echo.api/echo-api-cert.pem", "port"),
        ("https://s3.amazonaws.com:99999/echo.api/echo-api-cert.pem", "malformed"),
        # The fetcher once read these differently from the check:
        ("https://evil.com@s3.amazonaws.com/echo.api/x.pem", "malformed"),
        ("https://s3.amazonaws.com@evil.com/echo.api/x.pem", "malformed"),
        ("https://s3.amazonaws.com/echo.api/x.pem?u=https://evil.com/", "malformed"),
        ("https://s3.amazonaws.com/echo.api/x.pem#frag", "malformed"),
        ("https://s3.amazonaws.com/echo.api/x\tpem", "control"),
        (" https://s3.amazonaws.com/echo.api/x.pem", "control"),
        ("https://s3.amazonaws.com/echo.api//x.pem", "normalised"),
        ("https://s3.amazonaws.com/echo.api/x%2epem", "normalised"),
        ("https://s3.amazonaws.com/echo.api\\..\\x.pem", "normalised"),
    ],
)
def test_bad_chain_urls_are_refused_before_any_fetch(rig: Rig, url: str, reason: str) -> None:
    rig.chains.chains[url] = rig.pki.chain_pem()  # even a genuine chain there must not help
    reply = rig.post_signed(url=url)
    assert reply.status_code == 400
    assert reason in _error(reply)
    assert rig.chains.fetches == []


def test_chain_from_an_untrusted_root_is_refused(rig: Rig, rogue_pki: Pki) -> None:
    rig.chains.chains[CHAIN_URL] = rogue_pki.chain_pem()
    reply = rig.post_signed(signer=rogue_pki)
    assert reply.status_code == 400
    assert "not trusted" in _error(reply)


def test_leaf_without_its_intermediate_is_refused(rig: Rig) -> None:
    rig.chains.chains[CHAIN_URL] = rig.pki.chain_pem().split(b"-----END CERTIFICATE-----")[0] + (
        b"-----END CERTIFICATE-----\n"
    )
    reply = rig.post_signed()
    assert reply.status_code == 400
    assert "not trusted" in _error(reply)


@pytest.mark.parametrize(
    ("leaf", "reason"),
    [
        (
            {"not_before": NOW - timedelta(days=30), "not_after": NOW - timedelta(seconds=1)},
            "not in date",
        ),
        (
            {"not_before": NOW + timedelta(days=1), "not_after": NOW + timedelta(days=30)},
            "not in date",
        ),
        ({"dns_names": ()}, "no subject alternative name"),
        ({"dns_names": ("echo-api.amazon.com.evil.example",)}, "not for echo-api.amazon.com"),
    ],
    ids=["expired", "not-yet-valid", "no-san", "wrong-san"],
)
def test_bad_signing_certificates_are_refused(rig: Rig, leaf: dict[str, Any], reason: str) -> None:
    bad = rig.pki.with_leaf(**leaf)
    rig.chains.chains[CHAIN_URL] = bad.chain_pem()
    reply = rig.post_signed(signer=bad)
    assert reply.status_code == 400
    assert reason in _error(reply)


def test_tampered_body_is_refused(rig: Rig) -> None:
    body = signed_body(event_at("launch", NOW))
    headers = rig.pki.headers(body)
    tampered = body.replace(b"LaunchRequest", b"IntentRequest")
    reply = rig.client.post("/alexa", data=tampered, headers=headers)
    assert reply.status_code == 400
    assert "does not match" in _error(reply)


@pytest.mark.parametrize(
    ("signature", "reason"),
    [
        ("not base64 at all!", "not base64"),
        ("QUJD=extra", "not base64"),
        ("c2lnbmF0dXJl", "wrong length"),  # base64, but no RSA signature is 9 bytes long
        (base64.b64encode(b"x" * 256).decode(), "does not match"),  # the right length, wrong
    ],
)
def test_bad_signatures_are_refused(rig: Rig, signature: str, reason: str) -> None:
    reply = rig.post_signed(header_overrides={"Signature-256": signature})
    assert reply.status_code == 400
    assert reason in _error(reply)


def test_signature_from_another_key_is_refused(rig: Rig, rogue_pki: Pki) -> None:
    body = signed_body(event_at("launch", NOW))
    headers = rig.pki.headers(body) | {"Signature-256": rogue_pki.sign(body)}
    reply = rig.client.post("/alexa", data=body, headers=headers)
    assert reply.status_code == 400
    assert "does not match" in _error(reply)


@pytest.mark.parametrize("missing", ["SignatureCertChainUrl", "Signature-256"])
def test_missing_headers_are_refused(rig: Rig, missing: str) -> None:
    body = signed_body(event_at("launch", NOW))
    headers = {k: v for k, v in rig.pki.headers(body).items() if k != missing}
    reply = rig.client.post("/alexa", data=body, headers=headers)
    assert reply.status_code == 400
    assert f"missing {missing}" in _error(reply)


@pytest.mark.parametrize(
    ("offset_s", "accepted"),
    [(0, True), (-149, True), (149, True), (-151, False), (151, False), (-3600, False)],
)
def test_request_timestamp_window(rig: Rig, offset_s: int, accepted: bool) -> None:
    reply = rig.post_signed(event_at("launch", NOW + timedelta(seconds=offset_s)))
    assert (reply.status_code == 200) is accepted
    if not accepted:
        assert "timestamp" in _error(reply)


def test_replay_outside_the_window_is_refused(rig: Rig) -> None:
    body = signed_body(event_at("launch", NOW))
    headers = rig.pki.headers(body)
    assert rig.client.post("/alexa", data=body, headers=headers).status_code == 200
    rig.clock.advance(151)
    replay = rig.client.post("/alexa", data=body, headers=headers)
    assert replay.status_code == 400
    assert "timestamp" in _error(replay)


@pytest.mark.parametrize(("age_min", "accepted"), [(30, True), (59, True), (61, False)])
def test_skill_events_get_an_hour(rig: Rig, age_min: int, accepted: bool) -> None:
    event = event_at(
        "launch", NOW - timedelta(minutes=age_min), type="AlexaSkillEvent.SkillEnabled"
    )
    event["request"]["eventCreationTime"] = event["request"]["timestamp"]
    reply = rig.post_signed(event)
    assert (reply.status_code == 200) is accepted, reply.get_json()


def test_wrong_application_id_is_refused(rig: Rig) -> None:
    event = event_at("launch", NOW)
    event["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    reply = rig.post_signed(event)
    assert reply.status_code == 400
    assert "skill refused" in _error(reply)


def test_chain_is_cached_until_the_leaf_expires(pki: Pki, rig: Rig) -> None:
    short_lived = pki.with_leaf(
        not_before=NOW - timedelta(days=1), not_after=NOW + timedelta(hours=1)
    )
    rig.chains.chains[CHAIN_URL] = short_lived.chain_pem()
    for _ in range(3):
        assert rig.post_signed(signer=short_lived).status_code == 200
    assert rig.chains.fetches == [CHAIN_URL]
    rig.clock.advance(2 * 3600)  # leaf now expired: the cache must not vouch for it
    reply = rig.post_signed(event_at("launch", rig.clock.now), signer=short_lived)
    assert reply.status_code == 400
    assert "not in date" in _error(reply)
    assert rig.chains.fetches == [CHAIN_URL, CHAIN_URL]


def test_unreachable_chain_is_a_400(rig: Rig) -> None:
    url = "https://s3.amazonaws.com/echo.api/nothing-here.pem"
    reply = rig.post_signed(url=url)
    assert reply.status_code == 400
    assert "no certificate chain" in _error(reply)


def test_garbage_chain_is_a_400(rig: Rig) -> None:
    rig.chains.chains[CHAIN_URL] = b"this is not a certificate"
    reply = rig.post_signed()
    assert reply.status_code == 400
    assert "not PEM" in _error(reply)


def test_each_refusal_logs_one_line_without_a_traceback(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        forged = base64.b64encode(b"x" * 256).decode()
        reply = rig.post_signed(header_overrides={"Signature-256": forged})
    assert reply.status_code == 400
    records = [r for r in caplog.records if r.name == "skill.web.app"]
    assert len(records) == 1
    assert "signature does not match" in records[0].getMessage()
    assert records[0].exc_info is None
    assert "Traceback" not in reply.get_data(as_text=True)


@pytest.mark.parametrize("verifier", [RequestVerifier, TimestampVerifier])
def test_verifiers_keep_the_sdks_shape(verifier: type[AbstractVerifier]) -> None:
    """Same names and verify() parameters as ask_sdk_webservice_support.verifier, so going back
    to the SDK's package is a change of import."""
    assert issubclass(verifier, AbstractVerifier)
    parameters = list(inspect.signature(verifier.verify).parameters)
    assert parameters == ["self", "headers", "serialized_request_env", "deserialized_request_env"]
    assert issubclass(VerificationException, AskSdkException)


@pytest.mark.parametrize("tolerance", [timedelta(seconds=-1), timedelta(hours=1, seconds=1)])
def test_timestamp_tolerance_is_bounded_like_the_sdks(tolerance: timedelta) -> None:
    with pytest.raises(ValueError, match="tolerance"):
        TimestampVerifier(tolerance)
