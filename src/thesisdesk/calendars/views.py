"""iCalendar feed views: secret per-person addresses (no sign-in, for calendar clients),
and the page where a person finds or renews their address."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thesisdesk.calendars import services
from thesisdesk.campaigns.selectors import campaign_of_member
from thesisdesk.core.errors import NotFound
from thesisdesk.core.permissions import person_of
from thesisdesk.core.views import get_or_404
from thesisdesk.milestones import ical


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    try:
        feed = services.feed_by_token(token=token)
    except NotFound:
        raise Http404 from None
    return _ics(ical.person_calendar(feed.person), "thesisdesk")


def campaign_feed(request: HttpRequest, token: str, campaign_id: int) -> HttpResponse:
    """A campaign's whole calendar, for a member of that campaign (by their secret)."""
    try:
        feed = services.feed_by_token(token=token)
    except NotFound:
        raise Http404 from None
    campaign = get_or_404(lambda: campaign_of_member(person=feed.person, campaign_id=campaign_id))
    return _ics(ical.campaign_calendar(campaign), slugify(campaign.slug) or "campaign")


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        raise Http404
    feed = services.feed_for(person=person)
    person_url = request.build_absolute_uri(reverse("calendars:person-feed", args=[feed.token]))
    campaigns: dict[int, dict[str, Any]] = {}
    for membership in person.memberships.select_related("campaign").order_by("campaign_id"):
        campaigns[membership.campaign_id] = {
            "campaign": membership.campaign,
            "url": request.build_absolute_uri(
                reverse("calendars:campaign-feed", args=[feed.token, membership.campaign_id])
            ),
        }
    unique = list(campaigns.values())
    return render(
        request,
        "calendars/my_calendar.html",
        {"person_url": person_url, "campaigns": unique},
    )


@login_required
@require_POST
def rotate(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        raise Http404
    services.feed_rotate(actor=request.user, person=person)
    messages.success(request, _("Your calendar address is renewed; the old one no longer works."))
    return redirect("calendars:my-calendar")
