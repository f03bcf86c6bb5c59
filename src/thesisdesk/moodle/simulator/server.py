"""The simulator's HTTP server: Moodle's endpoints on Moodle's paths.

- `/webservice/rest/server.php`   REST (form or multipart POST, or GET), JSON or XML
- `/login/token.php`              sign-in, tokens per user and service
- `/webservice/upload.php`        multipart upload into the caller's draft area
- `/webservice/pluginfile.php/…`  downloads with a token (Range, HEAD)
- `/pluginfile.php/…`             the browser endpoint: always a redirect to the login page
- `/simulator/`                   simulator-only: a page and a JSON endpoint to act as a student
"""

from __future__ import annotations

import html
import json
import re
import time
import traceback
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from . import protocol, teacher_page
from .core_functions import FUNCTIONS, Call
from .plugin_functions import FUNCTIONS as _ALL_FUNCTIONS  # noqa: F401 - registers the plugin's functions
from .site import KNOWN_UNSIMULATED_FUNCTIONS, Site, file_icon

if TYPE_CHECKING:
    from collections.abc import Iterable

REST_HEADERS = (
    ("Cache-Control", "private, must-revalidate, pre-check=0, post-check=0, max-age=0"),
    ("Expires", "Thu, 01 Jan 1970 00:00:00 GMT"),
    ("Pragma", "no-cache"),
    ("Accept-Ranges", "none"),
    ("Access-Control-Allow-Origin", "*"),
)
SCRIPT_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Cache-Control", "no-store, no-cache, must-revalidate, post-check=0, pre-check=0"),
    ("Pragma", "no-cache"),
    ("Expires", "Mon, 20 Aug 1969 09:23:00 GMT"),
)
DOWNLOAD_CACHE = "private, must-revalidate, pre-check=0, post-check=0, max-age=0, no-transform"
WEB_SERVER_BODY_LIMIT = 110 * 1024 * 1024
MOBILE_SERVICE = "moodle_mobile_app"

REDIRECT_PAGE = "<!DOCTYPE html>\n<html><head><title>Redirect</title></head><body></body></html>\n"
NGINX_413 = (
    "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
    "<center><h1>413 Request Entity Too Large</h1></center>\r\n"
    "<hr><center>nginx/1.22.1</center>\r\n"
    "</body>\r\n</html>\r\n"
)


def maintenance_page(sitename: str) -> str:
    name = html.escape(sitename)
    return (
        '<!DOCTYPE html>\n<html  lang="en" xml:lang="en">\n    <head>\n'
        '        <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"                <title>{name} under maintenance</title>\n    </head>\n    <body>\n"
        f'<div id="page"><div id="region-main"><h1>{name}</h1>'
        "<p>This site is undergoing maintenance and is currently not available</p></div></div>\n"
        "    </body>\n</html>\n"
    )


