"""ThesisDesk as an LTI 1.3 tool: a Moodle course's "Open ThesisDesk" signs the person in.

django-lti (`lti_tool`, on top of PyLTI1p3) does the protocol: OIDC login initiation,
the id_token's signature against the platform's keyset, the state cookie, the nonce
saved at login initiation, the registration (issuer + client id) and the deployment.
On top of it ThesisDesk refuses: a replayed launch (each nonce is accepted once), a
token without an expiry or issued in the future, an unknown or inactive deployment.
Then the person is signed in with the roles the launch carries for the course.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from lti_tool.models import LtiLaunch
from lti_tool.views import LtiLaunchBaseView
from pylti1p3.exception import LtiException

from thesisdesk.accounts.errors import SignInRefused
from thesisdesk.accounts.models import UsedLtiNonce
from thesisdesk.accounts.roles import lti_roles_to_shortnames, memberships_sync_from_moodle
from thesisdesk.accounts.services import (
    SignInOutcome,
    person_from_moodle,
    user_for_person,
)
from thesisdesk.accounts.signals import record_refusal
from thesisdesk.core.permissions import forget_roles

logger = logging.getLogger(__name__)

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
#: Accepted clock difference between Moodle and ThesisDesk, in seconds.
CLOCK_SKEW = 60
NONCE_MEMORY = timedelta(days=2)
MOODLE_BACKEND = "thesisdesk.accounts.backends.MoodleBackend"


def _site(url: str) -> str:
    return (url or "").strip().rstrip("/").lower()


def check_token_times(claims: dict[str, Any], *, now: float | None = None) -> None:
    """Refuse an id_token without an expiry, expired, or issued in the future."""
    now = time.time() if now is None else now
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, int | float) or not isinstance(iat, int | float):
        raise SignInRefused("lti_invalid", detail="exp or iat missing")
    if exp < now - CLOCK_SKEW:
        raise SignInRefused("lti_invalid", detail="expired")
    if iat > now + CLOCK_SKEW:
        raise SignInRefused("lti_invalid", detail="issued in the future")


def consume_nonce(claims: dict[str, Any]) -> None:
    """Accept each id_token nonce once: a second launch with it is a replay."""
    nonce = str(claims.get("nonce") or "")
    if not nonce:
        raise SignInRefused("lti_invalid", detail="no nonce")
    try:
        with transaction.atomic():
            UsedLtiNonce.objects.create(nonce=nonce[:255], issuer=str(claims.get("iss", ""))[:255])
    except IntegrityError:
        raise SignInRefused("lti_invalid", detail="nonce already used (replay)") from None
    # A nonce older than the launch data PyLTI1p3 keeps (one day) can no longer pass its
    # own check: forget those.
    UsedLtiNonce.objects.filter(used_at__lt=timezone.now() - NONCE_MEMORY).delete()


def signin_with_lti_launch(*, claims: dict[str, Any]) -> SignInOutcome:
    """Sign in the person an LTI launch names, with the course roles it carries.

    When the launch comes from the Moodle site ThesisDesk is linked to (issuer = MOODLE_URL),
    `sub` is the Moodle user id and the context id is the Moodle course id, so the person
    is matched by Moodle user id and the roles go to the campaign of that course. From
    another platform the person is matched by e-mail only and no campaign role is given.
    """
    sub = str(claims.get("sub") or "")
    if not sub:
        raise SignInRefused("lti_no_user")
    same_site = bool(settings.MOODLE_URL) and _site(str(claims.get("iss", ""))) == _site(
        settings.MOODLE_URL
    )
    ext = claims.get(CLAIM + "ext") or {}
    username = str(ext.get("user_username") or claims.get("preferred_username") or "")
    person, created = person_from_moodle(
        moodle_user_id=int(sub) if same_site and sub.isdigit() else None,
        username=username,
        first_name=str(claims.get("given_name") or ""),
        last_name=str(claims.get("family_name") or ""),
        email=str(claims.get("email") or ""),
        lang=str(claims.get("locale") or ""),
    )
    user = user_for_person(person)
    context_id = str((claims.get(CLAIM + "context") or {}).get("id") or "")
    changes = []
    if same_site and context_id.isdigit():
        course_id = int(context_id)
        roles = lti_roles_to_shortnames(claims.get(CLAIM + "roles") or [])
        changes = memberships_sync_from_moodle(
            person=person,
            course_roles={course_id: roles},
            courses_read={course_id},
            source="lti",
        )
    forget_roles(user)
    return SignInOutcome(
        user=user,
        person=person,
        method="lti",
        person_created=created,
        role_changes=changes,
        roles_source="lti",
    )


def _refuse(
    request: HttpRequest, refusal: SignInRefused, claims: dict[str, Any] | None
) -> HttpResponse:
    claims = claims or {}
    ext = claims.get(CLAIM + "ext") or {}
    record_refusal(
        request,
        username=str(ext.get("user_username") or claims.get("email") or claims.get("sub") or ""),
        refusal=refusal,
        method="lti",
    )
    return render(
        request,
        "accounts/signin_refused.html",
        {"message": refusal.message, "code": refusal.code},
        status=403,
    )


class _Refused(Exception):
    def __init__(self, refusal: SignInRefused, claims: dict[str, Any]) -> None:
        super().__init__(refusal.code)
        self.refusal = refusal
        self.claims = claims


@method_decorator(csrf_exempt, name="dispatch")
class LtiLaunchView(LtiLaunchBaseView):
    """The launch URL (redirect URI) Moodle posts the signed id_token to."""

    http_method_names = ["post"]

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = super().post(request, *args, **kwargs)
        except LtiException as error:
            logger.info("LTI launch refused: %s", error)
            code = (
                "lti_unknown_platform" if "Registration not found" in str(error) else "lti_invalid"
            )
            return _refuse(request, SignInRefused(code, detail=str(error)[:200]), None)
        except _Refused as refused:
            return _refuse(request, refused.refusal, refused.claims)
        if response is None:  # a message type ThesisDesk does not handle
            return _refuse(request, SignInRefused("lti_invalid", detail="message type"), None)
        return response

    def launch_setup(self, request: HttpRequest, lti_launch: LtiLaunch) -> None:
        claims = lti_launch.get_launch_data() or {}
        try:
            check_token_times(claims)
            consume_nonce(claims)
        except SignInRefused as refusal:
            raise _Refused(refusal, claims) from None

    def handle_inactive_deployment(
        self, request: HttpRequest, lti_launch: LtiLaunch
    ) -> HttpResponse:
        return _refuse(
            request,
            SignInRefused("lti_inactive_deployment"),
            lti_launch.get_launch_data(),
        )

    def handle_resource_launch(self, request: HttpRequest, lti_launch: LtiLaunch) -> HttpResponse:
        claims = lti_launch.get_launch_data() or {}
        try:
            outcome = signin_with_lti_launch(claims=claims)
        except SignInRefused as refusal:
            return _refuse(request, refusal, claims)
        request.signin_outcome = outcome  # type: ignore[attr-defined]
        login(request, outcome.user, backend=MOODLE_BACKEND)
        from thesisdesk.accounts.views import landing_url

        return HttpResponseRedirect(landing_url(outcome.user))
