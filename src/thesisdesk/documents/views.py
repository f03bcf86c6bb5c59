"""Guideline file pages: the campaign's list (upload, replace, remove, publish) and
downloads from ThesisDesk's copy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.views import call_service, get_or_404
from thesisdesk.documents import selectors, services
from thesisdesk.documents.forms import GuidelineReplaceForm, GuidelineUploadForm


@login_required
def guideline_list(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_or_404(lambda: campaign_get(viewer=request.user, campaign_id=campaign_id))
    manage = services.can_manage(request.user, campaign.pk)
    form = GuidelineUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            row = call_service(
                request,
                lambda: services.guideline_file_upload(
                    actor=request.user,
                    campaign=campaign,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    visible=form.cleaned_data["visible"],
                    upload=upload,
                    filename=upload.name,
                ),
                form=form,
                success=_("File uploaded; it is being published to Moodle."),
            )
            if row is not None:
                return redirect("documents:guideline-list", campaign_id=campaign.pk)
    return render(
        request,
        "documents/guideline_list.html",
        {
            "campaign": campaign,
            "files": selectors.guideline_list(campaign=campaign),
            "form": form if manage else None,
            "replace_form": GuidelineReplaceForm(),
            "manage": manage,
        },
    )


@login_required
def guideline_download(request: HttpRequest, pk: int) -> FileResponse:
    row = get_or_404(lambda: selectors.guideline_get(viewer=request.user, guideline_id=pk))
    return FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.filename,
        content_type=row.content_type,
    )


@login_required
@require_POST
def guideline_replace(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_or_404(lambda: selectors.guideline_get(viewer=request.user, guideline_id=pk))
    form = GuidelineReplaceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        call_service(
            request,
            lambda: services.guideline_file_replace(
                actor=request.user, guideline=row, upload=upload, filename=upload.name
            ),
            success=_("File replaced; Moodle's copy will be replaced too."),
        )
    else:
        messages.error(request, _("Choose a file."))
    return redirect("documents:guideline-list", campaign_id=row.campaign_id)


@login_required
@require_POST
def guideline_remove(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_or_404(lambda: selectors.guideline_get(viewer=request.user, guideline_id=pk))
    call_service(
        request,
        lambda: services.guideline_file_remove(actor=request.user, guideline=row),
        success=_("File removed."),
    )
    return redirect("documents:guideline-list", campaign_id=row.campaign_id)


@login_required
@require_POST
def guideline_publish(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_or_404(lambda: campaign_get(viewer=request.user, campaign_id=campaign_id))
    call_service(
        request,
        lambda: services.guideline_files_publish_request(actor=request.user, campaign=campaign),
        success=_("Publication to Moodle queued."),
    )
    return redirect("documents:guideline-list", campaign_id=campaign.pk)
