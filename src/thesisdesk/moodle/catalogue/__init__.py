"""The one catalogue of Moodle web service functions ThesisDesk uses.

Three JSON files, in the form of Moodle's own function descriptions
(`external_function_info`: kind / type / required / default / keys / content):

- `core-4.5.json`, `core-5.1.json`: the core functions, as real Moodle 4.5 and 5.1 sites
  describe them;
- `local_thesisdesk.json`: the functions of our plugin `local_thesisdesk`, and its services.

The client's typed methods, the simulator's parameter validation and the plugin's
`db/services.php` and `execute_parameters()` are all checked against these files.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

VERSIONS = ("4.5", "5.1")
PLUGIN_COMPONENT = "local_thesisdesk"
SERVICE = "thesisdesk"
LOGIN_SERVICE = "thesisdesk_login"


@cache
def _load(filename: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def core_functions(version: str = "4.5") -> dict[str, dict[str, Any]]:
    """Core function descriptions for a Moodle version ("4.5" or "5.1")."""
    if version not in VERSIONS:
        raise ValueError(f"Unknown Moodle version {version!r}; known: {', '.join(VERSIONS)}")
    return {name: spec for name, spec in _load(f"core-{version}.json").items() if name != "_meta"}


def plugin_functions() -> dict[str, dict[str, Any]]:
    """The plugin's function descriptions."""
    return {name: spec for name, spec in _load("local_thesisdesk.json").items() if name != "_meta"}


def all_functions(version: str = "4.5") -> dict[str, dict[str, Any]]:
    return {**core_functions(version), **plugin_functions()}


def describe(name: str, version: str = "4.5") -> dict[str, Any]:
    """One function's description; KeyError names the function when it is not catalogued."""
    functions = all_functions(version)
    if name not in functions:
        raise KeyError(f"{name} is not in ThesisDesk's function catalogue")
    return functions[name]


def service_definition(shortname: str) -> dict[str, Any]:
    """The plugin's service `shortname` with its list of function names resolved."""
    services: dict[str, dict[str, Any]] = _load("local_thesisdesk.json")["_meta"]["services"]
    service = dict(services[shortname])
    if not isinstance(service["functions"], list):
        service["functions"] = sorted(plugin_functions()) + sorted(core_functions())
    return service
