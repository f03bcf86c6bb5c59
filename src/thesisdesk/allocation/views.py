"""Allocation pages: the student's ranking, the coordinator's runs, review, moves, publish.

Views parse, check permission through the policy, call one service or selector, render.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thesisdesk.allocation import selectors, services
from thesisdesk.allocation.forms import (
    OBJECTIVE_LABELS,
    ChoicesOpenForm,
    MoveForm,
    PartnerForm,
    RankingForm,
    RunForm,
    StudentSubjectForm,
)
from thesisdesk.allocation.models import (
    AllocationRun,
)
from thesisdesk.allocation.policy import can_manage, can_rank
from thesisdesk.allocation.selectors import student_key
from thesisdesk.allocation.solver.explain import compare
from thesisdesk.allocation.solver.jsonio import instance_from_dict, result_from_dict
from thesisdesk.campaigns.models import Campaign
from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.permissions import person_of
from thesisdesk.core.views import call_service, get_or_404


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    return get_or_404(lambda: campaign_get(viewer=request.user, campaign_id=pk))


def _manager_campaign(request: HttpRequest, pk: int) -> Campaign:
    campaign = _campaign(request, pk)
    if not can_manage(request.user, campaign):
        raise PermissionDenied(_("Only the campaign's coordinators manage the allocation."))
    return campaign


def _run(request: HttpRequest, pk: int) -> AllocationRun:
    return get_or_404(lambda: selectors.run_get(viewer=request.user, run_id=pk))


# Students ------------------------------------------------------------------------------


@login_required
def choices_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    if not can_rank(request.user, campaign):
        raise PermissionDenied(_("Only the campaign's students rank subjects."))
    student = person_of(request.user)
    assert student is not None
    window = selectors.choice_window(campaign)
    subjects = list(selectors.published_subjects(campaign))
    ranking = selectors.ranking_of(campaign=campaign, student=student)
    initial = {f"choice_{p.rank}": str(p.subject_id) for p in ranking}
    form = RankingForm(
        request.POST or None,
        initial=initial,
        subjects=subjects,
        count=campaign.choices_per_student,
    )
    if request.method == "POST" and window.is_open and form.is_valid():
        by_id = {s.pk: s for s in subjects}
        chosen = [by_id[i] for i in form.ranked_ids() if i in by_id]
        saved = call_service(
            request,
            lambda: services.preferences_set(
                actor=request.user, campaign=campaign, subjects=chosen
            ),
            form=form,
            success=_("Your ranking is saved."),
        )
        if saved is not None:
            return redirect("allocation:choices", pk=campaign.pk)
    requests = list(selectors.partner_requests_of(campaign=campaign, student=student))
    partner = selectors.confirmed_partner(campaign=campaign, student=student)
    others = selectors.campaign_students(campaign).exclude(pk=student.pk)
    return render(
        request,
        "allocation/choices.html",
        {
            "campaign": campaign,
            "window": window,
            "form": form,
            "ranking": ranking,
            "subjects": subjects,
            "partner": partner,
            "incoming": [r for r in requests if r.partner_id == student.pk and not r.confirmed_at],
            "outgoing": [
                r for r in requests if r.requester_id == student.pk and not r.confirmed_at
            ],
            "confirmed": next((r for r in requests if r.confirmed_at), None),
            "partner_form": PartnerForm(students=others),
        },
    )


@login_required
@require_POST
def partner_action(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    action = request.POST.get("action")
    if action == "request":
        student = person_of(request.user)
        others = selectors.campaign_students(campaign)
        if student is not None:
            others = others.exclude(pk=student.pk)
        form = PartnerForm(request.POST, students=others)
        if form.is_valid():
            call_service(
                request,
                lambda: services.partner_request(
                    actor=request.user, campaign=campaign, partner=form.cleaned_data["partner"]
                ),
                success=_("Request sent: your partner must confirm it."),
            )
        else:
            messages.error(request, _("Choose a student of this campaign."))
    else:
        request_id = request.POST.get("request") or ""
        if not request_id.isdigit():
            raise Http404
        partner_request = get_or_404(
            lambda: selectors.partner_request_get(campaign=campaign, request_id=int(request_id))
        )
        if action == "confirm":
            call_service(
                request,
                lambda: services.partner_confirm(actor=request.user, request=partner_request),
                success=_("You now work as a pair."),
            )
        else:
            call_service(
                request,
                lambda: services.partner_cancel(actor=request.user, request=partner_request),
                success=_("Partner request withdrawn."),
            )
    return redirect("allocation:choices", pk=campaign.pk)


# Coordinators --------------------------------------------------------------------------


def _student_subject_forms(campaign: Campaign, data: Any = None) -> tuple[Any, Any]:
    students = selectors.campaign_students(campaign)
    subjects = selectors.published_subjects(campaign)
    return (
        StudentSubjectForm(data, students=students, subjects=subjects, prefix="lock"),
        StudentSubjectForm(data, students=students, subjects=subjects, prefix="forbid"),
    )


@login_required
def campaign_allocation(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _manager_campaign(request, pk)
    lock_form, forbid_form = _student_subject_forms(campaign)
    students = selectors.campaign_students(campaign)
    overview = selectors.allocation_overview(campaign)
    runs = list(selectors.run_list(viewer=request.user, campaign=campaign)[:50])
    return render(
        request,
        "allocation/campaign.html",
        {
            "campaign": campaign,
            "window": selectors.choice_window(campaign),
            "open_form": ChoicesOpenForm(),
            "student_count": students.count(),
            "ranked_count": overview.ranked_count,
            "pair_count": overview.pair_count,
            "subject_count": selectors.published_subjects(campaign).count(),
            "locks": overview.locks,
            "forbidden": overview.forbidden,
            "lock_form": lock_form,
            "forbid_form": forbid_form,
            "run_form": RunForm(),
            "runs": runs,
            "objective_labels": OBJECTIVE_LABELS,
        },
    )


@login_required
@require_POST
def choices_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _manager_campaign(request, pk)
    form = ChoicesOpenForm(request.POST)
    if form.is_valid():
        call_service(
            request,
            lambda: services.choices_open(
                actor=request.user, campaign=campaign, due_at=form.cleaned_data["due_at"]
            ),
            success=_("Choices are open."),
        )
    else:
        messages.error(request, _("Give a valid closing date."))
    return redirect("allocation:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def choices_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _manager_campaign(request, pk)
    call_service(
        request,
        lambda: services.choices_close(actor=request.user, campaign=campaign),
        success=_("Choices are closed."),
    )
    return redirect("allocation:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def lock_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _manager_campaign(request, pk)
    form, _unused = _student_subject_forms(campaign, request.POST)
    if form.is_valid():
        call_service(
            request,
            lambda: services.lock_add(actor=request.user, campaign=campaign, **form.cleaned_data),
            success=_("Pre-assignment saved."),
        )
    else:
        messages.error(request, _("Choose a student, a subject and give a reason."))
    return redirect("allocation:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def lock_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    lock = get_or_404(lambda: selectors.lock_get(lock_id=pk))
    campaign = _manager_campaign(request, lock.campaign_id)
    call_service(
        request,
        lambda: services.lock_remove(actor=request.user, lock=lock),
        success=_("Pre-assignment removed."),
    )
    return redirect("allocation:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def forbidden_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _manager_campaign(request, pk)
    _unused, form = _student_subject_forms(campaign, request.POST)
    if form.is_valid():
        call_service(
            request,
            lambda: services.forbidden_add(
                actor=request.user, campaign=campaign, **form.cleaned_data
            ),
            success=_("Forbidden pair saved."),
        )
    else:
        messages.error(request, _("Choose a student, a subject and give a reason."))
    return redirect("allocation:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def forbidden_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_or_404(lambda: selectors.forbidden_get(forbidden_id=pk))
    campaign = _manager_campaign(request, row.campaign_id)
    call_service(
        request,
        lambda: services.forbidden_remove(actor=request.user, forbidden=row),
        success=_("Forbidden pair removed."),
    )
    return redirect("allocation:campaign-detail", pk=campaign.pk)


@login_required
@require_POST
def run_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _manager_campaign(request, pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an objective."))
        return redirect("allocation:campaign-detail", pk=campaign.pk)
    run = call_service(
        request,
        lambda: services.allocation_run(
            actor=request.user,
            campaign=campaign,
            objective=form.cleaned_data["objective"],
            seed=form.cleaned_data["seed"],
        ),
    )
    if run is None:
        return redirect("allocation:campaign-detail", pk=campaign.pk)
    messages.success(
        request,
        _("Allocation computed in %(seconds).3f s, proven optimal.") % {"seconds": run.seconds}
        if run.optimal
        else _("Allocation computed, but not proven optimal."),
    )
    return redirect("allocation:run-detail", pk=run.pk)


SOLVER_ID = re.compile(r"'?\b([spt]\d+)\b'?")


def _named(message: str, names: dict[str, str]) -> str:
    """Explanations name items by solver id ("p12", "'t3'"): show names instead."""
    return SOLVER_ID.sub(
        lambda m: f"“{names[m.group(1)]}”" if m.group(1) in names else m.group(0), message
    )


def _run_context(run: AllocationRun) -> dict[str, Any]:
    """Everything the review page shows, with names instead of solver ids."""
    instance = run.instance
    keys = {s["id"] for s in instance.get("students", [])}
    keys |= {p["id"] for p in instance.get("subjects", [])}
    keys |= {t["id"] for t in instance.get("supervisors", [])}
    names = selectors.names_for(keys)
    details = run.explanations
    students = []
    for key, entry in details.get("students", {}).items():
        students.append(
            {
                "key": key,
                "name": names.get(key, key),
                "subject": names.get(entry["subject"], "") if entry["subject"] else "",
                "rank": entry["rank"],
                "ranked": entry["ranked"],
                "locked": entry["locked"],
                "reasons": [
                    {
                        **reason,
                        "title": names.get(reason["subject"], reason["subject"]),
                        "message": _named(reason["message"], names),
                    }
                    for reason in entry["reasons"]
                ],
            }
        )
    students.sort(key=lambda row: (row["rank"] is None, -(row["rank"] or 0), row["name"]))
    profile = details.get("profile", [])
    profile_rows = [
        (_("Choice %(rank)d") % {"rank": i + 1}, count) for i, count in enumerate(profile[:-1])
    ]
    if profile:
        profile_rows.append((_("None of their choices"), profile[-1]))
    return {
        "names": names,
        "profile_rows": profile_rows,
        "student_rows": students,
        "unassigned_ranked": [names.get(k, k) for k in details.get("unassigned_ranked", [])],
        "unassigned_unranked": [names.get(k, k) for k in details.get("unassigned_unranked", [])],
        "subject_rows": [
            {**row, "title": names.get(row["subject"], row["subject"])}
            for row in details.get("subjects", [])
        ],
        "supervisor_rows": [
            {**row, "name": names.get(row["supervisor"], row["supervisor"])}
            for row in details.get("supervisors", [])
        ],
    }


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    campaign = run.campaign
    students, subjects = selectors.run_choices(run)
    move_form = MoveForm(students=students, subjects=subjects)
    return render(
        request,
        "allocation/run_detail.html",
        {
            "run": run,
            "campaign": campaign,
            "objective_label": OBJECTIVE_LABELS.get(run.objective, run.objective),
            "move_form": move_form,
            "moves": run.moves.select_related("student", "from_subject", "to_subject"),
            "other_runs": selectors.run_list(viewer=request.user, campaign=campaign).exclude(
                pk=run.pk
            )[:20],
            "can_publish": run.published_at is None and campaign.allocation_published_at is None,
            "assigned_count": len(run.assignments),
            **_run_context(run),
        },
    )


@login_required
def run_instance(request: HttpRequest, pk: int) -> HttpResponse:
    """The run's solver input, to check it with `thesisdesk allocate solve`."""
    run = _run(request, pk)
    response = HttpResponse(
        json.dumps(run.instance, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="allocation-run-{run.pk}.json"'
    return response


@login_required
@require_POST
def run_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    students, subjects = selectors.run_choices(run)
    form = MoveForm(request.POST, students=students, subjects=subjects)
    if form.is_valid():
        call_service(
            request,
            lambda: services.allocation_move(
                actor=request.user,
                run=run,
                student=form.cleaned_data["student"],
                subject=form.cleaned_data["subject"],
                reason=form.cleaned_data["reason"],
            ),
            success=_("Student moved."),
        )
    else:
        messages.error(request, _("Choose a student and give a reason for the move."))
    return redirect("allocation:run-detail", pk=run.pk)


@login_required
@require_POST
def run_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    theses = call_service(request, lambda: services.allocation_publish(actor=request.user, run=run))
    if theses is not None:
        messages.success(
            request,
            _("Allocation published: %(count)d theses created.") % {"count": len(theses)},
        )
    return redirect("allocation:run-detail", pk=run.pk)


@login_required
def run_compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _manager_campaign(request, pk)
    runs = selectors.run_list(viewer=request.user, campaign=campaign)
    try:
        a = runs.get(pk=int(request.GET.get("a", "")))
        b = runs.get(pk=int(request.GET.get("b", "")))
    except (ValueError, AllocationRun.DoesNotExist):
        messages.error(request, _("Choose two runs of this campaign."))
        return redirect("allocation:campaign-detail", pk=campaign.pk)

    def current(run: AllocationRun) -> Any:
        result = result_from_dict(run.result)
        result.assignments = dict(run.assignments)
        result.profile = run.explanations.get("profile", result.profile)
        result.assigned = run.explanations.get("assigned", result.assigned)
        result.rank_sum = run.explanations.get("rank_sum", result.rank_sum)
        return result

    difference = compare(current(a), current(b), instance=instance_from_dict(a.instance))
    keys = {row["student"] for row in difference["moved"]}
    keys |= {row[k] for row in difference["moved"] for k in ("a", "b") if row[k]}
    names = selectors.names_for(keys)
    profile_a, profile_b = difference["profile"]["a"], difference["profile"]["b"]
    width = max(len(profile_a), len(profile_b))
    profile_rows = [
        (
            _("Choice %(rank)d") % {"rank": i + 1} if i < width - 1 else _("None of their choices"),
            profile_a[i] if i < len(profile_a) else "",
            profile_b[i] if i < len(profile_b) else "",
        )
        for i in range(width)
    ]
    return render(
        request,
        "allocation/compare.html",
        {
            "campaign": campaign,
            "a": a,
            "b": b,
            "difference": difference,
            "profile_rows": profile_rows,
            "moved": [
                {
                    **row,
                    "name": names.get(row["student"], row["student"]),
                    "title_a": names.get(row["a"], "") if row["a"] else "",
                    "title_b": names.get(row["b"], "") if row["b"] else "",
                }
                for row in difference["moved"]
            ],
            "student_key": student_key,
        },
    )
