"""The address django-axes counts failed sign-ins for."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind a proxy (BEHIND_PROXY) the address the proxy saw.

    The proxy appends the client's address to X-Forwarded-For: the last entry is the one
    a client cannot forge.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or None


def client_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The username failures are counted for: Moodle usernames are lowercase, so "S1" and
    "s1" are one account (AXES_USERNAME_CALLABLE)."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username") if request.method == "POST" else None
    return str(value).strip().lower() if value else None
