"""The durable outbox: progress and deletions the store cannot take when a session ends are
queued (SQS on moto's server, or a file beside the embedded store) and drained into the store
by the Lambda entry itself once it is back; nothing lost, nothing counted twice."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model.request_envelope import RequestEnvelope

from skill.config import Config, StoreKind
from skill.domain.ids import MoveId
from skill.domain.progress import Completion, ForgetAccount, ProfileUpdate, UserProgress
from skill.lambda_entry import make_handler
from skill.outbox.local import Drainer, FileOutbox
from skill.outbox.sqs import SqsOutbox, make_sqs_client
from skill.store.base import ProgressStore, StoreUnavailableError, subject_id
from skill.store.dynamodb import create_table
from skill.store.sqlite import SqliteStore
from skill.voice.builder import build_skill
from testkit.dynalite import DynaliteServer
from tests.conftest import TEST_SKILL_ID
from tests.events import load_event
from tests.sqs_server import (
    MotoServer,
    delete_done,
    make_fifo_queue,
    receive_as_event_source,
    sqs_config,
    sqs_server,  # noqa: F401  # the session's moto server
)
from tests.store.alexa import Conversation, do_routine, speech_of
from tests.store.conftest import dynamodb_store
from tests.store.test_session_progress import MORNING, SORRY, stored_totals

TABLE = "progress"


class Rig:
    """A skill on a private dynalite with an SQS outbox, and the Lambda entry that drains it."""

    def __init__(self, dynalite: DynaliteServer, sqs: MotoServer) -> None:
        self.dynalite, self.sqs = dynalite, sqs
        self.queue_url = make_fifo_queue(sqs.url, f"outbox-{uuid.uuid4().hex[:8]}")
        self.store = dynamodb_store(dynalite.url, TABLE)
        create_table(self.store._client, TABLE)
        outbox = SqsOutbox(make_sqs_client(sqs_config(sqs.url)), self.queue_url)
        self.skill = build_skill(
            self.store,
            Config(timezone="UTC"),
            clock=lambda: MORNING,
            time_zone_lookup=lambda _: None,
            outbox=outbox,
        )
        self.lambda_handler = make_handler(
            Config(
                skill_id=TEST_SKILL_ID,
                store=StoreKind.DYNAMODB,
                table_name=TABLE,
                dynamodb_endpoint=dynalite.url,
            )
        )

    def undisturbed_totals(self) -> dict[MoveId, int]:
        """What the same routine stores for another user while the store stays up."""
        control = f"amzn1.ask.account.CONTROL{uuid.uuid4().hex.upper()}"
        do_routine(Conversation(self.skill, control))
        return stored_totals(self.store, control)

    def queued(self) -> int:
        client = make_sqs_client(sqs_config(self.sqs.url))
        attributes = client.get_queue_attributes(
            QueueUrl=self.queue_url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        return sum(int(v) for v in attributes.values())

    def deliver(self) -> tuple[int, list[Any]]:
        """One delivery by the SQS event source to the Lambda entry, and its deletions:
        (messages delivered, those the function handed back)."""
        event = receive_as_event_source(self.sqs.url, self.queue_url)
        if not event["Records"]:
            return 0, []
        answer = self.lambda_handler(event, None)
        delete_done(self.sqs.url, self.queue_url, event, answer)
        return len(event["Records"]), answer["batchItemFailures"]

    def drain(self, timeout: float = 10.0) -> list[Any]:
        """Deliveries until the queue is empty, as the event source polls; every failure."""
        failures: list[Any] = []
        deadline = time.monotonic() + timeout
        while self.queued() and time.monotonic() < deadline:
            delivered, failed = self.deliver()
            failures += failed
            if not delivered or failed:
                time.sleep(0.2)  # failed ones come back after the visibility timeout (1 s)
        return failures


@pytest.fixture
def rig(private_dynalite: DynaliteServer, sqs_server: MotoServer) -> Rig:  # noqa: F811
    return Rig(private_dynalite, sqs_server)


@pytest.mark.dynamodb
def test_store_down_from_mid_routine_through_session_end_loses_no_move(
    rig: Rig, user_id: str
) -> None:
    talk = Conversation(rig.skill, user_id)
    do_routine(talk, stop_after_moves=2)
    rig.dynalite.stop()  # down from here through the end of the session
    do_routine(talk)
    assert SORRY not in speech_of(talk.end())
    assert talk.pending == []
    assert rig.queued() == len(MoveId) - 2

    delivered, failed = rig.deliver()  # the store is still down: all handed back for a retry
    assert delivered > 0
    assert len(failed) == delivered
    assert rig.queued() == len(MoveId) - 2
    rig.dynalite.start()
    rig.drain()
    assert rig.queued() == 0
    assert len(stored_totals(rig.store, user_id)) == len(MoveId)  # 5 of 5 moves stored
    assert stored_totals(rig.store, user_id) == rig.undisturbed_totals()


@pytest.mark.dynamodb
def test_a_redelivered_message_counts_nothing_twice(rig: Rig, user_id: str) -> None:
    talk = Conversation(rig.skill, user_id)
    do_routine(talk, stop_after_moves=0)
    rig.dynalite.stop()
    do_routine(talk)
    talk.end()
    rig.dynalite.start()
    event = receive_as_event_source(rig.sqs.url, rig.queue_url)
    assert rig.lambda_handler(event, None) == {"batchItemFailures": []}
    assert rig.lambda_handler(event, None) == {"batchItemFailures": []}  # delivered twice
    assert stored_totals(rig.store, user_id) == rig.undisturbed_totals()


@pytest.mark.dynamodb
def test_skill_disabled_while_the_store_is_down_deletes_after_recovery(
    rig: Rig, user_id: str
) -> None:
    do_routine(Conversation(rig.skill, user_id, session="one"))
    assert stored_totals(rig.store, user_id)
    second = Conversation(rig.skill, user_id, session="two")
    do_routine(second, stop_after_moves=1)
    rig.dynalite.stop()
    do_routine(second)
    second.end()  # the rest of routine two is queued...
    anna = Conversation(rig.skill, user_id, session="anna", person="amzn1.ask.person.ANNA")
    do_routine(anna)
    anna.end()  # ...and a recognised voice's whole routine...
    disable(rig.skill, user_id)  # ...and the deletion of the account's data after them
    assert rig.queued() == len(MoveId) - 1 + len(MoveId) + 1
    rig.dynalite.start()
    assert rig.drain() == []
    # In order (one message group per account): nothing resurrected, the person's included.
    assert rig.store.load(user_id) == UserProgress()
    assert rig.store.load(subject_id(user_id, "amzn1.ask.person.ANNA")) == UserProgress()


def disable(skill: CustomSkill, user_id: str) -> dict[str, Any]:
    """The user disables the skill (Alexa's SkillDisabled event; its body: NOT_PERSISTED)."""
    event = load_event("skill_disabled")
    event["context"]["System"]["user"] = {"userId": user_id}
    request = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
    response = skill.serializer.serialize(skill.invoke(request, None))
    assert isinstance(response, dict)
    return response


class Switchable:
    """A store that can be switched off (StoreUnavailableError), as a locked or full disk."""

    def __init__(self, inner: ProgressStore) -> None:
        self.inner = inner
        self.down = False

    def __getattr__(self, name: str) -> Any:
        if self.down:

            def refuse(*args: Any, **kwargs: Any) -> Any:
                raise StoreUnavailableError("switched off")

            return refuse
        return getattr(self.inner, name)


def test_the_local_outbox_is_a_file_beside_the_store_drained_by_serve(
    tmp_path: Path, user_id: str
) -> None:
    store = SqliteStore(tmp_path / "progress.sqlite3")
    outbox = FileOutbox(tmp_path / "progress.outbox.sqlite3")
    switch = Switchable(store)
    skill = build_skill(
        switch,
        Config(timezone="UTC"),
        clock=lambda: MORNING,
        time_zone_lookup=lambda _: None,
        outbox=outbox,
    )
    talk = Conversation(skill, user_id)
    do_routine(talk, stop_after_moves=2)
    switch.down = True
    do_routine(talk)
    talk.end()
    disabled_later = len(outbox)
    assert disabled_later == len(MoveId) - 2
    assert outbox.drain(switch) == 0  # still down: nothing lost, nothing dropped
    assert len(outbox) == disabled_later
    switch.down = False
    drainer = Drainer(outbox, switch, interval=0.05)
    drainer.start()
    try:
        for _ in range(100):
            if not len(outbox):
                break
            time.sleep(0.05)
    finally:
        drainer.stopped.set()
        drainer.join(timeout=5)
    assert len(outbox) == 0
    assert len(stored_totals(store, user_id)) == len(MoveId)


def test_messages_round_trip_and_foreign_ones_are_dropped() -> None:
    from skill.outbox import decode_message, encode_message

    completion = Completion("k", MoveId.SQUATS, 10, 1, MORNING.date(), MORNING)
    for event in (completion, ProfileUpdate(age=40), ForgetAccount()):
        assert decode_message(encode_message("amzn1.ask.account.X", event)) == (
            "amzn1.ask.account.X",
            event,
        )
    for body in ("", "{}", '{"v":1,"u":"x","e":{"c":"k","m":"squats","r":1000000}}', "[1]"):
        assert decode_message(body) is None


def test_the_lambda_entrys_outbox_is_made_on_first_use(tmp_path: Path) -> None:
    from skill.outbox import deferred_outbox

    assert deferred_outbox(Config(store=StoreKind.MEMORY)) is None
    outbox = deferred_outbox(Config(store=StoreKind.SQLITE, sqlite_path=tmp_path / "p.sqlite3"))
    assert outbox is not None
    assert list(tmp_path.iterdir()) == []  # nothing made yet
    outbox.put("amzn1.ask.account.X", [ProfileUpdate(age=40)])
    assert len(FileOutbox(tmp_path / "p.outbox.sqlite3")) == 1
