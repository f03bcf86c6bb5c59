"""The Moodle web service client: one object per site and token.

    client = MoodleClient("https://moodle.example.edu", token)
    info = client.core_webservice_get_site_info()
    result = client.local_thesisdesk_sync_groups(courseid=2, groups=[{"key": "g1", ...}])

Wire rules (MOODLE.md): POST form bodies only (the token never goes into a URL), PHP-bracket
parameters, 0/1 booleans, integer timestamps, JSON answers, batches split below the site's
max_input_vars. Errors come back as the exceptions of `errors`; warnings are logged and kept
in the answer models.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, Any, BinaryIO
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from thesisdesk.moodle import catalogue
from thesisdesk.moodle.client import encoding, schema
from thesisdesk.moodle.client.errors import (
    AccessDenied,
    FunctionNotInService,
    MoodleClientError,
    MoodleConnectionError,
    MoodleError,
    MoodleHTTPError,
    MoodleNotConfigured,
    MoodleTimeout,
    NotJSONResponse,
    SiteMaintenance,
    UnexpectedAnswer,
    WebServicesDisabled,
    error_from_envelope,
    login_error_from_envelope,
    scrub,
)
from thesisdesk.moodle.client.methods import TypedMethods
from thesisdesk.moodle.client.models import CourseStateUpdate, WebserviceGetSiteInfoResult
from thesisdesk.moodle.client.retry import RetryPolicy

logger = logging.getLogger("thesisdesk.moodle.client")

REST_PATH = "/webservice/rest/server.php"
LOGIN_PATH = "/login/token.php"
UPLOAD_PATH = "/webservice/upload.php"
PLUGINFILE_PATH = "/webservice/pluginfile.php"

# Core writes that give the same result when sent twice (so they may be retried).
IDEMPOTENT_CORE_WRITES = frozenset(
    {
        "core_update_inplace_editable",
        "core_course_update_courses",
        "core_group_add_group_members",
        "core_group_delete_group_members",
        "enrol_manual_enrol_users",
        "enrol_manual_unenrol_users",
        "core_role_assign_roles",
        "mod_assign_save_user_extensions",
    }
)
IDEMPOTENT_COURSEFORMAT_ACTIONS = frozenset({"section_hide", "section_show", "cm_hide", "cm_show"})


class LoginToken(BaseModel):
    """What login/token.php gives: `privatetoken` only over HTTPS, and not for admins."""

    model_config = ConfigDict(extra="ignore")

    token: str
    privatetoken: str | None = None

    def __repr__(self) -> str:  # never print a token by accident
        return "LoginToken(token=<hidden>)"

    __str__ = __repr__


class UploadedFile(BaseModel):
    """One file record of webservice/upload.php (userid comes as a string: read as int)."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    component: str
    contextid: int
    userid: int
    filearea: str
    filename: str
    filepath: str
    itemid: int
    license: str | None = None
    author: str | None = None
    source: str | None = None
    filesize: int


@dataclass
class UploadResult:
    itemid: int
    files: list[UploadedFile]


class UploadRefused(MoodleError):
    """Moodle refused one or more files of an upload (the others are in the draft area)."""

    def __init__(self, failures: list[dict[str, Any]], uploaded: list[UploadedFile]) -> None:
        first = failures[0]
        super().__init__(
            str(first.get("errortype") or first.get("errorcode") or "uploadfailed"),
            "; ".join(f"{f.get('filename', '?')}: {f.get('error', '')}" for f in failures),
            function="webservice/upload.php",
        )
        self.failures = failures
        self.uploaded = uploaded


UploadSource = (
    Path
    | tuple[str, bytes]
    | tuple[str, bytes, str]
    | tuple[str, IO[bytes]]
    | tuple[str, IO[bytes], str]
)


