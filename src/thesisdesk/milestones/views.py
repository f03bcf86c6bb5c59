"""Milestone pages: the calendar, a milestone with its extensions, creating and editing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thesisdesk.campaigns.selectors import campaign_list
from thesisdesk.core.permissions import Action, allowed, coordinated_campaign_ids, is_admin
from thesisdesk.core.views import Column, audit_events_for, call_service, get_or_404, list_page
from thesisdesk.milestones import services
from thesisdesk.milestones.forms import ExtensionForm, MilestoneFilterForm, MilestoneForm
from thesisdesk.milestones.models import Milestone
from thesisdesk.milestones.selectors import extension_list, milestone_get, milestone_list
from thesisdesk.theses.models import FINAL_THESIS_STATES
from thesisdesk.theses.selectors import thesis_list

EXPORT_COLUMNS = [
    Column("campaign", lambda m: m.campaign.name),
    Column("kind", lambda m: m.kind),
    Column("title", lambda m: m.title),
    Column("opens_at", lambda m: m.opens_at),
    Column("due_at", lambda m: m.due_at),
    Column("description", lambda m: m.description),
]


def _managed_campaigns(user: Any) -> Any:
    campaigns = campaign_list(viewer=user)
    if is_admin(user):
        return campaigns
    return campaigns.filter(pk__in=coordinated_campaign_ids(user))


@login_required
def milestone_list_view(request: HttpRequest) -> HttpResponse:
    campaigns = campaign_list(viewer=request.user)
    filters = MilestoneFilterForm(request.GET or None, campaigns=campaigns)
    criteria: dict[str, Any] = {}
    if filters.is_valid():
        criteria = {
            "campaign": filters.cleaned_data["campaign"],
            "kind": filters.cleaned_data["kind"] or None,
            "upcoming": filters.cleaned_data["upcoming"],
        }
    return list_page(
        request,
        queryset=milestone_list(viewer=request.user, **criteria),
        template="milestones/milestone_list.html",
        table_template="milestones/_milestone_table.html",
        export_name=_("milestones"),
        export_columns=EXPORT_COLUMNS,
        sorts={"due": "due_at", "title": "title", "kind": "kind"},
        default_sort="due",
        context={"filters": filters, "can_create": _managed_campaigns(request.user).exists()},
    )


def _extension_theses(user: Any, milestone: Milestone) -> Any:
    """The theses of the milestone's campaign the user may extend (their own, or all)."""
    theses = thesis_list(viewer=user, campaign=milestone.campaign).exclude(
        state__in=FINAL_THESIS_STATES
    )
    if allowed(user, Action.MILESTONE_MANAGE, milestone):
        return theses
    ids = [t.pk for t in theses if allowed(user, Action.MILESTONE_EXTEND, t)]
    return theses.filter(pk__in=ids)


@login_required
def milestone_detail(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_or_404(lambda: milestone_get(viewer=request.user, milestone_id=pk))
    return _render_detail(request, milestone)


def _render_detail(
    request: HttpRequest, milestone: Milestone, extension_form: ExtensionForm | None = None
) -> HttpResponse:
    theses = _extension_theses(request.user, milestone)
    visible_ids = set(
        thesis_list(viewer=request.user, campaign=milestone.campaign).values_list("pk", flat=True)
    )
    return render(
        request,
        "milestones/milestone_detail.html",
        {
            "milestone": milestone,
            "extensions": [
                e for e in extension_list(milestone=milestone) if e.thesis_id in visible_ids
            ],
            "can_manage": allowed(request.user, Action.MILESTONE_MANAGE, milestone),
            "extension_form": extension_form
            or (ExtensionForm(theses=theses) if theses.exists() else None),
            "audit_events": audit_events_for(request.user, milestone),
        },
        status=400 if extension_form is not None else 200,
    )


@login_required
def milestone_create(request: HttpRequest) -> HttpResponse:
    campaigns = _managed_campaigns(request.user)
    if not campaigns.exists():
        raise PermissionDenied(_("Only coordinators manage milestones."))
    initial = {}
    if request.GET.get("campaign", "").isdigit():
        initial["campaign"] = int(request.GET["campaign"])
    form = MilestoneForm(request.POST or None, campaigns=campaigns, initial=initial)
    if request.method == "POST" and form.is_valid():
        milestone = call_service(
            request,
            lambda: services.milestone_create(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("Milestone created."),
        )
        if milestone is not None:
            return redirect("milestones:milestone-detail", pk=milestone.pk)
    return render(request, "milestones/milestone_form.html", {"form": form, "milestone": None})


@login_required
def milestone_update(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_or_404(lambda: milestone_get(viewer=request.user, milestone_id=pk))
    if not allowed(request.user, Action.MILESTONE_MANAGE, milestone):
        raise PermissionDenied(_("Only the campaign's coordinators manage its milestones."))
    names = ("kind", "title", "description", "opens_at", "due_at")
    form = MilestoneForm(
        request.POST or None,
        campaigns=None,
        initial={name: getattr(milestone, name) for name in names},
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        updated = call_service(
            request,
            lambda: services.milestone_update(actor=request.user, milestone=milestone, **changes),
            form=form,
            success=_("Saved."),
        )
        if updated is not None:
            return redirect("milestones:milestone-detail", pk=milestone.pk)
    return render(request, "milestones/milestone_form.html", {"form": form, "milestone": milestone})


@login_required
@require_POST
def milestone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_or_404(lambda: milestone_get(viewer=request.user, milestone_id=pk))

    def delete() -> bool:
        services.milestone_delete(actor=request.user, milestone=milestone)
        return True

    done = call_service(request, delete, success=_("Milestone deleted."))
    if done:
        return redirect("milestones:milestone-list")
    return redirect("milestones:milestone-detail", pk=pk)


@login_required
@require_POST
def milestone_extend(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_or_404(lambda: milestone_get(viewer=request.user, milestone_id=pk))
    theses = _extension_theses(request.user, milestone)
    form = ExtensionForm(request.POST, theses=theses)
    if form.is_valid():
        extension = call_service(
            request,
            lambda: services.milestone_extend(
                actor=request.user, milestone=milestone, **form.cleaned_data
            ),
            form=form,
            success=_("Deadline extended."),
        )
        if extension is not None:
            return redirect("milestones:milestone-detail", pk=pk)
    elif not theses.exists():
        raise PermissionDenied(_("You may not extend deadlines for this milestone."))
    return _render_detail(request, milestone, extension_form=form)
