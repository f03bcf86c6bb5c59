"""Shared models: a timestamped base and the append-only audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    """Base for domain rows: when they were created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditEvent(models.Model):
    """Who did what, when and why. Rows are written once and never changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=255, blank=True)
    campaign_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit events are append-only.")


class PeriodicSlot(models.Model):
    """When a periodic job is next due, shared by every worker process (core/periodic.py)."""

    name = models.CharField(max_length=100, primary_key=True)
    due_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} due {self.due_at:%Y-%m-%d %H:%M:%S}"