# ---------------------------------------------------------------------------- XML format
def _xml_escape(value: str) -> str:
    """PHP's htmlspecialchars with ENT_COMPAT: single quotes stay as they are."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def xmlize(value: Any, node: dict[str, Any] | None) -> str:
    """Moodle's REST XML encoding, driven by the function's return description."""
    if node is None:
        return ""
    kind = node["kind"]
    if kind == "value":
        if value is None:
            return '<VALUE null="null"/>\n'
        if isinstance(value, bool):
            value = int(value)
        return f"<VALUE>{_xml_escape(str(value))}</VALUE>\n"
    if kind == "multiple_structure":
        inner = "".join(xmlize(item, node["content"]) for item in (value or []))
        return f"<MULTIPLE>\n{inner}</MULTIPLE>\n"
    parts = ["<SINGLE>\n"]
    for key, child in node["keys"].items():
        if not isinstance(value, dict) or key not in value:
            if child["required"] == "VALUE_OPTIONAL":
                continue
            item = None
        else:
            item = value[key]
        parts.append(f'<KEY name="{key}">{xmlize(item, child)}</KEY>\n')
    parts.append("</SINGLE>\n")
    return "".join(parts)


def xml_response(value: Any, node: dict[str, Any] | None) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" ?>\n<RESPONSE>\n{xmlize(value, node)}</RESPONSE>\n'
    )


def xml_exception(error: protocol.MoodleException) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        f'<EXCEPTION class="{_xml_escape(error.exception)}">\n'
        f"<ERRORCODE>{_xml_escape(error.errorcode)}</ERRORCODE>\n"
        f"<MESSAGE>{_xml_escape(error.message)}</MESSAGE>\n</EXCEPTION>\n"
    )


# ---------------------------------------------------------------------------- multipart
class Part:
    def __init__(self, name: str, filename: str | None, content_type: str, content: bytes) -> None:
        self.name = name
        self.filename = filename
        self.content_type = content_type
        self.content = content


def parse_multipart(body: bytes, content_type: str) -> list[Part]:
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        return []
    boundary = b"--" + match.group(1).encode("latin-1")
    parts = []
    for chunk in body.split(boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk
        head, _, content = chunk.partition(b"\r\n\r\n")
        if content.endswith(b"\r\n"):
            content = content[:-2]
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name_match = re.search(r'(?:^|;)\s*name="([^"]*)"', disposition)
        file_match = re.search(r'filename="([^"]*)"', disposition)
        star_match = re.search(r"filename\*=(?:UTF-8|utf-8)''([^;]+)", disposition)
        filename = None
        if star_match:
            filename = unquote(star_match.group(1))
        elif file_match:
            filename = file_match.group(1)
        parts.append(
            Part(
                name_match.group(1) if name_match else "",
                filename,
                headers.get("content-type", ""),
                content,
            )
        )
    return parts


# ---------------------------------------------------------------------------- the handler
class Handler(BaseHTTPRequestHandler):
    server: SimulatorHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    # Without TCP_NODELAY a keep-alive answer waits ~40 ms for the client's delayed ACK.
    disable_nagle_algorithm = True

    @property
    def site(self) -> Site:
        return self.server.site

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: tests and `make run` do not need an access log

    # -- plumbing
    def _send(
        self,
        status: int,
        body: bytes | str,
        content_type: str | None,
        headers: Iterable[tuple[str, str]] = (),
        *,
        head_only: bool = False,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only and data:
            self.wfile.write(data)

    @staticmethod
    def _maintenance_headers() -> list[tuple[str, str]]:
        return [
            ("Retry-After", "300"),
            *SCRIPT_HEADERS[1:],
            ("Last-Modified", formatdate(usegmt=True)),
            ("Accept-Ranges", "none"),
        ]

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _form(self, body: bytes) -> tuple[list[tuple[str, str]], list[Part]]:
        content_type = self.headers.get("Content-Type", "")
        if content_type.startswith("application/x-www-form-urlencoded"):
            return parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True), []
        if content_type.startswith("multipart/form-data"):
            parts = parse_multipart(body, content_type)
            fields = [
                (p.name, p.content.decode("utf-8", "replace")) for p in parts if p.filename is None
            ]
            return fields, [p for p in parts if p.filename is not None]
        return [], []

    def _query(self) -> list[tuple[str, str]]:
        return parse_qsl(urlsplit(self.path).query, keep_blank_values=True)

    def _route(self) -> str:
        return unquote(urlsplit(self.path).path)

    # -- verbs
    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def _dispatch(self, method: str) -> None:
        path = self._route()
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if length > self.site.config.get("web_server_body_limit", WEB_SERVER_BODY_LIMIT):
                self.close_connection = True
                self._send(413, NGINX_413, "text/html")
                return
            if path == "/webservice/rest/server.php":
                self._rest(method)
            elif path == "/login/token.php":
                self._login(method)
            elif path == "/webservice/upload.php":
                self._upload()
            elif path.startswith("/webservice/pluginfile.php/"):
                self._pluginfile(method, path[len("/webservice/pluginfile.php") :])
            elif path.startswith("/pluginfile.php/"):
                self._read_body()
                self._send(
                    303,
                    REDIRECT_PAGE,
                    "text/html; charset=utf-8",
                    [
                        ("Set-Cookie", "MoodleSession=simulated; path=/; HttpOnly"),
                        ("Expires", "Thu, 19 Nov 1981 08:52:00 GMT"),
                        ("Cache-Control", "no-store, no-cache, must-revalidate"),
                        ("Pragma", "no-cache"),
                        ("Location", self.site.base_url + "/login/index.php"),
                    ],
                )
            elif path.startswith("/simulator"):
                self._simulator(method, path)
            elif path in ("/", "/index.php"):
                self._read_body()
                self._send(200, self.server.index_page(), "text/html; charset=utf-8")
            else:
                self._read_body()
                self._send(404, "<h1>Not found</h1>", "text/html; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError):
            return
        except Exception as error:
            traceback.print_exc()
            failure = protocol.moodle_error("generalexceptionmessage", f"Exception - {error}")
            self._send(500, protocol.php_json(failure.rest_body()), "application/json")

    # -- REST
    def _rest(self, method: str) -> None:
        body = self._read_body()
        site = self.site
        config = site.config
        if config["climaintenance"]:
            self._send(
                503,
                maintenance_page(config["sitename"]),
                "text/html; charset=utf-8",
                self._maintenance_headers(),
            )
            return
        if not config["enablewebservices"]:
            self._send(403, b"", "text/html; charset=utf-8")
            return
        limit = config["max_input_vars"]
        form_pairs, _files = self._form(body) if method == "POST" else ([], [])
        params = protocol.decode_php_form(self._query(), limit)
        params.update(protocol.decode_php_form(form_pairs, limit))
        restformat = params.pop("moodlewsrestformat", "xml")
        token = params.pop("wstoken", None)
        function_name = params.pop("wsfunction", None)
        restformat = restformat if restformat in ("json", "xml") else "xml"
        try:
            result, description = self._rest_call(token, function_name, params)
        except protocol.MoodleException as error:
            self._rest_answer(restformat, error=error)
            return
        self._rest_answer(restformat, result=result, description=description)

    def _rest_call(self, token: Any, function_name: Any, params: dict[str, Any]) -> tuple[Any, Any]:
        site = self.site
        with site.lock:
            record = site.data["tokens"].get(token) if isinstance(token, str) else None
            if record is None:
                raise protocol.invalid_token()
            userid = record["userid"]
            user = site.data["users"].get(userid)
            if user is None or user["deleted"]:
                raise protocol.invalid_token()
            if user["suspended"]:
                raise protocol.moodle_error(
                    "wsaccessusersuspended",
                    "Refused web service access for suspended username: " + user["username"],
                )
            if site.config["maintenance_enabled"] and not site.is_siteadmin(userid):
                raise protocol.moodle_error(
                    "sitemaintenance",
                    "The site is undergoing maintenance and is currently not available",
                )
            if not isinstance(function_name, str) or (
                function_name not in site.functions
                and function_name not in KNOWN_UNSIMULATED_FUNCTIONS
            ):
                raise protocol.missing_record(site.version, "external_functions")
            service = site.data["services"].get(record["service"])
            if (
                service is None
                or not service["enabled"]
                or function_name not in service["functions"]
                or (service["restrictedusers"] and userid not in service["authorised_users"])
                or function_name not in FUNCTIONS
            ):
                raise protocol.access_exception()
            description = site.functions[function_name]
            cleaned = protocol.validate(description["parameters"], params)
            call = Call(site=site, userid=userid, service=record["service"], token=token)
            result = FUNCTIONS[function_name](call, cleaned)
            if description["type"] == "write":
                site.save()
            return result, description["returns"]

    def _rest_answer(
        self,
        restformat: str,
        *,
        result: Any = None,
        description: Any = None,
        error: protocol.MoodleException | None = None,
    ) -> None:
        if restformat == "json":
            text = protocol.php_json(error.rest_body() if error else result)
            self._send(200, text, "application/json", REST_HEADERS)
            return
        text = xml_exception(error) if error else xml_response(result, description)
        self._send(
            200,
            text,
            "application/xml; charset=utf-8",
            [("Content-Disposition", 'inline; filename="response.xml"'), *REST_HEADERS],
        )

    # -- login/token.php
    def _script_json(
        self,
        value: Any,
        content_type: str = "application/json; charset=utf-8",
        *,
        cors: bool = False,
    ) -> None:
        headers = [
            *SCRIPT_HEADERS,
            ("Last-Modified", formatdate(usegmt=True)),
            ("Accept-Ranges", "none"),
        ]
        if cors:
            headers[1:1] = [
                ("Access-Control-Allow-Headers", "range"),
                ("Access-Control-Expose-Headers", "Content-Range"),
            ]
        self._send(200, protocol.php_json(value), content_type, headers)

    def _login(self, method: str) -> None:
        body = self._read_body()
        site = self.site
        config = site.config
        if config["climaintenance"]:
            self._send(
                503,
                maintenance_page(config["sitename"]),
                "text/html; charset=utf-8",
                self._maintenance_headers(),
            )
            return
        pairs, _ = self._form(body) if method == "POST" else ([], [])
        fields = dict(self._query())
        fields.update(dict(pairs))
        try:
            token = self._login_token(
                fields.get("username", ""), fields.get("password", ""), fields.get("service", "")
            )
        except protocol.MoodleException as error:
            self._script_json(error.error_body())
            return
        self._script_json({"token": token, "privatetoken": None})

    def _login_token(self, username: str, password: str, service_name: str) -> str:
        site = self.site
        with site.lock:
            if not site.config["enablewebservices"]:
                raise protocol.moodle_error(
                    "enablewsdescription", "Web services must be enabled in Advanced features."
                )
            user = site.user_by_username(username.strip().lower())
            if (
                user is None
                or not user["password"]
                or user["password"] != password
                or user["suspended"]
            ):
                raise protocol.moodle_error("invalidlogin", "Invalid login, please try again")
            if site.config["maintenance_enabled"] and not site.is_siteadmin(user["id"]):
                raise protocol.moodle_error(
                    "sitemaintenance",
                    "The site is undergoing maintenance and is currently not available",
                )
            service = site.data["services"].get(service_name)
            if service is None or not service["enabled"]:
                raise protocol.moodle_error(
                    "servicenotavailable",
                    "Web service is not available. (It doesn't exist or might be disabled.)",
                )
            if service["restrictedusers"] and user["id"] not in service["authorised_users"]:
                raise protocol.moodle_error(
                    "usernotallowed", f"The user is not allowed for this service. {service_name}"
                )
            existing = site.token_for(user["id"], service_name)
            if existing is not None:
                return existing
            capability = (
                "moodle/webservice:createmobiletoken"
                if service_name == MOBILE_SERVICE
                else "moodle/webservice:createtoken"
            )
            if site.is_siteadmin(user["id"]) or not site.has_capability(user["id"], capability):
                raise protocol.moodle_error(
                    "cannotcreatetoken",
                    f"No permission to create web service token for the service {service_name}.",
                )
            return site.create_token(user["id"], service_name)

    # -- webservice/upload.php
    def _upload(self) -> None:
        body = self._read_body()
        pairs, files = self._form(body)
        fields = dict(self._query())
        fields.update(dict(pairs))
        content_type = "text/plain; charset=utf-8" if files else "application/json; charset=utf-8"
        try:
            answer = self._store_upload(fields, files)
        except protocol.MoodleException as error:
            self._script_json(error.error_body(), content_type)
            return
        self._script_json(answer, content_type)

    def _authenticate(self, token: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
        site = self.site
        if not site.config["enablewebservices"]:
            raise protocol.access_exception()
        record = site.data["tokens"].get(token or "")
        if record is None:
            raise protocol.invalid_token()
        service = site.data["services"].get(record["service"])
        if service is None or not service["enabled"]:
            raise protocol.access_exception()
        if site.config["maintenance_enabled"] and not site.is_siteadmin(record["userid"]):
            raise protocol.moodle_error(
                "sitemaintenance",
                "The site is undergoing maintenance and is currently not available",
            )
        return record, service

    def _store_upload(self, fields: dict[str, str], files: list[Part]) -> list[dict[str, Any]]:
        site = self.site
        with site.lock:
            record, service = self._authenticate(fields.get("token"))
            if not service["uploadfiles"]:
                raise protocol.access_exception()
            if not files:
                return []
            for part in files:
                if len(part.content) > site.config["upload_max_filesize"]:
                    raise protocol.moodle_error(
                        "upload_error_ini_size", "The file is larger than the maximum size allowed."
                    )
            userid = record["userid"]
            user = site.data["users"][userid]
            contextid = site.context_of("user", userid)
            itemid = (
                int(fields.get("itemid") or 0) if (fields.get("itemid") or "0").isdigit() else 0
            )
            if not itemid:
                itemid = site.new_draft_itemid()
            filepath = fields.get("filepath") or "/"
            answer: list[dict[str, Any]] = []
            for part in files:
                filename = part.filename or "file"
                error_prefix: dict[str, Any] = {}
                if site.version != "4.5":
                    error_prefix["avscantime"] = 0.0001
                maxbytes = site.config["maxbytes"]
                if maxbytes and len(part.content) > maxbytes:
                    answer.append(
                        {
                            **error_prefix,
                            "filename": filename,
                            "errortype": "fileoversized",
                            "error": "[[maxbytes]]",
                        }
                    )
                    continue
                if (
                    site.find_file(contextid, "user", "draft", itemid, filepath, filename)
                    is not None
                ):
                    answer.append(
                        {
                            **error_prefix,
                            "filename": filename,
                            "filepath": f"/tmp/php{secrets_suffix()}",
                            "size": len(part.content),
                            "errortype": "filenameexist",
                            "error": f"File name already exists: {filename}",
                        }
                    )
                    continue
                author = site.fullname(userid)
                source = _php_serialized_source(filename)
                site.add_file(
                    contextid=contextid,
                    component="user",
                    filearea="draft",
                    itemid=itemid,
                    filepath=filepath,
                    filename=filename,
                    content=part.content,
                    userid=userid,
                    author=author,
                    license="unknown",
                    source=source,
                )
                answer.append(
                    {
                        "component": "user",
                        "contextid": contextid,
                        "userid": str(userid),
                        "filearea": "draft",
                        "filename": filename,
                        "filepath": filepath,
                        "itemid": itemid,
                        "license": "unknown",
                        "author": author,
                        "source": source,
                        "filesize": len(part.content),
                    }
                )
            del user
            site.save()
            return answer

    # -- webservice/pluginfile.php
    def _pluginfile(self, method: str, relative: str) -> None:
        body = self._read_body()
        site = self.site
        # Moodle reads the token with required_param(): query string or POST body.
        fields = dict(self._query())
        if method == "POST":
            fields.update(dict(self._form(body)[0]))
        token = fields.get("token")
        try:
            with site.lock:
                record, service = self._authenticate(token)
                if not service["downloadfiles"]:
                    raise protocol.access_exception()
                found = self._find_download(relative, record["userid"])
                content = site.get_blob(found["blob"]) if found else b""
        except protocol.MoodleException as error:
            self._script_json(error.error_body(), cors=True)
            return
        if found is None:
            headers = [
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Headers", "range"),
                ("Access-Control-Expose-Headers", "Content-Range"),
                *SCRIPT_HEADERS[1:],
                ("Last-Modified", formatdate(usegmt=True)),
                ("Accept-Ranges", "none"),
            ]
            not_found = protocol.moodle_error(
                "filenotfound", "Sorry, the requested file could not be found"
            )
            self._send(
                404,
                protocol.php_json(not_found.error_body()),
                "application/json; charset=utf-8",
                headers,
            )
            return
        self._send_file(method, found, content)

    def _find_download(self, relative: str, userid: int) -> dict[str, Any] | None:
        site = self.site
        parts = relative.strip("/").split("/")
        if len(parts) < 5 or not parts[0].isdigit() or not parts[3].isdigit():
            return None
        contextid, component, filearea, itemid = int(parts[0]), parts[1], parts[2], int(parts[3])
        filename = parts[-1]
        filepath = "/" + "/".join(parts[4:-1]) + ("/" if len(parts) > 5 else "")
        if filearea == "draft":
            return None
        found = site.find_file(contextid, component, filearea, itemid, filepath, filename)
        if found is None:
            return None
        context = site.data["contexts"].get(contextid, {})
        if context.get("level") == "module":
            cm = site.data["cms"].get(context["instance"])
            if cm is None:
                return None
            courseid = cm["course"]
            if component == "assignsubmission_file":
                submission = site.data["submissions"].get(itemid)
                if submission is None:
                    return None
                if submission["userid"] != userid and not site.has_capability(
                    userid, "mod/assign:viewgrades", courseid
                ):
                    return None
            elif not site.is_enrolled(courseid, userid) and not site.has_capability(
                userid, "moodle/course:update", courseid
            ):
                return None
        return found

    def _send_file(self, method: str, found: dict[str, Any], content: bytes) -> None:
        size = len(content)
        etag = f'"{found["timemodified"]:x}-{size:x}"'
        headers = [
            ("Last-Modified", formatdate(found["timemodified"], usegmt=True)),
            # Moodle writes the name raw, as UTF-8 bytes (only IE and Edge get it URL-encoded).
            (
                "Content-Disposition",
                f'inline; filename="{found["filename"]}"'.encode().decode("latin-1"),
            ),
            ("Cache-Control", DOWNLOAD_CACHE),
            ("Expires", "Thu, 01 Jan 1970 00:00:00 GMT"),
        ]
        # Like Moodle's readfile_accel(): text/plain is sent whole (no byte ranges, a UTF-8
        # charset), and a range Moodle cannot serve is ignored (200 with the whole file,
        # never 416).
        plain = found["mimetype"] == "text/plain"
        mimetype = "text/plain; charset=utf-8" if plain else found["mimetype"]
        range_header = None if plain else self.headers.get("Range")
        start: int | None = None
        end: int | None = None
        if range_header:
            match = re.fullmatch(r"bytes=(\d*)-(\d*)", range_header.strip())
            if match and (match.group(1) or match.group(2)):
                if match.group(1):
                    start = int(match.group(1))
                    end = int(match.group(2)) if match.group(2) else size - 1
                else:
                    start = max(0, size - int(match.group(2)))
                    end = size - 1
                end = min(end, size - 1)
        if start is not None and end is not None and start <= end and start < size:
            self.send_response(206)
            self.send_header("Content-Type", found["mimetype"])
            self.send_header("Content-Length", str(end - start + 1))
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("ETag", etag)
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(content[start : end + 1])
            return
        self.send_response(200)
        self.send_header("Content-Type", mimetype)
        self.send_header("Content-Length", str(size))
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Accept-Ranges", "none" if plain else "bytes, bytes")
        self.send_header("ETag", etag)
        self.end_headers()
        if method != "HEAD":
            view = memoryview(content)
            for offset in range(0, size, 1 << 20):
                self.wfile.write(view[offset : offset + (1 << 20)])

    # -- simulator-only pages
    def _simulator(self, method: str, path: str) -> None:
        body = self._read_body()
        site = self.site
        if path.rstrip("/") == "/simulator/api/submit" and method == "POST":
            pairs, files = self._form(body)
            fields = dict(self._query())
            fields.update(dict(pairs))
            try:
                with site.lock:
                    record, _service = self._authenticate(fields.get("token"))
                    assignid = int(fields.get("assignid", "0") or 0)
                    draft = fields.get("draftitemid")
                    uploaded = [(p.filename or "file", p.content) for p in files]
                    submissionid = site.submit(
                        record["userid"],
                        assignid,
                        uploaded or None,
                        draftitemid=int(draft) if draft and draft.isdigit() else None,
                    )
            except protocol.MoodleException as error:
                self._script_json(error.error_body())
                return
            except ValueError:
                self._script_json(protocol.invalid_parameter().error_body())
                return
            self._script_json({"submissionid": submissionid, "status": "submitted"})
            return
        if path.rstrip("/") == "/simulator/login" and method == "POST":
            fields = dict(self._form(body)[0])
            userid = self._student_sign_in(fields)
            if userid is None:
                page = self.server.student_page(None, "Invalid login, please try again.")
                self._send(200, page, "text/html; charset=utf-8")
                return
            session = self.server.student_session_start(userid)
            after = "/simulator/teacher" if fields.get("next") == "/simulator/teacher" else ""
            self._send(
                303,
                "",
                "text/html; charset=utf-8",
                [
                    ("Set-Cookie", f"{STUDENT_COOKIE}={session}; path=/simulator; HttpOnly"),
                    ("Location", after or "/simulator/"),
                ],
            )
            return
        if path.rstrip("/").startswith("/simulator/teacher"):
            self._teacher(method, path.rstrip("/"), body)
            return
        if path.rstrip("/") == "/simulator/logout" and method == "POST":
            self.server.student_sessions.pop(self._student_cookie(), None)
            self._send(
                303,
                "",
                "text/html; charset=utf-8",
                [
                    ("Set-Cookie", f"{STUDENT_COOKIE}=; path=/simulator; Max-Age=0"),
                    ("Location", "/simulator/"),
                ],
            )
            return
        if path.rstrip("/") == "/simulator/deposit" and method == "POST":
            pairs, files = self._form(body)
            fields = dict(pairs)
            # The signed-in student (cookie), or a username and password sent with the form.
            userid = self.server.student_sessions.get(self._student_cookie())
            if userid is None and "username" in fields:
                userid = self._student_sign_in(fields)
                if userid is None:
                    page = self.server.student_page(None, "Invalid login, please try again.")
                    self._send(200, page, "text/html; charset=utf-8")
                    return
            if userid is None:
                page = self.server.student_page(None, "Sign in to deposit a file.")
                self._send(200, page, "text/html; charset=utf-8")
                return
            message = self._deposit_from_form(userid, fields, files)
            self._send(200, self.server.student_page(userid, message), "text/html; charset=utf-8")
            return
        if path.rstrip("/") == "/simulator/state" and method == "GET":
            with site.lock:
                summary = {
                    "version": site.version,
                    "courses": len(site.data["courses"]),
                    "users": len(site.data["users"]),
                    "webhook_deliveries": site.webhook_deliveries[-20:],
                }
            self._send(200, json.dumps(summary), "application/json")
            return
        userid = self.server.student_sessions.get(self._student_cookie())
        self._send(200, self.server.student_page(userid, ""), "text/html; charset=utf-8")

    def _teacher(self, method: str, path: str, body: bytes) -> None:
        """The teacher's hand edits (simulator/teacher_page.py)."""
        userid = self.server.student_sessions.get(self._student_cookie())
        message = ""
        if method == "POST" and userid is not None:
            fields = dict(self._form(body)[0])
            if path == "/simulator/teacher/section":
                message = teacher_page.edit_section(self.site, userid, fields)
            elif path == "/simulator/teacher/activity":
                message = teacher_page.delete_activity(self.site, userid, fields)
        page = teacher_page.teacher_page(self.site, userid, message)
        self._send(200, page, "text/html; charset=utf-8")

    def _student_cookie(self) -> str:
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == STUDENT_COOKIE:
                return value
        return ""

    def _student_sign_in(self, fields: dict[str, str]) -> int | None:
        """The user id for a username and password (like Moodle's login form), or None."""
        with self.site.lock:
            user = self.site.user_by_username(fields.get("username", "").strip().lower())
            if user is None or user["suspended"] or user["password"] != fields.get("password"):
                return None
            return int(user["id"])

    def _deposit_from_form(self, userid: int, fields: dict[str, str], files: list[Part]) -> str:
        site = self.site
        with site.lock:
            uploaded = [(p.filename or "file", p.content) for p in files if p.filename]
            if not uploaded:
                return "Choose a file to deposit."
            try:
                assignid = int(fields.get("assignid", "0"))
            except ValueError:
                assignid = 0
            # As in Moodle, a student submits only to an assignment they can see: enrolled,
            # the activity and its section visible and not restricted to another group.
            if assignid not in {a["id"] for a, _section in student_assignments(site, userid)}:
                return "The deposit failed: you cannot submit to this assignment."
            try:
                submissionid = site.submit(userid, assignid, uploaded)
            except (protocol.MoodleException, KeyError) as error:
                return f"The deposit failed: {getattr(error, 'message', error)}"
            return (
                f"Deposited {len(uploaded)} file(s): submission {submissionid} "
                "is submitted for grading."
            )


