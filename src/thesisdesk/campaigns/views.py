"""Campaign pages: the list, one campaign's page with its rules and calendar, editing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thesisdesk.campaigns.forms import CampaignForm
from thesisdesk.campaigns.models import Role
from thesisdesk.campaigns.selectors import campaign_get, campaign_list
from thesisdesk.campaigns.services import campaign_create, campaign_update
from thesisdesk.core.permissions import Action, allowed, campaign_roles
from thesisdesk.core.views import Column, audit_events_for, call_service, get_or_404, list_page
from thesisdesk.milestones.selectors import milestone_list
from thesisdesk.people.selectors import membership_list

EXPORT_COLUMNS = [
    Column("name", lambda c: c.name),
    Column("slug", lambda c: c.slug),
    Column("programme", lambda c: c.programme),
    Column("academic_year", lambda c: c.academic_year),
    Column("choices_per_student", lambda c: c.choices_per_student),
    Column("default_subject_capacity", lambda c: c.default_subject_capacity),
    Column("supervisor_max_load", lambda c: c.supervisor_max_load),
    Column("co_supervision_weight", lambda c: c.co_supervision_weight),
    Column("assign_unranked", lambda c: c.assign_unranked),
]


@login_required
def campaign_list_view(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        queryset=campaign_list(viewer=request.user),
        template="campaigns/campaign_list.html",
        table_template="campaigns/_campaign_table.html",
        export_name=_("campaigns"),
        export_columns=EXPORT_COLUMNS,
        sorts={"name": "name", "year": "academic_year"},
        default_sort="-year",
        context={"can_create": allowed(request.user, Action.CAMPAIGN_CREATE)},
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_or_404(lambda: campaign_get(viewer=request.user, campaign_id=pk))
    role_counts = dict(
        membership_list(viewer=request.user, campaign=campaign)
        .order_by()
        .values_list("role")
        .annotate(count=Count("id"))
        .values_list("role", "count")
    )
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "my_roles": [
                label
                for value, label in Role.choices
                if value in campaign_roles(request.user, campaign.pk)
            ],
            "role_counts": [
                (value, label, role_counts.get(value, 0)) for value, label in Role.choices
            ],
            "milestones": list(milestone_list(viewer=request.user, campaign=campaign)),
            "can_update": allowed(request.user, Action.CAMPAIGN_UPDATE, campaign),
            "can_manage_milestones": allowed(request.user, Action.MILESTONE_MANAGE, campaign),
            "audit_events": audit_events_for(request.user, campaign),
        },
    )


@login_required
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user, Action.CAMPAIGN_CREATE):
        raise PermissionDenied(_("Only administrators create campaigns."))
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = call_service(
            request,
            lambda: campaign_create(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("Campaign created."),
        )
        if campaign is not None:
            return redirect("campaigns:campaign-detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": None})


@login_required
def campaign_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_or_404(lambda: campaign_get(viewer=request.user, campaign_id=pk))
    if not allowed(request.user, Action.CAMPAIGN_UPDATE, campaign):
        raise PermissionDenied(_("Only the campaign's coordinators may change it."))
    initial = {name: getattr(campaign, name) for name in CampaignForm.base_fields}
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if initial[k] != v}
        updated = call_service(
            request,
            lambda: campaign_update(actor=request.user, campaign=campaign, **changes),
            form=form,
            success=_("Saved."),
        )
        if updated is not None:
            return redirect("campaigns:campaign-detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})
