"""Every Moodle call the sign-in makes, in one module.

Password sign-in asks Moodle three things:

1. `login/token.php` for the sign-in service (`MOODLE_LOGIN_SERVICE`): the password is
   checked by Moodle, which answers a token for this person (or why not);
2. `core_webservice_get_site_info` with that token: who the person is (Moodle user id,
   username, names, language) and which functions the sign-in service offers;
3. their course roles: the plugin's `local_thesisdesk_get_user_roles` with the person's
   own token; where the plugin is missing, `core_user_get_course_user_profiles` with
   ThesisDesk's own token. The e-mail address and the suspended flag come from
   `core_user_get_users_by_field` with ThesisDesk's token (site info has no e-mail).

The person's token is used for these calls only and then forgotten; the password is only
ever passed to `login/token.php`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from thesisdesk.accounts.errors import MOODLE_ERRORCODES, SignInRefused

logger = logging.getLogger(__name__)

GET_USER_ROLES = "local_thesisdesk_get_user_roles"


@dataclass(frozen=True)
class MoodleIdentity:
    """Who Moodle says the person is, and their role shortnames per course id."""

    userid: int
    username: str
    firstname: str
    lastname: str
    email: str = ""
    lang: str = ""
    suspended: bool = False
    course_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    #: The course ids whose roles Moodle did answer (roles elsewhere are left as they are).
    courses_read: frozenset[int] = frozenset()
    roles_source: str = ""


def _value(obj: Any, key: str, default: Any = None) -> Any:
    """A field of a client result, whether it is a pydantic model or a plain dict."""
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _items(obj: Any, key: str | None = None) -> list[Any]:
    value = obj if key is None else _value(obj, key, [])
    if value is None:
        return []
    if hasattr(value, "root"):  # a pydantic RootModel list
        value = value.root
    return list(value)


def _token_of(result: Any) -> str:
    if isinstance(result, str):
        return result
    token = _value(result, "token")
    if not token:
        raise SignInRefused("rest_not_allowed", detail="login/token.php gave no token")
    return str(token)


ClientFactory = Callable[[str], Any]


#: A person waits for the sign-in page: ask Moodle quickly, retry once.
SIGNIN_TIMEOUT = 10.0


def default_client_factory(token: str) -> Any:
    """A Moodle client on the configured site acting with `token`."""
    from thesisdesk.moodle.client import MoodleClient, RetryPolicy

    return MoodleClient(
        settings.MOODLE_URL,
        token,
        timeout=min(settings.MOODLE_TIMEOUT, SIGNIN_TIMEOUT),
        max_input_vars=settings.MOODLE_MAX_INPUT_VARS,
        retry=RetryPolicy(attempts=2, base_delay=0.2, max_delay=1.0),
    )


def refusal_from_moodle_error(error: Exception) -> SignInRefused:
    """The sign-in refusal for an exception raised by the Moodle client."""
    from thesisdesk.moodle.client import errors

    detail = type(error).__name__
    if isinstance(error, errors.SiteMaintenance):
        return SignInRefused("moodle_maintenance", detail=detail)
    if isinstance(error, errors.WebServicesDisabled):
        return SignInRefused("webservices_disabled", detail=detail)
    if isinstance(error, errors.MoodleError) and not isinstance(error, errors.NotJSONResponse):
        code = MOODLE_ERRORCODES.get(error.errorcode)
        if code is not None:
            return SignInRefused(code, detail=f"{detail}: {error.errorcode}")
        return SignInRefused("moodle_unreachable", detail=f"{detail}: {error.errorcode}")
    # Connection errors, timeouts, HTTP errors, HTML pages where JSON was expected.
    return SignInRefused("moodle_unreachable", detail=detail)


class MoodleSignInGateway:
    """Talks to Moodle for the sign-in; `client_factory(token)` builds a client."""

    def __init__(
        self,
        *,
        client_factory: ClientFactory | None = None,
        service_token: str | None = None,
        login_service: str | None = None,
    ) -> None:
        self.client_factory = client_factory or default_client_factory
        self.service_token = settings.MOODLE_TOKEN if service_token is None else service_token
        self.login_service = login_service or settings.MOODLE_LOGIN_SERVICE

    # --- the steps ---------------------------------------------------------------------

    def authenticate(
        self, username: str, password: str, course_ids: Iterable[int]
    ) -> MoodleIdentity:
        """Check the password with Moodle and read the person's identity and course roles.

        Raises `SignInRefused` with the reason when Moodle says no or cannot be asked.
        """
        from thesisdesk.moodle.client import errors

        course_ids = sorted(set(course_ids))
        try:
            anonymous = self.client_factory("")
            user_token = _token_of(anonymous.login_token(username, password, self.login_service))
        except errors.MoodleClientError as error:
            refusal = refusal_from_moodle_error(error)
            if refusal.code == "invalid_credentials" and self._is_suspended(username):
                # login/token.php says "invalidlogin" for a suspended account too; Moodle's
                # own record tells the difference.
                raise SignInRefused("suspended", detail="invalidlogin, account suspended") from None
            raise refusal from None
        try:
            user_client = self.client_factory(user_token)
            site_info = user_client.core_webservice_get_site_info()
            userid = int(_value(site_info, "userid"))
            functions = {str(_value(f, "name")) for f in _items(site_info, "functions")}
            identity = {
                "userid": userid,
                "username": str(_value(site_info, "username") or username),
                "firstname": str(_value(site_info, "firstname") or ""),
                "lastname": str(_value(site_info, "lastname") or ""),
                "lang": str(_value(site_info, "lang") or ""),
            }
            roles: dict[int, frozenset[str]] = {}
            courses_read: frozenset[int] = frozenset()
            source = "none"
            if course_ids and GET_USER_ROLES in functions:
                roles = self._roles_from_plugin(user_client, course_ids)
                courses_read = frozenset(course_ids)
                source = "plugin"
        except errors.MoodleClientError as error:
            raise refusal_from_moodle_error(error) from None
        finally:
            user_token = ""  # the person's token is not kept
        details = self._user_record(userid)
        if course_ids and source == "none":
            roles, courses_read = self._roles_from_core(userid, course_ids)
            source = "core"
        return MoodleIdentity(
            userid=userid,
            username=str(_value(details, "username") or identity["username"]),
            firstname=str(_value(details, "firstname") or identity["firstname"]),
            lastname=str(_value(details, "lastname") or identity["lastname"]),
            email=str(_value(details, "email") or ""),
            lang=str(_value(details, "lang") or identity["lang"]),
            suspended=bool(_value(details, "suspended", False)),
            course_roles=roles,
            courses_read=courses_read,
            roles_source=source,
        )

    def _roles_from_plugin(self, client: Any, course_ids: list[int]) -> dict[int, frozenset[str]]:
        result = client.local_thesisdesk_get_user_roles(userid=0, courseids=course_ids)
        roles: dict[int, frozenset[str]] = {}
        for course in _items(result, "courses"):
            roles[int(_value(course, "courseid"))] = frozenset(
                str(r) for r in _items(course, "roles")
            )
        return roles

    def _service_client(self) -> Any | None:
        if not self.service_token:
            return None
        return self.client_factory(self.service_token)

    def _user_record(self, userid: int) -> Any:
        """The person's Moodle user record read with ThesisDesk's token (for the e-mail)."""
        from thesisdesk.moodle.client import errors

        client = self._service_client()
        if client is None:
            return None
        try:
            users = _items(client.core_user_get_users_by_field(field="id", values=[userid]))
        except errors.MoodleClientError as error:
            logger.warning("Moodle user %s: cannot read the user record (%s)", userid, error)
            return None
        return users[0] if users else None

    def _is_suspended(self, username: str) -> bool:
        from thesisdesk.moodle.client import errors

        client = self._service_client()
        if client is None or not username:
            return False
        try:
            users = _items(
                client.core_user_get_users_by_field(field="username", values=[username.lower()])
            )
        except errors.MoodleClientError:
            return False
        return bool(users) and bool(_value(users[0], "suspended", False))

    def _roles_from_core(
        self, userid: int, course_ids: list[int]
    ) -> tuple[dict[int, frozenset[str]], frozenset[int]]:
        """Course roles from core functions, with ThesisDesk's token (no plugin)."""
        from thesisdesk.moodle.client import errors

        client = self._service_client()
        if client is None:
            return {}, frozenset()
        roles: dict[int, frozenset[str]] = {}
        read: set[int] = set()
        # The answer carries no course id and leaves out courses the person is not
        # enrolled in: ask course by course (a handful of campaign courses).
        for course_id in course_ids:
            try:
                profiles = _items(
                    client.core_user_get_course_user_profiles(
                        userlist=[{"userid": userid, "courseid": course_id}]
                    )
                )
            except errors.MoodleClientError as error:
                logger.warning(
                    "Moodle user %s: cannot read roles in course %s (%s)", userid, course_id, error
                )
                continue
            read.add(course_id)
            names = {
                str(_value(role, "shortname"))
                for profile in profiles
                if int(_value(profile, "id", 0)) == userid
                for role in _items(profile, "roles")
            }
            if names:
                roles[course_id] = frozenset(names)
        return roles, frozenset(read)
