"""Writes on subjects: proposals and every transition of the subject state machine.

The state machine is in subjects/workflow.py; who may trigger what is in
core/permissions.py. Each service here checks both, changes the row under a lock, records
an audit event and, when Moodle shows the change, tells the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thesisdesk.campaigns.models import Campaign, Membership, Role
from thesisdesk.core import outbox
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from thesisdesk.core.html import sanitize_html
from thesisdesk.core.permissions import (
    Action,
    Actor,
    allowed,
    campaign_roles,
    is_admin,
    person_of,
    require,
)
from thesisdesk.people.models import Person
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.subjects.workflow import TRANSITIONS

TITLE_MAX = 300
EDITABLE_FIELDS = (
    "title",
    "description",
    "keywords",
    "capacity",
    "min_students",
    "supervisor",
    "co_supervisors",
)


def normalize_keywords(value: str | Iterable[str]) -> str:
    """'IA;  vision , ia' → 'IA, vision' (order kept, case-insensitive duplicates dropped)."""
    words = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    seen: set[str] = set()
    kept = []
    for word in words:
        word = " ".join(str(word).split())
        if word and word.lower() not in seen:
            seen.add(word.lower())
            kept.append(word)
    return ", ".join(kept)[:500]


def _has_role(person: Person, campaign: Campaign, roles: set[str]) -> bool:
    return Membership.objects.filter(person=person, campaign=campaign, role__in=roles).exists()


def _clean_values(
    values: dict[str, Any], *, campaign: Campaign, current: Subject | None
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    if "title" in cleaned:
        cleaned["title"] = " ".join((cleaned["title"] or "").split())
        if not cleaned["title"]:
            errors.setdefault("title", []).append(_("This field is required."))
        elif len(cleaned["title"]) > TITLE_MAX:
            errors.setdefault("title", []).append(
                _("Keep the title under %(max)d characters.") % {"max": TITLE_MAX}
            )
    if "description" in cleaned:
        cleaned["description"] = sanitize_html(cleaned["description"] or "")
    if "keywords" in cleaned:
        cleaned["keywords"] = normalize_keywords(cleaned["keywords"] or "")
    for name in ("capacity", "min_students"):
        if name in cleaned and cleaned[name] is not None:
            try:
                cleaned[name] = int(cleaned[name])
                if cleaned[name] < 1:
                    raise ValueError
            except (TypeError, ValueError):
                errors.setdefault(name, []).append(_("Enter a whole number of at least 1."))
    capacity = cleaned.get("capacity", current.capacity if current else None)
    min_students = cleaned.get("min_students", current.min_students if current else None)
    if (
        "capacity" not in errors
        and "min_students" not in errors
        and isinstance(capacity, int)
        and isinstance(min_students, int)
        and min_students > capacity
    ):
        errors.setdefault("min_students", []).append(
            _("The minimum cannot be above the capacity (%(capacity)d).") % {"capacity": capacity}
        )
    supervisor = cleaned.get("supervisor")
    if supervisor is not None and not _has_role(supervisor, campaign, {Role.SUPERVISOR}):
        errors.setdefault("supervisor", []).append(
            _("%(person)s is not a supervisor of this campaign.") % {"person": supervisor}
        )
    for person in cleaned.get("co_supervisors") or ():
        if not _has_role(person, campaign, {Role.SUPERVISOR, Role.CO_SUPERVISOR}):
            errors.setdefault("co_supervisors", []).append(
                _("%(person)s is neither a supervisor nor a co-supervisor of this campaign.")
                % {"person": person}
            )
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors=errors)
    return cleaned


def subject_propose(
    *,
    actor: Actor,
    campaign: Campaign,
    title: str,
    description: str = "",
    keywords: str | Iterable[str] = "",
    capacity: int | None = None,
    min_students: int | None = None,
    supervisor: Person | None = None,
    co_supervisors: Iterable[Person] = (),
) -> Subject:
    """A supervisor (or co-supervisor, or coordinator) proposes a subject: state `proposed`.

    A supervisor proposing becomes the subject's supervisor. A co-supervisor or a
    coordinator names the supervisor; a co-supervisor proposing is added as co-supervisor.
    """
    require(actor, Action.SUBJECT_PROPOSE, campaign)
    proposer = person_of(actor)
    co_supervisors = list(co_supervisors)
    roles = campaign_roles(actor, campaign.pk)
    may_name_anyone = actor is None or is_admin(actor) or "coordinator" in roles
    if not may_name_anyone:
        assert proposer is not None  # guaranteed by the permission check
        if "supervisor" in roles:
            if supervisor is not None and supervisor.pk != proposer.pk:
                raise NotAllowed(_("A supervisor proposes subjects in their own name."))
            supervisor = proposer
        elif proposer not in co_supervisors:
            co_supervisors.append(proposer)
    if supervisor is None:
        raise ValidationFailed(
            _("Name the subject's supervisor."),
            errors={"supervisor": [_("This field is required.")]},
        )
    values = _clean_values(
        {
            "title": title,
            "description": description,
            "keywords": keywords,
            "capacity": capacity if capacity is not None else campaign.default_subject_capacity,
            "min_students": min_students,
            "supervisor": supervisor,
            "co_supervisors": co_supervisors,
        },
        campaign=campaign,
        current=None,
    )
    co = values.pop("co_supervisors")
    with transaction.atomic():
        subject = Subject.objects.create(
            campaign=campaign, proposed_by=proposer, state=SubjectState.PROPOSED, **values
        )
        if co:
            subject.co_supervisors.set([p for p in co if p.pk != supervisor.pk])
        audit_record(actor=actor, action="subject.propose", target=subject)
    return subject


def subject_propose_by_student(
    *,
    actor: Actor,
    campaign: Campaign,
    title: str,
    description: str = "",
    keywords: str | Iterable[str] = "",
    supervisor: Person | None = None,
) -> Subject:
    """A student proposes their own subject, optionally addressed to one supervisor.

    It must be accepted by a supervisor (`subject_accept`) before a coordinator can
    approve it.
    """
    require(actor, Action.SUBJECT_PROPOSE_BY_STUDENT, campaign)
    proposer = person_of(actor)
    values = _clean_values(
        {
            "title": title,
            "description": description,
            "keywords": keywords,
            "capacity": 1,
            "supervisor": supervisor,
        },
        campaign=campaign,
        current=None,
    )
    with transaction.atomic():
        subject = Subject.objects.create(
            campaign=campaign,
            proposed_by=proposer,
            state=SubjectState.PROPOSED_BY_STUDENT,
            **values,
        )
        audit_record(actor=actor, action="subject.propose_by_student", target=subject)
    return subject


def _locked(subject: Subject) -> Subject:
    return Subject.objects.select_for_update().get(pk=subject.pk)


def _check_transition(actor: Actor, subject: Subject, action: Action) -> None:
    sources, _target = TRANSITIONS[action]
    if subject.state not in sources:
        raise InvalidTransition(
            _("This subject is %(state)s: it cannot be %(action)s now.")
            % {
                "state": subject.get_state_display().lower(),
                "action": _ACTION_LABELS.get(action, str(action)),
            }
        )
    require(actor, action, subject)


_ACTION_LABELS = {
    Action.SUBJECT_ACCEPT: gettext_lazy("accepted"),
    Action.SUBJECT_APPROVE: gettext_lazy("approved"),
    Action.SUBJECT_REJECT: gettext_lazy("rejected"),
    Action.SUBJECT_RESUBMIT: gettext_lazy("resubmitted"),
    Action.SUBJECT_PUBLISH: gettext_lazy("published"),
    Action.SUBJECT_WITHDRAW: gettext_lazy("withdrawn"),
    Action.SUBJECT_UPDATE: gettext_lazy("changed"),
}


def _apply(
    *,
    actor: Actor,
    subject: Subject,
    action: Action,
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> Subject:
    """Check and apply one transition under a row lock; returns the updated subject."""
    with transaction.atomic():
        locked = _locked(subject)
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
            data={"from": previous, "to": locked.state},
        )
        if SubjectState.PUBLISHED in {previous, locked.state}:
            outbox.campaign_changed(locked.campaign_id, reason=str(action))
    return locked


def subject_accept(*, actor: Actor, subject: Subject) -> Subject:
    """A supervisor accepts a student's proposal and becomes its supervisor."""
    person = person_of(actor)
    changes: dict[str, Any] = {}
    if subject.supervisor_id is None and person is not None:
        changes["supervisor"] = person
    return _apply(actor=actor, subject=subject, action=Action.SUBJECT_ACCEPT, changes=changes)


