"""The REST API root, mounted at /api/v1/.

OpenAPI at /api/v1/openapi.json, browsable docs at /api/v1/docs. Every endpoint needs
either a bearer token (`Authorization: Bearer td_…`, see people.ApiToken) or a signed-in
browser session (with the CSRF token for writes). Endpoints are thin: they parse, call one
selector or service, and serialize. Every error is JSON:

    {"code": "validation_failed", "message": "…", "errors": [{"field": "title", "message": "…"}]}

Apps add their router to ROUTERS below.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from thesisdesk.core.errors import DomainError, ValidationFailed

# (URL prefix, module with a `router`), in the order they appear in the docs.
ROUTERS: list[tuple[str, str]] = [
    ("/campaigns", "thesisdesk.campaigns.api"),
    ("/people", "thesisdesk.people.api"),
    ("/milestones", "thesisdesk.milestones.api"),
    ("/subjects", "thesisdesk.subjects.api"),
    ("/theses", "thesisdesk.theses.api"),
    ("/audit-events", "thesisdesk.core.audit_api"),
    ("/allocation", "thesisdesk.allocation.api"),
]


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token an administrator created."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from thesisdesk.people.services import api_token_authenticate

        api_token = api_token_authenticate(token.strip())
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


class BrowserSessionAuth(SessionAuth):
    """The signed-in browser session; writes need the CSRF token (X-CSRFToken header)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and not user.is_active:
            return None
        return user


api = NinjaAPI(
    title="ThesisDesk API",
    version="1",
    description=(
        "Campaigns, people, milestones, subjects and theses of ThesisDesk. "
        "Authenticate with `Authorization: Bearer <token>` (tokens are created by an "
        "administrator) or a browser session. Errors are JSON objects with a stable "
        "`code`, a `message` and, for invalid input, `errors` naming each field."
    ),
    urls_namespace="api",
    auth=[ApiTokenAuth(), BrowserSessionAuth()],
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def error_body(
    code: str, message: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if errors:
        body["errors"] = errors
    return body


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    errors = None
    if isinstance(error, ValidationFailed):
        errors = [
            {"field": field, "message": message}
            for field, messages in error.errors.items()
            for message in messages
        ]
    elif error.field:
        errors = [{"field": error.field, "message": error.message}]
    return api.create_response(
        request, error_body(error.code, error.message, errors), status=error.status
    )


def _field_name(location: Any) -> str:
    parts = [str(part) for part in location if part not in {"body", "query", "path", "payload"}]
    # ninja puts the parameter's own name first for bodies and queries (e.g. "payload").
    return ".".join(parts) or "request"


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    errors = [
        {"field": _field_name(item.get("loc", ())), "message": str(item.get("msg", ""))}
        for item in error.errors
    ]
    return api.create_response(
        request,
        error_body("invalid_request", _("Some values are missing or invalid."), errors),
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        error_body(
            "not_authenticated",
            _("Sign in, or send a valid API token: Authorization: Bearer <token>."),
        ),
        status=401,
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return api.create_response(
        request, error_body("not_found", str(error) or _("Not found.")), status=404
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    codes = {400: "bad_request", 401: "not_authenticated", 403: "forbidden", 404: "not_found"}
    code = codes.get(error.status_code, "error")
    if "CSRF" in str(error):
        code = "csrf_failed"
    return api.create_response(
        request, error_body(code, str(error.message)), status=error.status_code
    )


for _prefix, _module in ROUTERS:
    api.add_router(_prefix, importlib.import_module(_module).router)
