"""The DynamoDB store (boto3 low-level client, injected).

One table, one partition per user (the partition key is a SHA-256 of the Alexa user id):

| sort key           | attributes                                                        |
|--------------------|-------------------------------------------------------------------|
| `profile`          | `age`, `tempo`, `adj_<move>` (dose adjustment per move), `style`  |
|                    | (absent: standard), `so` (when the standard moves were last       |
|                    | suggested, an ISO date) and `paused` (a paused workout's          |
|                    | position, PausedPosition.encode's JSON text)                      |
| `day#YYYY-MM-DD`   | one number per move (reps that local day), `done` (string set of  |
|                    | the `completion_tag`s already counted that day), `tz`             |
|                    | and `tzc`: the zone (IANA name) and its confirmation (Unix        |
|                    | seconds) of the last completion that day that carried a zone;     |
|                    | `fa`, `rs`, `fr`: the HistorySummary (first active day, start of  |
|                    | the current run of active days, first whole routine) as of the    |
|                    | last completion that day                                          |

Recording a completion is ONE conditional UpdateItem on its day item: `ADD <move> :reps,
done :tag` under `NOT contains(done, :tag)`. The condition makes a retried request a no-op; the
ADD makes two devices finishing at the same moment both count, with no read-modify-write and no
transaction (a transaction would cost twice the write units, and dynalite has none). The same
UpdateItem SETs `tz` and `tzc` when the completion carries a zone, so remembering the user's time
zone costs no call of its own. Loading is one paginated Query of the user's partition; the zone
is the one on the day item with the latest `tzc`.

A recognised person has a partition of their own (`skill.store.base.user_key`: the account's
digest, `.`, the person's) whose items also carry `acct`, the account's digest, SET by the
writes they make anyway. `acct` is the key of the sparse, keys-only index `by_account`: the
account's own items do not carry it, so the index holds exactly the persons' items, and
deleting an account is its partition plus one Query of that index.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Final

from botocore.awsrequest import AWSResponse
from botocore.compat import HTTPHeaders
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from skill.aws import make_boto_client
from skill.config import Config
from skill.domain.history import LOADED_DAYS, reps_of, summarize
from skill.domain.ids import MoveId, Style
from skill.domain.progress import (
    Completion,
    DayTotal,
    HistorySummary,
    KnownZone,
    Profile,
    ProfileUpdate,
    UserProgress,
)
from skill.domain.state import PausedPosition
from skill.store.base import (
    StoreUnavailableError,
    account_of,
    completion_tag,
    is_person_key,
    user_key,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

log = logging.getLogger(__name__)

PARTITION_KEY: Final = "pk"
SORT_KEY: Final = "sk"
# The one source of truth for the table's keys; template.yaml must declare the same
# (tests/store/test_template_keys.py compares them).
TABLE_KEY_SCHEMA: Final = (
    {"AttributeName": PARTITION_KEY, "KeyType": "HASH"},
    {"AttributeName": SORT_KEY, "KeyType": "RANGE"},
)
ACCOUNT_ATTR: Final = "acct"
ACCOUNT_INDEX: Final = "by_account"
TABLE_ATTRIBUTE_DEFINITIONS: Final = (
    {"AttributeName": PARTITION_KEY, "AttributeType": "S"},
    {"AttributeName": SORT_KEY, "AttributeType": "S"},
    {"AttributeName": ACCOUNT_ATTR, "AttributeType": "S"},
)
# Every person's items, by account (sparse: only they carry ACCOUNT_ATTR); keys only, since
# deleting is all it is for.
TABLE_GLOBAL_INDEXES: Final = (
    {
        "IndexName": ACCOUNT_INDEX,
        "KeySchema": [{"AttributeName": ACCOUNT_ATTR, "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
    },
)
PROFILE_SK: Final = "profile"
DAY_PREFIX: Final = "day#"
DONE_ATTR: Final = "done"
ADJUSTMENT_PREFIX: Final = "adj_"
PAUSED_ATTR: Final = "paused"
ZONE_ATTR: Final = "tz"
ZONE_CONFIRMED_ATTR: Final = "tzc"
FIRST_ACTIVE_ATTR: Final = "fa"
RUN_START_ATTR: Final = "rs"
FIRST_ROUTINE_ATTR: Final = "fr"

# A turn must stay well inside Alexa's ~8 s: fail fast and let the session carry the work.
CONNECT_TIMEOUT_SECONDS: Final = 0.5
READ_TIMEOUT_SECONDS: Final = 1.0
TOTAL_ATTEMPTS: Final = 2
BATCH_SIZE: Final = 25


def client_config() -> BotoConfig:
    """Short timeouts and one retry: worst case about 3.5 s per call."""
    return BotoConfig(
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        read_timeout=READ_TIMEOUT_SECONDS,
        retries={"total_max_attempts": TOTAL_ATTEMPTS, "mode": "standard"},
    )


def make_client(config: Config) -> DynamoDBClient:
    """The process's DynamoDB client (call once per process, never at import); dummy
    credentials for a loopback endpoint (skill.aws)."""
    client: DynamoDBClient = make_boto_client(
        "dynamodb",
        region=config.aws_region,
        endpoint=config.dynamodb_endpoint,
        settings=client_config(),
    )
    _resolve_shapes(client)
    _prime(client)
    # The first request encodes the endpoint's host name to IDNA (http.client), loading that
    # codec and unicodedata: load them here, with the rest of the init phase.
    "dynamodb.amazonaws.com".encode("idna")
    return client


# The calls the store makes: their models are resolved when the client is made (the init phase,
# no I/O) instead of lazily by botocore on a session's first request.
STORE_OPERATIONS: Final = ("Query", "UpdateItem", "BatchWriteItem")


def _resolve_shapes(client: DynamoDBClient) -> None:
    seen: set[str] = set()
    todo: list[Any] = []
    for name in STORE_OPERATIONS:
        operation = client.meta.service_model.operation_model(name)
        todo += [operation.input_shape, operation.output_shape]
    while todo:
        shape = todo.pop()
        if shape is None or shape.name in seen:
            continue
        seen.add(shape.name)
        todo += list(getattr(shape, "members", {}).values())
        todo += [getattr(shape, attr, None) for attr in ("member", "key", "value")]


class _CannedBody:
    """The raw body botocore reads a canned response from (see _prime)."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


