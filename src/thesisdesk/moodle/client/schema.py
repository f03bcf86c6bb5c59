"""Check a value against one of Moodle's descriptions (the catalogue's `parameters` and
`returns` nodes: kind value / single_structure / multiple_structure).

Two uses:
- `returns_problems(value, node)`: does an answer have the shape Moodle promises? (the
  contract suite checks every answer of the simulator and of real sites with it);
- `params_problems(params, node)`: would Moodle accept these parameters? Moodle answers
  every refusal with the same "Invalid parameter value detected", so the client checks
  first and names the faulty field.

Both return a list of problems, each "path: what is wrong"; an empty list means valid.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

_INT_TEXT = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_FLOAT_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\Z")

REQUIRED = "VALUE_REQUIRED"


def _scalar_problem_return(value: Any, ptype: str) -> str | None:
    """Problem with a scalar answer value, or None. Moodle's clean_returnvalue lets int-like
    strings through for PARAM_INT ("userid": "2") and 0/1 for PARAM_BOOL."""
    if isinstance(value, (dict, list)):
        return f"expected a {ptype} value, got a {type(value).__name__}"
    if ptype == "PARAM_INT":
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and _INT_TEXT.match(value))
        ):
            return f"expected an integer, got {value!r}"
    elif ptype == "PARAM_BOOL":
        if value not in (True, False, 0, 1, "0", "1", ""):
            return f"expected a boolean, got {value!r}"
    elif ptype == "PARAM_FLOAT" and not _is_number(value):
        return f"expected a number, got {value!r}"
    return None


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or bool(
        isinstance(value, str) and _FLOAT_TEXT.match(value)
    )


def returns_problems(value: Any, node: Mapping[str, Any] | None, path: str = "") -> list[str]:
    """Problems of an answer `value` against a `returns` description."""
    problems: list[str] = []
    if node is None:
        if value is not None:
            problems.append(f"{path or '<answer>'}: expected null, got {type(value).__name__}")
        return problems
    _check_return(value, node, path or "<answer>", problems)
    return problems


def _check_return(value: Any, node: Mapping[str, Any], path: str, problems: list[str]) -> None:
    kind = node["kind"]
    if value is None:
        if kind == "value" and node.get("allownull", True):
            return
        if kind != "value" and node.get("required") != REQUIRED:
            return
        problems.append(f"{path}: null where a {kind} is required")
        return
    if kind == "value":
        problem = _scalar_problem_return(value, node.get("type", "PARAM_RAW"))
        if problem:
            problems.append(f"{path}: {problem}")
    elif kind == "single_structure":
        if isinstance(value, list) and not value:
            value = {}  # PHP's json_encode writes an empty object as []
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object, got {type(value).__name__}")
            return
        keys: Mapping[str, Any] = node.get("keys", {})
        for name, sub in keys.items():
            if name in value:
                _check_return(value[name], sub, f"{path}.{name}", problems)
            elif sub.get("required") == REQUIRED:
                problems.append(f"{path}.{name}: required key missing")
        for name in value:
            if name not in keys:
                problems.append(f"{path}.{name}: key not in the description")
    elif kind == "multiple_structure":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        for index, item in enumerate(value):
            _check_return(item, node["content"], f"{path}[{index}]", problems)


def _scalar_problem_param(value: Any, ptype: str) -> str | None:
    """Problem with a parameter scalar, as Moodle's validate_parameters would see it."""
    if isinstance(value, (dict, list, tuple)):
        return f"expected a single value, got a {type(value).__name__}"
    if isinstance(value, (datetime, date)):
        return None if ptype == "PARAM_INT" else f"a date is only valid for PARAM_INT ({ptype})"
    if ptype == "PARAM_INT":
        if isinstance(value, bool):
            return None  # sent as 0/1, which Moodle accepts
        if isinstance(value, int):
            return None
        if isinstance(value, str) and _INT_TEXT.match(value):
            return None
        return f"expected an integer, got {value!r}"
    if ptype == "PARAM_BOOL":
        if value in (True, False, 0, 1, "0", "1"):
            return None
        return f"expected a boolean (0/1), got {value!r}"
    if ptype == "PARAM_FLOAT":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return None
        if isinstance(value, str) and _FLOAT_TEXT.match(value):
            return None
        return f"expected a number, got {value!r}"
    if not isinstance(value, (str, int, float)):
        return f"expected text, got a {type(value).__name__}"
    return None


def params_problems(params: Mapping[str, Any], node: Mapping[str, Any]) -> list[str]:
    """Problems of top-level `params` against a function's `parameters` description."""
    problems: list[str] = []
    _check_param(params, node, "", problems)
    return problems


def _check_param(value: Any, node: Mapping[str, Any], path: str, problems: list[str]) -> None:
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True)
    kind = node["kind"]
    if kind == "value":
        problem = _scalar_problem_param(value, node.get("type", "PARAM_RAW"))
        if problem:
            problems.append(f"{path}: {problem}")
    elif kind == "single_structure":
        if not isinstance(value, Mapping):
            problems.append(f"{path or '<parameters>'}: expected an object")
            return
        keys: Mapping[str, Any] = node.get("keys", {})
        for name, sub in keys.items():
            item = value.get(name)
            if item is None or (isinstance(item, (list, tuple)) and not item):
                if sub.get("required") == REQUIRED:
                    what = "an empty list" if item is not None else "missing"
                    problems.append(f"{_join(path, name)}: required, {what}")
                continue
            _check_param(item, sub, _join(path, name), problems)
        for name in value:
            if name not in keys:
                problems.append(f"{_join(path, name)}: unknown key")
    elif kind == "multiple_structure":
        if not isinstance(value, (list, tuple)):
            problems.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        content = node["content"]
        for index, item in enumerate(value):
            if item is None:
                problems.append(f"{path}[{index}]: null item")
                continue
            _check_param(item, content, f"{path}[{index}]", problems)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
