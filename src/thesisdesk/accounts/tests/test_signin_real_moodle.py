"""Password sign-in against a real Moodle with the plugin and the sign-in service.

Skipped unless MOODLE_URL, MOODLE_TOKEN, MOODLE_STUDENT_USERNAME and
MOODLE_STUDENT_PASSWORD are set (as for `make contract`); MOODLE_TEACHER_USERNAME /
MOODLE_TEACHER_PASSWORD add the teacher's case, MOODLE_COURSE_ID names the campaign's
course (default 2).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.test import Client

from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.core.models import AuditEvent
from thesisdesk.moodle.models import MoodleCourseLink

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not all(
            os.environ.get(name)
            for name in (
                "MOODLE_URL",
                "MOODLE_TOKEN",
                "MOODLE_STUDENT_USERNAME",
                "MOODLE_STUDENT_PASSWORD",
            )
        ),
        reason="no real Moodle given (MOODLE_URL, MOODLE_TOKEN, MOODLE_STUDENT_*)",
    ),
]


@pytest.fixture
def real_moodle(settings: Any, campaign: Campaign) -> None:
    settings.MOODLE_URL = os.environ["MOODLE_URL"]
    settings.MOODLE_TOKEN = os.environ["MOODLE_TOKEN"]
    MoodleCourseLink.objects.create(
        campaign=campaign, courseid=int(os.environ.get("MOODLE_COURSE_ID", "2")), shortname="-"
    )


def sign_in(username: str, password: str) -> Any:
    return Client().post(
        "/accounts/login/",
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def roles_of(username: str, campaign: Campaign) -> set[str]:
    return set(
        Membership.objects.filter(person__moodle_username=username, campaign=campaign).values_list(
            "role", flat=True
        )
    )


def test_the_student_signs_in_with_the_student_role(real_moodle: None, campaign: Campaign) -> None:
    username = os.environ["MOODLE_STUDENT_USERNAME"]

    response = sign_in(username, os.environ["MOODLE_STUDENT_PASSWORD"])

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert roles_of(username, campaign) == {"student"}
    event = AuditEvent.objects.get(action="signin.succeeded")
    assert event.data["roles_source"] == "plugin"


@pytest.mark.skipif(
    not os.environ.get("MOODLE_TEACHER_USERNAME"), reason="MOODLE_TEACHER_USERNAME not given"
)
def test_the_teacher_signs_in_as_supervisor(real_moodle: None, campaign: Campaign) -> None:
    username = os.environ["MOODLE_TEACHER_USERNAME"]

    response = sign_in(username, os.environ["MOODLE_TEACHER_PASSWORD"])

    assert response.status_code == 302
    assert roles_of(username, campaign) == {"supervisor"}


def test_a_wrong_password_is_refused(real_moodle: None) -> None:
    response = sign_in(os.environ["MOODLE_STUDENT_USERNAME"], "Not-the-password-1")

    assert response.status_code == 200
    (error,) = response.context["form"].non_field_errors().as_data()
    assert error.code == "invalid_credentials"
