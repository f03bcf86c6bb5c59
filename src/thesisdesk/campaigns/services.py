"""Writes on campaigns and memberships."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign, Membership, Role
from thesisdesk.core import outbox
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import ValidationFailed
from thesisdesk.core.permissions import Action, Actor, forget_roles, require
from thesisdesk.people.models import Person

RULE_FIELDS = (
    "choices_per_student",
    "default_subject_capacity",
    "supervisor_max_load",
    "co_supervision_weight",
    "assign_unranked",
)
CAMPAIGN_FIELDS = ("name", "programme", "academic_year", "is_archived", *RULE_FIELDS)
ACADEMIC_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def _clean_campaign_values(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for name in ("name", "programme"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
            if not cleaned[name]:
                errors.setdefault(name, []).append(_("This field is required."))
    if "academic_year" in cleaned:
        match = ACADEMIC_YEAR.match((cleaned["academic_year"] or "").strip())
        if not match or int(match[2]) != int(match[1]) + 1:
            errors.setdefault("academic_year", []).append(
                _("Write the academic year as two consecutive years, e.g. 2026-2027.")
            )
        else:
            cleaned["academic_year"] = match[0]
    for name in ("choices_per_student", "default_subject_capacity", "supervisor_max_load"):
        if name in cleaned:
            try:
                cleaned[name] = int(cleaned[name])
                if cleaned[name] < 1:
                    raise ValueError
            except (TypeError, ValueError):
                errors.setdefault(name, []).append(_("Enter a whole number of at least 1."))
    if "co_supervision_weight" in cleaned:
        try:
            weight = Decimal(str(cleaned["co_supervision_weight"]))
            if not Decimal(0) <= weight <= Decimal(1):
                raise InvalidOperation
            cleaned["co_supervision_weight"] = weight.quantize(Decimal("0.01"))
        except InvalidOperation:
            errors.setdefault("co_supervision_weight", []).append(
                _("Enter a number between 0 and 1, e.g. 0.5.")
            )
    for name in ("assign_unranked", "is_archived"):
        if name in cleaned:
            cleaned[name] = bool(cleaned[name])
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors=errors)
    return cleaned


def campaign_create(
    *,
    actor: Actor,
    name: str,
    programme: str,
    academic_year: str,
    slug: str | None = None,
    **rules: Any,
) -> Campaign:
    """Create a campaign (administrators only). `rules` are the Campaign rule fields."""
    require(actor, Action.CAMPAIGN_CREATE)
    unknown = set(rules) - set(RULE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            errors={name: [_("Unknown field.")] for name in unknown},
        )
    values = _clean_campaign_values(
        {"name": name, "programme": programme, "academic_year": academic_year, **rules}
    )
    slug = slugify(slug or f"{values.get('name', '')}")[:80] or "campagne"
    if Campaign.objects.filter(slug=slug).exists():
        raise ValidationFailed(
            _("A campaign with the short name %(slug)s already exists.") % {"slug": slug},
            errors={"slug": [_("Already used.")]},
        )
    with transaction.atomic():
        campaign = Campaign.objects.create(slug=slug, **values)
        audit_record(
            actor=actor, action="campaign.create", target=campaign, campaign_id=campaign.pk
        )
    return campaign


def campaign_update(*, actor: Actor, campaign: Campaign, **fields: Any) -> Campaign:
    require(actor, Action.CAMPAIGN_UPDATE, campaign)
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            errors={name: [_("Unknown field.")] for name in unknown},
        )
    values = _clean_campaign_values(fields)
    with transaction.atomic():
        changed = {}
        for name, value in values.items():
            if getattr(campaign, name) != value:
                changed[name] = [str(getattr(campaign, name)), str(value)]
                setattr(campaign, name, value)
        if changed:
            campaign.save()
            audit_record(
                actor=actor,
                action="campaign.update",
                target=campaign,
                campaign_id=campaign.pk,
                data=changed,
            )
            if "name" in changed:
                outbox.campaign_changed(campaign.pk, reason="campaign.update")
    return campaign


def membership_add(*, actor: Actor, campaign: Campaign, person: Person, role: str) -> Membership:
    """Give `person` the `role` in `campaign` (nothing changes if they already have it)."""
    require(actor, Action.MEMBERSHIP_MANAGE, campaign)
    if role not in Role.values:
        raise ValidationFailed(
            _("Unknown role %(role)s.") % {"role": role},
            errors={
                "role": [_("Choose coordinator, supervisor, co_supervisor, reader or student.")]
            },
        )
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            campaign=campaign, person=person, role=role
        )
        if created:
            audit_record(
                actor=actor,
                action="membership.add",
                target=membership,
                campaign_id=campaign.pk,
                data={"person": person.pk, "role": role},
            )
            outbox.campaign_changed(campaign.pk, reason="membership.add")
    if person.user is not None:
        forget_roles(person.user)
    return membership


def membership_remove(*, actor: Actor, membership: Membership) -> None:
    require(actor, Action.MEMBERSHIP_MANAGE, membership)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="membership.remove",
            target=membership,
            campaign_id=membership.campaign_id,
            data={"person": membership.person_id, "role": membership.role},
        )
        campaign_id = membership.campaign_id
        membership.delete()
        outbox.campaign_changed(campaign_id, reason="membership.remove")
