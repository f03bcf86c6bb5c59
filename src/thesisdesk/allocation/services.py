"""Writes for the allocation: rankings, partners, constraints, runs, moves, publication.

Each service checks permission (allocation/policy.py), owns its transaction, raises a
`DomainError` a person can act on, and records an audit event.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.allocation import selectors
from thesisdesk.allocation.models import (
    AllocationForbidden,
    AllocationLock,
    AllocationMove,
    AllocationRun,
    PartnerRequest,
    Preference,
)
from thesisdesk.allocation.policy import require_manage, require_rank
from thesisdesk.allocation.selectors import key_id, student_key, subject_key
from thesisdesk.allocation.solver import (
    OBJECTIVES,
    InfeasibleError,
    InstanceError,
    solve,
    summarize,
)
from thesisdesk.allocation.solver.check import check_assignment
from thesisdesk.allocation.solver.explain import explain
from thesisdesk.allocation.solver.jsonio import instance_from_dict, result_to_dict
from thesisdesk.campaigns.models import Campaign, Membership, Role
from thesisdesk.core import outbox
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import InvalidTransition, ValidationFailed
from thesisdesk.core.permissions import Actor, person_of
from thesisdesk.milestones.models import Milestone, MilestoneKind
from thesisdesk.people.models import Person
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.theses.models import Thesis


def _is_student(campaign: Campaign, person: Person) -> bool:
    return Membership.objects.filter(campaign=campaign, person=person, role=Role.STUDENT).exists()


def _require_unpublished(campaign: Campaign) -> None:
    if campaign.allocation_published_at is not None:
        raise InvalidTransition(_("The allocation of this campaign is already published."))


# Students ------------------------------------------------------------------------------


def preferences_set(
    *, actor: Actor, campaign: Campaign, subjects: Sequence[Subject]
) -> list[Preference]:
    """Replace the acting student's ranking with `subjects`, first choice first."""
    require_rank(actor, campaign)
    student = person_of(actor)
    assert student is not None
    window = selectors.choice_window(campaign)
    if not window.is_open:
        raise InvalidTransition(window.message)
    errors: list[str] = []
    if len(subjects) > campaign.choices_per_student:
        errors.append(
            _("Rank at most %(count)d subjects.") % {"count": campaign.choices_per_student}
        )
    seen: set[int] = set()
    for subject in subjects:
        if subject.pk in seen:
            errors.append(_("“%(title)s” is ranked twice.") % {"title": subject.title})
        seen.add(subject.pk)
        if subject.campaign_id != campaign.pk or subject.state != SubjectState.PUBLISHED:
            errors.append(
                _("“%(title)s” is not a published subject of this campaign.")
                % {"title": subject.title}
            )
    if errors:
        raise ValidationFailed(_("The ranking was not saved."), errors={"ranking": errors})
    with transaction.atomic():
        Preference.objects.filter(campaign=campaign, student=student).delete()
        rows = Preference.objects.bulk_create(
            Preference(campaign=campaign, student=student, subject=subject, rank=rank)
            for rank, subject in enumerate(subjects, start=1)
        )
        audit_record(
            actor=actor,
            action="allocation.rank",
            target=campaign,
            data={"subjects": [s.pk for s in subjects]},
        )
    return rows


def partner_request(*, actor: Actor, campaign: Campaign, partner: Person) -> PartnerRequest:
    """Ask `partner` to work as a pair; they must confirm."""
    require_rank(actor, campaign)
    student = person_of(actor)
    assert student is not None
    window = selectors.choice_window(campaign)
    if not window.is_open:
        raise InvalidTransition(window.message)
    if partner.pk == student.pk:
        raise ValidationFailed(_("Choose another student as partner."))
    if not _is_student(campaign, partner):
        raise ValidationFailed(_("Your partner must be a student of this campaign."))
    for person in (student, partner):
        if selectors.confirmed_partner(campaign=campaign, student=person) is not None:
            raise InvalidTransition(
                _("%(name)s already has a confirmed partner.") % {"name": person.full_name}
            )
    with transaction.atomic():
        PartnerRequest.objects.filter(campaign=campaign, requester=student).delete()
        request = PartnerRequest.objects.create(
            campaign=campaign, requester=student, partner=partner
        )
        audit_record(actor=actor, action="allocation.partner_request", target=request)
    return request


