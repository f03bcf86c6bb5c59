"""The Moodle authentication backend: Moodle checks the password, ThesisDesk never keeps it.

In `AUTHENTICATION_BACKENDS` after django-axes' backend (throttling) and before Django's
ModelBackend (local accounts: administrators, the demo). When Moodle refuses, the reason
is left on the request for the sign-in form and the audit trail, and the next backend may
still accept a local account.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from thesisdesk.accounts.errors import SignInRefused
from thesisdesk.accounts.services import moodle_signin_enabled, signin_with_moodle_password
from thesisdesk.people.models import User


class MoodleBackend(BaseBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or not password or not moodle_signin_enabled():
            return None
        try:
            outcome = signin_with_moodle_password(username=username, password=password)
        except SignInRefused as refusal:
            if request is not None:
                request.signin_refusal = refusal  # type: ignore[attr-defined]
            return None
        if request is not None:
            request.signin_outcome = outcome  # type: ignore[attr-defined]
        return outcome.user

    def get_user(self, user_id: Any) -> User | None:
        return User.objects.filter(pk=user_id, is_active=True).first()
