from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from thesisdesk.accounts.errors import SignInRefused, refusal_message


class SignInForm(AuthenticationForm):
    """Django's sign-in form (fields `username`, `password`) with Moodle's reasons.

    When no backend accepts the credentials, the error says why Moodle refused (left on
    the request by the Moodle backend), in the person's language.
    """

    username = forms.CharField(
        label=_("Moodle username"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

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
