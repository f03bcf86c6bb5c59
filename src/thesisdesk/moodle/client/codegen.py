"""Generate the client's models and typed methods from the function catalogue.

    python -m thesisdesk.moodle.client.codegen        # rewrite models.py and methods.py
    python -m thesisdesk.moodle.client.codegen --check  # exit 1 when they are out of date

Models describe what both Moodle 4.5 and 5.1 send: a key only one version has is optional
(e.g. 5.1's `gradepenalty`), so callers never branch on the version. Naming:

- the prefix is the function name without `core_` / `local_thesisdesk_`, in CamelCase
  (`core_group_create_groups` -> `GroupCreateGroups`, `local_thesisdesk_sync_sections` ->
  `SyncSections`);
- answers: `<Prefix>Result` for an object, `<Prefix>Item` for one element of a list answer,
  then `+ <Key>` for nested objects, singular for list elements (`SyncSectionsResultSection`);
- parameters: `<Prefix>Param<Key>` (`SyncSectionsParamSection`).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from thesisdesk.moodle import catalogue

HERE = Path(__file__).resolve().parent
MODELS_PATH = HERE / "models.py"
METHODS_PATH = HERE / "methods.py"

SCALARS_OUT = {"PARAM_INT": "int", "PARAM_BOOL": "bool", "PARAM_FLOAT": "float"}
SCALARS_IN = {"PARAM_INT": "int", "PARAM_BOOL": "bool", "PARAM_FLOAT": "float"}
TIME_KEYS = {"before", "since", "modified", "dates", "timestart", "timeend"}


def is_time(key: str) -> bool:
    """Parameters that hold Unix times: the client also takes an aware datetime for them."""
    return key in TIME_KEYS or key.endswith("date")


def scalar_in(node: dict[str, Any], key: str) -> str:
    base = SCALARS_IN.get(node.get("type", ""), "str")
    return "int | datetime" if base == "int" and is_time(key) else base


# Functions whose answer is a JSON string holding JSON: the method decodes it again.
JSON_STRING_RESULTS = {"core_courseformat_update_course": "list[CourseStateUpdate]"}


def merged_functions() -> dict[str, dict[str, Any]]:
    """Every catalogued function, its 4.5 and 5.1 descriptions merged (see module doc)."""
    functions: dict[str, dict[str, Any]] = {}
    versions = [catalogue.all_functions(version) for version in catalogue.VERSIONS]
    names = sorted(set().union(*versions))
    for name in names:
        specs = [v[name] for v in versions if name in v]
        merged = json.loads(json.dumps(specs[0]))
        for other in specs[1:]:
            merged["parameters"] = _merge(merged["parameters"], other["parameters"])
            merged["returns"] = _merge(merged["returns"], other["returns"])
        functions[name] = merged
    return functions


def _loosen(node: dict[str, Any]) -> dict[str, Any]:
    node = dict(node)
    node["required"] = "VALUE_OPTIONAL"
    return node


def _merge(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    if a is None or b is None:
        return a if b is None else b
    node = dict(a)
    if a.get("required") != b.get("required"):
        node["required"] = "VALUE_OPTIONAL"
        node["default"] = None
    if a["kind"] == "single_structure" and b["kind"] == "single_structure":
        keys: dict[str, Any] = {}
        for name, sub in a["keys"].items():
            keys[name] = _merge(sub, b["keys"][name]) if name in b["keys"] else _loosen(sub)
        for name, sub in b["keys"].items():
            if name not in keys:
                keys[name] = _loosen(sub)
        node["keys"] = keys
    elif a["kind"] == "multiple_structure" and b["kind"] == "multiple_structure":
        node["content"] = _merge(a["content"], b["content"])
    return node


def camel(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in text.split("_") if part)


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def prefix_of(function: str) -> str:
    for strip in ("local_thesisdesk_", "core_"):
        if function.startswith(strip):
            return camel(function[len(strip) :])
    return camel(function)


class Generator:
    def __init__(self) -> None:
        self.classes: list[str] = []
        self.names: set[str] = set()
        self.shared: dict[str, str] = {}

    def _unique(self, name: str) -> str:
        candidate, n = name, 2
        while candidate in self.names:
            candidate, n = f"{name}{n}", n + 1
        self.names.add(candidate)
        return candidate

    # -- answers --------------------------------------------------------------------------
    def out_type(self, node: dict[str, Any], name: str) -> str:
        kind = node["kind"]
        if kind == "value":
            base = SCALARS_OUT.get(node.get("type", ""), "str")
            return f"{base} | None" if node.get("allownull", True) else base
        if kind == "multiple_structure":
            return f"list[{self.out_type(node['content'], name)}]"
        return self.out_class(node, name)

    def out_class(self, node: dict[str, Any], name: str) -> str:
        signature = json.dumps(_shape(node), sort_keys=True)
        shared_name = None
        content_keys = set(node.get("keys", {}))
        if {"warningcode", "message"} <= content_keys:
            shared_name = "MoodleWarning"
        if {"filename", "filepath", "fileurl", "filesize"} <= content_keys:
            shared_name = "MoodleFile"
        if shared_name and signature in self.shared:
            return self.shared[signature]
        class_name = self._unique(shared_name or name)
        if shared_name:
            self.shared[signature] = class_name
        lines = [f"class {class_name}(_Answer):"]
        desc = (node.get("desc") or "").strip()
        if desc:
            lines.append(f"    {_docstring(desc, 4)}")
            lines.append("")
        for key, sub in node.get("keys", {}).items():
            if sub["kind"] == "multiple_structure":
                child = class_name + camel(singular(key))
            else:
                child = class_name + camel(key)
            annotation = self.out_type(sub, child)
            required = sub.get("required") == "VALUE_REQUIRED"
            if sub["kind"] == "multiple_structure" and not required:
                lines.append(f"    {key}: {annotation} = []")
            elif required:
                lines.append(f"    {key}: {annotation}")
            else:
                if not annotation.endswith("| None"):
                    annotation = f"{annotation} | None"
                lines.append(f"    {key}: {annotation} = None")
        if not node.get("keys"):
            lines.append("    pass")
        self.classes.append("\n".join(lines))
        return class_name

    # -- parameters -----------------------------------------------------------------------
    def in_type(self, node: dict[str, Any], name: str, key: str) -> str:
        kind = node["kind"]
        if kind == "value":
            return scalar_in(node, key)
        if kind == "multiple_structure":
            return f"list[{self.in_type(node['content'], name, key)}]"
        return self.in_class(node, name)

    def in_class(self, node: dict[str, Any], name: str) -> str:
        class_name = self._unique(name)
        lines = [f"class {class_name}(_Param):"]
        for key, sub in node.get("keys", {}).items():
            if sub["kind"] == "multiple_structure":
                child = class_name + camel(singular(key))
            else:
                child = class_name + camel(key)
            annotation = self.in_type(sub, child, key)
            if sub.get("required") == "VALUE_REQUIRED":
                lines.append(f"    {key}: {annotation}")
            else:
                lines.append(f"    {key}: {annotation} | None = None")
        if not node.get("keys"):
            lines.append("    pass")
        self.classes.append("\n".join(lines))
        return class_name

    def method_param_type(self, node: dict[str, Any], name: str, key: str) -> str:
        kind = node["kind"]
        if kind == "value":
            return scalar_in(node, key)
        if kind == "multiple_structure":
            content = node["content"]
            if content["kind"] == "single_structure":
                return f"Sequence[{self.in_class(content, name)} | Mapping[str, Any]]"
            return f"Sequence[{self.method_param_type(content, name, key)}]"
        return f"{self.in_class(node, name)} | Mapping[str, Any]"


def _shape(node: Any) -> Any:
    """A node without its descriptions: two nodes with the same shape share a class."""
    if isinstance(node, dict):
        return {key: _shape(value) for key, value in node.items() if key != "desc"}
    return node


def _docstring(text: str, indent: int = 4) -> str:
    text = " ".join(text.split()).replace("\\", "\\\\").replace('"""', "'''")
    if text.endswith('"'):
        text += " "
    lines = textwrap.wrap(text, width=92 - indent - 3, break_on_hyphens=False)
    if len(lines) <= 1:
        return f'"""{text}"""'
    pad = "\n" + " " * indent
    return '"""' + pad.join(lines) + pad + '"""'