@dataclass
class Download:
    """An open download: iterate for chunks, or `save(fileobj)`; closed by its `with`."""

    response: httpx.Response
    chunk_size: int = 1 << 16
    headers: Mapping[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.headers = self.response.headers

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def content_type(self) -> str:
        return self.response.headers.get("content-type", "")

    @property
    def size(self) -> int | None:
        length = self.response.headers.get("content-length")
        return int(length) if length and length.isdigit() else None

    @property
    def filename(self) -> str | None:
        disposition = self.response.headers.get("content-disposition", "")
        for part in disposition.split(";"):
            name, _, value = part.strip().partition("=")
            if name.lower() == "filename":
                return value.strip('"')
        return None

    def __iter__(self) -> Iterator[bytes]:
        return self.response.iter_bytes(self.chunk_size)

    def save(self, target: BinaryIO) -> int:
        """Write the whole body to `target`, chunk by chunk; returns the bytes written."""
        written = 0
        for chunk in self:
            target.write(chunk)
            written += len(chunk)
        return written


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(result: Any) -> TypeAdapter[Any]:
    """The (cached) validator of an answer type: a model class or e.g. list[Model]."""
    adapter = _ADAPTERS.get(result)
    if adapter is None:
        adapter = _ADAPTERS[result] = TypeAdapter(result)
    return adapter


class MoodleClient(TypedMethods):
    """A Moodle site seen through one web service token."""

    def __init__(
        self,
        base_url: str,
        token: str = "",
        *,
        timeout: float = 30.0,
        max_input_vars: int = 1000,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        check_params: bool = True,
        sleep: Any = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self.timeout = timeout
        self.max_input_vars = max_input_vars
        self.retry = retry or RetryPolicy()
        self.check_params = check_params
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": "ThesisDesk Moodle client", "Accept": "application/json"},
        )

    @classmethod
    def from_settings(cls, **overrides: Any) -> MoodleClient:
        """The client for the site configured in settings (MOODLE_URL, MOODLE_TOKEN...)."""
        from django.conf import settings

        options: dict[str, Any] = {
            "timeout": settings.MOODLE_TIMEOUT,
            "max_input_vars": settings.MOODLE_MAX_INPUT_VARS,
            "retry": RetryPolicy(attempts=settings.MOODLE_RETRIES + 1),
        }
        options.update(overrides)
        # Without MOODLE_URL every call raises MoodleNotConfigured (callers already handle
        # MoodleClientError from calls; constructing the client never fails).
        return cls(settings.MOODLE_URL, settings.MOODLE_TOKEN, **options)

    def __repr__(self) -> str:
        return f"MoodleClient({self.base_url!r}, token=<hidden>)"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> MoodleClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def with_token(self, token: str) -> MoodleClient:
        """Another client on the same site and settings, acting with `token`."""
        return MoodleClient(
            self.base_url,
            token,
            timeout=self.timeout,
            max_input_vars=self.max_input_vars,
            retry=self.retry,
            transport=self._http._transport,
            check_params=self.check_params,
            sleep=self._sleep,
        )

    @property
    def _secrets(self) -> tuple[str, ...]:
        return (self._token,) if self._token else ()

    # -- REST -----------------------------------------------------------------------------
    def call(self, function: str, params: Mapping[str, Any] | None = None) -> Any:
        """Call `function` with `params` (nested dicts, lists, models) and return the decoded
        JSON answer. Big batches are split below max_input_vars and their answers merged."""
        params = params or {}
        calls = encoding.split_batches(params, max_fields=self.max_input_vars)
        idempotent = self._is_idempotent(function, params)
        results = [self._call_once(function, part, idempotent=idempotent) for part in calls]
        return encoding.merge_results(results)

    def _typed_call(self, function: str, params: dict[str, Any], result: Any) -> Any:
        params = {key: value for key, value in params.items() if value is not None}
        if self.check_params:
            self._check_params(function, params)
        answer = self.call(function, params)
        if function == "core_courseformat_update_course" and isinstance(answer, str):
            answer = encoding.decode_json(answer) if answer else []
        if result is None:
            return None
        try:
            return _adapter(result).validate_python(answer)
        except ValidationError as error:
            raise UnexpectedAnswer(function, _summarize(error)) from None

    def _check_params(self, function: str, params: Mapping[str, Any]) -> None:
        try:
            description = catalogue.describe(function)
        except KeyError:
            return
        problems = schema.params_problems(params, description["parameters"])
        if problems:
            raise ParameterError(function, problems)

    def _is_idempotent(self, function: str, params: Mapping[str, Any]) -> bool:
        if function.startswith(catalogue.PLUGIN_COMPONENT + "_"):
            return True
        if function in IDEMPOTENT_CORE_WRITES:
            return True
        if function == "core_courseformat_update_course":
            return params.get("action") in IDEMPOTENT_COURSEFORMAT_ACTIONS
        try:
            return bool(catalogue.describe(function).get("type") == "read")
        except KeyError:
            return False

    def _call_once(self, function: str, params: Mapping[str, Any], *, idempotent: bool) -> Any:
        fields = [
            ("wstoken", self._token),
            ("wsfunction", function),
            ("moodlewsrestformat", "json"),
            *encoding.flatten(params),
        ]
        body = urlencode(fields).encode()
        response = self._send(
            "POST",
            REST_PATH,
            content=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            idempotent=idempotent,
            what=function,
        )
        answer = self._decode_rest(response, function)
        warnings = answer.get("warnings") if isinstance(answer, dict) else None
        if warnings:
            for warning in warnings:
                logger.warning(
                    "Moodle warning from %s: %s %s (%s)",
                    function,
                    warning.get("warningcode"),
                    scrub(str(warning.get("message")), self._secrets),
                    warning.get("item") or warning.get("itemid") or "",
                )
        return answer

    def _decode_rest(self, response: httpx.Response, function: str) -> Any:
        status = response.status_code
        text = response.text
        if status == 403 and not text.strip():
            raise WebServicesDisabled(
                "webservicesdisabled",
                "Web services or the REST protocol are disabled on the Moodle site "
                "(HTTP 403, empty answer)",
                function=function,
                status=status,
            )
        if status == 503:
            raise SiteMaintenance(
                "sitemaintenance",
                "The Moodle site is in maintenance mode (HTTP 503)",
                function=function,
                status=status,
                retry_after=_retry_after(response),
            )
        if status != 200:
            raise MoodleHTTPError(status, f"{function}: {_excerpt(text, self._secrets)}")
        try:
            answer = encoding.decode_json(text)
        except ValueError:
            raise NotJSONResponse(
                "notjson",
                f"Moodle's answer is not JSON: {_excerpt(text, self._secrets)}",
                function=function,
                status=status,
            ) from None
        if isinstance(answer, dict) and "exception" in answer and "errorcode" in answer:
            error = error_from_envelope(answer, function=function, secrets=self._secrets)
            if type(error) is AccessDenied and function != "core_webservice_get_site_info":
                error = self._explain_access_denied(error, function)
            raise error
        return answer

    def _explain_access_denied(self, error: MoodleError, function: str) -> MoodleError:
        """accessexception hides its reason: when the function is missing from the token's
        service, say so."""
        try:
            info = self.call("core_webservice_get_site_info")
        except MoodleClientError:
            return error
        names = {f.get("name") for f in info.get("functions", []) if isinstance(f, dict)}
        if names and function not in names:
            return FunctionNotInService(
                error.errorcode,
                f"{function} is not in the token's web service: add it to the service in "
                "Site administration > Server > Web services > External services",
                error.debuginfo,
                exception=error.exception,
                function=function,
            )
        return error

    # -- transport and retries ------------------------------------------------------------
    def _send(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool,
        what: str,
        stream: bool = False,
        **kwargs: Any,
    ) -> httpx.Response:
        if not self.base_url:
            raise MoodleNotConfigured(
                f"{what}: no Moodle site configured: set MOODLE_URL and MOODLE_TOKEN "
                "(or start the simulator with `thesisdesk moodle sim`)"
            )
        attempt = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            try:
                request = self._http.build_request(method, path, **kwargs)
                response = self._http.send(request, stream=stream)
            except (httpx.ConnectError, httpx.ConnectTimeout) as error:
                # The request never reached Moodle: always safe to send again.
                failure: MoodleClientError = (
                    MoodleTimeout(f"{what}: connecting to {self.base_url} timed out")
                    if isinstance(error, httpx.ConnectTimeout)
                    else MoodleConnectionError(f"{what}: cannot reach {self.base_url}: {error}")
                )
                if self._may_retry(attempt, True, None):
                    self._wait(attempt, None, what, failure)
                    continue
                raise failure from None
            except httpx.TimeoutException:
                failure = MoodleTimeout(f"{what}: {self.base_url} did not answer in time")
                if self._may_retry(attempt, idempotent, None):
                    self._wait(attempt, None, what, failure)
                    continue
                raise failure from None
            except httpx.TransportError as error:
                failure = MoodleConnectionError(
                    f"{what}: connection to {self.base_url} failed: {type(error).__name__}"
                )
                if self._may_retry(attempt, idempotent, None):
                    self._wait(attempt, None, what, failure)
                    continue
                raise failure from None
            elapsed = (time.perf_counter() - started) * 1000
            logger.debug("%s %s -> %s in %.1f ms", what, path, response.status_code, elapsed)
            if response.status_code in self.retry.retry_statuses:
                retry_after = _retry_after(response)
                if self._may_retry(attempt, idempotent, retry_after):
                    if stream:
                        response.close()
                    self._wait(
                        attempt, retry_after, what, MoodleHTTPError(response.status_code, "")
                    )
                    continue
            return response

    def _may_retry(self, attempt: int, idempotent: bool, retry_after: float | None) -> bool:
        return idempotent and self.retry.allows(attempt) and self.retry.honours(retry_after)

    def _wait(self, attempt: int, retry_after: float | None, what: str, failure: Exception) -> None:
        delay = self.retry.delay(attempt, retry_after)
        logger.info("%s failed (%s); retry %d in %.2f s", what, failure, attempt, delay)
        self._sleep(delay)

    # -- sign-in --------------------------------------------------------------------------
    def login_token(self, username: str, password: str, service: str) -> LoginToken:
        """A token for `username` on `service` from login/token.php (raises a LoginError
        subclass by errorcode: InvalidLogin, CannotCreateToken, ServiceNotAvailable...)."""
        response = self._send(
            "POST",
            LOGIN_PATH,
            data={"username": username, "password": password, "service": service},
            idempotent=True,
            what="login/token.php",
        )
        secrets = (*self._secrets, password)
        if response.status_code == 503:
            raise SiteMaintenance(
                "sitemaintenance",
                "The Moodle site is in maintenance mode (HTTP 503)",
                function="login/token.php",
                status=503,
                retry_after=_retry_after(response),
            )
        if response.status_code != 200:
            raise MoodleHTTPError(
                response.status_code, f"login/token.php: {_excerpt(response.text, secrets)}"
            )
        try:
            answer = encoding.decode_json(response.text)
        except ValueError:
            raise NotJSONResponse(
                "notjson",
                f"login/token.php did not answer JSON: {_excerpt(response.text, secrets)}",
                function="login/token.php",
            ) from None
        if isinstance(answer, dict) and "errorcode" in answer:
            raise login_error_from_envelope(answer, secrets=secrets)
        if not isinstance(answer, dict) or not answer.get("token"):
            raise NotJSONResponse(
                "notoken",
                "login/token.php answered without a token",
                function="login/token.php",
            )
        return LoginToken.model_validate(answer)

    # -- files ----------------------------------------------------------------------------
    def upload(
        self,
        files: Sequence[UploadSource],
        itemid: int = 0,
        *,
        filepath: str = "/",
    ) -> UploadResult:
        """Put files in the token user's draft area (webservice/upload.php, multipart).

        `files`: paths, or (name, bytes-or-binary-file[, content type]) tuples. `itemid` 0
        starts a new draft area; give a previous result's itemid to add to it. Returns the
        draft item id to pass on (e.g. to local_thesisdesk_publish_files) and the records.
        Not retried: a repeated upload would add the files twice.
        """
        parts: list[tuple[str, tuple[str, Any, str]]] = []
        opened: list[IO[bytes]] = []
        try:
            for index, source in enumerate(files, start=1):
                if isinstance(source, Path):
                    handle: IO[bytes] = source.open("rb")
                    opened.append(handle)
                    parts.append((f"file_{index}", (source.name, handle, _guess_type(source.name))))
                else:
                    name, content = source[0], source[1]
                    content_type = source[2] if len(source) > 2 else _guess_type(name)
                    parts.append((f"file_{index}", (name, content, content_type)))
            response = self._send(
                "POST",
                UPLOAD_PATH,
                data={
                    "token": self._token,
                    "filearea": "draft",
                    "itemid": str(int(itemid)),
                    "filepath": filepath,
                },
                files=parts,
                idempotent=False,
                what="webservice/upload.php",
            )
        finally:
            for handle in opened:
                handle.close()
        answer = self._decode_files_answer(response, "webservice/upload.php")
        if isinstance(answer, dict):
            raise error_from_envelope(
                answer, function="webservice/upload.php", secrets=self._secrets
            )
        if not isinstance(answer, list):
            raise NotJSONResponse(
                "unexpected", "webservice/upload.php answered neither a list nor an error"
            )
        failures = [entry for entry in answer if isinstance(entry, dict) and "error" in entry]
        uploaded = [
            UploadedFile.model_validate(entry)
            for entry in answer
            if isinstance(entry, dict) and "error" not in entry
        ]
        if failures:
            raise UploadRefused(failures, uploaded)
        item = uploaded[0].itemid if uploaded else int(itemid)
        return UploadResult(itemid=item, files=uploaded)

    def _decode_files_answer(self, response: httpx.Response, what: str) -> Any:
        status = response.status_code
        if status == 413:
            raise MoodleHTTPError(413, f"{what}: the web server refused a request this big")
        if status == 503:
            raise SiteMaintenance(
                "sitemaintenance",
                "The Moodle site is in maintenance mode (HTTP 503)",
                function=what,
                status=503,
                retry_after=_retry_after(response),
            )
        text = response.text
        try:
            answer = encoding.decode_json(text)
        except ValueError:
            if status != 200:
                raise MoodleHTTPError(status, f"{what}: {_excerpt(text, self._secrets)}") from None
            raise NotJSONResponse(
                "notjson",
                f"{what} did not answer JSON: {_excerpt(text, self._secrets)}",
                function=what,
            ) from None
        if isinstance(answer, dict) and "errorcode" in answer:
            raise error_from_envelope(answer, function=what, status=status, secrets=self._secrets)
        if status != 200:
            raise MoodleHTTPError(status, f"{what}: {_excerpt(text, self._secrets)}")
        return answer

    def file_path(self, url_or_path: str) -> str:
        """The webservice/pluginfile.php path of a file URL, any token query removed.

        Accepts a webservice/pluginfile.php URL (from mod_assign_get_submissions), a
        /pluginfile.php URL (from core_files_get_files: rewritten to the web service
        endpoint) or a path such as "/25/mod_assign/introattachment/0/guide.pdf".
        """
        parts = urlsplit(url_or_path)
        path = parts.path
        base_path = urlsplit(self.base_url).path
        if base_path and path.startswith(base_path + "/"):
            path = path[len(base_path) :]
        if path.startswith(PLUGINFILE_PATH):
            pass
        elif path.startswith("/pluginfile.php"):
            path = PLUGINFILE_PATH + path[len("/pluginfile.php") :]
        else:
            path = PLUGINFILE_PATH + ("" if path.startswith("/") else "/") + path
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "token"]
        return urlunsplit(("", "", path, urlencode(query), ""))

    @contextmanager
    def download(
        self, url_or_path: str, *, byte_range: tuple[int, int | None] | None = None
    ) -> Iterator[Download]:
        """Stream a file from webservice/pluginfile.php; the body is never held in memory.

            with client.download(fileurl) as download:
                download.save(open("memoire.pdf", "wb"))

        The token goes in the POST body, never in the URL. `byte_range=(start, end)` asks
        for part of the file (end inclusive, None for the rest): the answer is then 206.
        """
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if byte_range is not None:
            start, end = byte_range
            headers["Range"] = f"bytes={start}-{'' if end is None else end}"
        response = self._send(
            "POST",
            self.file_path(url_or_path),
            content=urlencode({"token": self._token}).encode(),
            headers=headers,
            idempotent=True,
            what="webservice/pluginfile.php",
            stream=True,
        )
        try:
            # A file is served with Content-Disposition; an error envelope (JSON, sometimes
            # with HTTP 200) never is. A .json file must still download.
            is_file = "content-disposition" in response.headers
            is_json = response.headers.get("content-type", "").startswith("application/json")
            if response.status_code not in (200, 206) or (is_json and not is_file):
                response.read()
                self._raise_download_error(response)
            yield Download(response)
        finally:
            response.close()

    def download_to(self, url_or_path: str, target: BinaryIO) -> int:
        """Download a file into `target`; returns the number of bytes written."""
        with self.download(url_or_path) as download:
            return download.save(target)

    def _raise_download_error(self, response: httpx.Response) -> None:
        what = "webservice/pluginfile.php"
        status = response.status_code
        text = response.text
        try:
            answer = encoding.decode_json(text)
        except ValueError:
            answer = None
        if isinstance(answer, dict) and "errorcode" in answer:
            raise error_from_envelope(answer, function=what, status=status, secrets=self._secrets)
        if status == 503:
            raise SiteMaintenance(
                "sitemaintenance",
                "The Moodle site is in maintenance mode (HTTP 503)",
                function=what,
                status=503,
                retry_after=_retry_after(response),
            )
        if status == 200:
            raise NotJSONResponse(
                "notjson", f"{what}: unexpected answer {_excerpt(text, self._secrets)}"
            )
        raise MoodleHTTPError(status, f"{what}: {_excerpt(text, self._secrets)}")

    # -- site -----------------------------------------------------------------------------
    @cached_property
    def site_info(self) -> WebserviceGetSiteInfoResult:
        """core_webservice_get_site_info, fetched once per client."""
        return self.core_webservice_get_site_info()

    @property
    def moodle_version(self) -> str:
        """ "4.5", "5.1"... from the site's release string."""
        return version_of_release(self.site_info.release or "")

    def decode_course_state(self, answer: str) -> list[CourseStateUpdate]:
        """The updates in core_courseformat_update_course's JSON string."""
        return [CourseStateUpdate.model_validate(u) for u in encoding.decode_json(answer)]


