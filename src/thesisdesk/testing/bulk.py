"""Large data sets built fast (bulk inserts), for query-count tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from thesisdesk.campaigns.models import Campaign, Membership, Role
from thesisdesk.milestones.models import Milestone, MilestoneKind
from thesisdesk.people.models import Person, User
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.testing.factories import make_campaign, make_member
from thesisdesk.theses.models import Thesis, ThesisState


@dataclass
class LargeCampaign:
    campaign: Campaign
    coordinator: User
    supervisor: User
    student: User


STATES = [
    ThesisState.PROPOSAL,
    ThesisState.IN_PROGRESS,
    ThesisState.IN_PROGRESS,
    ThesisState.DEPOSITED,
    ThesisState.DEFENDED,
    ThesisState.GRADED,
]


def build_large_campaign(theses: int = 5000, *, supervisors: int = 100) -> LargeCampaign:
    """A campaign with `theses` theses (one student each, one supervisor, one reader),
    theses // 2 published subjects of capacity 2, and a few milestones."""
    with transaction.atomic():
        campaign = make_campaign(name=f"Grande campagne {theses}", default_subject_capacity=2)
        coordinator = make_member(campaign, Role.COORDINATOR, username=f"coord-{campaign.pk}")
        tag = f"c{campaign.pk}"
        staff = Person.objects.bulk_create(
            Person(first_name=f"Promoteur{i}", last_name=f"Nom{i}", email=f"p{i}.{tag}@example.org")
            for i in range(supervisors)
        )
        students = Person.objects.bulk_create(
            Person(
                first_name=f"Étudiant{i}", last_name=f"Famille{i}", email=f"e{i}.{tag}@example.org"
            )
            for i in range(theses)
        )
        Membership.objects.bulk_create(
            [Membership(campaign=campaign, person=p, role=Role.SUPERVISOR) for p in staff]
            + [Membership(campaign=campaign, person=p, role=Role.READER) for p in staff]
            + [Membership(campaign=campaign, person=p, role=Role.STUDENT) for p in students]
        )
        now = timezone.now()
        subjects = Subject.objects.bulk_create(
            Subject(
                campaign=campaign,
                title=f"Sujet {i}",
                description="<p>Description du sujet.</p>",
                keywords="informatique, recherche",
                capacity=2,
                supervisor=staff[i % supervisors],
                proposed_by=staff[i % supervisors],
                state=SubjectState.PUBLISHED,
                approved_at=now,
                published_at=now,
            )
            for i in range(max(1, theses // 2))
        )
        rows = Thesis.objects.bulk_create(
            Thesis(
                campaign=campaign,
                subject=subjects[i // 2],
                title=f"Mémoire {i}",
                state=STATES[i % len(STATES)],
            )
            for i in range(theses)
        )
        Thesis.students.through.objects.bulk_create(
            Thesis.students.through(thesis_id=t.pk, person_id=students[i].pk)
            for i, t in enumerate(rows)
        )
        Thesis.supervisors.through.objects.bulk_create(
            Thesis.supervisors.through(thesis_id=t.pk, person_id=staff[(i // 2) % supervisors].pk)
            for i, t in enumerate(rows)
        )
        Thesis.readers.through.objects.bulk_create(
            Thesis.readers.through(thesis_id=t.pk, person_id=staff[(i + 1) % supervisors].pk)
            for i, t in enumerate(rows)
        )
        Milestone.objects.bulk_create(
            Milestone(
                campaign=campaign,
                kind=kind,
                title=f"{kind}",
                due_at=now + timedelta(days=30 * (n + 1)),
            )
            for n, kind in enumerate(MilestoneKind.values)
        )
        supervisor_user = User.objects.create_user(f"sup-{tag}", password="x")
        staff[0].user = supervisor_user
        staff[0].save(update_fields=["user"])
        student_user = User.objects.create_user(f"stu-{tag}", password="x")
        students[0].user = student_user
        students[0].save(update_fields=["user"])
    assert coordinator.user is not None
    return LargeCampaign(
        campaign=campaign,
        coordinator=coordinator.user,
        supervisor=supervisor_user,
        student=student_user,
    )
