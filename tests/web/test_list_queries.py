"""List pages cost a constant number of queries, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thesisdesk.campaigns.models import Membership, Role
from thesisdesk.people.models import Person
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.theses.models import Thesis, ThesisState

pytestmark = pytest.mark.django_db

PAGES = [
    "theses:thesis-list",
    "subjects:subject-list",
    "people:person-list",
    "milestones:milestone-list",
    "campaigns:campaign-list",
    "core:dashboard",
]


def add_theses(personas, count: int, start: int) -> None:
    """`count` more students, subjects and theses, in bulk."""
    campaign = personas.campaign
    people = Person.objects.bulk_create(
        [
            Person(first_name=f"Prénom{n}", last_name=f"Nom{n}", email=f"s{n}@example.org")
            for n in range(start, start + count)
        ]
    )
    people = list(Person.objects.filter(email__in=[p.email for p in people]).order_by("pk"))
    Membership.objects.bulk_create(
        [Membership(campaign=campaign, person=p, role=Role.STUDENT) for p in people]
    )
    subjects = Subject.objects.bulk_create(
        [
            Subject(
                campaign=campaign,
                title=f"Sujet {n}",
                supervisor=personas.supervisor.person,
                state=SubjectState.PUBLISHED,
            )
            for n in range(start, start + count)
        ]
    )
    subjects = list(Subject.objects.filter(title__startswith="Sujet ").order_by("pk"))[-count:]
    states = list(ThesisState.values)
    Thesis.objects.bulk_create(
        [
            Thesis(
                campaign=campaign,
                subject=subject,
                title=f"Mémoire {n}",
                state=states[n % len(states)],
            )
            for n, subject in zip(range(start, start + count), subjects, strict=True)
        ]
    )
    theses = list(Thesis.objects.filter(title__startswith="Mémoire ").order_by("pk"))[-count:]
    Thesis.students.through.objects.bulk_create(
        [
            Thesis.students.through(thesis_id=t.pk, person_id=p.pk)
            for t, p in zip(theses, people, strict=True)
        ]
    )
    Thesis.supervisors.through.objects.bulk_create(
        [
            Thesis.supervisors.through(thesis_id=t.pk, person_id=personas.supervisor.person.pk)
            for t in theses
        ]
    )


def count_queries(client, name: str, params: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name), params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.slow
def test_list_pages_at_5000_theses_run_as_many_queries_as_at_60(personas, client_as):
    clients = {name: client_as(name) for name in ("coordinator", "supervisor", "student")}
    add_theses(personas, 60, 0)
    small = {
        (who, name): count_queries(client, name)
        for who, client in clients.items()
        for name in PAGES
    }
    small_sorted = count_queries(
        clients["coordinator"], "theses:thesis-list", {"sort": "-state", "page": "2"}
    )
    add_theses(personas, 4_940, 60)
    assert Thesis.objects.count() == 5_001
    large = {
        (who, name): count_queries(client, name)
        for who, client in clients.items()
        for name in PAGES
    }
    large_sorted = count_queries(
        clients["coordinator"], "theses:thesis-list", {"sort": "-state", "page": "50"}
    )
    assert large == small
    assert large_sorted == small_sorted
    assert max(large.values()) <= 25, large
