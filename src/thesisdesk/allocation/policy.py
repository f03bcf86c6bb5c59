"""Who may do what in the allocation: decided here, in one place.

Coordinators of the campaign (and administrators) manage constraints, runs, moves and
publication; students of the campaign rank subjects and name a partner.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thesisdesk.core.errors import NotAllowed
from thesisdesk.core.permissions import COORDINATOR, STUDENT, campaign_roles, is_admin, person_of


def can_manage(user: Any, campaign: Any) -> bool:
    if user is None:  # the system (demo loader, worker)
        return True
    return is_admin(user) or COORDINATOR in campaign_roles(user, campaign.pk)


def can_rank(user: Any, campaign: Any) -> bool:
    return person_of(user) is not None and STUDENT in campaign_roles(user, campaign.pk)


def require_manage(user: Any, campaign: Any) -> None:
    if not can_manage(user, campaign):
        raise NotAllowed(_("Only the campaign's coordinators manage the allocation."))


def require_rank(user: Any, campaign: Any) -> None:
    if not can_rank(user, campaign):
        raise NotAllowed(_("Only the campaign's students rank subjects."))