def version_of_release(release: str) -> str:
    """ "4.5" from "4.5.5+ (Build: 20250613)", "5.1" from "5.1+ (Build: 20251017)" (a x.y.0
    release has no third number, and weekly builds add a "+"); "" when there is none."""
    match = re.match(r"\s*(\d+)\.(\d+)", release)
    return f"{match.group(1)}.{match.group(2)}" if match else ""


class ParameterError(MoodleClientError, ValueError):
    """The parameters would be refused by Moodle: raised before sending, naming the fields
    (Moodle's own `invalidparameter` never says which)."""

    def __init__(self, function: str, problems: list[str]) -> None:
        super().__init__(f"{function}: invalid parameters: {'; '.join(problems[:5])}")
        self.function = function
        self.problems = problems


def _summarize(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        location = ".".join(str(part) for part in item["loc"])
        parts.append(f"{location}: {item['msg']}")
    more = error.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _excerpt(text: str, secrets: tuple[str, ...], limit: int = 200) -> str:
    flat = " ".join(text.split())
    if not flat:
        return "(empty answer)"
    cleaned = scrub(flat, secrets) or ""
    return cleaned[:limit] + ("…" if len(cleaned) > limit else "")


def _guess_type(name: str) -> str:
    import mimetypes

    return mimetypes.guess_type(name)[0] or "application/octet-stream"
