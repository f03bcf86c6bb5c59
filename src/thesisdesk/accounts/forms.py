from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from thesisdesk.accounts.errors import SignInRefused, refusal_message
from thesisdesk.accounts.services import moodle_signin_enabled


class SignInForm(AuthenticationForm):
    """Django's sign-in form (fields `username`, `password`) with Moodle's reasons.

    When no backend accepts the credentials, the error says why Moodle refused (left on
    the request by the Moodle backend), in the person's language.
    """

    username = forms.CharField(
        label=_("Moodle username"),
        max_length=254,
        help_text=_("The username and password you use on Moodle."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not moodle_signin_enabled():
            self.fields["username"].label = _("Username")
            self.fields["username"].help_text = ""

    def get_invalid_login_error(self) -> forms.ValidationError:
        refusal = getattr(self.request, "signin_refusal", None)
        if isinstance(refusal, SignInRefused):
            return forms.ValidationError(refusal_message(refusal.code), code=refusal.code)
        return forms.ValidationError(
            refusal_message("invalid_credentials"), code="invalid_credentials"
        )

    def confirm_login_allowed(self, user: object) -> None:
        if not getattr(user, "is_active", False):
            raise forms.ValidationError(
                refusal_message("account_disabled"), code="account_disabled"
            )
