"""Theses: a student (or a pair) on a subject, with supervisors and readers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thesisdesk.campaigns.models import Role
from thesisdesk.core.models import TimeStampedModel


class ThesisState(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    IN_PROGRESS = "in_progress", _("In progress")
    DEPOSITED = "deposited", _("Deposited")
    DEFENDED = "defended", _("Defended")
    GRADED = "graded", _("Graded")
    ABANDONED = "abandoned", _("Abandoned")


FINAL_THESIS_STATES = frozenset({ThesisState.GRADED, ThesisState.ABANDONED})

MAX_STUDENTS_PER_THESIS = 2

# The campaign roles a person needs to fill each group of people on a thesis.
PEOPLE_ROLES: dict[str, frozenset[str]] = {
    "students": frozenset({Role.STUDENT}),
    "supervisors": frozenset({Role.SUPERVISOR}),
    "co_supervisors": frozenset({Role.SUPERVISOR, Role.CO_SUPERVISOR}),
    "readers": frozenset({Role.READER, Role.SUPERVISOR, Role.CO_SUPERVISOR}),
}


class Thesis(TimeStampedModel):
    """A thesis. States: proposal → in_progress → deposited → defended → graded, or
    abandoned (with a reason) from any non-final state. See theses/services.py."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="theses"
    )
    subject = models.ForeignKey(
        "subjects.Subject",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="theses",
    )
    title = models.CharField(_("title"), max_length=300)
    students = models.ManyToManyField("people.Person", related_name="theses_as_student")
    supervisors = models.ManyToManyField(
        "people.Person", blank=True, related_name="theses_as_supervisor"
    )
    co_supervisors = models.ManyToManyField(
        "people.Person", blank=True, related_name="theses_as_co_supervisor"
    )
    readers = models.ManyToManyField("people.Person", blank=True, related_name="theses_as_reader")
    state = models.CharField(
        _("state"), max_length=20, choices=ThesisState.choices, default=ThesisState.PROPOSAL
    )
    abandon_reason = models.TextField(_("reason for abandoning"), blank=True)
    grade = models.DecimalField(
        _("grade (out of 20)"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    started_at = models.DateTimeField(null=True, blank=True)
    deposited_at = models.DateTimeField(null=True, blank=True)
    defended_at = models.DateTimeField(null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["campaign", "state"])]
        verbose_name = _("thesis")
        verbose_name_plural = _("theses")

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_THESIS_STATES
