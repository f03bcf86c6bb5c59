"""Every page, as every persona: what each may open, and what each is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thesisdesk.campaigns.models import Role
from thesisdesk.milestones.models import MilestoneExtension
from thesisdesk.subjects.models import SubjectState
from thesisdesk.testing.factories import (
    make_member,
    make_milestone,
    make_subject,
    make_thesis,
)
from thesisdesk.theses.models import ThesisState

pytestmark = pytest.mark.django_db

LISTS = [
    "core:dashboard",
    "campaigns:campaign-list",
    "people:person-list",
    "subjects:subject-list",
    "theses:thesis-list",
    "milestones:milestone-list",
]


def test_anonymous_visitors_are_sent_to_sign_in(client, personas):
    for name in LISTS:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_sign_in_page_has_the_standard_fields(client, db):
    response = client.get("/accounts/login/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in body and 'name="password"' in body
    assert 'for="id_username"' in body  # labelled fields


@pytest.mark.parametrize("persona", ["coordinator", "supervisor", "reader", "student", "outsider"])
@pytest.mark.parametrize("name", LISTS)
def test_every_list_opens_for_every_persona(client_as, name, persona):
    response = client_as(persona).get(reverse(name))
    assert response.status_code == 200
    assert b'class="skip-link"' in response.content


def test_simulated_moodle_banner_is_on_every_page(client_as, settings):
    settings.MOODLE_URL = ""
    response = client_as("student").get(reverse("subjects:subject-list"))
    assert b"banner-simulated" in response.content


def test_coordinator_dashboard_shows_states_and_work(client_as, personas):
    make_subject(
        campaign=personas.campaign,
        supervisor=personas.supervisor.person,
        state=SubjectState.PROPOSED,
        title="À approuver",
    )
    response = client_as("coordinator").get("/")
    body = response.content.decode()
    assert "À approuver" in body
    assert reverse("subjects:subject-list") + "?state=proposed" in body


def test_student_dashboard_shows_published_subjects_thesis_and_deadlines(client_as, personas):
    make_milestone(campaign=personas.campaign, title="Remise du plan")
    body = client_as("student").get("/").content.decode()
    assert personas.subject.title in body
    assert personas.thesis.title in body
    assert "Remise du plan" in body


def test_a_person_with_two_roles_sees_both_blocks(client_as, personas):
    from thesisdesk.testing.factories import make_membership

    make_membership(personas.campaign, personas.supervisor.person, Role.COORDINATOR)
    body = client_as("supervisor").get("/").content.decode()
    assert 'id="coordination-heading"' in body
    assert 'id="supervision-heading"' in body


def test_student_cannot_open_another_students_thesis(client_as, personas):
    assert (
        client_as("student")
        .get(reverse("theses:thesis-detail", args=[personas.thesis.pk]))
        .status_code
        == 200
    )
    assert (
        client_as("other_student")
        .get(reverse("theses:thesis-detail", args=[personas.thesis.pk]))
        .status_code
        == 404
    )
    listing = client_as("other_student").get(reverse("theses:thesis-list")).content.decode()
    assert personas.thesis.title not in listing


def test_student_cannot_open_an_unpublished_subject(client_as, personas):
    hidden = make_subject(
        campaign=personas.campaign,
        supervisor=personas.supervisor.person,
        state=SubjectState.APPROVED,
        title="Pas encore publié",
    )
    assert (
        client_as("student").get(reverse("subjects:subject-detail", args=[hidden.pk])).status_code
        == 404
    )
    assert (
        "Pas encore publié"
        not in client_as("student").get(reverse("subjects:subject-list")).content.decode()
    )
    assert (
        client_as("supervisor")
        .get(reverse("subjects:subject-detail", args=[hidden.pk]))
        .status_code
        == 200
    )


def test_outsider_sees_nothing_of_the_campaign(client_as, personas):
    client = client_as("outsider")
    for url in [
        reverse("campaigns:campaign-detail", args=[personas.campaign.pk]),
        reverse("subjects:subject-detail", args=[personas.subject.pk]),
        reverse("theses:thesis-detail", args=[personas.thesis.pk]),
    ]:
        assert client.get(url).status_code == 404
    assert (
        personas.subject.title not in client.get(reverse("subjects:subject-list")).content.decode()
    )


@pytest.mark.parametrize(
    ("url_name", "allowed"),
    [
        ("people:person-import", {"coordinator", "admin"}),
        ("subjects:subject-import", {"coordinator", "admin"}),
        ("theses:thesis-create", {"coordinator", "admin"}),
        ("milestones:milestone-create", {"coordinator", "admin"}),
        ("people:person-create", {"coordinator", "admin"}),
        ("campaigns:campaign-create", {"admin"}),
        (
            "subjects:subject-create",
            {"coordinator", "supervisor", "co_supervisor", "student", "other_student", "admin"},
        ),
    ],
)
def test_creation_pages_per_persona(client_as, personas, url_name, allowed):
    for persona in personas.users():
        status = client_as(persona).get(reverse(url_name)).status_code
        assert status == (200 if persona in allowed else 403), (persona, status)


def test_subject_journey_through_the_pages(client_as, personas):
    supervisor = client_as("supervisor")
    response = supervisor.post(
        reverse("subjects:subject-create"),
        {
            "campaign": personas.campaign.pk,
            "title": "Apprentissage fédéré",
            "description": (
                "<p>Texte <script>alert(1)</script>"
                "<a href='https://x.org' onclick='x()'>lien</a></p>"
            ),
            "keywords": "IA, vie privée",
            "capacity": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    subject_url = response["Location"]
    page = supervisor.get(subject_url).content.decode()
    assert "Apprentissage fédéré" in page
    assert "<script>" not in page and "onclick" not in page and 'href="https://x.org"' in page
    pk = int(subject_url.rstrip("/").split("/")[-1])

    # The student does not see it yet; the supervisor cannot approve it.
    assert client_as("student").get(subject_url).status_code == 404
    assert supervisor.post(reverse("subjects:subject-approve", args=[pk])).status_code == 403

    coordinator = client_as("coordinator")
    assert "subject-approve" not in page
    coordinator_page = coordinator.get(subject_url).content.decode()
    assert reverse("subjects:subject-approve", args=[pk]) in coordinator_page
    assert coordinator.post(reverse("subjects:subject-approve", args=[pk])).status_code == 302
    assert coordinator.post(reverse("subjects:subject-publish", args=[pk])).status_code == 302

    student_page = client_as("student").get(subject_url)
    assert student_page.status_code == 200
    history = coordinator.get(subject_url).content.decode()
    assert "approved the subject" in history or "approuvé le sujet" in history
    assert history.index("Claire Coordinatrice") < history.index("Paul Promoteur")  # newest first


def test_rejecting_needs_a_reason_shown_on_the_form(client_as, personas):
    subject = make_subject(
        campaign=personas.campaign,
        supervisor=personas.supervisor.person,
        state=SubjectState.PROPOSED,
    )
    coordinator = client_as("coordinator")
    page = coordinator.get(reverse("subjects:subject-detail", args=[subject.pk])).content.decode()
    # Reject and withdraw forms are both there, each with its own labelled field.
    assert 'for="subject-reject-reason"' in page and 'for="subject-withdraw-reason"' in page
    url = reverse("subjects:subject-reject", args=[subject.pk])
    response = coordinator.post(url, {"reason": ""})
    assert response.status_code == 400
    assert b"errorlist" in response.content
    response = coordinator.post(url, {"reason": "Hors du programme"})
    assert response.status_code == 302
    subject.refresh_from_db()
    assert subject.state == SubjectState.REJECTED
    assert subject.rejection_reason == "Hors du programme"


def test_student_proposal_accepted_by_supervisor(client_as, personas):
    student = client_as("student")
    response = student.post(
        reverse("subjects:subject-create"),
        {
            "campaign": personas.campaign.pk,
            "title": "Mon idée",
            "supervisor": personas.supervisor.person.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    assert (
        client_as("supervisor").post(reverse("subjects:subject-accept", args=[pk])).status_code
        == 302
    )
    from thesisdesk.subjects.models import Subject

    assert Subject.objects.get(pk=pk).state == SubjectState.PROPOSED


def test_proposal_form_shows_clear_errors(client_as, personas):
    response = client_as("supervisor").post(
        reverse("subjects:subject-create"), {"campaign": personas.campaign.pk, "title": ""}
    )
    assert response.status_code == 200
    assert b'class="errorlist"' in response.content


def test_thesis_transitions_through_the_pages(client_as, personas):
    thesis = make_thesis(
        campaign=personas.campaign,
        students=[personas.other_student.person],
        supervisors=[personas.supervisor.person],
        state=ThesisState.PROPOSAL,
    )
    url = reverse("theses:thesis-detail", args=[thesis.pk])
    assert (
        client_as("other_student")
        .post(reverse("theses:thesis-start", args=[thesis.pk]))
        .status_code
        == 403
    )
    assert (
        client_as("supervisor").post(reverse("theses:thesis-start", args=[thesis.pk])).status_code
        == 302
    )
    assert (
        client_as("other_student")
        .post(reverse("theses:thesis-deposit", args=[thesis.pk]))
        .status_code
        == 302
    )
    coordinator = client_as("coordinator")
    assert coordinator.post(reverse("theses:thesis-defend", args=[thesis.pk])).status_code == 302
    bad = coordinator.post(reverse("theses:thesis-grade", args=[thesis.pk]), {"grade": "25"})
    assert bad.status_code == 400
    assert (
        coordinator.post(
            reverse("theses:thesis-grade", args=[thesis.pk]), {"grade": "16.5"}
        ).status_code
        == 302
    )
    thesis.refresh_from_db()
    assert thesis.state == ThesisState.GRADED
    assert "16.5" in coordinator.get(url).content.decode().replace(",", ".")


def test_abandon_needs_a_reason(client_as, personas):
    url = reverse("theses:thesis-abandon", args=[personas.thesis.pk])
    assert client_as("student").post(url, {"reason": ""}).status_code == 400
    assert client_as("student").post(url, {"reason": "Raisons de santé"}).status_code == 302
    personas.thesis.refresh_from_db()
    assert personas.thesis.state == ThesisState.ABANDONED


def test_coordinator_creates_a_thesis(client_as, personas):
    data = {
        "campaign": personas.campaign.pk,
        "title": "Nouveau mémoire",
        "subject": personas.subject.pk,
        "students": [personas.other_student.person.pk],
    }
    full = client_as("coordinator").post(reverse("theses:thesis-create"), data)
    assert full.status_code == 200
    assert "1 place(s) are taken" in full.content.decode()  # the service's reason, on the form
    roomy = make_subject(
        campaign=personas.campaign,
        supervisor=personas.supervisor.person,
        capacity=2,
        title="Deux places",
    )
    response = client_as("coordinator").post(
        reverse("theses:thesis-create"), {**data, "subject": roomy.pk}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    thesis_page = client_as("other_student").get(response["Location"]).content.decode()
    assert "Nouveau mémoire" in thesis_page


def test_coordinator_changes_the_people_of_a_thesis(client_as, personas):
    from thesisdesk.core import outbox
    from thesisdesk.core.models import AuditEvent

    thesis = personas.thesis
    url = reverse("theses:thesis-edit", args=[thesis.pk])
    detail_page = client_as("coordinator").get(reverse("theses:thesis-detail", args=[thesis.pk]))
    assert f'href="{url}"' in detail_page.content.decode()  # reached from the thesis's page
    page = client_as("coordinator").get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="readers"' in body and 'name="students"' in body
    data = {
        "title": thesis.title,
        "students": [personas.student.person.pk],
        "supervisors": [personas.supervisor.person.pk],
        "co_supervisors": [],
        "readers": [personas.reader.person.pk, personas.co_supervisor.person.pk],
    }
    told: list[tuple[int, str]] = []

    def listener(campaign_id: int, reason: str) -> None:
        told.append((campaign_id, reason))

    outbox.register(listener)
    try:
        response = client_as("coordinator").post(url, data)
    finally:
        outbox.unregister(listener)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (personas.campaign.pk, "thesis.set_people") in told  # Moodle's group follows
    assert set(thesis.readers.all()) == {personas.reader.person, personas.co_supervisor.person}
    assert not thesis.co_supervisors.exists()
    event = AuditEvent.objects.filter(action="thesis.set_people", target_id=str(thesis.pk)).get()
    assert set(event.data) == {"co_supervisors", "readers"}
    detail = client_as("coordinator").get(response["Location"]).content.decode()
    assert "Cora" not in detail.split("Readers")[0].split("Co-supervisors")[1]


def test_thesis_edit_errors_keep_everything(client_as, personas):
    thesis = personas.thesis
    url = reverse("theses:thesis-edit", args=[thesis.pk])
    data = {
        "title": "Un autre titre",
        "students": [personas.student.person.pk, personas.other_student.person.pk],
        "supervisors": [personas.supervisor.person.pk],
        "readers": [personas.reader.person.pk],
    }
    response = client_as("coordinator").post(url, data)
    assert response.status_code == 200
    assert "The subject takes 1 student(s)" in response.content.decode()  # the service rule
    thesis.refresh_from_db()
    assert thesis.title != "Un autre titre"  # the title change was rolled back too
    assert list(thesis.students.all()) == [personas.student.person]
    empty = client_as("coordinator").post(url, {**data, "supervisors": []})
    assert empty.status_code == 200 and "This field is required" in empty.content.decode()
    outsider = client_as("coordinator").post(url, {**data, "students": [personas.reader.person.pk]})
    assert outsider.status_code == 200  # not a student of the campaign: not a valid choice
    assert list(thesis.students.all()) == [personas.student.person]


def test_supervisor_edits_the_title_only_and_others_are_refused(client_as, personas):
    thesis = personas.thesis
    url = reverse("theses:thesis-edit", args=[thesis.pk])
    page = client_as("supervisor").get(url).content.decode()
    assert 'name="title"' in page and 'name="students"' not in page
    response = client_as("supervisor").post(
        url, {"title": "Titre précisé", "students": [personas.other_student.person.pk]}
    )
    assert response.status_code == 302
    thesis.refresh_from_db()
    assert thesis.title == "Titre précisé"
    assert list(thesis.students.all()) == [personas.student.person]
    for persona in ["student", "reader", "co_supervisor"]:
        assert client_as(persona).get(url).status_code == 403, persona
    assert client_as("other_student").get(url).status_code == 404
    assert (
        "thesis-edit"
        not in client_as("student")
        .get(reverse("theses:thesis-detail", args=[thesis.pk]))
        .content.decode()
    )


def test_milestone_create_edit_and_extend(client_as, personas):
    coordinator = client_as("coordinator")
    response = coordinator.post(
        reverse("milestones:milestone-create"),
        {
            "campaign": personas.campaign.pk,
            "kind": "plan",
            "title": "Plan",
            "due_at": "2027-01-15T12:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    page = coordinator.get(response["Location"]).content.decode()
    assert "12:00" in page  # shown in Brussels time, as typed
    assert (
        client_as("student")
        .post(
            reverse("milestones:milestone-update", args=[pk]),
            {"kind": "plan", "title": "X", "due_at": "2027-01-16T12:00"},
        )
        .status_code
        == 403
    )
    response = client_as("supervisor").post(
        reverse("milestones:milestone-extend", args=[pk]),
        {
            "thesis": personas.thesis.pk,
            "due_at": "2027-01-20T12:00",
            "reason": "Stage à l'étranger",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert MilestoneExtension.objects.filter(milestone_id=pk, thesis=personas.thesis).exists()
    response = client_as("supervisor").post(
        reverse("milestones:milestone-extend", args=[pk]),
        {"thesis": personas.thesis.pk, "due_at": "2027-01-20T12:00", "reason": ""},
    )
    assert response.status_code == 400


def test_people_pages_and_roles(client_as, personas):
    coordinator = client_as("coordinator")
    person = make_member(
        personas.campaign,
        Role.STUDENT,
        first_name="Nina",
        last_name="Nouvelle",
        email="nina@example.org",
    )
    url = reverse("people:person-detail", args=[person.pk])
    assert "Nouvelle" in coordinator.get(url).content.decode()
    # Students do not see the list of other students.
    listing = client_as("student").get(reverse("people:person-list")).content.decode()
    assert "Nouvelle" not in listing
    response = coordinator.post(
        reverse("people:membership-add", args=[person.pk]),
        {"campaign": personas.campaign.pk, "role": "reader"},
    )
    assert response.status_code == 302
    assert person.memberships.filter(role="reader").exists()


def test_list_filters_search_sort_and_pagination(client_as, personas):
    for number in range(60):
        make_subject(
            campaign=personas.campaign,
            supervisor=personas.supervisor.person,
            title=f"Sujet {number:03d}",
        )
    client = client_as("coordinator")
    body = client.get(reverse("subjects:subject-list"), {"q": "Sujet 05"}).content.decode()
    assert "Sujet 050" in body and "Sujet 010" not in body
    body = client.get(reverse("subjects:subject-list"), {"sort": "-title"}).content.decode()
    assert body.index("Vérification") < body.index("Sujet 059")
    first = client.get(reverse("subjects:subject-list")).content.decode()
    second = client.get(reverse("subjects:subject-list"), {"page": 2}).content.decode()
    assert "Sujet 000" in first and "Sujet 000" not in second
    htmx = client.get(
        reverse("subjects:subject-list"),
        {"state": "published"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    assert b"<html" not in htmx.content and b'id="results"' in htmx.content


def test_navigation_links_open_for_each_persona(client_as, personas):
    import re

    for persona in ("coordinator", "supervisor", "student", "admin"):
        client = client_as(persona)
        page = client.get("/").content.decode()
        nav = page[page.index('class="main-nav"') : page.index("</nav>")]
        links = re.findall(r'href="([^"]+)"', nav)
        assert len(links) >= 6
        for link in links:
            assert client.get(link).status_code == 200, (persona, link)
    student_page = client_as("student").get("/").content.decode()
    assert 'href="/notifications/"' not in student_page  # the outbox is the coordinators'
    assert 'href="/notifications/mine/"' in student_page  # their own history is theirs
    mine = client_as("student").get("/notifications/mine/").content.decode()
    edit = reverse("people:person-update", args=[personas.student.person.pk])
    assert f'href="{edit}"' in mine
    assert client_as("student").get(edit).status_code == 200
