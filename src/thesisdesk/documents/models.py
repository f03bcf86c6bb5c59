"""Guideline files: documents and templates coordinators publish to the campaign's course."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thesisdesk.core.models import TimeStampedModel


def guideline_upload_to(instance: GuidelineFile, filename: str) -> str:
    return f"guidelines/campaign-{instance.campaign_id}/{filename}"


class GuidelineFile(TimeStampedModel):
    """One document published in the Moodle course as a resource (key
    `campaign:<c>/guideline:<id>/resource`). Replacing the file keeps the key, so Moodle
    replaces the file in the same activity."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="guideline_files"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=guideline_upload_to, max_length=300)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=150)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    visible = models.BooleanField(_("visible to students"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What Moodle last received (fingerprint), and when; an error if the last try failed.
    published_fingerprint = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    moodle_cmid = models.PositiveIntegerField(null=True, blank=True)
    publish_error = models.TextField(blank=True)
    # Removed in ThesisDesk, still to be removed from Moodle.
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["campaign", "title", "id"]
        verbose_name = _("guideline file")

    def __str__(self) -> str:
        return self.title

    @property
    def moodle_key(self) -> str:
        return f"campaign:{self.campaign_id}/guideline:{self.pk}/resource"

    @property
    def fingerprint(self) -> str:
        parts = [self.sha256, self.filename, self.title, self.description, str(self.visible)]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    @property
    def is_published(self) -> bool:
        return bool(self.published_fingerprint) and self.published_fingerprint == self.fingerprint
