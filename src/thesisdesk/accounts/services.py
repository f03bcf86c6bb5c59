"""Signing a person in from Moodle: password sign-in and LTI launch.

Both end the same way: the Person is found (Moodle user id, else e-mail) or created,
their name and e-mail refreshed, their account found or created (with no local
password), and their campaign roles refreshed from their Moodle course roles.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from thesisdesk.accounts.errors import SignInRefused
from thesisdesk.accounts.moodle_gateway import MoodleIdentity, MoodleSignInGateway
from thesisdesk.accounts.roles import RoleChange, campaign_courses, memberships_sync_from_moodle
from thesisdesk.core.audit import audit_record
from thesisdesk.core.permissions import forget_roles
from thesisdesk.people.models import Language, Person, User

logger = logging.getLogger(__name__)


@dataclass
class SignInOutcome:
    user: User
    person: Person
    method: str
    person_created: bool = False
    role_changes: list[RoleChange] = field(default_factory=list)
    roles_source: str = ""


def moodle_signin_enabled() -> bool:
    """Password sign-in through Moodle is on when a Moodle site (or the simulator) is set."""
    return bool(settings.MOODLE_URL)


def _language(lang: str) -> str | None:
    code = (lang or "").split("_")[0].lower()
    return code if code in Language.values else None


def person_from_moodle(
    *,
    moodle_user_id: int | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    lang: str = "",
) -> tuple[Person, bool]:
    """The person Moodle describes: matched by Moodle user id, else by e-mail; refreshed.

    Returns the person and whether it was created. Raises `SignInRefused` when the
    person cannot be told apart (no e-mail) or the e-mail belongs to someone linked to
    another Moodle account.
    """
    try:
        return _person_from_moodle(
            moodle_user_id=moodle_user_id,
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            lang=lang,
        )
    except IntegrityError:
        # Two first sign-ins of the same person at once: the other one created the
        # person; find it.
        return _person_from_moodle(
            moodle_user_id=moodle_user_id,
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            lang=lang,
        )


def _person_from_moodle(
    *,
    moodle_user_id: int | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    lang: str,
) -> tuple[Person, bool]:
    email = (email or "").strip()
    with transaction.atomic():
        person = None
        if moodle_user_id is not None:
            person = (
                Person.objects.select_for_update().filter(moodle_user_id=moodle_user_id).first()
            )
        if person is None and email:
            person = Person.objects.select_for_update().filter(email__iexact=email).first()
            if (
                person is not None
                and moodle_user_id is not None
                and person.moodle_user_id not in (None, moodle_user_id)
            ):
                raise SignInRefused("identity_conflict", detail=f"e-mail of person {person.pk}")
        if person is None:
            if not email:
                raise SignInRefused("no_email")
            person = Person.objects.create(
                first_name=first_name or username,
                last_name=last_name,
                email=email.lower(),
                moodle_user_id=moodle_user_id,
                moodle_username=username,
                preferred_language=_language(lang) or Language.FRENCH,
            )
            audit_record(
                actor=None,
                action="person.create_from_moodle",
                target=person,
                data={"moodle_user_id": moodle_user_id},
            )
            return person, True
        changed: dict[str, Any] = {}
        wanted: dict[str, Any] = {
            "first_name": first_name or person.first_name,
            "last_name": last_name or person.last_name,
            "moodle_username": username or person.moodle_username,
        }
        if moodle_user_id is not None:
            wanted["moodle_user_id"] = moodle_user_id
        if (
            email
            and email.lower() != person.email.lower()
            and not Person.objects.filter(email__iexact=email).exclude(pk=person.pk).exists()
        ):
            wanted["email"] = email.lower()
        for name, value in wanted.items():
            if getattr(person, name) != value:
                changed[name] = [getattr(person, name), value]
                setattr(person, name, value)
        if changed:
            person.save(update_fields=[*changed, "updated_at"])
            audit_record(
                actor=None,
                action="person.refresh_from_moodle",
                target=person,
                data={"changed": sorted(changed)},
            )
        return person, False


def _free_username(wanted: str, moodle_user_id: int | None) -> str:
    candidates = [wanted] if wanted else []
    if moodle_user_id is not None:
        candidates.append(f"moodle-{moodle_user_id}")
    candidates.append(f"moodle-{wanted}")
    for candidate in candidates:
        candidate = candidate[:150]
        if candidate and not User.objects.filter(username__iexact=candidate).exists():
            return candidate
    raise SignInRefused("identity_conflict", detail=f"no free username for {wanted}")


def user_for_person(person: Person) -> User:
    """The person's sign-in account, created (without a usable password) at first sign-in."""
    with transaction.atomic():
        user = person.user
        if user is None:
            user = User(username=_free_username(person.moodle_username, person.moodle_user_id))
            user.set_unusable_password()
            user.first_name = person.first_name[:150]
            user.last_name = person.last_name[:150]
            user.email = person.email
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError:
                raise SignInRefused("identity_conflict", detail="username taken") from None
            person.user = user
            person.save(update_fields=["user", "updated_at"])
            return user
        fields = {
            "first_name": person.first_name[:150],
            "last_name": person.last_name[:150],
            "email": person.email,
        }
        changed = [name for name, value in fields.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, fields[name])
        if changed:
            user.save(update_fields=changed)
    if not user.is_active:
        raise SignInRefused("account_disabled")
    return user


def signin_with_moodle_password(
    *, username: str, password: str, gateway: MoodleSignInGateway | None = None
) -> SignInOutcome:
    """Sign in with a Moodle username and password (checked by Moodle, never stored).

    Raises `SignInRefused` with the reason when Moodle says no or cannot be asked.
    """
    if not moodle_signin_enabled():
        raise SignInRefused("not_configured")
    gateway = gateway or MoodleSignInGateway()
    links = campaign_courses()
    identity: MoodleIdentity = gateway.authenticate(
        username.strip(), password, [course_id for _campaign, course_id in links]
    )
    if identity.suspended:
        raise SignInRefused("suspended", detail="suspended flag on the Moodle user")
    person, created = person_from_moodle(
        moodle_user_id=identity.userid,
        username=identity.username,
        first_name=identity.firstname,
        last_name=identity.lastname,
        email=identity.email,
        lang=identity.lang,
    )
    user = user_for_person(person)
    changes = memberships_sync_from_moodle(
        person=person,
        course_roles=identity.course_roles,
        courses_read=identity.courses_read,
        source="password",
        links=links,
    )
    forget_roles(user)
    return SignInOutcome(
        user=user,
        person=person,
        method="moodle_password",
        person_created=created,
        role_changes=changes,
        roles_source=identity.roles_source,
    )


def has_any_role(user: Any) -> bool:
    """True when the account may see something: an administrator, or a campaign role."""
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    from thesisdesk.campaigns.models import Membership

    return Membership.objects.filter(person__user=user, campaign__is_archived=False).exists()
