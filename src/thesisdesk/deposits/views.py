"""Deposit pages: per deposit milestone, per thesis; file downloads and the jury's zip,
streamed from Moodle with the service token."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.views import get_or_404
from thesisdesk.deposits import selectors
from thesisdesk.deposits.downloads import OpenDownload, zip_of_files
from thesisdesk.deposits.services import default_client


def _moodle_unavailable(request: HttpRequest, error: Exception) -> HttpResponse:
    return render(request, "deposits/moodle_unavailable.html", {"error": str(error)}, status=502)


def _offers_jury_zip(user: Any, campaign_id: int) -> bool:
    """The jury's zip is offered to those who read others' theses (administrators,
    coordinators, supervisors, readers), not to a student: their "all final deposits"
    would be their own."""
    from thesisdesk.campaigns.models import Role
    from thesisdesk.core.permissions import all_campaign_roles, is_admin

    held = all_campaign_roles(user).get(campaign_id, frozenset())
    return is_admin(user) or bool(held - {Role.STUDENT})


@login_required
def deposit_index(request: HttpRequest) -> HttpResponse:
    milestones = selectors.deposit_milestone_list(viewer=request.user)
    jury = {m.campaign_id for m in milestones if _offers_jury_zip(request.user, m.campaign_id)}
    return render(
        request, "deposits/index.html", {"milestones": milestones, "jury_campaign_ids": jury}
    )


@login_required
def milestone_deposits(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = get_or_404(
        lambda: selectors.deposit_milestone_get(viewer=request.user, milestone_id=milestone_id)
    )
    rows = selectors.deposit_rows(viewer=request.user, milestone=milestone)
    context: dict[str, Any] = {
        "milestone": milestone,
        "rows": rows,
        "deposited": sum(1 for row in rows if row.is_deposited),
        "late": sum(1 for row in rows if row.is_late),
        "offers_zip": _offers_jury_zip(request.user, milestone.campaign_id),
    }
    return render(request, "deposits/milestone_deposits.html", context)


@login_required
def thesis_deposits(request: HttpRequest, thesis_id: int) -> HttpResponse:
    thesis, rows = get_or_404(
        lambda: selectors.thesis_deposit_rows(viewer=request.user, thesis_id=thesis_id)
    )
    return render(request, "deposits/thesis_deposits.html", {"thesis": thesis, "rows": rows})


@login_required
def file_download(request: HttpRequest, file_id: int) -> HttpResponseBase:
    from thesisdesk.moodle.client.errors import MoodleClientError

    file = get_or_404(lambda: selectors.deposit_file_get(viewer=request.user, file_id=file_id))
    try:
        download = OpenDownload(default_client(), file.fileurl)
    except MoodleClientError as error:
        return _moodle_unavailable(request, error)
    response = StreamingHttpResponse(download, content_type=download.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(True, file.filename) or "attachment"
    )
    if download.size is not None:
        response["Content-Length"] = str(download.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def campaign_final_zip(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    campaign = get_or_404(lambda: campaign_get(viewer=request.user, campaign_id=campaign_id))
    files = selectors.final_deposit_files(viewer=request.user, campaign=campaign)
    response = StreamingHttpResponse(
        zip_of_files(default_client(), files.iterator(chunk_size=200)),
        content_type="application/zip",
    )
    filename = f"{slugify(campaign.slug or campaign.name)}-final-deposits.zip"
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["Cache-Control"] = "private, no-store"
    return response
