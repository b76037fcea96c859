"""The peer: the persistent skill a developer would write with the ASK SDK's own batteries.

`StandardSkillBuilder` with `ask-sdk-dynamodb-persistence-adapter` (one item per user, the
whole attributes dict read on launch and written back on save), handlers as the SDK's samples
write them, the SDK's own Lambda wrapper. It coaches the same five moves: launch reads the
persistent attributes and greets with the streak; "yes"/"next" first counts a set out (no
database), then marks the move done, adds its reps to today's entry and saves; "stop" ends.
Every figure of `make bench` is divided by this skill's figure from the same run, on the same
DynamoDB server. Only the bench imports it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.predicate import is_intent_name, is_request_type
from ask_sdk_model.response import Response

MOVES = ("toe taps", "squats", "heel rises", "glute bridge", "reverse lunge")
REPS = 10
PARTITION_KEY = "id"  # the adapter's default partition key name


def _today(handler_input: HandlerInput) -> date:
    request: Any = handler_input.request_envelope.request
    return request.timestamp.date()  # type: ignore[no-any-return]


def streak(days: dict[str, Any], today: date) -> int:
    """Consecutive days with any move done, ending today or yesterday."""
    day = today if today.isoformat() in days else today - timedelta(days=1)
    count = 0
    while day.isoformat() in days:
        count += 1
        day -= timedelta(days=1)
    return count


def counted_set(move: str) -> str:
    """One set counted out, a second apart, as a coaching skill would say it."""
    counts = ' <break time="1s"/> '.join(str(n) for n in range(1, REPS + 1))
    return f"<speak>Here come {REPS} {move}. {counts}. Well done. Say next.</speak>"


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        attributes: dict[str, Any] = handler_input.attributes_manager.persistent_attributes
        days = attributes.get("days", {})
        handler_input.attributes_manager.session_attributes = {"move": 0, "counted": False}
        days_on = streak(days, _today(handler_input))
        speech = f"Welcome back. Your streak is {days_on} days. First up, {MOVES[0]}. Ready?"
        return handler_input.response_builder.speak(speech).ask("Say yes to start.").response


class NextHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(
            is_intent_name("AMAZON.YesIntent")(handler_input)
            or is_intent_name("AMAZON.NextIntent")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        manager = handler_input.attributes_manager
        session: dict[str, Any] = manager.session_attributes or {}
        index = int(session.get("move", 0))
        builder = handler_input.response_builder
        if index >= len(MOVES):
            return builder.speak("That was all five. Say stop.").ask("Say stop.").response
        if not session.get("counted"):
            session["counted"] = True
            return builder.speak(counted_set(MOVES[index])).ask("Say next.").response
        attributes: dict[str, Any] = manager.persistent_attributes
        attributes.setdefault("first", _today(handler_input).isoformat())
        day = attributes.setdefault("days", {}).setdefault(_today(handler_input).isoformat(), {})
        day[MOVES[index]] = day.get(MOVES[index], 0) + REPS
        manager.save_persistent_attributes()
        session.update(move=index + 1, counted=False)
        if index + 1 == len(MOVES):
            return builder.speak("All five done. Great work. Say stop.").ask("Say stop.").response
        return builder.speak(f"Next, {MOVES[index + 1]}. Ready?").ask("Say yes.").response


class StopHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(
            is_intent_name("AMAZON.StopIntent")(handler_input)
            or is_intent_name("AMAZON.CancelIntent")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return (
            handler_input.response_builder.speak("See you tomorrow.")
            .set_should_end_session(True)
            .response
        )


class SessionEndedHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response


def build(table_name: str, dynamodb_resource: Any) -> Any:
    """The peer's StandardSkillBuilder on `table_name` through `dynamodb_resource` (a boto3
    DynamoDB resource: the adapter's own default, boto3.resource("dynamodb"), made at its
    import, cannot point at a local server)."""
    from ask_sdk.standard import StandardSkillBuilder

    sb = StandardSkillBuilder(table_name=table_name, dynamodb_client=dynamodb_resource)
    for handler in (LaunchHandler(), NextHandler(), StopHandler(), SessionEndedHandler()):
        sb.add_request_handler(handler)
    return sb


# The peer's settings, as such a skill reads them at import (bench-only names).
TABLE_VARIABLE = "PEER_TABLE_NAME"
ENDPOINT_VARIABLE = "PEER_DYNAMODB_ENDPOINT"


def handler_from_environment() -> Any:
    """The peer's Lambda handler, built the way its module would build it at import."""
    import os

    import boto3

    endpoint = os.environ.get(ENDPOINT_VARIABLE)
    resource = boto3.resource("dynamodb", endpoint_url=endpoint)
    return build(os.environ[TABLE_VARIABLE], resource).lambda_handler()


def seed_days(dynamodb_resource: Any, table_name: str, user_id: str, days: list[date]) -> None:
    """A peer user who did every move on each of `days` (written as the adapter writes)."""
    attributes = {
        "first": days[0].isoformat(),
        "days": {d.isoformat(): dict.fromkeys(MOVES, REPS) for d in days},
    }
    table = dynamodb_resource.Table(table_name)
    table.put_item(Item={PARTITION_KEY: user_id, "attributes": attributes})


def create_table(client: Any, table_name: str) -> None:
    """The table the adapter expects (partition key `id`), on-demand, ACTIVE on return."""
    client.create_table(
        TableName=table_name,
        KeySchema=[{"AttributeName": PARTITION_KEY, "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": PARTITION_KEY, "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(
        TableName=table_name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 100}
    )
