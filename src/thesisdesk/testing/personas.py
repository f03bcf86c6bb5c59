"""The people every permission test talks about, set up in one call.

p = make_personas()
p.coordinator, p.supervisor, p.co_supervisor, p.reader, p.student, p.other_student,
p.outsider, p.admin  # Users; each (but admin) has `.person`
p.campaign, p.subject (published, by supervisor), p.thesis (in progress, of student)
"""

from __future__ import annotations

from dataclasses import dataclass

from thesisdesk.campaigns.models import Campaign, Role
from thesisdesk.people.models import User
from thesisdesk.subjects.models import Subject
from thesisdesk.testing.factories import (
    make_campaign,
    make_member,
    make_person,
    make_subject,
    make_thesis,
    make_user,
)
from thesisdesk.theses.models import Thesis


@dataclass
class Personas:
    campaign: Campaign
    coordinator: User
    supervisor: User
    co_supervisor: User
    reader: User
    student: User
    other_student: User
    outsider: User
    admin: User
    subject: Subject
    thesis: Thesis

    def users(self) -> dict[str, User]:
        """Every persona by name (for permission matrices)."""
        return {
            "coordinator": self.coordinator,
            "supervisor": self.supervisor,
            "co_supervisor": self.co_supervisor,
            "reader": self.reader,
            "student": self.student,
            "other_student": self.other_student,
            "outsider": self.outsider,
            "admin": self.admin,
        }


def make_personas() -> Personas:
    campaign = make_campaign(
        name="Master en sciences informatiques 2026-2027",
        slug="info-2026",
        programme="Master en sciences informatiques",
    )

    def member(role: str, username: str, first: str, last: str) -> User:
        person = make_member(
            campaign,
            role,
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
        )
        assert person.user is not None
        return person.user

    coordinator = member(Role.COORDINATOR, "coord", "Claire", "Coordinatrice")
    supervisor = member(Role.SUPERVISOR, "promoteur", "Paul", "Promoteur")
    co_supervisor = member(Role.CO_SUPERVISOR, "copromoteur", "Cora", "Copromotrice")
    reader = member(Role.READER, "lecteur", "Louis", "Lecteur")
    student = member(Role.STUDENT, "etudiant", "Emma", "Étudiante")
    other_student = member(Role.STUDENT, "autre", "Oscar", "Autre")
    outsider = make_person(
        username="externe", first_name="Xavier", last_name="Externe", email="externe@example.org"
    ).user
    assert outsider is not None
    admin = make_user("admin", is_staff=True, is_superuser=True)
    subject = make_subject(
        campaign=campaign, supervisor=supervisor.person, title="Vérification de programmes"
    )
    thesis = make_thesis(
        campaign=campaign,
        subject=subject,
        students=[student.person],
        supervisors=[supervisor.person],
        co_supervisors=[co_supervisor.person],
        readers=[reader.person],
    )
    return Personas(
        campaign=campaign,
        coordinator=coordinator,
        supervisor=supervisor,
        co_supervisor=co_supervisor,
        reader=reader,
        student=student,
        other_student=other_student,
        outsider=outsider,
        admin=admin,
        subject=subject,
        thesis=thesis,
    )