STUDENT_COOKIE = "SimulatorStudent"


def _available(site: Site, availability: dict[str, Any] | None, userid: int) -> bool:
    for condition in (availability or {}).get("c", []):
        if condition.get("type") == "group" and condition.get("id"):
            group = site.data["groups"].get(condition["id"])
            if group is None or userid not in group["members"]:
                return False
    return True


def student_assignments(site: Site, userid: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(assignment, section) pairs a student sees in their courses, in course order: the
    activity and its section visible, and neither restricted to a group they are not in."""
    found = []
    for courseid in sorted(site.data["courses"]):
        if not site.is_enrolled(courseid, userid):
            continue
        for section in site.course_sections(courseid):
            if not section["visible"] or not _available(site, section.get("availability"), userid):
                continue
            for cmid in section["sequence"]:
                cm = site.data["cms"][cmid]
                if cm["module"] != "assign" or not cm["visible"]:
                    continue
                if not _available(site, cm.get("availability"), userid):
                    continue
                found.append((site.data["assigns"][cm["instance"]], section))
    return found


def secrets_suffix() -> str:
    import secrets

    return secrets.token_urlsafe(5).replace("-", "x").replace("_", "y")[:6]


def _php_serialized_source(filename: str) -> str:
    inner = f's:6:"source";s:{len(filename.encode("utf-8"))}:"{filename}";'
    return f'O:8:"stdClass":1:{{{inner}}}'


class SimulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], site: Site) -> None:
        self.site = site
        self.student_sessions: dict[str, int] = {}  # the student page's sign-ins
        super().__init__(address, Handler)

    def index_page(self) -> str:
        site = self.site
        return (
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            "<title>Moodle (simulated)</title></head><body>"
            f"<h1>{html.escape(site.config['sitename'])}</h1>"
            f"<p>This is ThesisDesk's <strong>Moodle simulator</strong> (behaving like Moodle "
            f"{html.escape(site.config['release'])}), not a real Moodle site.</p>"
            "<p><a href='/simulator/'>Deposit a file as a student</a></p></body></html>"
        )

    def student_session_start(self, userid: int) -> str:
        import secrets

        session = secrets.token_urlsafe(24)
        self.student_sessions[session] = userid
        return session

    def student_page(self, userid: int | None, message: str) -> str:
        """The simulator's student page: sign in, then the assignments this student sees,
        each with their submission and a form to submit files for grading."""
        site = self.site
        notice = f"<p role='status'><strong>{html.escape(message)}</strong></p>" if message else ""
        head = (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Deposit (simulated Moodle)</title></head><body>"
            "<p><em>Simulated Moodle: nothing here reaches a real Moodle site.</em></p>"
        )
        if userid is None:
            return (
                f"{head}<h1>Sign in to deposit a file</h1>{notice}"
                "<form method='post' action='/simulator/login'>"
                "<p><label>Username <input name='username' autocomplete='username'></label></p>"
                "<p><label>Password <input name='password' type='password' "
                "autocomplete='current-password'></label></p>"
                "<p><button type='submit'>Log in</button></p></form></body></html>"
            )
        rows = []
        with site.lock:
            name = site.fullname(userid)
            for assign, section in student_assignments(site, userid):
                course = site.data["courses"].get(assign["course"], {})
                due = (
                    time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(assign["duedate"]))
                    if assign["duedate"]
                    else "no due date"
                )
                submission = next(
                    (
                        s
                        for s in site.data["submissions"].values()
                        if s["assignment"] == assign["id"] and s["userid"] == userid
                    ),
                    None,
                )
                status = "No submission"
                if submission is not None and submission["status"] == "submitted":
                    cm = site.data["cms"][assign["cmid"]]
                    names = [
                        f["filename"]
                        for f in site.area_files(
                            cm["contextid"],
                            "assignsubmission_file",
                            "submission_files",
                            submission["id"],
                        )
                    ]
                    when = time.strftime(
                        "%Y-%m-%d %H:%M UTC", time.gmtime(submission["timemodified"])
                    )
                    status = f"Submitted for grading {when}: {', '.join(names) or 'no file'}"
                label = f"{assign['name']} — {site.section_title(section)}"
                rows.append(
                    f"<section data-assignid='{assign['id']}'>"
                    f"<h2>{html.escape(label)}</h2>"
                    f"<p>{html.escape(course.get('shortname', ''))} · due {due}</p>"
                    f"<p class='submission'>{html.escape(status)}</p>"
                    "<form method='post' action='/simulator/deposit' "
                    "enctype='multipart/form-data'>"
                    f"<input type='hidden' name='assignid' value='{assign['id']}'>"
                    f"<p><label>File for “{html.escape(assign['name'])}” "
                    "<input name='file' type='file'></label></p>"
                    "<p><button type='submit'>Submit for grading</button></p></form></section>"
                )
        listing = "".join(rows) or "<p>You have no assignment to submit to.</p>"
        return (
            f"{head}<h1>My assignments</h1>"
            f"<p>Signed in as {html.escape(name)}.</p>"
            "<form method='post' action='/simulator/logout'>"
            "<p><button type='submit'>Log out</button></p></form>"
            f"{notice}{listing}</body></html>"
        )


__all__ = ["SimulatorHTTPServer", "file_icon"]
