"""What the sync engine remembers: course links, sync requests (outbox), runs, failures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# ThesisDesk role -> Moodle role shortname.
DEFAULT_ROLE_MAPPING = {
    "student": "student",
    "supervisor": "editingteacher",
    "co_supervisor": "editingteacher",
    "reader": "teacher",
    "coordinator": "editingteacher",
}
# Moodle role shortname -> role id on a standard Moodle site.
DEFAULT_ROLE_IDS = {
    "manager": 1,
    "coursecreator": 2,
    "editingteacher": 3,
    "teacher": 4,
    "student": 5,
}


def default_role_mapping() -> dict[str, str]:
    return dict(DEFAULT_ROLE_MAPPING)


def default_role_ids() -> dict[str, int]:
    return dict(DEFAULT_ROLE_IDS)


class MoodleCourseLink(models.Model):
    """A campaign's Moodle course, and how ThesisDesk roles map to Moodle roles."""

    campaign = models.OneToOneField(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="moodle_link"
    )
    courseid = models.PositiveIntegerField(_("Moodle course id"))
    shortname = models.CharField(_("course short name"), max_length=255)
    fullname = models.CharField(_("course full name"), max_length=255, blank=True)
    role_mapping = models.JSONField(_("role mapping"), default=default_role_mapping)
    role_ids = models.JSONField(_("Moodle role ids"), default=default_role_ids)
    # Moodle user ids ThesisDesk enrolled: only these are ever unenrolled by ThesisDesk.
    managed_user_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_applied_at = models.DateTimeField(null=True, blank=True)
    drift_checked_at = models.DateTimeField(null=True, blank=True)
    # The last drift check's findings (list of dicts, see sync/drift.py Drift).
    drift = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("Moodle course link")

    def __str__(self) -> str:
        return f"{self.campaign} → {self.shortname} ({self.courseid})"

    def moodle_role_id(self, role: str) -> int | None:
        shortname = self.role_mapping.get(role)
        if not shortname:
            return None
        value = self.role_ids.get(shortname)
        return int(value) if value is not None else None


class SyncRequest(models.Model):
    """Outbox row: written in the same transaction as the domain change it stands for."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="sync_requests"
    )
    reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    run = models.ForeignKey(
        "SyncRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )

    class Meta:
        indexes = [models.Index(fields=["campaign", "run"])]

    def __str__(self) -> str:
        return f"sync request {self.pk} for campaign {self.campaign_id}: {self.reason}"


class SyncRun(models.Model):
    """One plan-and-apply of a campaign's course: who, when, why, what, and how it went."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        WAITING = "waiting", _("waiting for Moodle")
        SUCCEEDED = "succeeded", _("succeeded")
        PARTIAL = "partial", _("done with failures")
        FAILED = "failed", _("failed")

    class Trigger(models.TextChoices):
        CHANGE = "change", _("a change in ThesisDesk")
        BUTTON = "button", _("Apply button")
        COMMAND = "command", _("command line")
        REPAIR = "repair", _("drift repair")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="sync_runs"
    )
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    # Keys of drifted items to put back (a repair run); empty: leave hand changes alone.
    repair_keys = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # "host:pid" of the worker running it, to resume runs of a worker that died.
    owner = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The plan as first computed (list of Action.to_json()), and its counts.
    plan = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    # One entry per batch applied: {"function", "items", "created", "updated", ...}.
    progress = models.JSONField(default=list, blank=True)
    http_requests = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"sync run {self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING, self.Status.WAITING)

    def counts(self) -> dict[str, Any]:
        totals: dict[str, int] = {}
        for batch in self.progress:
            for name in ("created", "updated", "unchanged", "deleted", "error"):
                totals[name] = totals.get(name, 0) + int(batch.get(name, 0))
        return totals


class SyncFailure(models.Model):
    """An item Moodle refused, with what a person should do about it."""

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="failures")
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="sync_failures"
    )
    key = models.CharField(max_length=255)
    kind = models.CharField(max_length=30)
    label = models.CharField(max_length=300, blank=True)
    function = models.CharField(max_length=100)
    errorcode = models.CharField(max_length=100, blank=True)
    message = models.TextField(blank=True)
    fix = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["campaign", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.key}: {self.errorcode}"


class AppliedExtension(models.Model):
    """A per-student extension ThesisDesk applied to a Moodle assignment."""

    link = models.ForeignKey(
        MoodleCourseLink, on_delete=models.CASCADE, related_name="applied_extensions"
    )
    assignment_key = models.CharField(max_length=255)
    assignid = models.PositiveIntegerField()
    userid = models.PositiveIntegerField()
    duedate = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["link", "assignment_key", "userid"], name="moodle_applied_extension_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_key} user {self.userid}: {self.duedate}"


class AcceptedDrift(models.Model):
    """A hand change in Moodle a coordinator chose to keep: no longer reported."""

    link = models.ForeignKey(
        MoodleCourseLink, on_delete=models.CASCADE, related_name="accepted_drifts"
    )
    ident = models.CharField(max_length=600)
    key = models.CharField(max_length=255)
    change = models.CharField(max_length=30)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["link", "ident"], name="moodle_accepted_drift_unique")
        ]

    def __str__(self) -> str:
        return self.ident
