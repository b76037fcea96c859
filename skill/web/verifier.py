"""Alexa request verification, in the shape of `ask_sdk_webservice_support.verifier`.

The SDK's own package cannot be imported on current OpenSSL (its `oscrypto` dependency fails at
import), so these verifiers are built on `cryptography`'s X.509 path validation instead. They keep
the SDK's names and `verify(headers, serialized_request_env, deserialized_request_env)` signature,
so going back to the SDK is a change of import.

Amazon's rules: the `SignatureCertChainUrl` must be https://s3.amazonaws.com[:443]/echo.api/...;
the chain it names must lead to a trusted root, its leaf be in date and carry the SAN
echo-api.amazon.com; `Signature-256` is the base64 RSA PKCS#1 v1.5 SHA-256 signature of the raw
body; the request timestamp must be within 150 s (an hour for AlexaSkillEvent.* requests).
"""

from __future__ import annotations

import base64
import binascii
import posixpath
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_runtime.exceptions import AskSdkException
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.x509.verification import PolicyBuilder, Store

from skill.web.certs import CertFetcher, CertFetchError, HttpsCertFetcher, load_roots
from skill.web.fetch_gate import FetchGate

SIGNATURE_CERT_CHAIN_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_256_HEADER = "Signature-256"
CERT_CHAIN_URL_SCHEME = "https"
CERT_CHAIN_URL_HOSTNAME = "s3.amazonaws.com"
CERT_CHAIN_URL_PORT = 443
CERT_CHAIN_URL_STARTPATH = "/echo.api/"
CERT_CHAIN_DOMAIN = "echo-api.amazon.com"
DEFAULT_TIMESTAMP_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TIMESTAMP_TOLERANCE = timedelta(hours=1)
SKILL_EVENT_PREFIX = "AlexaSkillEvent."
_MAX_CACHED_CHAINS = 16
# RSA signatures are as long as the key: 2048 bits (Amazon's) up to 4096.
SIGNATURE_BYTES = (256, 512)

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class VerificationException(AskSdkException):  # the SDK's name, kept on purpose
    """The request failed verification; the message is a short reason safe to show the caller."""


class AbstractVerifier(ABC):
    """One check on an incoming request; raises VerificationException or returns None."""

    @abstractmethod
    def verify(
        self,
        headers: Mapping[str, str],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        """Check the request's headers and body; raise VerificationException on failure."""


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """A header by case-insensitive name (plain dicts are not case-insensitive)."""
    value = headers.get(name)
    if value is not None:
        return value
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)