def _prime(client: DynamoDBClient) -> None:
    """One Query of the store's shape through the client's whole path (parameters, endpoint,
    signing, hooks, parsing), answered by a `before-send` handler with an empty result: no I/O,
    and the first session's request finds botocore's per-operation caches warm."""

    def answer(**_: Any) -> AWSResponse:
        return AWSResponse("", 200, HTTPHeaders(), _CannedBody(b'{"Items":[],"Count":0}'))

    events = client.meta.events
    hook: Any = answer  # the stubs type handlers as returning None; before-send's may answer
    events.register_first("before-send.dynamodb.Query", hook, unique_id="morning-moves-prime")
    try:
        client.query(
            TableName="prime",
            KeyConditionExpression="#pk = :pk AND #sk >= :day",
            ExpressionAttributeNames={"#pk": PARTITION_KEY, "#sk": SORT_KEY},
            ExpressionAttributeValues={":pk": {"S": "prime"}, ":day": {"S": DAY_PREFIX}},
            ScanIndexForward=False,
            Limit=LOADED_DAYS + 1,
            ConsistentRead=True,
        )
    finally:
        events.unregister("before-send.dynamodb.Query", unique_id="morning-moves-prime")


def create_table(client: DynamoDBClient, name: str, *, timeout: float = 10.0) -> None:
    """Create the table (on-demand billing) and wait until it is ACTIVE; for tests and local use
    (deployments get it from template.yaml)."""
    client.create_table(
        TableName=name,
        KeySchema=list(TABLE_KEY_SCHEMA),  # type: ignore[arg-type]
        AttributeDefinitions=list(TABLE_ATTRIBUTE_DEFINITIONS),  # type: ignore[arg-type]
        GlobalSecondaryIndexes=list(TABLE_GLOBAL_INDEXES),  # type: ignore[arg-type]
        BillingMode="PAY_PER_REQUEST",
    )
    deadline = time.monotonic() + timeout
    while not _active(client.describe_table(TableName=name)["Table"]):
        if time.monotonic() > deadline:
            raise TimeoutError(f"table {name} did not become ACTIVE within {timeout} s")
        time.sleep(0.05)


def _active(table: Any) -> bool:
    indexes = table.get("GlobalSecondaryIndexes", ())
    return table["TableStatus"] == "ACTIVE" and all(
        index.get("IndexStatus") == "ACTIVE" for index in indexes
    )


