"""Deposits: what a student handed in to a deposit milestone's Moodle assignment."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Deposit(models.Model):
    """One thesis's deposit for one deposit milestone, as last read from Moodle."""

    class Status(models.TextChoices):
        NEW = "new", _("nothing deposited")
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("deposited")
        REOPENED = "reopened", _("reopened")
        REMOVED = "removed", _("removed")

    class Source(models.TextChoices):
        WEBHOOK = "webhook", _("Moodle webhook")
        POLL = "poll", _("polling")

    thesis = models.ForeignKey("theses.Thesis", on_delete=models.CASCADE, related_name="deposits")
    milestone = models.ForeignKey(
        "milestones.Milestone", on_delete=models.CASCADE, related_name="deposits"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    # Moodle's submission time (timemodified of the submission).
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The extension-aware due date the deposit was judged against.
    due_at = models.DateTimeField(null=True, blank=True)
    is_late = models.BooleanField(default=False)
    moodle_assignid = models.PositiveIntegerField(default=0)
    moodle_submissionid = models.PositiveIntegerField(default=0)
    moodle_userid = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.POLL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thesis", "milestone"], name="deposit_unique")
        ]
        ordering = ["milestone_id", "thesis_id"]

    def __str__(self) -> str:
        return f"deposit of thesis {self.thesis_id} for milestone {self.milestone_id}"

    @property
    def is_deposited(self) -> bool:
        return self.status == self.Status.SUBMITTED


class DepositFile(models.Model):
    """A file of a deposit; its bytes stay in Moodle and are streamed on demand."""

    deposit = models.ForeignKey(Deposit, on_delete=models.CASCADE, related_name="files")
    filename = models.CharField(max_length=255)
    filepath = models.CharField(max_length=255, default="/")
    size = models.BigIntegerField(default=0)
    mimetype = models.CharField(max_length=255, blank=True)
    # Moodle's webservice/pluginfile.php URL (downloaded with the service token).
    fileurl = models.URLField(max_length=1000)
    modified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["filepath", "filename", "id"]

    def __str__(self) -> str:
        return self.filename


class WebhookDelivery(models.Model):
    """A webhook call accepted from Moodle; its `eventid` is remembered to refuse replays."""

    eventid = models.CharField(max_length=100, unique=True)
    event = models.CharField(max_length=50)
    courseid = models.PositiveIntegerField()
    key = models.CharField(max_length=255)
    body = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} {self.eventid}"
