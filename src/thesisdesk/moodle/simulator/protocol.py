"""Moodle's wire protocol, as the simulator speaks it.

- `php_json`: PHP's `json_encode` output (compact, `\\/`, every non-ASCII character as
  `\\uXXXX`), so bodies match real Moodle byte for byte where practical.
- `decode_php_form`: PHP's `$_POST` decoding of bracketed names (`a[0][b]=1`), with
  `max_input_vars` honoured the way PHP does it (fields beyond the limit are dropped).
- `validate`: Moodle's `external_api::validate_parameters` driven by the catalogue
  descriptions (kind / type / required / default / keys / content).
- `MoodleException` and the envelopes REST, login/token.php and pluginfile use for errors.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import parse_qsl


# --------------------------------------------------------------------------- JSON
class _PhpFloat(float):
    """A float that prints like PHP (serialize_precision=-1): `4.3e-5`, `1.0`."""

    def __repr__(self) -> str:
        text = float.__repr__(self)
        if "e" in text:
            mantissa, exponent = text.split("e")
            text = (
                f"{mantissa}e{int(exponent)}"
                if int(exponent) < 0
                else f"{mantissa}e+{int(exponent)}"
            )
        return text


def _has_float(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isnan(value)
    if isinstance(value, dict):
        return any(_has_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_float(item) for item in value)
    return False


def php_json(value: Any) -> str:
    """`json_encode($value)` as PHP writes it."""
    if _has_float(value):
        text = _render_floats(value)
    else:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=True)
    return text.replace("/", "\\/")


def _render_floats(value: Any) -> str:
    if isinstance(value, float):
        return repr(_PhpFloat(value))
    if isinstance(value, dict):
        inner = ",".join(
            json.dumps(str(key), ensure_ascii=True) + ":" + _render_floats(item)
            for key, item in value.items()
        )
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ",".join(_render_floats(item) for item in value) + "]"
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True)


# --------------------------------------------------------------------------- forms
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def split_php_name(name: str) -> list[str] | None:
    """`a[b][0]` -> ["a", "b", "0"]; `a[]` -> ["a", ""]; None for names PHP would mangle."""
    head_end = name.find("[")
    if head_end == -1:
        return [name]
    head = name[:head_end]
    if not head:
        return None
    parts = [head]
    rest = name[head_end:]
    position = 0
    for match in _BRACKETS.finditer(rest):
        if match.start() != position:
            break
        parts.append(match.group(1))
        position = match.end()
    return parts


def decode_php_form(pairs: list[tuple[str, str]], max_input_vars: int = 5000) -> dict[str, Any]:
    """Decode form pairs the way PHP fills `$_POST`.

    PHP counts every pair against `max_input_vars` and silently drops the rest.
    Nested arrays keep insertion order; `[]` appends the next integer key.
    """
    result: dict[str, Any] = {}
    for count, (name, value) in enumerate(pairs):
        if count >= max_input_vars:
            break
        parts = split_php_name(name)
        if parts is None:
            continue
        node: dict[str, Any] = result
        for depth, part in enumerate(parts):
            last = depth == len(parts) - 1
            key = part
            if key == "" and depth > 0:
                numeric = [int(k) for k in node if _is_php_int(k)]
                key = str(max(numeric) + 1) if numeric else "0"
            if last:
                node[key] = value
            else:
                child = node.get(key)
                if not isinstance(child, dict):
                    child = {}
                    node[key] = child
                node = child
    return result


def _is_php_int(key: str) -> bool:
    return bool(re.fullmatch(r"-?(0|[1-9][0-9]*)", key))


def parse_urlencoded(body: str) -> list[tuple[str, str]]:
    return parse_qsl(body, keep_blank_values=True)


# --------------------------------------------------------------------------- errors
class MoodleException(Exception):
    """An exception as Moodle's REST server reports it."""

    def __init__(self, errorcode: str, message: str, exception: str) -> None:
        super().__init__(message)
        self.errorcode = errorcode
        self.message = message
        self.exception = exception

    def rest_body(self) -> dict[str, Any]:
        return {"exception": self.exception, "errorcode": self.errorcode, "message": self.message}

    def error_body(self) -> dict[str, Any]:
        """The `{"error", "errorcode", ...}` envelope of login/token.php, upload and pluginfile."""
        return {
            "error": self.message,
            "errorcode": self.errorcode,
            "stacktrace": None,
            "debuginfo": None,
            "reproductionlink": None,
        }


MOODLE_EXCEPTION = "core\\exception\\moodle_exception"
INVALID_PARAMETER_EXCEPTION = "core\\exception\\invalid_parameter_exception"
REQUIRED_CAPABILITY_EXCEPTION = "core\\exception\\required_capability_exception"
CODING_EXCEPTION = "core\\exception\\coding_exception"


def moodle_error(errorcode: str, message: str) -> MoodleException:
    return MoodleException(errorcode, message, MOODLE_EXCEPTION)


def invalid_parameter() -> MoodleException:
    return MoodleException(
        "invalidparameter", "Invalid parameter value detected", INVALID_PARAMETER_EXCEPTION
    )


def coding_error(detail: str) -> MoodleException:
    return MoodleException(
        "codingerror",
        f"Coding error detected, it must be fixed by a programmer: {detail}",
        CODING_EXCEPTION,
    )


def access_exception() -> MoodleException:
    return MoodleException(
        "accessexception", "Access control exception", "webservice_access_exception"
    )


def invalid_token() -> MoodleException:
    return moodle_error("invalidtoken", "Invalid token - token not found")


