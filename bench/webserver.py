"""Both skills behind one waitress server, for figure 3 (run as its own process).

    python -m bench.webserver DATA_DIR PKI_DIR [DYNAMODB_ENDPOINT]

Morning Moves answers POST /alexa and the baseline POST /baseline/alexa: the same Flask app
factory, the same request verification (on), the same waitress threads; only the skill differs.
The trust store is the test CA in PKI_DIR/root.pem, and the signing chain is served from
PKI_DIR/chain.pem by the web tests' stand-in for S3. With DYNAMODB_ENDPOINT, Morning Moves runs
on its DynamoDB store there and the persistent peer (bench/peer.py) answers POST /peer/alexa on
the same server, instead of the baseline. Prints "port N" once listening; serves until
terminated.
"""

from __future__ import annotations

import logging
import socket
import sys
from pathlib import Path

from cryptography import x509
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bench.baseline import build_baseline_skill
from skill.cli import SERVE_THREADS
from skill.config import Config, StoreKind
from skill.dev.simulator import SIMULATOR_SKILL_ID
from skill.store.factory import make_store
from skill.web import create_app
from skill.web.server import ServerLimits, make_server
from skill.web.verifier import default_verifiers
from testkit.pki import CHAIN_URL, ChainHost

BASELINE_PREFIX = "/baseline"
PEER_PREFIX = "/peer"
TABLE, PEER_TABLE = "morning-moves-web", "peer-web"


def server_config(data_dir: Path) -> Config:
    return Config.load(
        skill_id=SIMULATOR_SKILL_ID,
        store=StoreKind.SQLITE,
        sqlite_path=data_dir / "web.sqlite3",
        verify=True,
    )


def main(data_dir: str, pki_dir: str, endpoint: str | None = None) -> None:
    # waitress warns on every queued task; a benchmark queues tasks on purpose.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    config = server_config(Path(data_dir))
    pki = Path(pki_dir)
    root = x509.load_pem_x509_certificate((pki / "root.pem").read_bytes())
    s3 = ChainHost({CHAIN_URL: (pki / "chain.pem").read_bytes()})
    verifiers = default_verifiers(cert_fetcher=s3, trusted_roots=[root])
    if endpoint is None:
        store = make_store(config)
        ours = create_app(config, store=store, verifiers=verifiers)
        base = create_app(
            config, store=store, skill=build_baseline_skill(config.skill_id), verifiers=verifiers
        )
        app = DispatcherMiddleware(ours, {BASELINE_PREFIX: base})
    else:
        import boto3

        from bench import peer

        config = config._replace(
            store=StoreKind.DYNAMODB, dynamodb_endpoint=endpoint, table_name=TABLE
        )
        store = make_store(config)
        ours = create_app(config, store=store, verifiers=verifiers)
        builder = peer.build(PEER_TABLE, boto3.resource("dynamodb", endpoint_url=endpoint))
        builder.skill_id = config.skill_id
        theirs = create_app(config, store=store, skill=builder.create(), verifiers=verifiers)
        app = DispatcherMiddleware(ours, {PEER_PREFIX: theirs})
    listener = socket.create_server(("127.0.0.1", 0))  # a free loopback port, known up front
    # Every simulated device connects from 127.0.0.1, where real ones have addresses of their
    # own: the per-client connection limit would count 50 devices as one client.
    limits = ServerLimits(connections_per_client=ServerLimits().connection_limit)
    server = make_server(app, sockets=[listener], threads=SERVE_THREADS, limits=limits)
    print(f"port {listener.getsockname()[1]}", flush=True)
    server.run()


if __name__ == "__main__":
    main(*sys.argv[1:4])
