"""The SDK's DefaultSerializer, with its reflection done once per model class instead of per value.

The SDK's serializer re-reads every model class's type strings, re-imports the class by name and
re-parses every timestamp with dateutil on every request: over a third of a warm turn (bench/).
`FastSerializer` compiles each type string into a decoder once and keeps it, parses ISO 8601
timestamps with the standard library (dateutil stays the fallback for anything else), and keeps
the SDK's results exactly: the same model objects, the same errors (SerializationException) and
the same JSON out. tests/voice/test_serializer.py holds it to the SDK's output on every recorded
event and on fuzzed ones.
"""

from __future__ import annotations

import decimal
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.request_envelope import RequestEnvelope
from dateutil import parser as dateutil_parser  # type: ignore[import-untyped]

Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]

_LIST = re.compile(r"list\[(.*)\]")
_DICT = re.compile(r"dict\(([^,]*), (.*)\)")
_PRIMITIVES: dict[str, type] = {"int": int, "long": int, "float": float, "str": str, "bool": bool}


class FastSerializer(DefaultSerializer):
    """Drop-in for `DefaultSerializer` (CustomSkill.serializer), compiled per type."""

    def __init__(self) -> None:
        self._decoders: dict[object, Decoder] = {}
        self._classes: dict[str, type] = {}
        self._fields: dict[type, tuple[tuple[str, str], ...]] = {}
        self._encoders: dict[type, Encoder] = {
            str: _same,
            int: _same,
            float: _same,
            bool: _same,
            bytes: _same,
            list: self._encode_list,
            dict: self._encode_dict,
        }

    # -- in ------------------------------------------------------------------------------------

    def deserialize(self, payload: str | None, obj_type: Any) -> Any:
        if payload is None:
            return None
        try:
            data = json.loads(payload)
        except Exception as exc:
            raise SerializationException(f"Couldn't parse response body: {payload}") from exc
        return self.deserialize_data(data, obj_type)

    def deserialize_data(self, data: Any, obj_type: Any) -> Any:
        """Like `deserialize`, from JSON already parsed (a Lambda event is a dict already).

        Values typed `object` (session attributes, for one) are `data`'s own objects, as after
        `json.loads` they would be the fresh parse's: the SDK deep-copies session attributes
        before handlers see them, and nothing here writes to the event.
        """
        try:
            return self._decoder(obj_type)(data)
        except SerializationException:
            raise
        except Exception as exc:  # the SDK wraps every failure inside a model the same way
            raise SerializationException(str(exc)) from exc

    def _decoder(self, obj_type: object) -> Decoder:
        decoder = self._decoders.get(obj_type)
        if decoder is None:
            decoder = self._decoders[obj_type] = self._compile(obj_type)
        return decoder

    def _compile(self, obj_type: object) -> Decoder:
        if isinstance(obj_type, str):
            if obj_type.startswith("list["):
                return self._compile_list(obj_type)
            if obj_type.startswith("dict("):
                return self._compile_dict(obj_type)
            if obj_type in _PRIMITIVES:
                return _primitive(_PRIMITIVES[obj_type])
            if obj_type == "object":
                return _same
            if obj_type in ("date", "datetime"):
                return _timestamp(date if obj_type == "date" else datetime)
            obj_type = self._load_class(obj_type)
        if obj_type in (int, float, str, bool, bytes):
            return _primitive(obj_type)
        if obj_type is object:
            return _same
        if obj_type in (date, datetime):
            return _timestamp(obj_type)
        assert isinstance(obj_type, type)
        return self._compile_model(obj_type)

    def _compile_list(self, obj_type: str) -> Decoder:
        match = _LIST.match(obj_type)
        if match is None:
            return lambda _: []
        inner = match.group(1)
        if "," in inner:  # a tuple-like list: one type per position
            decoders = [self._lazy(t.strip()) for t in inner.split(",")]
            return lambda data: [d(v) for v, d in zip(data, decoders, strict=False)]
        item = self._lazy(inner.strip())
        return lambda data: None if data is None else [item(v) for v in data]

    def _compile_dict(self, obj_type: str) -> Decoder:
        match = _DICT.match(obj_type)
        if match is None:
            return lambda _: {}
        value = self._lazy(match.group(2))
        if match.group(2) == "object":
            return lambda data: None if data is None else dict(data.items())
        return lambda data: None if data is None else {k: value(v) for k, v in data.items()}

    def _lazy(self, obj_type: str) -> Decoder:
        """A decoder compiled on first use: model classes refer to each other (and themselves)."""
        decoder: list[Decoder] = []

        def decode(data: Any) -> Any:
            if data is None:
                return None
            if not decoder:
                decoder.append(self._decoder(obj_type))
            return decoder[0](data)

        return decode

    def _compile_model(self, cls: type) -> Decoder:
        if issubclass(cls, Enum):
            return lambda data: None if data is None else cls(data)
        if not hasattr(cls, "deserialized_types"):
            return _same
        if hasattr(cls, "get_real_child_model"):
            return self._compile_polymorphic(cls)
        return self._fields_decoder(cls)

    def _compile_polymorphic(self, base: type) -> Decoder:
        """The class named by the payload's discriminator, then its fields (as the SDK does: it
        asks once, even though the child class inherits the question)."""
        plain: dict[type, Decoder] = {}

        def decode(data: Any) -> Any:
            if data is None:
                return None
            name = base.get_real_child_model(data)  # type: ignore[attr-defined]
            if not name:
                raise SerializationException(
                    f"Couldn't resolve object by discriminator type for {base} class"
                )
            child = self._load_class(name)
            decoder = plain.get(child)
            if decoder is None:
                decoder = plain[child] = self._fields_decoder(child)
            return decoder(data)

        return decode

    def _fields_decoder(self, cls: type) -> Decoder:
        fields = [
            (attr, key, self._lazy(cls.deserialized_types[attr]))  # type: ignore[attr-defined]
            for attr, key in _json_names(cls).items()
        ]
        known = {key for _, key, _ in fields}

        def decode(data: Any) -> Any:
            if data is None:
                return None
            model = cls()
            for attr, key, field in fields:
                if key in data:
                    setattr(model, attr, field(data[key]))
            for key in data:
                if key not in known:  # the SDK keeps what the model does not know, as is
                    setattr(model, key, data[key])
            return model

        return decode

    def _load_class(self, name: str) -> type:
        cls = self._classes.get(name)
        if cls is None:
            module, _, attr = name.rpartition(".")
            try:
                cls = getattr(__import__(module, fromlist=[attr]), attr)
            except Exception as exc:
                raise SerializationException(
                    f"Unable to resolve class {name} from installed modules: {exc}"
                ) from exc
            assert isinstance(cls, type)
            self._classes[name] = cls
        return cls

    # -- out -----------------------------------------------------------------------------------

    def serialize(self, obj: Any) -> Any:
        if obj is None:
            return None
        encoder = self._encoders.get(type(obj))
        if encoder is not None:
            return encoder(obj)
        # The SDK's order of checks, for subclasses (a StrEnum is a str first, an Enum second).
        if isinstance(obj, self.PRIMITIVE_TYPES):
            return obj
        if isinstance(obj, list):
            return self._encode_list(obj)
        if isinstance(obj, tuple):
            return tuple(self.serialize(v) for v in obj)
        if isinstance(obj, (datetime, date)):
            return obj.isoformat()
        if isinstance(obj, Enum):
            return obj.value
        if isinstance(obj, decimal.Decimal):
            return int(obj) if obj % 1 == 0 else float(obj)
        if isinstance(obj, dict):
            return self._encode_dict(obj)
        return self._encode_model(obj)

    def _encode_list(self, obj: list[Any]) -> list[Any]:
        return [self.serialize(v) for v in obj]

    def _encode_dict(self, obj: dict[Any, Any]) -> dict[Any, Any]:
        return {k: self.serialize(v) for k, v in obj.items()}

    def _encode_model(self, obj: Any) -> Any:
        cls = type(obj)
        fields = self._fields.get(cls)
        if fields is None:
            if not hasattr(cls, "deserialized_types"):
                # A plain object: the SDK's own path (it reads the instance's own attributes).
                return super().serialize(obj)
            names = _json_names(cls)
            fields = self._fields[cls] = tuple((a, names[a]) for a in cls.deserialized_types)
            self._encoders[cls] = self._encode_model  # skip the isinstance checks next time
        out: dict[str, Any] = {}
        for attr, key in fields:
            value = getattr(obj, attr)
            if value is not None:
                out[key] = self.serialize(value)
        return out


