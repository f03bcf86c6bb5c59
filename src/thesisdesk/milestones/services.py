"""Writes on milestones and per-thesis extensions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core import outbox
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import ValidationFailed
from thesisdesk.core.permissions import Action, Actor, require
from thesisdesk.milestones.models import Milestone, MilestoneExtension, MilestoneKind
from thesisdesk.people.models import User
from thesisdesk.theses.models import Thesis

MILESTONE_FIELDS = ("kind", "title", "description", "opens_at", "due_at")


def _clean_milestone_values(values: dict[str, Any], *, current: Milestone | None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    if "kind" in cleaned and cleaned["kind"] not in MilestoneKind.values:
        errors.setdefault("kind", []).append(
            _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(MilestoneKind.values)}
        )
    if "title" in cleaned:
        cleaned["title"] = (cleaned["title"] or "").strip()
        if not cleaned["title"]:
            errors.setdefault("title", []).append(_("This field is required."))
    if "description" in cleaned:
        cleaned["description"] = (cleaned["description"] or "").strip()
    for name in ("opens_at", "due_at"):
        value = cleaned.get(name)
        if value is None:
            if name == "due_at" and name in cleaned:
                errors.setdefault(name, []).append(_("This field is required."))
            continue
        if not isinstance(value, datetime):
            errors.setdefault(name, []).append(_("Enter a date and time."))
        elif timezone.is_naive(value):
            # Naive values are Brussels time, as everywhere in the interface.
            cleaned[name] = timezone.make_aware(value)
    opens_at = cleaned.get("opens_at", current.opens_at if current else None)
    due_at = cleaned.get("due_at", current.due_at if current else None)
    if (
        "opens_at" not in errors
        and "due_at" not in errors
        and isinstance(opens_at, datetime)
        and isinstance(due_at, datetime)
        and opens_at >= due_at
    ):
        errors.setdefault("opens_at", []).append(_("The opening must come before the due date."))
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors=errors)
    return cleaned


def milestone_create(
    *,
    actor: Actor,
    campaign: Campaign,
    kind: str,
    title: str,
    due_at: datetime,
    description: str = "",
    opens_at: datetime | None = None,
) -> Milestone:
    require(actor, Action.MILESTONE_MANAGE, campaign)
    values = _clean_milestone_values(
        {
            "kind": kind,
            "title": title,
            "due_at": due_at,
            "description": description,
            "opens_at": opens_at,
        },
        current=None,
    )
    with transaction.atomic():
        milestone = Milestone.objects.create(campaign=campaign, **values)
        audit_record(
            actor=actor,
            action="milestone.create",
            target=milestone,
            data={"due_at": milestone.due_at.isoformat()},
        )
        outbox.campaign_changed(campaign.pk, reason="milestone.create")
    return milestone


def milestone_update(*, actor: Actor, milestone: Milestone, **fields: Any) -> Milestone:
    require(actor, Action.MILESTONE_MANAGE, milestone)
    unknown = set(fields) - set(MILESTONE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            errors={name: [_("Unknown field.")] for name in unknown},
        )
    values = _clean_milestone_values(fields, current=milestone)
    with transaction.atomic():
        changed = {}
        for name, value in values.items():
            old = getattr(milestone, name)
            if old != value:
                changed[name] = [
                    old.isoformat() if isinstance(old, datetime) else str(old),
                    value.isoformat() if isinstance(value, datetime) else str(value),
                ]
                setattr(milestone, name, value)
        if changed:
            milestone.save()
            audit_record(actor=actor, action="milestone.update", target=milestone, data=changed)
            outbox.campaign_changed(milestone.campaign_id, reason="milestone.update")
    return milestone


def milestone_delete(*, actor: Actor, milestone: Milestone, reason: str = "") -> None:
    require(actor, Action.MILESTONE_MANAGE, milestone)
    with transaction.atomic():
        audit_record(actor=actor, action="milestone.delete", target=milestone, reason=reason)
        campaign_id = milestone.campaign_id
        milestone.delete()
        outbox.campaign_changed(campaign_id, reason="milestone.delete")


def milestone_extend(
    *,
    actor: Actor,
    milestone: Milestone,
    thesis: Thesis,
    due_at: datetime,
    reason: str,
) -> MilestoneExtension:
    """Give one thesis a later deadline on one milestone (replacing any earlier extension)."""
    require(actor, Action.MILESTONE_EXTEND, thesis)
    errors: dict[str, list[str]] = {}
    if thesis.campaign_id != milestone.campaign_id:
        errors["thesis"] = [_("This thesis belongs to another campaign.")]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Say why the deadline is extended.")]
    if not isinstance(due_at, datetime):
        errors["due_at"] = [_("Enter a date and time.")]
    else:
        if timezone.is_naive(due_at):
            due_at = timezone.make_aware(due_at)
        if due_at <= milestone.due_at:
            errors["due_at"] = [_("An extension must end after the milestone's due date.")]
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors=errors)
    with transaction.atomic():
        extension, _created = MilestoneExtension.objects.update_or_create(
            milestone=milestone,
            thesis=thesis,
            defaults={
                "due_at": due_at,
                "reason": reason,
                "granted_by": actor if isinstance(actor, User) else None,
            },
        )
        audit_record(
            actor=actor,
            action="milestone.extend",
            target=thesis,
            reason=reason,
            data={"milestone": milestone.pk, "due_at": due_at.isoformat()},
        )
        outbox.campaign_changed(milestone.campaign_id, reason="milestone.extend")
    return extension
