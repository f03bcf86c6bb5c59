"""Background jobs of deposits (Django tasks API): load by id, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def process_webhook_delivery(delivery_id: int) -> str:
    """Read the submission a Moodle webhook call announced and record the deposit."""
    from thesisdesk.deposits import services

    deposit = services.webhook_delivery_process(delivery_id=delivery_id)
    return deposit.status if deposit is not None else "ignored"


@task()
def poll_deposits(campaign_id: int | None = None) -> int:
    """The polling safety net: returns how many deposits changed."""
    from thesisdesk.campaigns.models import Campaign
    from thesisdesk.deposits import services

    campaign = Campaign.objects.get(pk=campaign_id) if campaign_id is not None else None
    return services.deposits_poll(campaign=campaign).recorded
