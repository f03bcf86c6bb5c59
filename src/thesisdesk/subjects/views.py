"""Subject pages: the list, a subject's page with its transitions, proposing and editing,
and the subjects import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thesisdesk.campaigns.models import Role
from thesisdesk.campaigns.selectors import campaign_list
from thesisdesk.core import spreadsheets
from thesisdesk.core.permissions import (
    Action,
    all_campaign_roles,
    allowed,
    allowed_actions,
    is_admin,
)
from thesisdesk.core.views import (
    audit_events_for,
    call_service,
    file_download,
    get_or_404,
    import_page,
    list_page,
)
from thesisdesk.people.selectors import person_list
from thesisdesk.subjects import imports, services
from thesisdesk.subjects.forms import ReasonForm, SubjectFilterForm, SubjectForm
from thesisdesk.subjects.models import Subject
from thesisdesk.subjects.selectors import subject_get, subject_list

PROPOSER_ROLES = {Role.COORDINATOR, Role.SUPERVISOR, Role.CO_SUPERVISOR}


@login_required
def subject_list_view(request: HttpRequest) -> HttpResponse:
    campaigns = campaign_list(viewer=request.user)
    filters = SubjectFilterForm(request.GET or None, campaigns=campaigns)
    criteria: dict[str, Any] = {}
    if filters.is_valid():
        criteria = {
            "campaign": filters.cleaned_data["campaign"],
            "state": filters.cleaned_data["state"] or None,
            "search": filters.cleaned_data["q"],
        }
    subjects = subject_list(viewer=request.user, **criteria)
    return list_page(
        request,
        queryset=subjects,
        template="subjects/subject_list.html",
        table_template="subjects/_subject_table.html",
        export_name=_("subjects"),
        export_headers=imports.EXPORT_HEADERS,
        export_rows=imports.subjects_export_rows,
        sorts={
            "title": "title",
            "state": "state",
            "supervisor": "supervisor__last_name",
            "capacity": "capacity",
        },
        default_sort="title",
        context={
            "filters": filters,
            "can_propose": bool(_proposable_campaigns(request.user)),
            "can_import": bool(_coordinated_campaigns(request.user).exists()),
        },
    )


def _coordinated_campaigns(user: Any) -> Any:
    campaigns = campaign_list(viewer=user)
    if is_admin(user):
        return campaigns
    ids = [cid for cid, roles in all_campaign_roles(user).items() if Role.COORDINATOR in roles]
    return campaigns.filter(pk__in=ids)


def _proposable_campaigns(user: Any) -> list[int]:
    if is_admin(user):
        return list(campaign_list(viewer=user).values_list("pk", flat=True))
    return [
        cid
        for cid, roles in all_campaign_roles(user).items()
        if roles & (PROPOSER_ROLES | {Role.STUDENT})
    ]


def _is_student_only(user: Any, campaign_id: int) -> bool:
    roles = all_campaign_roles(user).get(campaign_id, frozenset())
    return not is_admin(user) and Role.STUDENT in roles and not roles & PROPOSER_ROLES


TRANSITION_BUTTONS = [
    (Action.SUBJECT_ACCEPT, "subjects:subject-accept", gettext_lazy("Accept this proposal")),
    (Action.SUBJECT_APPROVE, "subjects:subject-approve", gettext_lazy("Approve")),
    (Action.SUBJECT_PUBLISH, "subjects:subject-publish", gettext_lazy("Publish")),
    (Action.SUBJECT_RESUBMIT, "subjects:subject-resubmit", gettext_lazy("Submit again")),
]
REASON_BUTTONS = [
    (Action.SUBJECT_REJECT, "subjects:subject-reject", gettext_lazy("Reject")),
    (Action.SUBJECT_WITHDRAW, "subjects:subject-withdraw", gettext_lazy("Withdraw")),
]


def _detail_context(
    request: HttpRequest, subject: Subject, *, bound: tuple[str, ReasonForm] | None = None
) -> dict[str, Any]:
    """The subject page's data; `bound` = (URL name, form) of a reason form with errors."""
    actions = allowed_actions(request.user, subject)
    reason_buttons = []
    for action, url, label in REASON_BUTTONS:
        if action not in actions:
            continue
        slug = action.value.replace(".", "-")
        # Each reason form gets its own ids: several may be on the page at once.
        form = ReasonForm(auto_id=f"{slug}-%s")
        is_open = bound is not None and url.endswith(bound[0])
        if bound is not None and is_open:
            form = bound[1]
        reason_buttons.append((url, label, form, is_open))
    return {
        "subject": subject,
        "buttons": [(url, label) for action, url, label in TRANSITION_BUTTONS if action in actions],
        "reason_buttons": reason_buttons,
        "can_update": Action.SUBJECT_UPDATE in actions,
        "audit_events": audit_events_for(request.user, subject),
    }