def generate() -> tuple[str, str]:
    functions = merged_functions()
    gen = Generator()
    gen.names.update({"CourseStateUpdate"})
    methods: list[str] = []
    result_names: list[str] = []
    for name, spec in functions.items():
        prefix = prefix_of(name)
        returns = spec["returns"]
        if name in JSON_STRING_RESULTS:
            result_type = JSON_STRING_RESULTS[name]
            adapter = result_type
        elif returns is None:
            result_type, adapter = "None", "None"
        elif returns["kind"] == "single_structure":
            result_type = gen.out_class(returns, f"{prefix}Result")
            adapter = result_type
        elif returns["kind"] == "multiple_structure":
            result_type = gen.out_type(returns, f"{prefix}Item")
            adapter = result_type
        else:
            result_type = gen.out_type(returns, f"{prefix}Result")
            adapter = result_type
        result_names.append(result_type)
        args: list[str] = []
        call: list[str] = []
        required_args: list[str] = []
        optional_args: list[str] = []
        for key, sub in spec["parameters"]["keys"].items():
            if sub["kind"] == "multiple_structure":
                child = f"{prefix}Param{camel(singular(key))}"
            else:
                child = f"{prefix}Param{camel(key)}"
            annotation = gen.method_param_type(sub, child, key)
            if sub.get("required") == "VALUE_REQUIRED":
                required_args.append(f"{key}: {annotation}")
            else:
                optional_args.append(f"{key}: {annotation} | None = None")
            call.append(f'"{key}": {key}')
        args = required_args + optional_args
        signature = ", ".join(["self", "*", *args]) if args else "self"
        description = " ".join((spec.get("description") or "").split())
        doc = f"{name} ({spec['type']}). {description}".strip()
        if spec.get("deprecated"):
            doc += " Deprecated in Moodle 5.x."
        body = [
            f"    def {name}({signature}) -> {result_type}:",
            f"        {_docstring(doc, 8)}",
            "        return self._typed_call(",
            f'            "{name}", {{{", ".join(call)}}}, {_adapter_expr(adapter)}',
            "        )",
        ]
        methods.append("\n".join(body))

    models = (
        HEADER.format(source="models")
        + MODELS_PRELUDE
        + "\n\n\n".join(gen.classes)
        + "\n\n\n"
        + "class CourseStateUpdate(_Answer):\n"
        + '    """One update of core_courseformat_update_course\'s answer (decoded from its\n'
        + '    JSON string): name "section" / "cm" / "course", action "put" / "remove"."""\n\n'
        + "    name: str\n    action: str\n    fields: dict[str, Any] = {}\n"
    )
    imported = sorted(gen.names)
    methods_text = (
        HEADER.format(source="methods")
        + METHODS_PRELUDE
        + "from thesisdesk.moodle.client.models import (  # noqa: F401\n"
        + "".join(f"    {name},\n" for name in imported)
        + ")\n\n\n"
        + "class TypedMethods:\n"
        + '    """One method per catalogued function; keyword arguments = its top-level\n'
        + '    parameters. Mixed into MoodleClient, which provides `_typed_call`."""\n\n'
        + "    def _typed_call(self, function: str, params: dict[str, Any], result: Any) -> Any:\n"
        + "        raise NotImplementedError\n\n"
        + "\n\n".join(methods)
        + "\n\n\n"
        + "FUNCTIONS: tuple[str, ...] = (\n"
        + "".join(f'    "{name}",\n' for name in functions)
        + ")\n"
    )
    return _format(models), _format(methods_text)


