"""The allocation's REST endpoints, called through ninja's test client."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from ninja.testing import TestClient

from thesisdesk.allocation import services
from thesisdesk.allocation.api import router
from thesisdesk.campaigns.models import Role
from thesisdesk.core.errors import NotAllowed, ValidationFailed
from thesisdesk.testing.factories import make_member, make_subject
from thesisdesk.testing.personas import Personas
from thesisdesk.theses.models import Thesis

client = TestClient(router)


def test_rank_run_move_publish_over_the_api(personas: Personas) -> None:
    campaign = personas.campaign
    campaign.assign_unranked = False
    campaign.save()
    supervisor = personas.supervisor.person
    first = make_subject(campaign=campaign, supervisor=supervisor, title="First", capacity=1)
    other = make_subject(campaign=campaign, supervisor=supervisor, title="Other", capacity=2)
    ana = make_member(campaign, Role.STUDENT, first_name="Ana", last_name="A")
    services.choices_open(
        actor=personas.coordinator, campaign=campaign, due_at=timezone.now() + timedelta(days=1)
    )
    url = f"/campaigns/{campaign.pk}/ranking"
    response = client.put(url, json={"subject_ids": [first.pk, other.pk]}, user=ana.user)
    assert response.status_code == 200
    assert [row["title"] for row in response.json()] == ["First", "Other"]
    assert client.get(url, user=ana.user).json()[0]["subject_id"] == first.pk
    with pytest.raises(ValidationFailed):
        client.put(url, json={"subject_ids": [999999]}, user=ana.user)

    with pytest.raises(NotAllowed):
        client.post(f"/campaigns/{campaign.pk}/runs", json={}, user=ana.user)
    response = client.post(
        f"/campaigns/{campaign.pk}/runs", json={"seed": 2}, user=personas.coordinator
    )
    assert response.status_code == 201
    run = response.json()
    assert run["optimal"] is True and run["assignments"] == {f"s{ana.pk}": f"p{first.pk}"}
    assert run["explanations"]["profile"][0] == 1

    response = client.post(
        f"/runs/{run['id']}/moves",
        json={"student_id": ana.pk, "subject_id": other.pk, "reason": "Prefers it now"},
        user=personas.coordinator,
    )
    assert response.json()["assignments"] == {f"s{ana.pk}": f"p{other.pk}"}
    response = client.post(f"/runs/{run['id']}/publish", user=personas.coordinator)
    [thesis_id] = response.json()["thesis_ids"]
    assert Thesis.objects.get(pk=thesis_id).subject == other
