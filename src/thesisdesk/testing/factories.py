"""Plain factory functions for tests: each creates valid rows with sensible defaults.

They write through the ORM directly (not through services) so that a test can set up any
state in one line; tests of the services themselves call the services.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.milestones.models import Milestone, MilestoneKind
from thesisdesk.people.models import Person, User
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.theses.models import Thesis, ThesisState

PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def make_user(username: str | None = None, *, password: str = PASSWORD, **fields: Any) -> User:
    number = _next()
    username = username or f"user{number}"
    fields.setdefault("email", f"{username}@example.org")
    user = User.objects.create_user(username=username, password=password, **fields)
    return user


def make_person(
    *,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    user: User | bool | None = False,
    username: str | None = None,
    **fields: Any,
) -> Person:
    """A person; `user=True` (or a username) also creates and links an account."""
    number = _next()
    first_name = first_name or f"Prénom{number}"
    last_name = last_name or f"Nom{number}"
    email = email or f"person{number}@example.org"
    account = None
    if isinstance(user, User):
        account = user
    elif user or username:
        account = make_user(
            username or f"person{number}", first_name=first_name, last_name=last_name, email=email
        )
    return Person.objects.create(
        user=account, first_name=first_name, last_name=last_name, email=email, **fields
    )


def make_campaign(**fields: Any) -> Campaign:
    number = _next()
    fields.setdefault("name", f"Master en sciences {number} 2026-2027")
    fields.setdefault("slug", f"campaign-{number}")
    fields.setdefault("programme", f"Master en sciences {number}")
    fields.setdefault("academic_year", "2026-2027")
    return Campaign.objects.create(**fields)


def make_membership(campaign: Campaign, person: Person, role: str) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        campaign=campaign, person=person, role=role
    )
    return membership


def make_member(campaign: Campaign, role: str, **person_fields: Any) -> Person:
    person_fields.setdefault("user", True)
    person = make_person(**person_fields)
    make_membership(campaign, person, role)
    return person


def make_subject(
    *,
    campaign: Campaign,
    supervisor: Person | None = None,
    state: str = SubjectState.PUBLISHED,
    co_supervisors: Iterable[Person] = (),
    proposed_by: Person | None = None,
    **fields: Any,
) -> Subject:
    number = _next()
    fields.setdefault("title", f"Sujet {number}")
    fields.setdefault("capacity", campaign.default_subject_capacity)
    now = timezone.now()
    if state in {SubjectState.APPROVED, SubjectState.PUBLISHED}:
        fields.setdefault("approved_at", now)
    if state == SubjectState.PUBLISHED:
        fields.setdefault("published_at", now)
    subject = Subject.objects.create(
        campaign=campaign,
        supervisor=supervisor,
        proposed_by=proposed_by or supervisor,
        state=state,
        **fields,
    )
    if co_supervisors:
        subject.co_supervisors.set(list(co_supervisors))
    return subject


def make_thesis(
    *,
    campaign: Campaign,
    students: Iterable[Person],
    supervisors: Iterable[Person] = (),
    co_supervisors: Iterable[Person] = (),
    readers: Iterable[Person] = (),
    subject: Subject | None = None,
    state: str = ThesisState.IN_PROGRESS,
    **fields: Any,
) -> Thesis:
    number = _next()
    fields.setdefault("title", subject.title if subject is not None else f"Mémoire {number}")
    now = timezone.now()
    order: list[str] = [
        ThesisState.PROPOSAL,
        ThesisState.IN_PROGRESS,
        ThesisState.DEPOSITED,
        ThesisState.DEFENDED,
        ThesisState.GRADED,
    ]
    if state in order:
        reached = order.index(state)
        for index, name in (
            (1, "started_at"),
            (2, "deposited_at"),
            (3, "defended_at"),
            (4, "graded_at"),
        ):
            if reached >= index:
                fields.setdefault(name, now)
    if state == ThesisState.GRADED:
        fields.setdefault("grade", 15)
    if state == ThesisState.ABANDONED:
        fields.setdefault("abandon_reason", "Raison de test")
        fields.setdefault("abandoned_at", now)
    thesis = Thesis.objects.create(campaign=campaign, subject=subject, state=state, **fields)
    thesis.students.set(list(students))
    thesis.supervisors.set(list(supervisors))
    thesis.co_supervisors.set(list(co_supervisors))
    thesis.readers.set(list(readers))
    return thesis


def make_milestone(
    *,
    campaign: Campaign,
    kind: str = MilestoneKind.PLAN,
    due_at: datetime | None = None,
    **fields: Any,
) -> Milestone:
    number = _next()
    fields.setdefault("title", f"Échéance {number}")
    return Milestone.objects.create(
        campaign=campaign,
        kind=kind,
        due_at=due_at or timezone.now() + timedelta(days=30),
        **fields,
    )
