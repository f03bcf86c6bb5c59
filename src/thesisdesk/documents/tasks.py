"""Background jobs of documents: publish a campaign's guideline files to Moodle."""

from __future__ import annotations

from django_tasks import task


@task()
def publish_guideline_files(campaign_id: int) -> int:
    from thesisdesk.campaigns.models import Campaign
    from thesisdesk.documents import services
    from thesisdesk.moodle.models import MoodleCourseLink

    campaign = Campaign.objects.get(pk=campaign_id)
    if not MoodleCourseLink.objects.filter(campaign=campaign).exists():
        return 0
    report = services.guideline_files_publish(campaign=campaign)
    return len(report.published) + len(report.removed)
