"""The `morning-moves` command: serve the skill locally (and, later, chat with it)."""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import logging
import sys
from collections.abc import Sequence

from skill.config import Config


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(args: argparse.Namespace) -> int:
    """Run the web service under waitress until Ctrl-C."""
    from waitress import serve as waitress_serve

    from skill.web import create_app

    config = Config.load(host=args.host, port=args.port, verify=False if args.no_verify else None)
    logging.basicConfig(
        level=config.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not config.verify:
        if not _is_loopback(config.host):
            print(
                f"refusing to turn request verification off on non-loopback host {config.host}",
                file=sys.stderr,
            )
            return 2
        print("WARNING: Alexa request verification is OFF (local use only).", file=sys.stderr)
    app = create_app(config)
    url = f"http://{config.host}:{config.port}"
    print(f"Morning Moves is listening on {url}")
    print(f"  Alexa endpoint: POST {url}/alexa    health: {url}/healthz")
    print("  Press Ctrl-C to stop.")
    with contextlib.suppress(KeyboardInterrupt):
        waitress_serve(app, host=config.host, port=config.port, threads=8, _quiet=True)
    print("Stopped.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="morning-moves", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_serve = sub.add_parser("serve", help="run the local web service")
    p_serve.add_argument("--host", default=None, help="interface to listen on (default 127.0.0.1)")
    p_serve.add_argument("--port", type=int, default=None, help="port (default 5000)")
    p_serve.add_argument(
        "--no-verify",
        action="store_true",
        help="turn Alexa request verification off (loopback only)",
    )
    p_serve.set_defaults(func=serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