def _account_clause(user_id: str) -> tuple[dict[str, str], dict[str, Any], list[str]]:
    """Names, values and the SET clause that file a person's item under their account in the
    index `by_account`; nothing for the account's own items."""
    key = user_key(user_id)
    if not is_person_key(key):
        return {}, {}, []
    return (
        {"#acct": ACCOUNT_ATTR},
        {":acct": {"S": user_key(account_of(user_id))}},
        ["#acct = :acct"],
    )


@contextmanager
def _unavailable_on_failure(operation: str) -> Iterator[None]:
    """Throttling, timeouts, refused connections and service errors become
    StoreUnavailableError, so the voice layer can keep the work in the session."""
    try:
        yield
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "unknown")
        log.warning("dynamodb %s failed: %s", operation, code)
        raise StoreUnavailableError(f"dynamodb {operation}: {code}") from exc
    except BotoCoreError as exc:
        log.warning("dynamodb %s failed: %s", operation, type(exc).__name__)
        raise StoreUnavailableError(f"dynamodb {operation}: {type(exc).__name__}") from exc


def _number(value: int | float) -> dict[str, str]:
    return {"N": str(value)}


class DynamoDbStore:
    """ProgressStore on one DynamoDB table."""

    def __init__(
        self,
        client: DynamoDBClient,
        table_name: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        page_size: int | None = None,
    ):
        """`page_size` limits items per Query page (tests use it to exercise pagination)."""
        self._client = client
        self._table = table_name
        self._sleep = sleep
        self._page_size = page_size

    def _pk(self, user_id: str) -> dict[str, str]:
        return {"S": user_key(user_id)}

    def _query_partition(self, user_id: str, *, keys_only: bool = False) -> Iterator[Any]:
        """Every item of the user's partition, one page at a time."""
        names = {"#pk": PARTITION_KEY}
        kwargs: dict[str, Any] = {"ConsistentRead": True}
        if self._page_size:
            kwargs["Limit"] = self._page_size
        if keys_only:
            names["#sk"] = SORT_KEY
            kwargs["ProjectionExpression"] = "#pk, #sk"
        while True:
            page = self._client.query(
                TableName=self._table,
                KeyConditionExpression="#pk = :pk",
                ExpressionAttributeNames=names,
                ExpressionAttributeValues={":pk": self._pk(user_id)},
                **kwargs,
            )
            yield from page.get("Items", ())
            last = page.get("LastEvaluatedKey")
            if not last:
                return
            kwargs["ExclusiveStartKey"] = last

    def load(self, user_id: str) -> UserProgress:
        with _unavailable_on_failure("load"):
            page = self._client.query(
                TableName=self._table,
                KeyConditionExpression="#pk = :pk AND #sk >= :day",
                ExpressionAttributeNames={"#pk": PARTITION_KEY, "#sk": SORT_KEY},
                ExpressionAttributeValues={":pk": self._pk(user_id), ":day": {"S": DAY_PREFIX}},
                ScanIndexForward=False,
                Limit=LOADED_DAYS + 1,
                ConsistentRead=True,
            )
            items = page.get("Items", [])
            days = [item for item in items if item[SORT_KEY]["S"] != PROFILE_SK][:LOADED_DAYS]
            if days and RUN_START_ATTR not in days[0]:
                return self._load_everything(user_id)
        profile = [item for item in items[:1] if item[SORT_KEY]["S"] == PROFILE_SK]
        progress = _progress_from_items([*profile, *days])
        if days:
            summary = _summary_from_item(days[0])
            progress = progress._replace(
                first_active=summary.first_active,
                run_start=summary.run_start,
                first_routine=summary.first_routine,
            )
        return progress

    def _load_everything(self, user_id: str) -> UserProgress:
        """The whole partition (items without a summary); stores the summary it computes on the
        latest day item, so the next load is bounded again."""
        progress = _progress_from_items(list(self._query_partition(user_id)))
        summary = summarize(progress)
        if summary is not None:
            names, values, update = _summary_update(summary)
            self._client.update_item(
                TableName=self._table,
                Key={
                    PARTITION_KEY: self._pk(user_id),
                    SORT_KEY: {"S": DAY_PREFIX + progress.days[-1].local_date.isoformat()},
                },
                UpdateExpression="SET " + update,
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=values,
            )
            log.info("dynamodb: stored the history summary of %d days", len(progress.days))
        return progress

    def record(self, user_id: str, completion: Completion) -> bool:
        tag = completion_tag(completion)
        names = {"#move": completion.move.value, "#done": DONE_ATTR}
        values: dict[str, Any] = {
            ":reps": _number(reps_of(completion)),
            ":tags": {"SS": [tag]},
            ":tag": {"S": tag},
        }
        names_, values_, sets = _account_clause(user_id)
        names |= names_
        values |= values_
        if (zone := completion.time_zone) is not None:
            sets.append("#tz = :tz, #tzc = :tzc")
            names |= {"#tz": ZONE_ATTR, "#tzc": ZONE_CONFIRMED_ATTR}
            values |= {
                ":tz": {"S": zone.name},
                ":tzc": _number(int(zone.confirmed_at.timestamp())),
            }
        if completion.history is not None:
            more_names, more_values, clauses = _summary_update(completion.history)
            sets.append(clauses)
            names |= more_names
            values |= more_values
        update = "ADD #move :reps, #done :tags" + (" SET " + ", ".join(sets) if sets else "")
        with _unavailable_on_failure("record"):
            try:
                self._client.update_item(
                    TableName=self._table,
                    Key={
                        PARTITION_KEY: self._pk(user_id),
                        SORT_KEY: {"S": DAY_PREFIX + completion.local_date.isoformat()},
                    },
                    UpdateExpression=update,
                    ConditionExpression="attribute_not_exists(#done) OR NOT contains(#done, :tag)",
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=values,
                )
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                    return False
                raise
        return True

    def update_profile(self, user_id: str, update: ProfileUpdate) -> None:
        values: dict[str, Mapping[str, str]] = {}
        if update.age is not None:
            values["age"] = _number(update.age)
        if update.tempo is not None:
            values["tempo"] = _number(update.tempo)
        for move, delta in (update.dose_adjustments or {}).items():
            values[ADJUSTMENT_PREFIX + move.value] = _number(delta)
        if update.style is not None:
            values["style"] = {"S": update.style.value}
        if update.style_offered is not None:
            values["so"] = {"S": update.style_offered.isoformat()}
        if update.paused is not None:
            values[PAUSED_ATTR] = {"S": update.paused.encode()}
        removing = update.unpause and update.paused is None
        if not values and not removing:
            return
        names = {f"#a{i}": name for i, name in enumerate(values)}
        account_names, account_values, account_set = _account_clause(user_id)
        sets = [f"{n} = :v{i}" for i, n in enumerate(names)] + account_set
        clauses = ["SET " + ", ".join(sets)] if sets else []
        if removing:
            names["#p"] = PAUSED_ATTR
            clauses.append("REMOVE #p")
        expression_values = {
            f":v{i}": value for i, value in enumerate(values.values())
        } | account_values
        extra: dict[str, Any] = (
            {"ExpressionAttributeValues": expression_values} if expression_values else {}
        )
        with _unavailable_on_failure("update_profile"):
            self._client.update_item(
                TableName=self._table,
                Key={PARTITION_KEY: self._pk(user_id), SORT_KEY: {"S": PROFILE_SK}},
                UpdateExpression=" ".join(clauses),
                ExpressionAttributeNames=names | account_names,
                **extra,
            )

    def delete_user(self, user_id: str) -> None:
        with _unavailable_on_failure("delete_user"):
            keys = [
                {PARTITION_KEY: item[PARTITION_KEY], SORT_KEY: item[SORT_KEY]}
                for item in self._query_partition(user_id, keys_only=True)
            ]
            self._delete_keys(keys)

    def delete_account(self, account_id: str) -> None:
        with _unavailable_on_failure("delete_account"):
            keys = [
                {PARTITION_KEY: item[PARTITION_KEY], SORT_KEY: item[SORT_KEY]}
                for item in self._query_partition(account_id, keys_only=True)
            ]
            keys += [
                {PARTITION_KEY: item[PARTITION_KEY], SORT_KEY: item[SORT_KEY]}
                for item in self._query_persons(account_id)
            ]
            self._delete_keys(keys)

    def _query_persons(self, account_id: str) -> Iterator[Any]:
        """The keys of every person's items on the account (index `by_account`; an index is
        read eventually consistent: a write in the last moment before a deletion may be
        missed, and a person's next write would file it again)."""
        kwargs: dict[str, Any] = {}
        if self._page_size:
            kwargs["Limit"] = self._page_size
        while True:
            page = self._client.query(
                TableName=self._table,
                IndexName=ACCOUNT_INDEX,
                KeyConditionExpression="#acct = :acct",
                ExpressionAttributeNames={"#acct": ACCOUNT_ATTR},
                ExpressionAttributeValues={":acct": {"S": user_key(account_id)}},
                **kwargs,
            )
            yield from page.get("Items", ())
            last = page.get("LastEvaluatedKey")
            if not last:
                return
            kwargs["ExclusiveStartKey"] = last

    def _delete_keys(self, keys: list[dict[str, Any]]) -> None:
        for start in range(0, len(keys), BATCH_SIZE):
            self._delete_batch(keys[start : start + BATCH_SIZE])

    def _delete_batch(self, keys: list[dict[str, Any]]) -> None:
        requests: list[Any] = [{"DeleteRequest": {"Key": key}} for key in keys]
        for attempt in range(5):
            result = self._client.batch_write_item(RequestItems={self._table: requests})
            requests = list(result.get("UnprocessedItems", {}).get(self._table, ()))
            if not requests:
                return
            self._sleep(0.05 * 2**attempt)
        raise StoreUnavailableError(f"dynamodb delete_user: {len(requests)} items unprocessed")


