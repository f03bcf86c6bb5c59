"""People: accounts that sign in, the persons ThesisDesk knows, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from thesisdesk.core.models import TimeStampedModel


class User(AbstractUser):
    """A sign-in account (local, or created at a first Moodle sign-in)."""


class Language(models.TextChoices):
    FRENCH = "fr", "Français"
    ENGLISH = "en", "English"


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    MOODLE = "moodle", _("Moodle message")
    BOTH = "both", _("E-mail and Moodle message")


class Person(TimeStampedModel):
    """A human ThesisDesk knows: imported, created by hand, or met at sign-in.

    A person may exist without a `User` (imported people); the account is linked at the
    person's first sign-in (`person_link_user`). `moodle_user_id` is the seam to Moodle's
    identities; the Moodle app fills it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    moodle_user_id = models.PositiveBigIntegerField(
        _("Moodle user id"), null=True, blank=True, unique=True
    )
    moodle_username = models.CharField(_("Moodle username"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.FRENCH
    )
    notification_channel = models.CharField(
        _("notifications by"),
        max_length=10,
        choices=NotificationChannel.choices,
        default=NotificationChannel.EMAIL,
    )

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(Lower("last_name"), name="person_last_name_lower")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A bearer token another system uses for the REST API, acting as `user`.

    Only the SHA-256 of the token is stored; the token itself is shown once, when an
    administrator creates it (`api_token_create`). The token has exactly the permissions
    of its user.
    """

    PREFIX_LENGTH = 8

    name = models.CharField(_("name"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def generate() -> str:
        return "td_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash_token(raw)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
