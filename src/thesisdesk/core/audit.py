"""Recording audit events: every service that changes state calls `audit_record`."""

from __future__ import annotations

from typing import Any

from django.db import models

from thesisdesk.core.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    reason: str = "",
    data: dict[str, Any] | None = None,
    campaign_id: int | None = None,
) -> AuditEvent:
    """Append an audit event for `action` done by `actor` (a user, or None for the system)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = (user.get_full_name() or user.get_username()) if user is not None else "système"
    if campaign_id is None:
        campaign_id = getattr(target, "campaign_id", None)
    return AuditEvent.objects.create(
        actor=user,
        actor_label=label,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        campaign_id=campaign_id,
        reason=reason,
        data=data or {},
    )
