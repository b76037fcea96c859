"""A fake of the Alexa Reminders and Settings APIs over HTTPS on 127.0.0.1.

Alexa's APIs are HTTPS only (and so is our API client), so the fake serves TLS with a certificate
made for the test run, which the client trusts through SSL_CERT_FILE (read by OpenSSL). The SDK
finds the fake the way it finds Alexa: through `context.System.apiEndpoint` in the envelope.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import itertools
import json
import re
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from testkit.quiet import QuietHTTPServer

TOKEN = "test-token"
PERSON_MARK = ".person."  # a person's token: TOKEN, this, their id (Alexa scopes it to them)


def person_token(person_id: str) -> str:
    return f"{TOKEN}{PERSON_MARK}{person_id}"


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (it is its own CA); returns (cert, key) paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake-alexa-api")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fake-alexa.pem", directory / "fake-alexa.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class FakeAlexaApi:
    """State and behaviour of the fake. Tests set `granted` (whether the user allowed reminders;
    without it creating answers 403 and the rest 401, as Alexa does), `fail_with` (an HTTP status
    for every reminders call), `delay` (seconds before answering) and `time_zone`.

    The Customer Profile API answers the recognised person's first name: the token names the
    person (`person_token(person_id)`, which Conversation puts in the envelope for a person),
    `given_names` holds each person's name, `name_granted` who allowed it (403 for the rest,
    and for the account's own token, as Alexa answers a voice it does not know)."""

    url: str = ""
    ca_bundle: Path | None = None
    reminders: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[tuple[str, str, Any]] = field(default_factory=list)
    granted: bool = True
    fail_with: int | None = None
    delay: float = 0.0
    time_zone: str | None = "America/New_York"
    given_names: dict[str, str] = field(default_factory=dict)
    name_granted: set[str] = field(default_factory=set)
    released: threading.Event = field(default_factory=threading.Event)
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    def reset(self) -> None:
        self.reminders.clear()
        self.calls.clear()
        self.granted = True
        self.fail_with = None
        self.delay = 0.0
        self.time_zone = "America/New_York"
        self.given_names.clear()
        self.name_granted.clear()

    def reminder_calls(self) -> list[tuple[str, str, Any]]:
        return [c for c in self.calls if c[1].startswith("/v1/alerts/reminders")]

    # --- request handling (called from the server's threads) ---

    def answer(self, method: str, path: str, auth: str, body: Any) -> tuple[int, Any]:
        self.calls.append((method, path, body))
        if self.delay:
            # Interruptible, so stopping the server never waits for a slow answer.
            self.released.wait(self.delay)
        person = auth.removeprefix(f"Bearer {TOKEN}").removeprefix(PERSON_MARK) or None
        if not auth.startswith(f"Bearer {TOKEN}") or (person is None and auth != f"Bearer {TOKEN}"):
            return 401, {"code": "UNAUTHORIZED", "message": "bad token"}
        if path == "/v2/persons/~current/profile/givenName":
            if person is None or person not in self.name_granted:
                return 403, {"code": "ACCESS_DENIED", "message": "given name not allowed"}
            return 200, self.given_names.get(person, "")
        if re.fullmatch(r"/v2/devices/[^/]+/settings/System\.timeZone", path):
            return (200, self.time_zone) if self.time_zone else (204, None)
        if path.startswith("/v1/alerts/reminders"):
            if self.fail_with is not None:
                return self.fail_with, {"code": "ERROR", "message": "fake failure"}
            if not self.granted:
                status = 403 if method == "POST" else 401
                return status, {"code": "NO_PERMISSION", "message": "reminders not allowed"}
            return self._reminders(method, path.removeprefix("/v1/alerts/reminders"), body)
        return 404, {"code": "NOT_FOUND", "message": path}

    def _reminders(self, method: str, rest: str, body: Any) -> tuple[int, Any]:
        token = rest.lstrip("/")
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000")
        if method == "GET" and not token:
            alerts = list(self.reminders.values())
            return 200, {"totalCount": str(len(alerts)), "alerts": alerts}
        if method == "POST" and not token:
            token = f"alert-{next(self._ids)}"
            self.reminders[token] = {**body, "alertToken": token, "status": "ON"}
            return 200, {"alertToken": token, "createdTime": now, "status": "ON"}
        if token not in self.reminders:
            return 404, {"code": "NOT_FOUND", "message": token}
        if method == "PUT":
            self.reminders[token] = {**body, "alertToken": token, "status": "ON"}
            return 200, {"alertToken": token, "updatedTime": now, "status": "ON"}
        if method == "DELETE":
            del self.reminders[token]
            return 200, None
        return 405, {"code": "METHOD", "message": method}


def _handler_for(api: FakeAlexaApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            status, payload = api.answer(
                self.command, self.path, self.headers.get("Authorization", ""), body
            )
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _serve  # noqa: N815  # http.server's names

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class FakeAlexaServer:
    """Serves a FakeAlexaApi over HTTPS on 127.0.0.1 from a background thread."""

    def __init__(self, cert: Path, key: Path):
        self.api = FakeAlexaApi()
        self._server = QuietHTTPServer(("127.0.0.1", 0), _handler_for(self.api))
        self._server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.api.url = f"https://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeAlexaApi:
        self._thread.start()
        return self.api

    def __exit__(self, *exc: object) -> None:
        self.api.released.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
