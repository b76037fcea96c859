"""A test HTTP server that stays quiet when a client gives up mid-request."""

from __future__ import annotations

from http.server import ThreadingHTTPServer


class QuietHTTPServer(ThreadingHTTPServer):
    """Clients that hang up early (timeouts, size caps, bad TLS) are what the tests try. The
    standard server prints a traceback for each, and on Python 3.11 printing one from a server
    thread races any `ast.parse` in the test's thread ("AST constructor recursion depth
    mismatch", cpython gh-106905), so a stray one could fail an unrelated test."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass
