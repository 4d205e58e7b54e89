"""Models <-> JSON, the one place both the server and ``HttpCenter`` agree on.

Generic over the frozen dataclasses of ``motcua.queue.models`` and ``motcua.config``
(driven by their type hints), so a field added to a model travels over HTTP without
touching this module. Datetimes go out as ISO 8601 with their zone, dates as
``YYYY-MM-DD``, enums by value, tuples as lists; unknown keys are ignored on the way
in so an older client keeps working against a newer server.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


class DecodeError(ValueError):
    """JSON that does not fit the model it should describe."""


def dump(obj: Any) -> Any:
    """A JSON-ready structure (dicts, lists, str, int, float, bool, None)."""
    if isinstance(obj, Enum):  # before str: StrEnum members are str too
        return obj.value
    if obj is None or isinstance(obj, str | int | float):
        return obj
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    names = _field_names(type(obj))
    if names is not None:
        return {name: dump(getattr(obj, name)) for name in names}
    if isinstance(obj, list | tuple | set | frozenset):
        return [dump(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): dump(v) for k, v in obj.items()}
    raise TypeError(f"cannot encode {type(obj).__name__}")


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The dataclass's field names (None for other types), looked up once per class."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = (
            tuple(f.name for f in dataclasses.fields(cls))
            if dataclasses.is_dataclass(cls)
            else None
        )
        _FIELD_NAMES[cls] = names
        return names


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def load(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from what ``dump`` produced."""
    try:
        return _load(tp, data)
    except DecodeError:
        raise
    except (TypeError, ValueError, KeyError) as exc:
        raise DecodeError(f"cannot decode {tp!r}: {exc}") from exc


def _load(tp: Any, data: Any) -> Any:
    if tp is Any:
        return data
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(tp)
        if data is None:
            if type(None) in args:
                return None
            raise DecodeError(f"null is not a {tp!r}")
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _load(arg, data)
            except (DecodeError, TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise DecodeError("; ".join(errors))
    if origin is typing.Literal:
        if data not in typing.get_args(tp):
            raise DecodeError(f"{data!r} is not one of {typing.get_args(tp)}")
        return data
    if origin in (tuple, list):
        if not isinstance(data, list | tuple):
            raise DecodeError(f"expected a list, got {type(data).__name__}")
        args = typing.get_args(tp)
        item = args[0] if args else Any
        items = [_load(item, x) for x in data]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        if not isinstance(data, dict):
            raise DecodeError(f"expected an object, got {type(data).__name__}")
        return dict(data)
    if tp is dict:
        if not isinstance(data, dict):
            raise DecodeError(f"expected an object, got {type(data).__name__}")
        return dict(data)
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            if not isinstance(data, dict):
                raise DecodeError(f"expected an object for {tp.__name__}")
            hints = _hints(tp)
            kwargs = {
                f.name: _load(hints[f.name], data[f.name])
                for f in dataclasses.fields(tp)
                if f.name in data and f.init
            }
            return tp(**kwargs)
        if issubclass(tp, Enum):
            return tp(data)
        if tp is datetime:
            if not isinstance(data, str):
                raise DecodeError("expected an ISO datetime string")
            value = datetime.fromisoformat(data)
            if value.tzinfo is None:
                raise DecodeError(f"datetime without a zone: {data!r}")
            return value
        if tp is date:
            if not isinstance(data, str):
                raise DecodeError("expected an ISO date string")
            return date.fromisoformat(data)
        if tp is bool:
            if not isinstance(data, bool):
                raise DecodeError(f"expected a boolean, got {data!r}")
            return data
        if tp is int:
            if isinstance(data, bool) or not isinstance(data, int):
                raise DecodeError(f"expected an integer, got {data!r}")
            return data
        if tp is float:
            if isinstance(data, bool) or not isinstance(data, int | float):
                raise DecodeError(f"expected a number, got {data!r}")
            return float(data)
        if tp is str:
            if not isinstance(data, str):
                raise DecodeError(f"expected a string, got {data!r}")
            return data
    raise DecodeError(f"unsupported type {tp!r}")


def load_as(cls: type[T], data: Any) -> T:
    """``load`` with a precise return type for the common dataclass case."""
    return typing.cast(T, load(cls, data))
