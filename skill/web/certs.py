"""Where Alexa's signing certificates come from, and which roots we trust.

Both are injected into the request verifier so tests can serve their own chain from their own CA
without touching the network.
"""

from __future__ import annotations

import ssl
import urllib.request
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import certifi
from cryptography import x509

CertFetcher = Callable[[str], bytes]
"""Fetch a PEM certificate chain by URL; raise CertFetchError on any failure."""

# Debian/Ubuntu, Fedora/RHEL, Alpine/macOS(homebrew) bundle locations; certifi is the fallback.
_SYSTEM_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
)


_PEM_BEGIN = b"-----BEGIN CERTIFICATE-----"
_PEM_END = b"-----END CERTIFICATE-----"


class CertFetchError(Exception):
    """The certificate chain could not be fetched."""


class HttpsCertFetcher:
    """Fetches a chain over https only, with a timeout and a size cap."""

    def __init__(
        self,
        *,
        timeout: float = 3.0,
        max_bytes: int = 64 * 1024,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._tls = tls or ssl.create_default_context(cafile=certifi.where())

    def __call__(self, url: str) -> bytes:
        if urlsplit(url).scheme.lower() != "https":
            raise CertFetchError("certificate URL is not https")
        try:
            with urllib.request.urlopen(  # noqa: S310  # scheme checked above
                url, timeout=self._timeout, context=self._tls
            ) as reply:
                # A redirect could leave https; refuse whatever it led to.
                if urlsplit(reply.geturl()).scheme.lower() != "https":
                    raise CertFetchError("certificate URL redirected away from https")
                data: bytes = reply.read(self._max_bytes + 1)
        except (OSError, ValueError) as exc:
            raise CertFetchError(
                f"could not fetch certificate chain: {type(exc).__name__}"
            ) from exc
        if len(data) > self._max_bytes:
            raise CertFetchError("certificate chain is too large")
        return data


def system_bundle_path(candidates: Sequence[str] = _SYSTEM_BUNDLES) -> Path:
    """The operating system's CA bundle if there is one, else certifi's."""
    for candidate in candidates:
        path = Path(candidate)
        if path.is_file():
            return path
    return Path(certifi.where())


def load_roots(bundle: Path | None = None) -> list[x509.Certificate]:
    """The trusted root certificates from a PEM bundle (the system's or certifi's by default).

    Certificates that cryptography cannot (or will soon refuse to) parse are skipped, so one odd
    root in a system bundle cannot break verification for all the others.
    """
    pem = (bundle or system_bundle_path()).read_bytes()
    roots: list[x509.Certificate] = []
    for block in pem.split(_PEM_END):
        start = block.find(_PEM_BEGIN)
        if start < 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                roots.append(x509.load_pem_x509_certificate(block[start:] + _PEM_END))
            except (ValueError, Warning):
                continue
    return roots
