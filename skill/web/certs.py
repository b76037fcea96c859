"""Where Alexa's signing certificates come from, and which roots we trust.

Both are injected into the request verifier so tests can serve their own chain from their own CA
without touching the network.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
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
    """Fetches a chain over https only, within a total deadline and a size cap.

    The deadline covers the whole fetch (connect, TLS, headers, body): a per-read timeout would
    let a server dribbling one byte at a time hold the fetch for ever. Redirects are not
    followed: the URL fetched is exactly the one validated.
    """

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
        parts = urlsplit(url)
        if parts.scheme.lower() != "https" or not parts.hostname:
            raise CertFetchError("certificate URL is not https")
        try:
            port = parts.port or 443
        except ValueError as exc:
            raise CertFetchError("certificate URL is malformed") from exc
        conn = _Connection(parts.hostname, port, timeout=self._timeout, tls=self._tls)
        # Shutting the socket from a timer ends whatever read is under way, however slow.
        expired = threading.Event()
        watchdog = threading.Timer(self._timeout, _abort, (conn, expired))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.request("GET", parts.path or "/", headers={"Accept": "*/*"})
            reply = conn.getresponse()
            if reply.status != 200:
                raise CertFetchError(f"could not fetch certificate chain: HTTP {reply.status}")
            data = reply.read(self._max_bytes + 1)
            if expired.is_set():  # a cut-off read may look like a short body
                raise TimeoutError("certificate fetch deadline passed")
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise CertFetchError(
                f"could not fetch certificate chain: {type(exc).__name__}"
            ) from exc
        finally:
            watchdog.cancel()
            conn.close()
        if len(data) > self._max_bytes:
            raise CertFetchError("certificate chain is too large")
        return data


class _Connection(http.client.HTTPSConnection):
    """An HTTPS connection that remembers its descriptor, so a timer can cut even the
    handshake."""

    def __init__(self, host: str, port: int, *, timeout: float, tls: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=timeout, context=tls)
        self.tls = tls
        self.fd: int | None = None

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)  # TCP only; TLS below, as HTTPSConnection does
        self.fd = self.sock.fileno()
        self.sock = self.tls.wrap_socket(self.sock, server_hostname=self.host)


def _abort(conn: _Connection, expired: threading.Event) -> None:
    expired.set()
    if conn.fd is None:
        return
    # Shut the connection down through a duplicate of its descriptor: http.client may have let
    # go of the socket object already (HTTP/1.0 replies), and SSLSocket.shutdown would drop its
    # TLS state under the reading thread. Shutdown acts on the connection, not the descriptor.
    with (
        contextlib.suppress(OSError),
        socket.fromfd(conn.fd, socket.AF_INET, socket.SOCK_STREAM) as dup,
    ):
        dup.shutdown(socket.SHUT_RDWR)


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
