"""A Moodle stand-in at the client's level, for sign-in tests that need no HTTP.

It raises the Moodle client's own exceptions, as the client does for each of Moodle's
answers (those mappings are the client's tests); the simulator tests cover the same
paths through real HTTP.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from thesisdesk.moodle.client import errors


@dataclass
class FakeUser:
    id: int
    username: str
    password: str
    firstname: str
    lastname: str
    email: str
    lang: str = "fr"
    suspended: bool = False
    roles: dict[int, list[str]] = field(default_factory=dict)


@dataclass
class FakeMoodle:
    users: dict[str, FakeUser] = field(default_factory=dict)
    plugin_installed: bool = True
    #: None, or the exception class login/token.php raises for everyone
    login_failure: type[errors.MoodleClientError] | None = None
    login_errorcode: str = ""
    tokens: dict[str, FakeUser] = field(default_factory=dict)
    service_token: str = "service-token"
    calls: list[tuple[str, str]] = field(default_factory=list)

    def add(self, user: FakeUser) -> FakeUser:
        self.users[user.username] = user
        return user

    def client(self, token: str) -> FakeClient:
        return FakeClient(self, token)


class FakeClient:
    def __init__(self, moodle: FakeMoodle, token: str) -> None:
        self.moodle = moodle
        self.token = token

    def _user(self) -> FakeUser:
        user = self.moodle.tokens.get(self.token)
        if user is None:
            raise errors.InvalidToken("invalidtoken", "Invalid token - token not found")
        return user

    def login_token(self, username: str, password: str, service: str) -> dict[str, Any]:
        self.moodle.calls.append(("login_token", username))
        failure = self.moodle.login_failure
        if failure is not None:
            if issubclass(failure, errors.MoodleError):
                raise failure(self.moodle.login_errorcode or "error", "refused")
            raise failure("connection refused")
        user = self.moodle.users.get(username.lower())
        if user is None or user.password != password or user.suspended:
            raise errors.InvalidLogin("invalidlogin", "Invalid login, please try again")
        token = secrets.token_hex(16)
        self.moodle.tokens[token] = user
        return {"token": token, "privatetoken": None}

    def core_webservice_get_site_info(self) -> dict[str, Any]:
        user = self._user()
        self.moodle.calls.append(("site_info", user.username))
        functions = [{"name": "core_webservice_get_site_info", "version": "1"}]
        if self.moodle.plugin_installed:
            functions.append({"name": "local_thesisdesk_get_user_roles", "version": "1"})
        return {
            "userid": user.id,
            "username": user.username,
            "firstname": user.firstname,
            "lastname": user.lastname,
            "fullname": f"{user.firstname} {user.lastname}",
            "lang": user.lang,
            "functions": functions,
        }

    def local_thesisdesk_get_user_roles(
        self, userid: int = 0, courseids: list[int] | None = None
    ) -> dict[str, Any]:
        user = self._user()
        self.moodle.calls.append(("get_user_roles", user.username))
        return {
            "userid": user.id,
            "courses": [
                {
                    "courseid": cid,
                    "shortname": f"C{cid}",
                    "roles": list(user.roles.get(cid, [])),
                    "canmanage": False,
                    "canview": True,
                }
                for cid in courseids or []
                if cid in user.roles
            ],
        }

    def _service(self) -> None:
        if self.token != self.moodle.service_token:
            raise errors.AccessDenied("accessexception", "Access control exception")

    def core_user_get_users_by_field(self, field: str, values: list[Any]) -> list[dict[str, Any]]:
        self._service()
        found = []
        for user in self.moodle.users.values():
            value = user.id if field == "id" else user.username
            if value in values:
                found.append(
                    {
                        "id": user.id,
                        "username": user.username,
                        "firstname": user.firstname,
                        "lastname": user.lastname,
                        "email": user.email,
                        "suspended": user.suspended,
                        "lang": user.lang,
                    }
                )
        return found

    def core_user_get_course_user_profiles(
        self, userlist: list[dict[str, int]]
    ) -> list[dict[str, Any]]:
        self._service()
        self.moodle.calls.append(("course_user_profiles", str(userlist)))
        answer = []
        for item in userlist:
            for user in self.moodle.users.values():
                if user.id == item["userid"] and item["courseid"] in user.roles:
                    answer.append(
                        {
                            "id": user.id,
                            "roles": [
                                {"roleid": 0, "name": "", "shortname": r, "sortorder": 0}
                                for r in user.roles[item["courseid"]]
                            ],
                            "enrolledcourses": [{"id": item["courseid"]}],
                        }
                    )
        return answer
