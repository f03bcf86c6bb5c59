"""The one place where ThesisDesk decides who may do what.

Services call `require(actor, Action.X, obj)`; templates and API call `allowed(...)` or
`allowed_actions(...)` to decide which buttons to offer. Selectors (reads) apply the
matching visibility rules as querysets; see docs/domain.md.

Roles come from two places: campaign memberships (`campaign_roles`) and the object
itself (a thesis's students, supervisors...; a subject's supervisor and proposer).
Staff and superusers may do everything. `actor=None` is the system (worker, Moodle sync,
demo loader) and is trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

from django.db import models
from django.utils.translation import gettext as _

from thesisdesk.core.errors import NotAllowed

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from thesisdesk.people.models import Person, User

# Who acts in a service: a signed-in user, an anonymous visitor (always refused), or
# None for the system (trusted).
Actor: TypeAlias = "User | AnonymousUser | None"


class Action(StrEnum):
    CAMPAIGN_CREATE = "campaign.create"
    CAMPAIGN_UPDATE = "campaign.update"
    MEMBERSHIP_MANAGE = "membership.manage"
    PERSON_CREATE = "person.create"
    PERSON_UPDATE = "person.update"
    PERSON_UPDATE_PREFERENCES = "person.update_preferences"
    MILESTONE_MANAGE = "milestone.manage"
    MILESTONE_EXTEND = "milestone.extend"
    SUBJECT_PROPOSE = "subject.propose"
    SUBJECT_PROPOSE_BY_STUDENT = "subject.propose_by_student"
    SUBJECT_ACCEPT = "subject.accept"
    SUBJECT_APPROVE = "subject.approve"
    SUBJECT_REJECT = "subject.reject"
    SUBJECT_RESUBMIT = "subject.resubmit"
    SUBJECT_PUBLISH = "subject.publish"
    SUBJECT_WITHDRAW = "subject.withdraw"
    SUBJECT_UPDATE = "subject.update"
    THESIS_CREATE = "thesis.create"
    THESIS_START = "thesis.start"
    THESIS_DEPOSIT = "thesis.deposit"
    THESIS_DEFEND = "thesis.defend"
    THESIS_GRADE = "thesis.grade"
    THESIS_ABANDON = "thesis.abandon"
    THESIS_UPDATE = "thesis.update"
    THESIS_SET_PEOPLE = "thesis.set_people"
    API_TOKEN_MANAGE = "api_token.manage"
    AUDIT_VIEW = "audit.view"


COORDINATOR = "coordinator"
SUPERVISOR = "supervisor"
CO_SUPERVISOR = "co_supervisor"
READER = "reader"
STUDENT = "student"

_ROLES_CACHE = "_thesisdesk_campaign_roles"


def is_admin(user: Any) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_staff or user.is_superuser)
    )


def person_of(user: Any) -> Person | None:
    """The Person linked to `user`, or None (anonymous, or an account without a person)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except models.ObjectDoesNotExist:
        return None


def all_campaign_roles(user: Any) -> dict[int, frozenset[str]]:
    """{campaign_id: roles} for `user`, read once and cached on the user object."""
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is not None:
        return cached
    roles: dict[int, set[str]] = {}
    person = person_of(user)
    if person is not None:
        from thesisdesk.campaigns.models import Membership

        for campaign_id, role in Membership.objects.filter(person=person).values_list(
            "campaign_id", "role"
        ):
            roles.setdefault(campaign_id, set()).add(role)
    frozen = {campaign_id: frozenset(values) for campaign_id, values in roles.items()}
    if user is not None and getattr(user, "is_authenticated", False):
        setattr(user, _ROLES_CACHE, frozen)
    return frozen


def forget_roles(user: Any) -> None:
    """Drop the cached roles (after memberships change during a request or a test)."""
    if user is not None and hasattr(user, _ROLES_CACHE):
        delattr(user, _ROLES_CACHE)


def campaign_roles(user: Any, campaign_id: int | None) -> frozenset[str]:
    if campaign_id is None:
        return frozenset()
    return all_campaign_roles(user).get(campaign_id, frozenset())


def coordinated_campaign_ids(user: Any) -> set[int]:
    return {cid for cid, roles in all_campaign_roles(user).items() if COORDINATOR in roles}


