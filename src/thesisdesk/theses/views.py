"""Thesis pages: the list, a thesis's page with its transitions and deadlines, creation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thesisdesk.campaigns.models import Role
from thesisdesk.campaigns.selectors import campaign_list
from thesisdesk.core.permissions import (
    Action,
    allowed,
    allowed_actions,
    coordinated_campaign_ids,
    is_admin,
)
from thesisdesk.core.views import Column, audit_events_for, call_service, get_or_404, list_page
from thesisdesk.milestones.selectors import milestone_list
from thesisdesk.people.selectors import person_list
from thesisdesk.subjects.forms import ReasonForm
from thesisdesk.subjects.models import SubjectState
from thesisdesk.subjects.selectors import subject_list
from thesisdesk.theses import services
from thesisdesk.theses.forms import GradeForm, ThesisCreateForm, ThesisEditForm, ThesisFilterForm
from thesisdesk.theses.models import PEOPLE_ROLES, Thesis
from thesisdesk.theses.selectors import people_choices, thesis_get, thesis_list


def _names(people: Any) -> str:
    return ", ".join(person.full_name for person in people.all())


EXPORT_COLUMNS = [
    Column("title", lambda t: t.title),
    Column("campaign", lambda t: t.campaign.name),
    Column("subject", lambda t: t.subject.title if t.subject else ""),
    Column("students", lambda t: _names(t.students)),
    Column("student_emails", lambda t: ", ".join(p.email for p in t.students.all())),
    Column("supervisors", lambda t: _names(t.supervisors)),
    Column("co_supervisors", lambda t: _names(t.co_supervisors)),
    Column("readers", lambda t: _names(t.readers)),
    Column("state", lambda t: t.state),
    Column("grade", lambda t: t.grade),
]


@login_required
def thesis_list_view(request: HttpRequest) -> HttpResponse:
    campaigns = campaign_list(viewer=request.user)
    filters = ThesisFilterForm(request.GET or None, campaigns=campaigns)
    criteria: dict[str, Any] = {}
    if filters.is_valid():
        criteria = {
            "campaign": filters.cleaned_data["campaign"],
            "state": filters.cleaned_data["state"] or None,
            "search": filters.cleaned_data["q"],
        }
    return list_page(
        request,
        queryset=thesis_list(viewer=request.user, **criteria),
        template="theses/thesis_list.html",
        table_template="theses/_thesis_table.html",
        export_name=_("theses"),
        export_columns=EXPORT_COLUMNS,
        sorts={"title": "title", "state": "state", "updated": "updated_at"},
        default_sort="title",
        context={"filters": filters, "can_create": bool(_creatable_campaigns(request.user))},
    )


def _creatable_campaigns(user: Any) -> list[int]:
    if is_admin(user):
        return list(campaign_list(viewer=user).values_list("pk", flat=True))
    return sorted(coordinated_campaign_ids(user))


TRANSITION_BUTTONS = [
    (Action.THESIS_START, "theses:thesis-start", gettext_lazy("Start the work")),
    (Action.THESIS_DEPOSIT, "theses:thesis-deposit", gettext_lazy("Mark as deposited")),
    (Action.THESIS_DEFEND, "theses:thesis-defend", gettext_lazy("Mark as defended")),
]


def _detail_context(request: HttpRequest, thesis: Thesis, **forms: Form) -> dict[str, Any]:
    actions = allowed_actions(request.user, thesis)
    milestones = list(milestone_list(viewer=request.user, campaign=thesis.campaign))
    extensions = {e.milestone_id: e for e in thesis.milestone_extensions.all()}
    return {
        "thesis": thesis,
        "buttons": [(url, label) for action, url, label in TRANSITION_BUTTONS if action in actions],
        "can_grade": Action.THESIS_GRADE in actions,
        "can_abandon": Action.THESIS_ABANDON in actions,
        "can_edit": Action.THESIS_UPDATE in actions,
        "grade_form": forms.get("grade_form") or GradeForm(),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "deadlines": [(milestone, extensions.get(milestone.pk)) for milestone in milestones],
        "audit_events": audit_events_for(request.user, thesis),
    }


@login_required
def thesis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thesis = get_or_404(lambda: thesis_get(viewer=request.user, thesis_id=pk))
    return render(request, "theses/thesis_detail.html", _detail_context(request, thesis))


@login_required
def thesis_create(request: HttpRequest) -> HttpResponse:
    campaign_ids = _creatable_campaigns(request.user)
    if not campaign_ids:
        raise PermissionDenied(_("Only coordinators create theses."))
    campaigns = campaign_list(viewer=request.user).filter(pk__in=campaign_ids)
    people = person_list(viewer=request.user).filter(memberships__campaign_id__in=campaign_ids)
    form = ThesisCreateForm(
        request.POST or None,
        campaigns=campaigns,
        subjects=subject_list(viewer=request.user, state=SubjectState.PUBLISHED).filter(
            campaign_id__in=campaign_ids
        ),
        students=people.filter(memberships__role=Role.STUDENT).distinct(),
        staff=people.filter(
            memberships__role__in=[Role.SUPERVISOR, Role.CO_SUPERVISOR, Role.READER]
        ).distinct(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        thesis = call_service(
            request,
            lambda: services.thesis_create(
                actor=request.user,
                campaign=data["campaign"],
                students=list(data["students"]),
                title=data["title"],
                subject=data["subject"],
                supervisors=list(data["supervisors"]) or None,
                readers=list(data["readers"]),
            ),
            form=form,
            success=_("Thesis created."),
        )
        if thesis is not None:
            return redirect("theses:thesis-detail", pk=thesis.pk)
    return render(request, "theses/thesis_form.html", {"form": form})


@login_required
def thesis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a thesis's title (supervisors, coordinators) and people (coordinators)."""
    thesis = get_or_404(lambda: thesis_get(viewer=request.user, thesis_id=pk))
    if not allowed(request.user, Action.THESIS_UPDATE, thesis):
        raise PermissionDenied(_("You may not change this thesis."))
    people: dict[str, Any] | None = None
    initial: dict[str, Any] = {"title": thesis.title}
    if allowed(request.user, Action.THESIS_SET_PEOPLE, thesis):
        people = people_choices(viewer=request.user, thesis=thesis)
        initial.update({field: list(getattr(thesis, field).all()) for field in PEOPLE_ROLES})
    form = ThesisEditForm(request.POST or None, initial=initial, people=people)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        for field in PEOPLE_ROLES:
            if field in changes:
                changes[field] = list(changes[field])
        updated = call_service(
            request,
            lambda: services.thesis_edit(actor=request.user, thesis=thesis, **changes),
            form=form,
            success=_("Saved."),
        )
        if updated is not None:
            return redirect("theses:thesis-detail", pk=thesis.pk)
    return render(request, "theses/thesis_edit.html", {"form": form, "thesis": thesis})


