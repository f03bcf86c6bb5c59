"""Errors raised by the Moodle client, precise enough to catch by kind.

    MoodleClientError
    ├── MoodleConnectionError        the site could not be reached (DNS, refused, reset)
    │   ├── MoodleNotConfigured      no site configured (MOODLE_URL empty)
    │   └── MoodleTimeout            no answer in time
    ├── MoodleHTTPError              an HTTP status Moodle does not use for its errors (5xx, 404...)
    ├── UnexpectedAnswer             an answer that does not match the function's description
    └── MoodleError                  Moodle answered with an error (errorcode, message, debuginfo)
        ├── InvalidToken             unknown or missing token
        ├── AccessDenied             token expired, function not in the service, IP restriction,
        │   └── FunctionNotInService   missing webservice/rest:use ... ("accessexception")
        ├── InvalidParameter         a parameter Moodle refused (Moodle never says which one)
        ├── MissingPermission        nopermissions / nopermission / required_capability_exception
        ├── InvalidRecord            invalidrecord (4.5) / invalidrecordunknown (5.1)
        │   └── FileNotFound         pluginfile.php's filenotfound
        ├── SiteMaintenance          maintenance mode (HTTP 503 page or errorcode sitemaintenance)
        ├── WebServicesDisabled      web services or REST off (HTTP 403, empty body)
        ├── NotJSONResponse          HTML, a PHP notice before the JSON, a proxy page...
        ├── UserSuspended            wsaccessusersuspended
        ├── RequireLogin             requireloginerror
        └── LoginError               login/token.php refused to give a token
            ├── InvalidLogin, ServiceNotAvailable, UserNotAllowed, CannotCreateToken,
            └── NoGuest, UserNotConfirmed, PasswordExpired, LoginWebServicesDisabled

No error text ever carries the token: `scrub()` removes it from anything Moodle echoes back.
"""

from __future__ import annotations

from typing import Any


class MoodleClientError(Exception):
    """Base class of everything the Moodle client raises."""

    #: True when trying the same request again later may succeed.
    is_transient = False


class MoodleConnectionError(MoodleClientError):
    """The Moodle site could not be reached."""

    is_transient = True


class MoodleNotConfigured(MoodleConnectionError):
    """No Moodle site is configured (MOODLE_URL is empty)."""

    is_transient = False


class MoodleTimeout(MoodleConnectionError):
    """The Moodle site did not answer in time."""


class MoodleHTTPError(MoodleClientError):
    """An HTTP status that is not part of Moodle's web service protocol."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message
        self.is_transient = status >= 500 or status == 429


class UnexpectedAnswer(MoodleClientError):
    """Moodle's answer does not have the shape its description promises."""

    def __init__(self, function: str, detail: str) -> None:
        super().__init__(f"{function}: unexpected answer: {detail}")
        self.function = function
        self.detail = detail


class MoodleError(MoodleClientError):
    """Moodle answered with an error envelope."""

    def __init__(
        self,
        errorcode: str,
        message: str,
        debuginfo: str | None = None,
        *,
        exception: str | None = None,
        function: str | None = None,
        status: int = 200,
    ) -> None:
        self.errorcode = errorcode
        self.message = message
        self.debuginfo = debuginfo
        self.exception = exception
        self.function = function
        self.status = status
        text = f"{errorcode}: {message}"
        if function:
            text = f"{function}: {text}"
        if debuginfo:
            text = f"{text} ({debuginfo})"
        super().__init__(text)


class InvalidToken(MoodleError):
    """The token is unknown to the site (or was not sent)."""


class AccessDenied(MoodleError):
    """accessexception: token expired, function not in the token's service, IP restriction,
    or the token's user lacks webservice/rest:use. Moodle hides which one unless debugging."""


class FunctionNotInService(AccessDenied):
    """Raised instead of AccessDenied when the client knows the function is not in the
    token's service (from core_webservice_get_site_info)."""


class InvalidParameter(MoodleError):
    """Moodle refused a parameter value (or, for some functions, a duplicate or unknown id)."""


class MissingPermission(MoodleError):
    """The token's user lacks a capability."""


class InvalidRecord(MoodleError):
    """A record does not exist: `invalidrecord` in 4.5, `invalidrecordunknown` in 5.1."""


class FileNotFound(InvalidRecord):
    """webservice/pluginfile.php: no such file (or a file still in a draft area)."""


class SiteMaintenance(MoodleError):
    """The site is in maintenance mode."""

    is_transient = True

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after = retry_after


class WebServicesDisabled(MoodleError):
    """Web services (or the REST protocol) are disabled on the site."""