def campaign_id_of(obj: Any) -> int | None:
    from thesisdesk.campaigns.models import Campaign

    if isinstance(obj, Campaign):
        return obj.pk
    if hasattr(obj, "campaign_id"):
        return obj.campaign_id
    if hasattr(obj, "milestone"):  # a MilestoneExtension
        return obj.milestone.campaign_id
    return None


def _ids(manager: Any) -> set[int]:
    # Uses the prefetch cache when the caller prefetched the relation.
    return {item.pk for item in manager.all()}


def thesis_relations(person: Person | None, thesis: Any) -> frozenset[str]:
    """The person's roles on one thesis: student, supervisor, co_supervisor, reader."""
    if person is None:
        return frozenset()
    found = set()
    if person.pk in _ids(thesis.students):
        found.add(STUDENT)
    if person.pk in _ids(thesis.supervisors):
        found.add(SUPERVISOR)
    if person.pk in _ids(thesis.co_supervisors):
        found.add(CO_SUPERVISOR)
    if person.pk in _ids(thesis.readers):
        found.add(READER)
    return frozenset(found)


# --- rules ------------------------------------------------------------------------------

Rule = Callable[[Any, Any], bool]


def _is_coordinator(user: Any, obj: Any) -> bool:
    return COORDINATOR in campaign_roles(user, campaign_id_of(obj))


def _nobody(user: Any, obj: Any) -> bool:
    return False


def _person_create(user: Any, obj: Any) -> bool:
    if obj is None:
        return bool(coordinated_campaign_ids(user))
    return _is_coordinator(user, obj)


def _person_update(user: Any, obj: Any) -> bool:
    if obj is None:
        return False
    from thesisdesk.campaigns.models import Membership

    coordinated = coordinated_campaign_ids(user)
    if not coordinated:
        return False
    # A coordinator may edit people of their campaigns, and people in no campaign yet
    # (just imported or created).
    memberships = set(
        Membership.objects.filter(person=obj).values_list("campaign_id", flat=True).distinct()
    )
    return not memberships or bool(memberships & coordinated)


def _person_update_preferences(user: Any, obj: Any) -> bool:
    person = person_of(user)
    return (person is not None and obj is not None and person.pk == obj.pk) or _person_update(
        user, obj
    )


def _subject_propose(user: Any, obj: Any) -> bool:
    return bool(
        campaign_roles(user, campaign_id_of(obj)) & {COORDINATOR, SUPERVISOR, CO_SUPERVISOR}
    )


def _subject_propose_by_student(user: Any, obj: Any) -> bool:
    return STUDENT in campaign_roles(user, campaign_id_of(obj))


def _is_subject_supervisor(user: Any, subject: Any) -> bool:
    person = person_of(user)
    return person is not None and subject.supervisor_id == person.pk


def _is_subject_proposer(user: Any, subject: Any) -> bool:
    person = person_of(user)
    return person is not None and subject.proposed_by_id == person.pk


def _subject_accept(user: Any, subject: Any) -> bool:
    if SUPERVISOR not in campaign_roles(user, subject.campaign_id):
        return False
    return subject.supervisor_id is None or _is_subject_supervisor(user, subject)


def _subject_reject(user: Any, subject: Any) -> bool:
    from thesisdesk.subjects.models import SubjectState

    if _is_coordinator(user, subject):
        return True
    # The supervisor a student's proposal is addressed to may decline it.
    return subject.state == SubjectState.PROPOSED_BY_STUDENT and _subject_accept(user, subject)


def _subject_owner_or_coordinator(user: Any, subject: Any) -> bool:
    return (
        _is_coordinator(user, subject)
        or _is_subject_supervisor(user, subject)
        or _is_subject_proposer(user, subject)
    )


def _subject_withdraw(user: Any, subject: Any) -> bool:
    from thesisdesk.subjects.models import SubjectState

    if _is_coordinator(user, subject) or _is_subject_supervisor(user, subject):
        return True
    # A student may withdraw their own proposal until a coordinator approves it.
    return _is_subject_proposer(user, subject) and subject.state in {
        SubjectState.PROPOSED_BY_STUDENT,
        SubjectState.PROPOSED,
        SubjectState.REJECTED,
    }


def _subject_update(user: Any, subject: Any) -> bool:
    from thesisdesk.subjects.models import SubjectState

    if _is_coordinator(user, subject):
        return True
    if subject.state == SubjectState.PUBLISHED:
        return False
    if _is_subject_supervisor(user, subject):
        return True
    return _is_subject_proposer(user, subject) and subject.state in {
        SubjectState.PROPOSED_BY_STUDENT,
        SubjectState.REJECTED,
    }