def _transition(
    service: Callable[..., Thesis],
    success: Any,
    *,
    form_class: type[Form] | None = None,
    form_name: str = "",
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        thesis = get_or_404(lambda: thesis_get(viewer=request.user, thesis_id=pk))
        extra: dict[str, Any] = {}
        if form_class is not None:
            form = form_class(request.POST)
            if not form.is_valid():
                context = _detail_context(request, thesis, **{form_name: form})
                context["open_form"] = form_name
                return render(request, "theses/thesis_detail.html", context, status=400)
            extra = dict(form.cleaned_data)
        call_service(
            request,
            lambda: service(actor=request.user, thesis=thesis, **extra),
            success=str(success),
        )
        return redirect("theses:thesis-detail", pk=thesis.pk)

    return view


thesis_start = _transition(services.thesis_start, gettext_lazy("The work has started."))
thesis_deposit = _transition(services.thesis_deposit, gettext_lazy("Thesis deposited."))
thesis_defend = _transition(services.thesis_defend, gettext_lazy("Thesis marked as defended."))
thesis_grade = _transition(
    services.thesis_grade,
    gettext_lazy("Grade recorded."),
    form_class=GradeForm,
    form_name="grade_form",
)
thesis_abandon = _transition(
    services.thesis_abandon,
    gettext_lazy("Thesis abandoned."),
    form_class=ReasonForm,
    form_name="reason_form",
)
