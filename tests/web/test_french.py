"""French is the default language: pages, messages and import errors speak French."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def french(settings):
    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        yield


def test_pages_are_in_french_by_default(french, personas):
    client = Client()
    client.force_login(personas.coordinator)
    body = client.get("/").content.decode()
    assert '<html lang="fr">' in body
    assert "Tableau de bord" in body and "Sujets par état" in body
    assert "Moodle est simulé" in body
    subjects = client.get(reverse("subjects:subject-list")).content.decode()
    assert "Proposer un sujet" in subjects and "Publié" in subjects


def test_sign_in_page_in_french(french, db):
    body = Client().get("/accounts/login/").content.decode()
    assert "Se connecter" in body


def test_import_errors_in_french(french, personas):
    client = Client()
    client.force_login(personas.coordinator)
    upload = io.BytesIO(b"email;first_name;last_name\na@example.org;A;B\nA@example.org;C;D\n")
    upload.name = "doublon.csv"
    body = client.post(
        reverse("people:person-import"), {"campaign": personas.campaign.pk, "file": upload}
    ).content.decode()
    assert "e-mail en double a@example.org (déjà à la ligne 2)" in body
    assert "Rien n&#x27;a été importé" in body or "Rien n'a été importé" in body


def test_the_browser_language_does_not_override_french(french, personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(personas.student)
    assert "Tableau de bord" in client.get("/").content.decode()


def test_english_on_request(french, personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr-BE")
    client.force_login(personas.student)
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body and "Dashboard" in body
    client.cookies["django_language"] = "xx"  # an unknown choice falls back to French
    assert "Tableau de bord" in client.get("/").content.decode()


def test_every_french_translation_is_done_and_sure():
    """No entry of the French catalogue is fuzzy or empty (makemessages marks new ones)."""
    from pathlib import Path

    import thesisdesk

    po = Path(thesisdesk.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]  # the first is the header
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    empty = [
        e for e in entries if e.rstrip().endswith('msgstr ""') and not e.lstrip().startswith("#~")
    ]
    assert not fuzzy, fuzzy[:3]
    assert not empty, empty[:3]
