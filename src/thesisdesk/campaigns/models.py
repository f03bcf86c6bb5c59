"""Campaigns: one programme's theses for one academic year, and who plays which role."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thesisdesk.core.models import TimeStampedModel


class Campaign(TimeStampedModel):
    """A programme's thesis year, e.g. "Master en sciences informatiques 2026-2027".

    Its link to a Moodle course lives in the Moodle app (a one-to-one to Campaign).
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    programme = models.CharField(_("programme"), max_length=200)
    academic_year = models.CharField(_("academic year"), max_length=9, help_text="2026-2027")
    choices_per_student = models.PositiveSmallIntegerField(
        _("ranked choices per student"), default=5, validators=[MinValueValidator(1)]
    )
    default_subject_capacity = models.PositiveSmallIntegerField(
        _("default subject capacity"), default=1, validators=[MinValueValidator(1)]
    )
    supervisor_max_load = models.PositiveSmallIntegerField(
        _("supervisor maximum load"), default=6, validators=[MinValueValidator(1)]
    )
    co_supervision_weight = models.DecimalField(
        _("weight of a co-supervision in a load"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    assign_unranked = models.BooleanField(
        _("assign students to subjects they did not rank when needed"), default=True
    )
    allocation_published_at = models.DateTimeField(
        _("allocation published at"), null=True, blank=True
    )
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["-academic_year", "name"]
        verbose_name = _("campaign")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    SUPERVISOR = "supervisor", _("Supervisor")
    CO_SUPERVISOR = "co_supervisor", _("Co-supervisor")
    READER = "reader", _("Reader")
    STUDENT = "student", _("Student")


class Membership(models.Model):
    """A person's role in a campaign. One person may hold several roles."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "role", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person", "role"], name="membership_unique_role"
            )
        ]
        indexes = [models.Index(fields=["person", "campaign"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} — {self.campaign}"
