"""Forms of the allocation pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thesisdesk.allocation.solver import OBJECTIVES
from thesisdesk.milestones.forms import LocalDateTimeInput
from thesisdesk.people.models import Person
from thesisdesk.subjects.models import Subject

OBJECTIVE_LABELS = {
    "min_rank_sum": _("Place as many as possible, then smallest sum of ranks"),
    "rank_maximal": _("Place as many as possible, then most first choices, second, …"),
}


class RankingForm(forms.Form):
    """One select per rank; the student fills as many as they like, first choice first."""

    def __init__(self, *args: Any, subjects: Any, count: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [
            (str(s.pk), f"{s.title} ({s.supervisor.full_name if s.supervisor else '—'})")
            for s in subjects
        ]
        for rank in range(1, count + 1):
            self.fields[f"choice_{rank}"] = forms.ChoiceField(
                label=_("Choice %(rank)d") % {"rank": rank}, choices=choices, required=False
            )

    def ranked_ids(self) -> list[int]:
        values = [
            self.cleaned_data.get(f"choice_{rank}") for rank in range(1, len(self.fields) + 1)
        ]
        return [int(v) for v in values if v]


class PartnerForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Partner"))

    def __init__(self, *args: Any, students: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = students  # type: ignore[attr-defined]


class ChoicesOpenForm(forms.Form):
    due_at = forms.DateTimeField(
        label=_("Choices close at"), widget=LocalDateTimeInput(), help_text=_("Brussels time.")
    )


class StudentSubjectForm(forms.Form):
    """A lock or a forbidden pair: a student, a subject, a reason."""

    student = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Student"))
    subject = forms.ModelChoiceField(queryset=Subject.objects.none(), label=_("Subject"))
    reason = forms.CharField(label=_("Reason"), max_length=1000)

    def __init__(self, *args: Any, students: Any, subjects: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students  # type: ignore[attr-defined]
        self.fields["subject"].queryset = subjects  # type: ignore[attr-defined]


class RunForm(forms.Form):
    objective = forms.ChoiceField(
        label=_("Objective"), choices=[(o, OBJECTIVE_LABELS[o]) for o in OBJECTIVES]
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        help_text=_("Breaks ties; the same seed gives the same result. Empty: a random one."),
    )


class MoveForm(forms.Form):
    student = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Student"))
    subject = forms.ModelChoiceField(
        queryset=Subject.objects.none(),
        label=_("New subject"),
        required=False,
        empty_label=_("(no subject: unassigned)"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000)

    def __init__(self, *args: Any, students: Any, subjects: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students  # type: ignore[attr-defined]
        self.fields["subject"].queryset = subjects  # type: ignore[attr-defined]
