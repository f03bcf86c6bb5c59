"""Writes on people and API tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.core import outbox
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import NotAllowed, ValidationFailed
from thesisdesk.core.permissions import Action, Actor, is_admin, require
from thesisdesk.people.models import ApiToken, Language, NotificationChannel, Person, User

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "moodle_user_id",
    "moodle_username",
    "preferred_language",
    "notification_channel",
)
PREFERENCE_FIELDS = frozenset({"preferred_language", "notification_channel"})
# last_used_at is written at most this often, so that busy API clients do not turn every
# read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _clean_person_values(values: dict[str, Any], *, person: Person | None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for name in ("first_name", "last_name"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
            if not cleaned[name]:
                errors.setdefault(name, []).append(_("This field is required."))
    if "email" in cleaned:
        email = (cleaned["email"] or "").strip().lower()
        cleaned["email"] = email
        try:
            validate_email(email)
        except DjangoValidationError:
            errors.setdefault("email", []).append(_("Enter a valid e-mail address."))
        else:
            duplicate = Person.objects.filter(email__iexact=email)
            if person is not None:
                duplicate = duplicate.exclude(pk=person.pk)
            if duplicate.exists():
                errors.setdefault("email", []).append(
                    _("Another person already has the e-mail address %(email)s.") % {"email": email}
                )
    if cleaned.get("moodle_user_id") is not None:
        duplicate = Person.objects.filter(moodle_user_id=cleaned["moodle_user_id"])
        if person is not None:
            duplicate = duplicate.exclude(pk=person.pk)
        if duplicate.exists():
            errors.setdefault("moodle_user_id", []).append(
                _("Another person already has this Moodle user id.")
            )
    if "preferred_language" in cleaned and cleaned["preferred_language"] not in Language.values:
        errors.setdefault("preferred_language", []).append(_("Choose French or English."))
    if (
        "notification_channel" in cleaned
        and cleaned["notification_channel"] not in NotificationChannel.values
    ):
        errors.setdefault("notification_channel", []).append(
            _("Choose e-mail, Moodle message or both.")
        )
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors=errors)
    return cleaned


def person_create(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    email: str,
    moodle_user_id: int | None = None,
    moodle_username: str = "",
    preferred_language: str = Language.FRENCH,
    notification_channel: str = NotificationChannel.EMAIL,
) -> Person:
    """Create a person (no account yet: it is linked at their first sign-in)."""
    require(actor, Action.PERSON_CREATE)
    values = _clean_person_values(
        {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "moodle_user_id": moodle_user_id,
            "moodle_username": moodle_username.strip(),
            "preferred_language": preferred_language,
            "notification_channel": notification_channel,
        },
        person=None,
    )
    with transaction.atomic():
        person = Person.objects.create(**values)
        audit_record(actor=actor, action="person.create", target=person)
    return person


def person_update(*, actor: Actor, person: Person, **fields: Any) -> Person:
    """Change a person's details. A person may change their own preferences."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            errors={name: [_("Unknown field.")] for name in unknown},
        )
    if set(fields) <= PREFERENCE_FIELDS:
        require(actor, Action.PERSON_UPDATE_PREFERENCES, person)
    else:
        require(actor, Action.PERSON_UPDATE, person)
    values = _clean_person_values(fields, person=person)
    with transaction.atomic():
        changed = {}
        for name, value in values.items():
            if getattr(person, name) != value:
                changed[name] = [str(getattr(person, name)), str(value)]
                setattr(person, name, value)
        if changed:
            person.save()
            audit_record(actor=actor, action="person.update", target=person, data=changed)
            if changed.keys() & {"first_name", "last_name", "email", "moodle_user_id"}:
                for campaign_id in person.memberships.values_list(
                    "campaign_id", flat=True
                ).distinct():
                    outbox.campaign_changed(campaign_id, reason="person.update")
    return person


def person_link_user(*, user: User) -> Person:
    """The person of `user`, linking or creating it at the first sign-in.

    Matches an existing person without an account by e-mail (case-insensitive), then by
    Moodle username; otherwise creates one from the account's names.
    """
    with transaction.atomic():
        existing = Person.objects.select_for_update().filter(user=user).first()
        if existing is not None:
            return existing
        person = None
        if user.email:
            person = Person.objects.filter(user__isnull=True, email__iexact=user.email).first()
        if person is None and user.username:
            person = Person.objects.filter(user__isnull=True, moodle_username=user.username).first()
        if person is None:
            email = (user.email or f"{user.username}@invalid.local").lower()
            if Person.objects.filter(email__iexact=email).exists():
                raise ValidationFailed(
                    _("Another person already uses the e-mail address %(email)s.")
                    % {"email": email},
                    errors={"email": [_("Already used.")]},
                )
            person = Person.objects.create(
                user=user,
                first_name=user.first_name or user.username,
                last_name=user.last_name,
                email=email,
            )
            audit_record(actor=None, action="person.create", target=person, data={"user": user.pk})
        else:
            person.user = user
            person.save(update_fields=["user", "updated_at"])
            audit_record(
                actor=None, action="person.link_user", target=person, data={"user": user.pk}
            )
    return person


def api_token_create(*, actor: Actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token acting as `user`. Returns the token row and the raw token (shown once)."""
    if actor is not None and not is_admin(actor):
        raise NotAllowed(_("Only an administrator may create API tokens."))
    name = name.strip()
    if not name:
        raise ValidationFailed(
            _("Give the token a name."), errors={"name": [_("This field is required.")]}
        )
    raw = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name,
            user=user,
            key_prefix=raw[: ApiToken.PREFIX_LENGTH],
            key_hash=ApiToken.hash(raw),
            created_by=actor if isinstance(actor, User) else None,
        )
        audit_record(actor=actor, action="api_token.create", target=token, data={"user": user.pk})
    return token, raw


def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    if actor is not None and not is_admin(actor):
        raise NotAllowed(_("Only an administrator may revoke API tokens."))
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(actor=actor, action="api_token.revoke", target=token)
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The active token matching `raw`, or None. Records when it was last used."""
    if not raw or not raw.startswith("td_"):
        return None
    token = (
        ApiToken.objects.active().select_related("user").filter(key_hash=ApiToken.hash(raw)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
