"""The main journey in a real browser: a coordinator imports people, a supervisor proposes
a subject, the coordinator approves and publishes it, a student sees it."""

from __future__ import annotations

from typing import Any

import pytest

from thesisdesk.campaigns.models import Role
from thesisdesk.testing.factories import make_campaign, make_member, make_person

from .helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE_CSV = (
    "Courriel;Prénom;Nom;Rôle\r\n"
    "marc.renard@example.org;Marc;Renard;promoteur\r\n"
    "lea.dubois@example.org;Léa;Dubois;étudiante\r\n"
    "hugo.martin@example.org;Hugo;Martin;étudiant\r\n"
).encode("cp1252")  # as Excel on Windows saves it


@pytest.fixture
def people() -> dict[str, Any]:
    campaign = make_campaign(
        name="Master en sciences informatiques 2026-2027",
        slug="info-2026",
        programme="Master en sciences informatiques",
    )
    coordinator = make_member(
        campaign,
        Role.COORDINATOR,
        username="coord",
        first_name="Claire",
        last_name="Coordinatrice",
        email="claire@example.org",
    )
    # Accounts that exist (e.g. from a first sign-in) but have no role in the campaign yet:
    # the import gives them their roles.
    supervisor = make_person(
        username="mrenard",
        first_name="Marc",
        last_name="Renard",
        email="marc.renard@example.org",
    )
    student = make_person(
        username="ldubois",
        first_name="Léa",
        last_name="Dubois",
        email="lea.dubois@example.org",
    )
    return {
        "campaign": campaign,
        "coordinator": coordinator,
        "supervisor": supervisor,
        "student": student,
    }


def test_import_propose_approve_publish_and_see(live_server, new_page, screenshot, people):
    base = live_server.url
    title = "Détection d'anomalies dans les journaux de serveurs"

    # 1. The coordinator imports people from a CSV file, checks the preview, confirms.
    coordinator = new_page()
    sign_in(coordinator, base, "coord")
    screenshot(coordinator, "01-dashboard-coordinator")
    coordinator.goto(f"{base}/people/import/")
    coordinator.set_input_files(
        "input[type=file]",
        files=[{"name": "liste.csv", "mimeType": "text/csv", "buffer": PEOPLE_CSV}],
    )
    coordinator.click("form[enctype] button[type=submit]")
    coordinator.wait_for_selector("input[name=token]", state="attached")
    preview = coordinator.content()
    assert "hugo.martin@example.org" in preview
    screenshot(coordinator, "02-import-preview")
    coordinator.click("form:has(input[name=token]) button[type=submit]")
    coordinator.wait_for_url(f"{base}/people/")
    assert "Martin" in coordinator.content()
    screenshot(coordinator, "03-people-list")

    # 2. The supervisor, now a supervisor of the campaign, proposes a subject.
    supervisor = new_page()
    sign_in(supervisor, base, "mrenard")
    supervisor.goto(f"{base}/subjects/new/")
    supervisor.fill("input[name=title]", title)
    # The description is a rich-text editor (a contenteditable area over the textarea).
    editor = supervisor.locator(".rich-text-area")
    if editor.count():
        editor.click()
        supervisor.keyboard.type("Méthodes non supervisées.")
    else:
        supervisor.fill("textarea[name=description]", "<p>Méthodes non supervisées.</p>")
    supervisor.fill("input[name=keywords]", "apprentissage, journaux")
    supervisor.click("main form button[type=submit]")
    supervisor.wait_for_url(f"{base}/subjects/*/")
    subject_url = supervisor.url
    assert title in supervisor.content()
    screenshot(supervisor, "04-subject-proposed")

    # The student cannot see it yet.
    student = new_page()
    sign_in(student, base, "ldubois")
    response = student.goto(subject_url)
    assert response is not None and response.status == 404

    # 3. The coordinator approves, then publishes it.
    coordinator.goto(subject_url)
    coordinator.click("form[action$='/approve/'] button")
    coordinator.wait_for_selector("form[action$='/publish/'] button")
    coordinator.click("form[action$='/publish/'] button")
    coordinator.wait_for_selector(".state-published")
    screenshot(coordinator, "05-subject-published")

    # 4. The student sees it: on the dashboard and on the subject's page.
    student.goto(f"{base}/")
    assert title in student.content()
    screenshot(student, "06-dashboard-student")
    response = student.goto(subject_url)
    assert response is not None and response.status == 200
    assert "non supervisées" in student.content()

    # The language switch works, and the page then speaks English.
    student.click("button[name=language][value=en]")
    student.wait_for_load_state()
    assert student.locator("html").get_attribute("lang") == "en"
