"""The Moodle plugin local_thesisdesk: PHP syntax, and its declarations against the catalogue.

The catalogue (src/thesisdesk/moodle/catalogue/local_thesisdesk.json) is what the Python client
and the simulator follow; the plugin must declare the same functions with the same shapes.
describe_plugin.php loads each classes/external/*.php with stand-ins for core_external's
description classes (no Moodle needed) and prints the declared shapes in the catalogue's form.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from thesisdesk.moodle import catalogue

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "moodle" / "local_thesisdesk"
PHP = shutil.which("php")
needs_php = pytest.mark.skipif(
    PHP is None, reason="php not installed (make system-deps installs php-cli)"
)

# What the comparison looks at in each node: what goes on the wire and what Moodle reports.
NODE_FIELDS = ("kind", "type", "required", "default", "allownull", "desc")


def php_files() -> list[Path]:
    return sorted(PLUGIN.rglob("*.php"))


@cache
def declared() -> dict[str, Any]:
    assert PHP is not None
    completed = subprocess.run(
        [PHP, str(Path(__file__).with_name("describe_plugin.php")), str(PLUGIN)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr or completed.stdout
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def differences(expected: dict[str, Any], actual: dict[str, Any], path: str) -> list[str]:
    """Every difference between two description nodes, as readable lines."""
    found = [
        f"{path}: {field} is {actual.get(field)!r}, catalogue says {expected.get(field)!r}"
        for field in NODE_FIELDS
        if expected.get(field) != actual.get(field)
    ]
    if expected.get("kind") == "single_structure" and actual.get("kind") == "single_structure":
        expected_keys, actual_keys = list(expected["keys"]), list(actual["keys"])
        if expected_keys != actual_keys:
            found.append(f"{path}: keys {actual_keys} differ from the catalogue's {expected_keys}")
        for key in expected_keys:
            if key in actual["keys"]:
                found += differences(expected["keys"][key], actual["keys"][key], f"{path}.{key}")
    if expected.get("kind") == "multiple_structure" and actual.get("kind") == "multiple_structure":
        found += differences(expected["content"], actual["content"], f"{path}[]")
    return found


@needs_php
@pytest.mark.parametrize("path", php_files(), ids=lambda p: str(p.relative_to(PLUGIN)))
def test_php_file_has_valid_syntax(path: Path) -> None:
    completed = subprocess.run(
        [str(PHP), "-d", "display_errors=1", "-l", str(path)], capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_plugin_has_the_files_moodle_expects() -> None:
    for relative in [
        "version.php",
        "settings.php",
        "index.php",
        "README.md",
        "db/access.php",
        "db/services.php",
        "db/install.xml",
        "db/upgrade.php",
        "db/events.php",
        "db/messages.php",
        "classes/privacy/provider.php",
        "lang/en/local_thesisdesk.php",
        "lang/fr/local_thesisdesk.php",
        "tests/generator/lib.php",
    ]:
        assert (PLUGIN / relative).is_file(), f"missing {relative}"


def test_version_declares_the_supported_moodle_range() -> None:
    text = (PLUGIN / "version.php").read_text(encoding="utf-8")
    assert "$plugin->component = 'local_thesisdesk';" in text
    assert re.search(r"\$plugin->supported\s*=\s*\[405,\s*501\];", text)
    assert re.search(r"\$plugin->requires\s*=\s*20241007\d\d;", text), "requires Moodle 4.5"


@needs_php
def test_plugin_declares_exactly_the_catalogued_functions() -> None:
    assert sorted(declared()["functions"]) == sorted(catalogue.plugin_functions())


@needs_php
@pytest.mark.parametrize("name", sorted(catalogue.plugin_functions()))
def test_function_matches_catalogue(name: str) -> None:
    spec = catalogue.plugin_functions()[name]
    entry = declared()["functions"][name]
    assert entry["file"] == f"classes/external/{name.removeprefix('local_thesisdesk_')}.php"
    definition = entry["definition"]
    for field in ("classname", "methodname", "type", "capabilities", "description"):
        assert definition[field] == spec[field], f"{name}: db/services.php {field}"
    assert entry["parameters"].get("class") == "external_function_parameters"
    found = differences(spec["parameters"], entry["parameters"], f"{name}(parameters)")
    found += differences(spec["returns"], entry["returns"], f"{name}(returns)")
    assert not found, "\n".join(found)
    # Moodle calls execute() with the validated parameters by position.
    assert entry["execute_arguments"] == list(spec["parameters"]["keys"])


@needs_php
def test_every_external_class_is_a_declared_function() -> None:
    files = {entry["file"] for entry in declared()["functions"].values()}
    assert set(declared()["external_class_files"]) == files


@needs_php
@pytest.mark.parametrize("shortname", [catalogue.SERVICE, catalogue.LOGIN_SERVICE])
def test_service_matches_catalogue(shortname: str) -> None:
    expected = catalogue.service_definition(shortname)
    services = {service["shortname"]: service for service in declared()["services"].values()}
    assert shortname in services, f"db/services.php has no service {shortname}"
    service = services[shortname]
    assert sorted(service["functions"]) == sorted(expected["functions"])
    for flag in ("restrictedusers", "enabled", "uploadfiles", "downloadfiles"):
        # Moodle's defaults when a flag is left out: restrictedusers=1, the others 0.
        default = 1 if flag == "restrictedusers" else 0
        assert service.get(flag, default) == expected[flag], f"{shortname}.{flag}"


def lang_strings(language: str) -> dict[str, str]:
    text = (PLUGIN / "lang" / language / "local_thesisdesk.php").read_text(encoding="utf-8")
    pattern = r"^\$string\['([^']+)'\]\s*=\s*'((?:[^'\\]|\\.)*)';"
    return dict(re.findall(pattern, text, re.MULTILINE))


def test_english_and_french_have_the_same_strings() -> None:
    english, french = lang_strings("en"), lang_strings("fr")
    assert english, "no English strings found"
    assert sorted(english) == sorted(french)


def test_language_files_are_sorted() -> None:
    for language in ("en", "fr"):
        keys = list(lang_strings(language))
        assert keys == sorted(keys), f"lang/{language} strings are not in alphabetical order"


def test_every_string_the_code_uses_exists() -> None:
    english = lang_strings("en")
    used: set[str] = set()
    for path in php_files():
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"item_exception\('([a-z0-9_]+)'", text))
        used |= set(re.findall(r"get_string\('([a-z0-9_:]+)',\s*'local_thesisdesk'", text))
        used |= set(re.findall(r"moodle_exception\('([a-z0-9_]+)',\s*'local_thesisdesk'", text))
        used |= set(re.findall(r"'(privacy:[a-z0-9_:]+)'", text))
    access = (PLUGIN / "db/access.php").read_text(encoding="utf-8")
    capabilities = re.findall(r"'local/(thesisdesk:[a-z]+)'\s*=>", access)
    used |= set(capabilities)
    used |= {"pluginname", "messageprovider:notification"}
    missing = sorted(used - set(english))
    assert not missing, f"strings used but not defined in lang/en: {missing}"


def test_capabilities_have_defaults_for_managers_and_editing_teachers() -> None:
    text = (PLUGIN / "db/access.php").read_text(encoding="utf-8")
    for capability in ("manage", "view", "notify"):
        block = text.split(f"'local/thesisdesk:{capability}' =>", 1)[1].split("],\n    ", 2)
        body = "".join(block[:2])
        assert "'manager' => CAP_ALLOW" in body, capability
        assert "'editingteacher' => CAP_ALLOW" in body, capability


def test_build_plugin_makes_an_installable_zip(tmp_path: Path) -> None:
    output = tmp_path / "local_thesisdesk.zip"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_plugin.py"), "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
    assert all(name.startswith("thesisdesk/") for name in names)
    assert "thesisdesk/version.php" in names
    assert "thesisdesk/db/install.xml" in names
    sources = {
        f"thesisdesk/{path.relative_to(PLUGIN).as_posix()}"
        for path in PLUGIN.rglob("*")
        if path.is_file()
    }
    assert sources <= set(names)
    # Same sources, same bytes: the build is reproducible.
    again = tmp_path / "again.zip"
    build = [sys.executable, str(ROOT / "tools" / "build_plugin.py"), "--output", str(again)]
    subprocess.run(build, check=True)
    assert output.read_bytes() == again.read_bytes()
