"""The contract suite: what ThesisDesk relies on from Moodle, checked against the simulator
(default) or a real Moodle site.

    pytest tests/contract                    # against the simulator, started in-process
    pytest tests/contract --moodle=real      # against MOODLE_URL with MOODLE_TOKEN (a manager's
                                             # token on the thesisdesk service) and a student's
                                             # MOODLE_STUDENT_USERNAME / MOODLE_STUDENT_PASSWORD

With all four variables set, the real site is used without `--moodle=real`. Every answer
of a catalogued function is checked against the catalogue's description of its returns.
The suite works in a course it creates (unique short name) and deletes at the end, so it
can run again and again against a shared site. Tests that need a switch only the simulator
has (maintenance mode, web services off, a lower max_input_vars) are skipped on a real site.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from thesisdesk.moodle import catalogue
from thesisdesk.moodle.client import MoodleClient, RetryPolicy, schema, version_of_release

REAL_VARIABLES = (
    "MOODLE_URL",
    "MOODLE_TOKEN",
    "MOODLE_STUDENT_USERNAME",
    "MOODLE_STUDENT_PASSWORD",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "Moodle contract suite")
    group.addoption(
        "--moodle",
        choices=("sim", "real"),
        default=None,
        help="run tests/contract against the simulator (default) or the real Moodle named "
        "by MOODLE_URL, MOODLE_TOKEN, MOODLE_STUDENT_USERNAME and MOODLE_STUDENT_PASSWORD",
    )
    group.addoption(
        "--moodle-version",
        choices=catalogue.VERSIONS,
        default=os.environ.get("MOODLE_SIM_VERSION", "4.5"),
        help="the Moodle version the simulator plays (default 4.5)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "simulator_only: needs a switch only the simulator has")


class CheckedClient(MoodleClient):
    """A client that checks every answer against the catalogue's description of it."""

    version = "4.5"

    def call(self, function: str, params: Mapping[str, Any] | None = None) -> Any:
        answer = super().call(function, params)
        try:
            node = catalogue.describe(function, self.version)["returns"]
        except KeyError:
            return answer
        problems = schema.returns_problems(answer, node)
        assert not problems, f"{function} answered outside its description: {problems[:5]}"
        return answer


@dataclass
class ContractSite:
    kind: str  # "sim" or "real"
    url: str
    manager_token: str
    student_username: str
    student_password: str
    version: str
    sim: Any = None

    def client(self, token: str | None = None, **options: Any) -> CheckedClient:
        options.setdefault("retry", RetryPolicy(attempts=2, base_delay=0.2, max_delay=1))
        options.setdefault("max_input_vars", 1000)
        client = CheckedClient(self.url, self.manager_token if token is None else token, **options)
        client.version = self.version
        return client

    def require_simulator(self) -> Any:
        if self.sim is None:
            pytest.skip("needs a switch only the simulator has (not run against a real site)")
        return self.sim


def _mode(config: pytest.Config) -> str:
    chosen = config.getoption("--moodle", default=None)
    if chosen:
        return str(chosen)
    return "real" if all(os.environ.get(name) for name in REAL_VARIABLES) else "sim"


@pytest.fixture(scope="session")
def contract_site(pytestconfig: pytest.Config) -> Iterator[ContractSite]:
    if _mode(pytestconfig) == "real":
        missing = [name for name in REAL_VARIABLES if not os.environ.get(name)]
        if missing:
            pytest.fail(f"--moodle=real needs {', '.join(missing)}")
        client = MoodleClient(os.environ["MOODLE_URL"], os.environ["MOODLE_TOKEN"])
        release = client.core_webservice_get_site_info().release or ""
        client.close()
        version = version_of_release(release)
        yield ContractSite(
            kind="real",
            url=os.environ["MOODLE_URL"],
            manager_token=os.environ["MOODLE_TOKEN"],
            student_username=os.environ["MOODLE_STUDENT_USERNAME"],
            student_password=os.environ["MOODLE_STUDENT_PASSWORD"],
            version=version if version in catalogue.VERSIONS else "4.5",
        )
        return
    try:
        from thesisdesk.moodle.simulator import Simulator
    except ImportError as error:
        pytest.skip(f"the Moodle simulator is not available: {error}")
    version = str(pytestconfig.getoption("--moodle-version", default="4.5"))
    sim = Simulator.start(version=version)
    try:
        yield ContractSite(
            kind="sim",
            url=sim.url,
            manager_token=sim.token("thesisdesk", service="thesisdesk"),
            student_username="s1",
            student_password="Student#2026",
            version=version,
            sim=sim,
        )
    finally:
        sim.stop()


@pytest.fixture(scope="session")
def manager(contract_site: ContractSite) -> Iterator[CheckedClient]:
    client = contract_site.client()
    yield client
    client.close()


def unique(prefix: str) -> str:
    """A name no other run uses: the suite can run again and again on a shared site."""
    return f"{prefix}-{time.strftime('%m%d%H%M%S')}-{secrets.token_hex(3)}"


@dataclass
class Course:
    id: int
    shortname: str
    student_id: int


@pytest.fixture(scope="session")
def course(contract_site: ContractSite, manager: CheckedClient) -> Iterator[Course]:
    """A course of its own for the suite, with the student enrolled; deleted at the end."""
    shortname = unique("TDCONTRACT")
    created = manager.core_course_create_courses(
        courses=[
            {
                "fullname": f"ThesisDesk contract suite {shortname}",
                "shortname": shortname,
                "categoryid": 1,
            }
        ]
    )
    courseid = int(created[0].id or 0)
    try:
        users = manager.core_user_get_users_by_field(
            field="username", values=[contract_site.student_username]
        )
        assert users, f"student {contract_site.student_username} not found on the site"
        student_id = int(users[0].id or 0)
        manager.enrol_manual_enrol_users(
            enrolments=[{"roleid": 5, "userid": student_id, "courseid": courseid}]
        )
        yield Course(id=courseid, shortname=shortname, student_id=student_id)
        assert (
            manager.enrol_manual_unenrol_users(
                enrolments=[{"userid": student_id, "courseid": courseid}]
            )
            is None
        )
    finally:
        manager.core_course_delete_courses(courseids=[courseid])


@pytest.fixture(scope="session")
def student_token(contract_site: ContractSite) -> str:
    """The student's token for the mobile app service (students may get one by default)."""
    client = contract_site.client(token="")
    token = client.login_token(
        contract_site.student_username, contract_site.student_password, "moodle_mobile_app"
    ).token
    client.close()
    return token


@pytest.fixture
def student(contract_site: ContractSite, student_token: str) -> Iterator[CheckedClient]:
    client = contract_site.client(token=student_token)
    yield client
    client.close()
