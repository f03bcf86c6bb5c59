"""The demo's people sign in to the simulated Moodle with the demo password and land on
the dashboard of their role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from thesisdesk.accounts.demo_moodle import (
    DEMO_MOODLE_PASSWORD,
    demo_moodle_apply,
    demo_moodle_build,
    demo_moodle_start,
)
from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.core.models import AuditEvent
from thesisdesk.moodle.models import MoodleCourseLink
from thesisdesk.moodle.simulator import Simulator
from thesisdesk.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(campaign: Campaign) -> dict[str, Person]:
    people = {}
    for key, role in [
        ("coord", "coordinator"),
        ("promoteur1", "supervisor"),
        ("lecteur1", "reader"),
        ("etudiant1", "student"),
    ]:
        person = Person.objects.create(
            first_name=key.capitalize(), last_name="Démo", email=f"{key}@demo.example"
        )
        Membership.objects.create(campaign=campaign, person=person, role=role)
        people[key] = person
    return people


@pytest.fixture
def demo_site(demo_people: dict[str, Person], campaign: Campaign, settings: Any) -> Iterator[Any]:
    demo = demo_moodle_build()
    sim = Simulator.start(fixture=demo.fixture)
    try:
        demo_moodle_apply(demo)
        courseid, shortname = demo.courses[campaign.pk]
        MoodleCourseLink.objects.create(campaign=campaign, courseid=courseid, shortname=shortname)
        settings.MOODLE_URL = sim.url
        settings.MOODLE_TOKEN = sim.token("thesisdesk")
        yield sim
    finally:
        sim.stop()


def test_the_fixture_has_one_account_per_person_and_a_course_per_campaign(
    demo_people: dict[str, Person], campaign: Campaign
) -> None:
    demo = demo_moodle_build()

    usernames = {user["username"] for user in demo.fixture["users"]}
    assert {"coord", "promoteur1", "lecteur1", "etudiant1"} <= usernames
    assert "s1" in usernames  # the simulator's own site is kept
    (course,) = [c for c in demo.fixture["courses"] if c["fullname"] == campaign.name]
    enrolled = {e["userid"]: e["roleid"] for e in course["enrolments"]}
    ids = {key: demo.accounts[person.pk][0] for key, person in demo_people.items()}
    assert enrolled == {ids["coord"]: 1, ids["promoteur1"]: 3, ids["etudiant1"]: 5}


@pytest.mark.parametrize(
    ("username", "heading"),
    [("etudiant1", "My thesis"), ("promoteur1", "My supervision"), ("coord", "Coordination")],
)
def test_demo_people_sign_in_with_their_moodle_password(
    demo_site: Any, demo_people: dict[str, Person], username: str, heading: str
) -> None:
    client = Client()

    response = client.post(
        "/accounts/login/",
        {"username": username, "password": DEMO_MOODLE_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )

    assert response.redirect_chain[0][0] == "/"
    assert heading in response.content.decode()
    person = demo_people[username]
    person.refresh_from_db()
    assert person.user is not None and person.moodle_username == username


def test_a_reader_keeps_only_the_reader_role(
    demo_site: Any, demo_people: dict[str, Person], campaign: Campaign
) -> None:
    Client().post("/accounts/login/", {"username": "lecteur1", "password": DEMO_MOODLE_PASSWORD})

    assert set(demo_people["lecteur1"].memberships.values_list("role", flat=True)) == {"reader"}


def test_the_real_demo_signs_in_through_the_simulated_moodle(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thesisdesk.core.demo import DEMO_SLUG, demo_load

    for name in ("MOODLE_URL", "MOODLE_TOKEN", "MOODLE_SIMULATED"):
        monkeypatch.setenv(name, "")  # demo_moodle_start sets them: restored afterwards
    demo_load()
    sim = demo_moodle_start()
    try:
        campaign = Campaign.objects.get(slug=DEMO_SLUG)
        assert campaign.moodle_link.courseid in sim.site.data["courses"]
        assert sim.url == settings.MOODLE_URL
        for username, heading in [("etudiant1", "My thesis"), ("promoteur1", "My supervision")]:
            client = Client()
            response = client.post(
                "/accounts/login/",
                {"username": username, "password": DEMO_MOODLE_PASSWORD},
                HTTP_ACCEPT_LANGUAGE="en",
                follow=True,
            )
            assert heading in response.content.decode()
            event = AuditEvent.objects.filter(action="signin.succeeded").latest("id")
            assert event.data["method"] == "moodle_password"
    finally:
        sim.stop()


def test_thesisdesk_run_starts_the_simulator_only_without_a_real_moodle(
    settings: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any, demo_people: dict[str, Person]
) -> None:
    from thesisdesk.accounts.simulator_service import DemoMoodleSimulator
    from thesisdesk.core import background

    assert any(isinstance(s, DemoMoodleSimulator) for s in background.registered())
    service = DemoMoodleSimulator()
    settings.MOODLE_URL = "https://moodle.example.org"
    assert not service.wanted()

    settings.MOODLE_URL = ""
    settings.VAR_DIR = tmp_path
    for name in ("MOODLE_URL", "MOODLE_TOKEN", "MOODLE_SIMULATED"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("MOODLE_SIMULATOR_PORT", "0")
    assert service.wanted()
    line = service.start()
    try:
        assert service.sim.url in line and DEMO_MOODLE_PASSWORD in line
        assert (tmp_path / "moodle-simulator.sqlite3").exists()
        assert (
            Client()
            .post("/accounts/login/", {"username": "etudiant1", "password": DEMO_MOODLE_PASSWORD})
            .status_code
            == 302
        )
    finally:
        service.stop()