def _progress_from_items(items: list[Any]) -> UserProgress:
    """The profile, day totals and latest-confirmed zone of a user's items (any order)."""
    profile = Profile()
    days: list[DayTotal] = []
    zones: list[tuple[int, str, str]] = []  # (confirmed, sort key, zone)
    for item in items:
        sk = item[SORT_KEY]["S"]
        if sk == PROFILE_SK:
            profile = _profile_from_item(item)
        elif sk.startswith(DAY_PREFIX):
            reps = {m: int(item[m.value]["N"]) for m in MoveId if m.value in item}
            days.append(DayTotal(date.fromisoformat(sk.removeprefix(DAY_PREFIX)), reps))
            if ZONE_ATTR in item and ZONE_CONFIRMED_ATTR in item:
                confirmed = int(item[ZONE_CONFIRMED_ATTR]["N"])
                zones.append((confirmed, sk, item[ZONE_ATTR]["S"]))
    days.sort(key=lambda d: d.local_date)
    zone = None
    if zones:
        confirmed, _, name = max(zones)
        zone = KnownZone(name, datetime.fromtimestamp(confirmed, UTC))
    return UserProgress(
        profile=profile,
        first_active=days[0].local_date if days else None,
        days=tuple(days),
        time_zone=zone,
    )


def _summary_update(
    summary: HistorySummary,
) -> tuple[dict[str, str], dict[str, Any], str]:
    """Names, values and the SET clauses that store a HistorySummary on a day item."""
    fields = {
        FIRST_ACTIVE_ATTR: summary.first_active,
        RUN_START_ATTR: summary.run_start,
        FIRST_ROUTINE_ATTR: summary.first_routine,
    }
    names = {f"#{name}": name for name, day in fields.items() if day is not None}
    values = {f":{name}": {"S": day.isoformat()} for name, day in fields.items() if day}
    return names, values, ", ".join(f"#{name} = :{name}" for name in fields if fields[name])


def _summary_from_item(item: Mapping[str, Any]) -> HistorySummary:
    first_routine = item.get(FIRST_ROUTINE_ATTR)
    return HistorySummary(
        first_active=date.fromisoformat(item[FIRST_ACTIVE_ATTR]["S"]),
        run_start=date.fromisoformat(item[RUN_START_ATTR]["S"]),
        first_routine=date.fromisoformat(first_routine["S"]) if first_routine else None,
    )


def _profile_from_item(item: Mapping[str, Any]) -> Profile:
    adjustments = {
        m: int(item[ADJUSTMENT_PREFIX + m.value]["N"])
        for m in MoveId
        if ADJUSTMENT_PREFIX + m.value in item
    }
    return Profile(
        age=int(item["age"]["N"]) if "age" in item else None,
        tempo=float(item["tempo"]["N"]) if "tempo" in item else 1.0,
        dose_adjustments=adjustments,
        style=Style(item["style"]["S"]) if "style" in item else Style.STANDARD,
        style_offered=date.fromisoformat(item["so"]["S"]) if "so" in item else None,
        paused=PausedPosition.decode(item[PAUSED_ATTR]["S"]) if PAUSED_ATTR in item else None,
    )