@login_required
def subject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_or_404(lambda: subject_get(viewer=request.user, subject_id=pk))
    return render(request, "subjects/subject_detail.html", _detail_context(request, subject))


def _form_people(user: Any, campaign_ids: list[int]) -> tuple[Any, Any]:
    supervisors = person_list(viewer=user, role=Role.SUPERVISOR).filter(
        memberships__campaign_id__in=campaign_ids
    )
    staff = person_list(viewer=user).filter(
        memberships__campaign_id__in=campaign_ids,
        memberships__role__in=[Role.SUPERVISOR, Role.CO_SUPERVISOR, Role.READER],
    )
    return supervisors.distinct(), staff.distinct()


@login_required
def subject_create(request: HttpRequest) -> HttpResponse:
    campaign_ids = _proposable_campaigns(request.user)
    if not campaign_ids:
        raise PermissionDenied(_("Only members of a campaign may propose subjects."))
    campaigns = campaign_list(viewer=request.user).filter(pk__in=campaign_ids)
    student = all(_is_student_only(request.user, cid) for cid in campaign_ids)
    supervisors, staff = _form_people(request.user, campaign_ids)
    form = SubjectForm(
        request.POST or None,
        campaigns=campaigns,
        supervisors=supervisors,
        staff=staff,
        student=student,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        campaign = data.pop("campaign")
        if _is_student_only(request.user, campaign.pk):
            values = {k: data.get(k) or "" for k in ("title", "description", "keywords")}
            subject = call_service(
                request,
                lambda: services.subject_propose_by_student(
                    actor=request.user,
                    campaign=campaign,
                    supervisor=data.get("supervisor"),
                    **values,
                ),
                form=form,
                success=_("Your proposal is recorded; a supervisor must accept it."),
            )
        else:
            subject = call_service(
                request,
                lambda: services.subject_propose(
                    actor=request.user,
                    campaign=campaign,
                    title=data["title"],
                    description=data["description"],
                    keywords=data["keywords"],
                    capacity=data.get("capacity"),
                    min_students=data.get("min_students"),
                    supervisor=data.get("supervisor"),
                    co_supervisors=data.get("co_supervisors") or (),
                ),
                form=form,
                success=_("Subject proposed; a coordinator will review it."),
            )
        if subject is not None:
            return redirect("subjects:subject-detail", pk=subject.pk)
    return render(request, "subjects/subject_form.html", {"form": form, "subject": None})


@login_required
def subject_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_or_404(lambda: subject_get(viewer=request.user, subject_id=pk))
    if not allowed(request.user, Action.SUBJECT_UPDATE, subject):
        raise PermissionDenied(_("You may not change this subject."))
    student = subject.proposed_by_id is not None and _is_student_only(
        request.user, subject.campaign_id
    )
    supervisors, staff = _form_people(request.user, [subject.campaign_id])
    initial = {
        "title": subject.title,
        "description": subject.description,
        "keywords": subject.keywords,
        "capacity": subject.capacity,
        "min_students": subject.min_students,
        "supervisor": subject.supervisor,
        "co_supervisors": list(subject.co_supervisors.all()),
    }
    form = SubjectForm(
        request.POST or None,
        initial=initial,
        campaigns=None,
        supervisors=supervisors,
        staff=staff,
        student=student,
    )
    if not allowed(request.user, Action.SUBJECT_APPROVE, subject):
        form.fields["supervisor"].disabled = True
    if request.method == "POST" and form.is_valid():
        changes = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in form.changed_data and not form.fields[name].disabled
        }
        if "capacity" in changes and changes["capacity"] is None:
            changes["capacity"] = subject.campaign.default_subject_capacity
        updated = call_service(
            request,
            lambda: services.subject_update(actor=request.user, subject=subject, **changes),
            form=form,
            success=_("Saved."),
        )
        if updated is not None:
            return redirect("subjects:subject-detail", pk=subject.pk)
    return render(request, "subjects/subject_form.html", {"form": form, "subject": subject})


