"""What "running locally" means: listening on loopback only."""

from __future__ import annotations

import ipaddress

from skill.config import Config

VERIFY_OFF_WARNING = (
    "Alexa request verification is OFF. Anyone who can reach this port can talk to the "
    "skill as any user. Local use only."
)


class UnsafeServingError(Exception):
    """The requested way of serving would expose an unverified endpoint."""


def is_loopback(host: str | None) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1), false for anything else."""
    if not host:
        return False
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_header_is_loopback(host: str) -> bool:
    """True for a Host header naming a loopback host (any port): a page a browser loaded from
    another site, or a DNS name rebound to 127.0.0.1, sends its own name instead."""
    name = host.strip()
    if name.startswith("["):  # [::1]:5000
        name = name[1 : name.find("]")] if "]" in name else ""
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    return is_loopback(name)


def local_request_refusal(host: str, mimetype: str) -> str | None:
    """Why an unverified request must be refused (None: it may be answered). Only loopback Host
    names, and only application/json: a web page can send text/plain or a form without asking
    (no CORS preflight), but not JSON."""
    if not host_header_is_loopback(host):
        return "with verification off, only loopback Host names are answered"
    if mimetype != "application/json":
        return "with verification off, only application/json is answered"
    return None


def check_verification_switch(config: Config) -> None:
    """Refuse to run with verification off anywhere but on loopback."""
    if not config.verify and not is_loopback(config.host):
        raise UnsafeServingError(
            f"refusing to turn Alexa request verification off on {config.host}: "
            "only allowed when listening on loopback (127.0.0.1, ::1 or localhost)"
        )
