"""The `morning-moves` command: serve the skill locally, or chat with it by typing."""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from skill.config import Config, Env
from skill.voice.model_source import LOCALES

SERVE_THREADS = 8


def stop_on_sigterm() -> None:
    """Let `kill PID` shut down as cleanly as Ctrl-C does."""

    def raise_interrupt(signum: int, frame: FrameType | None) -> None:  # noqa: ARG001
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, raise_interrupt)


def serve(args: argparse.Namespace) -> int:
    """Run the web service under waitress until Ctrl-C (or SIGTERM)."""
    from skill.web import create_app
    from skill.web.local import (
        VERIFY_OFF_WARNING,
        UnsafeServingError,
        check_verification_switch,
        is_loopback,
    )
    from skill.web.server import make_server

    config = Config.load(host=args.host, port=args.port, verify=False if args.no_verify else None)
    logging.basicConfig(
        level=config.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        check_verification_switch(config)
    except UnsafeServingError as exc:
        print(f"morning-moves: {exc}", file=sys.stderr)
        return 2
    if config.verify and config.skill_id is None and not args.any_skill:
        print(
            f"morning-moves: verification is on but no skill id is set ({Env.SKILL_ID.value}):"
            " any skill's signed requests would be answered. Set it, or pass --any-skill.",
            file=sys.stderr,
        )
        return 2
    if not config.verify:
        print(f"WARNING: {VERIFY_OFF_WARNING}", file=sys.stderr)
    app = create_app(config, console=is_loopback(config.host))
    _drain_local_outbox(app.config["MORNING_MOVES_OUTBOX"], app.config["MORNING_MOVES_STORE"])
    server = make_server(app, host=config.host, port=config.port, threads=SERVE_THREADS)
    host = f"[{config.host}]" if ":" in config.host else config.host
    # "localhost" may listen on several sockets; a single one knows its (maybe ephemeral) port.
    url = f"http://{host}:{getattr(server, 'effective_port', config.port)}"
    print(f"Morning Moves is listening on {url}")
    if is_loopback(config.host):
        print(f"  Console: open {url}/ in a browser to talk to the skill")
    print(f"  Alexa endpoint: POST {url}/alexa    health: {url}/healthz")
    print("  Press Ctrl-C to stop.", flush=True)
    stop_on_sigterm()
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.run()  # returns on Ctrl-C after shutting its worker threads down
    finally:
        server.close()
    print("Stopped.", flush=True)
    return 0


def _drain_local_outbox(outbox: object, store: object) -> None:
    """Progress queued while the store was down is written once it is back (every 10 s)."""
    from skill.outbox.local import Drainer, FileOutbox

    if isinstance(outbox, FileOutbox):
        Drainer(outbox, store).start()  # type: ignore[arg-type]  # the app's own store


def chat(args: argparse.Namespace) -> int:
    """Talk to the skill by typing: in-process, or to a running server with --url."""
    from skill.dev.chat import run_chat

    return run_chat(
        url=args.url,
        script=args.script,
        speak=args.speak,
        locale=args.locale,
        width=args.width,
        user=args.user,
        when=args.date,
        person=args.person,
    )


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
    p_serve.add_argument(
        "--any-skill",
        action="store_true",
        help="with verification on, answer any skill's requests when no skill id is set",
    )
    p_serve.set_defaults(func=serve)
    p_chat = sub.add_parser(
        "chat",
        help="type what you would say to Alexa and read the skill's replies",
        description="Type what you would say to Alexa; an empty line is silence; Ctrl-D quits.",
    )
    p_chat.add_argument(
        "--url", default=None, help="a running server, e.g. http://127.0.0.1:5000/alexa"
    )
    p_chat.add_argument(
        "--script", type=Path, default=None, help="replay a file of 'user: ...' lines and exit"
    )
    p_chat.add_argument(
        "--speak", action="store_true", help="also say each reply with espeak-ng (if installed)"
    )
    p_chat.add_argument("--locale", default="en-US", choices=LOCALES, help="Alexa locale")
    p_chat.add_argument("--width", type=int, default=100, help="wrap replies at this width")
    p_chat.add_argument(
        "--user", default=None, help="talk as another user (a suffix of the simulator's user id)"
    )
    p_chat.add_argument(
        "--date",
        default=None,
        help="pretend it is another day: YYYY-MM-DD, or an offset like +1d, -3d, +12h",
    )
    p_chat.add_argument(
        "--person", default=None, help="speak as this recognised voice (a personId)"
    )
    p_chat.set_defaults(func=chat)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
