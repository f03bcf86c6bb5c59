import pytest

from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load
from thesisdesk.core.models import AuditEvent
from thesisdesk.people.models import Person, User
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.subjects.selectors import subject_list
from thesisdesk.theses.models import Thesis, ThesisState

pytestmark = pytest.mark.django_db


def test_demo_builds_the_campaign_and_is_idempotent():
    summary = demo_load()
    assert summary.created
    campaign = summary.campaign
    assert campaign.name == "Master en sciences informatiques 2026-2027"
    roles = Membership.objects.filter(campaign=campaign)
    assert roles.filter(role="student").count() == 30
    assert roles.filter(role="supervisor").count() == 10
    assert Subject.objects.filter(campaign=campaign).count() == 42  # 40 + 2 student proposals
    states = set(Subject.objects.values_list("state", flat=True))
    assert states == set(SubjectState.values)
    assert set(Thesis.objects.values_list("state", flat=True)) == set(ThesisState.values)
    assert campaign.milestones.count() == 6
    counts = (Person.objects.count(), Subject.objects.count(), AuditEvent.objects.count())

    again = demo_load()
    assert not again.created and again.campaign == campaign
    assert (Person.objects.count(), Subject.objects.count(), AuditEvent.objects.count()) == counts
    assert Campaign.objects.count() == 1


def test_demo_accounts_sign_in_and_see_their_part():
    demo_load()
    for username, _role in DEMO_ACCOUNTS:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD), username
    student = User.objects.get(username="etudiant1")
    visible = subject_list(viewer=student)
    assert visible.filter(state=SubjectState.PUBLISHED).count() == 30
    assert not visible.filter(state=SubjectState.PROPOSED).exists()


def test_demo_is_deterministic():
    def snapshot():
        return (
            list(Person.objects.order_by("email").values_list("email", "first_name", "last_name")),
            list(Subject.objects.order_by("title").values_list("title", "state", "capacity")),
            list(Thesis.objects.order_by("title").values_list("title", "state")),
        )

    demo_load()
    first = snapshot()
    Thesis.objects.all().delete()
    Subject.objects.all().delete()
    Campaign.objects.all().delete()
    Person.objects.all().delete()
    User.objects.all().delete()
    demo_load()
    assert snapshot() == first
