"""Notification pages: the outbox (coordinators), templates with preview, histories."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thesisdesk.core.errors import ValidationFailed
from thesisdesk.core.permissions import (
    Action,
    allowed,
    coordinated_campaign_ids,
    is_admin,
    person_of,
)
from thesisdesk.core.views import get_or_404
from thesisdesk.notifications import events, selectors, services
from thesisdesk.notifications.forms import TemplateForm
from thesisdesk.notifications.models import Event, Notification, StoredEmail
from thesisdesk.people.selectors import person_get


def _require_outbox(request: HttpRequest) -> None:
    if not selectors.can_see_outbox(request.user):
        raise PermissionDenied(_("Only coordinators see the notifications outbox."))


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    _require_outbox(request)
    status = request.GET.get("status", "")
    if status not in Notification.Status.values:
        status = ""
    rows = selectors.outbox_notifications(viewer=request.user, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    stores_mail = settings.EMAIL_BACKEND.endswith("OutboxEmailBackend")
    emails = selectors.stored_emails()[:50] if stores_mail and is_admin(request.user) else []
    if stores_mail and not is_admin(request.user):
        # Coordinators see the stored mails of their campaigns' notifications only.
        keys = {n.person.email for n in page.object_list}
        emails = [e for e in selectors.stored_emails()[:200] if e.to in keys][:50]
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "status": status,
            "statuses": Notification.Status.choices,
            "stores_mail": stores_mail,
            "emails": emails,
        },
    )


@login_required
def stored_email_detail(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_object_or_404(StoredEmail, pk=pk)
    if not selectors.stored_email_visible(viewer=request.user, email=email):
        raise Http404
    return render(
        request,
        "notifications/email_detail.html",
        {"email": email, "outbox": selectors.can_see_outbox(request.user)},
    )


def _outbox_row(request: HttpRequest, pk: int) -> Any:
    """A notification of the outbox this coordinator sees, or 404."""
    _require_outbox(request)
    row = selectors.outbox_notifications(viewer=request.user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


@login_required
@require_POST
def notification_retry(request: HttpRequest, pk: int) -> HttpResponse:
    row = _outbox_row(request, pk)
    services.notifications_retry(actor=request.user, ids=[row.pk])
    messages.success(request, _("The notification will be sent again."))
    return redirect("notifications:outbox")


@login_required
@require_POST
def notification_skip(request: HttpRequest, pk: int) -> HttpResponse:
    row = _outbox_row(request, pk)
    services.notification_mark_skipped(actor=request.user, notification=row)
    return redirect("notifications:outbox")


def _require_templates(request: HttpRequest) -> None:
    if not (is_admin(request.user) or coordinated_campaign_ids(request.user)):
        raise PermissionDenied(_("Only coordinators edit notification templates."))


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _require_templates(request)
    edited = selectors.edited_templates()
    rows = [
        {
            "event": event,
            "label": label,
            "languages": [(lang, (event, lang) in edited) for lang in events.LANGUAGES],
        }
        for event, label in Event.choices
    ]
    return render(request, "notifications/template_list.html", {"rows": rows})


@login_required
def template_edit(request: HttpRequest, event: str, language: str) -> HttpResponse:
    _require_templates(request)
    if event not in Event.values or language not in events.LANGUAGES:
        raise Http404
    subject, body = services.template_source(event, language)
    form = TemplateForm(request.POST or None, initial={"subject": subject, "body_html": body})
    preview: Any = None
    if request.method == "POST":
        if "reset" in request.POST:
            services.template_reset(actor=request.user, event=event, language=language)
            messages.success(request, _("The built-in wording is back."))
            return redirect("notifications:template-edit", event=event, language=language)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if "preview" in request.POST:
                    preview = services.render_source(
                        data["subject"], data["body_html"], events.SAMPLE_CONTEXT
                    )
                else:
                    services.template_save(
                        actor=request.user,
                        event=event,
                        language=language,
                        subject=data["subject"],
                        body_html=data["body_html"],
                    )
                    messages.success(request, _("Template saved."))
                    return redirect("notifications:template-list")
            except ValidationFailed as error:
                form.add_error(None, error.message)
    else:
        preview = services.render_source(subject, body, events.SAMPLE_CONTEXT)
    return render(
        request,
        "notifications/template_edit.html",
        {
            "form": form,
            "event": event,
            "event_label": Event(event).label,
            "language": language,
            "variables": events.VARIABLES.get(event, ()),
            "preview": preview,
        },
    )


@login_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_or_404(lambda: person_get(viewer=request.user, person_id=pk))
    own = person_of(request.user)
    if not (
        (own is not None and own.pk == person.pk)
        or is_admin(request.user)
        or allowed(request.user, Action.PERSON_UPDATE, person)
    ):
        raise PermissionDenied(_("You may not see this person's notifications."))
    page = Paginator(selectors.person_history(person=person), 50).get_page(request.GET.get("page"))
    # Without EMAIL_URL (the demo) the e-mails are kept: each row links to its message.
    kept = selectors.stored_email_ids(notifications=page.object_list)
    for row in page.object_list:
        row.stored_email_id = kept.get(row.pk)
    return render(request, "notifications/person_history.html", {"person": person, "page": page})


@login_required
def my_history(request: HttpRequest) -> HttpResponse:
    own = person_of(request.user)
    if own is None:
        raise Http404
    return person_history(request, own.pk)
