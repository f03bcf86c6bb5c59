"""Allocation: students' rankings, partner requests, coordinator constraints, runs and moves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    """One ranked choice: `student` puts `subject` at `rank` (1 = first choice)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="preferences"
    )
    student = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="preferences"
    )
    subject = models.ForeignKey(
        "subjects.Subject", on_delete=models.CASCADE, related_name="preferences"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign", "student", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "student", "rank"], name="preference_unique_rank"
            ),
            models.UniqueConstraint(
                fields=["campaign", "student", "subject"], name="preference_unique_subject"
            ),
        ]
        verbose_name = _("preference")

    def __str__(self) -> str:
        return f"{self.student} #{self.rank}: {self.subject}"


class PartnerRequest(models.Model):
    """A student asks another to work as a pair; a pair exists once the other confirms."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="partner_requests"
    )
    requester = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="partner_requests_sent"
    )
    partner = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="partner_requests_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["campaign", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "requester"], name="partner_request_one_per_requester"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} + {self.partner}"


class AllocationLock(models.Model):
    """A coordinator's pre-assignment: the solver must put `student` on `subject`."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="allocation_locks"
    )
    student = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey("subjects.Subject", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "student"], name="allocation_lock_unique")
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.subject}"


class AllocationForbidden(models.Model):
    """A student-subject pair the solver must never use (conflict of interest, …)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="allocation_forbidden"
    )
    student = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey("subjects.Subject", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "student", "subject"], name="allocation_forbidden_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} ✗ {self.subject}"


class AllocationRun(models.Model):
    """One solver run, kept with everything needed to reproduce and explain it.

    `instance` is the solver input exactly as solved (JSON shape of `allocate solve`;
    ids are "s<person pk>", "p<subject pk>", "t<person pk>"), `result` the solver's
    output, `assignments` the current proposal (the result plus hand moves).
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="allocation_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    objective = models.CharField(_("objective"), max_length=20)
    seed = models.IntegerField(_("seed"))
    assign_unranked = models.BooleanField(default=False)
    instance = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    explanations = models.JSONField(default=dict)
    assignments = models.JSONField(default=dict)  # student id → subject id, after moves
    optimal = models.BooleanField(default=False)
    seconds = models.FloatField(default=0.0)
    method = models.CharField(max_length=20, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        verbose_name = _("allocation run")

    def __str__(self) -> str:
        return f"Run {self.pk} ({self.campaign})"


class AllocationMove(models.Model):
    """A coordinator's hand change to a run's proposal, with its reason."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="moves")
    student = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    from_subject = models.ForeignKey(
        "subjects.Subject", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    to_subject = models.ForeignKey(
        "subjects.Subject", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.student}: {self.from_subject} → {self.to_subject}"