def partner_confirm(*, actor: Actor, request: PartnerRequest) -> PartnerRequest:
    """The asked student confirms: the two are now assigned together."""
    campaign = request.campaign
    require_rank(actor, campaign)
    student = person_of(actor)
    if student is None or request.partner_id != student.pk:
        raise ValidationFailed(_("Only the student who was asked can confirm."))
    window = selectors.choice_window(campaign)
    if not window.is_open:
        raise InvalidTransition(window.message)
    if request.confirmed_at is not None:
        return request
    for person in (request.requester, request.partner):
        if selectors.confirmed_partner(campaign=campaign, student=person) is not None:
            raise InvalidTransition(
                _("%(name)s already has a confirmed partner.") % {"name": person.full_name}
            )
    with transaction.atomic():
        request.confirmed_at = timezone.now()
        request.save(update_fields=["confirmed_at"])
        # Any other open request from or to either student is now moot.
        PartnerRequest.objects.filter(campaign=campaign, confirmed_at__isnull=True).filter(
            requester__in=[request.requester, request.partner]
        ).delete()
        audit_record(actor=actor, action="allocation.partner_confirm", target=request)
    return request


def partner_cancel(*, actor: Actor, request: PartnerRequest) -> None:
    """Either student withdraws the request or breaks the pair (while choices are open)."""
    campaign = request.campaign
    require_rank(actor, campaign)
    student = person_of(actor)
    if student is None or student.pk not in {request.requester_id, request.partner_id}:
        raise ValidationFailed(_("This is not your partner request."))
    window = selectors.choice_window(campaign)
    if not window.is_open:
        raise InvalidTransition(window.message)
    with transaction.atomic():
        audit_record(actor=actor, action="allocation.partner_cancel", target=request)
        request.delete()


# Coordinators --------------------------------------------------------------------------


def choices_open(
    *, actor: Actor, campaign: Campaign, due_at: datetime, opens_at: datetime | None = None
) -> Milestone:
    """Open the students' choices until `due_at` (the subject-choice milestone)."""
    require_manage(actor, campaign)
    _require_unpublished(campaign)
    if due_at <= timezone.now():
        raise ValidationFailed(
            _("The closing date must be in the future."), errors={"due_at": [_("In the past.")]}
        )
    milestone = (
        Milestone.objects.filter(campaign=campaign, kind=MilestoneKind.SUBJECT_CHOICE)
        .order_by("-due_at")
        .first()
    )
    with transaction.atomic():
        if milestone is None:
            milestone = Milestone.objects.create(
                campaign=campaign,
                kind=MilestoneKind.SUBJECT_CHOICE,
                title=_("Subject choice"),
                opens_at=opens_at or timezone.now(),
                due_at=due_at,
            )
        else:
            milestone.opens_at = opens_at or timezone.now()
            milestone.due_at = due_at
            milestone.save(update_fields=["opens_at", "due_at", "updated_at"])
        audit_record(
            actor=actor,
            action="allocation.choices_open",
            target=milestone,
            data={"due_at": due_at.isoformat()},
        )
        outbox.campaign_changed(campaign.pk, reason="allocation.choices_open")
    return milestone


def choices_close(*, actor: Actor, campaign: Campaign) -> Milestone | None:
    """Close the choices now (the subject-choice milestone becomes due)."""
    require_manage(actor, campaign)
    window = selectors.choice_window(campaign)
    if window.milestone is None or not window.is_open:
        return window.milestone
    milestone = window.milestone
    with transaction.atomic():
        milestone.due_at = timezone.now()
        milestone.save(update_fields=["due_at", "updated_at"])
        audit_record(actor=actor, action="allocation.choices_close", target=milestone)
        outbox.campaign_changed(campaign.pk, reason="allocation.choices_close")
    return milestone


def _check_pair(campaign: Campaign, student: Person, subject: Subject) -> None:
    errors: dict[str, list[str]] = {}
    if not _is_student(campaign, student):
        errors["student"] = [_("Not a student of this campaign.")]
    if subject.campaign_id != campaign.pk or subject.state != SubjectState.PUBLISHED:
        errors["subject"] = [_("Not a published subject of this campaign.")]
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors=errors)


def _require_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationFailed(
            _("Give a reason."), errors={"reason": [_("This field is required.")]}
        )
    return reason


