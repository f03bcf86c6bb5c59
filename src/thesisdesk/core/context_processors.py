from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """What every page needs to know about the site: above all, whether Moodle is simulated."""
    return {
        "moodle_simulated": settings.MOODLE_SIMULATED or not settings.MOODLE_URL,
        "site_url": settings.SITE_URL,
    }
