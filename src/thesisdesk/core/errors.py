"""Errors raised by domain services.

A `DomainError` carries a stable `code` (for the API and tests) and a message a person can
act on. Views and API endpoints turn them into messages or JSON; they never leak stack
traces.
"""

from __future__ import annotations


class DomainError(Exception):
    code = "domain_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.field = field


class NotAllowed(DomainError):
    """The acting person may not do this."""

    code = "not_allowed"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404


class InvalidTransition(DomainError):
    """The object is not in a state from which this action is possible."""

    code = "invalid_transition"
    status = 409


class ValidationFailed(DomainError):
    """One or more values are wrong; `errors` maps field names to messages."""

    code = "validation_failed"
    status = 400

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.errors = errors or {}
