"""Forms of the thesis pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.people.models import Person
from thesisdesk.subjects.forms import PeopleChoiceField
from thesisdesk.subjects.models import Subject
from thesisdesk.theses.models import PEOPLE_ROLES, ThesisState


class ThesisCreateForm(forms.Form):
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.none(), label=_("Campaign"))
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Empty: the subject's title."),
    )
    subject = forms.ModelChoiceField(
        queryset=Subject.objects.none(), label=_("Subject"), required=False
    )
    students = PeopleChoiceField(queryset=Person.objects.none(), label=_("Students (one or two)"))
    supervisors = PeopleChoiceField(
        queryset=Person.objects.none(),
        label=_("Supervisors"),
        required=False,
        help_text=_("Empty: the subject's supervisor."),
    )
    readers = PeopleChoiceField(queryset=Person.objects.none(), label=_("Readers"), required=False)

    def __init__(
        self, *args: Any, campaigns: Any, subjects: Any, students: Any, staff: Any, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        if campaigns.count() == 1:
            self.fields["campaign"].initial = campaigns.first()
        self.fields["subject"].queryset = subjects  # type: ignore[attr-defined]
        self.fields["students"].queryset = students  # type: ignore[attr-defined]
        self.fields["supervisors"].queryset = staff  # type: ignore[attr-defined]
        self.fields["readers"].queryset = staff  # type: ignore[attr-defined]


class ThesisEditForm(forms.Form):
    """A thesis's title and, for coordinators, its people (`people` None: title only)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    students = PeopleChoiceField(queryset=Person.objects.none(), label=_("Students (one or two)"))
    supervisors = PeopleChoiceField(queryset=Person.objects.none(), label=_("Supervisors"))
    co_supervisors = PeopleChoiceField(
        queryset=Person.objects.none(), label=_("Co-supervisors"), required=False
    )
    readers = PeopleChoiceField(queryset=Person.objects.none(), label=_("Readers"), required=False)

    def __init__(self, *args: Any, people: dict[str, Any] | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in PEOPLE_ROLES:
            if people is None:
                del self.fields[name]
            else:
                self.fields[name].queryset = people[name]  # type: ignore[attr-defined]


class GradeForm(forms.Form):
    grade = forms.DecimalField(
        label=_("Grade (out of 20)"),
        min_value=Decimal("0"),
        max_value=Decimal("20"),
        decimal_places=2,
    )


class ThesisFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(), label=_("Campaign"), required=False
    )
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states")), *ThesisState.choices], required=False
    )

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        self.fields["campaign"].empty_label = _("All campaigns")  # type: ignore[attr-defined]
