"""People: accounts that sign in, and the persons ThesisDesk knows."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A sign-in account (local, or created at a first Moodle sign-in)."""
