"""Both skills behind one waitress server, for figure 3 (run as its own process).

    python -m bench.webserver DATA_DIR

Morning Moves answers POST /alexa and the baseline POST /baseline/alexa: the same Flask app
factory, the same request verification, the same waitress threads; only the skill differs.
Prints "port N" once listening; serves until terminated.
"""

from __future__ import annotations

import logging
import socket
import sys
from pathlib import Path

from waitress.server import create_server
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bench.baseline import build_baseline_skill
from skill.config import Config, StoreKind
from skill.store.factory import make_store
from skill.web import create_app

BASELINE_PREFIX = "/baseline"
THREADS = 8  # as `morning-moves serve`


def server_config(data_dir: Path) -> Config:
    return Config.load(store=StoreKind.SQLITE, sqlite_path=data_dir / "web.sqlite3", verify=False)


def main(data_dir: str) -> None:
    # waitress warns on every queued task; a benchmark queues tasks on purpose.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    config = server_config(Path(data_dir))
    store = make_store(config)
    ours = create_app(config, store=store)
    base = create_app(config, store=store, skill=build_baseline_skill(config.skill_id))
    app = DispatcherMiddleware(ours, {BASELINE_PREFIX: base})
    listener = socket.create_server(("127.0.0.1", 0))  # a free loopback port, known up front
    server = create_server(app, sockets=[listener], threads=THREADS)
    print(f"port {listener.getsockname()[1]}", flush=True)
    server.run()


if __name__ == "__main__":
    main(sys.argv[1])