def missing_record(version: str, table: str) -> MoodleException:
    """A missing row: `invalidrecord` naming the table in 4.5, `invalidrecordunknown` in 5.1."""
    if version == "4.5":
        return MoodleException(
            "invalidrecord",
            f"Can't find data record in database table {table}.",
            "dml_missing_record_exception",
        )
    return MoodleException(
        "invalidrecordunknown",
        "Can't find data record in database.",
        "dml_missing_record_exception",
    )


def no_permissions(capability_name: str) -> MoodleException:
    return MoodleException(
        "nopermissions",
        f"Sorry, but you do not currently have permissions to do that ({capability_name}).",
        REQUIRED_CAPABILITY_EXCEPTION,
    )


def no_permission_string() -> MoodleException:
    """mod_assign's refusal: its language string is missing, so the code shows twice."""
    return MoodleException("nopermission", "error/nopermission", REQUIRED_CAPABILITY_EXCEPTION)


# --------------------------------------------------------------------------- validation
_INT = re.compile(r"0|-?[1-9][0-9]*")
_TAG = re.compile(r"<[^\s<>=]")


def _clean_matches(value: str, ptype: str) -> bool:
    """Does `clean_param($value, $type)` give back `$value` unchanged?"""
    if ptype == "PARAM_INT":
        return bool(_INT.fullmatch(value))
    if ptype == "PARAM_BOOL":
        return value in ("0", "1")
    if ptype == "PARAM_ALPHA":
        return bool(re.fullmatch(r"[A-Za-z]*", value))
    if ptype == "PARAM_ALPHANUM":
        return bool(re.fullmatch(r"[A-Za-z0-9]*", value))
    if ptype in ("PARAM_ALPHANUMEXT",):
        return bool(re.fullmatch(r"[A-Za-z0-9_-]*", value))
    if ptype in ("PARAM_TEXT", "PARAM_NOTAGS"):
        return not _TAG.search(value)
    if ptype in ("PARAM_PLUGIN", "PARAM_SAFEDIR"):
        return bool(
            re.fullmatch(r"[a-z0-9_]*" if ptype == "PARAM_PLUGIN" else r"[A-Za-z0-9_-]*", value)
        )
    if ptype == "PARAM_COMPONENT":
        return value == "" or bool(
            re.fullmatch(r"[a-z][a-z0-9]*(_[a-z][a-z0-9_]*)?[a-z0-9]+", value)
        )
    if ptype == "PARAM_CAPABILITY":
        return bool(re.fullmatch(r"[a-z0-9_]+/[a-z0-9_]+:[a-z0-9_]+", value))
    if ptype == "PARAM_PATH":
        return "\\" not in value and "/../" not in value and "\x00" not in value
    if ptype == "PARAM_URL":
        return value == "" or bool(re.fullmatch(r"(https?://|/)[^\s<>\"]*", value))
    return True


def _clean_value(value: str, ptype: str) -> Any:
    if ptype == "PARAM_INT":
        return int(value)
    if ptype == "PARAM_BOOL":
        return value == "1"
    if ptype == "PARAM_FLOAT":
        return float(value)
    return value


_FLOAT = re.compile(r"[+-]?[0-9]*\.?[0-9]*(e[-+]?[0-9]+)?", re.IGNORECASE)


def _validate_value(node: dict[str, Any], value: Any) -> Any:
    if isinstance(value, dict):
        raise invalid_parameter()
    text = str(value)
    ptype = node["type"]
    if ptype == "PARAM_FLOAT":
        if not _FLOAT.fullmatch(text) or text in ("", ".", "+", "-"):
            raise invalid_parameter()
        return float(text)
    if not _clean_matches(text, ptype):
        raise invalid_parameter()
    return _clean_value(text, ptype)


def _default(node: dict[str, Any]) -> Any:
    default = node.get("default")
    if node["kind"] == "value" and isinstance(default, str):
        ptype = node["type"]
        if ptype == "PARAM_INT" and _INT.fullmatch(default):
            return int(default)
        if ptype == "PARAM_BOOL" and default in ("0", "1"):
            return default == "1"
    return default


def _validate_default(node: dict[str, Any]) -> Any:
    """Moodle validates a VALUE_DEFAULT default like a given value (inner defaults apply)."""
    if node["kind"] == "value":
        return _default(node)
    default = node.get("default")
    if node["kind"] == "single_structure":
        return validate(node, default if isinstance(default, dict) else {})
    return default if default else []


def validate(node: dict[str, Any], value: Any) -> Any:
    """Validate decoded form data against a description node; return the cleaned value.

    Raises `invalidparameter` like Moodle does for any shape or type failure.
    """
    kind = node["kind"]
    if kind == "value":
        return _validate_value(node, value)
    if kind == "single_structure":
        if not isinstance(value, dict):
            raise invalid_parameter()
        keys: dict[str, Any] = node["keys"]
        if any(key not in keys for key in value):
            raise invalid_parameter()
        result: dict[str, Any] = {}
        for key, child in keys.items():
            if key in value:
                result[key] = validate(child, value[key])
                continue
            required = child["required"]
            if required == "VALUE_REQUIRED":
                raise invalid_parameter()
            if required == "VALUE_DEFAULT":
                result[key] = _validate_default(child)
        return result
    if kind == "multiple_structure":
        if not isinstance(value, dict):
            raise invalid_parameter()
        return [validate(node["content"], item) for item in value.values()]
    raise ValueError(f"unknown description kind {kind!r}")
