"""waitress with limits enforced where the bytes arrive, before any worker thread is involved.

Why waitress (kept, not replaced): it reads every request on one asyncore loop and hands only
*complete* requests to its worker threads, so a slow client costs a socket, never a thread.
Thread-per-connection servers (cheroot, gunicorn's sync and gthread workers) give a slow client a
whole worker; uvicorn and hypercorn time out single reads only. What waitress lacks is added here,
on its documented extension points (`channel_class`, `maintenance`, `handle_accept`):

- body size: `max_request_body_size` refuses a declared Content-Length at the headers (413) and
  stops a chunked body at the limit; waitress' default is 1 GiB.
- a deadline for a whole request: waitress' `channel_timeout` is reset by every byte, so a client
  dripping one byte a second holds its connection for ever. Here a request must arrive in full
  within `request_deadline` seconds of its first byte (or of the connection opening), whatever
  it dribbles meanwhile; the check runs every second.
- connections per client address, and a total limit sized for many idle sockets (poll(), not
  select(), which cannot watch more than 1,024).

For public hosting put a reverse proxy in front (README: Reliability): behind one, every client
has the proxy's address, so the per-client limit must be applied by the proxy.
"""

from __future__ import annotations

import logging
import socket
import time
from typing import Any, NamedTuple

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, MultiSocketServer, TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

log = logging.getLogger(__name__)


class ServerLimits(NamedTuple):
    """What one client, and all of them together, may hold of the server."""

    max_body_bytes: int = 128 * 1024  # Alexa requests are a few KB
    request_deadline: float = 5.0  # seconds from a request's first byte to its last
    idle_timeout: float = 15.0  # seconds a keep-alive connection may sit without a request
    connections_per_client: int = 32
    connection_limit: int = 1000


class DeadlineChannel(HTTPChannel):
    """An HTTP channel that knows when its current request began to arrive."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request_started: float | None = time.monotonic()

    def received(self, data: bytes) -> bool:
        server: GuardedServer = self.server  # type: ignore[assignment]
        server.bytes_received += len(data)
        if self.request_started is None:
            self.request_started = time.monotonic()
        result: bool = super().received(data)
        if self.request is None:  # nothing partial left: the clock stops until the next byte
            self.request_started = None
        return result


class GuardedServer(TcpWSGIServer):
    """One listening socket; closes requests past their deadline, refuses greedy clients."""

    channel_class = DeadlineChannel
    # Set by waitress (its stubs miss or mistype them).
    effective_host: str
    effective_port: str
    active_channels: dict[int, Any]  # type: ignore[assignment]
    _map: dict[int, Any]

    @property
    def port(self) -> int:
        return int(self.effective_port)

    def __init__(self, *args: Any, limits: ServerLimits, **kwargs: Any) -> None:
        self.limits = limits
        self.bytes_received = 0  # every body and header byte read, for the tests' figures
        self.refused_connections = 0
        self.expired_requests = 0
        super().__init__(*args, **kwargs)

    def maintenance(self, now: int) -> None:  # waitress passes time.time(), a float
        super().maintenance(now)  # idle keep-alive connections (channel_timeout)
        cutoff = time.monotonic() - self.limits.request_deadline
        for channel in list(self.active_channels.values()):
            started = getattr(channel, "request_started", None)
            if started is not None and started < cutoff and not channel.requests:
                channel.request_started = None
                channel.will_close = True
                self.expired_requests += 1

    def handle_accept(self) -> None:
        try:
            accepted = self.accept()
            if accepted is None:
                return
            conn, addr = accepted
            self.set_socket_options(conn)
        except OSError:  # the peer left before we got to it (as waitress handles it)
            return
        peer = addr[0] if isinstance(addr, tuple) else addr
        held = sum(1 for c in self.active_channels.values() if c.addr and c.addr[0] == peer)
        if held >= self.limits.connections_per_client:
            self.refused_connections += 1
            conn.close()
            return
        self.channel_class(self, conn, self.fix_addr(addr), self.adj, map=self._map)


def make_server(
    app: Any,
    *,
    host: str | None = None,
    port: int | None = None,
    sockets: list[socket.socket] | None = None,
    threads: int = 8,
    limits: ServerLimits | None = None,
) -> BaseWSGIServer | MultiSocketServer:
    """A waitress server for `app` with `limits`, on host:port or on pre-bound `sockets`."""
    limits = limits or ServerLimits()
    where: dict[str, Any] = {"sockets": sockets} if sockets else {"host": host, "port": port}
    adj = Adjustments(
        **where,
        threads=threads,
        max_request_body_size=limits.max_body_bytes,
        connection_limit=limits.connection_limit,
        channel_timeout=limits.idle_timeout,
        cleanup_interval=1,
        asyncore_use_poll=True,
    )
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    socket_map: dict[int, Any] = {}
    servers: list[GuardedServer] = []
    bound: list[tuple[socket.socket | None, Any]] = [
        (s, (s.family, s.type, s.proto, s.getsockname())) for s in adj.sockets
    ]
    for sock, sockinfo in bound or [(None, info) for info in adj.listen]:
        servers.append(
            GuardedServer(
                app,
                socket_map,
                True,
                sock,
                dispatcher=dispatcher,
                adj=adj,
                sockinfo=sockinfo,
                bind_socket=sock is None,
                limits=limits,
            )
        )
    if len(servers) == 1:
        return servers[0]
    listen = [(s.effective_host, s.port) for s in servers]
    return MultiSocketServer(socket_map, adj, listen, dispatcher, servers[-1].log_info)
