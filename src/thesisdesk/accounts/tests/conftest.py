from __future__ import annotations

from typing import Any

import pytest

from thesisdesk.accounts.tests.fakes import FakeMoodle, FakeUser
from thesisdesk.campaigns.models import Campaign

COURSE_ID = 2


@pytest.fixture
def campaign(db: Any) -> Campaign:
    return Campaign.objects.create(
        name="Master en informatique 2026-2027",
        slug="info-2026",
        programme="Master en informatique",
        academic_year="2026-2027",
    )


@pytest.fixture
def fake_moodle(settings: Any, monkeypatch: pytest.MonkeyPatch, campaign: Campaign) -> FakeMoodle:
    """A Moodle with a student, a teacher, a manager and someone with no course role;
    the campaign is linked to course 2."""
    settings.MOODLE_URL = "http://moodle.test"
    settings.MOODLE_TOKEN = "service-token"
    moodle = FakeMoodle()
    moodle.add(
        FakeUser(
            6,
            "s1",
            "Student-pass1",
            "Amélie",
            "Étudiant",
            "s1@example.com",
            roles={COURSE_ID: ["student"]},
        )
    )
    moodle.add(
        FakeUser(
            3,
            "t1",
            "Teacher-pass1",
            "Anne",
            "Martin",
            "t1@example.com",
            lang="en",
            roles={COURSE_ID: ["editingteacher"]},
        )
    )
    moodle.add(
        FakeUser(
            20,
            "m1",
            "Manager-pass1",
            "Marc",
            "Gérant",
            "m1@example.com",
            roles={COURSE_ID: ["manager"]},
        )
    )
    moodle.add(FakeUser(30, "n1", "Nobody-pass1", "Noé", "Personne", "n1@example.com"))
    monkeypatch.setattr("thesisdesk.accounts.moodle_gateway.default_client_factory", moodle.client)
    monkeypatch.setattr(
        "thesisdesk.accounts.services.campaign_courses", lambda: [(campaign, COURSE_ID)]
    )
    monkeypatch.setattr(
        "thesisdesk.accounts.roles.campaign_courses", lambda: [(campaign, COURSE_ID)]
    )
    return moodle