def _thesis_rule(*relations: str) -> Rule:
    wanted = frozenset(relations)

    def rule(user: Any, thesis: Any) -> bool:
        if _is_coordinator(user, thesis):
            return True
        return bool(thesis_relations(person_of(user), thesis) & wanted)

    return rule


def _milestone_extend(user: Any, obj: Any) -> bool:
    # obj is the thesis the extension is for.
    return _thesis_rule(SUPERVISOR)(user, obj)


def _audit_view(user: Any, obj: Any) -> bool:
    from thesisdesk.subjects.models import Subject
    from thesisdesk.theses.models import Thesis

    if _is_coordinator(user, obj):
        return True
    if isinstance(obj, Thesis):
        return bool(thesis_relations(person_of(user), obj) & {SUPERVISOR, CO_SUPERVISOR})
    if isinstance(obj, Subject):
        return _is_subject_supervisor(user, obj) or _is_subject_proposer(user, obj)
    return False


RULES: dict[Action, Rule] = {
    Action.CAMPAIGN_CREATE: _nobody,
    Action.CAMPAIGN_UPDATE: _is_coordinator,
    Action.MEMBERSHIP_MANAGE: _is_coordinator,
    Action.PERSON_CREATE: _person_create,
    Action.PERSON_UPDATE: _person_update,
    Action.PERSON_UPDATE_PREFERENCES: _person_update_preferences,
    Action.MILESTONE_MANAGE: _is_coordinator,
    Action.MILESTONE_EXTEND: _milestone_extend,
    Action.SUBJECT_PROPOSE: _subject_propose,
    Action.SUBJECT_PROPOSE_BY_STUDENT: _subject_propose_by_student,
    Action.SUBJECT_ACCEPT: _subject_accept,
    Action.SUBJECT_APPROVE: _is_coordinator,
    Action.SUBJECT_REJECT: _subject_reject,
    Action.SUBJECT_RESUBMIT: _subject_owner_or_coordinator,
    Action.SUBJECT_PUBLISH: _is_coordinator,
    Action.SUBJECT_WITHDRAW: _subject_withdraw,
    Action.SUBJECT_UPDATE: _subject_update,
    Action.THESIS_CREATE: _is_coordinator,
    Action.THESIS_START: _thesis_rule(SUPERVISOR),
    Action.THESIS_DEPOSIT: _thesis_rule(STUDENT),
    Action.THESIS_DEFEND: _is_coordinator,
    Action.THESIS_GRADE: _is_coordinator,
    Action.THESIS_ABANDON: _thesis_rule(STUDENT, SUPERVISOR),
    Action.THESIS_UPDATE: _thesis_rule(SUPERVISOR),
    Action.THESIS_SET_PEOPLE: _is_coordinator,
    Action.API_TOKEN_MANAGE: _nobody,
    Action.AUDIT_VIEW: _audit_view,
}


def allowed(user: Any, action: Action | str, obj: Any = None) -> bool:
    """May `user` do `action` on `obj`? (Permission only; the state is checked by services.)"""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_admin(user):
        return True
    return RULES[Action(action)](user, obj)


def require(user: Any, action: Action | str, obj: Any = None) -> None:
    """Raise NotAllowed unless `user` may do `action` on `obj`."""
    if not allowed(user, action, obj):
        raise NotAllowed(
            _("You are not allowed to do this (%(action)s). Ask a coordinator of the campaign.")
            % {"action": str(action)}
        )


def allowed_actions(user: Any, obj: Any) -> set[Action]:
    """The transitions `user` may start on a Subject or Thesis in its current state."""
    from thesisdesk.subjects.models import Subject
    from thesisdesk.subjects.workflow import TRANSITIONS as SUBJECT_TRANSITIONS
    from thesisdesk.theses.models import Thesis
    from thesisdesk.theses.workflow import TRANSITIONS as THESIS_TRANSITIONS

    if isinstance(obj, Subject):
        table = SUBJECT_TRANSITIONS
    elif isinstance(obj, Thesis):
        table = THESIS_TRANSITIONS
    else:
        return set()
    return {
        Action(action)
        for action, (sources, _target) in table.items()
        if obj.state in sources and allowed(user, action, obj)
    }
