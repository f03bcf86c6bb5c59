"""Subjects: thesis topics, from proposal to publication."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from thesisdesk.core.html import sanitize_html
from thesisdesk.core.models import TimeStampedModel


class SubjectState(models.TextChoices):
    PROPOSED_BY_STUDENT = "proposed_by_student", _("Proposed by a student")
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Subject(TimeStampedModel):
    """A thesis topic.

    States: proposed_by_student → (a supervisor accepts) proposed → (a coordinator)
    approved / rejected(reason) → published → withdrawn. See subjects/services.py.
    `description` is HTML, sanitized on every save.
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="subjects"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(
        _("keywords"), max_length=500, blank=True, help_text=_("Separated by commas.")
    )
    capacity = models.PositiveSmallIntegerField(_("capacity (students)"), default=1)
    min_students = models.PositiveSmallIntegerField(
        _("minimum number of students"), null=True, blank=True
    )
    supervisor = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_subjects",
        help_text=_("For a student's proposal: the supervisor asked to accept it."),
    )
    co_supervisors = models.ManyToManyField(
        "people.Person", blank=True, related_name="co_supervised_subjects"
    )
    proposed_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_subjects",
    )
    state = models.CharField(
        _("state"), max_length=30, choices=SubjectState.choices, default=SubjectState.PROPOSED
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [
            models.Index(fields=["campaign", "state"]),
            models.Index(fields=["supervisor", "state"]),
        ]
        verbose_name = _("subject")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Sanitized here as well as in services so that no write path can skip it.
        self.description = sanitize_html(self.description)
        super().save(*args, **kwargs)

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    @property
    def is_student_proposal(self) -> bool:
        return self.state == SubjectState.PROPOSED_BY_STUDENT or bool(
            self.proposed_by_id and self.proposed_by_id != self.supervisor_id
        )
