"""The DynamoDB store under faults, talking to dynalite over a socket: every transient failure is
a StoreUnavailableError, quickly enough for an Alexa turn, and a throttled write is retried once."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

import pytest

from skill.domain.progress import ProfileUpdate
from skill.store.base import StoreUnavailableError
from skill.store.dynamodb import TOTAL_ATTEMPTS, DynamoDbStore, create_table, make_client
from testkit.dynalite import DynaliteServer, FaultProxy, free_port, local_config
from tests.store.conftest import completion, dynamodb_store

OPERATIONS: dict[str, Callable[[DynamoDbStore, str], object]] = {
    "load": lambda store, user: store.load(user),
    "record": lambda store, user: store.record(user, completion("k")),
    "update_profile": lambda store, user: store.update_profile(user, ProfileUpdate(age=40)),
    "delete_user": lambda store, user: store.delete_user(user),
}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_dead_server_is_store_unavailable_within_a_turn(
    private_dynalite: DynaliteServer, user_id: str, operation: str
) -> None:
    store = dynamodb_store(private_dynalite.url, "progress")
    create_table(store._client, "progress")
    private_dynalite.stop()
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError):
        OPERATIONS[operation](store, user_id)
    assert time.monotonic() - started < 4.0


def test_a_throttled_write_is_retried_once(
    fault_proxy: FaultProxy, dynamodb_table: str, user_id: str
) -> None:
    store = dynamodb_store(fault_proxy.url, dynamodb_table)
    fault_proxy.throttle_next = 1
    assert store.record(user_id, completion("k"))
    assert fault_proxy.calls == Counter(UpdateItem=2)
    assert store.load(user_id).days[0].reps == {completion("k").move: 10}


def test_throttling_that_outlasts_the_retries_is_store_unavailable(
    fault_proxy: FaultProxy, dynamodb_table: str, user_id: str
) -> None:
    store = dynamodb_store(fault_proxy.url, dynamodb_table)
    fault_proxy.throttle_next = TOTAL_ATTEMPTS
    with pytest.raises(StoreUnavailableError, match="ProvisionedThroughputExceeded"):
        store.record(user_id, completion("k"))
    assert fault_proxy.calls == Counter(UpdateItem=TOTAL_ATTEMPTS)
    assert store.record(user_id, completion("k")), "nothing was counted by the refused write"


def test_a_missing_table_is_store_unavailable(dynamodb_endpoint: str, user_id: str) -> None:
    with pytest.raises(StoreUnavailableError, match="ResourceNotFound"):
        dynamodb_store(dynamodb_endpoint, "no-such-table").load(user_id)


def test_making_the_client_primes_it_without_a_request(fault_proxy: FaultProxy) -> None:
    """The init phase's Query is answered inside the client (no I/O): nothing reaches the
    server, a dead endpoint does not fail it, and the first real call still goes out."""
    fault_proxy.reset()
    client = make_client(local_config(fault_proxy.url, "primed"))
    assert sum(fault_proxy.calls.values()) == 0
    make_client(local_config(f"http://127.0.0.1:{free_port()}", "primed"))  # nothing listens
    create_table(client, "primed")
    DynamoDbStore(client, "primed").load("amzn1.ask.account.PRIMED")
    assert fault_proxy.calls["Query"] == 1