def subject_approve(*, actor: Actor, subject: Subject) -> Subject:
    from thesisdesk.notifications.services import notify_subject_decision

    approved = _apply(
        actor=actor,
        subject=subject,
        action=Action.SUBJECT_APPROVE,
        changes={"approved_at": timezone.now(), "rejection_reason": ""},
    )
    notify_subject_decision(subject_id=approved.pk, approved=True)
    return approved


def _required_reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Give a reason: the people concerned will read it (%(what)s).") % {"what": what},
            errors={"reason": [_("This field is required.")]},
        )
    return reason


def subject_reject(*, actor: Actor, subject: Subject, reason: str) -> Subject:
    """A coordinator rejects a proposal, or a supervisor declines a student's proposal."""
    from thesisdesk.notifications.services import notify_subject_decision

    reason = _required_reason(reason, _("rejection"))
    rejected = _apply(
        actor=actor,
        subject=subject,
        action=Action.SUBJECT_REJECT,
        reason=reason,
        changes={"rejection_reason": reason},
    )
    notify_subject_decision(subject_id=rejected.pk, approved=False)
    return rejected


def subject_resubmit(*, actor: Actor, subject: Subject) -> Subject:
    """Send a rejected subject back to the state it was rejected from (after changing it)."""
    from thesisdesk.core.models import AuditEvent

    with transaction.atomic():
        locked = _locked(subject)
        _check_transition(actor, locked, Action.SUBJECT_RESUBMIT)
        rejection = (
            AuditEvent.objects.for_object(locked).filter(action=Action.SUBJECT_REJECT).first()
        )
        target = SubjectState.PROPOSED
        if rejection is not None and rejection.data.get("from") == SubjectState.PROPOSED_BY_STUDENT:
            target = SubjectState.PROPOSED_BY_STUDENT
        previous = locked.state
        locked.state = target
        locked.save()
        audit_record(
            actor=actor,
            action=str(Action.SUBJECT_RESUBMIT),
            target=locked,
            data={"from": previous, "to": target},
        )
    return locked