def request_envelope(
    serializer: DefaultSerializer, data: dict[str, Any], text: str | None = None
) -> Any:
    """A request as the SDK's model, from its parsed JSON `data` (and its `text` when at hand),
    with any skill's serializer: ours reads the dict as it is, the SDK's wants JSON text."""
    if isinstance(serializer, FastSerializer):
        return serializer.deserialize_data(data, RequestEnvelope)
    return serializer.deserialize(json.dumps(data) if text is None else text, RequestEnvelope)


def _json_names(model: type) -> dict[str, str]:
    """Attribute name to JSON key, for every attribute the model declares (the SDK's rule)."""
    names: dict[str, str] = dict(getattr(model, "attribute_map", {}))
    for attr in model.deserialized_types:  # type: ignore[attr-defined]
        names.setdefault(attr, attr)
    return names


def _same(data: Any) -> Any:
    return data


def _primitive(kind: type) -> Decoder:
    """The SDK's cast: `kind(data)`, data itself when it cannot be cast, an error when invalid."""

    def decode(data: Any) -> Any:
        if data is None:
            return None
        if type(data) is kind:
            return data
        try:
            return kind(data)
        except UnicodeEncodeError:
            return str(data)
        except TypeError:
            return data
        except ValueError as exc:
            raise SerializationException(
                f"Failed to parse {data} into '{kind.__name__}' object"
            ) from exc

    return decode


def _timestamp(kind: type[date]) -> Decoder:
    """ISO 8601 by the standard library; dateutil (the SDK's parser) for anything else."""

    def decode(data: Any) -> Any:
        if data is None:
            return None
        try:
            parsed = datetime.fromisoformat(data)
        except (TypeError, ValueError):
            try:
                parsed = dateutil_parser.parse(data)
            except ValueError as exc:
                raise SerializationException(
                    f"Failed to parse {data} into '{kind.__name__}' object"
                ) from exc
        return parsed.date() if kind is date else parsed

    return decode
