"""The campaign's Moodle page, as a coordinator and as others would see it."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from thesisdesk.moodle.models import MoodleCourseLink, SyncRun

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sim_settings(moodle_sim):
    with override_settings(
        MOODLE_URL=moodle_sim.url,
        MOODLE_TOKEN=moodle_sim.token("thesisdesk"),
        MOODLE_MAX_INPUT_VARS=5000,
    ):
        yield moodle_sim


def signed_in(client, user):
    from django.conf import settings

    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # assert on the English texts
    return client


def test_only_coordinators_see_the_moodle_page(client, personas):
    url = reverse("moodle:campaign-detail", args=[personas.campaign.pk])
    assert signed_in(client, personas.supervisor).get(url).status_code == 403
    client.logout()
    assert signed_in(client, personas.outsider).get(url).status_code in (403, 404)


def test_coordinator_links_reads_the_plan_and_applies(client, personas, sim_settings):
    campaign = personas.campaign
    client = signed_in(client, personas.coordinator)
    page = client.get(reverse("moodle:campaign-detail", args=[campaign.pk]))
    assert "Link this campaign to a Moodle course" in page.content.decode()

    form = {
        "course": "MEM-2026",
        "role_student": "student",
        "role_supervisor": "editingteacher",
        "role_co_supervisor": "editingteacher",
        "role_reader": "teacher",
        "role_coordinator": "manager",
    }
    response = client.post(reverse("moodle:campaign-link", args=[campaign.pk]), form)
    assert response.status_code == 302
    link = MoodleCourseLink.objects.get(campaign=campaign)
    assert link.courseid == 2 and link.role_mapping["coordinator"] == "manager"

    page = client.get(reverse("moodle:campaign-detail", args=[campaign.pk])).content.decode()
    assert "What will change in Moodle" in page
    assert "create section" in page

    client.post(reverse("moodle:campaign-apply", args=[campaign.pk]))
    run = SyncRun.objects.get(campaign=campaign)
    assert run.status == SyncRun.Status.QUEUED and run.requested_by == personas.coordinator


def test_linking_to_an_unknown_course_says_so_on_the_form(client, personas, sim_settings):
    client = signed_in(client, personas.coordinator)
    form = {
        "course": "NOPE",
        "role_student": "student",
        "role_supervisor": "editingteacher",
        "role_co_supervisor": "editingteacher",
        "role_reader": "teacher",
        "role_coordinator": "editingteacher",
    }
    response = client.post(reverse("moodle:campaign-link", args=[personas.campaign.pk]), form)
    assert response.status_code == 400
    assert "Moodle has no course with short name" in response.content.decode()
    assert not MoodleCourseLink.objects.exists()
