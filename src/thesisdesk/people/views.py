"""People pages: the directory, a person's page and roles, and the people import."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thesisdesk.campaigns.models import Campaign
from thesisdesk.campaigns.selectors import campaign_list
from thesisdesk.campaigns.services import membership_add, membership_remove
from thesisdesk.core import spreadsheets
from thesisdesk.core.permissions import (
    Action,
    allowed,
    coordinated_campaign_ids,
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
from thesisdesk.people import imports
from thesisdesk.people.forms import MembershipForm, PersonFilterForm, PersonForm, PreferencesForm
from thesisdesk.people.selectors import membership_list, person_get, person_list
from thesisdesk.people.services import person_create, person_update


def coordinated_campaigns(user: Any) -> Any:
    """The campaigns `user` may manage people in (all of them for administrators)."""
    campaigns = campaign_list(viewer=user)
    if is_admin(user):
        return campaigns
    return campaigns.filter(pk__in=coordinated_campaign_ids(user))


@login_required
def person_list_view(request: HttpRequest) -> HttpResponse:
    campaigns = campaign_list(viewer=request.user)
    filters = PersonFilterForm(request.GET or None, campaigns=campaigns)
    campaign: Campaign | None = None
    role = search = ""
    if filters.is_valid():
        campaign = filters.cleaned_data["campaign"]
        role = filters.cleaned_data["role"]
        search = filters.cleaned_data["q"]
    people = person_list(
        viewer=request.user, campaign=campaign, role=role or None, search=search
    ).prefetch_related(
        Prefetch(
            "memberships",
            queryset=membership_list(viewer=request.user, campaign=campaign),
            to_attr="visible_memberships",
        )
    )
    return list_page(
        request,
        queryset=people,
        template="people/person_list.html",
        table_template="people/_person_table.html",
        export_name=_("people"),
        export_headers=imports.EXPORT_HEADERS,
        export_rows=lambda rows: imports.people_export_rows(
            rows, campaign=campaign, attr="visible_memberships"
        ),
        sorts={"name": "last_name", "first_name": "first_name", "email": "email"},
        default_sort="name",
        context={
            "filters": filters,
            "can_create": allowed(request.user, Action.PERSON_CREATE),
            "can_import": coordinated_campaigns(request.user).exists(),
        },
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_or_404(lambda: person_get(viewer=request.user, person_id=pk))
    memberships = list(membership_list(viewer=request.user, person=person))
    manageable = coordinated_campaigns(request.user)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "memberships": memberships,
            "manageable_campaign_ids": set(manageable.values_list("pk", flat=True)),
            "membership_form": MembershipForm(campaigns=manageable)
            if manageable.exists()
            else None,
            "can_update": allowed(request.user, Action.PERSON_UPDATE, person),
            "can_update_preferences": allowed(
                request.user, Action.PERSON_UPDATE_PREFERENCES, person
            ),
            "audit_events": audit_events_for(request.user, person),
        },
    )


@login_required
def person_create_view(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user, Action.PERSON_CREATE):
        raise PermissionDenied(_("Only coordinators may add people."))
    form = PersonForm(request.POST or None, initial={"preferred_language": "fr"})
    if request.method == "POST" and form.is_valid():
        person = call_service(
            request,
            lambda: person_create(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("Person added."),
        )
        if person is not None:
            return redirect("people:person-detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": None})


@login_required
def person_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_or_404(lambda: person_get(viewer=request.user, person_id=pk))
    full = allowed(request.user, Action.PERSON_UPDATE, person)
    if not full and not allowed(request.user, Action.PERSON_UPDATE_PREFERENCES, person):
        raise PermissionDenied(_("You may not change this person."))
    form_class = PersonForm if full else PreferencesForm
    initial = {name: getattr(person, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {
            name: value for name, value in form.cleaned_data.items() if initial[name] != value
        }
        updated = call_service(
            request,
            lambda: person_update(actor=request.user, person=person, **changes),
            form=form,
            success=_("Saved."),
        )
        if updated is not None:
            return redirect("people:person-detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def membership_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_or_404(lambda: person_get(viewer=request.user, person_id=pk))
    form = MembershipForm(request.POST, campaigns=coordinated_campaigns(request.user))
    if form.is_valid():
        call_service(
            request,
            lambda: membership_add(
                actor=request.user,
                campaign=form.cleaned_data["campaign"],
                person=person,
                role=form.cleaned_data["role"],
            ),
            success=_("Role added."),
        )
    else:
        raise PermissionDenied(_("You may not give roles in this campaign."))
    return redirect("people:person-detail", pk=person.pk)


@login_required
@require_POST
def membership_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_list(viewer=request.user).filter(pk=pk).first()
    if membership is None:
        raise Http404(_("No such role."))
    call_service(
        request,
        lambda: membership_remove(actor=request.user, membership=membership),
        success=_("Role removed."),
    )
    return redirect("people:person-detail", pk=membership.person_id)


@login_required
def person_import(request: HttpRequest) -> HttpResponse:
    campaigns = coordinated_campaigns(request.user)
    if not campaigns.exists():
        raise PermissionDenied(_("Only coordinators may import people."))
    return import_page(
        request,
        kind="people",
        campaigns=campaigns,
        run_import=imports.people_import,
        template="core/import.html",
        done_url=reverse("people:person-list"),
        context={
            "import_title": _("Import people"),
            "preview_template": "people/_import_preview.html",
            "template_csv_url": reverse("people:person-import-template", args=["csv"]),
            "template_xlsx_url": reverse("people:person-import-template", args=["xlsx"]),
            "format_columns": [
                ("email", True, _("E-mail address; people are matched by e-mail.")),
                ("first_name", True, _("First name.")),
                ("last_name", True, _("Last name.")),
                (
                    "roles",
                    False,
                    _(
                        "Roles in the campaign, separated by commas: student (the default), "
                        "supervisor, co_supervisor, reader, coordinator."
                    ),
                ),
                ("moodle_username", False, _("Moodle username.")),
                ("moodle_user_id", False, _("Moodle user id (a whole number).")),
                ("language", False, _("fr or en.")),
            ],
        },
    )


@login_required
def person_import_template(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in spreadsheets.FORMATS:
        raise Http404(_("Unknown format."))
    return file_download(
        content=imports.people_template(file_format),
        filename=f"thesisdesk-people.{file_format}",
        file_format=file_format,
    )
