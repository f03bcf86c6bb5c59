"""Guideline file pages: the campaign's list (upload, replace, remove, publish) and
downloads from ThesisDesk's copy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.errors import DomainError, ValidationFailed
from thesisdesk.core.permissions import all_campaign_roles, is_admin
from thesisdesk.core.views import raise_for_domain_error
from thesisdesk.documents import services
from thesisdesk.documents.forms import GuidelineReplaceForm, GuidelineUploadForm
from thesisdesk.documents.models import GuidelineFile


def _campaign_for(request: HttpRequest, campaign_id: int) -> Campaign:
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    if not (is_admin(request.user) or campaign.pk in all_campaign_roles(request.user)):
        raise Http404
    return campaign


@login_required
def guideline_list(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign_for(request, campaign_id)
    manage = services.can_manage(request.user, campaign.pk)
    form = GuidelineUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.guideline_file_upload(
                    actor=request.user,
                    campaign=campaign,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    visible=form.cleaned_data["visible"],
                    upload=upload,
                    filename=upload.name,
                )
            except DomainError as error:
                raise_for_domain_error(error)
                for name, errors in (
                    error.errors.items() if isinstance(error, ValidationFailed) else []
                ):
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
                form.add_error(None, error.message)
            else:
                messages.success(request, _("File uploaded; it is being published to Moodle."))
                return redirect("documents:guideline-list", campaign_id=campaign.pk)
    files = GuidelineFile.objects.filter(campaign=campaign, removed_at__isnull=True)
    return render(
        request,
        "documents/guideline_list.html",
        {
            "campaign": campaign,
            "files": files,
            "form": form if manage else None,
            "replace_form": GuidelineReplaceForm(),
            "manage": manage,
        },
    )


def _guideline(request: HttpRequest, pk: int) -> GuidelineFile:
    row = get_object_or_404(GuidelineFile, pk=pk, removed_at__isnull=True)
    _campaign_for(request, row.campaign_id)
    return row


@login_required
def guideline_download(request: HttpRequest, pk: int) -> FileResponse:
    row = _guideline(request, pk)
    return FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.filename,
        content_type=row.content_type,
    )


@login_required
@require_POST
def guideline_replace(request: HttpRequest, pk: int) -> HttpResponse:
    row = _guideline(request, pk)
    form = GuidelineReplaceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.guideline_file_replace(
                actor=request.user, guideline=row, upload=upload, filename=upload.name
            )
        except DomainError as error:
            raise_for_domain_error(error)
            messages.error(request, error.message)
        else:
            messages.success(request, _("File replaced; Moodle's copy will be replaced too."))
    else:
        messages.error(request, _("Choose a file."))
    return redirect("documents:guideline-list", campaign_id=row.campaign_id)


@login_required
@require_POST
def guideline_remove(request: HttpRequest, pk: int) -> HttpResponse:
    row = _guideline(request, pk)
    try:
        services.guideline_file_remove(actor=request.user, guideline=row)
    except DomainError as error:
        raise_for_domain_error(error)
    messages.success(request, _("File removed."))
    return redirect("documents:guideline-list", campaign_id=row.campaign_id)


@login_required
@require_POST
def guideline_publish(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign_for(request, campaign_id)
    if not services.can_manage(request.user, campaign.pk):
        raise PermissionDenied
    services._schedule_publish(campaign.pk)
    messages.success(request, _("Publication to Moodle queued."))
    return redirect("documents:guideline-list", campaign_id=campaign.pk)
