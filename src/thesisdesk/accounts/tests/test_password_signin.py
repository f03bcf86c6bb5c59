"""Password sign-in through Moodle: who gets in, with which roles, and what is recorded."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from thesisdesk.accounts.models import MoodleRoleGrant, SignInRoleMapping
from thesisdesk.accounts.tests.fakes import FakeMoodle
from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.core.models import AuditEvent
from thesisdesk.people.models import Person, User

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post(
        LOGIN, {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="en", **extra
    )


def roles_of(person: Person, campaign: Campaign) -> set[str]:
    return set(
        Membership.objects.filter(person=person, campaign=campaign).values_list("role", flat=True)
    )


def test_first_signin_creates_the_person_with_the_student_role(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    response = sign_in(client, "s1", "Student-pass1")

    assert response.status_code == 302
    assert response["Location"] == "/"
    person = Person.objects.get(moodle_user_id=6)
    assert (person.first_name, person.last_name, person.email) == (
        "Amélie",
        "Étudiant",
        "s1@example.com",
    )
    assert person.moodle_username == "s1"
    assert person.user is not None and not person.user.has_usable_password()
    assert roles_of(person, campaign) == {"student"}
    assert int(client.session[SESSION_KEY]) == person.user.pk
    event = AuditEvent.objects.get(action="signin.succeeded")
    assert event.actor == person.user
    assert event.data["method"] == "moodle_password"
    assert event.data["roles_source"] == "plugin"


@pytest.mark.parametrize(
    ("username", "password", "role"),
    [("t1", "Teacher-pass1", "supervisor"), ("m1", "Manager-pass1", "coordinator")],
)
def test_course_roles_map_to_campaign_roles_by_default(
    client: Client,
    fake_moodle: FakeMoodle,
    campaign: Campaign,
    username: str,
    password: str,
    role: str,
) -> None:
    sign_in(client, username, password)

    person = Person.objects.get(moodle_username=username)
    assert roles_of(person, campaign) == {role}


def test_the_campaign_mapping_decides(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    SignInRoleMapping.objects.create(
        campaign=campaign, mapping={"editingteacher": ["coordinator", "reader"]}
    )

    sign_in(client, "t1", "Teacher-pass1")

    assert roles_of(Person.objects.get(moodle_user_id=3), campaign) == {"coordinator", "reader"}


def test_later_signin_refreshes_names_email_and_roles(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    sign_in(client, "s1", "Student-pass1")
    client.post("/accounts/logout/")
    moodle_user = fake_moodle.users["s1"]
    moodle_user.lastname = "Dupont"
    moodle_user.email = "amelie.dupont@example.com"
    moodle_user.roles = {2: ["editingteacher"]}

    sign_in(client, "s1", "Student-pass1")

    person = Person.objects.get(moodle_user_id=6)
    assert person.last_name == "Dupont"
    assert person.email == "amelie.dupont@example.com"
    assert person.user.email == "amelie.dupont@example.com"
    assert roles_of(person, campaign) == {"supervisor"}
    assert Person.objects.count() == 1


def test_an_imported_person_is_matched_by_email_and_keeps_roles_granted_in_thesisdesk(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    person = Person.objects.create(first_name="A", last_name="E", email="S1@example.com")
    Membership.objects.create(campaign=campaign, person=person, role="reader")
    Membership.objects.create(campaign=campaign, person=person, role="student")

    sign_in(client, "s1", "Student-pass1")
    person.refresh_from_db()
    assert person.moodle_user_id == 6
    assert roles_of(person, campaign) == {"reader", "student"}

    # Moodle takes the student role away: the roles granted in ThesisDesk stay.
    fake_moodle.users["s1"].roles = {}
    client.post("/accounts/logout/")
    sign_in(client, "s1", "Student-pass1")

    assert roles_of(person, campaign) == {"reader", "student"}
    assert not MoodleRoleGrant.objects.filter(person=person).exists()


def test_a_role_given_by_moodle_is_taken_back_when_moodle_no_longer_gives_it(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    sign_in(client, "s1", "Student-pass1")
    client.post("/accounts/logout/")
    fake_moodle.users["s1"].roles = {}

    response = sign_in(client, "s1", "Student-pass1")

    assert roles_of(Person.objects.get(moodle_user_id=6), campaign) == set()
    assert response["Location"] == "/accounts/no-role/"


def test_without_the_plugin_roles_come_from_core_functions(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    fake_moodle.plugin_installed = False

    sign_in(client, "t1", "Teacher-pass1")

    assert roles_of(Person.objects.get(moodle_user_id=3), campaign) == {"supervisor"}
    assert ("course_user_profiles", str([{"userid": 3, "courseid": 2}])) in fake_moodle.calls
    assert AuditEvent.objects.get(action="signin.succeeded").data["roles_source"] == "core"


def test_no_role_anywhere_shows_whom_to_ask(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    coordinator = Person.objects.create(
        first_name="Claire", last_name="Coord", email="claire@example.org"
    )
    Membership.objects.create(campaign=campaign, person=coordinator, role="coordinator")

    response = sign_in(client, "n1", "Nobody-pass1")
    assert response["Location"] == "/accounts/no-role/"
    page = client.get("/accounts/no-role/", HTTP_ACCEPT_LANGUAGE="en")

    text = page.content.decode()
    assert "You have no role in ThesisDesk yet" in text
    assert "Claire Coord" in text and "claire@example.org" in text
    assert campaign.name in text


def test_local_accounts_still_sign_in(client: Client, fake_moodle: FakeMoodle) -> None:
    User.objects.create_superuser("admin", "admin@example.org", "Local-admin-pass")

    response = sign_in(client, "admin", "Local-admin-pass")

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="signin.succeeded")
    assert event.data["method"] == "local"


def test_local_accounts_sign_in_while_moodle_is_down(
    client: Client, fake_moodle: FakeMoodle
) -> None:
    from thesisdesk.moodle.client.errors import MoodleConnectionError

    User.objects.create_superuser("admin", "admin@example.org", "Local-admin-pass")
    fake_moodle.login_failure = MoodleConnectionError

    assert sign_in(client, "admin", "Local-admin-pass").status_code == 302


def test_a_moodle_account_cannot_sign_in_with_a_local_password(
    client: Client, fake_moodle: FakeMoodle
) -> None:
    sign_in(client, "s1", "Student-pass1")
    client.post("/accounts/logout/")
    username = Person.objects.get(moodle_user_id=6).user.username

    response = sign_in(client, username, "")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_session_is_rotated_at_signin(client: Client, fake_moodle: FakeMoodle) -> None:
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key

    sign_in(client, "s1", "Student-pass1")

    assert client.session.session_key != before


def test_signout_ends_the_session_and_is_audited(client: Client, fake_moodle: FakeMoodle) -> None:
    sign_in(client, "s1", "Student-pass1")

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action="signout").count() == 1


def test_the_password_and_the_moodle_token_are_never_kept(
    client: Client, fake_moodle: FakeMoodle, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    sign_in(client, "s1", "Student-pass1")
    sign_in(Client(), "s1", "Wrong-pass-42")

    tokens = list(fake_moodle.tokens)
    assert tokens
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in ["Student-pass1", "Wrong-pass-42", *tokens]:
        assert secret not in logged
        for event in AuditEvent.objects.all():
            assert secret not in str(event.data) and secret not in event.reason
        assert secret not in str(dict(client.session))
    user = Person.objects.get(moodle_user_id=6).user
    assert not user.has_usable_password()


def test_the_form_asks_for_the_moodle_account(client: Client, fake_moodle: FakeMoodle) -> None:
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Moodle username" in page
    assert "The username and password you use on Moodle." in page


def test_without_moodle_the_form_asks_for_a_local_account(client: Client, settings: Any) -> None:
    settings.MOODLE_URL = ""

    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Moodle username" not in page


def test_roles_given_by_moodle_are_listed_for_the_sync_engine(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    from thesisdesk.accounts.selectors import moodle_given_roles

    imported = Person.objects.create(first_name="T", last_name="M", email="t1@example.com")
    Membership.objects.create(campaign=campaign, person=imported, role="supervisor")
    sign_in(client, "t1", "Teacher-pass1")  # already a supervisor in ThesisDesk
    sign_in(Client(), "s1", "Student-pass1")  # a student because of Moodle

    student = Person.objects.get(moodle_user_id=6)
    assert moodle_given_roles(campaign.pk) == {(student.pk, "student")}


@pytest.mark.parametrize(
    ("thesisdesk_role", "moodle_role"),
    [("co_supervisor", "editingteacher"), ("reader", "teacher"), ("coordinator", "editingteacher")],
)
def test_the_moodle_role_the_sync_gave_brings_no_other_role(
    client: Client,
    fake_moodle: FakeMoodle,
    campaign: Campaign,
    thesisdesk_role: str,
    moodle_role: str,
) -> None:
    from thesisdesk.moodle.models import MoodleCourseLink

    MoodleCourseLink.objects.create(campaign=campaign, courseid=2, shortname="MEM-2026")
    person = Person.objects.create(first_name="A", last_name="M", email="t1@example.com")
    Membership.objects.create(campaign=campaign, person=person, role=thesisdesk_role)
    fake_moodle.users["t1"].roles = {2: [moodle_role]}  # as the sync enrolled them

    sign_in(client, "t1", "Teacher-pass1")

    assert roles_of(person, campaign) == {thesisdesk_role}


def test_a_moodle_role_beyond_the_synced_one_still_counts(
    client: Client, fake_moodle: FakeMoodle, campaign: Campaign
) -> None:
    from thesisdesk.moodle.models import MoodleCourseLink

    MoodleCourseLink.objects.create(campaign=campaign, courseid=2, shortname="MEM-2026")
    person = Person.objects.create(first_name="A", last_name="M", email="t1@example.com")
    Membership.objects.create(campaign=campaign, person=person, role="reader")
    fake_moodle.users["t1"].roles = {2: ["teacher", "manager"]}

    sign_in(client, "t1", "Teacher-pass1")

    assert roles_of(person, campaign) == {"reader", "coordinator"}
