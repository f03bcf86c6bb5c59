import pytest

from thesisdesk.core.errors import ValidationFailed
from thesisdesk.people.models import ApiToken, Person
from thesisdesk.people.selectors import membership_list, person_list
from thesisdesk.people.services import (
    api_token_authenticate,
    api_token_create,
    person_create,
    person_link_user,
    person_update,
)
from thesisdesk.testing.factories import make_person, make_user

pytestmark = pytest.mark.django_db


def test_person_create_validates_and_normalizes(personas):
    person = person_create(
        actor=personas.coordinator, first_name=" Anne ", last_name="Dumont", email="Anne@EX.org"
    )
    assert person.first_name == "Anne" and person.email == "anne@ex.org"
    with pytest.raises(ValidationFailed) as error:
        person_create(actor=personas.coordinator, first_name="", last_name="X", email="ANNE@ex.org")
    assert set(error.value.errors) == {"first_name", "email"}
    assert "already has the e-mail" in error.value.errors["email"][0]
    with pytest.raises(ValidationFailed) as error:
        person_create(
            actor=personas.coordinator, first_name="A", last_name="B", email="pas-un-mail"
        )
    assert "email" in error.value.errors


def test_person_may_change_own_preferences_only(personas):
    student = personas.student
    person_update(actor=student, person=student.person, notification_channel="both")
    student.person.refresh_from_db()
    assert student.person.notification_channel == "both"
    with pytest.raises(ValidationFailed):
        person_update(actor=student, person=student.person, preferred_language="de")


def test_first_sign_in_links_the_imported_person():
    imported = make_person(email="marie.curie@example.org")
    user = make_user("mcurie", email="Marie.Curie@example.org")
    assert person_link_user(user=user) == imported
    imported.refresh_from_db()
    assert imported.user == user
    assert person_link_user(user=user) == imported  # idempotent

    newcomer = make_user("nouveau", email="nouveau@example.org", first_name="Nina")
    person = person_link_user(user=newcomer)
    assert person.user == newcomer and person.first_name == "Nina"
    assert Person.objects.filter(email="nouveau@example.org").count() == 1


def test_api_token_is_stored_hashed_and_shown_once(personas):
    token, raw = api_token_create(actor=personas.admin, user=personas.coordinator, name="SIS")
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.key_hash, stored.key_prefix, stored.name)
    assert raw.startswith(stored.key_prefix)
    assert api_token_authenticate(raw) == token
    assert api_token_authenticate(raw + "x") is None
    personas.coordinator.is_active = False
    personas.coordinator.save()
    assert api_token_authenticate(raw) is None


def test_students_do_not_see_other_students(personas):
    p = personas
    seen_by_student = set(person_list(viewer=p.student))
    assert p.student.person in seen_by_student
    assert p.supervisor.person in seen_by_student
    assert p.other_student.person not in seen_by_student
    assert p.other_student.person in set(person_list(viewer=p.coordinator))
    assert p.student.person not in set(person_list(viewer=p.outsider))
    roles = {m.role for m in membership_list(viewer=p.student, campaign=p.campaign)}
    assert "student" in roles  # their own
    assert {m.person for m in membership_list(viewer=p.student, role="student")} == {
        p.student.person
    }


def test_coordinators_see_people_in_no_campaign_yet(personas):
    loose = make_person(last_name="Sans-Campagne")
    assert loose in set(person_list(viewer=personas.coordinator))
    assert loose not in set(person_list(viewer=personas.supervisor))
    assert list(person_list(viewer=personas.coordinator, search="sans-campagne")) == [loose]
