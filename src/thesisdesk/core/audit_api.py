"""REST endpoints for the audit trail: /api/v1/audit-events."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from thesisdesk.core.models import AuditEvent
from thesisdesk.core.schemas import ERRORS, Pagination, actor
from thesisdesk.core.selectors import audit_list

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    id: int
    created_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    target_type: str
    target_id: str
    target_label: str
    campaign_id: int | None
    reason: str
    data: dict[str, Any]


@router.get("", response={200: list[AuditEventOut], **ERRORS})
@paginate(Pagination)
def list_audit_events(
    request: HttpRequest,
    campaign: int | None = None,
    target_type: str = "",
    target_id: str = "",
    action: str = "",
) -> Any:
    """Audit events: a coordinator sees those of their campaigns. With `target_type`
    (e.g. `theses.thesis`) and `target_id`: one object's history, if you may see it."""
    target = None
    if target_type and target_id:
        target = _target(request, target_type, target_id)
        if target is None:
            return AuditEvent.objects.none()
    events = audit_list(viewer=actor(request), target=target, campaign=campaign, action=action)
    if target_type and target is None:
        events = events.filter(target_type=target_type)
    return events


def _target(request: HttpRequest, target_type: str, target_id: str) -> Any:
    from django.apps import apps

    try:
        model = apps.get_model(target_type)
        return model._default_manager.filter(pk=int(target_id)).first()
    except (LookupError, ValueError):
        return None
