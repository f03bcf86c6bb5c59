"""Deposit reads: what the viewer may see of deposits and their files.

A deposit is visible exactly when its thesis is (thesisdesk.theses.selectors
.visible_theses): coordinators see their campaigns' deposits, supervisors, co-supervisors
and readers those of the theses they are on, a student their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.errors import NotFound
from thesisdesk.deposits.models import Deposit, DepositFile
from thesisdesk.milestones.models import DEPOSIT_KINDS, Milestone, MilestoneKind
from thesisdesk.milestones.selectors import milestone_get, milestone_list
from thesisdesk.theses.models import Thesis, ThesisState
from thesisdesk.theses.selectors import thesis_get, visible_theses, with_details


@dataclass(frozen=True)
class DepositRow:
    """One thesis's line on a deposit milestone's page."""

    thesis: Thesis
    milestone: Milestone
    deposit: Deposit | None
    due_at: datetime

    @property
    def is_deposited(self) -> bool:
        return self.deposit is not None and self.deposit.is_deposited

    @property
    def is_late(self) -> bool:
        return self.is_deposited and bool(self.deposit and self.deposit.is_late)

    @property
    def files(self) -> list[DepositFile]:
        return list(self.deposit.files.all()) if self.deposit is not None else []


def deposit_milestone_list(*, viewer: Any, campaign: Campaign | None = None) -> QuerySet[Milestone]:
    return milestone_list(viewer=viewer, campaign=campaign).filter(kind__in=DEPOSIT_KINDS)


def deposit_milestone_get(*, viewer: Any, milestone_id: int) -> Milestone:
    milestone = milestone_get(viewer=viewer, milestone_id=milestone_id)
    if not milestone.is_deposit:
        raise NotFound(_("This milestone takes no deposit."))
    return milestone


def _due_dates(
    milestones: list[Milestone], theses: list[Thesis]
) -> dict[tuple[int, int], datetime]:
    from thesisdesk.milestones.models import MilestoneExtension

    extensions = MilestoneExtension.objects.filter(
        milestone__in=milestones, thesis__in=theses
    ).values_list("milestone_id", "thesis_id", "due_at")
    return {(m, t): due for m, t, due in extensions}


def _deposits(milestones: list[Milestone], theses: list[Thesis]) -> dict[tuple[int, int], Deposit]:
    deposits = Deposit.objects.filter(milestone__in=milestones, thesis__in=theses).prefetch_related(
        "files"
    )
    return {(d.milestone_id, d.thesis_id): d for d in deposits}


def deposit_rows(*, viewer: Any, milestone: Milestone) -> list[DepositRow]:
    """Every visible thesis of the milestone's campaign (abandoned ones left out), with
    its deposit if any, ordered by title. A constant number of queries."""
    theses = list(
        with_details(visible_theses(viewer))
        .filter(campaign_id=milestone.campaign_id)
        .exclude(state=ThesisState.ABANDONED)
        .order_by("title", "id")
    )
    extensions = _due_dates([milestone], theses)
    deposits = _deposits([milestone], theses)
    return [
        DepositRow(
            thesis=thesis,
            milestone=milestone,
            deposit=deposits.get((milestone.pk, thesis.pk)),
            due_at=extensions.get((milestone.pk, thesis.pk), milestone.due_at),
        )
        for thesis in theses
    ]


def thesis_deposit_rows(*, viewer: Any, thesis_id: int) -> tuple[Thesis, list[DepositRow]]:
    """A thesis's deposit milestones with what was deposited for each."""
    thesis = thesis_get(viewer=viewer, thesis_id=thesis_id)
    milestones = list(
        Milestone.objects.filter(campaign_id=thesis.campaign_id, kind__in=DEPOSIT_KINDS).order_by(
            "due_at", "id"
        )
    )
    extensions = _due_dates(milestones, [thesis])
    deposits = _deposits(milestones, [thesis])
    return thesis, [
        DepositRow(
            thesis=thesis,
            milestone=milestone,
            deposit=deposits.get((milestone.pk, thesis.pk)),
            due_at=extensions.get((milestone.pk, thesis.pk), milestone.due_at),
        )
        for milestone in milestones
    ]


def deposit_file_get(*, viewer: Any, file_id: int) -> DepositFile:
    """A deposited file the viewer may download; NotFound otherwise."""
    found = (
        DepositFile.objects.select_related("deposit__thesis", "deposit__milestone")
        .filter(pk=file_id, deposit__thesis__in=visible_theses(viewer))
        .first()
    )
    if found is None:
        raise NotFound(_("No such file, or you may not download it."))
    return found


def final_deposit_files(*, viewer: Any, campaign: Campaign) -> QuerySet[DepositFile]:
    """The files of every final deposit of `campaign` the viewer may see (the jury's zip),
    thesis by thesis."""
    return (
        DepositFile.objects.filter(
            deposit__thesis__campaign=campaign,
            deposit__thesis__in=visible_theses(viewer),
            deposit__milestone__kind=MilestoneKind.FINAL_DEPOSIT,
            deposit__status=Deposit.Status.SUBMITTED,
        )
        .select_related("deposit__thesis", "deposit__milestone")
        .order_by(
            "deposit__thesis__title",
            "deposit__thesis_id",
            "deposit__milestone_id",
            "filepath",
            "filename",
            "id",
        )
    )
