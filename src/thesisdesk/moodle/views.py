"""The campaign's Moodle page: link, "what will change in Moodle", Apply, runs, failures,
drift with repair / accept. Views parse, check permission, call one service, render."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thesisdesk.core.views import call_service, get_or_404
from thesisdesk.moodle import services
from thesisdesk.moodle.models import DEFAULT_ROLE_IDS, DEFAULT_ROLE_MAPPING
from thesisdesk.moodle.selectors import (
    course_link_for,
    moodle_campaign_get,
    open_failures,
    sync_run_get,
    sync_run_list,
)

MOODLE_ROLES = [(name, name) for name in DEFAULT_ROLE_IDS]
ROLE_LABELS = {
    "student": gettext_lazy("Students"),
    "supervisor": gettext_lazy("Supervisors"),
    "co_supervisor": gettext_lazy("Co-supervisors"),
    "reader": gettext_lazy("Readers"),
    "coordinator": gettext_lazy("Coordinators"),
}


class LinkForm(forms.Form):
    course = forms.CharField(label=gettext_lazy("Moodle course (short name or id)"), max_length=255)
    create_in_category = forms.IntegerField(
        label=gettext_lazy("Create it in category (id) if it does not exist"),
        required=False,
        min_value=1,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for role, default in DEFAULT_ROLE_MAPPING.items():
            self.fields[f"role_{role}"] = forms.ChoiceField(
                label=ROLE_LABELS[role], choices=MOODLE_ROLES, initial=default
            )


@login_required
def campaign_moodle(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_or_404(lambda: moodle_campaign_get(viewer=request.user, campaign_id=pk))
    link = course_link_for(campaign)
    context: dict[str, object] = {"campaign": campaign, "link": link}
    if link is None:
        context["form"] = LinkForm()
    else:
        context["view"] = services.sync_plan(actor=request.user, campaign=campaign)
        context["runs"] = list(sync_run_list(campaign=campaign))
        context["failures"] = list(open_failures(campaign=campaign))
        context["form"] = LinkForm(
            initial={
                "course": link.shortname,
                **{f"role_{role}": value for role, value in link.role_mapping.items()},
            }
        )
    return render(request, "moodle/campaign_moodle.html", context)


@login_required
@require_POST
def campaign_link(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_or_404(lambda: moodle_campaign_get(viewer=request.user, campaign_id=pk))
    form = LinkForm(request.POST)
    if form.is_valid():
        course = form.cleaned_data["course"].strip()
        mapping = {role: form.cleaned_data[f"role_{role}"] for role in DEFAULT_ROLE_MAPPING}
        linked = call_service(
            request,
            lambda: services.moodle_link_campaign(
                actor=request.user,
                campaign=campaign,
                courseid=int(course) if course.isdigit() else None,
                shortname="" if course.isdigit() else course,
                create_in_category=form.cleaned_data["create_in_category"],
                role_mapping=mapping,
            ),
            form=form,
            success=_("The campaign is linked to its Moodle course."),
        )
        if linked is not None:
            return redirect("moodle:campaign-detail", pk=campaign.pk)
    return render(
        request,
        "moodle/campaign_moodle.html",
        {"campaign": campaign, "link": course_link_for(campaign), "form": form},
        status=400,
    )


@login_required
@require_POST
def campaign_apply(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_or_404(lambda: moodle_campaign_get(viewer=request.user, campaign_id=pk))
    call_service(
        request,
        lambda: services.sync_apply_request(actor=request.user, campaign=campaign),
        success=_("The changes are queued: the worker applies them in Moodle."),
    )
    return redirect("moodle:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def drift_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_or_404(lambda: moodle_campaign_get(viewer=request.user, campaign_id=pk))
    found = call_service(request, lambda: services.drift_check(campaign_id=campaign.pk))
    if found is not None:
        if found:
            messages_text = _("%(count)d change(s) made by hand in Moodle.") % {"count": len(found)}
        else:
            messages_text = _("Moodle matches ThesisDesk.")
        from django.contrib import messages

        messages.info(request, messages_text)
    return redirect("moodle:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def drift_repair_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_or_404(lambda: moodle_campaign_get(viewer=request.user, campaign_id=pk))
    keys = request.POST.getlist("key")
    call_service(
        request,
        lambda: services.drift_repair(actor=request.user, campaign=campaign, keys=keys),
        success=_("The repair is queued: the worker puts Moodle back."),
    )
    return redirect("moodle:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def drift_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_or_404(lambda: moodle_campaign_get(viewer=request.user, campaign_id=pk))
    ident = request.POST.get("ident", "")
    call_service(
        request,
        lambda: services.drift_accept(actor=request.user, campaign=campaign, ident=ident),
        success=_("The change made in Moodle is kept."),
    )
    return redirect("moodle:campaign-detail", pk=campaign.pk)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_or_404(lambda: sync_run_get(viewer=request.user, run_id=pk))
    return render(
        request,
        "moodle/run_detail.html",
        {"run": run, "campaign": run.campaign, "failures": list(run.failures.all())},
    )
