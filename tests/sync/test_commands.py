"""`thesisdesk moodle link|plan|apply|drift` against the simulator."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from thesisdesk.campaigns.models import Role
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.testing.factories import make_member, make_milestone, make_thesis

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def configured(moodle_sim):
    with override_settings(
        MOODLE_URL=moodle_sim.url,
        MOODLE_TOKEN=moodle_sim.token("thesisdesk"),
        MOODLE_MAX_INPUT_VARS=5000,
    ):
        yield moodle_sim


def moodle(*args):
    out = StringIO()
    call_command("moodle", *args, stdout=out)
    return out.getvalue()


def test_link_plan_apply_drift_from_the_command_line(personas, configured):
    campaign = personas.campaign
    student = make_member(campaign, Role.STUDENT, moodle_user_id=9)
    make_thesis(campaign=campaign, students=[student], title="Compilateurs")
    make_milestone(campaign=campaign, kind=MilestoneKind.FINAL_DEPOSIT, title="Dépôt")

    assert "Linked" in moodle(
        "link", campaign.slug, "--course", "MEM-2026", "--role", "coordinator=manager"
    )
    plan = moodle("plan", campaign.slug)
    assert "create section" in plan and "Compilateurs" in plan

    applied = moodle("apply", campaign.slug)
    assert "succeeded" in applied
    assert "Nothing to change in Moodle." in moodle("plan", campaign.slug)
    assert "no change made by hand" in moodle("drift", campaign.slug)


def test_unknown_campaign_is_an_error(configured):
    with pytest.raises(CommandError):
        moodle("plan", "no-such-campaign")
