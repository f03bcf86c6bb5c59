"""Forms of the milestone pages. Dates are typed in Brussels time (the site's zone)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.theses.models import Thesis


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MilestoneForm(forms.Form):
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.none(), label=_("Campaign"))
    kind = forms.ChoiceField(label=_("Kind"), choices=MilestoneKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=_("Brussels time."),
    )
    due_at = forms.DateTimeField(
        label=_("Due at"), widget=LocalDateTimeInput(), help_text=_("Brussels time.")
    )

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if campaigns is None:
            del self.fields["campaign"]
        else:
            self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
            if campaigns.count() == 1:
                self.fields["campaign"].initial = campaigns.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_at, due_at = data.get("opens_at"), data.get("due_at")
        if opens_at and due_at and opens_at > due_at:
            self.add_error("opens_at", _("The opening must come before the due date."))
        return data


class ExtensionForm(forms.Form):
    thesis = forms.ModelChoiceField(queryset=Thesis.objects.none(), label=_("Thesis"))
    due_at = forms.DateTimeField(
        label=_("New due date"), widget=LocalDateTimeInput(), help_text=_("Brussels time.")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, theses: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["thesis"].queryset = theses  # type: ignore[attr-defined]


class MilestoneFilterForm(forms.Form):
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(), label=_("Campaign"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *MilestoneKind.choices], required=False
    )
    upcoming = forms.BooleanField(label=_("Upcoming only"), required=False)

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        self.fields["campaign"].empty_label = _("All campaigns")  # type: ignore[attr-defined]
