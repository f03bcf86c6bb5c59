"""Background jobs of notifications (Django tasks API): load by id, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def send_notification(notification_id: int) -> str:
    """Send one notification; a repeated job for a sent one does nothing."""
    from thesisdesk.notifications import services

    return services.notification_send(notification_id=notification_id).status


@task()
def send_reminders() -> int:
    """The periodic deadline reminders; returns how many notifications it queued."""
    from thesisdesk.notifications import services

    return len(services.reminders_send())
