"""Registering a Moodle site as an LTI 1.3 platform, and what to tell Moodle about us."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from lti_tool.models import Key, LtiDeployment, LtiRegistration


@dataclass(frozen=True)
class ToolUrls:
    """What a Moodle administrator types into "Configure a tool manually"."""

    tool_url: str
    login_url: str
    redirect_uri: str
    keyset_url: str


def tool_urls() -> ToolUrls:
    """The tool's URLs, from SITE_URL (the same for every platform)."""
    site = settings.SITE_URL.rstrip("/")
    launch = site + reverse("accounts:lti-launch")
    return ToolUrls(
        tool_url=launch,
        login_url=site + reverse("accounts:lti-login"),
        redirect_uri=launch,
        keyset_url=site + reverse("accounts:lti-jwks"),
    )


def ensure_tool_key() -> Key:
    """The tool's signing key (published at the JWKS URL), created the first time."""
    key = Key.objects.active().order_by("-datetime_created").first()
    return key if key is not None else Key.objects.generate()


def lti_platform_register(
    *,
    moodle_url: str,
    client_id: str,
    deployment_ids: list[str],
    name: str = "",
) -> LtiRegistration:
    """Register (or update) a Moodle site as a platform, with its active deployments.

    Moodle's endpoints follow from its address: issuer = the site URL,
    auth = /mod/lti/auth.php, token = /mod/lti/token.php, keyset = /mod/lti/certs.php.
    """
    issuer = moodle_url.rstrip("/")
    with transaction.atomic():
        ensure_tool_key()
        registration, _created = LtiRegistration.objects.update_or_create(
            issuer=issuer,
            client_id=client_id,
            defaults={
                "name": name or issuer,
                "auth_url": issuer + "/mod/lti/auth.php",
                "token_url": issuer + "/mod/lti/token.php",
                "keyset_url": issuer + "/mod/lti/certs.php",
                "is_active": True,
            },
        )
        for deployment_id in deployment_ids:
            LtiDeployment.objects.update_or_create(
                registration=registration,
                deployment_id=deployment_id,
                defaults={"is_active": True},
            )
    return registration