def subject_publish(*, actor: Actor, subject: Subject) -> Subject:
    return _apply(
        actor=actor,
        subject=subject,
        action=Action.SUBJECT_PUBLISH,
        changes={"published_at": timezone.now()},
    )


def subject_withdraw(*, actor: Actor, subject: Subject, reason: str) -> Subject:
    reason = _required_reason(reason, _("withdrawal"))
    return _apply(
        actor=actor,
        subject=subject,
        action=Action.SUBJECT_WITHDRAW,
        reason=reason,
        changes={"withdrawal_reason": reason},
    )


def subject_update(*, actor: Actor, subject: Subject, **fields: Any) -> Subject:
    """Change a subject's text, keywords, capacity or people.

    Its supervisor or proposer may edit it until it is published; a coordinator at any
    time (but only a coordinator may change the supervisor).
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            errors={name: [_("Unknown field.")] for name in unknown},
        )
    with transaction.atomic():
        locked = _locked(subject)
        _check_transition(actor, locked, Action.SUBJECT_UPDATE)
        if (
            "supervisor" in fields
            and getattr(fields["supervisor"], "pk", None) != locked.supervisor_id
            and not allowed(actor, Action.SUBJECT_APPROVE, locked)
        ):
            raise NotAllowed(_("Only a coordinator may change a subject's supervisor."))
        values = _clean_values(fields, campaign=locked.campaign, current=locked)
        co = values.pop("co_supervisors", None)
        changed: dict[str, Any] = {}
        for name, value in values.items():
            old = getattr(locked, name)
            if old != value:
                changed[name] = [str(old), str(value)]
                setattr(locked, name, value)
        if co is not None:
            old_ids = sorted(locked.co_supervisors.values_list("pk", flat=True))
            new_ids = sorted(p.pk for p in co if p.pk != locked.supervisor_id)
            if old_ids != new_ids:
                locked.co_supervisors.set(new_ids)
                changed["co_supervisors"] = [old_ids, new_ids]
        if changed:
            locked.save()
            audit_record(actor=actor, action="subject.update", target=locked, data=changed)
            if locked.state == SubjectState.PUBLISHED:
                outbox.campaign_changed(locked.campaign_id, reason="subject.update")
    return locked
