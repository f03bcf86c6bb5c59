"""Demo data for the allocation: plausible rankings, one pair, one student who did not rank.

Called by the demo loader (core/demo.py): `demo_rankings(campaign)`.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from thesisdesk.allocation import selectors
from thesisdesk.allocation.models import PartnerRequest, Preference
from thesisdesk.campaigns.models import Campaign


def demo_rankings(campaign: Campaign, *, seed: int | None = None) -> int:
    """Rank published subjects for the campaign's students who have no thesis, unless the
    campaign already has rankings; returns how many students got a ranking.

    Popularity is skewed (a few subjects draw most first choices), the last student is
    left without a ranking (to show how non-rankers are treated), and the first two form
    a confirmed pair with the same ranking. Reproducible: seeded by the campaign.
    """
    rng = random.Random(campaign.pk if seed is None else seed)
    subjects = list(selectors.published_subjects(campaign))
    if not subjects or Preference.objects.filter(campaign=campaign).exists():
        return 0  # nothing to rank, or the demo rankings are already there
    with_thesis = selectors.students_with_thesis(campaign)
    ranked = set(Preference.objects.filter(campaign=campaign).values_list("student_id", flat=True))
    students = [
        p
        for p in selectors.campaign_students(campaign)
        if p.pk not in with_thesis and p.pk not in ranked
    ]
    if len(students) >= 3:
        students = students[:-1]  # leave one student who did not rank
    rng.shuffle(subjects)
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(subjects))]
    count = min(campaign.choices_per_student, len(subjects))
    rows: list[Preference] = []
    rankings: dict[int, list[int]] = {}
    for student in students:
        chosen: list[int] = []
        pool = list(range(len(subjects)))
        pool_weights = list(weights)
        while len(chosen) < count:
            index = rng.choices(range(len(pool)), weights=pool_weights)[0]
            chosen.append(pool.pop(index))
            pool_weights.pop(index)
        rankings[student.pk] = chosen
    pair = students[:2] if len(students) >= 4 else []
    if pair:
        roomy = [i for i, s in enumerate(subjects) if s.capacity >= 2]
        if roomy:
            shared = roomy[:1] + [i for i in rankings[pair[0].pk] if i not in roomy[:1]]
            rankings[pair[0].pk] = rankings[pair[1].pk] = shared[:count]
        else:
            pair = []
    for student in students:
        for rank, index in enumerate(rankings[student.pk], start=1):
            rows.append(
                Preference(campaign=campaign, student=student, subject=subjects[index], rank=rank)
            )
    with transaction.atomic():
        Preference.objects.bulk_create(rows)
        if pair:
            PartnerRequest.objects.get_or_create(
                campaign=campaign,
                requester=pair[0],
                defaults={"partner": pair[1], "confirmed_at": timezone.now()},
            )
    return len(students)
