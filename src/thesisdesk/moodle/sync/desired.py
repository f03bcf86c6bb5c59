"""The desired Moodle state of a linked campaign, read from the domain in a constant
number of queries (DESIGN.md section 3).

- enrolments: every member of the campaign and everyone on a thesis, with mapped roles;
- one group per thesis (students, supervisors, co-supervisors, readers);
- one section per thesis, named after it, summary from its subject, restricted to its
  group, hidden until the allocation is published; an abandoned thesis's section is
  hidden and kept;
- one assignment per deposit milestone in each thesis section (dates from the
  milestone; per-thesis extensions as Moodle user extensions);
- calendar events for the other milestones: a course event for the subject choice, a
  group event per thesis for the others (none for an abandoned thesis);
- the published subject catalogue;
- the course's guideline files (given by the documents app through `guideline_files`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import Count, Q

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.html import sanitize_html  # again on the way to Moodle
from thesisdesk.milestones.models import (
    DEPOSIT_KINDS,
    Milestone,
    MilestoneExtension,
    MilestoneKind,
)
from thesisdesk.moodle.models import MoodleCourseLink
from thesisdesk.moodle.sync.state import (
    DesiredAssignment,
    DesiredEvent,
    DesiredExtension,
    DesiredFile,
    DesiredGroup,
    DesiredSection,
    DesiredState,
    DesiredSubject,
)
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.theses.models import Thesis, ThesisState

GROUP_NAME_LENGTH = 254
# Thesis states in which the work has started: the thesis section is shown in Moodle.
STARTED_STATES = frozenset(
    {ThesisState.IN_PROGRESS, ThesisState.DEPOSITED, ThesisState.DEFENDED, ThesisState.GRADED}
)


def campaign_prefix(campaign_id: int) -> str:
    return f"campaign:{campaign_id}/"


def thesis_key(campaign_id: int, thesis_id: int, what: str) -> str:
    return f"campaign:{campaign_id}/thesis:{thesis_id}/{what}"


def _unix(value: datetime | None) -> int:
    return int(value.timestamp()) if value is not None else 0


def _no_files(campaign: Campaign) -> tuple[DesiredFile, ...]:
    return ()


# The course's guideline files: the documents app plugs its own reader in here when Django
# starts (documents/moodle.py); their bytes come through sync/files.py.
guideline_files: Callable[[Campaign], tuple[DesiredFile, ...]] = _no_files


def desired_state(link: MoodleCourseLink) -> DesiredState:
    """What the linked course should hold for `link.campaign` (about 12 queries)."""
    campaign = link.campaign
    cid = campaign.pk
    theses: list[Any] = list(
        Thesis.objects.filter(campaign=campaign)
        .order_by("id")
        .values_list("id", "title", "state", "subject__description", named=True)
    )
    # Thesis people with a Moodle account: one light query per relation.
    people_by_thesis: dict[int, dict[str, list[int]]] = {}
    relations = (
        ("student", Thesis.students.through),
        ("supervisor", Thesis.supervisors.through),
        ("co_supervisor", Thesis.co_supervisors.through),
        ("reader", Thesis.readers.through),
    )
    for role, through in relations:
        rows = through.objects.filter(
            thesis__campaign=campaign, person__moodle_user_id__isnull=False
        ).values_list("thesis_id", "person__moodle_user_id")
        for thesis_id, userid in rows:
            if userid is not None:
                people_by_thesis.setdefault(thesis_id, {}).setdefault(role, []).append(userid)
    extensions_by_thesis: dict[int, dict[int, datetime]] = {}
    for thesis_id, milestone_id, due_at in MilestoneExtension.objects.filter(
        thesis__campaign=campaign
    ).values_list("thesis_id", "milestone_id", "due_at"):
        extensions_by_thesis.setdefault(thesis_id, {})[milestone_id] = due_at
    milestones = list(Milestone.objects.filter(campaign=campaign).order_by("due_at", "id"))
    memberships = list(
        campaign.memberships.filter(person__moodle_user_id__isnull=False).values_list(
            "person__moodle_user_id", "role"
        )
    )
    subjects = list(
        Subject.objects.filter(campaign=campaign, state=SubjectState.PUBLISHED)
        .select_related("supervisor")
        .prefetch_related("co_supervisors")
        .annotate(taken=Count("theses", filter=~Q(theses__state=ThesisState.ABANDONED)))
        .order_by("title", "id")
    )

    enrolments: dict[int, set[int]] = {}

    def enrol(userid: int | None, role: str) -> None:
        roleid = link.moodle_role_id(role)
        if userid is not None and roleid is not None:
            enrolments.setdefault(int(userid), set()).add(roleid)

    for userid, role in memberships:
        enrol(userid, role)

    published = campaign.allocation_published_at is not None
    deposit_milestones = [m for m in milestones if m.kind in DEPOSIT_KINDS]
    other_milestones = [m for m in milestones if m.kind not in DEPOSIT_KINDS]
    groups, sections, assignments, events, extensions = [], [], [], [], []

    for milestone in other_milestones:
        if milestone.kind == MilestoneKind.SUBJECT_CHOICE:
            events.append(_event(f"campaign:{cid}/milestone:{milestone.pk}/event", milestone, ""))

    for thesis in theses:
        people = people_by_thesis.get(thesis.id, {})
        members = set()
        for role, userids in people.items():
            for userid in userids:
                enrol(userid, role)
                members.add(userid)
        abandoned = thesis.state == ThesisState.ABANDONED
        # Shown once the allocation is published, or once the work has started (a thesis a
        # coordinator created and started by hand, in a campaign without an allocation).
        shown = (published or thesis.state in STARTED_STATES) and not abandoned
        group_key = thesis_key(cid, thesis.id, "group")
        section_key = thesis_key(cid, thesis.id, "section")
        groups.append(
            DesiredGroup(
                key=group_key,
                # Group names are unique in a course: the thesis id keeps them apart.
                name=f"{thesis.title[: GROUP_NAME_LENGTH - 16]} [{thesis.id}]",
                members=tuple(sorted(members)),
            )
        )
        sections.append(
            DesiredSection(
                key=section_key,
                name=thesis.title[:255],
                summary=sanitize_html(thesis.subject__description or ""),
                visible=shown,
                groupkey=group_key,
            )
        )
        extension_by_milestone = extensions_by_thesis.get(thesis.id, {})
        student_ids = people.get("student", [])
        for milestone in deposit_milestones:
            key = thesis_key(cid, thesis.id, f"milestone:{milestone.pk}/assignment")
            assignments.append(
                DesiredAssignment(
                    key=key,
                    sectionkey=section_key,
                    name=milestone.title[:255],
                    intro=sanitize_html(milestone.description),
                    allowsubmissionsfromdate=_unix(milestone.opens_at),
                    duedate=_unix(milestone.due_at),
                )
            )
            extension = extension_by_milestone.get(milestone.pk)
            if extension is not None:
                extensions += [
                    DesiredExtension(key, userid, _unix(extension)) for userid in student_ids
                ]
        if not abandoned:
            for milestone in other_milestones:
                if milestone.kind != MilestoneKind.SUBJECT_CHOICE:
                    key = thesis_key(cid, thesis.id, f"milestone:{milestone.pk}/event")
                    events.append(_event(key, milestone, group_key))

    desired_subjects = [
        DesiredSubject(
            key=f"campaign:{cid}/subject:{subject.pk}",
            title=subject.title[:255],
            description=sanitize_html(subject.description),
            supervisors=", ".join(
                p.full_name
                for p in [subject.supervisor, *subject.co_supervisors.all()]
                if p is not None
            ),
            keywords=subject.keywords,
            placesleft=max(0, subject.capacity - subject.taken),
            sortorder=index,
        )
        for index, subject in enumerate(subjects)
    ]
    return DesiredState(
        courseid=link.courseid,
        key_prefix=campaign_prefix(cid),
        enrolments={userid: frozenset(roles) for userid, roles in enrolments.items()},
        groups=tuple(groups),
        sections=tuple(sections),
        assignments=tuple(assignments),
        events=tuple(events),
        subjects=tuple(desired_subjects),
        extensions=tuple(extensions),
        files=guideline_files(campaign),
    )


def _event(key: str, milestone: Milestone, groupkey: str) -> DesiredEvent:
    if milestone.opens_at is not None and milestone.opens_at < milestone.due_at:
        start = _unix(milestone.opens_at)
        duration = _unix(milestone.due_at) - start
    else:
        start, duration = _unix(milestone.due_at), 0
    return DesiredEvent(
        key=key,
        name=milestone.title[:255],
        description=sanitize_html(milestone.description),
        timestart=start,
        timeduration=duration,
        groupkey=groupkey,
    )
