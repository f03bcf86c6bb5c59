"""iCalendar feeds of milestones (RFC 5545, built with the `icalendar` library).

Times are written in Europe/Brussels with its VTIMEZONE, so a deadline at 12:00 stays at
12:00 local time across daylight-saving changes in every client. Each milestone's UID is
stable (`milestone-<id>@<host>`), so clients update an event in place when it moves.
A student's feed carries their thesis's extension instead of the campaign's date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from thesisdesk.campaigns.models import Campaign
from thesisdesk.milestones.models import Milestone, MilestoneExtension
from thesisdesk.people.models import Person

TIMEZONE = ZoneInfo("Europe/Brussels")
PRODID = "-//ThesisDesk//Milestones//EN"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "thesisdesk"


def milestone_uid(milestone: Milestone) -> str:
    return f"milestone-{milestone.pk}@{_host()}"


def _local(value: datetime) -> datetime:
    return value.astimezone(TIMEZONE)


def _event(milestone: Milestone, due_at: datetime, note: str = "") -> Event:
    event = Event()
    event.add("uid", milestone_uid(milestone))
    event.add("dtstamp", milestone.updated_at or milestone.due_at)
    event.add("last-modified", milestone.updated_at or milestone.due_at)
    event.add("summary", f"{milestone.title} — {milestone.campaign.name}")
    if milestone.opens_at is not None and milestone.opens_at < due_at:
        event.add("dtstart", _local(milestone.opens_at))
        event.add("dtend", _local(due_at))
    else:
        # A deadline: a short event ending at the due time, so it shows in day views.
        event.add("dtstart", _local(due_at - timedelta(minutes=30)))
        event.add("dtend", _local(due_at))
    description = milestone.get_kind_display()
    if note:
        description += "\n" + note
    event.add("description", description)
    event.add("categories", [str(milestone.get_kind_display())])
    event.add("transp", "TRANSPARENT")
    event.add("url", settings.SITE_URL.rstrip("/") + f"/milestones/{milestone.pk}/")
    return event


def _calendar(name: str, events: Iterable[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def campaign_calendar(campaign: Campaign) -> bytes:
    milestones = Milestone.objects.filter(campaign=campaign).select_related("campaign")
    return _calendar(campaign.name, (_event(m, m.due_at) for m in milestones))


def person_calendar(person: Person) -> bytes:
    """The milestones of every campaign the person belongs to; for a student, the due
    date of their thesis's extension when they have one."""
    campaign_ids = set(person.memberships.values_list("campaign_id", flat=True))
    student_theses = list(person.theses_as_student.values_list("pk", flat=True))
    extensions = {
        e.milestone_id: e.due_at
        for e in MilestoneExtension.objects.filter(thesis_id__in=student_theses)
    }
    milestones = (
        Milestone.objects.filter(campaign_id__in=campaign_ids, campaign__is_archived=False)
        .select_related("campaign")
        .order_by("due_at", "id")
    )
    events = []
    for milestone in milestones:
        due_at = extensions.get(milestone.pk, milestone.due_at)
        note = "Extension granted." if milestone.pk in extensions else ""
        events.append(_event(milestone, due_at, note))
    return _calendar(f"ThesisDesk — {person.full_name}", events)
