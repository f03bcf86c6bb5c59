"""Milestones: the dated steps of a campaign, and per-thesis extensions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thesisdesk.core.models import TimeStampedModel


class MilestoneKind(models.TextChoices):
    SUBJECT_CHOICE = "subject_choice", _("Subject choice")
    PLAN = "plan", _("Plan")
    INTERMEDIATE_DEPOSIT = "intermediate_deposit", _("Intermediate deposit")
    FINAL_DEPOSIT = "final_deposit", _("Final deposit")
    DEFENSE_PERIOD = "defense_period", _("Defense period")
    OTHER = "other", _("Other")


DEPOSIT_KINDS = frozenset(
    {MilestoneKind.PLAN, MilestoneKind.INTERMEDIATE_DEPOSIT, MilestoneKind.FINAL_DEPOSIT}
)


class Milestone(TimeStampedModel):
    """A dated step. `due_at` is an aware datetime (shown in Europe/Brussels)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"))

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["campaign", "due_at"])]
        verbose_name = _("milestone")

    def __str__(self) -> str:
        return self.title

    @property
    def is_deposit(self) -> bool:
        return self.kind in DEPOSIT_KINDS


class MilestoneExtension(models.Model):
    """A later deadline for one thesis on one milestone."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="extensions")
    thesis = models.ForeignKey(
        "theses.Thesis", on_delete=models.CASCADE, related_name="milestone_extensions"
    )
    due_at = models.DateTimeField(_("new due date"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["milestone", "thesis"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "thesis"], name="milestone_extension_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} — {self.thesis}: {self.due_at:%Y-%m-%d %H:%M}"
