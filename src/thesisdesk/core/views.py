"""Web pages shared by every app: the dashboard, and the helpers list and form pages use.

Views are thin: they parse the request, ask `thesisdesk.core.permissions`, call one service
or selector, and render. The helpers here keep that shape short in each app:

- `list_page(...)`: filter/sort/paginate a selector's queryset, answer htmx with the table
  only, and export the whole filtered list as CSV or XLSX (`?export=csv|xlsx`).
- `call_service(...)`: run a service, turning `DomainError`s into form errors, messages,
  403 or 404 responses.
"""

from __future__ import annotations

import operator
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Model, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core import spreadsheets
from thesisdesk.core.errors import DomainError, NotAllowed, NotFound, ValidationFailed

PAGE_SIZE = 50
T = TypeVar("T")


# Navigation (a context processor: `thesisdesk.core.views.navigation`) ----------------------


# (URL name, label, who sees it: "all", "coordinators", or "people" — accounts linked to a
# person). Items whose app is absent are
# skipped, so apps can come and go without touching this list's users.
_NAV_ITEMS: Sequence[tuple[str, Any, str]] = (
    ("campaigns:campaign-list", gettext_lazy("Campaigns"), "all"),
    ("subjects:subject-list", gettext_lazy("Subjects"), "all"),
    ("theses:thesis-list", gettext_lazy("Theses"), "all"),
    ("milestones:milestone-list", gettext_lazy("Milestones"), "all"),
    ("deposits:deposit-list", gettext_lazy("Deposits"), "all"),
    ("people:person-list", gettext_lazy("People"), "all"),
    ("notifications:outbox", gettext_lazy("Notifications"), "coordinators"),
    ("notifications:my-history", gettext_lazy("My notifications"), "others"),
    ("calendars:my-calendar", gettext_lazy("My calendar"), "people"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu for signed-in users, with the current section marked."""
    from thesisdesk.core.permissions import coordinated_campaign_ids, is_admin, person_of

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_nav": []}
    coordinator = is_admin(user) or bool(coordinated_campaign_ids(user))
    items = []
    for name, label, audience in _NAV_ITEMS:
        if audience == "coordinators" and not coordinator:
            continue
        if audience in {"people", "others"} and person_of(user) is None:
            continue
        if audience == "others" and coordinator:  # coordinators have the whole outbox
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return {"main_nav": items}


# Services and errors --------------------------------------------------------------------


def raise_for_domain_error(error: DomainError) -> None:
    """Turn refusals into the HTTP answers Django knows (403 page, 404 page)."""
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message)
    if isinstance(error, NotFound):
        raise Http404(error.message)


def call_service(
    request: HttpRequest,
    service: Callable[[], T],
    *,
    form: Form | None = None,
    success: str = "",
) -> T | None:
    """Run `service()`; on a domain error, show it (on `form` when given) and return None.

    `NotAllowed` becomes a 403 page and `NotFound` a 404 page; validation errors naming a
    field land on that field of `form`.
    """
    try:
        result = service()
    except DomainError as error:
        raise_for_domain_error(error)
        if form is not None:
            field_errors = error.errors if isinstance(error, ValidationFailed) else {}
            placed = False
            for field_name, field_messages in field_errors.items():
                for message in field_messages:
                    if field_name in form.fields:
                        form.add_error(field_name, message)
                        placed = True
            if error.field and error.field in form.fields:
                form.add_error(error.field, error.message)
                placed = True
            if not placed:
                form.add_error(None, error.message)
        else:
            messages.error(request, error.message)
        return None
    if success:
        messages.success(request, success)
    return result


def get_or_404(getter: Callable[[], T]) -> T:
    """Call a `<entity>_get` selector, turning `NotFound`/`NotAllowed` into 404/403."""
    try:
        return getter()
    except DomainError as error:
        raise_for_domain_error(error)
        raise


# Lists ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One exported column: its header and how to get the value from a row."""

    header: str
    value: Callable[[Any], Any]


def export_response(
    *, name: str, file_format: str, columns: Sequence[Column], rows: Iterable[Any]
) -> HttpResponse:
    """The whole list as a CSV (streamed) or XLSX download, named `<name>-<date>.<format>`."""
    headers = [column.header for column in columns]
    values = ([column.value(row) for column in columns] for row in rows)
    filename = f"{slugify(name) or 'export'}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response: HttpResponse
    if file_format == spreadsheets.XLSX:
        response = HttpResponse(
            spreadsheets.write_xlsx(headers, values, title=name),
            content_type=spreadsheets.CONTENT_TYPES[spreadsheets.XLSX],
        )
    else:
        stream = StreamingHttpResponse(
            (chunk.encode("utf-8") for chunk in spreadsheets.iter_csv(headers, values)),
            content_type=spreadsheets.CONTENT_TYPES[spreadsheets.CSV],
        )
        response = stream  # type: ignore[assignment]
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def list_page(
    request: HttpRequest,
    *,
    queryset: QuerySet[Any],
    template: str,
    table_template: str,
    export_name: str,
    export_columns: Sequence[Column] = (),
    export_headers: Sequence[str] = (),
    export_rows: Callable[[Iterable[Any]], Iterable[Sequence[Any]]] | None = None,
    sorts: Mapping[str, str] | None = None,
    default_sort: str = "",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Render a filtered list page (or only its table for htmx), or export it.

    `sorts` maps the `sort` query values offered to the user to ORM orderings; a leading
    `-` in the query value reverses it. Unknown values fall back to `default_sort`.
    Exports use `export_columns`, or `export_headers` with `export_rows(objects)`.
    """
    sort = request.GET.get("sort", default_sort)
    if sorts:
        key = sort.removeprefix("-")
        if key not in sorts:
            sort, key = default_sort, default_sort.removeprefix("-")
        if key in sorts:
            ordering = sorts[key]
            if sort.startswith("-"):
                ordering = ordering[1:] if ordering.startswith("-") else "-" + ordering
            queryset = queryset.order_by(ordering, "pk")

    export = request.GET.get("export", "")
    if export in spreadsheets.FORMATS:
        objects = queryset.iterator(chunk_size=2000)
        if export_rows is not None:
            return export_response(
                name=export_name,
                file_format=export,
                columns=[
                    Column(header, operator.itemgetter(index))
                    for index, header in enumerate(export_headers)
                ],
                rows=export_rows(objects),
            )
        return export_response(
            name=export_name, file_format=export, columns=export_columns, rows=objects
        )

    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    export_query = query.copy()
    query_without_sort = query.copy()
    query_without_sort.pop("sort", None)
    data = {
        "page_obj": page_obj,
        "rows": page_obj.object_list,
        "sort": sort,
        "query_without_page": query.urlencode(),
        "query_without_sort": query_without_sort.urlencode(),
        "export_query": export_query.urlencode(),
        "table_template": table_template,
        **(context or {}),
    }
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == "results":
        return render(request, table_template, data)
    return render(request, template, data)


AUDIT_ACTION_LABELS: dict[str, Any] = {
    "campaign.create": gettext_lazy("created the campaign"),
    "campaign.update": gettext_lazy("changed the campaign"),
    "membership.add": gettext_lazy("added a role"),
    "membership.remove": gettext_lazy("removed a role"),
    "person.create": gettext_lazy("added the person"),
    "person.update": gettext_lazy("changed the person's details"),
    "person.link_user": gettext_lazy("linked the account"),
    "people.import": gettext_lazy("imported people"),
    "subjects.import": gettext_lazy("imported subjects"),
    "milestone.create": gettext_lazy("created the milestone"),
    "milestone.update": gettext_lazy("changed the milestone"),
    "milestone.extend": gettext_lazy("extended a deadline"),
    "subject.propose": gettext_lazy("proposed the subject"),
    "subject.propose_by_student": gettext_lazy("proposed the subject (student)"),
    "subject.accept": gettext_lazy("accepted the proposal"),
    "subject.approve": gettext_lazy("approved the subject"),
    "subject.reject": gettext_lazy("rejected the subject"),
    "subject.resubmit": gettext_lazy("submitted the subject again"),
    "subject.publish": gettext_lazy("published the subject"),
    "subject.withdraw": gettext_lazy("withdrew the subject"),
    "subject.update": gettext_lazy("changed the subject"),
    "thesis.create": gettext_lazy("created the thesis"),
    "thesis.start": gettext_lazy("started the work"),
    "thesis.deposit": gettext_lazy("deposited the thesis"),
    "thesis.defend": gettext_lazy("marked the thesis as defended"),
    "thesis.grade": gettext_lazy("recorded the grade"),
    "thesis.abandon": gettext_lazy("abandoned the thesis"),
    "thesis.update": gettext_lazy("changed the thesis"),
    "thesis.set_people": gettext_lazy("changed the thesis's people"),
}


def audit_events_for(viewer: Any, target: Model) -> list[Any]:
    """The audit events of one object the viewer may see (empty if they may not), each
    with a readable `action_label`."""
    from thesisdesk.core.selectors import audit_list

    try:
        events = list(audit_list(viewer=viewer, target=target)[:100])
    except DomainError:
        return []
    for event in events:
        setattr(event, "action_label", AUDIT_ACTION_LABELS.get(event.action, event.action))  # noqa: B010
    return events


# Dashboard --------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """One page per person: the blocks of every role they hold in any campaign."""
    from thesisdesk.campaigns.models import Role
    from thesisdesk.campaigns.selectors import campaign_list
    from thesisdesk.core.permissions import is_admin
    from thesisdesk.milestones.selectors import milestones_upcoming_for
    from thesisdesk.people.selectors import membership_list, person_for_user
    from thesisdesk.subjects.models import SubjectState
    from thesisdesk.subjects.selectors import subject_list, subjects_needing_action
    from thesisdesk.theses.models import ThesisState
    from thesisdesk.theses.selectors import theses_needing_action, thesis_list

    user = request.user
    person = person_for_user(user)
    roles: set[str] = set()
    if person is not None:
        roles = set(
            membership_list(viewer=user, person=person).values_list("role", flat=True).distinct()
        )
    admin = is_admin(user)
    is_coordinator = admin or Role.COORDINATOR in roles
    is_supervisor = bool(roles & {Role.SUPERVISOR, Role.CO_SUPERVISOR, Role.READER})
    is_student = Role.STUDENT in roles

    context: dict[str, Any] = {
        "person": person,
        "roles": roles,
        "is_coordinator": is_coordinator,
        "is_supervisor": is_supervisor,
        "is_student": is_student,
        "upcoming_milestones": list(milestones_upcoming_for(viewer=user, limit=8)),
        # Where a student ranks subjects (the allocation app's choices page).
        "student_campaigns": (
            [
                membership.campaign
                for membership in membership_list(
                    viewer=user, person=person, role=Role.STUDENT
                ).select_related("campaign")
            ]
            if is_student
            else []
        ),
        "now": timezone.now(),
    }
    if is_coordinator:
        campaigns = list(campaign_list(viewer=user))
        subject_states = dict(
            subject_list(viewer=user)
            .order_by()
            .values_list("state")
            .annotate(count=Count("id"))
            .values_list("state", "count")
        )
        thesis_states = dict(
            thesis_list(viewer=user)
            .order_by()
            .values_list("state")
            .annotate(count=Count("id"))
            .values_list("state", "count")
        )
        context.update(
            campaigns=campaigns,
            subject_states=[
                (state, label, subject_states.get(state, 0))
                for state, label in SubjectState.choices
            ],
            thesis_states=[
                (state, label, thesis_states.get(state, 0)) for state, label in ThesisState.choices
            ],
        )
    if is_coordinator or is_supervisor:
        context["subjects_to_act_on"] = list(subjects_needing_action(viewer=user)[:20])
        context["theses_to_act_on"] = list(theses_needing_action(viewer=user)[:20])
    if is_supervisor and person is not None:
        context["my_subjects"] = list(
            subject_list(viewer=user, supervisor=person).select_related("campaign")[:20]
        )
        context["my_supervised_theses"] = list(
            thesis_list(viewer=user, person=person).exclude(students=person)[:20]
        )
    if is_student and person is not None:
        context["published_subjects"] = list(
            subject_list(viewer=user, state=SubjectState.PUBLISHED)[:20]
        )
        context["my_theses"] = list(thesis_list(viewer=user, person=person).filter(students=person))
    return render(request, "core/dashboard.html", context)


# Imports: upload → preview (a dry run) → confirm -------------------------------------------

MAX_IMPORT_BYTES = 20 * 1024 * 1024
IMPORT_COUNT_LABELS: dict[str, Any] = {
    "rows": gettext_lazy("rows"),
    "create": gettext_lazy("to create"),
    "update": gettext_lazy("to update"),
    "unchanged": gettext_lazy("already known"),
    "memberships": gettext_lazy("roles to add"),
    "published": gettext_lazy("published"),
}
_IMPORTS_SESSION_KEY = "thesisdesk_pending_imports"


class ImportForm(forms.Form):
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(), label=gettext_lazy("Campaign")
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8 or Windows, “;” or “,”) or Excel workbook (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def __init__(self, *args: Any, campaigns: QuerySet[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["campaign"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = campaigns
        if campaigns.count() == 1:
            field.initial = campaigns.first()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_IMPORT_BYTES // 2**20}
            )
        return upload


def import_page(
    request: HttpRequest,
    *,
    kind: str,
    campaigns: QuerySet[Any],
    run_import: Callable[..., spreadsheets.ImportReport],
    template: str,
    done_url: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The two-step import: a dry run shows the preview, confirming imports the same file.

    The uploaded bytes wait in the default storage under `imports/`, named by a random
    token remembered in the session, so only the person who uploaded can confirm.
    """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    pending: dict[str, dict[str, Any]] = request.session.get(_IMPORTS_SESSION_KEY, {})
    report = None
    token = ""
    form = ImportForm(campaigns=campaigns)
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        entry = pending.get(token)
        if entry is None or entry["kind"] != kind:
            messages.error(request, _("This import has expired: upload the file again."))
            return redirect(request.path)
        campaign = get_or_404(lambda: campaigns.get(pk=entry["campaign_id"]))
        path = f"imports/{token}"
        with default_storage.open(path, "rb") as handle:
            data = handle.read()
        report = call_service(
            request,
            lambda: run_import(
                actor=request.user,
                campaign=campaign,
                data=data,
                filename=entry["filename"],
                dry_run=False,
            ),
        )
        if report is not None and report.imported:
            default_storage.delete(path)
            pending.pop(token, None)
            request.session[_IMPORTS_SESSION_KEY] = pending
            messages.success(
                request,
                _("Import done: %(rows)d rows from %(file)s.")
                % {"rows": report.counts.get("rows", 0), "file": entry["filename"]},
            )
            return redirect(done_url)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES, campaigns=campaigns)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            campaign = form.cleaned_data["campaign"]
            report = call_service(
                request,
                lambda: run_import(
                    actor=request.user,
                    campaign=campaign,
                    data=data,
                    filename=upload.name,
                    dry_run=True,
                ),
                form=form,
            )
            if report is not None and report.ok:
                token = secrets.token_urlsafe(16)
                default_storage.save(f"imports/{token}", ContentFile(data))
                pending[token] = {
                    "kind": kind,
                    "campaign_id": campaign.pk,
                    "filename": upload.name,
                }
                request.session[_IMPORTS_SESSION_KEY] = pending
    counts = []
    if report is not None:
        counts = [(IMPORT_COUNT_LABELS.get(k, k), v) for k, v in report.counts.items()]
    return render(
        request,
        template,
        {
            "form": form,
            "report": report,
            "counts": counts,
            "token": token,
            "kind": kind,
            **(context or {}),
        },
    )


def file_download(*, content: bytes, filename: str, file_format: str) -> HttpResponse:
    response = HttpResponse(content, content_type=spreadsheets.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
