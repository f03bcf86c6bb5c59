"""Notifications: editable templates per event and language, the notifications sent (one
row per recipient and channel, with an idempotency key), and the stored-mail outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    SUBJECT_APPROVED = "subject_approved", _("Subject approved")
    SUBJECT_REJECTED = "subject_rejected", _("Subject rejected")
    ALLOCATION_PUBLISHED = "allocation_published", _("Allocation published")
    DEADLINE_REMINDER = "deadline_reminder", _("Deadline reminder")
    DEPOSIT_RECEIPT = "deposit_receipt", _("Deposit received (receipt to the student)")
    DEPOSIT_NOTICE = "deposit_notice", _("Deposit received (notice to supervisors)")
    LATE_DEPOSIT = "late_deposit", _("Late deposit (notice to supervisors)")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    MOODLE = "moodle", _("Moodle message")


class NotificationTemplate(models.Model):
    """A coordinator's wording of one event in one language (overrides the built-in one).

    `subject` and `body_html` are Django template strings; the variables each event
    offers are listed in `thesisdesk.notifications.events.VARIABLES`.
    """

    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    language = models.CharField(_("language"), max_length=5)
    subject = models.CharField(_("subject"), max_length=255)
    body_html = models.TextField(_("message"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["event", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language"], name="notification_template_unique"
            )
        ]
        verbose_name = _("notification template")

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.language})"


class Notification(models.Model):
    """One message to one person through one channel.

    `idempotency_key` is unique: queuing the same event twice, or a retried job, finds the
    existing row and never sends a second time. On Moodle the same key goes to the plugin,
    which also refuses a key it already sent.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("not sent")

    MAX_ATTEMPTS = 5

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="notifications"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    idempotency_key = models.CharField(max_length=255, unique=True)
    language = models.CharField(max_length=5)
    subject = models.CharField(_("subject"), max_length=255)
    body_html = models.TextField()
    body_text = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    moodle_message_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"])]
        verbose_name = _("notification")

    def __str__(self) -> str:
        return f"{self.subject} → {self.person} ({self.channel})"

    @property
    def email_message_id(self) -> str:
        """The e-mail's Message-ID, derived from the idempotency key (a resent message keeps
        it, and the outbox backend keeps it on the `StoredEmail`)."""
        import hashlib

        digest = hashlib.sha256(self.idempotency_key.encode()).hexdigest()[:32]
        return f"<{digest}@thesisdesk>"


class StoredEmail(models.Model):
    """A message kept by the outbox e-mail backend (no EMAIL_URL: nothing leaves)."""

    from_email = models.CharField(max_length=255)
    to = models.TextField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