def _transition(
    service: Callable[..., Subject], success: Any, *, with_reason: bool = False
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        subject = get_or_404(lambda: subject_get(viewer=request.user, subject_id=pk))
        extra: dict[str, Any] = {}
        if with_reason:
            url_name = request.resolver_match.url_name if request.resolver_match else ""
            form = ReasonForm(request.POST, auto_id=f"{url_name}-%s")
            if not form.is_valid():
                context = _detail_context(request, subject, bound=(url_name or "", form))
                return render(request, "subjects/subject_detail.html", context, status=400)
            extra["reason"] = form.cleaned_data["reason"]
        call_service(
            request,
            lambda: service(actor=request.user, subject=subject, **extra),
            success=str(success),
        )
        return redirect("subjects:subject-detail", pk=subject.pk)

    return view


subject_accept = _transition(services.subject_accept, gettext_lazy("Proposal accepted."))
subject_approve = _transition(services.subject_approve, gettext_lazy("Subject approved."))
subject_publish = _transition(services.subject_publish, gettext_lazy("Subject published."))
subject_resubmit = _transition(services.subject_resubmit, gettext_lazy("Subject submitted again."))
subject_reject = _transition(
    services.subject_reject, gettext_lazy("Subject rejected."), with_reason=True
)
subject_withdraw = _transition(
    services.subject_withdraw, gettext_lazy("Subject withdrawn."), with_reason=True
)


@login_required
def subject_import(request: HttpRequest) -> HttpResponse:
    campaigns = _coordinated_campaigns(request.user)
    if not campaigns.exists():
        raise PermissionDenied(_("Only coordinators may import subjects."))
    return import_page(
        request,
        kind="subjects",
        campaigns=campaigns,
        run_import=imports.subjects_import,
        template="core/import.html",
        done_url=reverse("subjects:subject-list"),
        context={
            "import_title": _("Import subjects"),
            "preview_template": "subjects/_import_preview.html",
            "template_csv_url": reverse("subjects:subject-import-template", args=["csv"]),
            "template_xlsx_url": reverse("subjects:subject-import-template", args=["xlsx"]),
            "format_columns": [
                ("title", True, _("The subject's title (unique in the campaign).")),
                (
                    "supervisor_email",
                    True,
                    _("E-mail of the supervisor, already a supervisor of the campaign."),
                ),
                ("description", False, _("Description; basic HTML is kept.")),
                ("keywords", False, _("Keywords separated by commas.")),
                ("capacity", False, _("Number of students (default: the campaign's).")),
                ("min_students", False, _("Minimum number of students.")),
                (
                    "co_supervisor_emails",
                    False,
                    _("E-mails of co-supervisors, separated by commas."),
                ),
                ("state", False, _("proposed (the default), approved or published.")),
            ],
        },
    )


@login_required
def subject_import_template(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in spreadsheets.FORMATS:
        raise Http404(_("Unknown format."))
    return file_download(
        content=imports.subjects_template(file_format),
        filename=f"thesisdesk-subjects.{file_format}",
        file_format=file_format,
    )
