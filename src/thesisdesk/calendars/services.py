"""Calendar feed services: get or rotate a person's secret feed address."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from thesisdesk.calendars.models import CalendarFeed, new_feed_token
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import NotFound
from thesisdesk.people.models import Person


def feed_for(*, person: Person) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


def feed_rotate(*, actor: Any, person: Person) -> CalendarFeed:
    """Give the person a new secret address; the old one stops working."""
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(person=person)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
        audit_record(actor=actor, action="calendar_feed.rotate", target=feed)
    return feed


def feed_by_token(*, token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not token:
        raise NotFound("No such calendar feed (the address may have been renewed).")
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed
