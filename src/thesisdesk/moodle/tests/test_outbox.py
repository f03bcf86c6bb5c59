"""The outbox: the need to sync is committed with the domain change, or not at all."""

from __future__ import annotations

import pytest
from django.db import transaction

from thesisdesk.core.outbox import campaign_changed
from thesisdesk.moodle.models import MoodleCourseLink, SyncRequest, SyncRun

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def link(personas):
    return MoodleCourseLink.objects.create(
        campaign=personas.campaign, courseid=2, shortname="MEM-2026"
    )


def test_a_rolled_back_change_leaves_no_sync_request(link):
    with pytest.raises(RuntimeError), transaction.atomic():
        campaign_changed(link.campaign_id, reason="thesis renamed")
        raise RuntimeError("the service failed")
    assert not SyncRequest.objects.exists()
    assert not SyncRun.objects.exists()


def test_many_changes_in_many_transactions_queue_one_run(link):
    for n in range(3):
        with transaction.atomic():
            campaign_changed(link.campaign_id, reason=f"change {n}")
    assert SyncRequest.objects.filter(campaign_id=link.campaign_id).count() == 3
    (run,) = SyncRun.objects.all()
    assert run.status == SyncRun.Status.QUEUED and run.trigger == SyncRun.Trigger.CHANGE


def test_unlinked_campaigns_record_nothing(personas):
    with transaction.atomic():
        campaign_changed(personas.campaign.pk, reason="no Moodle course")
    assert not SyncRequest.objects.exists()
