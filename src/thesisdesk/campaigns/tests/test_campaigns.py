from decimal import Decimal

import pytest

from thesisdesk.campaigns.models import Membership, Role
from thesisdesk.campaigns.selectors import campaign_get, campaign_list
from thesisdesk.campaigns.services import (
    campaign_create,
    campaign_update,
    membership_add,
    membership_remove,
)
from thesisdesk.core import outbox
from thesisdesk.core.errors import NotFound, ValidationFailed
from thesisdesk.core.permissions import allowed
from thesisdesk.testing.factories import make_person

pytestmark = pytest.mark.django_db


def test_campaign_create_validates_rules(personas):
    campaign = campaign_create(
        actor=personas.admin,
        name="Master en biologie 2026-2027",
        programme="Master en biologie",
        academic_year="2026-2027",
        co_supervision_weight="0.25",
    )
    assert campaign.slug == "master-en-biologie-2026-2027"
    assert campaign.co_supervision_weight == Decimal("0.25")
    with pytest.raises(ValidationFailed) as error:
        campaign_create(
            actor=personas.admin,
            name="",
            programme="X",
            academic_year="2026-2028",
            supervisor_max_load=0,
            co_supervision_weight=2,
        )
    assert set(error.value.errors) == {
        "name",
        "academic_year",
        "supervisor_max_load",
        "co_supervision_weight",
    }


def test_update_rules(personas):
    campaign = campaign_update(
        actor=personas.coordinator, campaign=personas.campaign, choices_per_student=3
    )
    assert campaign.choices_per_student == 3
    with pytest.raises(ValidationFailed):
        campaign_update(actor=personas.coordinator, campaign=personas.campaign, slug="x")


def test_membership_add_is_idempotent_and_gives_rights_at_once(personas):
    p = personas
    seen = []

    def listener(campaign_id, reason):
        seen.append(reason)

    outbox.register(listener)
    try:
        first = membership_add(
            actor=p.coordinator, campaign=p.campaign, person=p.reader.person, role=Role.SUPERVISOR
        )
        again = membership_add(
            actor=p.coordinator, campaign=p.campaign, person=p.reader.person, role=Role.SUPERVISOR
        )
    finally:
        outbox.unregister(listener)  # only ours: the sync engine's listener stays
    assert first == again and seen == ["membership.add"]
    assert allowed(p.reader, "subject.propose", p.campaign)  # roles cache refreshed
    membership_remove(actor=p.coordinator, membership=first)
    assert not Membership.objects.filter(pk=first.pk).exists()
    with pytest.raises(ValidationFailed):
        membership_add(actor=p.coordinator, campaign=p.campaign, person=make_person(), role="dean")


def test_campaigns_visible_to_members_only(personas):
    assert list(campaign_list(viewer=personas.student)) == [personas.campaign]
    assert list(campaign_list(viewer=personas.outsider)) == []
    with pytest.raises(NotFound):
        campaign_get(viewer=personas.outsider, slug=personas.campaign.slug)
