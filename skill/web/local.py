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


def check_verification_switch(config: Config) -> None:
    """Refuse to run with verification off anywhere but on loopback."""
    if not config.verify and not is_loopback(config.host):
        raise UnsafeServingError(
            f"refusing to turn Alexa request verification off on {config.host}: "
            "only allowed when listening on loopback (127.0.0.1, ::1 or localhost)"
        )
