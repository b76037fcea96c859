"""The https certificate fetcher, against a real TLS server on 127.0.0.1 using the test CA."""

from __future__ import annotations

import http.server
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import certifi
import pytest
from cryptography.hazmat.primitives import serialization

from skill.web.certs import CertFetchError, HttpsCertFetcher, load_roots, system_bundle_path
from testkit.pki import Pki

CHAIN_PATH = "/echo.api/echo-api-cert.pem"


class _Handler(http.server.BaseHTTPRequestHandler):
    chain = b""

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/drip":  # a byte at a time: each read is quick, the whole is not
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            return
        body = self.chain * (100 if self.path == "/huge" else 1)
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up early (size cap, timeout, bad TLS) are the point here


@pytest.fixture(scope="module")
def tls_server(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An https server for 'localhost' whose certificate the test CA issued."""
    site = pki.with_leaf(dns_names=("localhost",))
    folder: Path = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(site.chain_pem())
    (folder / "key.pem").write_bytes(
        site.leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    _Handler.chain = pki.chain_pem()
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _fetcher(pki: Pki, **options: float) -> HttpsCertFetcher:
    root = pki.root.public_bytes(serialization.Encoding.PEM).decode()
    return HttpsCertFetcher(tls=ssl.create_default_context(cadata=root), **options)  # type: ignore[arg-type]


def test_fetches_a_chain_over_https(pki: Pki, tls_server: str) -> None:
    assert _fetcher(pki)(f"{tls_server}{CHAIN_PATH}") == pki.chain_pem()


def test_refuses_plain_http(pki: Pki, tls_server: str) -> None:
    with pytest.raises(CertFetchError, match="not https"):
        _fetcher(pki)(tls_server.replace("https:", "http:") + CHAIN_PATH)


def test_caps_the_size(pki: Pki, tls_server: str) -> None:
    with pytest.raises(CertFetchError, match="too large"):
        _fetcher(pki, max_bytes=64 * 1024)(f"{tls_server}/huge")


def test_gives_up_after_the_timeout(pki: Pki, tls_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(CertFetchError, match="could not fetch"):
        _fetcher(pki, timeout=0.3)(f"{tls_server}/slow")
    assert time.monotonic() - started < 1.5


def test_a_dribbling_server_is_cut_off_at_the_total_deadline(pki: Pki, tls_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(CertFetchError, match="could not fetch"):
        _fetcher(pki, timeout=0.5)(f"{tls_server}/drip")
    assert time.monotonic() - started < 1.0  # the server would take 10 s


def test_refuses_a_server_it_does_not_trust(tls_server: str) -> None:
    with pytest.raises(CertFetchError, match="could not fetch"):
        HttpsCertFetcher(timeout=2)(f"{tls_server}{CHAIN_PATH}")  # certifi does not know our CA


def test_trusted_roots_come_from_the_system_or_certifi() -> None:
    assert len(load_roots()) > 50
    assert system_bundle_path(candidates=()) == Path(certifi.where())
    assert len(load_roots(Path(certifi.where()))) > 50


def test_unparseable_roots_are_skipped(pki: Pki, tmp_path: Path) -> None:
    good = pki.root.public_bytes(serialization.Encoding.PEM)
    broken = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
    (tmp_path / "bundle.pem").write_bytes(b"# comment\n" + broken + good)
    assert load_roots(tmp_path / "bundle.pem") == [pki.root]