def validate_cert_chain_url(url: str) -> str:
    """Amazon's rules for the SignatureCertChainUrl header; returns the URL to fetch, rebuilt
    from the parts checked (lower-case host, no port, dot segments resolved), so the fetcher
    can never read it differently from this check.

    Beyond Amazon's rules: no userinfo, query, fragment, percent-escapes, backslashes, empty
    segments, whitespace or control characters. Amazon's own example
    `/echo.api/../echo.api/…` stays valid: its resolved path is under /echo.api/.
    """
    if not url.isascii() or not url.isprintable() or any(c.isspace() for c in url):
        raise VerificationException("certificate URL has control or non-ASCII characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise VerificationException("certificate URL is malformed") from exc
    if parts.scheme.lower() != CERT_CHAIN_URL_SCHEME:
        raise VerificationException("certificate URL must be https")
    if "@" in parts.netloc or parts.query or parts.fragment or "?" in url or "#" in url:
        raise VerificationException("certificate URL is malformed")
    if (parts.hostname or "").lower() != CERT_CHAIN_URL_HOSTNAME:
        raise VerificationException(f"certificate URL host must be {CERT_CHAIN_URL_HOSTNAME}")
    if port is not None and port != CERT_CHAIN_URL_PORT:
        raise VerificationException(f"certificate URL port must be {CERT_CHAIN_URL_PORT}")
    raw = parts.path
    if "%" in raw or "\\" in raw or "//" in raw:
        raise VerificationException("certificate URL path is not normalised")
    path = posixpath.normpath(raw) if raw else ""
    if not path.startswith(CERT_CHAIN_URL_STARTPATH):
        raise VerificationException(f"certificate URL path must start {CERT_CHAIN_URL_STARTPATH}")
    return f"https://{CERT_CHAIN_URL_HOSTNAME}{path}"


def decode_signature(signature: str) -> bytes:
    """The raw Signature-256, length-checked, before anything is fetched for it."""
    try:
        raw = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VerificationException(f"{SIGNATURE_256_HEADER} is not base64") from exc
    if not SIGNATURE_BYTES[0] <= len(raw) <= SIGNATURE_BYTES[1]:
        raise VerificationException(f"{SIGNATURE_256_HEADER} has the wrong length")
    return raw


@dataclass(frozen=True)
class _TrustedKey:
    key: RSAPublicKey
    expires: datetime


class RequestVerifier(AbstractVerifier):
    """Checks the certificate chain URL, the chain and the body's Signature-256.

    The signature is decoded and length-checked, and the URL checked, before any fetch; fetches
    go through a FetchGate (capped, one per URL, failures cached). Validated chains are cached by
    URL until the first certificate in them expires.
    """

    def __init__(
        self,
        *,
        cert_fetcher: CertFetcher | None = None,
        trusted_roots: Sequence[x509.Certificate] | None = None,
        clock: Clock = _utc_now,
        gate: FetchGate | None = None,
    ) -> None:
        """`gate` fetches the chains (default: a FetchGate over `cert_fetcher`)."""
        self._fetch = gate or FetchGate(cert_fetcher or HttpsCertFetcher())
        self._roots = list(trusted_roots) if trusted_roots is not None else None
        self._store: Store | None = None
        self._clock = clock
        self._cache: dict[str, _TrustedKey] = {}
        self._lock = threading.Lock()

    def verify(
        self,
        headers: Mapping[str, str],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,  # noqa: ARG002  # part of the SDK's shape
    ) -> None:
        url = _header(headers, SIGNATURE_CERT_CHAIN_URL_HEADER)
        signature = _header(headers, SIGNATURE_256_HEADER)
        if not url:
            raise VerificationException(f"missing {SIGNATURE_CERT_CHAIN_URL_HEADER} header")
        if not signature:
            raise VerificationException(f"missing {SIGNATURE_256_HEADER} header")
        raw_signature = decode_signature(signature)
        key = self._signing_key(validate_cert_chain_url(url))
        if len(raw_signature) != key.key_size // 8:
            raise VerificationException("signature does not match the body")
        try:
            key.verify(raw_signature, serialized_request_env.encode("utf-8"), PKCS1v15(), SHA256())
        except InvalidSignature as exc:
            raise VerificationException("signature does not match the body") from exc

    def _signing_key(self, url: str) -> RSAPublicKey:
        now = self._clock()
        with self._lock:
            cached = self._cache.get(url)
        if cached is not None and now < cached.expires:
            return cached.key
        try:
            pem = self._fetch(url)
        except CertFetchError as exc:
            # Not remembered here: the gate remembers a failed fetch itself, and a refusal of
            # its own (too many fetches at once) says nothing about the URL.
            raise VerificationException(str(exc)) from exc
        try:
            trusted = self._validate_chain(_parse_chain(pem), now)
        except VerificationException as exc:
            self._fetch.remember_failure(url, str(exc))  # a bad chain stays bad: no refetching
            raise
        with self._lock:
            if len(self._cache) >= _MAX_CACHED_CHAINS:
                self._cache.clear()
            self._cache[url] = trusted
        return trusted.key

    def _trust_store(self) -> Store:
        if self._store is None:
            self._store = Store(self._roots if self._roots is not None else load_roots())
        return self._store

    def _validate_chain(self, chain: list[x509.Certificate], now: datetime) -> _TrustedKey:
        leaf, *intermediates = chain
        if not leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc:
            raise VerificationException("signing certificate is not in date")
        try:
            san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName)
            names = san.value.get_values_for_type(x509.DNSName)
        except (x509.ExtensionNotFound, ValueError) as exc:
            raise VerificationException(
                "signing certificate has no subject alternative name"
            ) from exc
        if CERT_CHAIN_DOMAIN not in names:
            raise VerificationException(f"signing certificate is not for {CERT_CHAIN_DOMAIN}")
        verifier = (
            PolicyBuilder()
            .store(self._trust_store())
            .time(now)
            .build_server_verifier(x509.DNSName(CERT_CHAIN_DOMAIN))
        )
        try:
            verified = verifier.verify(leaf, intermediates)
        except (x509.verification.VerificationError, ValueError) as exc:
            raise VerificationException("certificate chain is not trusted") from exc
        key = leaf.public_key()
        if not isinstance(key, RSAPublicKey):
            raise VerificationException("signing certificate key is not RSA")
        expires = min(cert.not_valid_after_utc for cert in verified)
        return _TrustedKey(key=key, expires=expires)


class TimestampVerifier(AbstractVerifier):
    """The request's timestamp must be close to now (replays outside the window fail)."""

    def __init__(
        self,
        tolerance: timedelta = DEFAULT_TIMESTAMP_TOLERANCE,
        *,
        skill_event_tolerance: timedelta = SKILL_EVENT_TIMESTAMP_TOLERANCE,
        clock: Clock = _utc_now,
    ) -> None:
        for value in (tolerance, skill_event_tolerance):
            if not timedelta(0) <= value <= SKILL_EVENT_TIMESTAMP_TOLERANCE:
                raise ValueError(f"tolerance must be between 0 and 1 hour, not {value}")
        self._tolerance = tolerance
        self._skill_event_tolerance = skill_event_tolerance
        self._clock = clock

    def verify(
        self,
        headers: Mapping[str, str],  # noqa: ARG002  # part of the SDK's shape
        serialized_request_env: str,  # noqa: ARG002
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        request = deserialized_request_env.request
        stamp = getattr(request, "timestamp", None)
        if not isinstance(stamp, datetime):
            raise VerificationException("request has no timestamp")
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        request_type = str(getattr(request, "object_type", "") or "")
        tolerance = (
            self._skill_event_tolerance
            if request_type.startswith(SKILL_EVENT_PREFIX)
            else self._tolerance
        )
        if abs(self._clock() - stamp) > tolerance:
            raise VerificationException("request timestamp is outside the allowed window")


def default_verifiers(
    *,
    cert_fetcher: CertFetcher | None = None,
    trusted_roots: Sequence[x509.Certificate] | None = None,
    clock: Clock = _utc_now,
) -> list[AbstractVerifier]:
    """Amazon's required checks: signature (with its chain) and timestamp."""
    return [
        RequestVerifier(cert_fetcher=cert_fetcher, trusted_roots=trusted_roots, clock=clock),
        TimestampVerifier(clock=clock),
    ]


def _parse_chain(pem: bytes) -> list[x509.Certificate]:
    try:
        chain = x509.load_pem_x509_certificates(pem)
    except ValueError as exc:
        raise VerificationException("certificate chain is not PEM") from exc
    if not chain:
        raise VerificationException("certificate chain is empty")
    return chain
