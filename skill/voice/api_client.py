"""An ASK SDK API client whose calls give up in time, on the standard library.

The SDK's DefaultApiClient waits for ever, and importing it pulls in `requests` (about 170 ms
of cold start). Alexa waits about 8 s for our whole response, so a slow Reminders or Settings
API must cost a friendly sentence, not the turn. Same contract as DefaultApiClient: HTTPS only,
every failure to get an answer raises ApiClientException, any HTTP status is returned.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from functools import cache
from urllib.parse import urlsplit

from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services.api_client import ApiClient
from ask_sdk_model.services.api_client_request import ApiClientRequest
from ask_sdk_model.services.api_client_response import ApiClientResponse

DEFAULT_TIMEOUT_SECONDS = 2.0
# Where Alexa's APIs live (the request's apiEndpoint is one of these, by region). A request's
# apiEndpoint is only trusted as far as the request is: unverified, it could name any host.
AMAZON_API_HOSTS = frozenset(
    {"api.amazonalexa.com", "api.eu.amazonalexa.com", "api.fe.amazonalexa.com"}
)


@cache
def trusted_roots() -> ssl.SSLContext:
    """The system's trusted roots, loaded once (about 70 ms); OpenSSL honours SSL_CERT_FILE,
    which is how the tests' fake Alexa API gets trusted."""
    return ssl.create_default_context()


class BoundedApiClient(ApiClient):
    """Calls Alexa's APIs with a timeout (connect and read), in seconds; only at Amazon's API
    hosts (port 443), or at `fake_origin` (https://host:port, for tests)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT_SECONDS, fake_origin: str | None = None):
        self.timeout = timeout
        self.fake_origin = fake_origin.rstrip("/").lower() if fake_origin else None

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        url = str(request.url or "")
        if not url.startswith("https://"):
            raise ApiClientException("Requests against non-HTTPS endpoints are not allowed.")
        if not self._allowed(url):
            raise ApiClientException("Requests to hosts other than Alexa's APIs are not allowed.")
        headers: dict[str, str] = {}
        for name, value in request.headers or []:
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        body = request.body
        data = None
        if body:
            data = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
        outgoing = urllib.request.Request(  # noqa: S310  # https checked above
            url, data=data, headers=headers, method=request.method or "GET"
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                outgoing, timeout=self.timeout, context=trusted_roots()
            ) as reply:
                return _response(reply.status, reply.headers.items(), reply.read())
        except urllib.error.HTTPError as error:  # an answer, just not a 2xx one
            with error:
                return _response(error.code, error.headers.items(), error.read())
        except (OSError, ValueError) as error:  # refused, timed out, TLS, malformed URL
            raise ApiClientException(f"Error executing the request: {error}") from error

    def _allowed(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return False
        if parts.username is not None or parts.password is not None:
            return False
        if (parts.hostname or "") in AMAZON_API_HOSTS and port in (None, 443):
            return True
        origin = f"https://{parts.netloc}".lower()
        return self.fake_origin is not None and origin == self.fake_origin


def _response(status: int, headers: list[tuple[str, str]], body: bytes) -> ApiClientResponse:
    return ApiClientResponse(
        headers=list(headers), status_code=status, body=body.decode("utf-8", "replace")
    )
