"""iCalendar feeds: parsed back with the icalendar library; secret addresses; rotation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from thesisdesk.calendars.services import feed_for, feed_rotate
from thesisdesk.milestones.models import MilestoneExtension, MilestoneKind
from thesisdesk.testing.factories import make_campaign, make_milestone

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def milestones(personas):
    final = make_milestone(
        campaign=personas.campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        title="Dépôt final",
        due_at=datetime(2027, 6, 1, 10, tzinfo=UTC),  # 12:00 in Brussels (summer time)
    )
    plan = make_milestone(
        campaign=personas.campaign,
        kind=MilestoneKind.PLAN,
        title="Plan",
        due_at=datetime(2027, 1, 15, 11, tzinfo=UTC),  # 12:00 in Brussels (winter time)
    )
    elsewhere = make_milestone(
        campaign=make_campaign(name="Autre", slug="autre"),
        kind=MilestoneKind.PLAN,
        title="Ailleurs",
        due_at=datetime(2027, 1, 1, tzinfo=UTC),
    )
    return final, plan, elsewhere


def events_of(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_person_feed_has_their_milestones_in_brussels_time(client, personas, milestones):
    final, plan, _elsewhere = milestones
    feed = feed_for(person=personas.student.person)
    response = client.get(f"/calendar/feeds/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    events = events_of(response.content)
    assert set(events) == {f"milestone-{final.pk}@127.0.0.1", f"milestone-{plan.pk}@127.0.0.1"}
    end = events[f"milestone-{final.pk}@127.0.0.1"]["dtend"].dt
    assert end.tzinfo is not None and end.astimezone(BRUSSELS).hour == 12
    assert end == final.due_at
    winter = events[f"milestone-{plan.pk}@127.0.0.1"]["dtend"].dt
    assert winter.astimezone(BRUSSELS).hour == 12
    assert b"TZID=Europe/Brussels" in response.content
    assert str(events[f"milestone-{final.pk}@127.0.0.1"]["summary"]).startswith("Dépôt final")


def test_student_feed_uses_their_extension(client, personas, milestones):
    final, _plan, _elsewhere = milestones
    later = final.due_at + timedelta(days=10)
    MilestoneExtension.objects.create(
        milestone=final, thesis=personas.thesis, due_at=later, reason="Maladie"
    )
    student = events_of(
        client.get(f"/calendar/feeds/{feed_for(person=personas.student.person).token}.ics").content
    )
    supervisor = events_of(
        client.get(
            f"/calendar/feeds/{feed_for(person=personas.supervisor.person).token}.ics"
        ).content
    )
    uid = f"milestone-{final.pk}@127.0.0.1"
    assert student[uid]["dtend"].dt == later
    assert supervisor[uid]["dtend"].dt == final.due_at


def test_uid_is_stable_when_the_deadline_moves(client, personas, milestones):
    final, _plan, _elsewhere = milestones
    url = f"/calendar/feeds/{feed_for(person=personas.student.person).token}.ics"
    before = events_of(client.get(url).content)
    final.due_at = final.due_at + timedelta(days=1)
    final.save()
    after = events_of(client.get(url).content)
    assert set(before) == set(after)


def test_campaign_feed_for_members_only(client, personas, milestones):
    _final, _plan, elsewhere = milestones
    token = feed_for(person=personas.reader.person).token
    response = client.get(f"/calendar/feeds/{token}/campaigns/{personas.campaign.pk}.ics")
    assert response.status_code == 200
    assert len(events_of(response.content)) == 2
    other = client.get(f"/calendar/feeds/{token}/campaigns/{elsewhere.campaign_id}.ics")
    assert other.status_code == 404


def test_rotating_revokes_the_old_address(client, personas, milestones):
    person = personas.student.person
    old = feed_for(person=person).token
    client.force_login(personas.student)
    page = client.get("/calendar/").content.decode()
    assert f"/calendar/feeds/{old}.ics" in page
    client.post("/calendar/renew/")
    new = feed_for(person=person).token
    assert new != old
    assert client.get(f"/calendar/feeds/{old}.ics").status_code == 404
    assert client.get(f"/calendar/feeds/{new}.ics").status_code == 200
    assert feed_rotate(actor=None, person=person).token not in (old, new)


def test_unknown_token_is_not_found(client, db):
    assert client.get("/calendar/feeds/nope.ics").status_code == 404
