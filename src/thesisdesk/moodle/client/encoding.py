"""Moodle's REST wire format: PHP-bracket form fields, 0/1 booleans, integer timestamps.

`flatten({"courses": [{"fullname": "X", "visible": True}]})` gives
`[("courses[0][fullname]", "X"), ("courses[0][visible]", "1")]`. `None` values and empty
lists are left out (Moodle cannot receive either: leaving the key out means "not given").
Pydantic models are dumped without their unset or `None` fields.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Any

from pydantic import BaseModel

Fields = list[tuple[str, str]]


def encode_value(value: Any) -> str:
    """One scalar as Moodle expects it on the wire."""
    # bool before int: bool is an int subclass.
    if value is True:
        return "1"
    if value is False:
        return "0"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(
                f"Naive datetime {value.isoformat()} sent to Moodle: give it a time zone"
            )
        return str(int(value.timestamp()))
    if isinstance(value, date):
        # A bare date means its midnight in UTC; callers wanting local midnight pass a datetime.
        return str(int(datetime.combine(value, time(0), tzinfo=UTC).timestamp()))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Enum):
        return encode_value(value.value)
    raise TypeError(f"Cannot send a {type(value).__name__} to Moodle: {value!r}")


def _iter_fields(prefix: str, value: Any) -> Iterator[tuple[str, str]]:
    if value is None:
        return
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True)
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _iter_fields(f"{prefix}[{key}]", item)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _iter_fields(f"{prefix}[{index}]", item)
    else:
        yield prefix, encode_value(value)


def flatten(params: Mapping[str, Any]) -> Fields:
    """Top-level parameters as PHP-bracket form fields, in order."""
    fields: Fields = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, BaseModel):
            value = value.model_dump(exclude_none=True)
        if isinstance(value, Mapping):
            for sub, item in value.items():
                fields.extend(_iter_fields(f"{key}[{sub}]", item))
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                fields.extend(_iter_fields(f"{key}[{index}]", item))
        else:
            fields.append((key, encode_value(value)))
    return fields


def count_fields(value: Any) -> int:
    """How many form fields `value` becomes once flattened."""
    if value is None:
        return 0
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True)
    if isinstance(value, Mapping):
        return sum(count_fields(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return sum(count_fields(item) for item in value)
    return 1


def split_batches(
    params: Mapping[str, Any], *, max_fields: int, reserved: int = 3
) -> list[dict[str, Any]]:
    """Split a call whose fields would exceed `max_fields` into several calls.

    The batch is the longest top-level list; other top-level lists of the same length are
    split with it (parallel lists such as mod_assign_save_user_extensions' userids and
    dates); everything else is repeated in each call. `reserved` counts wstoken, wsfunction
    and moodlewsrestformat. Raises ValueError when a single item is already too big.
    """
    total = count_fields(params) + reserved
    if total <= max_fields:
        return [dict(params)]
    lists = {
        key: list(value)
        for key, value in params.items()
        if isinstance(value, (list, tuple)) and len(value) > 1
    }
    if not lists:
        raise ValueError(
            f"A call of {total} form fields exceeds max_input_vars={max_fields} and has no "
            "list to split"
        )
    length = max(len(value) for value in lists.values())
    batch_keys = [key for key, value in lists.items() if len(value) == length]
    fixed = {key: value for key, value in params.items() if key not in batch_keys}
    budget = max_fields - reserved - count_fields(fixed)
    calls: list[dict[str, Any]] = []
    start = 0
    while start < length:
        used = 0
        end = start
        while end < length:
            cost = sum(count_fields(lists[key][end]) for key in batch_keys)
            if used + cost > budget:
                break
            used += cost
            end += 1
        if end == start:
            raise ValueError(
                f"One item of {', '.join(batch_keys)} needs more form fields than "
                f"max_input_vars={max_fields} allows"
            )
        call = dict(fixed)
        for key in batch_keys:
            call[key] = lists[key][start:end]
        calls.append(call)
        start = end
    return calls


def merge_results(results: Sequence[Any]) -> Any:
    """One answer from the answers of a split call: lists are concatenated, objects merged
    key by key (lists concatenated, other values from the first answer)."""
    if len(results) == 1:
        return results[0]
    first = results[0]
    if first is None:
        return None
    if isinstance(first, list):
        merged: list[Any] = []
        for result in results:
            merged.extend(result or [])
        return merged
    if isinstance(first, dict):
        out: dict[str, Any] = {}
        for result in results:
            for key, value in (result or {}).items():
                if isinstance(value, list) and isinstance(out.get(key), list):
                    out[key] = out[key] + value
                elif key not in out:
                    out[key] = value
        return out
    return first


def decode_json(text: str | bytes) -> Any:
    return json.loads(text)
