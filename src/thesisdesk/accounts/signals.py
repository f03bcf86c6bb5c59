"""Audit events for every sign-in, refusal and sign-out.

Django sends `user_logged_in` / `user_login_failed` / `user_logged_out` for every way in
(password form, LTI launch, admin); the Moodle backend leaves the reason of a refusal on
the request (`request.signin_refusal`), django-axes marks a locked-out request
(`request.axes_locked_out`). The password is never part of what is recorded.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from thesisdesk.core.models import AuditEvent

logger = logging.getLogger("thesisdesk.signin")


def _address(request: Any) -> str:
    if request is None:
        return ""
    try:
        from axes.helpers import get_client_ip_address

        return str(get_client_ip_address(request) or "")
    except Exception:  # pragma: no cover - axes not configured
        return str(getattr(request, "META", {}).get("REMOTE_ADDR", ""))


def record_refusal(request: Any, *, username: str, refusal: Any, method: str) -> AuditEvent:
    """Append a `signin.refused` event (no account is known: the target is the username)."""
    code = getattr(refusal, "code", str(refusal))
    logger.info("sign-in refused: %s via %s (%s)", username, method, code)
    from thesisdesk.people.models import User

    user = User.objects.filter(username__iexact=username).first() if username else None
    return AuditEvent.objects.create(
        actor=None,
        actor_label=username[:255],
        action="signin.refused",
        target_type="people.user",
        target_id=str(user.pk) if user is not None else "",
        target_label=username[:255],
        reason=code,
        data={
            "method": method,
            "code": code,
            "detail": str(getattr(refusal, "detail", ""))[:300],
            "address": _address(request),
        },
    )


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")
    if request is not None and getattr(request, "axes_locked_out", False):
        from thesisdesk.accounts.errors import SignInRefused

        refusal: Any = SignInRefused("locked_out")
    else:
        refusal = getattr(request, "signin_refusal", None)
        if refusal is None:
            from thesisdesk.accounts.errors import SignInRefused

            refusal = SignInRefused("invalid_credentials", detail="no backend accepted")
    record_refusal(request, username=username, refusal=refusal, method="password")


def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from thesisdesk.core.audit import audit_record

    outcome = getattr(request, "signin_outcome", None)
    method = outcome.method if outcome is not None else "local"
    data: dict[str, Any] = {"method": method, "address": _address(request)}
    if outcome is not None:
        data["roles_source"] = outcome.roles_source
        data["person_created"] = outcome.person_created
        data["role_changes"] = [change.as_dict() for change in outcome.role_changes]
    logger.info("signed in: %s via %s", user.get_username(), method)
    audit_record(actor=user, action="signin.succeeded", target=user, data=data)


def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    from thesisdesk.core.audit import audit_record

    audit_record(actor=user, action="signout", target=user, data={"address": _address(request)})


def connect() -> None:
    user_login_failed.connect(on_login_failed, dispatch_uid="thesisdesk.accounts.failed")
    user_logged_in.connect(on_logged_in, dispatch_uid="thesisdesk.accounts.logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="thesisdesk.accounts.logged_out")
