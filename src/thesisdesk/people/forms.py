"""Forms of the people pages: they parse input; services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thesisdesk.campaigns.models import Campaign, Role
from thesisdesk.people.models import Language, NotificationChannel


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    moodle_username = forms.CharField(label=_("Moodle username"), max_length=150, required=False)
    moodle_user_id = forms.IntegerField(label=_("Moodle user id"), min_value=1, required=False)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    notification_channel = forms.ChoiceField(
        label=_("Notifications by"), choices=NotificationChannel.choices
    )


class PreferencesForm(forms.Form):
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    notification_channel = forms.ChoiceField(
        label=_("Notifications by"), choices=NotificationChannel.choices
    )


class MembershipForm(forms.Form):
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.none(), label=_("Campaign"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(), label=_("Campaign"), required=False
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False
    )

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        self.fields["campaign"].empty_label = _("All campaigns")  # type: ignore[attr-defined]