def _adapter_expr(adapter: str) -> str:
    # A model class, None, or list[...]: a runtime generic alias the client caches.
    return adapter


HEADER = '''"""Generated from the function catalogue by moodle/client/codegen.py: do not edit.

Regenerate with `python -m thesisdesk.moodle.client.codegen` after changing the catalogue.
"""

'''

MODELS_PRELUDE = """from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


class _Answer(BaseModel):
    \"\"\"Part of an answer. Unknown keys (a newer Moodle) are ignored; numbers sent where
    text is described (Moodle mixes them) are read as text; ids sent as strings as ints.\"\"\"

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _php_empty_object(cls, value: Any) -> Any:
        # PHP's json_encode writes an empty object as [].
        return {} if isinstance(value, list) and not value else value


class _Param(BaseModel):
    \"\"\"Part of a request. Unknown keys are refused here rather than by Moodle.\"\"\"

    model_config = ConfigDict(extra="forbid", defer_build=True)


"""

METHODS_PRELUDE = """from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

"""


def _format(text: str) -> str:
    import subprocess

    ruff = Path(sys.executable).with_name("ruff")
    command = [str(ruff) if ruff.exists() else "ruff"]
    checked = subprocess.run(
        [*command, "check", "--fix", "--select", "I,F401", "--stdin-filename", "gen.py", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    if checked.stdout:
        text = checked.stdout
    formatted = subprocess.run(
        [*command, "format", "--stdin-filename", "gen.py", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    return formatted.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are stale")
    options = parser.parse_args(argv)
    models, methods = generate()
    if options.check:
        stale = [
            path.name
            for path, text in ((MODELS_PATH, models), (METHODS_PATH, methods))
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        if stale:
            print(f"Out of date: {', '.join(stale)}; run python -m {__spec__.name}")
            return 1
        return 0
    MODELS_PATH.write_text(models, encoding="utf-8")
    METHODS_PATH.write_text(methods, encoding="utf-8")
    print(f"Wrote {MODELS_PATH.name} and {METHODS_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