def lock_add(
    *, actor: Actor, campaign: Campaign, student: Person, subject: Subject, reason: str
) -> AllocationLock:
    """Pre-assign `student` to `subject`: every run will keep it."""
    require_manage(actor, campaign)
    _require_unpublished(campaign)
    reason = _require_reason(reason)
    _check_pair(campaign, student, subject)
    if AllocationForbidden.objects.filter(
        campaign=campaign, student=student, subject=subject
    ).exists():
        raise ValidationFailed(_("This student is forbidden from this subject; remove that first."))
    with transaction.atomic():
        lock, _created = AllocationLock.objects.update_or_create(
            campaign=campaign,
            student=student,
            defaults={"subject": subject, "reason": reason, "created_by": _user(actor)},
        )
        audit_record(
            actor=actor,
            action="allocation.lock",
            target=lock,
            reason=reason,
            data={"student": student.pk, "subject": subject.pk},
        )
    return lock


def lock_remove(*, actor: Actor, lock: AllocationLock) -> None:
    require_manage(actor, lock.campaign)
    _require_unpublished(lock.campaign)
    with transaction.atomic():
        audit_record(actor=actor, action="allocation.unlock", target=lock)
        lock.delete()


def forbidden_add(
    *, actor: Actor, campaign: Campaign, student: Person, subject: Subject, reason: str
) -> AllocationForbidden:
    """Never place `student` on `subject` (e.g. a conflict of interest)."""
    require_manage(actor, campaign)
    _require_unpublished(campaign)
    reason = _require_reason(reason)
    _check_pair(campaign, student, subject)
    if AllocationLock.objects.filter(campaign=campaign, student=student, subject=subject).exists():
        raise ValidationFailed(_("This student is locked to this subject; remove the lock first."))
    with transaction.atomic():
        row, _created = AllocationForbidden.objects.update_or_create(
            campaign=campaign,
            student=student,
            subject=subject,
            defaults={"reason": reason, "created_by": _user(actor)},
        )
        audit_record(
            actor=actor,
            action="allocation.forbid",
            target=row,
            reason=reason,
            data={"student": student.pk, "subject": subject.pk},
        )
    return row


def forbidden_remove(*, actor: Actor, forbidden: AllocationForbidden) -> None:
    require_manage(actor, forbidden.campaign)
    _require_unpublished(forbidden.campaign)
    with transaction.atomic():
        audit_record(actor=actor, action="allocation.unforbid", target=forbidden)
        forbidden.delete()


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def allocation_run(
    *,
    actor: Actor,
    campaign: Campaign,
    objective: str = "min_rank_sum",
    seed: int | None = None,
) -> AllocationRun:
    """Solve the campaign's allocation now and keep the run (inputs, result, reasons)."""
    require_manage(actor, campaign)
    _require_unpublished(campaign)
    if objective not in OBJECTIVES:
        raise ValidationFailed(_("Unknown objective."), errors={"objective": [objective]})
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    data = selectors.build_instance(campaign, objective=objective, seed=seed)
    try:
        instance = instance_from_dict(data)
        result = solve(instance)
    except InfeasibleError as error:
        raise ValidationFailed(
            _("No allocation satisfies the constraints: %(reason)s")
            % {"reason": _describe(error.message)}
        ) from None
    except InstanceError as error:
        raise ValidationFailed(
            _("The allocation input is invalid: %(reason)s") % {"reason": _describe(error.message)}
        ) from None
    with transaction.atomic():
        run = AllocationRun.objects.create(
            campaign=campaign,
            created_by=_user(actor),
            objective=objective,
            seed=seed,
            assign_unranked=campaign.assign_unranked,
            instance=data,
            result=result_to_dict(result) | {"method": result.method},
            explanations=explain(instance, result),
            assignments=dict(result.assignments),
            optimal=result.optimal,
            seconds=result.seconds,
            method=result.method,
        )
        audit_record(
            actor=actor,
            action="allocation.run",
            target=run,
            campaign_id=campaign.pk,
            data={
                "objective": objective,
                "seed": seed,
                "assigned": result.assigned,
                "rank_sum": result.rank_sum,
                "profile": result.profile,
            },
        )
    return run


def _describe(message: str) -> str:
    """Solver messages name items by solver id ("s12"); show names instead."""
    import re

    keys = set(re.findall(r"'([spt]\d+)'", message))
    names = selectors.names_for(keys)
    for key in keys:
        if key in names:
            message = message.replace(f"'{key}'", f"“{names[key]}”")
    return message


