"""Background jobs of the sync engine (Django tasks API): load by id, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def sync_campaign(run_id: int) -> str:
    """Plan and apply one queued SyncRun (coalescing the campaign's pending requests)."""
    from thesisdesk.moodle import services

    run = services.sync_run_execute(run_id=run_id)
    return run.status


@task()
def check_drift(campaign_id: int) -> int:
    """Compare Moodle with the desired state; returns how many drifts were found."""
    from thesisdesk.moodle import services

    return len(services.drift_check(campaign_id=campaign_id))


@task()
def check_drift_everywhere() -> int:
    """The periodic drift check of every linked, active campaign."""
    from thesisdesk.moodle import services

    return services.drift_check_all()
