"""A student reaches the page where they rank subjects from their dashboard."""

from django.urls import reverse


def test_student_dashboard_links_to_ranking_subjects(client_as, personas):
    response = client_as("student").get("/")
    choices_url = reverse("allocation:choices", args=[personas.campaign.pk])
    assert response.status_code == 200
    assert choices_url in response.content.decode()
    assert client_as("student").get(choices_url).status_code == 200


def test_supervisor_dashboard_has_no_ranking_link(client_as, personas):
    response = client_as("supervisor").get("/")
    choices_url = reverse("allocation:choices", args=[personas.campaign.pk])
    assert choices_url not in response.content.decode()
