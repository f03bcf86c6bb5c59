"""Writes on theses: creation, people, and every transition of the thesis state machine.

The state machine is in theses/workflow.py; who may trigger what is in
core/permissions.py. Every change here is something Moodle shows (the thesis's group and
section), so every service tells the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.core import outbox
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import InvalidTransition, ValidationFailed
from thesisdesk.core.permissions import Action, Actor, require
from thesisdesk.people.models import Person
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.theses.models import (
    MAX_STUDENTS_PER_THESIS,
    PEOPLE_ROLES,
    Thesis,
    ThesisState,
)
from thesisdesk.theses.workflow import TRANSITIONS

TITLE_MAX = 300
GRADE_MAX = Decimal(20)


def _unique(people: Iterable[Person]) -> list[Person]:
    seen: set[int] = set()
    kept = []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            kept.append(person)
    return kept


def _check_people(
    *,
    campaign: Campaign,
    people: dict[str, list[Person]],
    thesis: Thesis | None,
    errors: dict[str, list[str]],
) -> None:
    roles: dict[int, set[str]] = {}
    everyone = {p.pk for group in people.values() for p in group}
    for person_id, role in Membership.objects.filter(
        campaign=campaign, person_id__in=everyone
    ).values_list("person_id", "role"):
        roles.setdefault(person_id, set()).add(role)
    for field, group in people.items():
        for person in group:
            if not roles.get(person.pk, set()) & PEOPLE_ROLES[field]:
                errors.setdefault(field, []).append(
                    _("%(person)s has no suitable role in this campaign (%(roles)s needed).")
                    % {"person": person, "roles": " or ".join(sorted(PEOPLE_ROLES[field]))}
                )
    students = people.get("students")
    if students is not None:
        if not 1 <= len(students) <= MAX_STUDENTS_PER_THESIS:
            errors.setdefault("students", []).append(_("A thesis has one or two students."))
        busy = (
            Thesis.objects.filter(campaign=campaign, students__in=students)
            .exclude(state=ThesisState.ABANDONED)
            .values_list("students__first_name", "students__last_name", "title", "students")
        )
        if thesis is not None:
            busy = busy.exclude(pk=thesis.pk)
        student_ids = {p.pk for p in students}
        for first, last, title, student_id in busy:
            if student_id in student_ids:
                errors.setdefault("students", []).append(
                    _("%(name)s already has a thesis in this campaign (%(title)s).")
                    % {"name": f"{first} {last}", "title": title}
                )
    if "supervisors" in people and not people["supervisors"]:
        errors.setdefault("supervisors", []).append(_("A thesis needs at least one supervisor."))


def _check_subject_capacity(
    *, subject: Subject, students: list[Person], thesis: Thesis | None
) -> list[str]:
    others = Thesis.objects.filter(subject=subject).exclude(state=ThesisState.ABANDONED)
    if thesis is not None:
        others = others.exclude(pk=thesis.pk)
    taken = sum(len(t.students.all()) for t in others.prefetch_related("students"))
    if taken + len(students) > subject.capacity:
        return [
            _("The subject takes %(capacity)d student(s) and %(taken)d place(s) are taken.")
            % {"capacity": subject.capacity, "taken": taken}
        ]
    return []


def thesis_create(
    *,
    actor: Actor,
    campaign: Campaign,
    students: Iterable[Person],
    title: str = "",
    subject: Subject | None = None,
    supervisors: Iterable[Person] | None = None,
    co_supervisors: Iterable[Person] | None = None,
    readers: Iterable[Person] = (),
) -> Thesis:
    """Create a thesis in state `proposal` (a coordinator, or the allocation as system).

    Without `supervisors`/`co_supervisors`, the subject's are used; without a title,
    the subject's title.
    """
    require(actor, Action.THESIS_CREATE, campaign)
    errors: dict[str, list[str]] = {}
    if subject is not None:
        if subject.campaign_id != campaign.pk:
            errors.setdefault("subject", []).append(_("This subject belongs to another campaign."))
        elif subject.state not in {SubjectState.APPROVED, SubjectState.PUBLISHED}:
            errors.setdefault("subject", []).append(
                _("Only an approved or published subject can be given to students.")
            )
    people = {
        "students": _unique(students),
        "supervisors": _unique(
            supervisors
            if supervisors is not None
            else ([subject.supervisor] if subject is not None and subject.supervisor else [])
        ),
        "co_supervisors": _unique(
            co_supervisors
            if co_supervisors is not None
            else (subject.co_supervisors.all() if subject is not None else [])
        ),
        "readers": _unique(readers),
    }
    title = " ".join((title or (subject.title if subject is not None else "")).split())
    if not title:
        errors.setdefault("title", []).append(_("This field is required."))
    elif len(title) > TITLE_MAX:
        errors.setdefault("title", []).append(
            _("Keep the title under %(max)d characters.") % {"max": TITLE_MAX}
        )
    _check_people(campaign=campaign, people=people, thesis=None, errors=errors)
    if subject is not None and "subject" not in errors:
        capacity_errors = _check_subject_capacity(
            subject=subject, students=people["students"], thesis=None
        )
        if capacity_errors:
            errors.setdefault("subject", []).extend(capacity_errors)
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors=errors)
    with transaction.atomic():
        thesis = Thesis.objects.create(campaign=campaign, subject=subject, title=title)
        thesis.students.set(people["students"])
        thesis.supervisors.set(people["supervisors"])
        thesis.co_supervisors.set(people["co_supervisors"])
        thesis.readers.set(people["readers"])
        audit_record(
            actor=actor,
            action="thesis.create",
            target=thesis,
            data={field: [p.pk for p in group] for field, group in people.items()},
        )
        outbox.campaign_changed(campaign.pk, reason="thesis.create")
    return thesis


def _locked(thesis: Thesis) -> Thesis:
    return Thesis.objects.select_for_update().get(pk=thesis.pk)


_ACTION_LABELS = {
    Action.THESIS_START: gettext_lazy("started"),
    Action.THESIS_DEPOSIT: gettext_lazy("deposited"),
    Action.THESIS_DEFEND: gettext_lazy("marked as defended"),
    Action.THESIS_GRADE: gettext_lazy("graded"),
    Action.THESIS_ABANDON: gettext_lazy("abandoned"),
    Action.THESIS_UPDATE: gettext_lazy("changed"),
    Action.THESIS_SET_PEOPLE: gettext_lazy("given other people"),
}


def _check_transition(actor: Actor, thesis: Thesis, action: Action) -> None:
    sources, _target = TRANSITIONS[action]
    if thesis.state not in sources:
        raise InvalidTransition(
            _("This thesis is %(state)s: it cannot be %(action)s now.")
            % {
                "state": thesis.get_state_display().lower(),
                "action": _ACTION_LABELS.get(action, str(action)),
            }
        )
    require(actor, action, thesis)


def _apply(
    *,
    actor: Actor,
    thesis: Thesis,
    action: Action,
    reason: str = "",
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> Thesis:
    with transaction.atomic():
        locked = _locked(thesis)
        _check_transition(actor, locked, action)
        previous = locked.state
        _sources, target = TRANSITIONS[action]
        if target is not None:
            locked.state = target
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        locked.save()
        audit_record(
            actor=actor,
            action=str(action),
            target=locked,
            reason=reason,
            data={"from": previous, "to": locked.state, **(data or {})},
        )
        outbox.campaign_changed(locked.campaign_id, reason=str(action))
    return locked


def thesis_start(*, actor: Actor, thesis: Thesis) -> Thesis:
    """A supervisor (or coordinator) accepts the proposal: the work starts."""
    return _apply(
        actor=actor,
        thesis=thesis,
        action=Action.THESIS_START,
        changes={"started_at": timezone.now()},
    )


def thesis_deposit(*, actor: Actor, thesis: Thesis, deposited_at: datetime | None = None) -> Thesis:
    """The final version is handed in (by a student, a coordinator, or Moodle as system)."""
    return _apply(
        actor=actor,
        thesis=thesis,
        action=Action.THESIS_DEPOSIT,
        changes={"deposited_at": deposited_at or timezone.now()},
    )


def thesis_defend(*, actor: Actor, thesis: Thesis, defended_at: datetime | None = None) -> Thesis:
    return _apply(
        actor=actor,
        thesis=thesis,
        action=Action.THESIS_DEFEND,
        changes={"defended_at": defended_at or timezone.now()},
    )


def thesis_grade(*, actor: Actor, thesis: Thesis, grade: Decimal | float | str) -> Thesis:
    try:
        value = Decimal(str(grade)).quantize(Decimal("0.01"))
        if not Decimal(0) <= value <= GRADE_MAX:
            raise InvalidOperation
    except InvalidOperation:
        raise ValidationFailed(
            _("Enter a grade between 0 and 20."),
            errors={"grade": [_("Enter a grade between 0 and 20.")]},
        ) from None
    return _apply(
        actor=actor,
        thesis=thesis,
        action=Action.THESIS_GRADE,
        changes={"grade": value, "graded_at": timezone.now()},
        data={"grade": str(value)},
    )


def thesis_abandon(*, actor: Actor, thesis: Thesis, reason: str) -> Thesis:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Say why the thesis is abandoned."),
            errors={"reason": [_("This field is required.")]},
        )
    return _apply(
        actor=actor,
        thesis=thesis,
        action=Action.THESIS_ABANDON,
        reason=reason,
        changes={"abandon_reason": reason, "abandoned_at": timezone.now()},
    )


def thesis_update(*, actor: Actor, thesis: Thesis, title: str) -> Thesis:
    title = " ".join((title or "").split())
    if not title or len(title) > TITLE_MAX:
        raise ValidationFailed(
            _("Please correct the highlighted fields."),
            errors={
                "title": [_("Enter a title of at most %(max)d characters.") % {"max": TITLE_MAX}]
            },
        )
    if title == thesis.title:
        require(actor, Action.THESIS_UPDATE, thesis)
        return thesis
    return _apply(
        actor=actor,
        thesis=thesis,
        action=Action.THESIS_UPDATE,
        changes={"title": title},
        data={"title": [thesis.title, title]},
    )


def thesis_set_people(
    *,
    actor: Actor,
    thesis: Thesis,
    students: Iterable[Person] | None = None,
    supervisors: Iterable[Person] | None = None,
    co_supervisors: Iterable[Person] | None = None,
    readers: Iterable[Person] | None = None,
) -> Thesis:
    """Replace the given groups of people on a thesis (a coordinator). None keeps a group."""
    given = {
        "students": students,
        "supervisors": supervisors,
        "co_supervisors": co_supervisors,
        "readers": readers,
    }
    people = {field: _unique(group) for field, group in given.items() if group is not None}
    with transaction.atomic():
        locked = _locked(thesis)
        _check_transition(actor, locked, Action.THESIS_SET_PEOPLE)
        errors: dict[str, list[str]] = {}
        _check_people(campaign=locked.campaign, people=people, thesis=locked, errors=errors)
        if locked.subject is not None and "students" in people:
            capacity_errors = _check_subject_capacity(
                subject=locked.subject, students=people["students"], thesis=locked
            )
            if capacity_errors:
                errors.setdefault("students", []).extend(capacity_errors)
        if errors:
            raise ValidationFailed(_("Please correct the highlighted fields."), errors=errors)
        changed = {}
        for field, group in people.items():
            manager = getattr(locked, field)
            old_ids = sorted(manager.values_list("pk", flat=True))
            new_ids = sorted(p.pk for p in group)
            if old_ids != new_ids:
                manager.set(group)
                changed[field] = [old_ids, new_ids]
        if changed:
            locked.save(update_fields=["updated_at"])
            audit_record(actor=actor, action="thesis.set_people", target=locked, data=changed)
            outbox.campaign_changed(locked.campaign_id, reason="thesis.set_people")
    return locked


def thesis_edit(
    *,
    actor: Actor,
    thesis: Thesis,
    title: str | None = None,
    students: Iterable[Person] | None = None,
    supervisors: Iterable[Person] | None = None,
    co_supervisors: Iterable[Person] | None = None,
    readers: Iterable[Person] | None = None,
) -> Thesis:
    """Change a thesis's title and/or people in one go: all of it, or nothing.

    None leaves a part as it is; each part keeps its own rule (thesis_update,
    thesis_set_people).
    """
    with transaction.atomic():
        if title is not None:
            thesis = thesis_update(actor=actor, thesis=thesis, title=title)
        groups = {
            "students": students,
            "supervisors": supervisors,
            "co_supervisors": co_supervisors,
            "readers": readers,
        }
        if any(group is not None for group in groups.values()):
            thesis = thesis_set_people(actor=actor, thesis=thesis, **groups)
    return thesis
