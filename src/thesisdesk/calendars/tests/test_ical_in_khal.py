"""The iCalendar feeds loaded into a real calendar client: khal (pinned in requirements/dev.txt).

Each feed is fetched through the web (the secret address), imported into a throw-away khal
configuration and calendar folder (`khal import --batch`), and listed back with `khal list`.
A khal set to Europe/Brussels must show every deadline at its local time on both sides of
the March 2027 daylight-saving change; a khal set to UTC must show the same instants one
hour (winter) or two hours (summer) earlier. Floating times or a fixed offset would each
move an event and fail.

khal reads a known TZID by its name (its own copy of the tz database) and does not use the
feed's VTIMEZONE; clients without a tz database do. So the VTIMEZONE is also checked hour
by hour through 2027 against Python's tz database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Timezone

from thesisdesk.calendars.services import feed_for
from thesisdesk.milestones.models import MilestoneExtension, MilestoneKind
from thesisdesk.testing.factories import make_milestone

pytestmark = pytest.mark.django_db

khal_cli = pytest.importorskip("khal.cli", reason="khal is a dev dependency (requirements/dev.txt)")

CONFIG = """\
[calendars]
[[feed]]
path = {vdir}
type = calendar
[locale]
local_timezone = {tz}
default_timezone = {tz}
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = feed
[sqlite]
path = {db}
"""


def khal(config: Path, *args: str) -> str:
    env = {**os.environ, "HOME": str(config.parent), "XDG_CONFIG_HOME": str(config.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "khal", "-c", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def shown_in_khal(tmp_path: Path, ics: bytes, tz: str) -> set[tuple[str, str, str]]:
    """(start, end, title) of each event khal lists in 2027, khal set to time zone `tz`."""
    work = tmp_path / tz.replace("/", "-")
    vdir = work / "calendar"
    vdir.mkdir(parents=True)
    config = work / "config"
    config.write_text(CONFIG.format(vdir=vdir, tz=tz, db=work / "khal.db"))
    feed = work / "feed.ics"
    feed.write_bytes(ics)
    khal(config, "import", "--batch", str(feed))
    listing = khal(
        config,
        "list",
        "--day-format",
        "",
        "--format",
        "{start}|{end}|{title}",
        "2027-01-01",
        "2027-12-31",
    )
    # khal lists an event spanning several days once per day: keep each event once.
    return {tuple(line.split("|", 2)) for line in listing.splitlines() if line}  # type: ignore[misc]


@pytest.fixture
def year(personas):
    campaign = personas.campaign
    make_milestone(
        campaign=campaign,
        kind=MilestoneKind.PLAN,
        title="Plan",
        due_at=datetime(2027, 2, 15, 11, tzinfo=UTC),  # 12:00 in Brussels, winter time
    )
    make_milestone(
        campaign=campaign,
        kind=MilestoneKind.INTERMEDIATE_DEPOSIT,
        title="Dépôt intermédiaire",
        due_at=datetime(2027, 3, 31, 10, tzinfo=UTC),  # 12:00, after the 28 March switch
    )
    make_milestone(
        campaign=campaign,
        kind=MilestoneKind.DEFENSE_PERIOD,
        title="Préparation des défenses",
        opens_at=datetime(2027, 3, 22, 8, tzinfo=UTC),  # 09:00 winter time ...
        due_at=datetime(2027, 4, 2, 16, tzinfo=UTC),  # ... to 18:00 summer time
    )
    final = make_milestone(
        campaign=campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        title="Dépôt final",
        due_at=datetime(2027, 6, 1, 10, tzinfo=UTC),  # 12:00 summer time
    )
    MilestoneExtension.objects.create(
        milestone=final,
        thesis=personas.thesis,
        due_at=datetime(2027, 6, 11, 15, 30, tzinfo=UTC),  # 17:30 summer time
        reason="Maladie",
    )
    return campaign


def title(name: str, campaign) -> str:
    return f"{name} — {campaign.name}"


def test_a_students_feed_in_khal_shows_brussels_times_across_the_dst_change(
    client, personas, year, tmp_path
):
    token = feed_for(person=personas.student.person).token
    response = client.get(f"/calendar/feeds/{token}.ics")
    assert response.status_code == 200

    brussels = shown_in_khal(tmp_path, response.content, "Europe/Brussels")
    assert brussels == {
        ("2027-02-15 11:30", "2027-02-15 12:00", title("Plan", year)),
        ("2027-03-31 11:30", "2027-03-31 12:00", title("Dépôt intermédiaire", year)),
        ("2027-03-22 09:00", "2027-04-02 18:00", title("Préparation des défenses", year)),
        # The student's extension, not the campaign's 1 June.
        ("2027-06-11 17:00", "2027-06-11 17:30", title("Dépôt final", year)),
    }

    utc = shown_in_khal(tmp_path, response.content, "UTC")
    assert utc == {
        ("2027-02-15 10:30", "2027-02-15 11:00", title("Plan", year)),  # CET: -1 h
        ("2027-03-31 09:30", "2027-03-31 10:00", title("Dépôt intermédiaire", year)),  # -2 h
        ("2027-03-22 08:00", "2027-04-02 16:00", title("Préparation des défenses", year)),
        ("2027-06-11 15:00", "2027-06-11 15:30", title("Dépôt final", year)),
    }


def test_a_campaign_feed_in_khal_shows_the_campaigns_dates(client, personas, year, tmp_path):
    token = feed_for(person=personas.supervisor.person).token
    response = client.get(f"/calendar/feeds/{token}/campaigns/{year.pk}.ics")
    assert response.status_code == 200

    brussels = shown_in_khal(tmp_path, response.content, "Europe/Brussels")
    assert ("2027-06-01 11:30", "2027-06-01 12:00", title("Dépôt final", year)) in brussels
    assert ("2027-03-31 11:30", "2027-03-31 12:00", title("Dépôt intermédiaire", year)) in brussels
    assert len(brussels) == 4

    utc = shown_in_khal(tmp_path, response.content, "UTC")
    assert ("2027-06-01 09:30", "2027-06-01 10:00", title("Dépôt final", year)) in utc
    assert ("2027-02-15 10:30", "2027-02-15 11:00", title("Plan", year)) in utc


def test_the_feeds_vtimezone_agrees_with_the_tz_database_hour_by_hour(client, personas, year):
    token = feed_for(person=personas.student.person).token
    calendar = Calendar.from_ical(client.get(f"/calendar/feeds/{token}.ics").content)
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert isinstance(vtimezone, Timezone) and str(vtimezone["tzid"]) == "Europe/Brussels"
    written, brussels = vtimezone.to_tz(), ZoneInfo("Europe/Brussels")
    moment = datetime(2027, 1, 1, tzinfo=UTC)
    while moment.year == 2027:
        assert moment.astimezone(written).utcoffset() == moment.astimezone(brussels).utcoffset()
        moment += timedelta(hours=1)