class NotJSONResponse(MoodleError):
    """The answer was not the JSON Moodle should send (HTML page, PHP notice, proxy page)."""

    is_transient = True


class UserSuspended(MoodleError):
    """The token's user is suspended."""


class RequireLogin(MoodleError):
    """The function needs a logged-in user the token cannot provide."""


class LoginError(MoodleError):
    """login/token.php refused to issue a token."""


class InvalidLogin(LoginError):
    """Wrong password or unknown user (Moodle does not tell them apart)."""


class ServiceNotAvailable(LoginError):
    """Unknown or disabled service, or the user is not allowed on a restricted service."""


class UserNotAllowed(LoginError):
    """The user may not use this service."""


class CannotCreateToken(LoginError):
    """The user lacks moodle/webservice:createtoken."""


class NoGuest(LoginError):
    """The guest account cannot get a token."""


class UserNotConfirmed(LoginError):
    """The account is not confirmed yet."""


class PasswordExpired(LoginError):
    """The password has expired and must be changed in Moodle first."""


class LoginWebServicesDisabled(LoginError, WebServicesDisabled):
    """login/token.php answers `enablewsdescription` when web services are off."""


class LoginSiteMaintenance(LoginError, SiteMaintenance):
    """login/token.php answers `sitemaintenance`."""


ERRORCODES: dict[str, type[MoodleError]] = {
    "invalidtoken": InvalidToken,
    "accessexception": AccessDenied,
    "invalidparameter": InvalidParameter,
    "nopermissions": MissingPermission,
    "nopermission": MissingPermission,
    "invalidrecord": InvalidRecord,
    "invalidrecordunknown": InvalidRecord,
    # 4.5 answers an unknown course module with this code, 5.1 with invalidrecordunknown.
    "invalidcoursemodule": InvalidRecord,
    "filenotfound": FileNotFound,
    "sitemaintenance": SiteMaintenance,
    "wsaccessusersuspended": UserSuspended,
    "requireloginerror": RequireLogin,
}

EXCEPTION_CLASSES: dict[str, type[MoodleError]] = {
    "required_capability_exception": MissingPermission,
    "invalid_parameter_exception": InvalidParameter,
    "dml_missing_record_exception": InvalidRecord,
    "webservice_access_exception": AccessDenied,
}

LOGIN_ERRORCODES: dict[str, type[LoginError]] = {
    "invalidlogin": InvalidLogin,
    "servicenotavailable": ServiceNotAvailable,
    "usernotallowed": UserNotAllowed,
    "cannotcreatetoken": CannotCreateToken,
    "noguest": NoGuest,
    "usernotconfirmed": UserNotConfirmed,
    "passwordisexpired": PasswordExpired,
    "enablewsdescription": LoginWebServicesDisabled,
    "sitemaintenance": LoginSiteMaintenance,
}


def scrub(text: str | None, secrets: tuple[str, ...]) -> str | None:
    """`text` with every secret replaced by a placeholder."""
    if not text:
        return text
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<token>")
    return text


def error_from_envelope(
    body: dict[str, Any],
    *,
    function: str | None = None,
    status: int = 200,
    secrets: tuple[str, ...] = (),
) -> MoodleError:
    """The exception for one of Moodle's error envelopes.

    REST: {"exception", "errorcode", "message", "debuginfo"?};
    login/token.php and pluginfile.php: {"error", "errorcode", "stacktrace", "debuginfo", ...}.
    """
    errorcode = str(body.get("errorcode") or "")
    message = body.get("message")
    if message is None:
        message = body.get("error")
    exception = body.get("exception")
    cls: type[MoodleError] = ERRORCODES.get(errorcode, MoodleError)
    if cls is MoodleError and isinstance(exception, str):
        cls = EXCEPTION_CLASSES.get(exception.rsplit("\\", 1)[-1], MoodleError)
    debuginfo = body.get("debuginfo")
    return cls(
        errorcode,
        scrub(str(message or ""), secrets) or "",
        scrub(str(debuginfo), secrets) if debuginfo else None,
        exception=exception if isinstance(exception, str) else None,
        function=function,
        status=status,
    )


def login_error_from_envelope(
    body: dict[str, Any], *, secrets: tuple[str, ...] = ()
) -> MoodleError:
    errorcode = str(body.get("errorcode") or "")
    cls: type[MoodleError] = LOGIN_ERRORCODES.get(errorcode, LoginError)
    debuginfo = body.get("debuginfo")
    return cls(
        errorcode,
        scrub(str(body.get("error") or body.get("message") or ""), secrets) or "",
        scrub(str(debuginfo), secrets) if debuginfo else None,
        function="login/token.php",
    )
