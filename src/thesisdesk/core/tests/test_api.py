import pytest

from thesisdesk.core.models import AuditEvent
from thesisdesk.people.services import api_token_create, api_token_revoke
from thesisdesk.subjects.models import Subject, SubjectState

pytestmark = pytest.mark.django_db


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_openapi_document_and_docs_are_served(client, personas):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "ThesisDesk API"
    paths = document["paths"]
    for path in (
        "/api/v1/campaigns",
        "/api/v1/people",
        "/api/v1/milestones",
        "/api/v1/subjects",
        "/api/v1/subjects/{subject_id}/approve",
        "/api/v1/theses",
        "/api/v1/theses/{thesis_id}/deposit",
        "/api/v1/audit-events",
    ):
        assert path in paths, path
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    # The browsable docs work on a closed network: their scripts are served by us.
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content
    assert b"cdn." not in docs.content


def test_anonymous_request_gets_json_401(client, personas):
    response = client.get("/api/v1/subjects")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_token_authenticates_as_its_user_and_can_be_revoked(client, personas):
    token, raw = api_token_create(actor=personas.admin, user=personas.coordinator, name="SIS")
    assert raw.startswith("td_") and token.key_hash != raw and raw not in token.key_hash
    response = client.get("/api/v1/theses", **bearer(raw))
    assert response.status_code == 200
    assert response.json()["count"] == 1
    token.refresh_from_db()
    assert token.last_used_at is not None
    api_token_revoke(actor=personas.admin, token=token)
    assert client.get("/api/v1/theses", **bearer(raw)).status_code == 401
    assert client.get("/api/v1/theses", **bearer("td_wrong")).status_code == 401


def test_session_auth_works_for_the_browser(client, personas):
    client.force_login(personas.student)
    response = client.get("/api/v1/theses")
    assert response.status_code == 200
    body = response.json()
    assert [t["title"] for t in body["items"]] == [personas.thesis.title]


def test_subject_journey_through_the_api(client, personas):
    p = personas
    _t, supervisor_token = api_token_create(actor=p.admin, user=p.supervisor, name="s")
    _t, coordinator_token = api_token_create(actor=p.admin, user=p.coordinator, name="c")
    _t, student_token = api_token_create(actor=p.admin, user=p.student, name="e")
    response = client.post(
        "/api/v1/subjects",
        {
            "campaign_id": p.campaign.pk,
            "title": "Graphes dynamiques",
            "description": "<p>Bien</p><script>x</script>",
            "keywords": ["graphes", "algorithmes"],
        },
        content_type="application/json",
        **bearer(supervisor_token),
    )
    assert response.status_code == 201, response.content
    subject = response.json()
    assert subject["state"] == "proposed"
    assert subject["description"] == "<p>Bien</p>"
    assert subject["supervisor"]["id"] == p.supervisor.person.pk
    subject_id = subject["id"]

    listed = client.get("/api/v1/subjects", **bearer(student_token)).json()
    assert subject_id not in [s["id"] for s in listed["items"]]
    response = client.post(f"/api/v1/subjects/{subject_id}/approve", **bearer(supervisor_token))
    assert response.status_code == 403
    assert response.json()["code"] == "not_allowed"
    response = client.post(f"/api/v1/subjects/{subject_id}/publish", **bearer(coordinator_token))
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    response = client.post(f"/api/v1/subjects/{subject_id}/approve", **bearer(coordinator_token))
    assert response.status_code == 200 and response.json()["state"] == "approved"
    assert response.json()["allowed_actions"] == ["publish", "update", "withdraw"]
    response = client.post(f"/api/v1/subjects/{subject_id}/publish", **bearer(coordinator_token))
    assert response.json()["state"] == "published"
    listed = client.get("/api/v1/subjects", **bearer(student_token)).json()
    assert subject_id in [s["id"] for s in listed["items"]]
    assert Subject.objects.get(pk=subject_id).state == SubjectState.PUBLISHED
    history = client.get(
        "/api/v1/audit-events",
        {"target_type": "subjects.subject", "target_id": subject_id},
        **bearer(coordinator_token),
    ).json()
    assert [e["action"] for e in history["items"]] == [
        "subject.publish",
        "subject.approve",
        "subject.propose",
    ]


def test_validation_errors_name_the_field(client, personas):
    _t, raw = api_token_create(actor=personas.admin, user=personas.supervisor, name="s")
    response = client.post(
        "/api/v1/subjects",
        {"campaign_id": personas.campaign.pk, "title": "  ", "capacity": 0},
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_failed"
    assert {e["field"] for e in body["errors"]} == {"title", "capacity"}

    response = client.post(
        "/api/v1/subjects",
        {"campaign_id": personas.campaign.pk},
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_request"
    assert "title" in [e["field"] for e in body["errors"]]


def test_invisible_objects_are_404_for_outsiders(client, personas):
    _t, raw = api_token_create(actor=personas.admin, user=personas.outsider, name="x")
    response = client.get(f"/api/v1/theses/{personas.thesis.pk}", **bearer(raw))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    response = client.get(f"/api/v1/subjects/{personas.subject.pk}", **bearer(raw))
    assert response.status_code == 404
    assert client.get("/api/v1/campaigns", **bearer(raw)).json()["count"] == 0


def test_thesis_transitions_through_the_api(client, personas):
    p = personas
    _t, student_token = api_token_create(actor=p.admin, user=p.student, name="e")
    _t, coordinator_token = api_token_create(actor=p.admin, user=p.coordinator, name="c")
    url = f"/api/v1/theses/{p.thesis.pk}"
    response = client.post(url + "/deposit", **bearer(student_token))
    assert response.status_code == 200 and response.json()["state"] == "deposited"
    response = client.post(
        url + "/grade", {"grade": 14}, content_type="application/json", **bearer(coordinator_token)
    )
    assert response.status_code == 409
    client.post(url + "/defend", {}, content_type="application/json", **bearer(coordinator_token))
    response = client.post(
        url + "/grade", {"grade": 25}, content_type="application/json", **bearer(coordinator_token)
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "grade"
    response = client.post(
        url + "/grade",
        {"grade": 15.5},
        content_type="application/json",
        **bearer(coordinator_token),
    )
    assert response.json()["state"] == "graded" and response.json()["grade"] == "15.50"
    assert AuditEvent.objects.for_object(p.thesis).count() == 3


def test_session_writes_need_csrf(personas):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.coordinator)
    response = browser.post(
        f"/api/v1/subjects/{personas.subject.pk}/withdraw",
        {"reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
