"""Forms of the subject pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.documents.widgets import RichTextWidget
from thesisdesk.people.models import Person
from thesisdesk.subjects.models import SubjectState


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.last_name} {obj.first_name} <{obj.email}>"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.last_name} {obj.first_name} <{obj.email}>"


class SubjectForm(forms.Form):
    """Proposing or editing a subject. `campaigns` is None when editing."""

    campaign = forms.ModelChoiceField(queryset=Campaign.objects.none(), label=_("Campaign"))
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=RichTextWidget(attrs={"rows": 8}),
        help_text=_("Basic HTML is kept: paragraphs, lists, bold, italics, links."),
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, max_length=500, help_text=_("Separated by commas.")
    )
    capacity = forms.IntegerField(
        label=_("Capacity (students)"), min_value=1, max_value=20, required=False
    )
    min_students = forms.IntegerField(
        label=_("Minimum number of students"), min_value=0, max_value=20, required=False
    )
    supervisor = PersonChoiceField(
        queryset=Person.objects.none(), label=_("Supervisor"), required=False
    )
    co_supervisors = PeopleChoiceField(
        queryset=Person.objects.none(),
        label=_("Co-supervisors"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(
        self,
        *args: Any,
        campaigns: Any,
        supervisors: Any,
        staff: Any,
        student: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        if campaigns is None:
            del self.fields["campaign"]
        else:
            self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
            if campaigns.count() == 1:
                self.fields["campaign"].initial = campaigns.first()
        self.fields["supervisor"].queryset = supervisors  # type: ignore[attr-defined]
        self.fields["co_supervisors"].queryset = staff  # type: ignore[attr-defined]
        if student:
            # A student's proposal: capacity and co-supervision are the supervisor's call.
            for name in ("capacity", "min_students", "co_supervisors"):
                del self.fields[name]
            self.fields["supervisor"].help_text = _(
                "Optional: the supervisor you ask to accept your proposal."
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The people concerned will read it."),
    )


class SubjectFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(), label=_("Campaign"), required=False
    )
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states")), *SubjectState.choices], required=False
    )

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        self.fields["campaign"].empty_label = _("All campaigns")  # type: ignore[attr-defined]