def allocation_move(
    *, actor: Actor, run: AllocationRun, student: Person, subject: Subject | None, reason: str
) -> AllocationMove:
    """Move `student` (and their partner) to `subject`, or leave them unassigned (None).

    The reason is required; the new proposal must keep every constraint (capacities,
    minimums, supervisors' loads, locks, forbidden pairs, partners together).
    """
    campaign = run.campaign
    require_manage(actor, campaign)
    _require_unpublished(campaign)
    if run.published_at is not None:
        raise InvalidTransition(_("This run is published."))
    reason = _require_reason(reason)
    instance = instance_from_dict(run.instance)
    skey = student_key(student.pk)
    by_id = {s.id: s for s in instance.students}
    if skey not in by_id:
        raise ValidationFailed(
            _("%(name)s was not part of this run.") % {"name": student.full_name},
            errors={"student": [_("Not in this run.")]},
        )
    target = subject_key(subject.pk) if subject is not None else None
    if target is not None and target not in {p.id for p in instance.subjects}:
        raise ValidationFailed(
            _("“%(title)s” was not a subject of this run.") % {"title": subject.title},  # type: ignore[union-attr]
            errors={"subject": [_("Not in this run.")]},
        )
    assignments = dict(run.assignments)
    before = assignments.get(skey)
    movers = [skey]
    partner = by_id[skey].partner
    if partner:
        movers.append(partner)
    for key in movers:
        if target is None:
            assignments.pop(key, None)
        else:
            assignments[key] = target
    violations = check_assignment(instance, assignments)
    if violations:
        raise ValidationFailed(
            _("This move breaks a constraint: %(list)s")
            % {"list": " ".join(_describe(v.message) for v in violations)},
            errors={"subject": [_describe(v.message) for v in violations]},
        )
    # Keep the instance's order so that results read the same after moves.
    order = [s.id for s in instance.students]
    assignments = {key: assignments[key] for key in order if key in assignments}
    result = summarize(instance, assignments)
    with transaction.atomic():
        move = AllocationMove.objects.create(
            run=run,
            student=student,
            from_subject_id=key_id(before) if before else None,
            to_subject=subject,
            reason=reason,
            created_by=_user(actor),
        )
        run.assignments = assignments
        run.explanations = explain(instance, result)
        run.save(update_fields=["assignments", "explanations"])
        audit_record(
            actor=actor,
            action="allocation.move",
            target=run,
            reason=reason,
            campaign_id=campaign.pk,
            data={"student": student.pk, "from": before, "to": target},
        )
    return move


def allocation_publish(*, actor: Actor, run: AllocationRun) -> list[Thesis]:
    """Publish `run`: one thesis per assigned student or pair, created through the thesis
    service; the campaign is marked published and Moodle follows through the outbox."""
    from thesisdesk.theses.services import thesis_create

    campaign = Campaign.objects.get(pk=run.campaign_id)
    require_manage(actor, campaign)
    _require_unpublished(campaign)
    instance = instance_from_dict(run.instance)
    violations = check_assignment(instance, run.assignments)
    if violations:
        raise ValidationFailed(
            _("This proposal breaks a constraint: %(list)s")
            % {"list": " ".join(_describe(v.message) for v in violations)}
        )
    partner_of = {s.id: s.partner for s in instance.students}
    people = {p.pk: p for p in Person.objects.filter(pk__in=[key_id(k) for k in run.assignments])}
    subjects = {
        s.pk: s
        for s in Subject.objects.filter(pk__in={key_id(v) for v in run.assignments.values()})
        .select_related("supervisor")
        .prefetch_related("co_supervisors")
    }
    theses: list[Thesis] = []
    done: set[str] = set()
    with transaction.atomic():
        locked_campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        _require_unpublished(locked_campaign)
        for skey, pkey in run.assignments.items():
            if skey in done:
                continue
            group = [skey]
            partner = partner_of.get(skey)
            if partner and run.assignments.get(partner) == pkey:
                group.append(partner)
            done.update(group)
            theses.append(
                thesis_create(
                    actor=None,  # the allocation, as system; the coordinator is audited below
                    campaign=locked_campaign,
                    students=[people[key_id(k)] for k in group],
                    subject=subjects[key_id(pkey)],
                )
            )
        now = timezone.now()
        locked_campaign.allocation_published_at = now
        locked_campaign.save(update_fields=["allocation_published_at", "updated_at"])
        run.published_at = now
        run.save(update_fields=["published_at"])
        audit_record(
            actor=actor,
            action="allocation.publish",
            target=run,
            campaign_id=campaign.pk,
            data={"theses": [t.pk for t in theses], "unassigned": run.result.get("unassigned")},
        )
        outbox.campaign_changed(campaign.pk, reason="allocation.publish")
    from thesisdesk.notifications.services import notify_allocation_published

    notify_allocation_published(thesis_ids=[t.pk for t in theses])
    campaign.allocation_published_at = locked_campaign.allocation_published_at
    return theses
