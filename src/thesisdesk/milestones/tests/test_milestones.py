from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from thesisdesk.core.errors import ValidationFailed
from thesisdesk.milestones.selectors import milestone_due_at, milestone_list
from thesisdesk.milestones.services import milestone_create, milestone_extend, milestone_update
from thesisdesk.testing.factories import make_campaign, make_milestone

pytestmark = pytest.mark.django_db


def test_naive_dates_are_brussels_time(personas):
    milestone = milestone_create(
        actor=personas.coordinator,
        campaign=personas.campaign,
        kind="final_deposit",
        title="Dépôt final",
        due_at=datetime(2027, 5, 21, 12, 0),
    )
    milestone.refresh_from_db()
    assert milestone.due_at.isoformat() == "2027-05-21T10:00:00+00:00"  # CEST is UTC+2


def test_validation_names_fields(personas):
    with pytest.raises(ValidationFailed) as error:
        milestone_create(
            actor=personas.coordinator,
            campaign=personas.campaign,
            kind="party",
            title="",
            due_at=timezone.now(),
            opens_at=timezone.now() + timedelta(days=1),
        )
    assert set(error.value.errors) == {"kind", "title", "opens_at"}
    milestone = make_milestone(campaign=personas.campaign)
    with pytest.raises(ValidationFailed):
        milestone_update(
            actor=personas.coordinator,
            milestone=milestone,
            opens_at=milestone.due_at + timedelta(hours=1),
        )


def test_extension_applies_to_one_thesis(personas):
    milestone = make_milestone(campaign=personas.campaign)
    later = milestone.due_at + timedelta(days=7)
    with pytest.raises(ValidationFailed) as error:
        milestone_extend(
            actor=personas.supervisor,
            milestone=milestone,
            thesis=personas.thesis,
            due_at=milestone.due_at - timedelta(days=1),
            reason="",
        )
    assert set(error.value.errors) == {"due_at", "reason"}
    milestone_extend(
        actor=personas.supervisor,
        milestone=milestone,
        thesis=personas.thesis,
        due_at=later,
        reason="Certificat médical",
    )
    assert milestone_due_at(milestone=milestone, thesis=personas.thesis) == later


def test_members_see_their_campaigns_milestones(personas):
    mine = make_milestone(campaign=personas.campaign)
    make_milestone(campaign=make_campaign())
    assert list(milestone_list(viewer=personas.student)) == [mine]
    assert list(milestone_list(viewer=personas.outsider)) == []
