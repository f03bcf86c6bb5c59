"""Forms of the campaign pages."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    programme = forms.CharField(label=_("Programme"), max_length=200)
    academic_year = forms.RegexField(
        label=_("Academic year"),
        regex=r"^\d{4}-\d{4}$",
        help_text=_("For example 2026-2027."),
        error_messages={"invalid": _("Write the academic year as 2026-2027.")},
    )
    choices_per_student = forms.IntegerField(
        label=_("Ranked choices per student"), min_value=1, max_value=20, initial=5
    )
    default_subject_capacity = forms.IntegerField(
        label=_("Default subject capacity"), min_value=1, max_value=20, initial=1
    )
    supervisor_max_load = forms.IntegerField(
        label=_("Supervisor maximum load"), min_value=1, max_value=100, initial=6
    )
    co_supervision_weight = forms.DecimalField(
        label=_("Weight of a co-supervision in a load"),
        min_value=Decimal("0"),
        max_value=Decimal("1"),
        decimal_places=2,
        initial=Decimal("0.50"),
    )
    assign_unranked = forms.BooleanField(
        label=_("Assign students to subjects they did not rank when needed"),
        required=False,
        initial=True,
    )
