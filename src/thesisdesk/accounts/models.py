"""Sign-in records: the sign-in role mapping of a campaign, the memberships that came from
Moodle, and the LTI launch nonces already used."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Moodle course role shortname → ThesisDesk roles, used when a campaign has no mapping of
#: its own. Moodle's standard roles; a site with its own roles sets the campaign's mapping.
DEFAULT_SIGNIN_ROLE_MAPPING: dict[str, list[str]] = {
    "student": ["student"],
    "editingteacher": ["supervisor"],
    "teacher": ["supervisor"],
    "manager": ["coordinator"],
}


class SignInRoleMapping(models.Model):
    """How the Moodle roles of a campaign's course become ThesisDesk roles at sign-in.

    `mapping` is `{"<moodle role shortname>": ["<thesisdesk role>", ...]}`; a Moodle role
    that is not in it gives no ThesisDesk role. (The other direction — which Moodle role a
    ThesisDesk role is enrolled with — belongs to the Moodle course link.)
    """

    campaign = models.OneToOneField(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="signin_role_mapping"
    )
    mapping = models.JSONField(_("Moodle role → ThesisDesk roles"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sign-in role mapping")

    def __str__(self) -> str:
        return f"{self.campaign}: {self.mapping}"


class MoodleRoleGrant(models.Model):
    """A campaign role a person holds because of their Moodle course roles.

    Kept so that a later sign-in can take back what Moodle no longer gives, without
    touching roles granted inside ThesisDesk: `membership_created` is False when the
    membership already existed (granted in ThesisDesk) when Moodle first gave the role.
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="moodle_role_grants"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="moodle_role_grants"
    )
    role = models.CharField(max_length=20)
    moodle_roles = models.JSONField(default=list)
    membership_created = models.BooleanField(default=True)
    source = models.CharField(max_length=10, default="password")
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person", "role"], name="moodle_role_grant_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.role} in {self.campaign_id} from {self.moodle_roles}"


class UsedLtiNonce(models.Model):
    """An LTI id_token nonce already used: a second launch with it is a replay."""

    nonce = models.CharField(max_length=255, unique=True)
    issuer = models.CharField(max_length=255)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.nonce
