"""Sign-in, sign-out and the "no role anywhere" page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from thesisdesk.accounts.errors import refusal_message
from thesisdesk.accounts.forms import SignInForm
from thesisdesk.accounts.selectors import contacts_for_help
from thesisdesk.accounts.services import has_any_role, moodle_signin_enabled


def landing_url(user: Any, requested: str = "") -> str:
    """Where a person lands after signing in: the no-role page, else the page asked for."""
    if not has_any_role(user):
        return reverse("accounts:no-role")
    return requested or settings.LOGIN_REDIRECT_URL


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class SignInView(auth_views.LoginView):
    """/accounts/login/: Moodle username and password (or a local account)."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["moodle_signin"] = moodle_signin_enabled()
        return context

    def get_success_url(self) -> str:
        return landing_url(self.request.user, self.get_redirect_url())


class SignOutView(auth_views.LogoutView):
    """/accounts/logout/ (POST): ends the session."""


@login_required
def no_role(request: HttpRequest) -> HttpResponse:
    """Signed in, but no role in any campaign: say so, and whom to ask."""
    return render(
        request,
        "accounts/no_role.html",
        {
            "contacts": contacts_for_help(),
            "help_contact": settings.SIGNIN_HELP_CONTACT,
            "person": getattr(request.user, "person", None),
        },
    )


def lockout(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE)."""
    return render(
        request,
        "accounts/signin_refused.html",
        {"message": refusal_message("locked_out"), "code": "locked_out"},
        status=429,
    )
