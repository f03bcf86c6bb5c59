"""Reads on the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from thesisdesk.core.models import AuditEvent
from thesisdesk.core.permissions import COORDINATOR, Action, all_campaign_roles, allowed, is_admin


def audit_list(
    *,
    viewer: Any,
    target: models.Model | None = None,
    campaign: Any = None,
    action: str = "",
) -> QuerySet[AuditEvent]:
    """Audit events the viewer may see, newest first.

    With `target`: that object's history, if the viewer may see it (coordinators of its
    campaign, its supervisors; see `Action.AUDIT_VIEW`). Without: the events of the
    campaigns the viewer coordinates (everything for administrators).
    """
    events = AuditEvent.objects.all()
    if target is not None:
        if not allowed(viewer, Action.AUDIT_VIEW, target):
            return events.none()
        events = events.for_object(target)
    elif not is_admin(viewer):
        coordinated = [cid for cid, r in all_campaign_roles(viewer).items() if COORDINATOR in r]
        events = events.filter(Q(campaign_id__in=coordinated))
    if campaign is not None:
        events = events.filter(campaign_id=getattr(campaign, "pk", campaign))
    if action:
        events = events.filter(action=action)
    return events.select_related("actor").order_by("-created_at", "-id")
