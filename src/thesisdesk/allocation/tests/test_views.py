"""The allocation pages, as the coordinator and students of the demo walk through them."""

from __future__ import annotations

import json
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thesisdesk.allocation.models import AllocationRun
from thesisdesk.campaigns.models import Role
from thesisdesk.core.permissions import forget_roles
from thesisdesk.testing.factories import make_member, make_subject
from thesisdesk.testing.personas import Personas
from thesisdesk.theses.models import Thesis


def test_open_rank_run_explain_move_publish(personas: Personas, client: Client) -> None:
    campaign = personas.campaign
    campaign.assign_unranked = False
    campaign.save()
    supervisor = personas.supervisor.person
    popular = make_subject(campaign=campaign, supervisor=supervisor, title="Popular", capacity=1)
    backup = make_subject(campaign=campaign, supervisor=supervisor, title="Backup", capacity=2)
    alice = make_member(campaign, Role.STUDENT, first_name="Alice", last_name="Aubry")
    bruno = make_member(campaign, Role.STUDENT, first_name="Bruno", last_name="Bastin")

    client.force_login(personas.coordinator)
    page = reverse("allocation:campaign-detail", args=[campaign.pk])
    assert "not opened the choices" in client.get(page).content.decode()
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("allocation:choices-open", args=[campaign.pk]), {"due_at": due})
    assert response.status_code == 302

    choices = reverse("allocation:choices", args=[campaign.pk])
    for student, ranking in ((alice, [popular, backup]), (bruno, [popular])):
        client.force_login(student.user)
        page_text = client.get(choices).content.decode()
        assert "Choices are open" in page_text and "Popular" in page_text
        data = {f"choice_{i}": str(s.pk) for i, s in enumerate(ranking, start=1)}
        response = client.post(choices, data, follow=True)
        assert "Your ranking is saved" in response.content.decode()

    client.force_login(personas.coordinator)
    response = client.post(
        reverse("allocation:run-create", args=[campaign.pk]),
        {"objective": "min_rank_sum", "seed": "5"},
    )
    run = AllocationRun.objects.get(campaign=campaign)
    assert response["Location"] == reverse("allocation:run-detail", args=[run.pk])
    text = client.get(response["Location"]).content.decode()
    assert "Rank profile" in text and "proven optimal" in text
    # Bruno only ranked Popular: he gets it, Alice her second choice, and the page says why.
    assert run.assignments == {f"s{alice.pk}": f"p{backup.pk}", f"s{bruno.pk}": f"p{popular.pk}"}
    assert "full (1/1" in text and "“Popular”" in text
    assert personas.other_student.person.full_name in text  # did not rank, unassigned

    instance = client.get(reverse("allocation:run-instance", args=[run.pk]))
    assert json.loads(instance.content)["options"]["seed"] == 5

    move = reverse("allocation:run-move", args=[run.pk])
    response = client.post(move, {"student": alice.pk, "subject": popular.pk, "reason": "x"})
    assert "breaks a constraint" in client.get(response["Location"]).content.decode()
    response = client.post(
        move, {"student": bruno.pk, "subject": backup.pk, "reason": "Wants to work with Alice"}
    )
    text = client.get(response["Location"]).content.decode()
    assert "Student moved" in text and "Wants to work with Alice" in text

    second = client.post(
        reverse("allocation:run-create", args=[campaign.pk]), {"objective": "rank_maximal"}
    )
    assert second.status_code == 302
    other = AllocationRun.objects.exclude(pk=run.pk).get()
    compare = client.get(
        reverse("allocation:run-compare", args=[campaign.pk]), {"a": run.pk, "b": other.pk}
    )
    assert "1 student placed differently" in compare.content.decode()

    response = client.post(reverse("allocation:run-publish", args=[run.pk]), follow=True)
    assert "2 theses created" in response.content.decode()
    assert Thesis.objects.filter(campaign=campaign, subject=backup).count() == 2
    client.force_login(alice.user)
    text = client.get(choices).content.decode()
    assert "The allocation is published" in text and "Save my ranking" not in text


def test_pages_are_for_their_roles_only(personas: Personas, client: Client) -> None:
    campaign = personas.campaign
    run = AllocationRun.objects.create(
        campaign=campaign, objective="min_rank_sum", seed=1, instance={"students": []}
    )
    coordinator_pages = [
        reverse("allocation:campaign-detail", args=[campaign.pk]),
        reverse("allocation:run-detail", args=[run.pk]),
    ]
    choices = reverse("allocation:choices", args=[campaign.pk])
    expectations = {
        personas.coordinator: (200, 403),
        personas.admin: (200, 403),
        personas.supervisor: (403, 403),
        personas.student: (403, 200),
        personas.outsider: (404, 404),
    }
    for user, (manage_status, choices_status) in expectations.items():
        forget_roles(user)
        client.force_login(user)
        assert client.get(coordinator_pages[0]).status_code == manage_status, user
        assert client.get(coordinator_pages[1]).status_code == (
            200 if manage_status == 200 else 404
        ), user
        assert client.get(choices).status_code == choices_status, user
    client.logout()
    assert client.get(choices).status_code == 302  # to sign-in


def test_removing_a_lock_or_pair_that_does_not_exist_is_not_found(
    personas: Personas, client: Client
) -> None:
    client.force_login(personas.coordinator)
    for name in ("allocation:lock-remove", "allocation:forbidden-remove"):
        assert client.post(reverse(name, args=[999999])).status_code == 404
